"""The who-met-whom network of a corpus (networkx) and its exports (GraphML, GEXF, CSV)."""

from __future__ import annotations

import csv
import os
from collections import Counter, defaultdict
from typing import List, Optional, Sequence

__all__ = ["build_graph", "export_graph", "FORMATS"]

FORMATS = ("graphml", "gexf", "csv")


def build_graph(corpus, *, types: Optional[Sequence[str]] = None, kinds: Sequence[str] = ("PER", "ORG", "ROLE"),
                max_participants: Optional[int] = None):
    """Nodes: identities (``kind``, ``name``, ``country``, ``events``); edges: pairs that took
    part in the same merged event (``weight`` = events, ``dates``, ``types``, ``topics``
    as ``|``-joined strings so that every export format keeps them). Events with more than
    ``max_participants`` identities (summits, long lists) can be left out."""
    import networkx as nx

    events = corpus.events()
    if types is not None:
        events = events[events["type"].isin(list(types))]
    info = {row.event_id: row for row in events.itertuples(index=False)}
    parts = corpus.participants()
    parts = parts[parts["merged_id"].isin(set(info)) & parts["kind"].isin(list(kinds))]
    g = nx.Graph()
    node_events: Counter = Counter()
    edge_data: dict = defaultdict(lambda: {"weight": 0, "dates": [], "types": Counter(), "topics": Counter(),
                                          "events": []})
    countries: dict = defaultdict(Counter)
    for mid, group in parts.groupby("merged_id"):
        ev = info[mid]
        members = sorted(set(group["identity_id"]))
        if max_participants is not None and len(members) > max_participants:
            continue
        for row in group.itertuples(index=False):
            if not g.has_node(row.identity_id):
                g.add_node(row.identity_id, kind=row.kind, name=row.name)
            if isinstance(row.country, str) and row.country:
                countries[row.identity_id][row.country] += 1
        for m in members:
            node_events[m] += 1
        date = next((d for d in (ev.date_jalali, ev.first_published) if isinstance(d, str)), "")
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                d = edge_data[(members[i], members[j])]
                d["weight"] += 1
                if date:
                    d["dates"].append(date)
                d["types"][ev.type] += 1
                d["topics"].update(ev.categories or {})
                d["events"].append(mid)
    for node, n in node_events.items():
        g.nodes[node]["events"] = n
        g.nodes[node]["country"] = countries[node].most_common(1)[0][0] if countries[node] else ""
    for (a, b), d in edge_data.items():
        g.add_edge(a, b, weight=d["weight"], dates="|".join(sorted(d["dates"])),
                   first=min(d["dates"], default=""), last=max(d["dates"], default=""),
                   types="|".join(t for t, _ in d["types"].most_common()),
                   topics="|".join(t for t, _ in d["topics"].most_common()),
                   events="|".join(d["events"]))
    return g


def export_graph(g, path: str, format: Optional[str] = None) -> List[str]:
    """Write a graph; ``format`` from the file suffix when omitted. CSV writes
    ``<path>`` (edges) and ``<stem>.nodes.csv``."""
    import networkx as nx

    fmt = (format or os.path.splitext(path)[1].lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"graph format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "graphml":
        nx.write_graphml(g, path)
        return [path]
    if fmt == "gexf":
        nx.write_gexf(g, path)
        return [path]
    stem = path[:-4] if path.endswith(".csv") else path
    edges_path = stem + ".csv" if not path.endswith(".csv") else path
    nodes_path = stem + ".nodes.csv"
    with open(edges_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "source_name", "target_name", "weight", "first", "last", "types", "topics",
                    "dates", "events"])
        for a, b, d in sorted(g.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
            w.writerow([a, b, g.nodes[a].get("name", ""), g.nodes[b].get("name", ""), d["weight"], d["first"],
                        d["last"], d["types"], d["topics"], d["dates"], d["events"]])
    with open(nodes_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "kind", "name", "country", "events"])
        for n, d in sorted(g.nodes(data=True)):
            w.writerow([n, d.get("kind", ""), d.get("name", ""), d.get("country", ""), d.get("events", 0)])
    return [edges_path, nodes_path]
