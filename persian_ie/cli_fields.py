"""How the CLI reads a corpus's own field names (``--text-key``, ``--published-key``,
``--id-key``, ``--keep``) and notices a publication date it is not using.

News corpora rarely say ``published``: the news sample says ``published_jalali``. A run
that ignores it leaves every relative date («امروز»، «دیروز») unresolved, so a
publication-like field that is present but unused earns a warning.

Examples:
    >>> fields = FieldNames(published="published")
    >>> fields.unused_published({"text": "…", "published_jalali": "1398-08-22"})
    'published_jalali'
    >>> FieldNames(published="published_jalali").record({"id": 7, "text": "متن", "published_jalali": "1398-08-22"})
    {'id': 7, 'text': 'متن', 'published': '1398-08-22'}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import regex
from . import _rxcache as rxcache

__all__ = ["FieldNames", "PUBLISHED_LIKE", "parse_keep"]

#: Field names that may hold a publication date (the value must read as a date too).
PUBLISHED_LIKE = rxcache.compile(r"(?i)publish|pub_?date|date|release|created|time")


def parse_keep(value: Optional[str]) -> Tuple[str, ...]:
    """``"url,title"`` → ``("url", "title")`` (spaces and empty names dropped, order kept)."""
    if not value:
        return ()
    return tuple(dict.fromkeys(k.strip() for k in value.split(",") if k.strip()))


@dataclass
class FieldNames:
    """The input fields of a JSONL corpus."""

    text: str = "text"
    published: str = "published"
    id: str = "id"
    keep: Sequence[str] = field(default_factory=tuple)

    def problem(self, obj: Any) -> Optional[str]:
        """Why ``obj`` cannot be a document (None when it can)."""
        if not isinstance(obj, Mapping):
            return f'each JSONL line must be an object with a "{self.text}" string'
        if not isinstance(obj.get(self.text), str):
            hint = "" if self.text != "text" else " (name the text field with --text-key)"
            return f'each JSONL line must be an object with a "{self.text}" string{hint}'
        return None

    def record(self, obj: Mapping[str, Any], default_published: Any = None) -> Dict[str, Any]:
        """``{"id", "text", "published"}`` for ``Pipeline.pipe``."""
        published = obj.get(self.published)
        return {"id": obj.get(self.id), "text": obj[self.text],
                "published": default_published if published in (None, "") else published}

    def meta(self, obj: Mapping[str, Any]) -> Dict[str, Any]:
        """The ``--keep`` fields of ``obj`` (``text`` excluded: it is kept by ``to_dict(text=True)``)."""
        return {k: obj.get(k) for k in self.keep if k != "text"}

    @property
    def keeps_text(self) -> bool:
        return "text" in self.keep or self.text in self.keep

    def unused_published(self, obj: Mapping[str, Any]) -> Optional[str]:
        """The first of :meth:`unused_published_keys` (None when there is none)."""
        keys = self.unused_published_keys(obj)
        return keys[0] if keys else None

    def unused_published_keys(self, obj: Mapping[str, Any]) -> List[str]:
        """Publication-like fields of ``obj`` holding a date while ``published`` gives none
        (Jalali ones first: Persian news dates itself so)."""
        if obj.get(self.published) not in (None, ""):
            return []
        keys = [key for key, value in obj.items()
                if key != self.published and isinstance(value, str) and PUBLISHED_LIKE.search(str(key))
                and _is_date(value)]
        return sorted(keys, key=lambda k: ("jalali" not in k.lower(), "publish" not in k.lower()))


def _is_date(value: str) -> bool:
    from .calendar import parse_published

    try:
        return parse_published(value) is not None
    except (ValueError, TypeError):
        return False
