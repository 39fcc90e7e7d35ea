"""The bundled statistical tagger: a linear-chain CRF (python-crfsuite).

:class:`CRFTagger` tags the library's own tokens (``token.norm``, the normalized
form) with BIO labels over ``PER ORG LOC FAC EVENT PRODUCT`` and turns them into
:class:`~persian_ie.document.Span` objects over the ORIGINAL text. Dates and times
are not its job (the dates stage owns them).

Features (see :class:`Featurizer`): the word and its ZWNJ-free form, prefixes and
suffixes, shape, the ZWNJ-separated parts, the word's part-of-speech classes and
frequency band in hazm's lexicon, and three granularities of word clusters
(k-means over word2vec vectors trained on unlabeled Persian news), for the word
and its neighbours, plus a few conjunctions. The word → (clusters, lexicon) table
ships as ``resources/ner/wordfeat.tsv.gz`` next to the model; both are loaded
lazily, once per process. ``resources/ner/MODEL_CARD.md`` gives the data, recipe,
figures and licence (the bundled model inherits ARMAN's academic-research-only and
PEYMA's research-only terms; ``scripts/train_ner.py`` retrains on other data).

>>> tagger = CRFTagger()
>>> tags = tagger.tag_tokens(["علیرضا", "زاکانی", "شهردار", "تهران", "به", "مینسک", "رفت", "."])
>>> tags[:2], tags[3], tags[5]
(['B-PER', 'I-PER'], 'B-LOC', 'B-LOC')
"""

from __future__ import annotations

import gzip
import threading
from array import array
from bisect import bisect_right
from collections.abc import Mapping
from contextlib import ExitStack
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

from ..document import Document, Span
from .bio import doc_spans_from_bio

__all__ = ["CRFTagger", "Featurizer", "load_wordfeat", "OUTPUT_LABELS", "DEFAULT_MODEL", "DEFAULT_WORDFEAT"]

ZWNJ = "\u200c"
#: labels the tagger may emit (anything else the model knows is dropped at output)
OUTPUT_LABELS = frozenset({"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT", "MONEY", "PERCENT"})
DEFAULT_MODEL = "ner/crf.model"
DEFAULT_WORDFEAT = "ner/wordfeat.tsv.gz"
DEFAULT_GAZETTEER = "ner/gazetteer.tsv"

_DIGIT_FOLD = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789", "0" * 30)
_LATIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

WordInfo = Tuple[str, ...]  # (cluster ids..., lexicon POS, frequency band)


def word_key(token: str) -> str:
    """The form a word is looked up by: digits folded to ``0``, Latin lower-cased.

    >>> word_key("۱۴۰۴م"), word_key("UN")
    ('0000م', 'un')
    """
    # (a word of letters only, most of them, has no digit to fold: translate() costs a
    # dict look-up per character)
    return token.lower() if token.isalpha() else token.translate(_DIGIT_FOLD).lower()


def load_wordfeat(path: Union[str, Path, None] = None) -> "WordTable":
    """Read a ``word<TAB>field<TAB>field...`` table (optionally gzipped)."""
    if path is None:
        ref = resources.files("persian_ie") / "resources" / "ner" / "wordfeat.tsv.gz"
        with ref.open("rb") as raw:
            data = gzip.decompress(raw.read()).decode("utf-8")
    else:
        path = Path(path)
        blob = path.read_bytes()
        data = (gzip.decompress(blob) if path.suffix == ".gz" else blob).decode("utf-8")
    lines = data.rstrip("\n").split("\n")
    if lines and lines[0].startswith("#"):
        lines = lines[1:]
    return WordTable(lines)


class WordTable(Mapping):
    """``word → (field, ...)`` from ``word<TAB>fields`` lines.

    Loading builds no per-word objects (start-up time): lines already in sorted
    order (the shipped table) are packed into one UTF-8 string (:class:`_PackedLines`)
    and looked up by bisection; others go into a dict. A row is split into its fields
    when it is looked up.
    """

    __slots__ = ("_lines", "_rows")

    def __init__(self, lines: List[str]):
        lines = [x for x in lines if x] if "" in lines else lines
        if lines == sorted(lines) and all(map(str.__contains__, lines, repeat("\t"))):  # (C loops: start-up time)
            self._lines: Optional[_PackedLines] = _PackedLines(lines)
            self._rows: Optional[Dict[str, str]] = None
        else:
            self._lines = None
            self._rows = {}
            for line in lines:
                word, tab, rest = line.partition("\t")
                self._rows[word] = rest if tab else None  # type: ignore[assignment]

    def _rest(self, word: str):
        if self._rows is not None:
            return self._rows.get(word, _MISSING)
        return self._lines.rest(word)

    def __getitem__(self, word: str) -> WordInfo:
        rest = self._rest(word)
        if rest is _MISSING:
            raise KeyError(word)
        return () if rest is None else tuple(rest.split("\t"))

    def get(self, word, default=None):
        rest = self._rest(word)
        if rest is _MISSING:
            return default
        return () if rest is None else tuple(rest.split("\t"))

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and self._rest(word) is not _MISSING

    def __iter__(self):
        if self._rows is not None:
            return iter(self._rows)
        return iter(dict.fromkeys(x.partition("\t")[0] for x in self._lines))

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else sum(1 for _ in self)


_MISSING = object()


class _PackedLines(Sequence):
    """Sorted ``word<TAB>fields`` lines in one UTF-8 ``bytes`` with their start offsets.

    The shipped word-feature table has ~200,000 short lines: kept as ``str`` objects they
    took ~16.5 MB of a process (the header of a string is larger than its text); packed,
    ~4 MB of text and ~0.8 MB of offsets. UTF-8 keeps the code-point order, so the
    packed lines are still sorted and a word is found by bisection.
    """

    __slots__ = ("_blob", "_starts", "_n", "_marks")

    #: every BLOCK-th line is kept as a bytes object: a look-up bisects those first (in C),
    #: then the BLOCK lines between two of them
    BLOCK = 32

    def __init__(self, lines: List[str]):
        import numpy as np

        self._blob = ("\n".join(lines) + "\n").encode("utf-8")
        breaks = np.flatnonzero(np.frombuffer(self._blob, dtype=np.uint8) == 10)
        starts = np.empty(len(breaks) + 1, dtype=np.uint32)
        starts[0] = 0
        starts[1:] = breaks + 1
        #: the start of each line, and one past the last line's break
        self._starts = array("I", starts.tobytes())
        self._n = len(breaks)
        self._marks = [self._raw(i) for i in range(0, self._n, self.BLOCK)]

    def __len__(self) -> int:
        return self._n

    def _raw(self, i: int) -> bytes:
        return self._blob[self._starts[i]:self._starts[i + 1] - 1]

    def __getitem__(self, i):  # (a Sequence's; iteration and tests)
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._raw(i).decode("utf-8")

    def rest(self, word: str):
        """The fields part of the last line starting with «word\t» (as a dict keeps a
        repeated word's last row), or ``_MISSING``."""
        if "\t" in word:
            return _MISSING
        head = (word + "\t").encode("utf-8", "surrogatepass")
        target = head + b"\xf4\x8f\xbf\xbf"  # (U+10FFFF: after every line that starts with head)
        blob, starts = self._blob, self._starts
        # bisect_right over the lines: first over every BLOCK-th one, then inline (no key calls)
        j = bisect_right(self._marks, target)
        lo, hi = max(j - 1, 0) * self.BLOCK, min(j * self.BLOCK, self._n)
        while lo < hi:
            mid = (lo + hi) // 2
            if target < blob[starts[mid]:starts[mid + 1] - 1]:
                hi = mid
            else:
                lo = mid + 1
        if lo:
            line = blob[starts[lo - 1]:starts[lo] - 1]
            if line.startswith(head):
                return line[len(head):].decode("utf-8")
        return _MISSING


def load_gazetteer(path: Union[str, Path, None] = None) -> Dict[Tuple[str, ...], Tuple[str, ...]]:
    """Read a ``phrase<TAB>TYPE`` list into ``{word-key tuple: types}``.

    Phrases are split on spaces; they are expected in the library's normalized form.
    """
    if path is None:
        ref = resources.files("persian_ie") / "resources" / "ner" / "gazetteer.tsv"
        data = ref.read_text(encoding="utf-8") if ref.is_file() else ""
    else:
        data = Path(path).read_text(encoding="utf-8")
    rows = [line.partition("\t") for line in data.split("\n") if line and not line.startswith("#")]
    # the phrases' word keys in one pass over all of them (word_key of each word, start-up time)
    keyed = "\n".join(phrase for phrase, _, _ in rows).translate(_DIGIT_FOLD).lower().split("\n")
    table: Dict[Tuple[str, ...], set] = {}
    for (phrase, _, kind), folded in zip(rows, keyed):
        key = tuple(folded.split())
        if key and kind:
            table.setdefault(key, set()).add(kind.strip())
    return {k: tuple(sorted(v)) for k, v in table.items()}


V = TypeVar("V")


def gazetteer_matches(keys: Sequence[str], first: Dict[str, Sequence[int]],
                      table: Dict[tuple, V]) -> Iterator[Tuple[int, int, V]]:
    """Every gazetteer phrase in a sentence: ``(start, length, table[phrase])``.

    ``keys`` are the tokens' :func:`word_key`, ``first`` maps a phrase's first key to the
    lengths of the phrases starting with it, ``table`` maps a phrase (a tuple of keys) to
    what it marks (types for the CRF, array columns for the BiLSTM).
    """
    n = len(keys)
    for i, key in enumerate(keys):
        lengths = first.get(key)
        if lengths is None:
            continue
        for length in lengths:
            if i + length <= n:
                hit = table.get(tuple(keys[i:i + length]))
                if hit:
                    yield i, length, hit


class Featurizer:
    """Token features for the CRF; cached per word, so a sentence costs list joins.

    Args:
        wordfeat: word → ``(cluster_a, cluster_b, cluster_c, lexicon_pos, freq_band)``
            (empty fields mean unknown).
    """

    CLUSTER_FIELDS = 3

    def __init__(self, wordfeat: Optional[Dict[str, WordInfo]] = None,
                 gazetteer: Optional[Dict[Tuple[str, ...], Tuple[str, ...]]] = None,
                 known: Optional[frozenset] = None, wide: bool = False):
        self.wordfeat = wordfeat or {}
        self.gazetteer = gazetteer or {}
        #: attributes the model has weights for (others are dropped early: faster tagging)
        self.known = known
        #: bag-of-words features for the words 3-4 places left and right
        self.wide = wide
        self._gaz_max = max((len(k) for k in self.gazetteer), default=0)
        #: first word of a listed phrase → lengths of the phrases starting with it (longest first)
        self._gaz_first: Dict[str, Tuple[int, ...]] = {}
        lengths: Dict[str, set] = {}
        for key in self.gazetteer:
            lengths.setdefault(key[0], set()).add(len(key))
        self._gaz_first = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self._cache: Dict[str, Tuple[List[str], ...]] = {}
        self._lock = threading.Lock()

    # -- per word ---------------------------------------------------------------------

    def base(self, token: str) -> Dict[str, List[str]]:
        """Feature groups of one word (``word``, ``affix``, ``shape``, ``lex``, ``clus``)."""
        w = word_key(token)
        nz = w.replace(ZWNJ, "")
        info = self.wordfeat.get(w) or self.wordfeat.get(nz) or ()
        groups: Dict[str, List[str]] = {}
        groups["word"] = ["w=" + w, "nz=" + nz]
        affix = []
        for k in (1, 2, 3, 4):
            if len(nz) > k:
                affix.append(f"s{k}={nz[-k:]}")
        for k in (1, 2, 3):
            if len(nz) > k:
                affix.append(f"p{k}={nz[:k]}")
        groups["affix"] = affix
        shape = []
        if not any(ch.isalnum() for ch in w):
            shape.append("punct")
        elif all(ch == "0" for ch in w if ch.isalnum()):
            shape.append("num")
        elif "0" in w:
            shape.append("hasnum")
        if any(ch in _LATIN for ch in w):
            shape.append("latin")
        n = len(nz)
        shape.append("len=" + ("1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4" if n <= 5 else "6" if n <= 8 else "9"))
        if ZWNJ in w:
            parts = w.split(ZWNJ)
            shape.append("zw")
            shape.append("zw0=" + parts[0])
            shape.append("zw-1=" + parts[-1])
        groups["shape"] = shape
        lex = []
        clus = []
        if info:
            for i in range(self.CLUSTER_FIELDS):
                if i < len(info) and info[i]:
                    clus.append(f"c{i}={info[i]}")
            pos = info[self.CLUSTER_FIELDS] if len(info) > self.CLUSTER_FIELDS else ""
            band = info[self.CLUSTER_FIELDS + 1] if len(info) > self.CLUSTER_FIELDS + 1 else ""
            lex.append("pos=" + (pos or "-"))
            if band:
                lex.append("fq=" + band)
            if not clus:
                clus.append("c=-")
        else:
            lex.append("pos=-")
            clus.append("c=-")
        groups["lex"] = lex
        groups["clus"] = clus
        return groups

    def _word(self, token: str) -> Tuple[List[str], ...]:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        g = self.base(token)
        w0 = g["word"] + g["affix"] + g["shape"] + g["lex"] + g["clus"]
        near = g["word"] + [f for f in g["affix"] if f[:2] in ("s2", "s3", "p2")] + g["shape"][:2] + g["lex"] + g["clus"]
        far = g["word"][:1] + g["lex"][:1] + g["clus"]
        known = self.known
        if known is None:
            lists = (["-2" + f for f in far], ["-1" + f for f in near], w0,
                     ["+1" + f for f in near], ["+2" + f for f in far])
        else:
            lists = ([a for a in ["-2" + f for f in far] if a in known],
                     [a for a in ["-1" + f for f in near] if a in known],
                     [a for a in w0 if a in known],
                     [a for a in ["+1" + f for f in near] if a in known],
                     [a for a in ["+2" + f for f in far] if a in known])
        if self.wide:
            ctx_left = ["L" + f for f in far[:1] + g["clus"][1:2]]
            ctx_right = ["R" + f for f in far[:1] + g["clus"][1:2]]
            if known is not None:
                ctx_left = [f for f in ctx_left if f in known]
                ctx_right = [f for f in ctx_right if f in known]
        else:
            ctx_left = ctx_right = []
        out = lists + (
            g["word"][0],
            (g["clus"][1] if len(g["clus"]) > 1 else g["clus"][0]),
            g["lex"][0],
            ctx_left,
            ctx_right,
        )
        if len(self._cache) < 500_000:
            self._cache[token] = out
        return out

    # -- per sentence -----------------------------------------------------------------

    def gazetteer_marks(self, tokens: Sequence[str]) -> List[List[str]]:
        """Per token, ``TYPE:B``/``TYPE:I`` for every gazetteer phrase covering it."""
        n = len(tokens)
        marks: List[List[str]] = [[] for _ in range(n)]
        if not self.gazetteer:
            return marks
        keys = [word_key(t) for t in tokens]
        for i, length, kinds in gazetteer_matches(keys, self._gaz_first, self.gazetteer):
            for kind in kinds:
                marks[i].append(kind + ":B")
                for j in range(i + 1, i + length):
                    marks[j].append(kind + ":I")
        return marks

    def sentence(self, tokens: Sequence[str]) -> List[List[str]]:
        """One feature list per token."""
        words = [self._word(t) for t in tokens]
        n = len(words)
        marks = self.gazetteer_marks(tokens) if self.gazetteer else None
        known = self.known
        out: List[List[str]] = []
        for i in range(n):
            cur = words[i]
            feats = ["b"]
            feats.extend(cur[2])
            extra = []
            if marks is not None:
                for m in marks[i]:
                    extra.append("g=" + m)
                if i > 0:
                    for m in marks[i - 1]:
                        extra.append("-1g=" + m)
                if i + 1 < n:
                    for m in marks[i + 1]:
                        extra.append("+1g=" + m)
            if i > 0:
                prev = words[i - 1]
                feats.extend(prev[1])
                extra.append("ww-1=" + prev[5] + "|" + cur[5])
                extra.append("cc-1=" + prev[6] + "|" + cur[6])
                extra.append("pp-1=" + prev[7] + "|" + cur[7])
                if i > 1:
                    feats.extend(words[i - 2][0])
                else:
                    feats.append("BOS-1")
            else:
                feats.append("BOS")
            if i + 1 < n:
                nxt = words[i + 1]
                feats.extend(nxt[3])
                extra.append("ww+1=" + cur[5] + "|" + nxt[5])
                extra.append("cc+1=" + cur[6] + "|" + nxt[6])
                extra.append("pp+1=" + cur[7] + "|" + nxt[7])
                if i + 2 < n:
                    feats.extend(words[i + 2][4])
                else:
                    feats.append("EOS+1")
            else:
                feats.append("EOS")
            if self.wide:
                for j in (i - 4, i - 3):
                    if j >= 0:
                        feats.extend(words[j][8])
                for j in (i + 3, i + 4):
                    if j < n:
                        feats.extend(words[j][9])
            if known is None:
                feats.extend(extra)
            else:
                feats.extend([f for f in extra if f in known])
            out.append(feats)
        return out


def model_attributes(model_path: Union[str, Path]) -> frozenset:
    """The attribute names a crfsuite model has weights for (read from its dump)."""
    import os
    import tempfile

    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    fd, tmp = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        tagger.dump(tmp)
        with open(tmp, encoding="utf-8") as f:
            text = f.read()
    finally:
        os.unlink(tmp)
    try:
        i = text.index("ATTRIBUTES = {")
        j = text.index("\n}", i)
    except ValueError:
        return frozenset()
    out = set()
    for line in text[i:j].split("\n")[1:]:
        _, sep, name = line.partition(": ")
        if sep:
            out.add(name)
    return frozenset(out)


# -- the tagger ------------------------------------------------------------------------------

_SHARED: Dict[str, Tuple[object, Featurizer]] = {}
_SHARED_LOCK = threading.Lock()


def _open_default(kind: str):
    """Real filesystem path of a bundled resource (kept valid for the process)."""
    ref = resources.files("persian_ie") / "resources" / kind
    if not ref.is_file():
        raise FileNotFoundError(f"the bundled NER model file {kind!r} is missing from the installed package")
    stack = ExitStack()
    path = stack.enter_context(resources.as_file(ref))
    _KEEP.append(stack)
    return str(path)


_KEEP: List[ExitStack] = []


class CRFTagger:
    """Named-entity tagger over the library's tokens.

    Args:
        model_path: a crfsuite model file; ``None`` uses the bundled model.
        wordfeat_path: the word-feature table the model was trained with; ``None``
            uses the bundled table (or one named ``wordfeat.tsv.gz`` beside
            ``model_path``, when there is one).
        gazetteer_path: the gazetteer snapshot the model was trained with (same
            defaults, ``gazetteer.tsv``).
        labels: entity labels to output (default: every label but DATE/TIME).

    The model is opened on first use and shared by every tagger of the process that
    uses the same files.
    """

    name = "crf"

    def __init__(self, model_path: Union[str, Path, None] = None, wordfeat_path: Union[str, Path, None] = None,
                 labels: Optional[Iterable[str]] = None, gazetteer_path: Union[str, Path, None] = None):
        self.model_path = str(model_path) if model_path is not None else None
        if wordfeat_path is None and model_path is not None:
            beside = Path(model_path).with_name("wordfeat.tsv.gz")
            if beside.exists():
                wordfeat_path = beside
        if gazetteer_path is None and model_path is not None:
            beside = Path(model_path).with_name("gazetteer.tsv")
            if beside.exists():
                gazetteer_path = beside
        self.wordfeat_path = str(wordfeat_path) if wordfeat_path is not None else None
        self.gazetteer_path = str(gazetteer_path) if gazetteer_path is not None else None
        self.labels = frozenset(labels) if labels is not None else OUTPUT_LABELS
        self._tagger = None
        self._featurizer: Optional[Featurizer] = None

    def _load(self):
        if self._tagger is None:
            key = f"{self.model_path}|{self.wordfeat_path}|{self.gazetteer_path}"
            with _SHARED_LOCK:
                if key not in _SHARED:
                    import pycrfsuite

                    model = self.model_path or _open_default(DEFAULT_MODEL)
                    if not Path(model).is_file():
                        raise FileNotFoundError(f"CRF model file not found: {model}")
                    tagger = pycrfsuite.Tagger()
                    tagger.open(model)
                    if self.wordfeat_path is None and self.model_path is not None:
                        table: Dict[str, WordInfo] = {}
                    else:
                        table = load_wordfeat(self.wordfeat_path)
                    if self.gazetteer_path is None and self.model_path is not None:
                        gaz: Dict[Tuple[str, ...], Tuple[str, ...]] = {}
                    else:
                        gaz = load_gazetteer(self.gazetteer_path)
                    _SHARED[key] = (tagger, Featurizer(table, gaz, model_attributes(model)))
                self._tagger, self._featurizer = _SHARED[key]
        return self._tagger, self._featurizer

    @property
    def featurizer(self) -> Featurizer:
        return self._load()[1]

    def tag_tokens(self, tokens: List[str]) -> List[str]:
        """BIO tags for normalized tokens (labels outside ``self.labels`` become ``O``)."""
        if not tokens:
            return []
        tagger, feat = self._load()
        tags = tagger.tag(feat.sentence(tokens))
        return _clean(tags, self.labels)

    def __call__(self, doc: Document) -> List[Span]:
        """Entity spans of ``doc`` (needs the segmenter's tokens), one pass per sentence."""
        spans: List[Span] = []
        tokens = doc.tokens
        for sent in doc.sentences:
            toks = tokens[sent.token_start:sent.token_end]
            if not toks:
                continue
            spans.extend(doc_spans_from_bio(doc, toks, self.tag_tokens([t.norm for t in toks]), "crf"))
        return spans

    def __reduce__(self):  # pickle without the loaded model
        return (CRFTagger, (self.model_path, self.wordfeat_path, sorted(self.labels), self.gazetteer_path))


def _clean(tags: Sequence[str], keep: frozenset) -> List[str]:
    if tags.count("O") == len(tags):  # (most sentences of news: no entity)
        return list(tags)
    out = []
    prev = "O"
    for tag in tags:
        if tag != "O" and tag[2:] not in keep:
            tag = "O"
        elif tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out
