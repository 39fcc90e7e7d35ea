"""Lazy, cached access to files shipped in ``persian_ie/resources``."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
from importlib import resources
from typing import Any, Iterator, List

__all__ = ["resource_path", "read_text", "read_lines", "read_json", "paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic garbage collector paused (start-up time).

    Building a table of the shipped lists makes ~10^5 tuples, entries and tries
    that all live for the process; each 700 of them the collector would walk
    every young object, and a full collection walks everything loaded so far
    (~0.1 s of a process's first ``extract``). Reference counting still frees what
    the block drops; the collector is switched back on after the block, unless it
    was off before it (or another thread's load is still running: it switches it on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
