"""persian_ie: structured records (events, participants, dates, places, topics)
from Persian news text, offline, with every span pointing into the original text.

Examples:
    >>> import persian_ie
    >>> result = persian_ie.extract("زاکانی امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19")
    >>> result.to_dict()["published"]
    {'jalali': '1404-08-19', 'gregorian': '2025-11-10'}
"""

from __future__ import annotations

import threading
from typing import Any, Optional

from .document import Document, Sentence, Span, Token
from .normalize import Normalizer, normalize
from .pipeline import Pipeline
from .records import DateValue, Event, Participant, Topic
from .registry import register_stage
from .result import Result
from .tables import to_dataframe

__version__ = "0.1.0"

__all__ = [
    "extract", "Pipeline", "Result", "Document", "Span", "Token", "Sentence", "DateValue",
    "Event", "Participant", "Topic", "Normalizer", "normalize", "register_stage", "to_dataframe", "render",
    "__version__",
]

_default: Optional[Pipeline] = None
_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    """The shared default :class:`Pipeline`, built on first use."""
    global _default
    with _lock:
        if _default is None:
            _default = Pipeline()
        return _default


def extract(text: str, published: Any = None, *, id: Optional[str] = None) -> Result:
    """Extract entities, dates and events from one Persian text.

    Args:
        text: the article (any length; an empty text gives an empty result).
        published: publication date: Jalali or Gregorian ISO string (``"1404-08-19"``,
            ``"2025-11-10"``), ``datetime.date``, ``jdatetime.date`` or None.
        id: an identifier echoed in the result.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: ``published`` is not a real date.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return default_pipeline()(text, published, id=id)


def render(results: Any, *, page: bool = True, max_height: Optional[str] = "28em", title: str = "persian_ie") -> str:
    """Self-contained HTML of one result or many (right-to-left text, entities highlighted,
    one card per event): what a notebook shows, as a page to save. See
    :func:`persian_ie.display.render`.

    Examples:
        >>> html = render(extract("سفیر بلاروس با زاکانی دیدار کرد."))
        >>> with open("article.html", "w", encoding="utf-8") as fh:  # doctest: +SKIP
        ...     fh.write(html)
    """
    from .display import render as _render

    return _render(results, page=page, max_height=max_height, title=title)
