"""Scanning the source text of a regular expression (shared by the dates grammar's start
filters and the events' pattern gates)."""

from __future__ import annotations

__all__ = ["class_end"]


def class_end(p: str, i: int) -> int:
    """The index of the «]» that closes the character class opening at ``p[i]`` (a «[»;
    ``len(p)`` when it is not closed): a «]» first in the class, or after «^», is a member
    (``[]a]``, ``[^]a]``), and an escaped character is skipped (``[\\]]``).

    >>> class_end("[]a]b", 0), class_end(r"[\\]]x", 0), class_end("[ab", 0)
    (3, 3, 3)
    """
    n = len(p)
    i += 1
    if i < n and p[i] == "^":
        i += 1
    if i < n and p[i] == "]":
        i += 1
    while i < n and p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    return i
