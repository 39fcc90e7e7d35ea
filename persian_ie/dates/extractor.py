"""The ``dates`` pipeline stage.

:class:`DateExtractor` recognizes temporal expressions in ``doc.norm``, resolves
them against ``doc.published`` and fills ``doc.dates`` with
:class:`~persian_ie.records.DateValue` records and ``doc.entities`` with DATE and
TIME spans (a date with a clock time gives one DateValue and two entities).

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "dates"])
>>> doc = nlp("جلسه ساعت ۱۰ صبح دیروز برگزار شد.", published="1404-08-19").doc
>>> [(d.text, d.jalali, d.time) for d in doc.dates]
[('ساعت ۱۰ صبح دیروز', '1404-08-18', '10:00')]
>>> [(e.text, e.label) for e in doc.ents("DATE", "TIME")]
[('ساعت ۱۰ صبح', 'TIME'), ('دیروز', 'DATE')]
"""

from __future__ import annotations

from typing import Iterable, List, Optional

import regex

from ..document import Document
from ..records import DateValue
from .recognize import POINT_KINDS, Mention, is_future, is_past, present_only, recognize
from .resolve import resolve
from .. import _rxcache as rxcache

__all__ = ["DateExtractor"]


class DateExtractor:
    """Pipeline stage: temporal expressions → ``doc.dates`` and DATE/TIME entities.

    Args:
        kinds: mention kinds to emit. The default (``date``, ``time``, ``period``)
            follows the contract: points and named periods, no durations («سه ساعت»)
            or sets («هر روز»); add ``"duration"``, ``"set"``, ``"anchored"``, ``"vague"`` to
            tag those too (as in the HengamGold annotation scheme).
        replace_entities: drop DATE/TIME entities of earlier stages that overlap
            the ones found here (this stage's spans and values are authoritative).
    """

    name = "dates"

    def __init__(self, kinds: Optional[Iterable[str]] = None, replace_entities: bool = True):
        self.kinds = tuple(kinds) if kinds is not None else POINT_KINDS
        self.replace_entities = replace_entities

    def mentions(self, doc: Document):
        """Recognized mentions of the wanted kinds (normalized offsets)."""
        return [m for m in recognize(doc.norm) if m.kind in self.kinds]

    def __call__(self, doc: Document) -> Document:
        mentions = self.mentions(doc)
        if not mentions:
            return doc
        new_entities = []
        _borrow_years(doc.norm, mentions)
        for men in mentions:
            future = is_future(doc.norm, men.start, men.end)
            grace = 0
            if not future and (men.weekday is not None and men.day is None and men.week_rel is None
                               or men.day is not None and men.year is None and men.year_rel is None
                               and men.month_rel is None):
                # «روز چهارشنبه … برقرار می‌شود», «۱۵ نوامبر به پاریس می‌رود»: still to come, though a
                # present verb is weak evidence: a day up to a month back stays where it is
                future = present_only(doc.norm, men.start, men.end)
                grace = 31
            past = not future and men.year is None and is_past(doc.norm, men.start, men.end)
            values = resolve(men, doc.published, future=future, past=past, grace=grace) if men.kind in ("date", "time") else {
                "jalali": None, "gregorian": None, "granularity": None, "weekday": None,
                "relative": men.relative, "weekday_conflict": False, "time": None, "part_of_day": None}
            pieces = []
            for s, e, label in men.pieces:
                span = doc.span_from_norm(s, e, label=label)
                if span.end > span.start:
                    pieces.append(span)
            new_entities.extend(pieces)
            if men.kind in ("duration", "set", "anchored", "vague"):
                continue
            span = doc.span_from_norm(men.start, men.end, label=men.label)
            dv = DateValue(span, values["jalali"], values["gregorian"], values["granularity"],
                           values["weekday"], bool(values["relative"]), bool(values["weekday_conflict"]),
                           values["time"], part_of_day=values.get("part_of_day"))
            dv.attrs["kind"] = men.kind
            for key in ("written_weekday", "hijri", "invalid", "range_end"):
                if key in values:
                    dv.attrs[key] = values[key]
            if men.weekday is not None and men.day is None and men.rel_days is None:
                # a bare weekday: events re-anchor it by their own tense (planned → the next one)
                dv.attrs["weekday_index"] = men.weekday
                dv.attrs["week_rel"] = men.week_rel
            doc.dates.append(dv)
        if self.replace_entities:
            doc.entities = [e for e in doc.entities
                            if e.label not in ("DATE", "TIME") or not any(e.overlaps(n) for n in new_entities)]
        doc.entities.extend(new_entities)
        doc.entities.sort(key=lambda e: (e.start, e.end))
        doc.dates.sort(key=lambda d: d.start)
        return doc


_RANGE_GAP = rxcache.compile(r"^[ \u200c]*(?:تا|الی|لغایت|و|-|–|—)[ \u200c]*$")


def _borrow_years(norm: str, mentions: List[Mention]) -> None:
    """Years a mention does not write but its text gives:

    * a range «از ۲۷ ژانویه تا ۱۵ مارس ۲۰۱۵», «۱۱ و ۱۵ فروردین ۱۳۹۹»: the first end takes
      the year of the second (same calendar);
    * «دسامبر همین سال»: the year of the latest explicit date before it.
    """
    for a, b in zip(mentions, mentions[1:]):
        if (a.year is None and a.year_rel is None and a.month is not None and b.year is not None
                and a.calendar == b.calendar and b.month is not None and _RANGE_GAP.match(norm[a.end:b.start])):
            a.year = b.year if (a.month, a.day or 0) <= (b.month, b.day or 0) else b.year - 1
    last_year = {}
    for men in mentions:
        if men.year_anaphoric and men.year is None:
            men.year = last_year.get(men.calendar)
            men.year_anaphoric = men.year is None
        elif men.year is not None and men.calendar:
            last_year[men.calendar] = men.year
