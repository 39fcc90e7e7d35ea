"""The JSON contract as a JSON Schema (draft 2020-12), shipped in the package.

Examples:
    >>> schema = result_schema()
    >>> schema["required"]
    ['id', 'published', 'entities', 'dates', 'events']

Validation needs the ``jsonschema`` package (``pip install jsonschema``)::

    from persian_ie.schema import validate
    validate(result.to_dict())        # raises jsonschema.ValidationError naming the bad field

The schema checks shapes and vocabularies; :func:`check_offsets` checks what a schema
cannot: every span's ``text`` is ``original[start:end]``.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from ._resources import read_json

__all__ = ["SCHEMA_RESOURCE", "result_schema", "validate", "check_offsets", "iter_spans"]

#: Where the schema lives inside the package (``persian_ie/resources/…``).
SCHEMA_RESOURCE = "schema/result.schema.json"


def result_schema() -> Dict[str, Any]:
    """A fresh copy of the result schema (a dict)."""
    return copy.deepcopy(read_json(SCHEMA_RESOURCE))


_VALIDATOR: Optional[Any] = None


def validate(data: Mapping[str, Any]) -> None:
    """Validate one result dict against the schema.

    Raises:
        jsonschema.ValidationError: the first problem found, with its JSON path.
        ImportError: ``jsonschema`` is not installed.
    """
    global _VALIDATOR
    if _VALIDATOR is None:
        try:
            import jsonschema
        except ImportError as exc:  # pragma: no cover - jsonschema is in the test extra
            raise ImportError("validate() needs jsonschema: pip install jsonschema") from exc
        _VALIDATOR = jsonschema.Draft202012Validator(read_json(SCHEMA_RESOURCE))
    error = next(iter(_VALIDATOR.iter_errors(data)), None)
    if error is not None:
        raise error


def iter_spans(data: Mapping[str, Any]) -> Iterator[Tuple[str, Mapping[str, Any]]]:
    """Every span of a result dict with its JSON path (``$.events[0].trigger``…)."""
    for i, ent in enumerate(data.get("entities", [])):
        yield f"$.entities[{i}]", ent
    for i, date in enumerate(data.get("dates", [])):
        yield f"$.dates[{i}]", date
    for i, event in enumerate(data.get("events", [])):
        base = f"$.events[{i}]"
        for key in ("trigger", "location", "date"):
            if event.get(key):
                yield f"{base}.{key}", event[key]
        for j, part in enumerate(event.get("participants", [])):
            for key in ("name", "role", "organization"):
                if part.get(key):
                    yield f"{base}.participants[{j}].{key}", part[key]
        for j, topic in enumerate(event.get("topics", [])):
            yield f"{base}.topics[{j}]", topic


def check_offsets(data: Mapping[str, Any], text: str) -> List[str]:
    """Paths of the spans whose ``text`` is not ``text[start:end]`` (empty when all hold),
    plus events whose sentence does not hold their trigger."""
    bad = [path for path, span in iter_spans(data) if text[span["start"]:span["end"]] != span["text"]]
    for i, event in enumerate(data.get("events", [])):
        sent, trig = event["sentence"], event["trigger"]
        if not (0 <= sent["start"] <= trig["start"] and trig["end"] <= sent["end"] <= len(text)):
            bad.append(f"$.events[{i}].sentence")
    return bad
