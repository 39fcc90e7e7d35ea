"""The :class:`Corpus`: many articles' results, their identities and merged events.

>>> corpus = Corpus()                                   # in memory; Corpus("news.db") persists
>>> corpus.add([{"id": "a", "published": {"jalali": "1398-08-20", "gregorian": "2019-11-11"}, "events": [
...     {"type": "meeting", "status": "occurred", "trigger": {"text": "دیدار", "start": 0, "end": 5},
...      "sentence": {"start": 0, "end": 40}, "date": None, "location": None, "confidence": 0.8, "topics": [],
...      "participants": [{"name": {"text": "محمد جواد ظریف", "start": 6, "end": 20}, "role": None,
...                        "organization": None, "country": "ایران"},
...                       {"name": {"text": "سرگئی لاوروف", "start": 24, "end": 36}, "role": None,
...                        "organization": None, "country": "روسیه"}]}]},
...   {"id": "b", "published": {"jalali": "1398-08-21", "gregorian": "2019-11-12"}, "events": [
...     {"type": "meeting", "status": "occurred", "trigger": {"text": "دیدار", "start": 0, "end": 5},
...      "sentence": {"start": 0, "end": 30}, "date": None, "location": None, "confidence": 0.7, "topics": [],
...      "participants": [{"name": {"text": "ظريف", "start": 6, "end": 10}, "role": None,
...                        "organization": None, "country": "ایران"},
...                       {"name": {"text": "لاوروف", "start": 14, "end": 20}, "role": None,
...                        "organization": None, "country": "روسیه"}]}]}])
2
>>> events = corpus.events()
>>> len(events), int(events.n_sources[0]), sorted(events.participants[0])
(1, 2, ['سرگئی لاوروف', 'محمد جواد ظریف'])
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from .build import learn_roles, load_reports, mentions_of, merged_rows, resolve_identities
from .merge import MergeConfig, MergeState
from .records import ArticleRecord, article_from_dict
from .store import Store

__all__ = ["Corpus"]

ResultLike = Union[Mapping[str, Any], Any]


def _as_dict(item: ResultLike) -> Mapping[str, Any]:
    if isinstance(item, Mapping):
        return item
    to_dict = getattr(item, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"a corpus takes Result objects or result dicts, not {type(item).__name__}")
    data = dict(to_dict())
    text = getattr(item, "text", None)
    if isinstance(text, str):
        data["text"] = text
    return data


class Corpus:
    """Articles' extraction results gathered into one queryable corpus.

    Args:
        path: SQLite file of the store (created if missing; reopened with everything
            built so far) or ``":memory:"``.
        merge: windows of the cross-article merge (:class:`~persian_ie.corpus.merge.MergeConfig`).
        dominance: see :class:`~persian_ie.corpus.identity.IdentityResolver`.

    Feed it with :meth:`add` (results or result dicts, e.g. from ``Pipeline.pipe``),
    :meth:`add_jsonl` (saved JSONL) or :meth:`extract` (texts, through a pipeline; only
    ids not yet in the store are processed). Views: :meth:`events`, :meth:`sources`,
    :meth:`participants`, :meth:`entities`, :meth:`links`, :meth:`roles`, :meth:`graph`,
    :meth:`timeline`, :meth:`plot_timeline`, :meth:`topics`, :meth:`pairs`.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"] = ":memory:", *,
                 merge: Optional[MergeConfig] = None, dominance: float = 0.75):
        self.path = os.fspath(path)
        self.store = Store(self.path)
        self.merge_config = merge or MergeConfig()
        self.dominance = dominance
        self._stale = self.store.get_meta("built") != "1"

    # -- context manager -----------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.n_articles()

    def __repr__(self) -> str:
        return f"Corpus({self.path!r}, articles={len(self)})"

    # -- ingestion -----------------------------------------------------------------------

    def add(self, results: Iterable[ResultLike], *, batch_size: int = 500, refresh: bool = True) -> int:
        """Add results (``Result`` objects or their dicts); known ids are skipped.

        Returns the number of new articles. The identities and merged events are rebuilt
        afterwards unless ``refresh=False`` (then on first use of a view).
        """
        known = self.store.article_ids()
        batch: List[ArticleRecord] = []
        added = 0
        for item in results:
            data = _as_dict(item)
            rid = data.get("id")
            if rid is not None and str(rid) in known:
                continue
            rec = article_from_dict(data)
            known.add(rec.id)
            batch.append(rec)
            if len(batch) >= batch_size:
                self.store.add_articles(batch)
                added += len(batch)
                batch = []
        if batch:
            self.store.add_articles(batch)
            added += len(batch)
        if added:
            self._stale = True
            self.store.set_meta("built", "0")
            self.store.db.commit()
        if refresh and self._stale:
            self.refresh()
        return added

    def add_jsonl(self, path: Union[str, "os.PathLike[str]"], *, refresh: bool = True) -> int:
        """Add a saved JSONL of results (one ``Result.to_dict()`` a line; extra keys such as
        ``title`` and ``text`` are used when present)."""
        return self.add(_read_jsonl(os.fspath(path)), refresh=refresh)

    def extract(self, items: Iterable[Mapping[str, Any]], *, pipeline: Any = None, n_process: int = 1,
                batch_size: int = 32, refresh: bool = True) -> int:
        """Run a pipeline over ``{"id", "text", "published"}`` items whose ids are new, and add them."""
        if pipeline is None:
            from .. import default_pipeline

            pipeline = default_pipeline()
        known = self.store.article_ids()
        fresh = (it for it in items if str(it.get("id")) not in known)
        return self.add(pipeline.pipe(fresh, n_process=n_process, batch_size=batch_size), refresh=refresh)

    # -- building ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild identities, role holders and merged events from the stored reports."""
        ids, book, reports = self._identities_and_roles()
        mentions, described = mentions_of(reports, ids, book)
        state = MergeState(self.merge_config)
        state.add(mentions)
        self._write(ids, book, reports, mentions, described, state)

    def _identities_and_roles(self):
        previous = {k: v for k, v in self.store.query("SELECT form_key, identity_id FROM identity_forms")}
        ids = resolve_identities(self.store, previous, dominance=self.dominance)
        reports = load_reports(self.store)
        return ids, learn_roles(reports, ids), reports

    def _write(self, ids, book, reports, mentions, described, state: MergeState) -> None:
        store = self.store
        missing = [m for m in mentions if m.key not in state.mentions]
        if missing:                      # reports that reached the store by another way
            state.add(missing)
        groups = state.clusters()
        ev_rows, src_rows, part_rows = merged_rows(groups, {r.key: r for r in reports},
                                                   {m.key: m for m in mentions}, described, ids, state)
        with store.db:
            store.clear_derived()
            store.insert("identities", ((i.id, i.kind, i.name, i.articles, json.dumps(list(i.ambiguous_with),
                                                                                     ensure_ascii=False))
                                        for i in ids.identities.values()))
            store.insert("identity_forms", ((key, iid, ids.forms[key].display, ids.identities[iid].kind,
                                             ids.forms[key].articles, why) for key, iid, why in ids.form_links()))
            store.insert("identity_article_links", ids.overrides())
            store.insert("role_holders", ((t.role, t.person, t.reports, t.first, t.last) for t in book.tenures()))
            store.insert("event_links", ((a, b, s, why) for (a, b), (s, why) in sorted(state.edges.items())))
            store.insert("event_links", ((k, anchor, 0.6, why)
                                         for k, (anchor, why) in sorted(getattr(state, "attached", {}).items())))
            store.insert("merged_events", ev_rows)
            store.insert("merged_sources", src_rows)
            store.insert("merged_participants", part_rows)
            store.set_meta("built", "1")
        self._stale = False

    def _ready(self) -> None:
        if self._stale:
            self.refresh()

    # -- views (pandas) ------------------------------------------------------------------

    def _frame(self, sql: str, params: tuple = ()):
        import pandas as pd

        self._ready()
        cur = self.store.db.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=cols)

    def events(self, *, type: Optional[str] = None, min_sources: int = 1):
        """One row per merged event: type, status, date (Jalali and ``datetime64``), place,
        participants, countries, topics, sources, confidence and contradictions."""
        from .views import events_frame

        return events_frame(self, type=type, min_sources=min_sources)

    def sources(self, event_id: Optional[str] = None):
        """One row per report: the merged event it belongs to, article, offsets, date, sentence."""
        from .views import sources_frame

        return sources_frame(self, event_id)

    def participants(self):
        """One row per participant of a merged event (identity, kind, name, country, support)."""
        return self._frame("SELECT merged_id, identity_id, kind, name, country, n_sources, via "
                           "FROM merged_participants ORDER BY merged_id, n_sources DESC, identity_id")

    def entities(self, kind: Optional[str] = None):
        """One row per identity: id, kind, canonical name, articles, written forms, roles held."""
        from .views import entities_frame

        return entities_frame(self, kind)

    def links(self, identity: Optional[str] = None):
        """Why each written form belongs to its identity (corpus-wide and per-article links)."""
        from .views import links_frame

        return links_frame(self, identity)

    def roles(self):
        """Who the corpus says held which role, how often and between which dates."""
        return self._frame("SELECT role_id, person_id, i.name AS person, reports, first, last FROM role_holders "
                           "LEFT JOIN identities i ON i.id = person_id ORDER BY role_id, reports DESC")

    def resolve(self, entity: str) -> str:
        """Identity id of an id, a canonical name or any written form (``ظریف``)."""
        from .views import resolve_entity

        return resolve_entity(self, entity)

    def timeline(self, entity: str):
        """The dated merged events of one entity (id, name or written form), in date order."""
        from .views import timeline_frame

        return timeline_frame(self, entity)

    def plot_timeline(self, entity: str, ax: Any = None):
        """A bar chart of the entity's events by Jalali month, stacked by type (matplotlib Axes)."""
        from .views import plot_timeline

        return plot_timeline(self, entity, ax=ax)

    def topics(self, period: str = "month"):
        """Merged events per topic category and Jalali period (``month``, ``year`` or ``season``)."""
        from .views import topics_frame

        return topics_frame(self, period)

    def pairs(self, kind: str = "PER", type: Optional[str] = None):
        """Who met whom most: merged events per pair of identities (``kind``: PER, ORG, ROLE or
        ``country``)."""
        from .views import pairs_frame

        return pairs_frame(self, kind, type)

    def graph(self, *, types: Optional[Sequence[str]] = None, kinds: Sequence[str] = ("PER", "ORG", "ROLE"),
              max_participants: Optional[int] = None):
        """The who-met-whom network (``networkx.Graph``): nodes are identities, an edge counts the
        merged events two took part in, with their dates, types and topic categories
        (``max_participants`` leaves out events with more identities: summits, long lists)."""
        from .graph import build_graph

        return build_graph(self, types=types, kinds=kinds, max_participants=max_participants)

    def export_graph(self, path: str, format: Optional[str] = None, **kwargs) -> List[str]:
        """Write :meth:`graph` as GraphML, GEXF or CSV (nodes and edges files); returns the paths."""
        from .graph import export_graph

        return export_graph(self.graph(**kwargs), path, format)

    def stats(self) -> Dict[str, int]:
        """Counts of articles, reports, merged events, identities and links."""
        self._ready()
        q = lambda sql: self.store.query(sql)[0][0]  # noqa: E731
        return {
            "articles": q("SELECT COUNT(*) FROM articles"),
            "reports": q("SELECT COUNT(*) FROM events"),
            "merged_events": q("SELECT COUNT(*) FROM merged_events"),
            "multi_source_events": q("SELECT COUNT(*) FROM merged_events WHERE n_articles > 1"),
            "identities": q("SELECT COUNT(*) FROM identities"),
            "identity_forms": q("SELECT COUNT(*) FROM identity_forms"),
            "role_holders": q("SELECT COUNT(*) FROM role_holders"),
        }


def _read_jsonl(path: str) -> Iterator[Dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
