"""Lazy, cached access to files shipped in ``persian_ie/resources``."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, List

__all__ = ["resource_path", "read_text", "read_lines", "read_json"]


def resource_path(name: str):
    """A ``Traversable`` for ``resources/<name>`` (``name`` may contain ``/``)."""
    path = resources.files("persian_ie") / "resources"
    for part in name.split("/"):
        path = path / part
    if not path.is_file():
        raise FileNotFoundError(f"persian_ie resource {name!r} is missing from the installed package")
    return path


@functools.lru_cache(maxsize=None)
def read_text(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def read_lines(name: str) -> List[str]:
    """Non-empty, non-comment (``#``) lines, stripped."""
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@functools.lru_cache(maxsize=None)
def read_json(name: str) -> Any:
    return json.loads(read_text(name))
