"""Helpers shared by the tagger tests (CRF, BiLSTM-CRF, stanza)."""

from __future__ import annotations

import itertools

import numpy as np

from persian_ie.document import Document
from persian_ie.normalize import Normalizer
from persian_ie.segment import Segmenter


def segmented(text: str) -> Document:
    """``text`` normalized and segmented: what a tagger receives in the pipeline."""
    return Segmenter()(Normalizer()(Document(text)))


def found(tagger, text: str) -> set:
    """``{(normalized text, label)}`` of the spans ``tagger`` finds in ``text``."""
    return {(s.normalized, s.label) for s in tagger(segmented(text))}


def enumerated_marginals(em, trans, start, end):
    """P(y_t = k) of a linear-chain CRF by summing over every path (a brute-force reference
    for the forward-backward marginals of the training scripts)."""
    T, K = em.shape
    out = np.zeros((T, K))
    for path in itertools.product(range(K), repeat=T):
        s = start[path[0]] + em[0, path[0]] + end[path[-1]]
        s += sum(trans[path[t - 1], path[t]] + em[t, path[t]] for t in range(1, T))
        for t, y in enumerate(path):
            out[t, y] += np.exp(s)
    return out / out[0].sum()
