"""Date lexicon: month names, number words, weekdays, eras, relative words and parts
of the day, named days (عاشورا، نوروز), read once per process from ``persian_ie/resources/dates/*.json``.

The data files hold every word; this module only indexes them and turns word
lists into regular-expression alternations (longest spelling first, spaces and
ZWNJ interchangeable, so «آبان‌ماه», «آبان ماه» and «آبانماه» all match).

>>> lex = get_lexicon()
>>> lex.month_by_name["آبان"]
('jalali', 8)
>>> lex.weekday_by_name["سه شنبه"]
3
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

import regex

from .._resources import read_json
from .. import _rxcache as rxcache

__all__ = ["DateLexicon", "get_lexicon", "alternation", "fold_key"]

#: characters treated as a word joint: space or ZWNJ
JOINT = "[ \u200c]"


_DOT_SPACES = rxcache.compile(r"\s*\.\s*")


def fold_key(word: str) -> str:
    """Lookup key for a matched spelling: ZWNJ and repeated spaces become one space,
    spaces around abbreviation dots go («ه. ق.» → «ه.ق.»)."""
    key = " ".join(word.replace("\u200c", " ").split())
    return _DOT_SPACES.sub(".", key) if "." in key else key


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words``, longest first; inner spaces/ZWNJ match either
    (or nothing, for a ZWNJ-joined spelling such as «سه‌شنبه» written «سه شنبه»)."""
    pieces = set()
    for w in words:
        key = fold_key(w)
        if not key:
            continue
        parts = [regex.escape(p).replace(r"\.", r" ?\. ?") for p in key.split(" ")]
        pieces.add(f"{JOINT}?".join(parts) if len(parts) > 1 else parts[0])
    return "(?:" + "|".join(sorted(pieces, key=lambda p: (-len(p), p))) + ")"


@dataclass
class DateLexicon:
    """Indexed lexicon (see the module docstring)."""

    month_by_name: Dict[str, Tuple[str, int]] = field(default_factory=dict)
    ambiguous_months: set = field(default_factory=set)
    cardinal: Dict[str, int] = field(default_factory=dict)
    ordinal: Dict[str, int] = field(default_factory=dict)
    fractions: Dict[str, float] = field(default_factory=dict)
    weekday_by_name: Dict[str, int] = field(default_factory=dict)
    weekday_not_after: set = field(default_factory=set)
    era_by_name: Dict[str, str] = field(default_factory=dict)
    rel_days: Dict[str, Optional[int]] = field(default_factory=dict)
    rel_years: Dict[str, int] = field(default_factory=dict)
    units: Dict[str, str] = field(default_factory=dict)
    directions: Dict[str, int] = field(default_factory=dict)
    span_directions: set = field(default_factory=set)
    current_prefix: List[str] = field(default_factory=list)
    current_suffix: List[str] = field(default_factory=list)
    modifiers_before: List[str] = field(default_factory=list)
    figurative_before: set = field(default_factory=set)
    future_markers: List[str] = field(default_factory=list)
    stative_verbs: set = field(default_factory=set)
    past_verbs: set = field(default_factory=set)
    contrast_before: set = field(default_factory=set)
    dayparts: Dict[str, Tuple[str, str]] = field(default_factory=dict)
    clock_suffixes: Dict[str, str] = field(default_factory=dict)
    clock_prefix: List[str] = field(default_factory=list)
    seasons: Dict[str, int] = field(default_factory=dict)
    after_number_block: set = field(default_factory=set)
    before_number_block: set = field(default_factory=set)
    place_before: set = field(default_factory=set)
    weekday_not_before: set = field(default_factory=set)
    year_after: List[str] = field(default_factory=list)
    gregorian_year_after: List[str] = field(default_factory=list)
    event_before: set = field(default_factory=set)
    name_before: set = field(default_factory=set)
    weekday_city: set = field(default_factory=set)
    weekday_city_before: set = field(default_factory=set)
    weekday_city_after: set = field(default_factory=set)
    named_days: Dict[str, Tuple[str, int, int]] = field(default_factory=dict)

    # -- lookups ------------------------------------------------------------------------------

    def month(self, word: str) -> Optional[Tuple[str, int]]:
        return self.month_by_name.get(fold_key(word))

    def weekday(self, word: str) -> Optional[int]:
        return self.weekday_by_name.get(fold_key(word))

    def era(self, word: str) -> Optional[str]:
        return self.era_by_name.get(fold_key(word))

    def daypart(self, word: str) -> Optional[Tuple[str, str]]:
        return self.dayparts.get(fold_key(word))


def _months(data: dict, lex: DateLexicon) -> None:
    for calendar in ("jalali", "gregorian", "hijri"):
        for entry in data[calendar]:
            for name in entry["names"]:
                key = fold_key(name)
                # a spelling shared by two calendars keeps the first (Jalali wins)
                lex.month_by_name.setdefault(key, (calendar, int(entry["month"])))
                if entry.get("ambiguous"):
                    lex.ambiguous_months.add(key)


@functools.lru_cache(maxsize=None)
def get_lexicon() -> DateLexicon:
    """The process-wide lexicon (loaded on first call)."""
    lex = DateLexicon()
    _months(read_json("dates/months.json"), lex)
    numbers = read_json("dates/numbers.json")
    lex.cardinal = {fold_key(k): int(v) for k, v in numbers["cardinal"].items()}
    lex.ordinal = {fold_key(k): int(v) for k, v in numbers["ordinal"].items()}
    lex.fractions = {fold_key(k): float(v) for k, v in numbers["fractions"].items()}
    weekdays = read_json("dates/weekdays.json")
    lex.weekday_by_name = {fold_key(k): int(v) for k, v in weekdays["names"].items()}
    lex.weekday_not_after = {fold_key(w) for w in weekdays["not_after"]}
    eras = read_json("dates/eras.json")
    for calendar in ("jalali", "gregorian", "hijri", "bc"):
        for w in eras[calendar]:
            lex.era_by_name.setdefault(fold_key(w), calendar)
    rel = read_json("dates/relative.json")
    lex.rel_days = {fold_key(k): v for k, v in rel["days"].items()}
    lex.rel_years = {fold_key(k): int(v) for k, v in rel["years"].items()}
    lex.units = {fold_key(k): v for k, v in rel["units"].items()}
    lex.directions = {fold_key(k): int(v) for k, v in rel["directions"].items()}
    lex.span_directions = {fold_key(w) for w in rel["span_directions"]}
    lex.current_prefix = list(rel["current_prefix"])
    lex.current_suffix = list(rel["current_suffix"])
    lex.modifiers_before = list(rel["modifiers_before"])
    lex.figurative_before = {fold_key(w) for w in rel["figurative_before"]}
    lex.future_markers = list(rel["future_markers"])
    lex.stative_verbs = {fold_key(w) for w in rel["stative_verbs"]}
    lex.past_verbs = {fold_key(w) for w in rel["past_verbs"]}
    lex.contrast_before = {fold_key(w) for w in rel["contrast_before"]}
    parts = read_json("dates/dayparts.json")
    lex.dayparts = {fold_key(k): (v[0], v[1]) for k, v in parts["parts"].items()}
    lex.clock_suffixes = {fold_key(k).lower(): v for k, v in parts["clock_suffixes"].items()}
    lex.clock_prefix = list(parts["clock_prefix"])
    lex.seasons = {fold_key(k): int(v) for k, v in parts["seasons"].items()}
    blockers = read_json("dates/blockers.json")
    lex.after_number_block = {fold_key(w) for w in blockers["after_number"]}
    lex.before_number_block = {fold_key(w) for w in blockers["before_number"]}
    lex.place_before = {fold_key(w) for w in blockers["place_before"]}
    lex.weekday_not_before = {fold_key(w) for w in blockers["weekday_not_before"]}
    lex.year_after = list(blockers["year_after"])
    lex.gregorian_year_after = list(blockers["gregorian_year_after"])
    lex.event_before = {fold_key(w) for w in blockers["event_before"]}
    lex.name_before = {fold_key(w) for w in blockers.get("name_before", [])}
    lex.weekday_not_after |= {fold_key(w) for w in blockers.get("weekday_not_after", [])}
    city = blockers.get("weekday_city", {})
    lex.weekday_city = {fold_key(w) for w in city.get("names", [])}
    lex.weekday_city_before = {fold_key(w) for w in city.get("before", [])}
    lex.weekday_city_after = {fold_key(w) for w in city.get("after", [])}
    named = read_json("dates/named_days.json")
    for calendar in ("jalali", "gregorian", "hijri"):
        for name, (month, day) in named.get(calendar, {}).items():
            lex.named_days[fold_key(name)] = (calendar, int(month), int(day))
    return lex
