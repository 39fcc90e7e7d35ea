"""BIO tag helpers shared by the statistical back-ends and the corpus readers."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from ..document import Document, Span, Token

__all__ = ["spans_from_bio", "doc_spans_from_bio"]


def spans_from_bio(tags: Sequence[str]) -> List[Tuple[int, int, str]]:
    """``(first, last_exclusive, label)`` token spans from BIO tags (a stray I- starts a span).

    >>> spans_from_bio(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC'), (5, 6, 'LOC')]
    """
    if isinstance(tags, (list, tuple)) and tags.count("O") == len(tags):  # (most sentences: no entity)
        return []
    spans = []
    start = None
    label = None
    for i, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-") or tag[2:] != label:
            if start is not None:
                spans.append((start, i, label))
                start = label = None
            if tag != "O":
                start, label = i, tag[2:]
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def doc_spans_from_bio(doc: Document, tokens: Sequence[Token], tags: Sequence[str], source: str) -> List[Span]:
    """Entity :class:`Span` objects (original offsets) for one sentence's tokens and tags."""
    spans = []
    for a, b, label in spans_from_bio(tags):
        span = doc.span_from_norm(tokens[a].nstart, tokens[b - 1].nend, label=label)
        span.attrs["source"] = source
        spans.append(span)
    return spans
