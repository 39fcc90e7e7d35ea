"""The :class:`Pipeline`: named stages run in order over a :class:`Document`.

A stage is any callable ``stage(doc) -> doc`` (the spaCy component contract).

>>> nlp = Pipeline(stages=["normalize", "segment"])
>>> nlp.stage_names
['normalize', 'segment']
>>> len(nlp("سلام دنیا").doc.tokens)
2
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from .document import Document
from .registry import DEFAULT_STAGES, create_stage
from .result import Result

__all__ = ["Pipeline", "Stage"]

Stage = Callable[[Document], Document]
StageSpec = Union[str, Tuple[str, Stage], Stage]


def _stage_name(stage: Any) -> str:
    name = getattr(stage, "name", None)
    if isinstance(name, str) and name:
        return name
    return getattr(stage, "__name__", type(stage).__name__).lower()


class Pipeline:
    """Ordered, named processing stages.

    Args:
        stages: stage names from the registry (``"normalize"``, ``"segment"``,
            ``"entities"``, ``"dates"``, ``"events"``), ``(name, callable)`` pairs or
            callables with a ``name`` attribute. ``None`` builds the default pipeline.
        ner: entity back-end for the ``entities`` stage: ``"lstm"`` (the bundled
            BiLSTM-CRF, the default), ``"crf"`` (the bundled linear CRF, faster and
            less accurate) or ``"stanza"`` (``persian-ie[stanza]`` and local models).
        config: per-stage keyword arguments, ``{"entities": {...}}``.
    """

    def __init__(self, stages: Optional[Sequence[StageSpec]] = None, *, ner: Optional[str] = None,
                 config: Optional[Dict[str, Dict[str, Any]]] = None):
        config = {k: dict(v) for k, v in (config or {}).items()}
        if ner is not None:
            config.setdefault("entities", {})["backend"] = ner
        self._config = config
        self._stages: List[Tuple[str, Stage]] = []
        for spec in (DEFAULT_STAGES if stages is None else stages):
            self.add(spec)

    # -- building -------------------------------------------------------------------------

    def _resolve(self, spec: StageSpec, name: Optional[str] = None) -> Tuple[str, Stage]:
        if isinstance(spec, str):
            return name or spec, create_stage(spec, **self._config.get(spec, {}))
        if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
            stage_name, stage = spec
            if isinstance(stage, str):
                stage = create_stage(stage, **self._config.get(stage, {}))
            return name or stage_name, stage
        if callable(spec):
            return name or _stage_name(spec), spec
        raise TypeError(f"a stage must be a registered name, a (name, callable) pair or a callable, "
                        f"not {type(spec).__name__}")

    @property
    def stage_names(self) -> List[str]:
        return [name for name, _ in self._stages]

    @property
    def stages(self) -> List[Tuple[str, Stage]]:
        return list(self._stages)

    def get(self, name: str) -> Stage:
        return self._stages[self._index(name)][1]

    def _index(self, name: str) -> int:
        for i, (stage_name, _) in enumerate(self._stages):
            if stage_name == name:
                return i
        raise KeyError(f"no stage named {name!r} in this pipeline; stages: {', '.join(self.stage_names)}")

    def add(self, stage: StageSpec, *, name: Optional[str] = None, before: Optional[str] = None,
            after: Optional[str] = None) -> "Pipeline":
        """Add a stage (at the end, or ``before``/``after`` a named one)."""
        stage_name, obj = self._resolve(stage, name)
        if stage_name in self.stage_names:
            raise ValueError(f"the pipeline already has a stage named {stage_name!r}")
        if before is not None and after is not None:
            raise ValueError("give before or after, not both")
        if before is not None:
            self._stages.insert(self._index(before), (stage_name, obj))
        elif after is not None:
            self._stages.insert(self._index(after) + 1, (stage_name, obj))
        else:
            self._stages.append((stage_name, obj))
        return self

    def replace(self, name: str, stage: StageSpec) -> "Pipeline":
        """Replace the stage called ``name`` (keeps its place and name)."""
        i = self._index(name)
        self._stages[i] = self._resolve(stage, name)
        return self

    def remove(self, name: str) -> Stage:
        """Remove and return the stage called ``name``."""
        return self._stages.pop(self._index(name))[1]

    def __contains__(self, name: str) -> bool:
        return name in self.stage_names

    def __repr__(self) -> str:
        return f"Pipeline(stages={self.stage_names})"

    # -- running --------------------------------------------------------------------------

    def make_doc(self, text: str, published: Any = None, id: Optional[str] = None) -> Document:
        return Document(text, published=published, id=id)

    def run(self, doc: Document) -> Document:
        """Run every stage over ``doc`` (skipped for empty or whitespace text)."""
        if not doc.text.strip():
            return doc
        for _, stage in self._stages:
            doc = stage(doc)
            if not isinstance(doc, Document):
                raise TypeError(f"stage {_!r} returned {type(doc).__name__}, not a Document")
        return doc

    def __call__(self, text: str, published: Any = None, *, id: Optional[str] = None) -> Result:
        """Process one text.

        Raises:
            TypeError: ``text`` is not a ``str``.
            ValueError: ``published`` is not a real date.
        """
        return Result(self.run(self.make_doc(text, published, id)))

    def pipe(self, texts: Iterable[Union[str, Mapping]], *, published: Any = None, n_process: int = 1,
             batch_size: int = 32) -> Iterator[Result]:
        """Process many texts, in order, lazily.

        Each item is a ``str`` or a mapping with ``text`` and optional ``id`` and
        ``published`` (which overrides the ``published`` argument). ``n_process > 1``
        runs worker processes, each building its resources once; ``-1`` uses every CPU.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process must be >= 1 or -1, not {n_process}")
        items = (_item(x, published) for x in texts)
        if n_process == 1:
            for text, pub, doc_id in items:
                yield self(text, pub, id=doc_id)
            return
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self,)) as pool:
            yield from pool.imap(_work, items, chunksize=batch_size)


def _item(x: Any, published: Any) -> Tuple[str, Any, Optional[str]]:
    if isinstance(x, str):
        return x, published, None
    if isinstance(x, Mapping):
        if "text" not in x:
            raise ValueError("a mapping passed to pipe() needs a 'text' key")
        return x["text"], x.get("published", published), x.get("id")
    raise TypeError(f"pipe() items must be str or mappings with 'text', not {type(x).__name__}")


_WORKER: Optional[Pipeline] = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline


def _work(item: Tuple[str, Any, Optional[str]]) -> Result:
    assert _WORKER is not None
    text, published, doc_id = item
    return _WORKER(text, published, id=doc_id)
