"""Sanity checks on participant names the entity stage hands over.

A name-only participant that is a pronoun («من»), a possessed noun («خانواده‌ام»), a
date («بهمن ۱۳۲۷»), a news outlet, a phrase with function words («علی وقتی شنید») or a
very common word that is not a first name («قرار», «الله») is an entity-stage slip,
not a party to an event.

>>> from persian_ie.document import Span
>>> junk_name(Participant(name=Span("بهمن 1327", 0, 9)))
True
>>> junk_name(Participant(name=Span("زهرا", 0, 4)))
False
"""

from __future__ import annotations

import functools
from typing import Dict

from .._resources import read_lines
from ..normalize import normalize
from ..records import Participant
from .gates import rx as _rx

__all__ = ["junk_name", "persian_name"]

_MONTH_WORDS = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
                "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}
_PRONOUN_NAMES = {"من", "ما", "تو", "شما", "او", "وی", "آنها", "آن‌ها", "ایشان", "خود", "ایشون", "اینجانب", "بنده"}


def junk_name(p: Participant) -> bool:
    """A name-only participant that is a pronoun or a possessed noun («خانواده‌ام») is an entity-stage slip."""
    if p.name is None or p.role is not None:
        return False
    words = normalize(p.name.text).replace("\u200c", " ").split()
    if not words:
        return True
    if _rx(r"[0-9۰-۹]").search(p.name.text) or any(w in _MONTH_WORDS for w in words):
        return True  # «بهمن 1327» tagged as a person
    if words[0] in _PRONOUN_NAMES or words[-1] in ("ام", "ات", "اش", "مان", "تان", "شان"):
        return True
    if any(w in _FUNCTION_WORDS for w in words) or " ".join(words) in _media_names():
        return True  # «علی وقتی شنید», a news outlet
    if len(words) == 1 and words[0] not in _first_names() and _word_freq().get(words[0], 0) > 5_000_000:
        return True  # a very common word («قرار», «الله») is not a name on its own
    return False


_FUNCTION_WORDS = {"وقتی", "که", "را", "از", "به", "با", "در", "اما", "یا", "اگر", "چون", "تا", "هم", "نیز", "این", "آن"}


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset:
    """Every first name the entities stage knows (Persian, foreign by hand, mined from the
    corpora: :class:`~persian_ie.entities.gazetteer.Gazetteer` loads the lists), normalized."""
    from ..entities.gazetteer import gazetteer  # (here: the events stage needs it only for this check)

    return frozenset(normalize(name) for name in gazetteer().first_names)


@functools.lru_cache(maxsize=1)
def _media_names() -> frozenset:
    out = set()
    try:
        for line in read_lines("gazetteers/media.tsv"):
            cols = line.split("\t")
            out.add(normalize(cols[0]).replace("\u200c", " "))
            if len(cols) > 1:
                out.update(normalize(x).replace("\u200c", " ") for x in cols[1].split("|") if x)
    except FileNotFoundError:
        pass
    return frozenset(out)


def _word_freq() -> Dict[str, int]:
    """hazm's word frequencies (``words.dat``), as the shipped lexicon holds them: Arabic
    letters folded (so «فواید», «دلایل» are found in normalized text) and a word listed
    twice keeping its highest count. Shared with the ZWNJ repairer (no second read)."""
    try:
        from ..zwnj import GluedWordRepairer
        return GluedWordRepairer.default().freq
    except Exception:  # noqa: BLE001 - optional evidence
        return {}


def persian_name(name: str) -> bool:
    """True when a name looks Iranian: a Persian first name and no Arabic «بن/آل» chain.

    A bare title («رئیس جمهور») is read as an Iranian one only for such a name.

    >>> persian_name("حسن روحانی"), persian_name("دونالد ترامپ")
    (True, False)
    """
    words = normalize(name).replace("\u200c", " ").split()
    while len(words) > 1 and words[0] in ("سید", "سیده", "حاج", "حاجی", "دکتر", "مهندس", "میر"):
        words = words[1:]  # «سید محمد خاتمی»: the first name follows the honorific
    if words and words[0].startswith("سید") and len(words[0]) > 5:
        words[0] = words[0][3:]  # «سیدمحمد»
    if not words or any(w in ("بن", "آل", "بنت", "ابن") or w.startswith("ال") and len(w) > 4 for w in words):
        return False
    if len(words) == 1:
        return True  # a surname alone: no evidence either way, keep the Iranian reading
    return words[0] in _persian_first_names()


@functools.lru_cache(maxsize=1)
def _persian_first_names() -> frozenset:
    try:
        return frozenset(normalize(line.split("\t")[0]) for line in read_lines("gazetteers/first_names.tsv"))
    except FileNotFoundError:
        return frozenset()
