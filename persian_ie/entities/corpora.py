"""Readers for the Persian NER corpora used to train and evaluate the tagger.

The corpora are NOT shipped with the package (ARMAN is for academic research use,
PEYMA for research purposes); these readers are used by ``scripts/train_ner.py``
and ``scripts/eval_ner.py`` on a local copy.

Every reader returns a list of ``(tokens, tags)`` sentences with BIO tags over the
library's label names (``B-PER``, ``I-ORG``, ...):

* ARMAN (``token tag``, pers/org/loc/fac/pro/event) → PER ORG LOC FAC PRODUCT EVENT
* PEYMA (``token|TAG``, ``B_PER``...) → PER ORG LOC DATE TIME MONEY PERCENT
* ParsTwiNER (``token<TAB>tag``) → PER ORG LOC EVENT (POG → ORG, NAT → O)

:func:`to_text` joins a sentence's tokens with spaces and gives the gold entities
as character spans; :func:`project` runs the library's normalizer and segmenter over
that text and gives BIO tags over the library's own tokens, so a model trained on
them sees exactly what it sees at run time.

>>> text, ents = to_text(["دیدار", "با", "علی", "لاریجانی"], ["O", "O", "B-PER", "I-PER"])
>>> text, ents
('دیدار با علی لاریجانی', [(9, 21, 'PER')])
>>> [(t, g) for t, g in project(text, ents)[0]]
[('دیدار', 'O'), ('با', 'O'), ('علی', 'B-PER'), ('لاریجانی', 'I-PER')]
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from .bio import spans_from_bio

__all__ = ["read_arman", "read_peyma", "read_parstwiner", "read_conll", "to_text", "project",
           "spans_from_bio", "ARMAN_LABELS", "PEYMA_LABELS"]

Sentence = Tuple[List[str], List[str]]

_ARMAN_MAP = {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRODUCT", "event": "EVENT"}
_PEYMA_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "DAT": "DATE", "TIM": "TIME", "MON": "MONEY",
              "PCT": "PERCENT"}
_TWINER_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "EVE": "EVENT", "POG": "ORG", "NAT": None}

#: entity types each corpus annotates (what an evaluation on it can score)
ARMAN_LABELS = ("PER", "ORG", "LOC", "FAC", "PRODUCT", "EVENT")
PEYMA_LABELS = ("PER", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT")


def read_conll(lines: Iterable[str], sep: Optional[str], mapping: dict) -> List[Sentence]:
    """Sentences from ``token<sep>tag`` lines (blank line between sentences).

    ``sep=None`` splits on the LAST run of whitespace. Tags ``B-x``/``B_x``/``I-x``
    are mapped through ``mapping`` (a type mapped to None becomes ``O``); an ``I-``
    that does not continue an entity of its type starts one.
    """
    out: List[Sentence] = []
    toks: List[str] = []
    tags: List[str] = []
    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            if toks:
                out.append((toks, tags))
                toks, tags = [], []
            continue
        if sep is None:
            parts = line.rsplit(None, 1)
        else:
            parts = line.rsplit(sep, 1)
        if len(parts) != 2:
            continue
        tok, tag = parts[0].strip(), parts[1].strip()
        if not tok:
            continue
        if tag == "O" or len(tag) < 3:
            label = None
            prefix = "O"
        else:
            prefix, label = tag[0], mapping.get(tag[2:], None)
        if label is None:
            tags.append("O")
        else:
            if prefix == "I" and not (tags and tags[-1] != "O" and tags[-1][2:] == label):
                prefix = "B"
            tags.append(f"{prefix}-{label}")
        toks.append(tok)
    if toks:
        out.append((toks, tags))
    return out


def read_arman(path: Union[str, Path], split: str = "train_fold1") -> List[Sentence]:
    """ARMAN sentences from ``ArmanPersoNERCorpus.zip`` (or a folder holding the files)."""
    path = Path(path)
    if path.is_dir():
        if (path / f"{split}.txt").exists():
            text = (path / f"{split}.txt").read_text(encoding="utf-8")
        else:
            path = path / "ArmanPersoNERCorpus.zip"
            with zipfile.ZipFile(path) as zf:
                text = zf.read(f"{split}.txt").decode("utf-8")
    else:
        with zipfile.ZipFile(path) as zf:
            text = zf.read(f"{split}.txt").decode("utf-8")
    return read_conll(io.StringIO(text), None, _ARMAN_MAP)


def read_peyma(path: Union[str, Path]) -> List[Sentence]:
    """PEYMA sentences from a ``token|TAG`` file."""
    with open(path, encoding="utf-8") as f:
        return read_conll(f, "|", _PEYMA_MAP)


def read_parstwiner(path: Union[str, Path]) -> List[Sentence]:
    """ParsTwiNER sentences from a ``token<TAB>tag`` file."""
    with open(path, encoding="utf-8") as f:
        return read_conll(f, "\t", _TWINER_MAP)




def read_train_splits(data: Union[str, Path]) -> List[Sentence]:
    """The TRAIN splits of the three NER corpora under ``data`` (ARMAN ``train_fold1``,
    PEYMA ``train.txt``, ParsTwiNER ``train.txt``), in that order: the labelled text the
    list-building scripts count over (never a test split)."""
    data = Path(data)
    return (read_arman(data / "arman", "train_fold1")
            + read_peyma(data / "peyma" / "train.txt")
            + read_parstwiner(data / "parstwiner" / "train.txt"))


def to_text(tokens: Sequence[str], tags: Sequence[str]) -> Tuple[str, List[Tuple[int, int, str]]]:
    """The sentence as raw text (tokens joined with spaces) and its gold character spans."""
    starts = []
    pos = 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    ents = [(starts[a], starts[b - 1] + len(tokens[b - 1]), label) for a, b, label in spans_from_bio(tags)]
    return text, ents


_PIPE = None


def _pipe():
    global _PIPE
    if _PIPE is None:
        from ..normalize import Normalizer
        from ..segment import Segmenter
        _PIPE = (Normalizer(), Segmenter())
    return _PIPE


def project(text: str, ents: Sequence[Tuple[int, int, str]], doc=None) -> List[List[Tuple[str, str]]]:
    """Normalize and segment ``text`` with the library and tag its tokens from ``ents``.

    Returns one list of ``(normalized token, BIO tag)`` per library sentence. A token
    is inside an entity when its original characters fall inside the entity's span;
    the first token of each entity gets ``B-``.
    """
    if doc is None:
        from ..document import Document
        norm, seg = _pipe()
        doc = seg(norm(Document(text)))
    tags = ["O"] * len(doc.tokens)
    for s, e, label in ents:
        first = True
        for i, tok in enumerate(doc.tokens):
            if tok.start >= s and tok.end <= e:
                tags[i] = ("B-" if first else "I-") + label
                first = False
    out = []
    for sent in doc.sentences:
        out.append([(doc.tokens[i].norm, tags[i]) for i in range(sent.token_start, sent.token_end)])
    return out
