"""Entities stage: PER ORG LOC FAC EVENT PRODUCT ROLE spans.

:class:`EntityRecognizer` combines the statistical tagger (``lstm`` or ``crf``,
bundled, or ``stanza``) with gazetteers, organization patterns and role titles; see
:mod:`persian_ie.entities.stage` for the steps and the module of each. Country helpers for other stages live in
:mod:`persian_ie.entities.countries`.
"""

from .countries import canonical_country, country_for_place, country_of, demonym_country, is_country
from .gazetteer import Gazetteer, TokenTrie, TokenView, gazetteer
from .roles import find_roles, link_roles
from .stage import EntityRecognizer

__all__ = [
    "EntityRecognizer", "country_of", "country_for_place", "canonical_country", "demonym_country",
    "is_country", "gazetteer", "Gazetteer", "TokenTrie", "TokenView", "find_roles", "link_roles",
]
