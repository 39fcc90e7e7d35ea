"""A small date reader used only when no dates stage has filled ``doc.dates``.

It knows the expressions news datelines use for the event day: «امروز (دوشنبه)»،
«دیروز»، «روز گذشته»، «فردا»، «دقایقی پیش»، a bare weekday («روز سه‌شنبه»، «شامگاه شنبه») and a
full Jalali date («۱۹ آبان ماه ۱۴۰۴»). The dates stage does this properly; this
keeps the events stage usable in a pipeline without it.
"""

from __future__ import annotations

from typing import List, Optional

import jdatetime
import regex

from ..calendar import WEEKDAYS_FA
from ..document import Document
from ..normalize import fold_digits
from ..records import DateValue
from . import gates
from .lexicon import LB, RB
from .. import _rxcache as rxcache

__all__ = ["find_dates"]

_MONTHS = {"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6, "مهر": 7,
           "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12}
_WD = "(?:شنبه|یکشنبه|یک[\u200c ]?شنبه|دوشنبه|دو[\u200c ]?شنبه|سه[\u200c ]?شنبه|چهارشنبه|چهار[\u200c ]?شنبه|پنجشنبه|پنج[\u200c ]?شنبه|جمعه)"
_PART = "(?:صبح|ظهر|عصر|شب|بعدازظهر|بعد از ظهر|بامداد|شامگاه|ظهر|امشب)"
_REL = rxcache.compile(LB + r"(?:" + _PART + r"\s+)?(?P<rel>امروز|دیروز|روز گذشته|فردا|امشب|(?:دقایقی|ساعاتی|لحظاتی)\s+(?:پیش|قبل))(?:\s*[-(]?\s*(?P<wd>" + _WD + r")\s*[-)]?)?"
                     r"(?:\s*(?P<d>[۰-۹]{1,2})\s+(?P<m>" + "|".join(_MONTHS) + r")(?:\s*ماه)?(?:\s+(?:سال\s+)?(?P<y>[۰-۹]{4}))?)?" + RB)
_FULL = rxcache.compile(LB + r"(?:(?P<wd>" + _WD + r")\s*[،,]?\s*)?(?P<d>[۰-۹]{1,2})\s+(?P<m>" + "|".join(_MONTHS) + r")(?:\s*ماه)?(?:\s+(?:سال\s+)?(?P<y>[۰-۹]{4}))?" + RB)
_BARE_WD = rxcache.compile(LB + r"(?:(?:روز|" + _PART + r")\s+)(?P<wd>" + _WD + r")(?:\s+(?P<past>گذشته|اخیر))?" + RB)


def _wd_index(text: str) -> Optional[int]:
    key = text.replace("\u200c", "").replace(" ", "")
    for i, w in enumerate(WEEKDAYS_FA):
        if w.replace("\u200c", "") == key:
            return i
    return None


def _value(doc: Document, s: int, e: int, day: Optional[jdatetime.date], relative: bool) -> DateValue:
    span = doc.span_from_norm(s, e, label="DATE")
    if day is None:
        return DateValue(span, relative=relative)
    return DateValue(span, jalali=day.strftime("%Y-%m-%d"), gregorian=day.togregorian().isoformat(),
                     granularity="day", weekday=WEEKDAYS_FA[day.weekday()], relative=relative)


def _finditer(pat, norm: str, digits: bool = False):
    """``pat.finditer(norm)``, without a scan of a text that holds none of the literals every
    match holds (:func:`gates.required`) or, with ``digits``, no Persian digit (the reader runs
    on articles the dates stage found no date in: most hold none of its words)."""
    lits = gates.required(pat)
    if lits is not None and not any(lit in norm for lit in lits) or digits and not any(d in norm for d in _DIGITS):
        return ()
    return pat.finditer(norm)


_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def find_dates(doc: Document) -> List[DateValue]:
    norm = doc.norm
    pub = doc.published
    out: List[DateValue] = []
    taken = []
    for m in _finditer(_REL, norm):
        day = None
        if m.group("d") and m.group("y"):
            try:
                day = jdatetime.date(int(fold_digits(m.group("y"))), _MONTHS[m.group("m")], int(fold_digits(m.group("d"))))
            except ValueError:
                day = None
        elif pub is not None:
            rel = m.group("rel")
            delta = {"امروز": 0, "امشب": 0, "دیروز": -1, "روز گذشته": -1, "فردا": 1}.get(rel, 0)
            day = pub + jdatetime.timedelta(days=delta)
            wd = _wd_index(m.group("wd")) if m.group("wd") else None
            if wd is not None and rel in ("امروز", "امشب") and day.weekday() != wd:
                # the written weekday wins (agencies copy items a day later)
                back = (day.weekday() - wd) % 7
                if back <= 2:
                    day = day - jdatetime.timedelta(days=back)
        out.append(_value(doc, m.start(), m.end(), day, relative=not (m.group("d") and m.group("y"))))
        taken.append(m.span())
    for m in _finditer(_FULL, norm, digits=True):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        year = int(fold_digits(m.group("y"))) if m.group("y") else (pub.year if pub is not None else None)
        day = None
        if year is not None:
            try:
                day = jdatetime.date(year, _MONTHS[m.group("m")], int(fold_digits(m.group("d"))))
            except ValueError:
                day = None
        out.append(_value(doc, m.start(), m.end(), day, relative=False))
        taken.append(m.span())
    for m in _finditer(_BARE_WD, norm):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        wd = _wd_index(m.group("wd"))
        day = None
        if pub is not None and wd is not None:
            back = (pub.weekday() - wd) % 7 or (7 if m.group("past") else 0)  # «شنبه گذشته» on a Saturday: a week back
            day = pub - jdatetime.timedelta(days=back)
        value = _value(doc, m.start(), m.end(), day, relative=True)
        if wd is not None:
            value.attrs["weekday_index"] = wd  # events re-anchor it by their tense
            value.attrs["week_rel"] = "past" if m.group("past") else None
        out.append(value)
    out.sort(key=lambda d: d.span.start)
    return out
