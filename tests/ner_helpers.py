"""Helpers shared by the tagger tests (CRF, BiLSTM-CRF, stanza)."""

from __future__ import annotations

from persian_ie.document import Document
from persian_ie.normalize import Normalizer
from persian_ie.segment import Segmenter


def segmented(text: str) -> Document:
    """``text`` normalized and segmented: what a tagger receives in the pipeline."""
    return Segmenter()(Normalizer()(Document(text)))


def found(tagger, text: str) -> set:
    """``{(normalized text, label)}`` of the spans ``tagger`` finds in ``text``."""
    return {(s.normalized, s.label) for s in tagger(segmented(text))}
