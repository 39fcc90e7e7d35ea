"""What the corpus keeps of one article: parsed from the JSON contract only.

The corpus never looks inside the extraction stages: it reads ``Result.to_dict()``
(or a saved JSONL line of it), so a corpus can be built from results made by another
version of the library, another machine or a Dask cluster.

>>> rec = article_from_dict({"id": "a1", "published": {"jalali": "1398-08-22", "gregorian": "2019-11-13"},
...     "entities": [{"text": "ظريف", "start": 0, "end": 4, "label": "PER", "normalized": "ظریف"}],
...     "events": [{"type": "meeting", "status": "occurred", "trigger": {"text": "دیدار", "start": 10, "end": 15},
...                 "sentence": {"start": 0, "end": 20}, "date": None, "location": None,
...                 "participants": [{"name": {"text": "ظريف", "start": 0, "end": 4}, "role": None,
...                                   "organization": None, "country": "ایران"}],
...                 "topics": [], "confidence": 0.8}]})
>>> rec.events[0].participants[0].name.normalized
'ظریف'
>>> rec.published
'1398-08-22'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .names import display_form

__all__ = ["SpanRef", "ParticipantRef", "TopicRef", "EventRef", "NameRef", "ArticleRecord", "article_from_dict"]

NAME_LABELS = ("PER", "ORG", "LOC", "ROLE")


@dataclass(frozen=True)
class SpanRef:
    """A span of the article: its text, offsets and the library-normalized form."""

    text: str
    start: int
    end: int
    normalized: str


@dataclass
class ParticipantRef:
    name: Optional[SpanRef] = None
    role: Optional[SpanRef] = None
    organization: Optional[SpanRef] = None
    country: Optional[str] = None


@dataclass(frozen=True)
class TopicRef:
    text: str
    start: int
    end: int
    category: str


@dataclass
class EventRef:
    """One event of one article, as extracted."""

    article_id: str
    index: int
    type: str
    status: str
    trigger: SpanRef
    sentence: Tuple[int, int]
    date_jalali: Optional[str]
    date_gregorian: Optional[str]
    date_granularity: Optional[str]
    date_text: Optional[str]
    location: Optional[SpanRef]
    participants: List[ParticipantRef]
    topics: List[TopicRef]
    confidence: float
    snippet: Optional[str] = None

    @property
    def key(self) -> str:
        """``article_id#index``: unique and stable for one extraction of a corpus."""
        return f"{self.article_id}#{self.index}"


@dataclass(frozen=True)
class NameRef:
    """An entity mention (PER/ORG/LOC/ROLE) of one article."""

    label: str
    span: SpanRef


@dataclass
class ArticleRecord:
    id: str
    published: Optional[str]
    published_gregorian: Optional[str]
    title: Optional[str]
    names: List[NameRef] = field(default_factory=list)
    events: List[EventRef] = field(default_factory=list)


def _span(obj: Optional[Mapping[str, Any]], norm: Dict[Tuple[int, int], str], *,
          normalize: bool = True) -> Optional[SpanRef]:
    if not obj or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        return None
    start, end = int(obj.get("start", -1)), int(obj.get("end", -1))
    normalized = obj.get("normalized") or norm.get((start, end))
    if normalized is None:
        normalized = display_form(obj["text"]) if normalize else obj["text"]
    return SpanRef(obj["text"], start, end, normalized)


def article_from_dict(result: Mapping[str, Any], *, article_id: Optional[str] = None,
                      text: Optional[str] = None) -> ArticleRecord:
    """Read one result dict (the JSON contract, optionally with ``title``/``text``).

    Raises:
        ValueError: the result has no id (the corpus keys articles by id).
    """
    rid = article_id if article_id is not None else result.get("id")
    if rid is None or str(rid) == "":
        raise ValueError("a corpus needs an id for every article: pass results with 'id' "
                         "(Pipeline.pipe({'id': ..., 'text': ...}) or the CLI's JSONL id key)")
    rid = str(rid)
    published = result.get("published") or {}
    entities = result.get("entities") or []
    norm: Dict[Tuple[int, int], str] = {}
    names: List[NameRef] = []
    for ent in entities:
        label = ent.get("label")
        if label not in NAME_LABELS:
            continue
        span = _span(ent, norm)
        if span is None:
            continue
        norm[(span.start, span.end)] = span.normalized
        names.append(NameRef(label, span))
    text = text if text is not None else result.get("text")
    events: List[EventRef] = []
    for i, ev in enumerate(result.get("events") or []):
        date = ev.get("date") or {}
        sentence = ev.get("sentence") or {}
        s0, s1 = int(sentence.get("start", 0)), int(sentence.get("end", 0))
        participants = [
            ParticipantRef(_span(p.get("name"), norm), _span(p.get("role"), norm),
                           _span(p.get("organization"), norm), p.get("country") or None)
            for p in ev.get("participants") or []
        ]
        topics = [TopicRef(t.get("text", ""), int(t.get("start", -1)), int(t.get("end", -1)),
                           t.get("category") or "other") for t in ev.get("topics") or []]
        trigger = _span(ev.get("trigger"), norm, normalize=False) or SpanRef("", -1, -1, "")
        events.append(EventRef(
            article_id=rid, index=i, type=ev.get("type") or "other", status=ev.get("status") or "occurred",
            trigger=trigger, sentence=(s0, s1),
            date_jalali=date.get("jalali"), date_gregorian=date.get("gregorian"),
            date_granularity=date.get("granularity"), date_text=date.get("text"),
            location=_span(ev.get("location"), norm), participants=participants, topics=topics,
            confidence=float(ev.get("confidence") or 0.5),
            snippet=text[s0:s1] if isinstance(text, str) and 0 <= s0 < s1 <= len(text) else None,
        ))
    return ArticleRecord(rid, published.get("jalali"), published.get("gregorian"), result.get("title"),
                         names, events)
