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

__all__ = ["Near", "WINDOW", "index_of", "tokens_from"]

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
