"""Tables (pandas) and the timeline plot (matplotlib) of a :class:`~persian_ie.corpus.Corpus`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Optional

from .names import compact, name_units
from .roles import role_id, role_key

__all__ = ["events_frame", "sources_frame", "entities_frame", "links_frame", "resolve_entity", "timeline_frame",
           "plot_timeline", "topics_frame", "pairs_frame", "persian_label"]

_SEASONS = {1: "بهار", 2: "بهار", 3: "بهار", 4: "تابستان", 5: "تابستان", 6: "تابستان",
            7: "پاییز", 8: "پاییز", 9: "پاییز", 10: "زمستان", 11: "زمستان", 12: "زمستان"}


def _json_col(df, col):
    df[col] = [json.loads(v) if isinstance(v, str) else v for v in df[col]]


def events_frame(corpus, *, type: Optional[str] = None, min_sources: int = 1):
    import pandas as pd

    sql = "SELECT * FROM merged_events WHERE n_sources >= ?"
    params: tuple = (min_sources,)
    if type is not None:
        sql += " AND type = ?"
        params += (type,)
    df = corpus._frame(sql + " ORDER BY COALESCE(date_jalali, first_published, '9999'), id", params)
    for col in ("participants", "countries", "topics", "categories", "contradictions"):
        _json_col(df, col)
    df["date"] = pd.to_datetime(df["date_gregorian"], errors="coerce")
    df["month_jalali"] = df["date_jalali"].str.slice(0, 7)
    df["date_exact"] = df["date_exact"].astype(bool)
    return df.rename(columns={"id": "event_id"})


def sources_frame(corpus, event_id: Optional[str] = None):
    sql = ("SELECT s.merged_id AS event_id, e.article_id, a.title, a.published, e.idx AS event_index, e.type, "
           "e.trigger_text AS trigger, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, "
           "e.date_jalali, e.date_text, e.location_text AS location, e.confidence, e.snippet "
           "FROM merged_sources s JOIN events e ON e.key = s.event_key JOIN articles a ON a.id = e.article_id")
    params: tuple = ()
    if event_id is not None:
        sql += " WHERE s.merged_id = ?"
        params = (event_id,)
    return corpus._frame(sql + " ORDER BY s.merged_id, a.published, e.article_id, e.idx", params)


def entities_frame(corpus, kind: Optional[str] = None):
    df = corpus._frame("SELECT id, kind, name, articles, ambiguous_with FROM identities"
                       + (" WHERE kind = ?" if kind else "") + " ORDER BY articles DESC, id",
                       (kind,) if kind else ())
    forms: dict = {}
    for iid, display in corpus.store.query("SELECT identity_id, display FROM identity_forms ORDER BY articles DESC"):
        forms.setdefault(iid, []).append(display)
    roles: dict = {}
    for role, person, n, first, last in corpus.store.query(
            "SELECT role_id, person_id, reports, first, last FROM role_holders ORDER BY reports DESC"):
        roles.setdefault(person, []).append(
            {"role": role[5:], "reports": n, "first": first, "last": last})
    df["forms"] = [forms.get(i, []) for i in df["id"]]
    df["roles"] = [roles.get(i, []) for i in df["id"]]
    _json_col(df, "ambiguous_with")
    return df


def links_frame(corpus, identity: Optional[str] = None):
    import pandas as pd

    corpus_level = corpus._frame("SELECT identity_id, display AS form, NULL AS article_id, reason, articles "
                                 "FROM identity_forms")
    per_article = corpus._frame("SELECT l.identity_id, f.display AS form, l.article_id, l.reason, 1 AS articles "
                                "FROM identity_article_links l LEFT JOIN identity_forms f ON f.form_key = l.form_key")
    df = pd.concat([corpus_level, per_article], ignore_index=True)
    if identity is not None:
        df = df[df["identity_id"] == resolve_entity(corpus, identity)]
    return df.sort_values(["identity_id", "article_id"], na_position="first").reset_index(drop=True)


def resolve_entity(corpus, entity: str) -> str:
    """An identity id from an id, a canonical name or a written form."""
    corpus._ready()
    q = corpus.store.query
    if q("SELECT 1 FROM identities WHERE id = ?", (entity,)):
        return entity
    rows = q("SELECT id FROM identities WHERE name = ? ORDER BY articles DESC", (entity,))
    if rows:
        return rows[0][0]
    for label in ("PER", "ORG", "LOC"):
        rows = q("SELECT identity_id FROM identity_forms WHERE form_key = ?", (compact(name_units(entity, label)),))
        if rows:
            return rows[0][0]
    # a surname (or any last words) of exactly one identity's forms
    want = name_units(entity, "PER")
    if want:
        hits = {iid for iid, display in q("SELECT identity_id, display FROM identity_forms WHERE kind = 'PER'")
                if name_units(display, "PER", True)[-len(want):] == want}
        if len(hits) == 1:
            return hits.pop()
        if len(hits) > 1:
            raise KeyError(f"{entity!r} may be any of {', '.join(sorted(hits))}: give a fuller name or an id")
    key = role_key(entity)
    if key is not None and q("SELECT 1 FROM merged_participants WHERE identity_id = ? LIMIT 1", (role_id(key),)):
        return role_id(key)
    raise KeyError(f"no entity {entity!r} in this corpus (give an id such as 'per:…', a name or a written form)")


def timeline_frame(corpus, entity: str):
    iid = resolve_entity(corpus, entity)
    events = events_frame(corpus)
    kind = corpus.store.query("SELECT kind, name FROM identities WHERE id = ?", (iid,))
    in_event = set(r[0] for r in corpus.store.query(
        "SELECT merged_id FROM merged_participants WHERE identity_id = ?", (iid,)))
    mask = events["event_id"].isin(in_event) | (events["place_id"] == iid)
    if kind and kind[0][0] == "LOC":
        name = kind[0][1]
        mask |= events["countries"].apply(lambda cs: name in cs)
    out = events[mask & events["date_jalali"].notna()].copy()
    out.insert(0, "entity", iid)
    return out.sort_values(["date_jalali", "event_id"]).reset_index(drop=True)


def persian_label(text: str) -> str:
    """Persian text ready for a matplotlib label.

    Matplotlib built with libraqm (3.11 wheels) joins Persian letters and orders
    right-to-left text itself: the text is returned unchanged. Older builds draw letters
    apart and left to right: the text is shaped with arabic-reshaper and reordered with
    python-bidi (both in the ``corpus`` extra), when installed.
    """
    if not any("\u0600" <= ch <= "\u06ff" for ch in text) or _matplotlib_shapes_text():
        return text
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display
    except ImportError:  # pragma: no cover - the corpus extra installs both
        return text
    return get_display(arabic_reshaper.reshape(text))


def _matplotlib_shapes_text() -> bool:
    try:
        from matplotlib import ft2font
    except ImportError:  # pragma: no cover
        return False
    return bool(getattr(ft2font, "__libraqm_version__", None))


def _months(first: str, last: str):
    y, m = int(first[:4]), int(first[5:7])
    y2, m2 = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def plot_timeline(corpus, entity: str, ax: Any = None):
    import matplotlib.pyplot as plt

    df = timeline_frame(corpus, entity)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.2))
    name = corpus.store.query("SELECT name FROM identities WHERE id = ?", (df["entity"][0] if len(df) else "",))
    title = name[0][0] if name else entity
    if df.empty:
        ax.set_title(f"no dated events: {persian_label(title)}")
        return ax
    months = _months(df["month_jalali"].min(), df["month_jalali"].max())
    counts = Counter(zip(df["month_jalali"], df["type"]))
    bottom = [0] * len(months)
    for etype in sorted(set(df["type"])):
        heights = [counts.get((m, etype), 0) for m in months]
        ax.bar(range(len(months)), heights, bottom=bottom, label=etype)
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(range(len(months)))
    ax.set_xticklabels(months, rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("events")
    ax.set_xlabel("Jalali month")
    ax.set_title(f"{len(df)} dated events by Jalali month: {persian_label(title)}")   # Latin first: a left-to-right line
    ax.legend(fontsize=8)
    ax.figure.tight_layout()
    return ax


def topics_frame(corpus, period: str = "month"):
    import pandas as pd

    if period not in ("month", "year", "season"):
        raise ValueError(f"period must be 'month', 'year' or 'season', not {period!r}")
    events = events_frame(corpus)
    rows = []
    for _, ev in events.iterrows():
        date = ev["date_jalali"] or ev["first_published"]
        if not isinstance(date, str) or len(date) < 7:
            continue
        if period == "month":
            key = date[:7]
        elif period == "year":
            key = date[:4]
        else:
            key = f"{date[:4]} {_SEASONS[int(date[5:7])]}"
        for cat, n in (ev["categories"] or {}).items():
            rows.append((key, cat, ev["event_id"], ev["topics"]))
    if not rows:
        return pd.DataFrame(columns=["period", "category", "events", "topics"])
    df = pd.DataFrame(rows, columns=["period", "category", "event_id", "topics"])
    out = df.groupby(["period", "category"]).agg(
        events=("event_id", "nunique"),
        topics=("topics", lambda ts: [t for t, _ in Counter(k for d in ts for k in d).most_common(5)]),
    ).reset_index()
    return out.sort_values(["period", "events"], ascending=[True, False]).reset_index(drop=True)


def pairs_frame(corpus, kind: str = "PER", type: Optional[str] = None):
    import pandas as pd

    parts = corpus.participants()
    events = events_frame(corpus, type=type)
    keep = set(events["event_id"])
    parts = parts[parts["merged_id"].isin(keep)]
    counter: Counter = Counter()
    dates: dict = {}
    date_of = dict(zip(events["event_id"], events["date_jalali"].fillna(events["first_published"])))
    for mid, group in parts.groupby("merged_id"):
        if kind == "country":
            members = sorted({c for c in group["country"] if isinstance(c, str) and c})
        else:
            members = sorted(set(group.loc[group["kind"] == kind, "name"]))
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                pair = (members[i], members[j])
                counter[pair] += 1
                dates.setdefault(pair, []).append(date_of.get(mid))
    known = {pair: [d for d in ds if isinstance(d, str)] for pair, ds in dates.items()}
    rows = [(a, b, n, min(known[(a, b)], default=None), max(known[(a, b)], default=None))
            for (a, b), n in counter.most_common()]
    return pd.DataFrame(rows, columns=["a", "b", "events", "first", "last"])
