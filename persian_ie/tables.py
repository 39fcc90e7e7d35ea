"""Tidy tables of results: one row per event, participant, entity, date or topic.

:func:`rows` gives plain dicts (no dependency); :func:`to_dataframe` gives a pandas
``DataFrame`` (``pip install persian-ie[pandas]``) with real ``datetime64`` columns for
Gregorian days and every offset kept, so a row can always be traced back to its text.

Inputs: a :class:`~persian_ie.Result`, a saved result dict (the JSON contract, as read
from the CLI's JSONL), or an iterable of either.

Examples:
    >>> import persian_ie
    >>> r = persian_ie.extract("زاکانی امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19", id="a1")
    >>> row = rows(r, "events")[0]
    >>> row["event_id"], row["type"], row["date_jalali"], row["date"]
    ('a1/0', 'meeting', '1404-08-19', '2025-11-10')
    >>> sorted(p["name"] or p["role"] for p in rows(r, "participants"))
    ['زاکانی', 'سفیر بلاروس']

Keys that join the tables: ``doc`` (position of the result in the input), ``id`` (the
caller's id), ``event_id`` (``"{id}/{n}"``, or ``"{doc}/{n}"`` when the result has no id)
and ``event`` (the event's position in its result).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Sequence, Union

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .result import Result

__all__ = ["KINDS", "COLUMNS", "DATE_COLUMNS", "rows", "to_dataframe", "empty_frame", "as_results"]

KINDS = ("events", "participants", "entities", "dates", "topics")

_DOC = ["doc", "id"]
_DATE = ["date_text", "date_start", "date_end", "date_jalali", "date_gregorian", "date_granularity",
         "date", "date_first", "date_last"]

#: The columns of each table, in order (the caller's own fields, such as ``url``, follow ``id``).
COLUMNS: Dict[str, List[str]] = {
    "events": _DOC + ["published", "published_jalali", "event_id", "event", "type", "status",
                      "trigger", "trigger_start", "trigger_end", "sentence_start", "sentence_end"]
    + _DATE + ["location", "location_normalized", "location_start", "location_end",
               "participants", "n_participants", "topics", "confidence"],
    "participants": _DOC + ["event_id", "event", "participant", "event_type", "event_status", "date",
                            "date_jalali", "name", "name_normalized", "name_start", "name_end",
                            "role", "role_normalized", "role_start", "role_end",
                            "organization", "organization_normalized", "organization_start",
                            "organization_end", "country"],
    "entities": _DOC + ["label", "text", "normalized", "start", "end"],
    "dates": _DOC + ["text", "normalized", "start", "end", "jalali", "gregorian", "granularity", "date",
                     "date_first", "date_last", "weekday", "relative", "time", "calendar"],
    "topics": _DOC + ["event_id", "event", "event_type", "category", "text", "normalized", "start", "end"],
}

#: Columns holding Gregorian days (``datetime64`` in a DataFrame).
DATE_COLUMNS = ("published", "date", "date_first", "date_last")
#: Integer columns that may be missing (pandas ``Int64``).
_NULLABLE_INT = ("date_start", "date_end", "location_start", "location_end", "name_start", "name_end",
                 "role_start", "role_end", "organization_start", "organization_end")

ResultLike = Union["Result", Mapping[str, Any]]


def as_results(results: Union[ResultLike, Iterable[ResultLike]]) -> List["Result"]:
    """Results from a Result, a saved dict, or an iterable of either."""
    from .result import Result

    if isinstance(results, (Result, Mapping)):
        results = [results]
    out = []
    for item in results:
        if isinstance(item, Result):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(Result.from_dict(item))
        else:
            raise TypeError(f"expected Result objects or result dicts, not {type(item).__name__}")
    return out


def _span_cols(prefix: str, span: Any) -> Dict[str, Any]:
    if span is None:
        return {prefix: None, f"{prefix}_normalized": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {prefix: span.text, f"{prefix}_normalized": span.norm_text, f"{prefix}_start": span.start,
            f"{prefix}_end": span.end}


def _date_cols(value: Any) -> Dict[str, Any]:
    if value is None:
        return dict.fromkeys(_DATE)
    day = value.gregorian_date
    bounds = value.range
    return {"date_text": value.text, "date_start": value.start, "date_end": value.end,
            "date_jalali": value.jalali, "date_gregorian": value.gregorian, "date_granularity": value.granularity,
            "date": day.isoformat() if day else None,
            "date_first": bounds[0].isoformat() if bounds else None,
            "date_last": bounds[1].isoformat() if bounds else None}


def rows(results: Union[ResultLike, Iterable[ResultLike]], kind: str = "events", *,
         start: int = 0) -> List[Dict[str, Any]]:
    """Table rows as plain dicts (dates as ISO strings); ``start`` numbers the first result's ``doc``.

    Raises:
        ValueError: ``kind`` is not one of :data:`KINDS`.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    out: List[Dict[str, Any]] = []
    for offset, result in enumerate(as_results(results)):
        doc_index = start + offset
        base: Dict[str, Any] = {"doc": doc_index, "id": result.id}
        base.update({k: v for k, v in result.meta.items() if k not in base and _scalar(v)})
        key = result.id if result.id is not None else doc_index
        if kind == "entities":
            for e in sorted(result.entities, key=lambda e: (e.start, -e.end)):
                out.append({**base, "label": e.label, "text": e.text, "normalized": e.norm_text,
                            "start": e.start, "end": e.end})
        elif kind == "dates":
            for d in result.dates:
                bounds = d.range
                day = d.gregorian_date
                out.append({**base, "text": d.text, "normalized": d.span.norm_text, "start": d.start,
                            "end": d.end, "jalali": d.jalali, "gregorian": d.gregorian,
                            "granularity": d.granularity, "date": day.isoformat() if day else None,
                            "date_first": bounds[0].isoformat() if bounds else None,
                            "date_last": bounds[1].isoformat() if bounds else None,
                            "weekday": d.weekday, "relative": d.relative, "time": d.time, "calendar": d.calendar})
        else:
            published = result.published
            for n, ev in enumerate(result.events):
                event_key = {"event_id": f"{key}/{n}", "event": n}
                if kind == "events":
                    row = {**base, "published": published.togregorian().isoformat() if published else None,
                           "published_jalali": published.isoformat() if published else None, **event_key,
                           "type": ev.type, "status": ev.status, "trigger": ev.trigger.text,
                           "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
                           "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end,
                           **_date_cols(ev.date)}
                    loc = _span_cols("location", ev.location)
                    row.update({k: loc[k] for k in ("location", "location_normalized", "location_start",
                                                    "location_end")})
                    row["participants"] = "، ".join(p.display for p in ev.participants if p.display)
                    row["n_participants"] = len(ev.participants)
                    row["topics"] = ", ".join(dict.fromkeys(t.category for t in ev.topics))
                    row["confidence"] = ev.confidence
                    out.append(row)
                elif kind == "participants":
                    day = ev.date.gregorian_date if ev.date else None
                    for m, p in enumerate(ev.participants):
                        row = {**base, **event_key, "participant": m, "event_type": ev.type,
                               "event_status": ev.status, "date": day.isoformat() if day else None,
                               "date_jalali": ev.date.jalali if ev.date else None}
                        for field in ("name", "role", "organization"):
                            row.update(_span_cols(field, getattr(p, field)))
                        row["country"] = p.country
                        out.append(row)
                else:  # topics
                    for t in ev.topics:
                        out.append({**base, **event_key, "event_type": ev.type, "category": t.category,
                                    "text": t.text, "normalized": t.span.norm_text, "start": t.span.start,
                                    "end": t.span.end})
    return out


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def to_dataframe(results: Union[ResultLike, Iterable[ResultLike]], kind: str = "events", *,
                 start: int = 0) -> "pandas.DataFrame":
    """A tidy ``pandas.DataFrame`` of ``kind`` (events, participants, entities, dates or topics).

    Gregorian day columns (``published``, ``date``, ``date_first``, ``date_last``) are
    ``datetime64``; ``date`` is set for day-precise values only, while ``date_first`` and
    ``date_last`` bound a month or a year too. Jalali values stay ``YYYY-MM-DD`` strings
    (they sort correctly). Offsets that may be missing are nullable integers (``Int64``).
    An empty input gives an empty table with the same columns.

    Examples:
        >>> import persian_ie
        >>> df = persian_ie.to_dataframe(persian_ie.extract("زاکانی امروز با سفیر بلاروس دیدار کرد.",
        ...                                                 published="1404-08-19"))
        >>> df[["type", "date_jalali"]].values.tolist(), str(df["date"].dtype)
        ([['meeting', '1404-08-19']], 'datetime64[ns]')

    Raises:
        ImportError: pandas is not installed.
        ValueError: unknown ``kind``.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - exercised where pandas is absent
        raise ImportError("to_dataframe() needs pandas: pip install 'persian-ie[pandas]'") from exc
    data = rows(results, kind, start=start)
    columns = COLUMNS[kind]
    known = set(columns)
    extra = list(dict.fromkeys(k for row in data for k in row if k not in known))  # url, title… after id
    return _typed(pd.DataFrame(data, columns=columns[:2] + extra + columns[2:]))


def _typed(frame: "pandas.DataFrame") -> "pandas.DataFrame":
    import pandas as pd

    for col in DATE_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    for col in _NULLABLE_INT:
        if col in frame.columns:
            frame[col] = frame[col].astype("Int64")
    for col in ("doc", "event", "participant", "start", "end", "trigger_start", "trigger_end",
                "sentence_start", "sentence_end", "n_participants"):
        if col in frame.columns:
            frame[col] = frame[col].astype("int64")
    if "confidence" in frame.columns:
        frame["confidence"] = frame["confidence"].astype("float64")
    if "relative" in frame.columns:
        frame["relative"] = frame["relative"].astype("bool")
    return frame


def empty_frame(kind: str = "events", extra: Sequence[str] = ()) -> "pandas.DataFrame":
    """An empty table of ``kind`` with its columns and dtypes (a Dask ``meta``)."""
    import pandas as pd

    cols = list(COLUMNS[kind])
    return _typed(pd.DataFrame(columns=cols[:2] + list(extra) + cols[2:]))
