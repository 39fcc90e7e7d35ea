"""Structured records and their JSON form (the contract in DESIGN.md).

Every record's ``to_dict()`` emits exactly the contract's keys; stages may attach
extra information in ``attrs`` which is serialized only where the contract has
room for it (new optional keys are allowed, existing ones never change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .document import Span

__all__ = ["DateValue", "Participant", "Topic", "Event", "TOPIC_CATEGORIES", "EVENT_TYPES", "EVENT_STATUSES"]

EVENT_TYPES = ("meeting", "visit", "phone_call", "agreement", "working_group", "proposal")
EVENT_STATUSES = ("occurred", "planned", "proposed")
TOPIC_CATEGORIES = (
    "transport", "culture", "tourism", "environment", "economy", "trade", "energy", "health",
    "education", "science_technology", "agriculture", "security", "urban_management", "sports",
    "media", "other",
)


def _span(span: Optional[Span]) -> Optional[Dict[str, Any]]:
    return None if span is None else span.to_dict()


@dataclass
class DateValue:
    """A temporal expression and its resolved value.

    ``jalali``/``gregorian`` follow ``granularity``: ``day`` → ``YYYY-MM-DD``,
    ``month`` → ``YYYY-MM``, ``year`` → ``YYYY``; both are None when the value is
    unknown (a relative expression without a publication date, a day that does not
    exist).
    """

    span: Span
    jalali: Optional[str] = None
    gregorian: Optional[str] = None
    granularity: Optional[str] = None
    weekday: Optional[str] = None
    relative: bool = False
    weekday_conflict: bool = False
    time: Optional[str] = None
    part_of_day: Optional[str] = None
    attrs: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "jalali": self.jalali,
            "gregorian": self.gregorian,
            "granularity": self.granularity,
            "weekday": self.weekday,
            "relative": self.relative,
        }
        if self.weekday_conflict:
            out["weekday_conflict"] = True
        if self.time is not None:
            out["time"] = self.time
        if self.part_of_day is not None:
            out["part_of_day"] = self.part_of_day
        return out


@dataclass
class Participant:
    """Someone (or some body) who takes part in an event. Needs a name or a role."""

    name: Optional[Span] = None
    role: Optional[Span] = None
    organization: Optional[Span] = None
    country: Optional[str] = None
    attrs: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "name": _span(self.name),
            "role": _span(self.role),
            "organization": _span(self.organization),
            "country": self.country,
        }


@dataclass
class Topic:
    """A cooperation area or subject, with a category from :data:`TOPIC_CATEGORIES`."""

    span: Span
    category: str = "other"

    def to_dict(self) -> Dict[str, Any]:
        out = self.span.to_dict()
        out["category"] = self.category
        return out


@dataclass
class Event:
    """One real-world event with its evidence (trigger and sentence spans)."""

    type: str
    trigger: Span
    sentence: Span
    status: str = "occurred"
    date: Optional[DateValue] = None
    location: Optional[Span] = None
    participants: List[Participant] = field(default_factory=list)
    topics: List[Topic] = field(default_factory=list)
    confidence: float = 0.5
    attrs: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "type": self.type,
            "status": self.status,
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "date": self.date.to_dict() if self.date is not None else None,
            "location": _span(self.location),
            "participants": [p.to_dict() for p in self.participants],
            "topics": [t.to_dict() for t in self.topics],
            "confidence": round(float(self.confidence), 3),
        }
