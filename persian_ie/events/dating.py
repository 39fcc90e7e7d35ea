"""Which day an event mention took (or will take) place.

:func:`event_date` picks, among the day-valued dates of the mention's clause, the one
that belongs to this mention:

* a date **tied to the trigger** comes first: right after a nominal trigger («دیدار روز
  دوشنبه», «نشست ۲۴ فوریه») or right before it («امروز دیدار کردند»);
* then a date of the trigger's own phrase (no «،» between them), then one of its clause;
* a date is not this event's when it belongs to something else: it stands right after
  another happening («جلسه روز سه‌شنبه گذشته … سفر روحانی»), or a verb of saying lies
  between it and the trigger («امروز اعلام کرد که … سفر خواهد کرد»: the day of the
  announcement), or it opens a span («از ۲۴ فوریه»);
* a date nearer to another trigger of the sentence is that trigger's; it is shared only
  when this mention has no date of its own (not even a month: «ماه آینده»), when the
  tense agrees (a planned event never takes a day before publication), and when the
  date is not inside a relative clause of that other trigger («X که امروز عازم دمشق شد،
  در ملاقات با …»): «امروز … پس از دیدار با X … به امضا رساند» and «دوشنبه به ازبکستان
  سفر کرد و با … دیدار کرد» share it;
* a multi-day range («۲۴ و ۲۵ فوریه», «از امروز») dates a visit by its first day; a
  meeting inside it gets no day unless the range is tied to that meeting;
* a bare weekday follows the event's status (dev_news conventions): planned or proposed
  → the next such weekday after publication; occurred → the latest on or before it
  («X گذشته» written on that same weekday is a week back, which the dates stage does).

The rank of the choice (0 tied, 1 same phrase, 2 same clause, 3 shared) is kept in
``mention.extra["date_rank"]`` so that an event seen several times takes its best-tied
date rather than its first.

>>> import persian_ie
>>> r = persian_ie.extract("وزیر خارجه روز دوشنبه در جلسه‌ای گفت که رئیس‌جمهور روز جمعه به مسکو سفر خواهد کرد.",
...                        published="1398-10-10")
>>> [(e.type, e.status, e.date.jalali if e.date else None) for e in r.events]
[('visit', 'planned', '1398-10-13')]
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Optional, Sequence, Tuple

import jdatetime
import regex

from .._resources import read_json
from ..calendar import WEEKDAYS_FA
from ..document import Document
from .. import _rxcache as rxcache

__all__ = ["event_date"]

_OPENS_SPAN = rxcache.compile(r"(?:^|\s)(?:از|تا|پس از|قبل از|پیش از|بعد از|از زمان)\s+(?:\p{L}+\s+)?$")
_STARTS_STRETCH = rxcache.compile(r"(?:^|\s)(?:از|تا)\s+(?:\p{L}+\s+)?$")
_TIED_AFTER = rxcache.compile(r"^[\s\u200c(«]*(?:(?:روز|در روز|در تاریخ|به تاریخ|مورخ|مورخه)[\s\u200c]+)?$")
_TIED_BEFORE = rxcache.compile(r"^[\s\u200c)»]*$")
_COMMA = rxcache.compile(r"[،,]")
_OBJECT = rxcache.compile(r"(?<![\p{L}])را(?![\p{L}])")
_THAT = rxcache.compile(r"(?<![\p{L}])که(?![\p{L}])")


def _alternation(words: Sequence[str]) -> str:
    parts = sorted({"[ \u200c]?".join(regex.escape(p) for p in w.replace("\u200c", " ").split()) for w in words},
                   key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


@functools.lru_cache(maxsize=1)
def _noun_any() -> "regex.Pattern[str]":
    data = read_json("dates/event_anchors.json")
    return rxcache.compile(r"(?<![\p{L}\u200c])" + _alternation(data["event_nouns"]) + r"(?![\p{L}])")


@functools.lru_cache(maxsize=1)
def _anchors() -> Tuple["regex.Pattern[str]", "regex.Pattern[str]"]:
    data = read_json("dates/event_anchors.json")
    speech = rxcache.compile(r"(?<![\p{L}\u200c])" + _alternation(data["speech_verbs"]) + r"(?![\p{L}])")
    nouns = rxcache.compile(r"(?<![\p{L}\u200c])" + _alternation(data["event_nouns"])
                          + r"(?:[\u200c ]?(?:ها|های|ای|ی))?(?:[\s\u200c]+(?:روز|مورخ|مورخه|در روز))?[\s\u200c(«]*$")
    return speech, nouns


def _span(doc: Document, d) -> Optional[Tuple[int, int]]:
    try:
        return doc.norm_span(d.span)
    except (IndexError, AttributeError):
        return None


def _gap(m, s: int, t: int) -> Tuple[int, int]:
    """The text between a date ``[s, t)`` and the trigger."""
    return (t, m.start) if t <= m.start else (m.end, s)


def _said(norm: str, m, s: int, t: int, clause_end: int) -> bool:
    """A verb of saying between the date and the trigger, or right after a date that
    follows the trigger («… دیدار کرد و روز دوشنبه گفت»)."""
    speech, _ = _anchors()
    x, y = _gap(m, s, t)
    if speech.search(norm, x, y):
        return True
    if s >= m.end:
        if _OBJECT.search(norm, m.end, s):
            return False  # «دیدار … را ۲۵ آبان اعلام کردند»: the day announced for it
        nxt = speech.search(norm, t, min(clause_end, t + 30))
        return bool(nxt and not _COMMA.search(norm, t, nxt.start()))
    return False


def _after_other_happening(norm: str, m, s: int, lo: int, heads) -> bool:
    """The date stands right after a noun of another happening («جلسه روز سه‌شنبه» for a
    visit); a noun of the mention's own type («در دیدار امروز» for a meeting) is not another."""
    _, nouns = _anchors()
    left = max(lo, s - 40)
    found = []
    hit = nouns.search(norm, left, s)
    if hit:
        found.append((hit.start(), hit.end()))
    for head in heads:
        for h in head.pattern.finditer(norm, left, s):
            if _TIED_AFTER.match(norm[h.end():s]):
                found.append((h.start(), h.end()))
    for x, y in found:
        if x < m.end and m.start < y:
            return False  # the mention's own head
        if any(head.type == m.type and head.pattern.match(norm, x, y) for head in heads):
            return False
        return True
    return False


def _phrase_has_other_happening(norm: str, m, s: int, t: int, a: int, b: int, heads) -> bool:
    """The date's own phrase (between commas) names another happening before it."""
    lo = max([a] + [c.end() for c in _COMMA.finditer(norm, max(a, s - 200), s)])
    for hit in _noun_any().finditer(norm, lo, s):
        if not (hit.start() < m.end and m.start < hit.end()):
            return True
    for head in heads:
        for h in head.pattern.finditer(norm, lo, s):
            if not (h.start() < m.end and m.start < h.end()):
                return True
    return False


def _tied(norm: str, m, s: int, t: int) -> bool:
    if s >= m.end:
        return bool(_TIED_AFTER.match(norm[m.end:s]))
    return t <= m.start and bool(_TIED_BEFORE.match(norm[t:m.start]))


def _distance(o, s: int, t: int) -> int:
    return o.start - t if t <= o.start else max(0, s - o.end)


def _reanchor(d, status: Optional[str], published: Optional[jdatetime.date]):
    """A bare weekday read by the event's status (planned → the next one after publication)."""
    wd = d.attrs.get("weekday_index")
    if wd is None or d.attrs.get("week_rel") is not None or published is None:
        return d
    pub_wd = published.weekday()
    if status in ("planned", "proposed"):
        day = published + jdatetime.timedelta(days=(wd - pub_wd) % 7 or 7)
    else:
        day = published - jdatetime.timedelta(days=(pub_wd - wd) % 7)
    jalali = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if jalali == d.jalali:
        return d
    return replace(d, jalali=jalali, gregorian=day.togregorian().isoformat(), weekday=WEEKDAYS_FA[day.weekday()],
                   attrs=dict(d.attrs))


def event_date(doc: Document, m, dates: Sequence, window: Tuple[int, int], others: Sequence = (),
               heads: Sequence = ()):
    """The DateValue of mention ``m`` (see the module docstring), or None.

    ``dates``: DateValues, or ``(nstart, nend, date)`` triples near the mention (the
    events stage passes those from a position index); ``window``: the normalized clause
    bounds of ``m``; ``others``: the other trigger mentions (those of the same sentence
    compete for dates); ``heads``: the trigger lexicon's heads (nouns of other happenings).
    """
    a, b = window
    norm = doc.norm
    rivals = None  # the other mentions of the sentence (listed when a date is in the window)
    own, shared = [], []
    coarse_own = False
    for item in dates:
        if isinstance(item, tuple):
            s, t, d = item
        else:
            d, span = item, _span(doc, item)
            if span is None:
                continue
            s, t = span
        if not (a <= s and t <= b):
            continue
        same_phrase = not _COMMA.search(norm, *_gap(m, s, t))
        if getattr(d, "granularity", "day") not in (None, "day") or getattr(d, "jalali", None) is None:
            # an event's date is a day; a month or a year of its own phrase («ماه آینده») still
            # says the event is dated otherwise, so it borrows no day from another trigger
            if same_phrase and getattr(d, "granularity", None) in ("month", "year") and _distance(m, s, t) < 60:
                coarse_own = True
            continue
        if _said(norm, m, s, t, b) or _after_other_happening(norm, m, s, a, heads):
            continue
        if not same_phrase and _phrase_has_other_happening(norm, m, s, t, a, b, heads):
            continue  # «به دلیل تقارن با جلسه‌ای، همایش جبهه ۸ اسفند برگزار خواهد شد»: the همایش's day
        tied = _tied(norm, m, s, t)
        if "range_end" in d.attrs and m.type not in ("visit", "working_group") and not tied:
            continue  # a meeting inside a multi-day trip has no day of its own
        dist = _distance(m, s, t)
        if not tied and _OPENS_SPAN.search(norm, max(a, s - 12), s):
            if m.type not in ("visit", "working_group") and _STARTS_STRETCH.search(norm, max(a, s - 12), s):
                continue  # «از امروز در سفری … دیدار»: the trip starts today, a meeting in it has no day
            dist += 1000  # «از بامداد ششم مارس»: the start of something else
        rank = 0 if tied else (1 if same_phrase else 2)
        if rivals is None:
            rivals = [o for o in others if o is not m and o.sent == m.sent and not o.anaphoric]
        nearer = [o for o in rivals if _distance(o, s, t) < _distance(m, s, t)]
        if nearer and not tied:
            x, y = _gap(m, s, t)
            if _THAT.search(norm, x, y) or s < m.start and any(t <= o.start < m.start for o in nearer) and \
                    _THAT.search(norm, max([a] + [c.end() for c in _COMMA.finditer(norm, a, s)]), s):
                continue  # «X که امروز عازم دمشق شد، در ملاقات …»: the day of that relative clause
            shared.append((rank, dist, s, d))
        else:
            own.append((rank, dist, s, d))
    if own:
        rank, _, _, best = min(own, key=lambda x: x[:3])
    elif shared and not coarse_own:
        rank, _, _, best = min(shared, key=lambda x: x[:3])
        rank = 3
        published = doc.published
        if published is not None and m.status in ("planned", "proposed") and best.jalali < published.strftime("%Y-%m-%d"):
            return None  # a planned event never takes a day gone
    else:
        return None
    m.extra["date_rank"] = rank
    return _reanchor(best, m.status, doc.published)
