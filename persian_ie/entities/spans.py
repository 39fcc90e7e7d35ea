"""Last step of the entities stage: unit ranges become :class:`~persian_ie.document.Span`
objects over the caller's original text, and roles are linked to the names they go with.

* :func:`entity_spans`: punctuation off the edges; a span with unbalanced quotes or
  brackets is a broken one and is dropped. ``attrs["source"]`` says where it came from.
* :func:`role_spans`: ROLE spans with ``title`` (canonical title), ``bare`` (the title
  alone), ``organization`` (the first ORG inside) and ``country``
  (:func:`~persian_ie.entities.countries.country_of`).
* :func:`link_persons`: role ↔ apposed person (:func:`~persian_ie.entities.roles.link_roles`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import List, Optional, Sequence

from ..document import Document, Span
from .context import PUNCT_LIKE, Found
from .countries import country_of
from .gazetteer import TokenView
from .roles import BETWEEN_LIMIT, RoleMatch, link_roles

__all__ = ["entity_spans", "role_spans", "link_persons"]


def entity_spans(view: TokenView, merged: Sequence[Found]) -> List[Span]:
    ents: List[Span] = []
    for i, j, lab, src in sorted(merged):
        while i < j and view.keys[i] in PUNCT_LIKE:
            i += 1
        while j > i and view.keys[j - 1] in PUNCT_LIKE:
            j -= 1
        if i >= j:
            continue
        inner = view.keys[i:j]
        if inner.count("«") != inner.count("»") or inner.count("(") != inner.count(")") \
                or inner.count('"') % 2:
            continue
        span = view.span(i, j, label=lab)
        span.attrs["source"] = src
        ents.append(span)
    return ents


def role_spans(view: TokenView, roles: Sequence[RoleMatch], ents: Sequence[Span]) -> List[Span]:
    out = []
    for r in roles:
        span = view.span(r.start, r.end, label="ROLE")
        span.attrs["source"] = "role"
        span.attrs["title"] = r.title.canonical
        span.attrs["bare"] = r.end == r.title_end  # the title alone, nothing it is «of»
        inside = [e for e in ents if span.start <= e.start and e.end <= span.end]
        orgs = [e for e in inside if e.label == "ORG"]
        span.attrs["organization"] = orgs[0] if orgs else None
        span.attrs["country"] = country_of(span.normalized or span.text)
        out.append(span)
    return out


def link_persons(doc: Document, roles: Sequence[Span], ents: Sequence[Span]) -> None:
    if not roles:
        return
    persons = [e for e in ents if e.label == "PER"]
    tokens = doc.tokens
    starts = [t.start for t in tokens]

    def between(a: Span, b: Span) -> Optional[List[str]]:
        # tokens are sorted and disjoint: those from the first starting at a.end while they
        # end by b.start; at most BETWEEN_LIMIT of them (link_roles looks at two)
        out = []
        for i in range(bisect_left(starts, a.end), len(tokens)):
            if tokens[i].end > b.start or len(out) == BETWEEN_LIMIT:
                break
            out.append(tokens[i].norm)
        return out

    link_roles(between, roles, persons)
