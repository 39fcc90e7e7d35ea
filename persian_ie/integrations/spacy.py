"""persian_ie as a spaCy pipeline component (``pip install persian-ie[spacy]``).

The component is registered under the name ``persian_ie`` through the
``spacy_factories`` entry point, so nothing needs importing first::

    import spacy
    nlp = spacy.blank("fa")
    nlp.add_pipe("persian_ie", config={"published": "1404-08-19"})
    doc = nlp("زاکانی امروز با سفیر بلاروس دیدار کرد.")
    [(e.text, e.label_) for e in doc.ents]
    doc._.events          # the JSON contract's event dicts
    doc._.dates           # its date dicts
    for doc in nlp.pipe(texts, n_process=2, batch_size=32): ...

What the component sets:

* ``doc.ents`` from the library's character spans. spaCy's tokens may cut the text
  differently, so each span is widened to whole tokens (``alignment_mode="expand"``);
  where entities overlap, the longer one is kept (spaCy's ``filter_spans``). Entity
  dicts that could not be placed (no token under them, or overlapped) are kept in
  ``doc._.unaligned_ents`` and counted in the component's :attr:`~PersianIE.stats`.
* ``doc._.events`` and ``doc._.dates``: lists of plain dicts (the JSON contract), which
  survive ``nlp.pipe(n_process=…)`` and ``DocBin``.
* ``doc._.published`` (set it on a ``Doc`` before the component runs) overrides the
  component's ``published`` setting for that document.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

__all__ = ["PersianIE", "make_persian_ie", "EXTENSIONS"]

#: The ``Doc`` extensions the component fills.
EXTENSIONS = ("events", "dates", "unaligned_ents", "published")


def _register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register_extensions()


class PersianIE:
    """The ``persian_ie`` component: runs :class:`persian_ie.Pipeline` over ``doc.text``.

    Args:
        name: the component's name in the spaCy pipeline.
        published: publication date for every document (``"1404-08-19"``…), unless a
            doc sets ``doc._.published``.
        ner: entity back-end (``"lstm"``, ``"crf"``, ``"stanza"``); None = the default.
        set_ents: write ``doc.ents`` (False leaves spaCy's entities alone).
        labels: keep only these entity labels in ``doc.ents`` (None = all).
    """

    def __init__(self, name: str = "persian_ie", *, published: Optional[str] = None, ner: Optional[str] = None,
                 set_ents: bool = True, labels: Optional[List[str]] = None):
        self.name = name
        self.published = published
        self.ner = ner
        self.set_ents = set_ents
        self.labels = None if labels is None else set(labels)
        self.stats: Dict[str, int] = {"docs": 0, "entities": 0, "aligned": 0, "unaligned": 0, "overlapping": 0}
        self._pipeline: Any = None
        self._lock = threading.Lock()

    # the library pipeline is built on first use, once per process (also after pickling)
    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    from ..pipeline import Pipeline

                    self._pipeline = Pipeline(ner=self.ner)
        return self._pipeline

    def __getstate__(self) -> Dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        _register_extensions()

    def _published(self, doc: Doc) -> Any:
        own = doc._.published
        return own if own is not None else self.published

    def __call__(self, doc: Doc) -> Doc:
        result = self.pipeline(doc.text, self._published(doc))
        return self._set(doc, result)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Batched: the library's ``Pipeline.pipe`` sees whole batches of texts."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch, batch_size)
                batch = []
        if batch:
            yield from self._run(batch, batch_size)

    def _run(self, batch: List[Doc], batch_size: int) -> Iterator[Doc]:
        items = ({"text": d.text, "published": self._published(d)} for d in batch)
        for doc, result in zip(batch, self.pipeline.pipe(items, batch_size=batch_size)):
            yield self._set(doc, result)

    def _set(self, doc: Doc, result: Any) -> Doc:
        data = result.to_dict()
        doc._.events = data["events"]
        doc._.dates = data["dates"]
        unaligned: List[Dict[str, Any]] = []
        self.stats["docs"] += 1
        if self.set_ents:
            spans, sources = [], {}
            for ent in data["entities"]:
                if self.labels is not None and ent["label"] not in self.labels:
                    continue
                self.stats["entities"] += 1
                span = doc.char_span(ent["start"], ent["end"], label=ent["label"], alignment_mode="expand")
                if span is None or len(span) == 0:
                    unaligned.append(ent)
                    self.stats["unaligned"] += 1
                    continue
                spans.append(span)
                sources[(span.start, span.end, span.label_)] = ent
            kept = filter_spans(spans)
            kept_keys = {(s.start, s.end, s.label_) for s in kept}
            for span in spans:
                if (span.start, span.end, span.label_) not in kept_keys:
                    unaligned.append(sources[(span.start, span.end, span.label_)])
                    self.stats["overlapping"] += 1
            self.stats["aligned"] += len(kept)
            doc.ents = kept
        doc._.unaligned_ents = unaligned
        return doc


@Language.factory(
    "persian_ie",
    default_config={"published": None, "ner": None, "set_ents": True, "labels": None},
    assigns=["doc.ents", "doc._.events", "doc._.dates", "doc._.unaligned_ents"],
)
def make_persian_ie(nlp: Language, name: str, published: Optional[str], ner: Optional[str], set_ents: bool,
                    labels: Optional[List[str]]) -> PersianIE:
    """spaCy factory of the ``persian_ie`` component (see :class:`PersianIE`)."""
    return PersianIE(name, published=published, ner=ner, set_ents=set_ents, labels=labels)
