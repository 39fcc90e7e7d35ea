"""Roles as entities of their own, and who held them when.

A role is a title of a country or place (``وزیر امور خارجه`` of ``ایران``, ``سفیر`` of
``بلاروس``, ``شهردار تهران``). Different wordings of one role share a key: the country
phrase is taken out (``کشورمان``, ``جمهوری اسلامی ایران``, ``بلاروس``) and kept as the
role's country, ``وزیر خارجه`` is ``وزیر امور خارجه``, ``رئیس جمهوری`` is ``رئیس جمهور``.
Anaphoric titles (``همتای خود``, ``وزیر خارجه این کشور``) and former holders
(``سابق``) make no role.

When a report names a person with a role at a date, the corpus learns that the person
held it then; a report that gives only the role is linked to the holder the corpus knows
at that date (:class:`RoleBook`), with the evidence.

>>> role_key("وزیر امور خارجه کشورمان")
('وزیر امور خارجه', 'ایران')
>>> role_key("وزیر خارجه جمهوری اسلامی ایران") == role_key("وزير امور خارجه ايران")
True
>>> role_key("سفیر بلاروس در تهران"), role_key("رئیس جمهوری اسلامی ایران")
(('سفیر', 'بلاروس'), ('رییس جمهور', 'ایران'))
>>> role_key("شهردار تهران", "ایران")
('شهردار تهران', 'ایران')
>>> role_key("همتای روس خود") is None, role_key("وزیر خارجه سابق آمریکا") is None
(True, True)
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import jdatetime

from ..entities.gazetteer import gazetteer, phrase_units

__all__ = ["role_key", "role_id", "RoleBook", "Tenure"]

_ANAPHORA = frozenset({"خود", "این", "آن", "همتا", "همتای", "همتایان", "او", "وی", "ایشان", "مذکور", "یاد", "شده"})
_FORMER = frozenset({"سابق", "پیشین", "اسبق", "اسبق", "قبلی", "پیشین"})
_PLURAL_HEADS = frozenset({"روسای", "رووسای", "وزرای", "سفرای", "مقامات", "مقام", "اعضای", "اعضا", "عضو",
                           "نمایندگان", "هیئت", "هیات", "گروهی", "جمعی"})
_TITLE_FIX = {
    ("وزیر", "خارجه"): ("وزیر", "امور", "خارجه"),
    ("وزیرخارجه",): ("وزیر", "امور", "خارجه"),
    ("رییس", "جمهوری"): ("رییس", "جمهور"),
    ("ریاست", "جمهوری"): ("رییس", "جمهور"),
    ("نخست", "وزیر"): ("نخست", "وزیر"),
}


def _country_at(units: Tuple[str, ...], i: int) -> Optional[Tuple[int, str]]:
    gaz = gazetteer()
    for j in range(min(len(units), i + 5), i, -1):
        piece = units[i:j]
        entry = gaz.places.get(piece)
        if entry is not None and entry.kind == "country":
            return j, entry.canonical
        dem = gaz.demonyms.get(piece)
        if dem is not None:
            return j, dem.country
        ref = gaz.refs.get(piece)
        if ref is not None and ref.country:
            return j, ref.country
    return None


@functools.lru_cache(maxsize=50_000)
def role_key(role: str, country: Optional[str] = None) -> Optional[Tuple[str, str]]:
    """``(title, country)`` of a role phrase, or None when it names no single office."""
    units = phrase_units(role)
    if not units or any(u in _ANAPHORA or u in _FORMER for u in units):
        return None
    if units[0] in _PLURAL_HEADS or units[0].endswith("ان") and len(units) > 1 and units[0] != "استاندار":
        return None
    gaz = gazetteer()
    title: Tuple[str, ...] = units
    found = None
    for i in range(1, len(units)):
        hit = _country_at(units, i)
        if hit is not None:
            found = (i, hit[1])
            break
    if found is not None:
        i, country = found
        title = units[:i]
        if title == ("رییس",) and units[i] == "جمهوری":
            title = ("رییس", "جمهور")
    if not country:
        return None
    if title and title[-1] == "در":
        title = title[:-1]
    title = _TITLE_FIX.get(title, title)
    if not title or not _starts_with_title(title, gaz):
        return None
    return " ".join(title), country


def _starts_with_title(units: Tuple[str, ...], gaz) -> bool:
    node = gaz.titles.root
    for u in units:
        node = node.get(u)
        if node is None:
            return False
        if "\x00" in node:
            return True
    return False


def role_id(key: Tuple[str, str]) -> str:
    """The identity id of a role key: ``role:وزیر امور خارجه (ایران)``."""
    return f"role:{key[0]} ({key[1]})"


def _day(jalali: Optional[str]) -> Optional[int]:
    """Days since 0001-01-01 (Gregorian ordinal) of a Jalali ``YYYY-MM-DD``, else None."""
    if not jalali or len(jalali) != 10:
        return None
    try:
        y, m, d = (int(x) for x in jalali.split("-"))
        return jdatetime.date(y, m, d).togregorian().toordinal()
    except (ValueError, TypeError):
        return None


def _jalali(ordinal: int) -> str:
    return jdatetime.date.fromgregorian(date=_dt.date.fromordinal(ordinal)).strftime("%Y-%m-%d")


@dataclass
class Tenure:
    """A person seen holding a role: how often and between which dates (Jalali)."""

    role: str
    person: str
    reports: int
    first: Optional[str]
    last: Optional[str]


class RoleBook:
    """Who held which role when, learned from reports that give name and role together.

    >>> book = RoleBook()
    >>> for d in ("1398-05-02", "1398-09-10", "1399-01-20"):
    ...     book.observe("role:وزیر امور خارجه (ایران)", "per:محمد جواد ظریف", d)
    >>> book.holder("role:وزیر امور خارجه (ایران)", "1398-11-01")[0]
    'per:محمد جواد ظریف'
    >>> book.holder("role:وزیر امور خارجه (ایران)", "1390-01-01") is None
    True
    """

    def __init__(self, *, min_reports: int = 2, share: float = 0.8, margin_days: int = 120):
        self.min_reports = min_reports
        self.share = share
        self.margin_days = margin_days
        self._obs: Dict[str, Dict[str, List[Optional[int]]]] = defaultdict(lambda: defaultdict(list))

    def observe(self, role: str, person: str, date_jalali: Optional[str]) -> None:
        self._obs[role][person].append(_day(date_jalali))

    def tenures(self) -> List[Tenure]:
        out = []
        for role, people in self._obs.items():
            for person, days in people.items():
                known = [d for d in days if d is not None]
                out.append(Tenure(role, person, len(days), _jalali(min(known)) if known else None,
                                  _jalali(max(known)) if known else None))
        return out

    def holder(self, role: str, date_jalali: Optional[str]) -> Optional[Tuple[str, str]]:
        """``(person id, reason)`` of whoever the corpus says held ``role`` at that date."""
        people = self._obs.get(role)
        if not people:
            return None
        day = _day(date_jalali)
        scores: Dict[str, int] = {}
        spans: Dict[str, Tuple[Optional[int], Optional[int]]] = {}
        for person, days in people.items():
            known = [d for d in days if d is not None]
            lo, hi = (min(known), max(known)) if known else (None, None)
            spans[person] = (lo, hi)
            if day is None:
                scores[person] = len(days)
            elif lo is not None and lo - self.margin_days <= day <= hi + self.margin_days:
                scores[person] = len(known)
        if not scores:
            return None
        total = sum(scores.values())
        person, n = max(scores.items(), key=lambda kv: (kv[1], kv[0]))
        if n < self.min_reports or n < self.share * total:
            return None
        lo, hi = spans[person]
        when = f" between {_jalali(lo)} and {_jalali(hi)}" if lo is not None else ""
        return person, f"held by this person in {n} reports{when}"
