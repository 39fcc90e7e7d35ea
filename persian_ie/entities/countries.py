"""Which country a phrase is about: public helpers over the shipped gazetteers.

All results are canonical Persian country names in the library's normalized form
(``ایران``, ``آمریکا``, ``روسیه``, ``بلاروس`` …), or ``None``.

>>> country_of("سفیر بلاروس در تهران")
'بلاروس'
>>> country_of("شهردار تهران")
'ایران'
>>> country_of("همتای عمانی خود"), country_of("همتای روس خود")
('عمان', 'روسیه')
>>> country_of("وزیر امور خارجه جمهوری اسلامی ایران"), country_of("وزیر امور خارجه کشورمان")
('ایران', 'ایران')
>>> country_for_place("مینسک"), country_for_place("اصفهان"), canonical_country("بلاروسیه")
('بلاروس', 'ایران', 'بلاروس')
>>> demonym_country("ترکیه‌ای")
'ترکیه'
>>> country_of("وزیر دفاع این کشور") is None
True
"""

from __future__ import annotations

import functools
from typing import Optional, Union

from ..document import Document, Span
from ..normalize import Normalizer
from ..segment import Segmenter
from .gazetteer import TokenView, gazetteer, phrase_units

__all__ = ["country_of", "country_for_place", "canonical_country", "demonym_country", "is_country"]

_NORMALIZER = Normalizer()
_SEGMENT = Segmenter()


def _view(text: str) -> TokenView:
    return TokenView(_SEGMENT(_NORMALIZER(Document(text))))


def country_of(phrase: Union[str, Span, None]) -> Optional[str]:
    """The country a role, organization or place phrase refers to.

    Looks, left to right, for a country name or variant (``بلاروسیه``, ``جمهوری
    اسلامی ایران``, ``ایالات متحده``), a demonym (``روس``, ``عمانی``,
    ``ترکیه‌ای``) or a reference (``کشورمان``, ``جمهوری اسلامی`` → ``ایران``;
    ``حماس`` → ``فلسطین``); the first one found wins, so the ambassador's own country
    is returned for ``سفیر بلاروس در تهران``. Failing that, a named organization's
    country (``بانک مرکزی`` → ``ایران``), then a place's (``تهران`` → ``ایران``,
    ``مینسک`` → ``بلاروس``). Anaphora (``این کشور``, ``همتای خود``) give ``None``:
    resolving them needs the surrounding text.
    """
    if phrase is None:
        return None
    text = phrase.text if isinstance(phrase, Span) else phrase
    if not isinstance(text, str) or not text.strip():
        return None
    return _country_of(text)


@functools.lru_cache(maxsize=4096)
def _country_of(text: str) -> Optional[str]:
    gaz = gazetteer()
    view = _view(text)
    org_country = place_country = None
    i = 0
    n = len(view)
    while i < n:
        best = None
        for trie in (gaz.refs, gaz.places, gaz.demonyms, gaz.orgs):
            hit = trie.longest_at(view, i)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
        if best is None:
            i += 1
            continue
        j, entry = best
        if entry.label in ("REF", "DEMONYM") or entry.kind == "country":
            return entry.country
        if entry.label == "ORG":
            if org_country is None and entry.country:
                org_country = entry.country
        elif place_country is None and entry.country:
            place_country = entry.country
        i = j
    return org_country or place_country


def country_for_place(place: str) -> Optional[str]:
    """Country of a place name: a country itself (any variant), a capital, an Iranian
    province or city, or another listed city/region; ``None`` when unknown or not in
    a single country (``خاورمیانه``)."""
    if not isinstance(place, str):
        return None
    units = phrase_units(place)
    gaz = gazetteer()
    country = gaz.countries.get(units)
    if country is not None and gaz.demonyms.get(units) is None:
        return country
    country = gaz.place_country.get(units)
    if country is not None:
        return country
    entry = gaz.places.get(units) or gaz.refs.get(units)
    return entry.country if entry is not None else None


def canonical_country(name: str) -> Optional[str]:
    """Canonical name of a country given any listed form or demonym
    (``امریکا``/``ایالات متحده``/``آمریکایی`` → ``آمریکا``), else ``None``."""
    if not isinstance(name, str):
        return None
    gaz = gazetteer()
    units = phrase_units(name)
    country = gaz.countries.get(units)
    if country is None:
        entry = gaz.refs.get(units)
        country = entry.country if entry is not None else None
    return country


def demonym_country(word: str) -> Optional[str]:
    """Country of a demonym or adjective (``روس`` → ``روسیه``, ``عمانی`` → ``عمان``)."""
    if not isinstance(word, str):
        return None
    entry = gazetteer().demonyms.get(phrase_units(word))
    return entry.country if entry is not None else None


def is_country(name: str) -> bool:
    """Whether ``name`` is a listed country name or variant (not a demonym)."""
    entry = gazetteer().places.get(phrase_units(name)) if isinstance(name, str) else None
    return entry is not None and entry.kind == "country"

