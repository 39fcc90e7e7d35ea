"""Precomputed normalizations of the shipped word lists (start-up time).

On first use the stages normalize ~7,000 strings of their own lists (gazetteer
phrases, topic grammar words, country names, event lexicon entries) with the full
normalizer, ~0.1 s of every process's start-up, and almost all of them come out
unchanged. ``resources/lexicon/normalized.tsv`` holds the result for every string
the loaders below normalize: a line is the string itself when normalizing leaves it
as it is, or ``string<TAB>normalized`` when it does not.

The table is only ever a cache of :func:`persian_ie.normalize.normalize`: its first
line is a fingerprint of everything the normalizer's output depends on (``normalize.py``,
``zwnj.py``, the ZWNJ lexicon, the ``regex`` version; strings that hold characters whose
normalization hangs on Python's Unicode version are not in the table), and a table whose
fingerprint does not match the running code is ignored, so an edited rule can never
be overridden by a stale entry. ``tests/test_lexicon_norms.py`` rebuilds the table in a
fresh process and compares it with the shipped file::

    python scripts/build_normalized_lexicon.py            # rewrite the shipped table
    python scripts/build_normalized_lexicon.py --check    # exit 1 when it is stale

Set ``PERSIAN_IE_NORM_TABLE=0`` to run without it.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import threading
from pathlib import Path
from typing import Dict, List, Optional

RESOURCE = "lexicon/normalized.tsv"

#: the functions that normalize shipped word lists when first called (``module:attribute``)
LOADERS = (
    "persian_ie.entities.gazetteer:gazetteer",
    "persian_ie.events.topics:grammar",
    "persian_ie.events.topics:_titles",
    "persian_ie.events.countries:_by_first_word",
    "persian_ie.events.lexicon:Lexicon.default",
    "persian_ie.events.names:_first_names",
    "persian_ie.events.names:_media_names",
    "persian_ie.events.names:_persian_first_names",
)

#: the one place the normalizer reads Python's Unicode database (NFKC of Arabic presentation
#: forms, whose assigned set grows with the Unicode version): strings holding them are left out,
#: so the table holds for every Python version
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")

_TABLE: Optional[Dict[str, str]] = None
_LOCK = threading.Lock()


def fingerprint() -> str:
    """A digest of what :func:`persian_ie.normalize.normalize` depends on ("" when one is unreadable)."""
    from . import zwnj
    from ._resources import resource_path

    digest = hashlib.sha256()
    try:
        for module in ("normalize.py", "zwnj.py"):
            digest.update((Path(__file__).with_name(module)).read_bytes())
        digest.update(resource_path(zwnj.LEXICON_RESOURCE).read_bytes())
    except OSError:
        return ""
    import regex

    digest.update(regex.__version__.encode())  # \p{L} and the other classes of the rules
    return digest.hexdigest()


def table() -> Dict[str, str]:
    """``string → normalized string`` for the shipped word lists; empty when the shipped
    table is missing, switched off, or was built by other code (fingerprint mismatch)."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _load()
    return _TABLE


def _load() -> Dict[str, str]:
    if os.environ.get("PERSIAN_IE_NORM_TABLE", "1") == "0":
        return {}
    from ._resources import resource_path

    try:
        lines = resource_path(RESOURCE).read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return {}
    if not lines or lines[0] != "# " + fingerprint():
        return {}
    out: Dict[str, str] = {}
    for line in lines[1:]:
        if line:
            raw, tab, norm = line.partition("\t")
            out[raw] = norm if tab else raw
    return out


def build() -> str:
    """The table's text, from the loaders' calls of :func:`normalize` in THIS process
    (which must not have loaded them yet, nor read the shipped table)."""
    if _TABLE is not None or os.environ.get("PERSIAN_IE_NORM_TABLE") != "0":
        raise RuntimeError("build() runs in a fresh process with PERSIAN_IE_NORM_TABLE=0")
    norm = importlib.import_module("persian_ie.normalize")
    seen: Dict[str, str] = {}
    plain = norm._normalize_short

    def recording(text: str) -> str:
        seen[text] = out = plain(text)
        return out

    norm._normalize_short = recording
    try:
        for loader in LOADERS:
            module, _, attr = loader.partition(":")
            target = importlib.import_module(module)
            for part in attr.split("."):
                target = getattr(target, part)
            target()
    finally:
        norm._normalize_short = plain
    lines: List[str] = ["# " + fingerprint()]
    for raw in sorted(seen):
        if not raw or any(c in raw + seen[raw] for c in "\t\n\r") or _PRESENTATION_FORMS.search(raw):
            continue  # not representable in a line, or hangs on the Unicode version: normalized at run time
        lines.append(raw if seen[raw] == raw else f"{raw}\t{seen[raw]}")
    return "\n".join(lines) + "\n"
