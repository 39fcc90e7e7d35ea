"""The corpus store: one SQLite file (standard library) with the reports and what was built.

Tables of reports (written once per article; a second run adds only new article ids):
``articles``, ``names`` (entity forms per article), ``events``, ``participants``.
Tables rebuilt by :meth:`persian_ie.corpus.Corpus.refresh`: ``identities``,
``identity_forms``, ``identity_article_links``, ``role_holders``, ``event_links``,
``merged_events``, ``merged_sources``, ``merged_participants``.

Texts of articles are not stored; an event keeps its sentence (``snippet``) when the
input carried the text, so that a source can be read without the original file.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable, List, Optional, Sequence, Set

from .records import ArticleRecord

__all__ = ["Store", "SCHEMA_VERSION"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, seq INTEGER, published TEXT, published_gregorian TEXT, title TEXT, n_events INTEGER);
CREATE TABLE IF NOT EXISTS names (
    article_id TEXT, label TEXT, text TEXT, n INTEGER, start INTEGER, "end" INTEGER);
CREATE INDEX IF NOT EXISTS names_article ON names(article_id);
CREATE TABLE IF NOT EXISTS events (
    key TEXT PRIMARY KEY, article_id TEXT, idx INTEGER, type TEXT, status TEXT,
    trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    sentence_start INTEGER, sentence_end INTEGER,
    date_jalali TEXT, date_gregorian TEXT, date_granularity TEXT, date_text TEXT,
    location_text TEXT, location_normalized TEXT, location_start INTEGER, location_end INTEGER,
    confidence REAL, topics TEXT, snippet TEXT);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE TABLE IF NOT EXISTS participants (
    event_key TEXT, idx INTEGER,
    name_text TEXT, name_normalized TEXT, name_start INTEGER, name_end INTEGER,
    role_text TEXT, role_normalized TEXT, role_start INTEGER, role_end INTEGER,
    org_text TEXT, org_normalized TEXT, org_start INTEGER, org_end INTEGER, country TEXT);
CREATE INDEX IF NOT EXISTS participants_event ON participants(event_key);
CREATE TABLE IF NOT EXISTS identities (
    id TEXT PRIMARY KEY, kind TEXT, name TEXT, articles INTEGER, ambiguous_with TEXT);
CREATE TABLE IF NOT EXISTS identity_forms (
    form_key TEXT PRIMARY KEY, identity_id TEXT, display TEXT, kind TEXT, articles INTEGER, reason TEXT);
CREATE TABLE IF NOT EXISTS identity_article_links (
    article_id TEXT, form_key TEXT, identity_id TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS role_holders (
    role_id TEXT, person_id TEXT, reports INTEGER, first TEXT, last TEXT);
CREATE TABLE IF NOT EXISTS event_links (key_a TEXT, key_b TEXT, score REAL, why TEXT);
CREATE TABLE IF NOT EXISTS merged_events (
    id TEXT PRIMARY KEY, type TEXT, status TEXT, date_jalali TEXT, date_gregorian TEXT, date_exact INTEGER,
    date_share REAL, first_published TEXT, place_id TEXT, place TEXT, confidence REAL,
    n_sources INTEGER, n_articles INTEGER, participants TEXT, countries TEXT, topics TEXT,
    categories TEXT, contradictions TEXT);
CREATE TABLE IF NOT EXISTS merged_sources (merged_id TEXT, event_key TEXT, article_id TEXT);
CREATE INDEX IF NOT EXISTS merged_sources_id ON merged_sources(merged_id);
CREATE TABLE IF NOT EXISTS merged_participants (
    merged_id TEXT, identity_id TEXT, kind TEXT, name TEXT, country TEXT, n_sources INTEGER, via TEXT);
CREATE INDEX IF NOT EXISTS merged_participants_id ON merged_participants(merged_id);
"""

DERIVED = ("identities", "identity_forms", "identity_article_links", "role_holders", "event_links",
           "merged_events", "merged_sources", "merged_participants")


def _span_cols(span) -> tuple:
    if span is None:
        return (None, None, None, None)
    return (span.text, span.normalized, span.start, span.end)


class Store:
    """A thin wrapper over one SQLite connection (``":memory:"`` for a throwaway corpus)."""

    def __init__(self, path: str = ":memory:"):
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL" if path != ":memory:" else "PRAGMA journal_mode=MEMORY")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        version = self.get_meta("schema_version")
        if version is None:
            self.set_meta("schema_version", SCHEMA_VERSION)
        elif version != SCHEMA_VERSION:
            raise ValueError(f"{path}: corpus store schema {version}, this library reads {SCHEMA_VERSION}; "
                             f"rebuild the corpus")
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # -- meta -------------------------------------------------------------------------------

    def get_meta(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reports ----------------------------------------------------------------------------

    def article_ids(self) -> Set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def n_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def add_articles(self, records: Sequence[ArticleRecord]) -> None:
        """Write parsed articles (ids must be new)."""
        seq0 = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        arts, names, events, parts = [], [], [], []
        for i, rec in enumerate(records, 1):
            arts.append((rec.id, seq0 + i, rec.published, rec.published_gregorian, rec.title, len(rec.events)))
            agg = {}
            for ref in rec.names:
                k = (ref.label, ref.span.normalized)
                if k in agg:
                    agg[k][0] += 1
                else:
                    agg[k] = [1, ref.span.start, ref.span.end]
            names.extend((rec.id, label, text, n, s, e) for (label, text), (n, s, e) in agg.items())
            for ev in rec.events:
                loc = _span_cols(ev.location)
                events.append((ev.key, rec.id, ev.index, ev.type, ev.status, ev.trigger.text, ev.trigger.start,
                               ev.trigger.end, ev.sentence[0], ev.sentence[1], ev.date_jalali, ev.date_gregorian,
                               ev.date_granularity, ev.date_text, loc[0], loc[1], loc[2], loc[3], ev.confidence,
                               json.dumps([[t.text, t.start, t.end, t.category] for t in ev.topics], ensure_ascii=False),
                               ev.snippet))
                for j, p in enumerate(ev.participants):
                    parts.append((ev.key, j) + _span_cols(p.name) + _span_cols(p.role) + _span_cols(p.organization)
                                 + (p.country,))
        with self.db:
            self.db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?)", arts)
            self.db.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", names)
            self.db.executemany(f"INSERT INTO events VALUES ({','.join('?' * 21)})", events)
            self.db.executemany(f"INSERT INTO participants VALUES ({','.join('?' * 15)})", parts)

    # -- derived ----------------------------------------------------------------------------

    def clear_derived(self) -> None:
        for table in DERIVED:
            self.db.execute(f"DELETE FROM {table}")

    def insert(self, table: str, rows: Iterable[tuple]) -> None:
        rows = list(rows)
        if rows:
            self.db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)

    def query(self, sql: str, params: tuple = ()) -> List[tuple]:
        return self.db.execute(sql, params).fetchall()
