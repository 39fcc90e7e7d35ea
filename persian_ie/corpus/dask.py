"""The corpus build on Dask: parsing and merging run as partitions, the merge as a reduction.

>>> import dask.bag as db
>>> from persian_ie.corpus.dask import corpus_from_bag
>>> corpus = corpus_from_bag(db.from_sequence([], npartitions=1))
>>> len(corpus)
0

With results made on a cluster (``persian_ie.dask.extract_bag``) or saved JSONL::

    import json, dask.bag as db
    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    results = db.read_text("results-*.jsonl").map(json.loads)
    corpus = corpus_from_bag(results, "corpus.db")

Each partition is parsed on a worker; its articles are written to the store on the
client (SQLite has one writer); identities and role holders are resolved on the client
over the distinct names (small); each partition's reports become a
:class:`~persian_ie.corpus.merge.MergeState` on a worker, and the states are folded
pairwise (``MergeState.combine``), a tree reduction whose result does not depend on the
order of the partitions.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from .build import mentions_of, reports_from_record
from .corpus import Corpus
from .merge import MergeConfig, MergeState
from .records import ArticleRecord, article_from_dict

__all__ = ["corpus_from_bag", "merge_bag"]


def _record(item: Any) -> ArticleRecord:
    if isinstance(item, ArticleRecord):
        return item
    if not isinstance(item, Mapping):
        to_dict = getattr(item, "to_dict", None)
        if to_dict is None:
            raise TypeError(f"a corpus bag holds result dicts or Result objects, not {type(item).__name__}")
        data = dict(to_dict())
        if isinstance(getattr(item, "text", None), str):
            data["text"] = item.text
        item = data
    return article_from_dict(item)


def _partition_state(records: List[ArticleRecord], ids, book, config: MergeConfig) -> List[MergeState]:
    reports = [rep for rec in records for rep in reports_from_record(rec)]
    mentions, _ = mentions_of(reports, ids, book)
    state = MergeState(config)
    state.add(mentions)
    return [state]


def merge_bag(records, ids, book, config: Optional[MergeConfig] = None) -> MergeState:
    """Merge the reports of a bag of :class:`ArticleRecord` (a reduction over its partitions)."""
    import dask

    config = config or MergeConfig()
    states = records.map_partitions(_partition_state, dask.delayed(ids, pure=True),
                                    dask.delayed(book, pure=True), config)
    return states.reduction(_fold_partition, _fold_all).compute()


def _fold_partition(states) -> MergeState:
    states = list(states)
    out = states[0] if states else MergeState()
    for s in states[1:]:
        out = out.combine(s)
    return out


def _fold_all(states) -> MergeState:
    return _fold_partition(states)


def corpus_from_bag(bag, path: str = ":memory:", *, merge: Optional[MergeConfig] = None,
                    dominance: float = 0.75) -> Corpus:
    """Build (or extend) a :class:`Corpus` from a Dask bag of results (dicts or ``Result``)."""
    corpus = Corpus(path, merge=merge, dominance=dominance)
    records = bag.map(_record)
    known = corpus.store.article_ids()
    for part in records.to_delayed():
        fresh = [r for r in part.compute() if r.id not in known]
        if fresh:
            corpus.store.add_articles(fresh)
            known.update(r.id for r in fresh)
    ids, book, reports = corpus._identities_and_roles()
    state = merge_bag(records, ids, book, corpus.merge_config)
    mentions, described = mentions_of(reports, ids, book)
    corpus._write(ids, book, reports, mentions, described, state)
    return corpus
