"""persian_ie on Dask: bags of texts or records, and dataframes of articles
(``pip install persian-ie[dask]``; also importable as ``persian_ie.dask``).

Each worker process builds its :class:`~persian_ie.Pipeline` once, on its first task,
and keeps it for every later partition (the models load once per worker, not once per
partition). Work is handed to ``Pipeline.pipe`` a partition at a time, so batched
stages see whole batches.

On a cluster (the scheduler address is yours)::

    from dask.distributed import Client
    import dask.dataframe as dd
    import persian_ie.dask

    client = Client("tcp://10.0.0.5:8786")
    articles = dd.read_json("s3://news/2025-*.jsonl", lines=True, blocksize="64MB")
    events = persian_ie.dask.extract_dataframe(articles, text="text", published="published_jalali",
                                               id="id", keep=["url"])
    events.to_parquet("events/")

The workers need ``persian-ie`` installed (the same version as the client).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence

import dask.bag as db

from ..pipeline import Pipeline
from ..tables import KINDS, empty_frame, to_dataframe

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd

__all__ = ["extract_bag", "extract_dataframe", "worker_pipeline", "pipeline_builds"]

_PIPELINES: Dict[str, Pipeline] = {}
_BUILDS: List[str] = []
_LOCK = threading.Lock()


def worker_pipeline(ner: Optional[str] = None, config: Optional[Dict[str, Dict[str, Any]]] = None) -> Pipeline:
    """This process's pipeline for ``(ner, config)``, built on first use and kept."""
    key = repr((ner, sorted((k, sorted(v.items())) for k, v in (config or {}).items())))
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        with _LOCK:
            pipeline = _PIPELINES.get(key)
            if pipeline is None:
                pipeline = Pipeline(ner=ner, config=config)
                _PIPELINES[key] = pipeline
                _BUILDS.append(key)
    return pipeline


def pipeline_builds() -> Dict[str, int]:
    """How many pipelines this process has built (``{"pid": …, "builds": …}``); run it on
    every worker with ``client.run(persian_ie.dask.pipeline_builds)``."""
    return {"pid": os.getpid(), "builds": len(_BUILDS)}


def _records(items: Iterable[Any], text: str, published: Optional[str], id: Optional[str],
             keep: Sequence[str], default_published: Any) -> List[Dict[str, Any]]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append({"text": item, "published": default_published, "id": None, "meta": {}})
            continue
        if not isinstance(item, Mapping):
            raise TypeError(f"bag items must be str or mappings, not {type(item).__name__}")
        if text not in item:
            raise KeyError(f"a record has no {text!r} field (fields: {', '.join(map(str, item))})")
        pub = item.get(published) if published else None
        out.append({"text": item[text], "published": default_published if pub is None else pub,
                    "id": item.get(id) if id else None, "meta": {k: item.get(k) for k in keep}})
    return out


def _run(records: List[Dict[str, Any]], ner: Optional[str], config: Any, batch_size: int) -> List[Any]:
    nlp = worker_pipeline(ner, config)
    results = list(nlp.pipe(({"text": r["text"], "published": r["published"], "id": r["id"]} for r in records),
                            batch_size=batch_size))
    for record, result in zip(records, results):
        result.doc.meta.update(record["meta"])
    return results


def _bag_partition(items: Iterable[Any], text: str, published: Optional[str], id: Optional[str],
                   keep: Sequence[str], default_published: Any, ner: Optional[str], config: Any,
                   batch_size: int, with_text: bool) -> List[Dict[str, Any]]:
    results = _run(_records(items, text, published, id, keep, default_published), ner, config, batch_size)
    return [r.to_dict(text=with_text) for r in results]


def extract_bag(bag: "db.Bag", *, text: str = "text", published: Optional[str] = "published", id: Optional[str] = "id",
                keep: Sequence[str] = (), default_published: Any = None, ner: Optional[str] = None,
                config: Optional[Dict[str, Dict[str, Any]]] = None, batch_size: int = 32,
                with_text: bool = False) -> "db.Bag":
    """Map a bag of texts, or of records ``{"id", "text", "published", …}``, to result dicts
    (the JSON contract; see :meth:`persian_ie.Result.to_dict`).

    Args:
        bag: items are ``str`` or mappings.
        text: the records' text field.
        published: the records' publication-date field (None: none).
        id: the records' id field (None: none).
        keep: record fields copied into each result dict (``["url", "title"]``).
        default_published: publication date for items that give none.
        ner: entity back-end, as for :class:`persian_ie.Pipeline`.
        config: per-stage settings, as for :class:`persian_ie.Pipeline`.
        batch_size: documents per ``Pipeline.pipe`` batch.
        with_text: add the article to each dict as ``"text"``.

    Examples:
        >>> import dask.bag as db
        >>> bag = db.from_sequence([{"id": "a", "text": "زاکانی با سفیر بلاروس دیدار کرد.", "published": "1404-08-19"}])
        >>> [(r["id"], r["events"][0]["type"]) for r in extract_bag(bag).compute(scheduler="sync")]
        [('a', 'meeting')]
    """
    return bag.map_partitions(_bag_partition, text, published, id, tuple(keep), default_published, ner, config,
                              batch_size, with_text)


def _frame_partition(frame: Any, text: str, published: Optional[str], id: Optional[str], keep: Sequence[str],
                     default_published: Any, kind: str, ner: Optional[str], config: Any, batch_size: int) -> Any:
    records = []
    for label, row in zip(frame.index, frame.to_dict("records")):
        pub = row.get(published) if published else None
        if pub is not None and pub != pub:  # NaN
            pub = None
        doc_id = row.get(id) if id else label
        records.append({"text": row[text], "published": default_published if pub is None else pub,
                        "id": doc_id if not hasattr(doc_id, "item") else doc_id.item(),
                        "meta": {k: row.get(k) for k in keep}})
    results = _run(records, ner, config, batch_size)
    table = to_dataframe(results, kind)
    for k in keep:  # a column the partition lacks values for still exists
        if k not in table.columns:
            table.insert(2, k, None)
    return table[list(empty_frame(kind, keep).columns)]


def extract_dataframe(ddf: "dd.DataFrame", text: str = "text", published: Optional[str] = None, *,
                      id: Optional[str] = None, kind: str = "events", keep: Sequence[str] = (),
                      default_published: Any = None, ner: Optional[str] = None,
                      config: Optional[Dict[str, Dict[str, Any]]] = None, batch_size: int = 32) -> "dd.DataFrame":
    """The ``kind`` table (:func:`persian_ie.to_dataframe`) of a Dask dataframe of articles,
    partition by partition.

    Args:
        ddf: one article a row.
        text: the column holding the text.
        published: the column holding publication dates (Jalali or Gregorian, a string or a
            date), or None.
        id: the column holding article ids; None uses the dataframe's index.
        kind: ``events``, ``participants``, ``entities``, ``dates`` or ``topics``.
        keep: columns copied into the table after ``id`` (``["url", "title"]``).

    Raises:
        ValueError: unknown ``kind`` or a missing column.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for name in [text, published, id, *keep]:
        if name is not None and name not in ddf.columns:
            raise ValueError(f"no column {name!r} in the dataframe (columns: {', '.join(map(str, ddf.columns))})")
    meta = empty_frame(kind, keep)
    return ddf.map_partitions(_frame_partition, text, published, id, tuple(keep), default_published, kind, ner,
                              config, batch_size, meta=meta, enforce_metadata=False)
