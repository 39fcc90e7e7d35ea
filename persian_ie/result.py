"""The :class:`Result` a pipeline returns: records plus the JSON contract."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import jdatetime

from .calendar import jalali_dict
from .document import Document, Span
from .records import DateValue, Event

__all__ = ["Result", "ERROR_KEY"]

#: where a failed item's error lives in ``doc.user_data`` (``Pipeline.pipe(on_error="record")``)
ERROR_KEY = "persian_ie.error"


class Result:
    """What :func:`persian_ie.extract` returns.

    Attributes:
        id: the caller's id (or None).
        published: publication date as ``jdatetime.date`` (or None).
        entities: entity spans (``label``, ``text``, ``start``, ``end``, ``normalized``).
        dates: :class:`~persian_ie.records.DateValue` objects.
        events: :class:`~persian_ie.records.Event` objects.
        doc: the full :class:`~persian_ie.document.Document` (tokens, sentences, alignment).
    """

    __slots__ = ("doc",)

    def __init__(self, doc: Document):
        self.doc = doc

    @property
    def id(self) -> Optional[str]:
        return self.doc.id

    @property
    def text(self) -> str:
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
    def error(self) -> Optional[Dict[str, str]]:
        """``{"type", "message"}`` of the error that stopped this item
        (``Pipeline.pipe(on_error="record")``), or None for a processed item."""
        return self.doc.user_data.get(ERROR_KEY)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON contract as a plain dict (with an ``error`` key for a failed item)."""
        entities = sorted(self.doc.entities, key=lambda e: (e.start, -e.end, e.label or ""))
        out = {
            "id": self.doc.id,
            "published": jalali_dict(self.doc.published),
            "entities": [e.to_entity_dict() for e in entities],
            "dates": [d.to_dict() for d in self.doc.dates],
            "events": [e.to_dict() for e in self.doc.events],
        }
        if self.error is not None:
            out["error"] = dict(self.error)
        return out

    def to_json(self, indent: Optional[int] = None) -> str:
        """The JSON contract as a string (UTF-8 text, Persian kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __repr__(self) -> str:
        return (f"Result(id={self.id!r}, entities={len(self.entities)}, dates={len(self.dates)}, "
                f"events={len(self.events)})")
