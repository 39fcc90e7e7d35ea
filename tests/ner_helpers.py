"""Helpers shared by the tagger tests (CRF, BiLSTM-CRF, stanza)."""

from __future__ import annotations

import itertools

import numpy as np

from persian_ie.document import Document
from persian_ie.normalize import Normalizer
from persian_ie.segment import Segmenter


class OccurrenceTagger:
    """A tagger-shaped object: tags the n-th occurrence of a normalized substring, so a
    test of the entities stage can say exactly what its tagger found."""

    def __init__(self, items):
        self.items = items  # (substring, label, occurrence: 0 = first)

    def __call__(self, doc):
        out = []
        for sub, label, nth in self.items:
            i = -1
            for _ in range(nth + 1):
                i = doc.norm.find(sub, i + 1)
                if i < 0:
                    break
            if i >= 0:
                out.append(doc.span_from_norm(i, i + len(sub), label=label))
        return out


def stage_found(text: str, *items, drop=()) -> list:
    """``[(text, label)]`` of the entities stage's spans in ``text`` when its tagger finds
    ``items`` (``(substring, label)`` or ``(substring, label, occurrence)``), leaving out the
    labels in ``drop``."""
    from persian_ie import Pipeline
    from persian_ie.entities import EntityRecognizer

    tagger = OccurrenceTagger([it if len(it) == 3 else (*it, 0) for it in items])
    nlp = Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(tagger=tagger))])
    return [(e.text, e.label) for e in nlp(text).doc.entities if e.label not in drop]


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
