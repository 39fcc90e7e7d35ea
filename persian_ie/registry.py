"""Named stage factories: the pipeline builds its default stages from here.

A factory is given as ``"module:attribute"`` so nothing heavy is imported until a
stage is actually built. Register your own with :func:`register_stage`.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Dict, Tuple, Union

__all__ = ["register_stage", "create_stage", "STAGES", "DEFAULT_STAGES"]

Factory = Union[str, Callable[..., Any]]

STAGES: Dict[str, Factory] = {
    "normalize": "persian_ie.normalize:Normalizer",
    "segment": "persian_ie.segment:Segmenter",
    "entities": "persian_ie.entities:EntityRecognizer",
    "dates": "persian_ie.dates:DateExtractor",
    "events": "persian_ie.events:EventExtractor",
}

#: stage names of the default pipeline, in order
DEFAULT_STAGES: Tuple[str, ...] = ("normalize", "segment", "entities", "dates", "events")


def register_stage(name: str, factory: Factory) -> None:
    """Register ``factory`` (a callable or ``"module:attr"``) under ``name``."""
    STAGES[name] = factory


def create_stage(name: str, **config: Any) -> Any:
    """Build the stage registered under ``name``."""
    try:
        factory = STAGES[name]
    except KeyError:
        known = ", ".join(sorted(STAGES))
        raise KeyError(f"no stage named {name!r}; known stages: {known}") from None
    if isinstance(factory, str):
        module, _, attr = factory.partition(":")
        factory = getattr(importlib.import_module(module), attr)
    return factory(**config)
