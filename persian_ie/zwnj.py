"""Repair of glued words: insert the ZWNJ (half-space) a writer left out.

Persian news often glues a suffix or the second half of a compound to the word
before it (``همکاریها``, ``جلسهای``, ``تفاهمنامه``, ``میتواند``). hazm's lexicon
(``hazm/data/words.dat``, 193,750 words, 13,179 with ZWNJ, and ``verbs.dat``)
lists the right forms; this module uses it without importing hazm itself.

A word is only rewritten when it is NOT in the lexicon as written and the repaired
form is backed by the lexicon, so names such as دیمتری stay intact.

>>> r = GluedWordRepairer.default()
>>> r.repair("جلسهای"), r.repair("ظرفیتهای"), r.repair("دیمتری")
('جلسه\u200cای', 'ظرفیت\u200cهای', None)
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from collections.abc import Mapping
from typing import Dict, Iterable, Iterator, List, Optional, Set, Tuple

__all__ = ["GluedWordRepairer", "hazm_data_path"]

ZWNJ = "\u200c"
# letters that do not join to the next letter: no ZWNJ needed after them
NON_JOINING = set("اآأإدذرزژوؤ")
_CHAR_FIX_PAIRS = (("ي", "ی"), ("ك", "ک"), ("ى", "ی"), ("ة", "ه"), ("ۀ", "ه"))

# suffixes written after a ZWNJ (longest first)
ZWNJ_SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ها",
)
# (comparatives تر/ترین are left alone: بزرگتر is accepted spelling, and دیمتری
# would otherwise become دیم‌تری)
# suffixes that follow a final ه with a ZWNJ: جلسه‌ای، خانه‌ام
AFTER_HEH_SUFFIXES = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش")
# productive second halves of compounds: برقی‌سازی، سیاست‌گذاری. The first group is
# safe after any lexicon word; the second only after well-attested ones (min frequency).
COMPOUND_HEADS = (
    ("سازی", 0), ("سازان", 0), ("ساز", 0), ("گذاری", 0), ("گذار", 0), ("کنندگان", 0),
    ("کننده", 0), ("پذیری", 0), ("پذیر", 0), ("نامه", 0), ("محوری", 0), ("محور", 0),
    ("رسانی", 0), ("ریزی", 0), ("گیری", 0),
    ("خانه", 1000), ("گاه", 1000), ("شدگان", 1000), ("شده", 1000), ("بخش", 1000),
    ("گری", 1000), ("آمیز", 1000),
)
PERSONAL_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند")


def hazm_data_path(name: str) -> Path:
    """Path of a file in hazm's ``data`` folder, found without importing hazm."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("hazm is not installed: pip install hazm")
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / name
        if path.exists():
            return path
    raise FileNotFoundError(f"hazm's data file {name!r} was not found")


def glued_forms(words: Mapping[str, str]) -> Dict[str, str]:
    """A ZWNJ word of the lexicon under its spelling without ZWNJ, when that spelling is
    not a word itself (the first such word in the lexicon's order wins)."""
    glued: Dict[str, str] = {}
    for word in [w for w in words if ZWNJ in w]:  # ~7% of the words: filter first
        key = word.replace(ZWNJ, "")
        if key not in words:
            glued.setdefault(key, word)
    return glued


_ABSENT = object()
_NO_WORDS: Dict[str, str] = {}
_BUCKET_LOCK = threading.Lock()


class LexiconWords(Mapping):
    """hazm's ~190,000 words → their tags, read as the stages ask for them.

    Hashing every word into one dictionary was the largest single cost of a process's
    first ``extract()`` (~0.1 s). The words are kept in buckets by their first two
    characters (one string and one tag code string per bucket), and a bucket becomes a
    dictionary the first time a word of it is looked up: a short first text builds a few
    dozen of ~1,000 buckets. Lookups answer as a ``dict`` would.
    """

    __slots__ = ("_raw", "_built", "_counted", "_lookup", "_len")

    def __init__(self, buckets: Dict[str, tuple], tag_sets: List[str]):
        #: prefix → ("word|word|…", one Latin-1 tag code per word, [positions of the words
        #: with a frequency], [their frequencies])
        self._raw = buckets
        self._built: Dict[str, Dict[str, str]] = {}
        self._counted: Dict[str, Dict[str, int]] = {}
        self._lookup = [""] * 0x30 + list(tag_sets)
        self._len = sum(len(b[1]) for b in buckets.values())

    def _bucket(self, prefix: str) -> Dict[str, str]:
        built = self._built.get(prefix)
        if built is not None:
            return built
        if prefix not in self._raw:
            return _NO_WORDS  # (not kept: any two characters may be asked for)
        with _BUCKET_LOCK:  # one build per bucket; its joined words are then let go (memory)
            built = self._built.get(prefix)
            if built is None:
                joined, tags, at, counts = self._raw[prefix]
                listed = joined.split(_SEPARATOR)
                built = dict(zip(listed, map(self._lookup.__getitem__, tags.encode("latin-1"))))
                self._counted[prefix] = dict(zip(map(listed.__getitem__, at), counts))  # the same key objects
                self._built[prefix] = built
                self._raw[prefix] = ("", tags, (), counts)
        return built

    def count(self, word: str, default: int = 0) -> int:
        """hazm's corpus frequency of ``word`` (``default`` when it has none)."""
        if not isinstance(word, str):
            return default
        prefix = word[:2]
        counted = self._counted.get(prefix)
        if counted is None:
            if prefix not in self._raw:
                return default
            self._bucket(prefix)
            counted = self._counted[prefix]
        return counted.get(word, default)

    def __getitem__(self, word: str) -> str:
        if not isinstance(word, str):
            raise KeyError(word)
        return self._bucket(word[:2])[word]

    def get(self, word, default=None):
        try:
            bucket = self._built.get(word[:2])
        except TypeError:  # not a string
            return default
        if bucket is None:
            if not isinstance(word, str):
                return default
            bucket = self._bucket(word[:2])
        return bucket.get(word, default)

    def __contains__(self, word) -> bool:
        return self.get(word, _ABSENT) is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        for prefix in self._raw:
            yield from self._bucket(prefix)

    def __len__(self) -> int:
        return self._len

    def values(self) -> List[str]:  # type: ignore[override]
        """Every word's tags (no bucket is built)."""
        return list(map(self._lookup.__getitem__, "".join(b[1] for b in self._raw.values()).encode("latin-1")))


class LexiconFrequencies(Mapping):
    """word → hazm's corpus frequency (positive counts only), read from the buckets of
    :class:`LexiconWords` (so the counted words are not held twice). Lookups answer as a
    ``dict`` would; ``extra`` holds counts of words outside the word list."""

    __slots__ = ("_words", "_extra", "_len")

    def __init__(self, words: LexiconWords, extra: Dict[str, int]):
        self._words, self._extra = words, extra
        self._len = sum(len(b[3]) for b in words._raw.values()) + len(extra)

    def get(self, word, default=None):
        n = self._words.count(word, _ABSENT)
        if n is _ABSENT:
            return self._extra.get(word, default) if self._extra else default
        return n

    def __getitem__(self, word: str) -> int:
        n = self.get(word, _ABSENT)
        if n is _ABSENT:
            raise KeyError(word)
        return n

    def __contains__(self, word) -> bool:
        return self.get(word, _ABSENT) is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        words = self._words
        for prefix in words._raw:
            words._bucket(prefix)
            yield from words._counted[prefix]
        yield from self._extra

    def __len__(self) -> int:
        return self._len

    def values(self) -> List[int]:  # type: ignore[override]
        """Every count (no bucket is built)."""
        return [n for b in self._words._raw.values() for n in b[3]] + list(self._extra.values())


class GluedWordRepairer:
    """Inserts missing ZWNJ into words, backed by a lexicon.

    Args:
        words: known words (with their ZWNJ) mapped to their POS tags.
        verb_forms: conjugated verb forms without the می/نمی prefix.
        freq: word → frequency in hazm's corpus (positive counts only).
        glued: :func:`glued_forms` of ``words``, when already known.
    """

    _default: Optional["GluedWordRepairer"] = None
    _lock = threading.Lock()

    def __init__(self, words: Mapping[str, str], verb_forms: Iterable[str] = (),
                 freq: Optional[Mapping[str, int]] = None, glued: Optional[Dict[str, str]] = None):
        self.words = words
        self.freq: Mapping[str, int] = {} if freq is None else freq
        self.verb_forms: Set[str] = set(verb_forms)
        self.glued = glued_forms(words) if glued is None else glued
        self._cache: Dict[str, Optional[str]] = {}

    @classmethod
    def default(cls) -> "GluedWordRepairer":
        """The repairer built from hazm's lexicon, loaded once per process."""
        with cls._lock:
            if cls._default is None:
                from ._resources import paused_gc

                with paused_gc():
                    cls._default = cls(*_load_hazm_lexicon())
            return cls._default

    def known(self, word: str) -> bool:
        return word in self.words

    def repair(self, word: str) -> Optional[str]:
        """The word with ZWNJ inserted, or None when it needs no repair."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        result = self._repair(word)
        if result == word:
            result = None
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[word] = result
        return result

    # -- rules ---------------------------------------------------------------------------

    def _stem_form(self, stem: str, min_freq: int = 1) -> Optional[str]:
        """Lexicon form of a stem (itself, or its glued-compound form) seen at least
        ``min_freq`` times in hazm's frequency column (rare entries are often noise)."""
        if len(stem) < 2:
            return None
        form = stem if stem in self.words else self.glued.get(stem)
        if form is None or self.freq.get(form, 0) < min_freq:
            return None
        return form

    def _repair(self, word: str) -> Optional[str]:
        if len(word) < 4 or word in self.words:
            return None
        form = self.glued.get(word)
        if form:
            return form
        # suffixes: ه + ای (جلسهای → جلسه‌ای) competes with ها + ی (رویدادهای →
        # رویداد‌های); the candidate whose stem is more frequent in the lexicon wins.
        candidates: List[Tuple[int, str]] = []
        for suffix in AFTER_HEH_SUFFIXES:
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                if stem.endswith("ه") and len(stem) >= 3:
                    stem_form = self._stem_form(stem)
                    if stem_form:
                        # plural ها is far more common than ه + ای: the ای reading must be
                        # ten times better attested to win (جلسه‌ای vs جلس، but نشست‌های)
                        score = (self.freq.get(stem_form, 0) + 1) / 10
                        candidates.append((score, stem_form + ZWNJ + suffix))
        for suffix in ZWNJ_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                stem = word[: -len(suffix)]
                stem_form = self._stem_form(stem, min_freq=0)
                if stem_form:
                    score = self.freq.get(stem_form, 0)
                    if stem[-1] in NON_JOINING:
                        # رویداد|های: the glued spelling is already standard; keep it unless
                        # the ه + ای reading is far better attested (ویژهای → ویژه‌ای)
                        candidates.append((score * 10, word))
                    else:
                        candidates.append((score, stem_form + ZWNJ + suffix))
                    break
        if candidates:
            return max(candidates)[1]
        # compound + ی/ان directly attached: رئیسجمهوری → رئیس‌جمهوری
        for suffix in ("ی", "ان", "یان"):
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                form = self.glued.get(stem)
                if form:
                    return form + suffix
        # می/نمی + conjugated verb: میتواند → می‌تواند
        for prefix in ("نمی", "می"):
            if word.startswith(prefix):
                rest = word[len(prefix):]
                if len(rest) >= 2 and rest in self.verb_forms:
                    return prefix + ZWNJ + rest
                break
        # productive compounds: برقیسازی → برقی‌سازی
        for head, min_freq in COMPOUND_HEADS:
            if word.endswith(head) and len(word) - len(head) >= 3:
                stem = word[: -len(head)]
                if stem[-1] in NON_JOINING:
                    continue
                stem_form = self._stem_form(stem, min_freq=min_freq)
                if stem_form and len(stem_form) >= 3:
                    return stem_form + ZWNJ + head
        return None


#: the compact copy of hazm's lexicon shipped with the package (built by
#: ``scripts/build_hazm_lexicon.py`` from hazm's ``words.dat`` and ``verbs.dat``)
LEXICON_RESOURCE = "lexicon/hazm_lexicon.json.gz"


def parse_hazm_lexicon(words_dat: str, verbs_dat: str) -> Tuple[Dict[str, str], Set[str], Dict[str, int]]:
    """``(words → tags, verb forms, word → frequency)`` from the text of hazm's
    ``words.dat`` and ``verbs.dat`` (Arabic ي/ك/ى/ة/ۀ folded to Persian letters; a word
    listed twice keeps its tagged entry and its highest frequency)."""
    for arabic, persian in _CHAR_FIX_PAIRS:  # tags and counts are ASCII: fold the whole text at once
        words_dat = words_dat.replace(arabic, persian)
        verbs_dat = verbs_dat.replace(arabic, persian)
    words: Dict[str, str] = {}
    freq: Dict[str, int] = {}
    for line in words_dat.split("\n"):
        parts = line.split("\t")
        word = parts[0]
        if not word:
            continue
        tags = parts[2] if len(parts) > 2 else ""
        if tags and tags != "0" or word not in words:
            words[word] = tags
        if len(parts) > 1 and parts[1].isdigit():  # some words are listed twice
            n = int(parts[1])
            if n > 0 and freq.get(word, 0) < n:  # a count of 0 is left out: readers use freq.get(w, 0)
                freq[word] = n
    verb_forms: Set[str] = set()
    for line in verbs_dat.split("\n"):
        line = line.strip()
        if not line or "#" not in line:
            continue
        past, present = line.split("#", 1)
        for stem in (past, present):
            if len(stem) >= 2:
                for ending in PERSONAL_ENDINGS:
                    verb_forms.add(stem + ending)
                if stem is past:
                    verb_forms.add(stem + "ه")  # past participle: میرفته
    return words, verb_forms, freq


#: joins the words (and the verb forms) of the compact lexicon: no entry holds it, and
#: unlike a line break it needs no escape in JSON (decoding ~190,000 escapes was ~40 ms)
_SEPARATOR = "|"


def compact_lexicon(words: Dict[str, str], verb_forms: Set[str], freq: Dict[str, int], source: dict) -> dict:
    """The JSON form of a parsed lexicon (format 4): the words in buckets by their first
    two characters (each the bucket's words in lexicon order joined by ``|``, one character
    per word naming its tag set, the positions of the words with a positive frequency and
    those frequencies), the positive frequencies of words outside the list, the sorted verb
    forms joined by ``|``, and :func:`glued_forms`."""
    tag_sets = sorted(set(words.values()))
    if len(tag_sets) > 0xFF - 0x30:
        raise ValueError(f"{len(tag_sets)} tag sets: more than one Latin-1 character per word can name")
    verbs = sorted(verb_forms)
    glued = glued_forms(words)
    if any(_SEPARATOR in w for w in list(words) + verbs):
        raise ValueError(f"a lexicon entry holds the separator {_SEPARATOR!r}")
    code = {t: chr(0x30 + i) for i, t in enumerate(tag_sets)}  # one Latin-1 character per word
    buckets: Dict[str, list] = {}
    for w, tags in words.items():
        bucket = buckets.setdefault(w[:2], [[], [], [], []])
        n = freq.get(w, 0)
        if n > 0:  # a count of 0 is left out, as parse_hazm_lexicon does
            bucket[2].append(len(bucket[0]))
            bucket[3].append(n)
        bucket[0].append(w)
        bucket[1].append(code[tags])
    return {"format": 4, "source": source, "tag_sets": tag_sets,
            "buckets": {p: [_SEPARATOR.join(b[0]), "".join(b[1]), b[2], b[3]] for p, b in buckets.items()},
            "freq_only": {w: n for w, n in freq.items() if n > 0 and w not in words},
            "verb_forms": _SEPARATOR.join(verbs), "glued": _SEPARATOR.join(k + _SEPARATOR + v for k, v in glued.items())}


def expand_lexicon(data: dict) -> Tuple[LexiconWords, Set[str], LexiconFrequencies, Dict[str, str]]:
    """Inverse of :func:`compact_lexicon`: ``(words, verb forms, frequencies, glued forms)``
    (every step runs in C, and the words wait in their buckets: this is start-up time)."""
    if data.get("format") != 4:
        raise ValueError(f"compact lexicon format {data.get('format')!r}: rebuild it with scripts/build_hazm_lexicon.py")
    words = LexiconWords({p: tuple(b) for p, b in data["buckets"].items()}, data["tag_sets"])
    split = lambda s: s.split(_SEPARATOR) if s else []  # noqa: E731
    pairs = split(data["glued"])
    glued = dict(zip(pairs[::2], pairs[1::2]))
    return words, set(split(data["verb_forms"])), LexiconFrequencies(words, dict(data["freq_only"])), glued


def _load_hazm_lexicon() -> tuple:
    """The shipped compact lexicon (fast: no text parsing), or hazm's own files when
    the package was built without it."""
    import gzip
    import json

    from ._resources import resource_path

    try:
        raw = resource_path(LEXICON_RESOURCE).read_bytes()
    except FileNotFoundError:
        return parse_hazm_lexicon(hazm_data_path("words.dat").read_text(encoding="utf-8"),
                                  hazm_data_path("verbs.dat").read_text(encoding="utf-8"))
    return expand_lexicon(json.loads(gzip.decompress(raw)))
