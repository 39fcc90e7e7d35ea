"""Gazetteers: the shipped name lists and a small token trie to find them in text.

Every list lives in ``persian_ie/resources/gazetteers/`` as plain UTF-8 text (see
``SOURCES.md`` there); :class:`Gazetteer` reads them once per process, lazily, on
first use (:func:`gazetteer`).

Matching works on *units*: the normalized tokens of ``doc.tokens``, each split at
its ZWNJ, with a light spelling fold (آ→ا, ؤ→و, ئ→ی). So ``رئیس‌جمهور``,
``رئیس جمهور`` and ``رییس جمهور`` all hit the entry ``رئیس‌جمهور``; a match must
start at a token start and end at a token end, so ``ایران`` never matches inside
``ایرانی``.

>>> from persian_ie.normalize import Normalizer
>>> from persian_ie.segment import Segmenter
>>> from persian_ie.document import Document
>>> doc = Segmenter()(Normalizer()(Document("سفير روسيه در تهران")))
>>> view = TokenView(doc)
>>> [(view.text(i, j), p.label) for i, j, p in gazetteer().places.scan(view)]
[('روسیه', 'LOC'), ('تهران', 'LOC')]
"""

from __future__ import annotations

import threading
from itertools import compress
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from .. import _resources
from ..document import Document
from ..normalize import normalize
from ..segment import word_spans

__all__ = [
    "fold", "phrase_units", "TokenTrie", "TokenView", "Entry", "Gazetteer", "gazetteer",
]

ZWNJ = "\u200c"
_FOLD = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ؤ": "و", "ئ": "ی", "ي": "ی", "ك": "ک",
                       "ة": "ه", "ۀ": "ه", "ـ": None})
_DIR = "gazetteers/"
#: token → its folded unit, for the tokens without ZWNJ (most of them): the fold is a
#: ``str.translate`` with a mapping, which costs ~1 µs a token; a dictionary hit far less
_FOLDED: Dict[str, str] = {}
_FOLDED_MAX = 200_000


def fold(unit: str) -> str:
    """The spelling-folded key of one unit (آ→ا, ؤ→و, ئ→ی).

    >>> fold("آمریکا") == fold("امریکا"), fold("رئیس") == fold("رییس")
    (True, True)
    """
    return unit.translate(_FOLD)


def phrase_units(phrase: str, *, normalized: bool = False) -> Tuple[str, ...]:
    """The folded unit sequence of a phrase (normalized with the library normalizer first).

    >>> phrase_units("رئیس‌جمهور") == phrase_units("رييس جمهور")
    True
    """
    text = phrase if normalized else normalize(phrase)
    units: List[str] = []
    for s, e in word_spans(text):
        for part in text[s:e].split(ZWNJ):
            if part:
                units.append(fold(part))
    return tuple(units)


@dataclass(frozen=True)
class Entry:
    """What a gazetteer phrase stands for.

    ``label``: entity label (``LOC``, ``ORG``) or a lexical class (``DEMONYM``,
    ``REF``, ``TITLE``, ``MOD``, ``HON``, ``MINISTRY``, ``HEAD``); ``kind``: finer
    class (``country``, ``city``, ``province``, ``media``…, for titles the flags);
    ``canonical``: the normalized canonical name; ``country``: canonical country or None.
    """

    label: str
    kind: str = ""
    canonical: str = ""
    country: Optional[str] = None


class TokenTrie:
    """A trie over unit sequences. ``add`` phrases, then find longest matches."""

    __slots__ = ("root", "size")
    _END = "\x00"

    def __init__(self) -> None:
        self.root: Dict[str, dict] = {}
        self.size = 0

    def add(self, phrase: str, entry: Entry, *, normalized: bool = False) -> None:
        units = phrase_units(phrase, normalized=normalized)
        if units:
            self.add_units(units, entry)

    def add_units(self, units: Sequence[str], entry: Entry) -> None:
        node = self.root
        for unit in units:
            node = node.setdefault(unit, {})
        if self._END not in node:
            self.size += 1
            node[self._END] = entry

    def get(self, units: Sequence[str]) -> Optional[Entry]:
        node = self.root
        for unit in units:
            node = node.get(unit)
            if node is None:
                return None
        return node.get(self._END)

    def __contains__(self, phrase: str) -> bool:
        return self.get(phrase_units(phrase)) is not None

    def longest_at(self, view: "TokenView", i: int) -> Optional[Tuple[int, Entry]]:
        """Longest match starting at unit ``i`` (a token start) ending at a token end:
        ``(end_unit, entry)`` or None."""
        keys = view.keys
        try:
            node = self.root.get(keys[i])
        except IndexError:
            if i >= len(keys):
                return None
            raise
        if node is None or not view.tok_start[i]:  # most units start no phrase
            return None
        tok_end = view.tok_end
        best = (i + 1, node[self._END]) if tok_end[i] and self._END in node else None
        j = i + 1
        n = len(keys)
        while j < n:
            node = node.get(keys[j])
            if node is None:
                break
            j += 1
            if tok_end[j - 1] and self._END in node:
                best = (j, node[self._END])
        return best

    def starts(self, view: "TokenView", start: int = 0, end: Optional[int] = None) -> List[int]:
        """The units of ``[start, end)`` where a match may start (a token start whose unit
        begins a phrase), ascending: :meth:`longest_at` is None at every other unit, so a
        scan need only try these (one C-level pass over the units, not a call per unit)."""
        keys = view.keys
        end = len(keys) if end is None else min(end, len(keys))
        if start >= end:
            return []
        tok_start = view.tok_start
        return [i for i in compress(range(start, end), map(self.root.__contains__, keys[start:end])) if tok_start[i]]

    def scan(self, view: "TokenView", start: int = 0, end: Optional[int] = None) -> Iterator[Tuple[int, int, Entry]]:
        """Greedy left-to-right, longest-first, non-overlapping matches ``(i, j, entry)``."""
        end = len(view.keys) if end is None else end
        if start < 0:  # (negative units index from the end: the plain walk)
            i = start
            while i < end:
                hit = self.longest_at(view, i)
                if hit is not None and hit[0] <= end:
                    yield i, hit[0], hit[1]
                    i = hit[0]
                else:
                    i += 1
            return
        i = start
        for u in self.starts(view, start, end):
            if u < i:
                continue  # inside the previous match
            hit = self.longest_at(view, u)
            if hit is not None and hit[0] <= end:
                yield u, hit[0], hit[1]
                i = hit[0]


class TokenView:
    """A document's tokens as matching units (tokens split at ZWNJ, folded).

    ``keys[u]`` is the folded unit, ``nstart[u]``/``nend[u]`` its normalized
    offsets, ``tok[u]`` its token index, ``tok_start[u]``/``tok_end[u]`` whether it
    begins/ends its token. ``first_unit[t]`` maps a token index to its first unit.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.keys: List[str] = []
        self.nstart: List[int] = []
        self.nend: List[int] = []
        self.tok: List[int] = []
        self.tok_start: List[bool] = []
        self.tok_end: List[bool] = []
        self.first_unit: List[int] = []
        self.sent: List[int] = []
        self._unit_norms: Optional[List[str]] = None  # token_text per unit, built on first use
        keys, first_unit = self.keys, self.first_unit
        # (bound methods: this loop runs once per token of every document)
        add_first, add_key, add_nstart, add_nend = first_unit.append, keys.append, self.nstart.append, self.nend.append
        add_tok, add_start, add_end, add_sent = self.tok.append, self.tok_start.append, self.tok_end.append, self.sent.append
        folded = _FOLDED
        for t, token in enumerate(doc.tokens):
            add_first(len(keys))
            norm = token.norm
            if ZWNJ not in norm:  # most tokens: one unit (the loop below gives the same)
                if norm:
                    key = folded.get(norm)
                    if key is None:
                        key = norm.translate(_FOLD)
                        if len(folded) < _FOLDED_MAX:
                            folded[norm] = key
                    add_key(key)
                    add_nstart(token.nstart)
                    add_nend(token.nstart + len(norm))
                    add_tok(t)
                    add_start(True)
                    add_end(True)
                    add_sent(token.sent)
                continue
            pos = token.nstart
            parts = norm.split(ZWNJ)
            parts_idx = [k for k, p in enumerate(parts) if p]
            for k, part in enumerate(parts):
                if part:
                    key = folded.get(part)  # (the parts of a ZWNJ word: as cheap as a plain token)
                    if key is None:
                        key = part.translate(_FOLD)
                        if len(folded) < _FOLDED_MAX:
                            folded[part] = key
                    add_key(key)
                    self.nstart.append(pos)
                    self.nend.append(pos + len(part))
                    self.tok.append(t)
                    self.tok_start.append(k == parts_idx[0])
                    self.tok_end.append(k == parts_idx[-1])
                    self.sent.append(token.sent)
                pos += len(part) + 1
        self.first_unit.append(len(self.keys))

    def __len__(self) -> int:
        return len(self.keys)

    def text(self, i: int, j: int) -> str:
        """Normalized text of units ``[i, j)``."""
        if i >= j:
            return ""
        return self.doc.norm[self.nstart[i]:self.nend[j - 1]]

    def token_text(self, u: int) -> str:
        """The full normalized token that unit ``u`` belongs to."""
        # (the rules ask ~1,400 times an article, most units once or more: one list of every
        # unit's token, built on the first call, answers each with one index)
        norms = self._unit_norms
        if norms is None:
            tokens = self.doc.tokens
            norms = self._unit_norms = [tokens[t].norm for t in self.tok]
        return norms[u]

    def next_token_unit(self, u: int) -> int:
        """First unit of the token after the one containing unit ``u``."""
        return self.first_unit[self.tok[u] + 1]

    def units_of_norm(self, nstart: int, nend: int) -> Tuple[int, int]:
        """Unit range ``[i, j)`` covering normalized ``[nstart, nend)`` (whole units)."""
        from bisect import bisect_left, bisect_right
        i = bisect_right(self.nend, nstart)
        j = bisect_left(self.nstart, nend)
        return i, max(i, j)

    def span(self, i: int, j: int, **kwargs):
        """A :class:`~persian_ie.document.Span` over units ``[i, j)``."""
        return self.doc.span_from_norm(self.nstart[i], self.nend[j - 1], **kwargs)


# -- loading -------------------------------------------------------------------------------


def _rows(name: str) -> List[List[str]]:
    return [line.split("\t") for line in _resources.read_lines(_DIR + name)]


def _alts(field: str) -> List[str]:
    return [x.strip() for x in field.split("|") if x.strip()]


class Gazetteer:
    """All shipped lists, as tries and sets. Build with :func:`gazetteer` (cached)."""

    def __init__(self) -> None:
        self.places = TokenTrie()        # LOC: countries, capitals, provinces, cities, regions
        self.orgs = TokenTrie()          # ORG: named organizations and media
        self.demonyms = TokenTrie()      # DEMONYM: روس, عمانی, ترکیه‌ای
        self.refs = TokenTrie()          # REF: کشورمان, جمهوری اسلامی
        self.titles = TokenTrie()        # TITLE: role titles (kind = flags)
        self.modifiers = TokenTrie()     # MOD: words inside a role phrase
        self.honorifics = TokenTrie()    # HON
        self.ministries = TokenTrie()    # MINISTRY
        self.org_heads = TokenTrie()     # HEAD: kind = loc / embassy / ministry / name
        self.common_heads: set = set()   # heads that are also everyday words (جمعیت، گروه)
        self.first_names: Dict[str, str] = {}  # normalized name -> gender
        self.ambiguous: set = set()      # folded unit tuples
        self.not_entities: set = set()   # phrases a tagger span may never be (کرونا)
        self.not_entity_phrases = TokenTrie()  # the same, to find: no listed name inside one (وست [تگزاس] اینترمدیت)
        self.places_as_orgs: set = set()  # cities clubs are named after (بارسلونا): ORG where the tagger says so
        self.weak_heads: set = set()     # pattern heads seldom starting a name (مدیریت): only with the tagger
        self.countries: Dict[str, str] = {}  # folded unit tuple of any form/demonym -> canonical
        self.place_country: Dict[Tuple[str, ...], str] = {}
        self._load()

    def _load(self) -> None:
        canon = lambda s: normalize(s)  # noqa: E731
        for row in _rows("countries.tsv"):
            row += [""] * (4 - len(row))
            name = canon(row[0])
            entry = Entry("LOC", "country", name, name)
            for form in [row[0]] + _alts(row[1]):
                self.places.add(form, entry)
                self.countries[phrase_units(form)] = name
            for dem in _alts(row[2]):
                units = phrase_units(dem)
                entry_d = Entry("DEMONYM", "demonym", name, name)
                self.demonyms.add_units(units, entry_d)
                self.countries.setdefault(units, name)
                # plurals: فلسطینیان، آمریکایی‌ها، روس‌ها
                last = units[-1]
                plurals = [units + ("ها",), units + ("های",)]
                if last.endswith("ی"):
                    plurals.append(units[:-1] + (last + "ان",))
                for plural in plurals:
                    if self.demonyms.get(plural) is None:
                        self.demonyms.add_units(plural, entry_d)
            for cap in _alts(row[3]):
                units = phrase_units(cap)
                if self.places.get(units) is None:
                    self.places.add_units(units, Entry("LOC", "capital", canon(cap), name))
                self.place_country.setdefault(units, name)
        for row in _rows("countries_cldr.tsv"):  # the others, from CLDR (scripts/build_countries_cldr.py)
            row += [""] * (4 - len(row))
            name = canon(row[0])
            entry = Entry("LOC", "country", name, name)
            ambiguous = {phrase_units(form) for form in _alts(row[3])}
            for form in [row[0]] + _alts(row[1]):
                units = phrase_units(form)
                if self.places.get(units) is None and units not in ambiguous:
                    # («موریس», «بلیز», «موناکو» are also names or clubs: left to the tagger)
                    self.places.add_units(units, entry)
                self.countries.setdefault(units, name)
        for row in _rows("iran_provinces.tsv"):
            row += [""] * (4 - len(row))
            name = canon(row[0])
            entry = Entry("LOC", "province", name, "ایران")
            for form in [row[0]] + _alts(row[1]):
                units = phrase_units(form)
                if self.places.get(units) is None:
                    self.places.add_units(units, entry)
                self.place_country.setdefault(units, "ایران")
            for city in ([row[2]] if row[2] else []) + _alts(row[3]):
                units = phrase_units(city)
                if self.places.get(units) is None:
                    self.places.add_units(units, Entry("LOC", "city", canon(city), "ایران"))
                self.place_country.setdefault(units, "ایران")
        for row in _rows("places.tsv"):
            row += [""] * (3 - len(row))
            country = None if row[1] in ("", "-") else canon(row[1])
            units = phrase_units(row[0])
            if self.places.get(units) is None:
                self.places.add_units(units, Entry("LOC", row[2] or "place", canon(row[0]), country))
            if country:
                self.place_country.setdefault(units, country)
        for fname, kind_col in (("organizations.tsv", 3), ("media.tsv", None)):
            for row in _rows(fname):
                row += [""] * (4 - len(row))
                country = None if row[2] in ("", "-") else canon(row[2])
                kind = row[kind_col] if kind_col is not None else "media"
                entry = Entry("ORG", kind, canon(row[0]), country)
                for form in [row[0]] + _alts(row[1]):
                    units = phrase_units(form)
                    if self.orgs.get(units) is None:
                        self.orgs.add_units(units, entry)
        for row in _rows("country_references.tsv"):
            self.refs.add(row[0], Entry("REF", "reference", canon(row[0]), canon(row[1])))
        for row in _rows("role_titles.txt"):
            flags = row[1] if len(row) > 1 else ""
            title = canon(row[0])
            entry = Entry("TITLE", flags, title)
            units = phrase_units(title, normalized=True)
            self.titles.add_units(units, entry)
            for variant in _ezafe_variants(units):
                if self.titles.get(variant) is None:
                    self.titles.add_units(variant, entry)
        for line in _resources.read_lines(_DIR + "role_modifiers.txt"):
            units = phrase_units(line)
            self.modifiers.add_units(units, Entry("MOD", "", canon(line)))
            for variant in _ezafe_variants(units):
                if self.modifiers.get(variant) is None:
                    self.modifiers.add_units(variant, Entry("MOD", "", canon(line)))
        for line in _resources.read_lines(_DIR + "honorifics.txt"):
            self.honorifics.add(line, Entry("HON", "", canon(line)))
        for line in _resources.read_lines(_DIR + "ministries.txt"):
            units = phrase_units(line)
            self.ministries.add_units(units, Entry("MINISTRY", "", canon(line)))
            for variant in _ezafe_variants(units):
                if self.ministries.get(variant) is None:
                    self.ministries.add_units(variant, Entry("MINISTRY", "", canon(line)))
        for row in _rows("org_heads.tsv"):
            units = phrase_units(row[0])
            entry = Entry("HEAD", row[1] if len(row) > 1 else "name", canon(row[0]))
            if len(row) > 2 and "common" in row[2]:
                self.common_heads.add(entry.canonical)
            self.org_heads.add_units(units, entry)
            for variant in _ezafe_variants(units):
                if self.org_heads.get(variant) is None:
                    self.org_heads.add_units(variant, entry)
        for row in _rows("first_names.tsv"):
            self.first_names[row[0]] = row[1] if len(row) > 1 else "U"
        for line in _resources.read_lines(_DIR + "foreign_first_names.txt"):
            self.first_names.setdefault(normalize(line), "U")
        try:  # built from labeled text by scripts/build_first_names.py (absent while it rebuilds it)
            mined = _rows("first_names_mined.txt")
        except FileNotFoundError:
            mined = []
        for row in mined:
            self.first_names.setdefault(normalize(row[0]), "U")
        for line in _resources.read_lines(_DIR + "ambiguous.txt"):
            self.ambiguous.add(phrase_units(line))
        for line in _resources.read_lines(_DIR + "not_entities.txt"):
            self.not_entities.add(phrase_units(line))
            self.not_entity_phrases.add_units(phrase_units(line), Entry("NOT", "phrase", canon(line), None))
        for line in _resources.read_lines(_DIR + "places_as_organizations.txt"):
            self.places_as_orgs.add(phrase_units(line))
        for line in _resources.read_lines(_DIR + "weak_org_heads.txt"):
            self.weak_heads.add(canon(line))

    # -- lookups ---------------------------------------------------------------------------

    def canonical_country(self, phrase: str) -> Optional[str]:
        """Canonical country for a country name, variant or demonym (else None)."""
        return self.countries.get(phrase_units(phrase))

    def is_first_name(self, token: str) -> bool:
        return token in self.first_names


def _ezafe_variants(units: Tuple[str, ...]) -> List[Tuple[str, ...]]:
    """Forms of a phrase with the ezafe on its last word: سخنگو→سخنگوی, نماینده→نماینده‌ی."""
    if not units:
        return []
    last = units[-1]
    out = []
    if last.endswith(("ا", "و")):
        out.append(units[:-1] + (last + "ی",))
    if last.endswith("ه"):  # نماینده‌ی (the glued «فرماندهی» is another word: command)
        out.append(units + ("ی",))
    if last.endswith("ی"):
        out.append(units + ("ی",))
    return out


_GAZ: Optional[Gazetteer] = None
_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide :class:`Gazetteer`, loaded on first call."""
    global _GAZ
    if _GAZ is None:
        with _LOCK:
            if _GAZ is None:
                with _resources.paused_gc():
                    _GAZ = Gazetteer()
    return _GAZ
