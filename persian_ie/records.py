"""Structured records and their JSON form (the contract in DESIGN.md).

Every record's ``to_dict()`` emits exactly the contract's keys; stages may attach
extra information in ``attrs`` which is serialized only where the contract has
room for it (new optional keys are allowed, existing ones never change).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import jdatetime

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


def _read_span(data: Optional[Dict[str, Any]]) -> Optional[Span]:
    return None if data is None else Span.from_dict(data)


def _jalali_range(value: str) -> Tuple[jdatetime.date, jdatetime.date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = jdatetime.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        first = jdatetime.date(year, month, 1)
        nxt = jdatetime.date(year + 1, 1, 1) if month == 12 else jdatetime.date(year, month + 1, 1)
        return first, nxt - _dt.timedelta(days=1)
    (year,) = parts
    return jdatetime.date(year, 1, 1), jdatetime.date(year + 1, 1, 1) - _dt.timedelta(days=1)


def _gregorian_range(value: str) -> Tuple[_dt.date, _dt.date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = _dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        nxt = _dt.date(year + 1, 1, 1) if month == 12 else _dt.date(year, month + 1, 1)
        return _dt.date(year, month, 1), nxt - _dt.timedelta(days=1)
    (year,) = parts
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def _hijri_range(value: str) -> Optional[Tuple[_dt.date, _dt.date]]:
    try:
        from hijridate import Hijri
    except ImportError:  # pragma: no cover - hijridate is a core dependency
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 2:
            year, month = parts
            first = Hijri(year, month, 1).to_gregorian()
            nxt = Hijri(year + 1, 1, 1) if month == 12 else Hijri(year, month + 1, 1)
        else:
            first, nxt = Hijri(parts[0], 1, 1).to_gregorian(), Hijri(parts[0] + 1, 1, 1)
        last = nxt.to_gregorian()
        return (_dt.date(first.year, first.month, first.day),
                _dt.date(last.year, last.month, last.day) - _dt.timedelta(days=1))
    except (ValueError, OverflowError):
        return None


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

    @property
    def calendar(self) -> Optional[str]:
        """The calendar the text is written in, for a month or year (``"jalali"``,
        ``"gregorian"`` or ``"hijri"``): the other calendars' values name the month or year
        of its first day (آبان ۱۴۰۴ → gregorian ``2025-10``). None for a day or no value.
        """
        if self.granularity not in ("month", "year") or not self.jalali or not self.gregorian:
            return None
        if self.attrs.get("calendar") in ("jalali", "gregorian", "hijri"):
            return self.attrs["calendar"]
        if "hijri" in self.attrs:
            return "hijri"
        try:
            jal_first = _jalali_range(self.jalali)[0]
        except ValueError:
            return "gregorian"
        # the Gregorian month/year holding the Jalali one's first day ⇒ written in Jalali
        return "jalali" if jal_first.togregorian().isoformat().startswith(self.gregorian) else "gregorian"

    @property
    def gregorian_date(self) -> Optional[_dt.date]:
        """The day as a ``datetime.date`` (None unless ``granularity == "day"``).

        Examples:
            >>> DateValue(Span("۱۹ آبان ۱۴۰۴", 0, 12), "1404-08-19", "2025-11-10", "day").gregorian_date
            datetime.date(2025, 11, 10)
        """
        if self.granularity != "day" or not self.gregorian:
            return None
        return _dt.date.fromisoformat(self.gregorian)

    @property
    def jalali_date(self) -> Optional[jdatetime.date]:
        """The day as a ``jdatetime.date`` (None unless ``granularity == "day"``)."""
        if self.granularity != "day" or not self.jalali:
            return None
        return jdatetime.date(*(int(p) for p in self.jalali.split("-")))

    @property
    def range(self) -> Optional[Tuple[_dt.date, _dt.date]]:
        """First and last day (inclusive, ``datetime.date``) the value covers: the day
        itself, or the whole month or year in the calendar the text is written in.

        Examples:
            >>> DateValue(Span("آبان ۱۴۰۴", 0, 9), "1404-08", "2025-10", "month").range
            (datetime.date(2025, 10, 23), datetime.date(2025, 11, 21))
        """
        if not self.jalali and not self.gregorian:
            return None
        calendar = self.calendar
        if calendar == "hijri":
            found = _hijri_range(str(self.attrs["hijri"]))
            if found is not None:
                return found
        if calendar == "gregorian" or not self.jalali:
            return _gregorian_range(self.gregorian) if self.gregorian else None
        first, last = _jalali_range(self.jalali)
        return first.togregorian(), last.togregorian()

    @property
    def jalali_range(self) -> Optional[Tuple[jdatetime.date, jdatetime.date]]:
        """:attr:`range` as ``jdatetime.date`` objects.

        Examples:
            >>> DateValue(Span("آبان ۱۴۰۴", 0, 9), "1404-08", "2025-10", "month").jalali_range
            (jdatetime.date(1404, 8, 1), jdatetime.date(1404, 8, 30))
        """
        found = self.range
        if found is None:
            return None
        return jdatetime.date.fromgregorian(date=found[0]), jdatetime.date.fromgregorian(date=found[1])

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "normalized": self.span.norm_text,
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
        calendar = self.calendar
        if calendar is not None:
            out["calendar"] = calendar
            if calendar == "hijri":
                out["hijri"] = self.attrs["hijri"]
        return out

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "DateValue":
        """Read a date object of the JSON contract back."""
        value = cls(Span.from_dict(data), data.get("jalali"), data.get("gregorian"), data.get("granularity"),
                    data.get("weekday"), bool(data.get("relative", False)),
                    bool(data.get("weekday_conflict", False)), data.get("time"), data.get("part_of_day"))
        for key in ("calendar", "hijri"):
            if data.get(key) is not None:
                value.attrs[key] = data[key]
        return value


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

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Participant":
        return cls(_read_span(data.get("name")), _read_span(data.get("role")),
                   _read_span(data.get("organization")), data.get("country"))

    @property
    def display(self) -> str:
        """The name's text, else the role's (what a table or a card shows)."""
        if self.name is not None:
            return self.name.text
        return self.role.text if self.role is not None else ""


@dataclass
class Topic:
    """A cooperation area or subject, with a category from :data:`TOPIC_CATEGORIES`."""

    span: Span
    category: str = "other"

    def to_dict(self) -> Dict[str, Any]:
        out = self.span.to_dict()
        out["category"] = self.category
        return out

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Topic":
        return cls(Span.from_dict(data), data.get("category", "other"))

    @property
    def text(self) -> str:
        return self.span.text


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

    @classmethod
    def from_dict(cls, data: Dict[str, Any], text: Optional[str] = None) -> "Event":
        """Read an event of the JSON contract back; ``text`` (the article) restores the
        sentence's text, which the JSON leaves out."""
        sent = data["sentence"]
        start, end = int(sent["start"]), int(sent["end"])
        return cls(
            type=data["type"],
            trigger=Span.from_dict(data["trigger"]),
            sentence=Span(text[start:end] if text is not None else "", start, end),
            status=data.get("status", "occurred"),
            date=DateValue.from_dict(data["date"]) if data.get("date") else None,
            location=_read_span(data.get("location")),
            participants=[Participant.from_dict(p) for p in data.get("participants", [])],
            topics=[Topic.from_dict(t) for t in data.get("topics", [])],
            confidence=float(data.get("confidence", 0.5)),
        )
