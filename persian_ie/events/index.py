"""Position indexes that keep the per-mention work of the events stage bounded.

Each trigger mention looks at its own neighbourhood (clause, sentence, a few dozen
characters around it). Scanning every person unit, entity, date or other mention of
the document for each mention made the stage quadratic in the length of a text (a
page of «دیدار دیدار …», a long list of meetings). These helpers answer "what lies in
``[a, b)``" by binary search over lists sorted once per document, so the work per
mention depends on what is near it, not on the document's length.

>>> near = Near([(3, "a"), (10, "b"), (40, "c")])
>>> near.between(5, 41)
['b', 'c']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Callable, Generic, Iterable, List, Sequence, Tuple, TypeVar

from ..document import Document
from .. import _rxcache as rxcache

__all__ = ["Near", "WINDOW", "index_of", "nearest", "stop_at", "tokens_from"]

T = TypeVar("T")

#: characters on each side of a mention that its clause, status and arguments may use
WINDOW = 400


class Near(Generic[T]):
    """Items keyed by a position, for range queries (``key`` is an int offset)."""

    __slots__ = ("keys", "items")

    def __init__(self, pairs: Iterable[Tuple[int, T]]):
        ordered = sorted(pairs, key=lambda p: p[0])
        self.keys = [k for k, _ in ordered]
        self.items = [v for _, v in ordered]

    def between(self, lo: int, hi: int) -> List[T]:
        """Items whose key is in ``[lo, hi)``, in key order."""
        return self.items[bisect_left(self.keys, lo):bisect_left(self.keys, hi)]

    def __len__(self) -> int:
        return len(self.keys)


def index_of(doc: Document, name: str, items: Sequence[Any], key: Callable[[Any], int]) -> Near:
    """A :class:`Near` over ``items`` by ``key``, built once per document and list
    (cached in ``doc.user_data``; rebuilt when a different list object is passed)."""
    slot = f"_events_index_{name}"
    cached = doc.user_data.get(slot)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        cached = (items, len(items), Near((key(x), x) for x in items))
        doc.user_data[slot] = cached
    return cached[2]


def tokens_from(doc: Document, nstart: int) -> int:
    """Index of the first token of ``doc`` starting at or after normalized offset ``nstart``."""
    starts = doc.user_data.get("_events_token_starts")
    if starts is None or len(starts) != len(doc.tokens):
        starts = [t.nstart for t in doc.tokens]
        doc.user_data["_events_token_starts"] = starts
    return bisect_left(starts, nstart)


def first_at_or_after(keys: Sequence[int], pos: int) -> int:
    return bisect_left(keys, pos)


def last_before(keys: Sequence[int], pos: int) -> int:
    return bisect_right(keys, pos) - 1


def nearest(items: Sequence[T], keys: Sequence[int], pos: int, k: int) -> List[T]:
    """The ``k`` items nearest to ``pos``: exactly ``sorted(items, key=|key - pos|)[:k]``
    (a stable sort: equal distances keep list order), found by bisection when
    ``keys`` (one per item) is sorted — O(k log k) instead of sorting the whole list.

    >>> nearest(["a", "b", "c", "d"], [0, 10, 20, 30], 18, 2)
    ['c', 'b']
    >>> nearest(["a", "b", "c"], [0, 10, 20], 15, 1)
    ['b']
    """
    n = len(keys)
    if k <= 0 or n == 0:
        return []
    if n <= k:
        return [items[i] for i in sorted(range(n), key=lambda i: abs(keys[i] - pos))]
    lo = hi = bisect_left(keys, pos)  # window [lo, hi) grows toward the nearer side
    while hi - lo < k:
        if lo == 0:
            hi += 1
        elif hi == n or pos - keys[lo - 1] <= keys[hi] - pos:
            lo -= 1
        else:
            hi += 1
    # every item at the window's widest distance belongs to the tie group: take it all
    far = max(pos - keys[lo], keys[hi - 1] - pos)
    while lo > 0 and pos - keys[lo - 1] <= far:
        lo -= 1
    while hi < n and keys[hi] - pos <= far:
        hi += 1
    window = sorted(range(lo, hi), key=lambda i: (abs(keys[i] - pos), i))[:k]
    return [items[i] for i in window]


_SLASH = rxcache.compile(r"\s/\s")


def stop_at(text: str, start: int, chars: str, slash: bool = True) -> int:
    """Where ``[chars]|\\s/\\s`` (``[chars]`` when not ``slash``) first matches in ``text`` at
    or after ``start`` (else ``len(text)``): the end of a clause, found with ``str.find``
    rather than a regular expression walking every character.

    >>> stop_at("الف ب / ج: د", 0, ":")
    5
    >>> stop_at("الف ب: ج", 6, ":؛")
    8
    >>> stop_at("الف / ب. ج", 0, ".", slash=False)
    7
    """
    end = len(text)
    for ch in chars:
        k = text.find(ch, start, end)
        if k >= 0:
            end = k
    if not slash:
        return end
    k = text.find("/", start + 1, end + 1)
    while k >= 0:
        if _SLASH.match(text, k - 1):
            return min(end, k - 1)
        k = text.find("/", k + 1, end + 1)
    return end
