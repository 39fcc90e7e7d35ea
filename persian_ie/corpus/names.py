"""Name keys: how two written forms of one name are recognized as the same string.

A *key* is the unit sequence of a name after the library normalizer (Arabic ي/ك → ی/ک,
diacritics dropped), the gazetteers' spelling fold (آ→ا, ئ→ی, ؤ→و) and with ZWNJ and
spaces between units made irrelevant. Leading honorifics (دکتر، حجت‌الاسلام، سردار …,
from the bundled list) are not part of a person's key.

>>> compact(name_units("محمدجواد ظريف")) == compact(name_units("محمد جواد ظریف"))
True
>>> name_units("دکتر محمود احمدی‌نژاد", "PER")
('محمود', 'احمدی', 'نژاد')
>>> compact(name_units("احمدي نژاد")) == compact(name_units("احمدی‌نژاد"))
True
"""

from __future__ import annotations

import functools
from typing import Optional, Tuple

from ..entities.gazetteer import gazetteer, phrase_units
from ..normalize import normalize

__all__ = ["name_units", "compact", "strip_honorifics", "display_form"]

Units = Tuple[str, ...]

# lineage titles that are written before a name and dropped from a person's key
# («سید عباس عراقچی» ~ «عباس عراقچی»); not in the honorific list because they are part of
# the name in the library's own output.
_LINEAGE = frozenset({"سید", "سیده", "شیخ", "میر"})


@functools.lru_cache(maxsize=200_000)
def name_units(text: str, label: Optional[str] = None, normalized: bool = False) -> Units:
    """Folded units of a name; for ``PER`` leading honorifics and lineage titles go.
    ``normalized=True`` skips the normalizer for text that already went through it."""
    units = phrase_units(text, normalized=normalized)
    if label == "PER":
        units = strip_honorifics(units)
    return units


def strip_honorifics(units: Units) -> Units:
    """Drop leading honorifics (``دکتر``, ``آیت الله``, ``سردار``) and lineage titles."""
    trie = gazetteer().honorifics
    changed = True
    while changed and len(units) > 1:
        changed = False
        for j in range(min(len(units) - 1, 5), 0, -1):
            if trie.get(units[:j]) is not None:
                units = units[j:]
                changed = True
                break
        if len(units) > 1 and units[0] in _LINEAGE:
            units = units[1:]
            changed = True
        elif len(units) > 1 and units[0].startswith("سید") and gazetteer().is_first_name(units[0][3:]):
            units = (units[0][3:],) + units[1:]   # glued «سیدمحمد خاتمی» → «محمد خاتمی»
            changed = True
    return units


def compact(units: Units) -> str:
    """The spacing-blind key: units joined without separators."""
    return "".join(units)


@functools.lru_cache(maxsize=200_000)
def display_form(text: str) -> str:
    """The library-normalized form of a name, for display (``ي`` → ``ی``, ZWNJ repaired)."""
    return normalize(text).strip(" «»\"'()[]")
