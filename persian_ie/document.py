"""The data that flows through the pipeline: :class:`Document`, :class:`Span`,
:class:`Token`, :class:`Sentence` and the offset :class:`Alignment`.

Every stage works on ``doc.norm`` (the normalized text) and reports what it finds
with :meth:`Document.span_from_norm`, which turns normalized offsets back into
offsets of the caller's ORIGINAL string, so ``doc.text[s.start:s.end] == s.text``
always holds.

>>> from persian_ie.normalize import Normalizer
>>> doc = Normalizer()(Document("علي در  تهران"))
>>> doc.norm
'علی در تهران'
>>> span = doc.span_from_norm(7, 12, label="LOC")
>>> (span.text, span.start, span.end)
('تهران', 8, 13)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, List, Optional, Sequence, Tuple

__all__ = ["Alignment", "Span", "Token", "Sentence", "Document"]


class Alignment:
    """Exact two-way map between a normalized string and the original string.

    ``starts[i]``/``ends[i]`` give the original character range that produced the
    normalized character ``i``. A character the normalizer *inserted* (a ZWNJ, a
    space before glued punctuation) has ``starts[i] == ends[i]``. Both lists are
    non-decreasing.
    """

    __slots__ = ("original", "normalized", "starts", "ends")

    def __init__(self, original: str, normalized: str, starts: Sequence[int], ends: Sequence[int]):
        if not (len(normalized) == len(starts) == len(ends)):
            raise ValueError("alignment arrays must match the normalized text length")
        self.original = original
        self.normalized = normalized
        self.starts = list(starts)
        self.ends = list(ends)

    def __reduce__(self):
        # the offset lists as packed integers: a pipe(n_process=N) result crosses a process
        # boundary, where a list of ints costs ~5 bytes and its own work per entry
        return (_alignment_from_packed, (self.original, self.normalized, _pack(self.starts), _pack(self.ends)))

    @classmethod
    def identity(cls, text: str) -> "Alignment":
        return cls._owning(text, text, *_identity_offsets(len(text)))

    @classmethod
    def _owning(cls, original: str, normalized: str, starts: List[int], ends: List[int]) -> "Alignment":
        """An alignment that takes ``starts`` and ``ends`` as they are (lists no one else
        changes), instead of copying them as the constructor does."""
        if not (len(normalized) == len(starts) == len(ends)):
            raise ValueError("alignment arrays must match the normalized text length")
        a = cls.__new__(cls)
        a.original, a.normalized, a.starts, a.ends = original, normalized, starts, ends
        return a

    def to_original(self, start: int, end: int) -> Tuple[int, int]:
        """Original ``(start, end)`` covering normalized ``[start, end)``."""
        n = len(self.normalized)
        if not 0 <= start <= end <= n:
            raise IndexError(f"normalized span ({start}, {end}) out of range 0..{n}")
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def to_normalized(self, start: int, end: int) -> Tuple[int, int]:
        """Smallest normalized ``(start, end)`` whose characters came from original ``[start, end)``."""
        if not 0 <= start <= end <= len(self.original):
            raise IndexError(f"original span ({start}, {end}) out of range")
        # first normalized char whose source ends after `start`
        nstart = bisect_right(self.ends, start)
        # first normalized char whose source starts at or after `end`
        nend = bisect_left(self.starts, end, lo=nstart)
        return nstart, max(nstart, nend)


@dataclass
class Span:
    """A stretch of the ORIGINAL text: ``text == original[start:end]``.

    ``label`` is set for entities (PER, ORG, LOC, FAC, EVENT, PRODUCT, DATE, TIME,
    MONEY, PERCENT, ROLE); ``normalized`` is the library-normalized form of the text.
    ``attrs`` carries stage-specific extras (scores, links); it is not serialized
    except where a record chooses to.
    """

    text: str
    start: int
    end: int
    label: Optional[str] = None
    normalized: Optional[str] = None
    attrs: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def norm_text(self) -> str:
        """The normalized form: ``normalized`` when a stage set it, otherwise the text run
        through the library's normalizer (so «حسن روحاني» and «حسن روحانی» compare equal).

        Examples:
            >>> Span("حسن روحاني", 0, 10).norm_text
            'حسن روحانی'
        """
        if self.normalized is None:
            from .normalize import normalize  # local import: normalize imports this module

            return normalize(self.text).strip(" \n\u200c")
        return self.normalized

    def to_dict(self) -> Dict[str, Any]:
        """The contract's span ``{"text", "start", "end", "normalized"}``."""
        return {"text": self.text, "start": self.start, "end": self.end, "normalized": self.norm_text}

    def to_entity_dict(self) -> Dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "normalized": self.norm_text,
        }

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Span":
        """Read a span (plain or entity) back from its JSON form."""
        try:
            return cls(data["text"], int(data["start"]), int(data["end"]), label=data.get("label"),
                       normalized=data.get("normalized"))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a span: {data!r} (needs text, start and end)") from exc

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


#: the offsets 0, 1, 2, ... (shared int objects) for the identity maps of texts up to
#: ``_OFFSETS_MAX`` characters: a slice copies references, where ``list(range(n))`` makes an
#: int object for every offset above 256 (the two maps of a 2,600-character article: ~3x
#: faster). Grown to the longest text seen, at most ~2.4 MB.
_OFFSETS: List[List[int]] = [[]]
_OFFSETS_MAX = 1 << 16


def _identity_offsets(n: int) -> Tuple[List[int], List[int]]:
    """New lists ``list(range(n))`` and ``list(range(1, n + 1))`` (the identity map's
    ``starts`` and ``ends``), their int objects shared with each other and other maps."""
    pool = _OFFSETS[0]
    if len(pool) <= n:
        if n >= _OFFSETS_MAX:  # (a long text: its own ints, shared by its two lists)
            starts = list(range(n))
            ends = starts[1:]
            ends.append(n)
            return starts, ends
        pool = list(range(min(_OFFSETS_MAX, max(n + 1, 2 * len(pool), 8192))))
        _OFFSETS[0] = pool  # (replaced, never changed in place: a slice another thread takes stays whole)
    return pool[:n], pool[1:n + 1]


def _pack(values: List[int]) -> array:
    """Non-negative ints as a packed array (4 bytes each when they fit)."""
    try:
        return array("I", values)
    except OverflowError:
        return array("Q", values)


def _alignment_from_packed(original: str, normalized: str, starts: array, ends: array) -> Alignment:
    a = Alignment.__new__(Alignment)
    a.original, a.normalized = original, normalized
    a.starts, a.ends = starts.tolist(), ends.tolist()
    return a


@dataclass
class Token:
    """A word or punctuation token. ``start``/``end`` index the original text,
    ``nstart``/``nend`` the normalized text; ``norm`` is the normalized form."""

    text: str
    start: int
    end: int
    norm: str
    nstart: int
    nend: int
    sent: int = 0

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.norm)


@dataclass
class Sentence:
    """A sentence: original and normalized offsets and the slice of ``doc.tokens`` it owns."""

    text: str
    start: int
    end: int
    nstart: int
    nend: int
    token_start: int = 0
    token_end: int = 0

    def to_dict(self) -> Dict[str, int]:
        return {"start": self.start, "end": self.end}


class Document:
    """One text on its way through the pipeline.

    Attributes:
        text: the caller's original string (never modified).
        norm: the normalized text (equals ``text`` until the normalizer runs).
        alignment: the :class:`Alignment` between ``norm`` and ``text``.
        sentences, tokens: filled by the segmenter.
        entities: :class:`Span` objects with a ``label``.
        dates: :class:`persian_ie.records.DateValue` objects.
        events: :class:`persian_ie.records.Event` objects.
        published: the publication date as a ``jdatetime.date`` or ``None``.
        id: the caller's identifier, if any.
        meta: the caller's own fields passed through to the output (``url``, ``title``…);
            :meth:`persian_ie.Result.to_dict` adds them after the contract's keys.
        user_data: free room for stages and users.
    """

    def __init__(self, text: str, *, published: Any = None, id: Optional[str] = None):
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        from .calendar import parse_published  # local import: calendar imports nothing from here

        self.text = text
        self.id = id
        self.published = parse_published(published)
        self.sentences: List[Sentence] = []
        self.tokens: List[Token] = []
        self.entities: List[Span] = []
        self.dates: list = []
        self.events: list = []
        self.meta: Dict[str, Any] = {}
        self.user_data: Dict[str, Any] = {}

    @cached_property
    def alignment(self) -> Alignment:
        """The :class:`Alignment` between ``norm`` and ``text``: the identity until the
        normalizer sets one (built on first use: the pipeline's normalizer replaces it
        unread, and a long text's identity map is two lists of its length)."""
        return Alignment.identity(self.text)

    def __getstate__(self) -> Dict[str, Any]:
        """The tokens travel as packed offsets (their texts are slices of ``text`` and
        ``norm``): a document crossing a process boundary (``pipe(n_process=N)``) costs
        about half the bytes and time of pickling one object per token."""
        self.alignment  # noqa: B018 - (the identity map, if it was never asked for)
        state = self.__dict__.copy()
        if "_packed_tokens" in state:  # unpickled and never unpacked: it travels as it came
            state["tokens"] = state.pop("_packed_tokens")
            return state
        tokens = state["tokens"]
        if tokens and type(tokens[0]) is Token:
            text, norm = self.text, self.norm
            flat: List[int] = []
            add = flat.extend
            for t in tokens:
                if type(t) is not Token or t.text != text[t.start:t.end] or t.norm != norm[t.nstart:t.nend]:
                    return state  # not plain slices (a hand-made token): pickled as they are
                add((t.start, t.end, t.nstart, t.nend, t.sent))
            state["tokens"] = _PackedTokens(_pack(flat))
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        tokens = state.get("tokens")
        if isinstance(tokens, _PackedTokens):
            # the Token objects are made on first use (:meth:`__getattr__`): a result that
            # crossed a process boundary and is only written out (``to_dict``) never needs them
            state = dict(state)
            state["_packed_tokens"] = state.pop("tokens")
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # only reached when ``name`` is missing: the tokens of an unpickled document are
        # unpacked here, once
        packed = self.__dict__.get("_packed_tokens") if name == "tokens" else None
        if packed is None:
            # another thread may have unpacked them since this lookup missed: it stores the
            # list before it drops the packed form, so no packed form means the list is there
            tokens = self.__dict__.get("tokens") if name == "tokens" else None
            if tokens is not None:
                return tokens
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        text, norm = self.text, self.__dict__["alignment"].normalized
        v = packed.data.tolist()
        tokens = [Token(text[v[k]:v[k + 1]], v[k], v[k + 1], norm[v[k + 2]:v[k + 3]], v[k + 2], v[k + 3], v[k + 4])
                  for k in range(0, len(v), 5)]
        # two threads may unpack at once: both get the list that was stored first
        tokens = self.__dict__.setdefault("tokens", tokens)
        self.__dict__.pop("_packed_tokens", None)
        return tokens

    @property
    def norm(self) -> str:
        return self.alignment.normalized

    def span_from_norm(self, nstart: int, nend: int, **kwargs: Any) -> Span:
        """Build a :class:`Span` over the original text from normalized offsets.

        Leading/trailing whitespace (and ZWNJ) of the original slice is trimmed, so the
        span text is always a clean, exact slice of the original.
        """
        align = self.alignment
        if 0 <= nstart < nend <= len(align.normalized):  # (to_original's answer, without its checks)
            start, end = align.starts[nstart], align.ends[nend - 1]
        else:
            start, end = align.to_original(nstart, nend)
        original = self.text
        while start < end and (original[start].isspace() or original[start] in "\u200c\u200d"):
            start += 1
        while end > start and (original[end - 1].isspace() or original[end - 1] in "\u200c\u200d"):
            end -= 1
        if "normalized" not in kwargs:
            kwargs["normalized"] = align.normalized[nstart:nend].strip(" \n\u200c")
        return Span(original[start:end], start, end, **kwargs)

    def norm_span(self, span: Span) -> Tuple[int, int]:
        """Normalized ``(start, end)`` of an original-text span."""
        return self.alignment.to_normalized(span.start, span.end)

    def sentence_of(self, start: int) -> Optional[Sentence]:
        """The sentence containing original offset ``start``."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if start < sent.start:
                hi = mid
            elif start >= sent.end:
                lo = mid + 1
            else:
                return sent
        return None

    def ents(self, *labels: str) -> List[Span]:
        """Entities with one of ``labels`` (all entities when none are given)."""
        if not labels:
            return list(self.entities)
        return [e for e in self.entities if e.label in labels]

    def __repr__(self) -> str:
        preview = self.text[:30].replace("\n", " ")
        return f"Document({preview!r}…, {len(self.tokens)} tokens, {len(self.entities)} entities)"


class _PackedTokens:
    """A document's tokens in its pickled state: ``(start, end, nstart, nend, sent)`` per token."""

    __slots__ = ("data",)

    def __init__(self, data: array):
        self.data = data

    def __reduce__(self):
        return (_PackedTokens, (self.data,))
