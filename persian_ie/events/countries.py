"""Thin adapter over the entities package's country helper.

``persian_ie.entities.countries`` (owned by the entities stage) knows countries,
demonyms, capitals and Iranian provinces. This module calls it when it is there
and otherwise reads the shipped gazetteers itself, so the events stage works (with
fewer facts) whichever way the package is assembled.

>>> country_of_text("سفیر بلاروس در تهران")
'بلاروس'
>>> country_of_text("همتای عمانی خود")
'عمان'
>>> country_of_text("وزیر خارجه کشورمان")
'ایران'
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Tuple

import regex

from ..normalize import normalize
from .lexicon import LB, RB
from .. import _rxcache as rxcache
from .gates import rx as _rx

__all__ = ["country_of_text", "country_of_place", "countries_in", "LetterRuns", "is_country", "country_of_role"]


def _entities_helper():
    try:  # the entities stage's public helper, when it has landed
        from ..entities import countries as mod  # type: ignore
    except Exception:  # noqa: BLE001 - any import problem means "not available"
        return None
    return mod


@functools.lru_cache(maxsize=1)
def _table() -> Tuple[List[Tuple[str, str, str]], Dict[str, str]]:
    """``[(surface, country, kind)]`` longest first, and ``{country: country}``."""
    from .._resources import read_lines

    rows: List[Tuple[str, str, str]] = []
    canon: Dict[str, str] = {}

    def add(surface: str, country: str, kind: str) -> None:
        surface = normalize(surface.strip())
        if surface and len(surface) >= 2:
            rows.append((surface, country, kind))

    try:
        for line in read_lines("gazetteers/countries.tsv"):
            cols = line.split("\t")
            name = normalize(cols[0].strip())
            canon[name] = name
            add(name, name, "country")
            for i, kind in ((1, "country"), (2, "demonym"), (3, "capital")):
                if len(cols) > i:
                    for x in cols[i].split("|"):
                        add(x, name, kind)
    except (FileNotFoundError, IndexError):
        pass
    try:  # the countries countries.tsv lacks, from CLDR; forms that are also words or names are left out
        for line in read_lines("gazetteers/countries_cldr.tsv"):
            cols = line.split("\t") + ["", "", ""]
            name = normalize(cols[0].strip())
            if not name or name in canon:
                continue
            ambiguous = {normalize(x.strip()) for x in cols[3].split("|")}
            canon[name] = name
            for x in [cols[0]] + cols[1].split("|"):
                if normalize(x.strip()) not in ambiguous:
                    add(x, name, "country")
    except FileNotFoundError:
        pass
    try:
        for line in read_lines("gazetteers/country_references.tsv"):
            cols = line.split("\t")
            if len(cols) >= 2:
                add(cols[0], normalize(cols[1].strip()), "reference")
    except FileNotFoundError:
        pass
    try:
        for line in read_lines("gazetteers/iran_provinces.tsv"):
            cols = line.split("\t")
            for i in range(len(cols)):
                for x in cols[i].split("|"):
                    add(x, "ایران", "place")
    except FileNotFoundError:
        pass
    try:
        for line in read_lines("gazetteers/places.tsv"):
            cols = line.split("\t")
            if len(cols) >= 2 and cols[1].strip() not in ("-", ""):
                add(cols[0], normalize(cols[1].strip()), "place")
    except FileNotFoundError:
        pass
    for surface, country in (("کشورمان", "ایران"), ("ایران", "ایران"), ("جمهوری اسلامی", "ایران"),
                             ("بلاروس", "بلاروس"), ("مینسک", "بلاروس"), ("تهران", "ایران")):
        add(surface, country, "fallback")
        canon.setdefault(country, country)
    rows.sort(key=lambda r: -len(r[0]))
    return rows, canon


@functools.lru_cache(maxsize=1)
def _pattern():
    rows, _ = _table()
    seen = {}
    for surface, country, kind in rows:
        seen.setdefault(surface, (country, kind))
    alts = "|".join(regex.escape(s) for s in sorted(seen, key=len, reverse=True))
    return rxcache.compile(LB + "(?:" + alts + ")" + r"(?:\u200c?ای|ی)?" + RB), seen


@functools.lru_cache(maxsize=1)
def _by_first_word():
    """The listed surfaces keyed by their first word, longest first (what :func:`_pattern`'s
    alternation would try at a word start), for :func:`countries_in`."""
    _, seen = _pattern()
    out: dict = {}
    for surface in sorted(seen, key=len, reverse=True):
        out.setdefault(surface.split(" ")[0], []).append(surface)
    return out


_WORD = rxcache.compile(r"(?<![\p{L}\p{M}\u200c])[\p{L}\p{M}\u200c]+")
_TAIL = rxcache.compile(r"(?:\u200c?ای|ی)?" + RB)


def countries_in(text: str) -> List[Tuple[int, int, str, str]]:
    """``(start, end, country, kind)`` for every country/place mention in normalized ``text``.

    Same matches as :func:`_pattern` (longest listed surface at a word start, an
    optional ی/ای ending, a word end after it), found word by word through a table
    of first words: linear in the text with a small constant (the one regular
    expression of 900 alternatives cost ~3 µs a character).
    """
    return _scan(text, ((w.start(), w.group()) for w in _WORD.finditer(text)))


def _first_candidates(word: str, firsts: dict) -> Optional[List[str]]:
    """The listed surfaces that may start at ``word`` (itself or without a ی/ای ending)."""
    cands = firsts.get(word)
    if cands is None:
        for suf in ("\u200cای", "ای", "ی"):
            if word.endswith(suf) and word[: -len(suf)] in firsts:
                return firsts[word[: -len(suf)]]
    return cands


@functools.lru_cache(maxsize=1)
def _starters() -> frozenset:
    """The runs of letters for which :func:`_first_candidates` finds surfaces: a listed first
    word, or one with a ی/ای ending."""
    firsts = _by_first_word()
    return frozenset(firsts) | frozenset(w + suf for w in firsts for suf in ("\u200cای", "ای", "ی"))


def _match_at(text: str, i: int, word: str) -> Optional[Tuple[int, Optional[Tuple[int, int, str, str]]]]:
    """What :func:`_scan` does at the run of letters ``word`` starting at ``i``: ``None`` when
    no listed surface starts there, else ``(end, hit)`` with the end of the surface matched
    (the scan goes on after it) and the ``(start, end, country, kind)`` it reports, or
    ``None`` when the match is no place («روسای جمهور»)."""
    cands = _first_candidates(word, _by_first_word())
    if cands is None:  # a run of letters holds no space: it starts no surface
        return None
    m = None
    for surface in cands:
        if text.startswith(surface, i):
            tail = _TAIL.match(text, i + len(surface))
            if tail:
                m = (i, tail.end())
                break
    if m is None:
        return None
    surface = text[m[0]:m[1]]
    if surface in ("روسای", "روسا"):
        return m[1], None  # «روسای جمهور» (presidents), not «روس» + «ای»
    _, seen = _pattern()
    key = surface
    if key not in seen:
        for suf in ("\u200cای", "ای", "ی"):
            if key.endswith(suf) and key[: -len(suf)] in seen:
                key = key[: -len(suf)]
                break
    if key in seen:
        country, kind = seen[key]
        if key != surface and kind not in ("country", "demonym"):
            return m[1], None
        return m[1], (m[0], m[1], country, kind)
    return m[1], None


def _scan(text: str, words) -> List[Tuple[int, int, str, str]]:
    """:func:`countries_in` over the ``(start, word)`` runs of letters of ``text``
    (every run, or at least every one that may start a listed surface), in order."""
    out = []
    pos = 0
    for i, word in words:
        if i < pos:
            continue
        step = _match_at(text, i, word)
        if step is None:
            continue
        pos = step[0]
        if step[1] is not None:
            out.append(step[1])
    return out


@functools.lru_cache(maxsize=1)
def _reach() -> int:
    """The most characters a match can take from its start (longest surface, a «‌ای» ending
    and the character its word end looks at)."""
    _, seen = _pattern()
    return max((len(x) for x in seen), default=0) + 4


class LetterRuns:
    """The runs of letters of a text, with those that may start a listed surface marked,
    for :meth:`countries_between` (many windows of one document, as the events stage
    asks for each mention, without walking every word of every window again).
    """

    def __init__(self, text: str):
        self.text = text
        starters = _starters()
        spans = [w.span() for w in _WORD.finditer(text)]
        self.starts: List[int] = [s for s, _ in spans]
        self.ends: List[int] = [e for _, e in spans]
        #: indices of the runs that may start a surface
        self.marked: List[int] = [k for k, (s, e) in enumerate(spans) if text[s:e] in starters]
        #: run index → :func:`_match_at` over the whole text (what a window sees too, when the
        #: window goes on for :func:`_reach` characters after the run's start)
        self._steps: dict = {}

    def countries_between(self, a: int, b: int) -> List[Tuple[int, int, str, str]]:
        """Exactly ``countries_in(text[a:b])`` (offsets in the window).

        The window's runs are the text's runs clipped to it; a run it does not clip
        is visited only when marked, and the clipped first and last runs are looked at
        as the window has them. What the scan finds at an unclipped run far enough from
        the window's end is what it finds there in the whole text: it is kept per run.
        """
        text, starts, ends = self.text, self.starts, self.ends
        a, b = max(0, a), min(len(text), b)
        if a >= b:
            return []
        k0 = bisect_right(ends, a)  # the first run ending after a
        k1 = bisect_left(starts, b)  # runs k0 … k1-1 meet the window
        if k0 >= k1:
            return []
        marked = self.marked
        inner = marked[bisect_left(marked, k0 + 1):bisect_left(marked, k1 - 1)]
        if not inner:
            starters = _starters()  # (the clipped edge runs: as the window has them)
            if text[max(starts[k0], a):min(ends[k0], b)] not in starters \
                    and text[max(starts[k1 - 1], a):min(ends[k1 - 1], b)] not in starters:
                return []  # no run of the window may start a surface
        firsts = _by_first_word()
        edges = {k0, k1 - 1}
        reach = _reach()
        window = None
        steps = self._steps
        out = []
        pos = a
        for k in sorted(edges | set(inner)):
            s, e = max(starts[k], a), min(ends[k], b)
            if s < pos:
                continue
            if k in edges or s + reach > b:
                word = text[s:e]
                if k in edges and _first_candidates(word, firsts) is None:
                    continue
                if window is None:
                    window = text[a:b]
                step = _match_at(window, s - a, word)
                if step is None:
                    continue
                end, hit = step[0] + a, step[1]
                if hit is not None:
                    hit = (hit[0] + a, hit[1] + a) + hit[2:]
            else:
                step = steps.get(k, _UNSEEN)
                if step is _UNSEEN:
                    step = steps[k] = _match_at(text, s, text[s:e])
                if step is None:
                    continue
                end, hit = step
            pos = end
            if hit is not None:
                out.append((hit[0] - a, hit[1] - a) + hit[2:])
        return out


_UNSEEN = object()


def country_of_text(text: str) -> Optional[str]:
    """Country a role/organization text points to (first match), or None."""
    if not text:
        return None
    helper = _entities_helper()
    if helper is not None and hasattr(helper, "country_of"):
        try:
            value = helper.country_of(text)
        except Exception:  # noqa: BLE001
            value = None
        if value:
            return normalize(value)
    norm = normalize(text)
    hits = countries_in(norm)
    if not hits:
        return None
    # a demonym or an explicit country beats a city inside "سفیر X در تهران"
    for kind in ("country", "demonym", "reference"):
        for s, e, country, k in hits:
            if k == kind:
                return country
    return hits[0][2]


def country_of_place(text: str) -> Optional[str]:
    """Country of a place name (city, province, country), or None."""
    helper = _entities_helper()
    if helper is not None and hasattr(helper, "country_for_place"):
        try:
            value = helper.country_for_place(text)
        except Exception:  # noqa: BLE001
            value = None
        if value:
            return normalize(value)
    norm = normalize(text).strip()
    _, seen = _pattern()
    hit = seen.get(norm)
    return hit[0] if hit else None


def is_country(text: str) -> bool:
    _, canon = _table()
    return normalize(text).strip() in canon


#: offices the Iranian state does not have: a bare one («نخست‌وزیر جدید») names a foreign official
FOREIGN_OFFICE = rxcache.compile(r"^(?:نخست[\u200c ]?وزیر|صدر[\u200c ]?اعظم|پادشاه|ملک|ملکه|ولی[\u200c ]?عهد|شاه|شاهزاده"
                               r"|سلطان|سناتور|پرزیدنت)(?![\p{L}\u200c])")
#: a title in an intergovernmental body: its officials speak for no one country
INTL_BODY = rxcache.compile(r"(?:سازمان ملل|ملل متحد|ناتو|بین[\u200c ]?الملل|جهانی|سازمان همکاری|امنیت و همکاری|شورای همکاری"
                          r"|اتحادیه (?:اروپا|آفریقا|عرب)|اوپک|بریکس|اروپا|آسیایی|آفریقایی|منطقه[\u200c ]?ای)")
#: «رئیس مجلس ملی و شهردار پایتخت تاجیکستان»: a second title of the same person, with its country
_SECOND_TITLE = rxcache.compile(r"\s*و\s+([^،,.:؛«»\"()]{2,60}?)(?=\s+(?:در|با|به|از|که|را|طی|ضمن|و)\s|[،,.:؛]|$)")
#: «و همتای روس خود», «و هیئت همراه»: after «و» another party, whose country is not this title's
_OTHER_PARTY = rxcache.compile(r"(?:همتا|طرف|هیئت|هیات|هیأت|همراه|همسر|نماینده)")
#: «نخست وزیر موقت عراق» when the title span stopped at «نخست وزیر»
_TITLE_TAIL = rxcache.compile(r"\s+(?:(?:موقت|جدید|سابق|وقت|کنونی|فعلی|منتخب)\s+)?([\p{L}\u200c]+(?:\s+[\p{L}\u200c]+)?)")


def country_of_role(doc, role: Tuple[int, int]) -> Optional[str]:
    """Country of a title at normalized range ``role`` of ``doc``; «این کشور» is the last
    country named before it («وزیر دفاع این کشور»); a title in a body of several states has none
    («دبیر کل سازمان همکاری شانگهای»); «رئیس مجلس ملی و شهردار پایتخت تاجیکستان» → تاجیکستان; a title cut before its
    country by the tagger takes the country right after it («نخست وزیر| موقت عراق»)."""
    known = _country_of_title_text(doc.norm[role[0]:role[1]])
    return _country_of_role_in_context(doc, role) if known is _CONTEXT else known


def _country_of_role_in_context(doc, role: Tuple[int, int]) -> Optional[str]:
    """:func:`country_of_role` read in full (the text around the title included)."""
    norm = doc.norm
    text = norm[role[0]:role[1]]
    if _rx(r"(?:این|آن) کشور").search(text):
        before = norm[max(0, role[0] - 400):role[0]]
        hits = [h for h in countries_in(before) if h[3] in ("country", "demonym", "capital")]
        if hits:
            return hits[-1][2]
    if INTL_BODY.search(text) and not any(k in ("country", "demonym") for _, _, _, k in countries_in(text)):
        return None
    if not countries_in(text):
        # no country named in the title itself: a second title of the same person may name it
        # a title cut before its country: «نخست وزیر» + «موقت عراق»
        tail = _TITLE_TAIL.match(norm, role[1], min(len(norm), role[1] + 40))
        if tail:
            hits = [h for h in countries_in(tail.group(1)) if h[3] in ("country", "demonym")]
            if hits and hits[0][0] == 0:
                return hits[0][2]
        second = _SECOND_TITLE.match(norm, role[1], min(len(norm), role[1] + 80))
        if second and not _OTHER_PARTY.match(second.group(1)) \
                and second.group(1).split()[0] != (text.split() or [""])[0]:  # «وزیر خارجه و وزیر خارجه عمان»: two people
            hits = [h for h in countries_in(second.group(1)) if h[3] in ("country", "demonym")]
            if hits and hits[-1][1] == len(second.group(1)):
                return hits[-1][2]
    return country_of_text(text)


_CONTEXT = object()


@functools.lru_cache(maxsize=4096)
def _country_of_title_text(text: str):
    """What :func:`country_of_role` answers for a title from its text alone, or ``_CONTEXT``
    when the answer needs the text around it («این کشور», a title naming no country); a title
    recurs all through a list of meetings, and its text is read once."""
    if _rx(r"(?:این|آن) کشور").search(text):
        return _CONTEXT
    if INTL_BODY.search(text) and not any(k in ("country", "demonym") for _, _, _, k in countries_in(text)):
        return None
    if not countries_in(text):
        return _CONTEXT
    return country_of_text(text)


def country_in_context(doc, pos: int, window: int = 400) -> Optional[str]:
    """The last foreign country named in the ``window`` characters before ``pos`` (bounded: the
    same cost for every title): whose «نخست‌وزیر جدید» a report about another country means."""
    hits = [h for h in countries_in(doc.norm[max(0, pos - window):pos])
            if h[3] in ("country", "demonym") and h[2] != "ایران"]  # not capitals: «دوشنبه» is also Monday
    return hits[-1][2] if hits else None
