"""Compiled regular expressions kept between runs (the start-up cost of the rule grammars).

The library's rules are a few hundred ``regex`` patterns, some of them thousands of
characters long (every month name, every number word). ``regex`` parses and optimises a
pattern in pure Python: compiling them all took ~0.6 s CPU, a third of the start-up.
A compiled ``regex`` pattern pickles as its compiled program, and unpickling it skips the
parser (the 28 date rules: 0.3 s to compile, 5 ms to unpickle), so :func:`compile` keeps
the patterns it compiles in a file and later processes read them back from it.

* The file is ``<cache dir>/persian_ie/regex-<regex version>-<python tag>.pickle``, the
  cache dir being ``$XDG_CACHE_HOME`` or ``~/.cache`` (``%LOCALAPPDATA%`` on Windows).
  ``PERSIAN_IE_CACHE_DIR`` names another folder; set it to the empty string to keep
  nothing on disk (every process then compiles its patterns, as before).
* A pattern is looked up by its exact text, flags and ``regex.DEFAULT_VERSION``, so an
  edited rule is simply compiled again; a new ``regex`` or Python version starts a new file.
* The file is written once, when the process exits, only if it compiled something new,
  through a temporary file renamed over the old one (concurrent processes cannot leave a
  torn file; the last one wins). It is read with an unpickler that builds nothing but
  ``regex`` patterns and plain containers; a file that cannot be read is ignored.

>>> p = compile(r"(?<!\\p{L})سال\\s+[۰-۹]{4}")
>>> p.search("در سال ۱۴۰۴ ").group()
'سال ۱۴۰۴'
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any, Dict, Optional, Set, Tuple

import regex

__all__ = ["compile", "cache_file"]

_Key = Tuple[str, int, int]

_lock = threading.Lock()
_stored: Optional[Dict[_Key, bytes]] = None  # the file's entries (pickled patterns), None until read
_patterns: Dict[_Key, "regex.Pattern[str]"] = {}  # the patterns this process compiled or unpickled
_used: Set[_Key] = set()
_dirty = False
_MAX_KEPT = 2000  # patterns in the file; past it, only this process's patterns are kept


def cache_file() -> Optional[Path]:
    """The cache file of this ``regex`` and Python, or ``None`` when disabled."""
    env = os.environ.get("PERSIAN_IE_CACHE_DIR")
    if env is not None:
        if not env.strip():
            return None
        base = Path(env)
    else:
        if os.name == "nt":
            root = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        else:
            root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = Path(root) / "persian_ie"
    version = getattr(regex, "__version__", "unknown")
    return base / f"regex-{version}-{sys.implementation.cache_tag}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    """Rebuilds ``regex`` patterns (``_regex.compile``) and refuses any other callable."""

    def find_class(self, module: str, name: str) -> Any:
        if name == "compile" and module in ("regex._regex", "_regex"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the pattern cache")


def _read(path: Optional[Path]) -> Dict[_Key, bytes]:
    """The file's ``{(pattern, flags, version): pickled pattern}`` (``{}`` when unreadable)."""
    if path is None:
        return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        table = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a torn or foreign file: compile again
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, tuple) and len(k) == 3 and isinstance(v, bytes)}


def _unpickle(data: bytes) -> "Optional[regex.Pattern[str]]":
    try:
        pattern = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a foreign entry: compile it instead
        return None
    return pattern if isinstance(pattern, regex.Pattern) else None


def compile(pattern: str, flags: int = 0, **kwargs: Any) -> "regex.Pattern[str]":  # noqa: A001 - regex's name
    """``regex.compile(pattern, flags)``, read from the cache when it was compiled before.

    Patterns with named lists (keyword arguments) are compiled directly. A pattern is
    unpickled from the file only when asked for, so stale entries cost no memory.
    """
    global _stored, _dirty
    if kwargs or not isinstance(pattern, str):
        return regex.compile(pattern, flags, **kwargs)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    with _lock:
        compiled = _patterns.get(key)
        if compiled is not None:
            return compiled
        _used.add(key)
        if _stored is None:
            _stored = _read(cache_file())
        data = _stored.get(key)
    if data is not None:
        compiled = _unpickle(data)
        if compiled is not None and compiled.pattern == pattern:
            with _lock:
                _patterns[key] = compiled
            return compiled
    compiled = regex.compile(pattern, flags)
    with _lock:
        _patterns[key] = compiled
        if not _dirty:
            _dirty = True
            atexit.register(save)
    return compiled


def save() -> None:
    """Write the patterns compiled so far to :func:`cache_file` (at exit; errors are ignored)."""
    global _dirty
    path = cache_file()
    with _lock:
        if path is None or not _dirty:
            return
        table = _read(path)  # what other processes wrote meanwhile
        for key, compiled in _patterns.items():
            if key not in table:
                table[key] = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        if len(table) > _MAX_KEPT:
            table = {k: v for k, v in table.items() if k in _used}
        _dirty = False
    import tempfile  # only here: importing it costs start-up time

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only home or a full disk: keep compiling instead
        pass
