"""The entities stage: :class:`EntityRecognizer`, a short composition of its steps.

It appends PER ORG LOC FAC EVENT PRODUCT and ROLE spans to ``doc.entities`` (the
dates stage adds DATE/TIME). Every step works on the document's units
(:mod:`.context`), and only the last one builds spans, with ``doc.span_from_norm``,
so each points into the caller's original text. The steps, one module each:

1. :mod:`.tagger`: the statistical tagger's spans (``lstm``, ``crf`` or ``stanza``),
   cleaned (honorifics off names, no lone verbs, no descriptors before organizations).
2. :mod:`.gazetteer_spans`: listed places, organizations and media (longest match;
   ambiguous names only with support) and
3. :mod:`.org_patterns`: organization patterns (``شهرداری`` + place, ``سفارت`` +
   country, ``وزارت`` + ministry, ``دانشگاه/بانک/شرکت…`` + name).
4. :mod:`.merge`: the rules that settle tagger against gazetteer/pattern spans, then
   the passes over the merged spans (a medium's desk is the medium, a Latin name after
   a Persian description, descriptions that are no names, a listed body's adjectives);
   :mod:`.facilities`: routes named after a road word (``جاده [رشت ـ قزوین]``).
5. :mod:`.roles`: ROLE phrases over the merged spans (the places and organizations
   inside a role stay entities of their own: ``سفیر بلاروس در تهران`` contains LOC
   ``بلاروس``); a person overlapping a role keeps the part outside it.
6. :mod:`.persons`: person rules where the tagger found nothing (honorific + name,
   first name + surname, names apposed to roles, later bare mentions).
7. :mod:`.spans`: spans over the original text, and role ↔ person links.

What each span carries in ``attrs`` (not serialized): ``source`` (``tagger``,
``gazetteer``, ``pattern``, ``merged``, ``rule:…``, ``role``; ``event-name`` and
``nested-name`` for an organization given again inside a longer name); on ROLE spans also
``title`` (the canonical title), ``bare`` (True when the role is the title alone),
``person`` (the linked PER span, when apposed),
``organization`` (the first ORG span inside the role, or None: ``مدیرعامل شرکت X``)
and ``country`` (:func:`~persian_ie.entities.countries.country_of` of the role, or
None for anaphora such as ``همتای خود``); on a linked PER span ``role``.

``normalized`` is the library normalizer's form of the span text.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..document import Document, Span
from .camps import camp_adjectives
from .context import Context, Found
from .facilities import route_spans
from .gazetteer_spans import gazetteer_spans
from .merge import (FIELD, clip_persons_to_roles, drop_descriptions, media_of_desks, merge, organizations_in_events,
                    own_country, organizations_in_names, latin_names,
                    of_member_states, of_the_country, places_in_a_list, with_adjectives, words_written_apart)
from .persons import person_spans
from .roles import find_roles
from .spans import entity_spans, link_persons, role_spans
from .tagger import BACKENDS, TAGGER_LABELS, TaggerStep, clean_tagged, tagged_units

__all__ = ["EntityRecognizer", "BACKENDS", "TAGGER_LABELS"]


class EntityRecognizer:
    """Pipeline stage: finds entities and ROLE phrases, links roles to names.

    Args:
        backend: ``"lstm"`` (the bundled BiLSTM-CRF, numpy inference; the default),
            ``"crf"`` (the bundled linear CRF: faster, less accurate; for either, a
            missing model file → gazetteers and patterns only, with a warning),
            ``"stanza"`` (local stanza models; raises a clear error when absent), or
            ``None`` for no tagger.
        tagger: a ready tagger object (``tagger(doc) -> list[Span]``), overriding ``backend``.
        roles: find ROLE phrases and role↔name links.
        person_rules: add PER spans from honorifics, first names and role apposition.
        bare_places: a listed place after a generic head (``استان ایلام``,
            ``شهرستان خرم‌آباد``; a closed list, ``place_head`` in ``word_classes.tsv``) is
            reported as the bare place, the project's convention; ``False`` keeps the
            tagger's span (the ARMAN and PEYMA convention). Other words around a place
            always stay (``آسیای میانه``, ``پارک آبی یاسوج``).
        tagger_labels: where a listed name may have the tagger's type too (a country
            acting as a state: ORG; a newspaper: PRODUCT; a university: FAC), keep the
            tagger's label (ARMAN's convention); by default the listed type is the label
            (countries LOC, media and universities ORG: the project's convention). The
            other one is kept in ``attrs`` (``tagger_label`` / ``canonical_label``).
        tagger_config: passed to the back-end's constructor (``model_path=`` for ``lstm``/``crf``).

    >>> from persian_ie import Pipeline
    >>> nlp = Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(backend=None))])
    >>> doc = nlp("علیرضا زاکانی، شهردار تهران با سفیر بلاروس دیدار کرد.").doc
    >>> [(e.text, e.label) for e in doc.entities]
    [('علیرضا زاکانی', 'PER'), ('شهردار تهران', 'ROLE'), ('تهران', 'LOC'), ('سفیر بلاروس', 'ROLE'), ('بلاروس', 'LOC')]
    >>> doc.entities[1].attrs["person"].text
    'علیرضا زاکانی'
    """

    name = "entities"

    def __init__(self, backend: Optional[str] = "lstm", *, tagger: Any = None, roles: bool = True,
                 person_rules: bool = True, bare_places: bool = True, tagger_labels: bool = False,
                 **tagger_config: Any):
        self._tagger_step = TaggerStep(backend, tagger, tagger_config)
        self.backend = backend
        self.use_roles = roles
        self.person_rules = person_rules
        self.bare_places = bare_places
        self.tagger_labels = tagger_labels
        if backend == "stanza" and tagger is None:
            self._tagger_step.tagger  # fail early, with the back-end's own message

    @property
    def tagger(self) -> Any:
        """The statistical tagger (loaded on first use), or None."""
        return self._tagger_step.tagger

    def __call__(self, doc: Document) -> Document:
        if not doc.tokens:
            return doc
        return self._annotate(doc, self._tagger_step(doc))

    def pipe(self, docs: Iterable[Document]) -> List[Document]:
        """The stage over a batch of documents (spaCy's ``pipe`` contract): the tagger
        sees the sentences of every document at once, sorted into buckets of similar
        length; the result is the same as calling the stage on each document."""
        docs = list(docs)
        todo = [d for d in docs if d.tokens]
        for doc, spans in zip(todo, self._tagger_step.pipe(todo)):
            self._annotate(doc, spans)
        return docs

    def _annotate(self, doc: Document, tagger_spans: Sequence[Span]) -> Document:
        """Every step after the tagger, given the tagger's spans of ``doc``."""
        ctx = Context.of(doc)
        view = ctx.view
        tagged = clean_tagged(ctx, tagged_units(ctx, tagger_spans))
        merged = merge(ctx, gazetteer_spans(ctx, tagged), tagged, bare_places=self.bare_places,
                       tagger_labels=self.tagger_labels)
        merged = drop_descriptions(ctx, latin_names(ctx, media_of_desks(ctx, merged)))
        merged = route_spans(ctx, of_member_states(ctx, of_the_country(ctx, with_adjectives(ctx, merged))))
        merged = camp_adjectives(ctx, words_written_apart(ctx, places_in_a_list(ctx, merged)))

        roles = []
        if self.use_roles:
            by_start, blocked = _role_inputs(len(view), merged)
            roles = find_roles(view, by_start, ctx.gaz, blocked)
        role_ranges = [(r.start, r.end) for r in roles]
        merged = [s for s in merged if s[2] != FIELD]  # a title's field is no entity
        merged = own_country(ctx, clip_persons_to_roles(merged, role_ranges))
        if self.person_rules:
            merged = person_spans(ctx, merged, role_ranges)
        merged = organizations_in_names(ctx, organizations_in_events(ctx, merged))

        ents = entity_spans(view, merged, ctx.notes, ctx.gaz, ctx.words)
        roles_ = role_spans(view, roles, ents)
        link_persons(doc, roles_, ents)
        doc.entities.extend(sorted(ents + roles_, key=lambda s: (s.start, -s.end)))
        return doc


def _role_inputs(n: int, merged: Sequence[Found]) -> Tuple[Dict[int, Tuple[int, str]], List[bool]]:
    """What :func:`find_roles` needs: non-person spans by start unit, and the units
    persons block."""
    by_start = {i: (j, lab) for i, j, lab, _ in merged if lab != "PER"}
    blocked: List[bool] = [False] * n
    for i, j, lab, _ in merged:
        if lab == "PER":
            for u in range(i, j):
                blocked[u] = True
    return by_start, blocked
