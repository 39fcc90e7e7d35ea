"""The :class:`Result` a pipeline returns: records plus the JSON contract.

A saved result reads back with :meth:`Result.from_dict`:

Examples:
    >>> import json, persian_ie
    >>> text = "زاکانی امروز با سفیر بلاروس دیدار کرد."
    >>> saved = persian_ie.extract(text, published="1404-08-19", id="a1").to_json()
    >>> back = persian_ie.Result.from_dict(json.loads(saved), text=text)
    >>> back.to_json() == saved, back.events[0].type, back.published.isoformat()
    (True, 'meeting', '1404-08-19')
    """

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional

import jdatetime

from .calendar import jalali_dict, parse_published
from .document import Document, Span
from .records import DateValue, Event

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Result", "CONTRACT_KEYS", "ERROR_KEY"]

#: Top-level keys of the JSON contract, in their output order.
CONTRACT_KEYS = ("id", "published", "entities", "dates", "events")

#: where a failed item's error lives in ``doc.user_data`` (``Pipeline.pipe(on_error="record")``)
ERROR_KEY = "persian_ie.error"

_TEXT_MISSING = "persian_ie.text_missing"


class Result:
    """What :func:`persian_ie.extract` returns.

    Attributes:
        id: the caller's id (or None).
        text: the article (None for a result read back from JSON saved without it).
        published: publication date as ``jdatetime.date`` (or None).
        entities: entity spans (``label``, ``text``, ``start``, ``end``, ``normalized``).
        dates: :class:`~persian_ie.records.DateValue` objects.
        events: :class:`~persian_ie.records.Event` objects.
        meta: the caller's own fields carried along (``url``, ``title``…).
        doc: the full :class:`~persian_ie.document.Document` (tokens, sentences, alignment).

    In a notebook a result shows itself as right-to-left text with highlighted
    entities and one card per event (:meth:`_repr_html_`).
    """

    __slots__ = ("doc",)

    def __init__(self, doc: Document):
        self.doc = doc

    @property
    def id(self) -> Optional[str]:
        return self.doc.id

    @property
    def text(self) -> Optional[str]:
        if self.doc.user_data.get(_TEXT_MISSING):
            return None
        return self.doc.text

    @property
    def published(self) -> Optional[jdatetime.date]:
        return self.doc.published

    @property
    def entities(self) -> List[Span]:
        return self.doc.entities

    @property
    def dates(self) -> List[DateValue]:
        return self.doc.dates

    @property
    def events(self) -> List[Event]:
        return self.doc.events

    @property
    def meta(self) -> Dict[str, Any]:
        return self.doc.meta

    @property
    def error(self) -> Optional[Dict[str, str]]:
        """``{"type", "message"}`` of the error that stopped this item
        (``Pipeline.pipe(on_error="record")``), or None for a processed item."""
        return self.doc.user_data.get(ERROR_KEY)

    # -- JSON -------------------------------------------------------------------------------

    def to_dict(self, *, text: bool = False) -> Dict[str, Any]:
        """The JSON contract as a plain dict (with an ``error`` key for a failed item).

        The caller's :attr:`meta` fields follow the contract's keys (never replacing
        one); ``text=True`` adds the article as ``"text"`` so that the saved record is
        self-contained (:meth:`from_dict` reads it back).
        """
        entities = sorted(self.doc.entities, key=lambda e: (e.start, -e.end, e.label or ""))
        out: Dict[str, Any] = {
            "id": self.doc.id,
            "published": jalali_dict(self.doc.published),
            "entities": [e.to_entity_dict() for e in entities],
            "dates": [d.to_dict() for d in self.doc.dates],
            "events": [e.to_dict() for e in self.doc.events],
        }
        if self.error is not None:
            out["error"] = dict(self.error)
        for key, value in self.doc.meta.items():
            if key not in out and key != "text":
                out[key] = value
        if text and self.text is not None:
            out["text"] = self.text
        return out

    def to_json(self, indent: Optional[int] = None, *, text: bool = False) -> str:
        """The JSON contract as a string (UTF-8 text, Persian kept readable)."""
        return json.dumps(self.to_dict(text=text), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: Optional[str] = None) -> "Result":
        """Read a result saved as JSON (one line of the CLI's JSONL, or ``to_dict()``).

        Args:
            data: the contract's dict; keys beyond the contract become :attr:`meta`.
            text: the article, when the record does not carry it as ``"text"``.
                Without it the records, tables and event cards still work, and
                :attr:`text` is None.

        Raises:
            ValueError: a record is malformed, or a span does not match ``text``.
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"from_dict() needs a mapping, not {type(data).__name__}")
        if text is None:
            text = data.get("text")
        published = data.get("published")
        if isinstance(published, Mapping):
            published = published.get("jalali") or published.get("gregorian")
        doc = Document(text if text is not None else "", published=published, id=data.get("id"))
        if text is None:
            doc.user_data[_TEXT_MISSING] = True
        try:
            doc.entities = [Span.from_dict(e) for e in data.get("entities", [])]
            doc.dates = [DateValue.from_dict(d) for d in data.get("dates", [])]
            doc.events = [Event.from_dict(e, text) for e in data.get("events", [])]
        except KeyError as exc:
            raise ValueError(f"record {data.get('id')!r}: missing key {exc}") from None
        if isinstance(data.get("error"), Mapping):
            doc.user_data[ERROR_KEY] = dict(data["error"])
        doc.meta = {k: v for k, v in data.items() if k not in CONTRACT_KEYS and k not in ("text", "error")}
        if text is not None:
            _check_offsets(doc)
        return cls(doc)

    @classmethod
    def from_json(cls, line: str, text: Optional[str] = None) -> "Result":
        """:meth:`from_dict` over a JSON string."""
        return cls.from_dict(json.loads(line), text=text)

    # -- tables and display -----------------------------------------------------------------

    def to_dataframe(self, kind: str = "events") -> "pandas.DataFrame":
        """This result as a tidy table; see :func:`persian_ie.to_dataframe`."""
        from .tables import to_dataframe

        return to_dataframe(self, kind)

    def rows(self, kind: str = "events") -> List[Dict[str, Any]]:
        """This result's table rows as plain dicts (no pandas needed)."""
        from .tables import rows

        return rows(self, kind)

    def _repr_html_(self) -> str:
        from .display import render

        return render(self, page=False)

    def __repr__(self) -> str:
        return (f"Result(id={self.id!r}, entities={len(self.entities)}, dates={len(self.dates)}, "
                f"events={len(self.events)})")


def _check_offsets(doc: Document) -> None:
    text = doc.text

    def check(span: Optional[Span]) -> None:
        if span is not None and text[span.start:span.end] != span.text:
            raise ValueError(f"record {doc.id!r}: span {span.text!r} at {span.start}:{span.end} does not "
                             f"match the text there ({text[span.start:span.end]!r}); wrong text for this record?")

    for entity in doc.entities:
        check(entity)
    for date in doc.dates:
        check(date.span)
    for event in doc.events:
        for span in (event.trigger, event.location, event.date.span if event.date else None):
            check(span)
        for p in event.participants:
            check(p.name), check(p.role), check(p.organization)
        for topic in event.topics:
            check(topic.span)
