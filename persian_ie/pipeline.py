"""The :class:`Pipeline`: named stages run in order over a :class:`Document`.

A stage is any callable ``stage(doc) -> doc`` (the spaCy component contract); a
stage may also have ``pipe(docs) -> docs``, which :meth:`Pipeline.pipe` calls with a
whole batch (the entity tagger uses it to tag the sentences of many documents at once).

>>> nlp = Pipeline(stages=["normalize", "segment"])
>>> nlp.stage_names
['normalize', 'segment']
>>> len(nlp("سلام دنیا").doc.tokens)
2
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Mapping
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from ._threads import single_blas_thread
from .document import Document
from .registry import DEFAULT_STAGES, create_stage
from .result import ERROR_KEY, Result

__all__ = ["Pipeline", "Stage", "TextTooLongError", "ON_ERROR", "DEFAULT_MAX_LENGTH"]

#: the longest text a pipeline accepts by default, in characters (spaCy's default too)
DEFAULT_MAX_LENGTH = 1_000_000

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
        max_length: the longest text accepted, in characters; a longer one raises
            :class:`TextTooLongError` (a ``ValueError``) naming this limit. Every stage
            is near-linear, so the limit bounds memory and time: news text takes
            roughly 25 MB and 8 s of CPU per 100,000 characters.
    """

    def __init__(self, stages: Optional[Sequence[StageSpec]] = None, *, ner: Optional[str] = None,
                 config: Optional[Dict[str, Dict[str, Any]]] = None, max_length: int = DEFAULT_MAX_LENGTH):
        if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
            raise ValueError(f"max_length must be a positive integer, not {max_length!r}")
        self.max_length = max_length
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
        """A :class:`Document` for ``text`` (checks its type and :attr:`max_length`)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if len(text) > self.max_length:
            raise TextTooLongError(
                f"the text has {len(text):,} characters, more than this pipeline's max_length "
                f"({self.max_length:,}); split it into parts (articles, sections), or raise the limit "
                f"with Pipeline(max_length=...) or nlp.max_length = N if the machine has the memory "
                f"(news text takes roughly {_MB_PER_100K} MB of memory and {_CPU_S_PER_100K} s or more of "
                f"CPU per 100,000 characters)")
        return Document(text, published=published, id=id)

    def run(self, doc: Document) -> Document:
        """Run every stage over ``doc`` (skipped for empty or whitespace text)."""
        if not doc.text.strip():
            return doc
        with single_blas_thread():
            for name, stage in self._stages:
                doc = stage(doc)
                if not isinstance(doc, Document):
                    raise TypeError(f"stage {name!r} returned {type(doc).__name__}, not a Document")
        return doc

    def run_batch(self, docs: Sequence[Document]) -> List[Document]:
        """Run every stage over a batch of documents.

        A stage with a ``pipe(docs)`` method (spaCy's batch contract) gets the whole
        batch at once; other stages are called document by document. Empty and
        whitespace-only documents skip the stages, as in :meth:`run`.
        """
        todo = [i for i, d in enumerate(docs) if d.text.strip()]
        out = list(docs)
        work = [docs[i] for i in todo]
        if not work:
            return out
        with single_blas_thread():
            for name, stage in self._stages:
                batch_fn = getattr(stage, "pipe", None)
                if callable(batch_fn):
                    result = list(batch_fn(work))
                    if len(result) != len(work):
                        raise RuntimeError(f"stage {name!r}: pipe() returned {len(result)} documents for {len(work)}")
                else:
                    result = [stage(d) for d in work]
                for d in result:
                    if not isinstance(d, Document):
                        raise TypeError(f"stage {name!r} returned {type(d).__name__}, not a Document")
                work = result
        for i, d in zip(todo, work):
            out[i] = d
        return out

    def __call__(self, text: str, published: Any = None, *, id: Optional[str] = None) -> Result:
        """Process one text.

        Raises:
            TypeError: ``text`` is not a ``str``.
            ValueError: ``published`` is not a real date.
            TextTooLongError: ``text`` is longer than :attr:`max_length` (a ``ValueError``).
        """
        return Result(self.run(self.make_doc(text, published, id)))

    def pipe(self, texts: Iterable[Union[str, Mapping]], *, published: Any = None, n_process: int = 1,
             batch_size: int = 32, on_error: str = "raise", progress: Union[bool, str] = False) -> Iterator[Result]:
        """Process many texts, lazily, results in input order.

        Each item is a ``str`` or a mapping with ``text`` and optional ``id`` and
        ``published`` (which overrides the ``published`` argument). Items are processed
        ``batch_size`` at a time: stages with a ``pipe(docs)`` method (the entity
        tagger) work on the sentences of the whole batch together. The results are
        the same as calling the pipeline on each text.

        Args:
            n_process: worker processes (``-1``: one per CPU). Each worker builds its
                resources once and processes whole batches; BLAS is kept to one thread
                per process, and a worker's cyclic garbage collector runs after 50,000
                new objects instead of Python's 700 (this process's is left as it is).
            batch_size: documents per batch.
            on_error: what a failing item does: ``"raise"`` (the default) stops the
                iteration with its exception; ``"skip"`` drops it; ``"record"`` yields a
                result for it with no records and :attr:`Result.error` set (its type and
                message), so a corpus run keeps going and can report it.
            progress: a progress bar (tqdm) on standard error, with a total when
                ``texts`` has a length; a string names the bar.

        Raises:
            ValueError: a bad ``n_process``, ``batch_size`` or ``on_error`` (at once, not
                at the first item).
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be an integer >= 1, not {batch_size!r}")
        if isinstance(n_process, bool) or not isinstance(n_process, int) or (n_process < 1 and n_process != -1):
            raise ValueError(f"n_process must be an integer >= 1, or -1 for one process per CPU, not {n_process!r}")
        if on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(map(repr, ON_ERROR))}, not {on_error!r}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        results = self._pipe(texts, published, n_process, batch_size, on_error)
        if progress:
            return _with_progress(results, texts, progress)
        return results

    def _pipe(self, texts: Iterable[Any], published: Any, n_process: int, batch_size: int,
              on_error: str) -> Iterator[Result]:
        batches = _batches(texts, batch_size)
        if n_process == 1:
            for batch in batches:
                yield from _keep(self._process_batch(batch, published, on_error), on_error)
            return
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self,)) as pool:
            pending: Deque[Any] = deque()
            for batch in batches:
                pending.append(pool.apply_async(_work_batch, (batch, published, on_error)))
                if len(pending) >= 2 * n_process:  # bounded: never read the whole input ahead
                    yield from _keep(map(pickle.loads, pending.popleft().get()), on_error)
            while pending:
                yield from _keep(map(pickle.loads, pending.popleft().get()), on_error)

    def _process_batch(self, batch: Sequence[Any], published: Any, on_error: str) -> List[Result]:
        """Results of one batch of raw items (errors raised or recorded per ``on_error``)."""
        docs: List[Optional[Document]] = []
        errors: Dict[int, BaseException] = {}
        for i, x in enumerate(batch):
            try:
                text, pub, doc_id = _item(x, published)
                docs.append(self.make_doc(text, pub, doc_id))
            except Exception as exc:  # noqa: BLE001 - reported per item
                if on_error == "raise":
                    raise
                errors[i] = exc
                docs.append(None)
        ok = [i for i, d in enumerate(docs) if d is not None]
        try:
            done = self.run_batch([docs[i] for i in ok])  # type: ignore[misc]
            for i, d in zip(ok, done):
                docs[i] = d
        except Exception:
            if on_error == "raise" or len(ok) == 0:
                raise
            # find the failing item(s): rerun the batch's documents one by one, from scratch
            for i in ok:
                try:
                    text, pub, doc_id = _item(batch[i], published)
                    docs[i] = self.run(self.make_doc(text, pub, doc_id))
                except Exception as exc:  # noqa: BLE001
                    errors[i] = exc
                    docs[i] = None
        out: List[Result] = []
        for i, d in enumerate(docs):
            out.append(Result(d) if d is not None else _error_result(batch[i], errors[i]))
        return out


#: accepted values of ``Pipeline.pipe(on_error=...)``
ON_ERROR = ("raise", "skip", "record")
#: peak memory and CPU time one long document of news text needs per 100,000 characters,
#: roughly (quoted in the max_length error; ``benchmarks/memory.py --docs 0 --long 1000000``,
#: 2026-11-30 on a 2-core AMD EPYC: a 1,000,000-character text peaked 284 MB above a
#: warmed-up pipeline and took 7.5 s of CPU; a slower machine takes several times that)
_MB_PER_100K = 28
_CPU_S_PER_100K = 1


class TextTooLongError(ValueError):
    """A text longer than the pipeline's ``max_length``."""


def _with_progress(results: Iterator[Result], texts: Any, progress: Union[bool, str]) -> Iterator[Result]:
    """``results`` through a tqdm bar on standard error (total = ``len(texts)`` when known)."""
    import sys

    from tqdm import tqdm

    total = len(texts) if hasattr(texts, "__len__") else None
    desc = progress if isinstance(progress, str) else "persian-ie"
    with tqdm(total=total, unit="doc", desc=desc, file=sys.stderr) as bar:
        for result in results:
            bar.update(1)
            yield result


def _batches(texts: Iterable[Any], size: int) -> Iterator[List[Any]]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("pipe() takes an iterable of texts, not a single text: use nlp(text) or pipe([text])")
    batch: List[Any] = []
    for x in texts:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _keep(results: Iterable[Result], on_error: str) -> Iterator[Result]:
    for r in results:
        if on_error == "skip" and r.error is not None:
            continue
        yield r


def _item(x: Any, published: Any) -> Tuple[str, Any, Optional[str]]:
    if isinstance(x, str):
        return x, published, None
    if isinstance(x, Mapping):
        if "text" not in x:
            raise ValueError("a mapping passed to pipe() needs a 'text' key")
        return x["text"], x.get("published", published), x.get("id")
    raise TypeError(f"pipe() items must be str or mappings with 'text', not {type(x).__name__}")


def _error_result(item: Any, exc: BaseException) -> Result:
    """An empty result that carries the error of a failed item (and its id, when it has one)."""
    doc_id = item.get("id") if isinstance(item, Mapping) else None
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        doc_id = str(doc_id)
    doc = Document("", id=doc_id)
    doc.user_data[ERROR_KEY] = {"type": type(exc).__name__, "message": str(exc)}
    return Result(doc)


_WORKER: Optional[Pipeline] = None
#: new objects (net) between two young passes of a worker's cyclic garbage collector (Python's 700)
_WORKER_GC_THRESHOLD = 50_000


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline
    # a worker does not inherit its parent's signal handlers (a CLI's SIGTERM handler
    # would make the pool's own shutdown print a traceback): SIGTERM ends it quietly,
    # and Ctrl-C is the parent's to handle (it stops the pool)
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if multiprocessing.parent_process() is not None:  # (not when a test calls this in its own process)
        # the cyclic garbage collector of a worker runs after 50,000 new objects instead of
        # 700: each young pass walked the documents of the batch under way again, and one in
        # a hundred (a full pass) the pipeline's tables and models too, for ~100 objects in
        # cycles left per batch of 32 news articles: ~0.3 s of a worker's CPU per 500
        # articles, ~0.04 s so
        gc.set_threshold(_WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _work_batch(batch: List[Any], published: Any, on_error: str) -> List[bytes]:
    """The results of one batch, each pickled on its own: the parent unpickles a result
    just before it yields it, so its objects die young (a whole batch unpickled at once
    stayed alive through the collector's young passes into its full ones, which walk the
    parent's pipeline tables: ~0.25 s of the parent's CPU per 1,000 news articles)."""
    assert _WORKER is not None
    return [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in _WORKER._process_batch(batch, published, on_error)]
