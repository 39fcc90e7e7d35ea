"""Last step of the entities stage: unit ranges become :class:`~persian_ie.document.Span`
objects over the caller's original text, and roles are linked to the names they go with.

* :func:`entity_spans`: punctuation off the edges; a span with unbalanced quotes or
  brackets is a broken one and is dropped. ``attrs["source"]`` says where it came from;
  the steps' notes are added (``canonical_label``/``tagger_label`` where the listed type
  and the tagger's differ), and ``country`` on a name that stands for a country
  (``رژیم صهیونیستی`` → ``اسرائیل``).
* :func:`role_spans`: ROLE spans with ``title`` (canonical title), ``bare`` (the title
  alone), ``organization`` (the first ORG inside) and ``country``
  (:func:`~persian_ie.entities.countries.country_of`).
* :func:`link_persons`: role ↔ apposed person (:func:`~persian_ie.entities.roles.link_roles`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Dict, List, Optional, Sequence, Tuple

from ..document import Document, Span
from .context import PUNCT_LIKE, QUOTE_CLOSE, QUOTE_OPEN, Found
from .countries import country_of
from .gazetteer import Gazetteer, TokenView
from .roles import BETWEEN_LIMIT, RoleMatch, link_roles
from .wordlists import StageWords

__all__ = ["entity_spans", "role_spans", "link_persons"]


def entity_spans(view: TokenView, merged: Sequence[Found], notes: Optional[Dict[Tuple[int, int], dict]] = None,
                 gaz: Optional[Gazetteer] = None, words: Optional[StageWords] = None) -> List[Span]:
    notes = notes or {}
    ents: List[Span] = []
    seen = set()  # (start, end, label): a nested name equal to its outer one once a head is cut off
    for i, j, lab, src in sorted(merged):
        extra = notes.get((i, j))
        while i < j and view.keys[i] in PUNCT_LIKE:
            i += 1
        j = _before_bracketed_tail(view, i, j)
        while j > i and view.keys[j - 1] in PUNCT_LIKE and not _closes_a_quote(view, i, j):
            j -= 1
        if i >= j:
            continue
        inner = view.keys[i:j]
        if inner.count("«") != inner.count("»") or inner.count("(") != inner.count(")") \
                or inner.count('"') % 2:
            continue
        if lab == "ORG" and words is not None:
            for head in words.press_head:  # «روزنامه ژاپن تایمز» → «ژاپن تایمز»
                if i + len(head) < j and tuple(view.keys[i:i + len(head)]) == head:
                    i += len(head)
                    break
        end = view.nend[j - 1]
        if gaz is not None and lab in ("LOC", "ORG") and _glued_copula(view, gaz, i, j):
            end -= 2  # «اتحادیه اروپاست»: «است» glued to the name
        span = view.doc.span_from_norm(view.nstart[i], end, label=lab)
        if (span.start, span.end, lab) in seen:
            continue  # «روزنامه [نیویورک تایمز]» and its nested name are the same span
        seen.add((span.start, span.end, lab))
        span.attrs["source"] = src
        if extra:
            span.attrs.update(extra)
        if gaz is not None and lab != "PER":
            ref = gaz.refs.get(tuple(view.keys[i:j]))
            if ref is not None:
                span.attrs["country"] = ref.country  # «رژیم صهیونیستی»: a name that stands for a country
        ents.append(span)
    return ents


def _closes_a_quote(view: TokenView, i: int, j: int) -> bool:
    """The span ``[i, j)`` ends with the quote mark that closes one inside it: «پارلمان
    «طبرق»», «شرکت نفتی «اکسون موبیل»» are whole names (cutting the closing mark left them
    unbalanced, and they were dropped)."""
    last = view.keys[j - 1]
    inner = view.keys[i:j - 1]
    if last == '"':
        return inner.count('"') % 2 == 1
    return last in QUOTE_CLOSE and any(k in QUOTE_OPEN for k in inner)


def _before_bracketed_tail(view: TokenView, i: int, j: int) -> int:
    """End of the span ``[i, j)`` before a closing bracketed part: a blessing after a holy
    name («امام حسین [(ع)]», «امام خمینی [(ره)]») or an acronym or gloss after a name
    («سازمان همکاری اسلامی [(OIC)]») is not part of the name (cutting only the closing
    bracket left an unbalanced span, which was dropped: the name was lost)."""
    if j - i < 3 or view.keys[j - 1] != ")":
        return j
    for k in range(j - 2, i, -1):
        if view.keys[k] == "(":
            return k if k > i else j
        if view.keys[k] in ("(", ")"):
            break
    return j


def _glued_copula(view: TokenView, gaz: Gazetteer, i: int, j: int) -> bool:
    """The span's last unit is a listed name with «ست» (است) glued on: «اروپاست»."""
    last = view.keys[j - 1]
    if not last.endswith("ست") or len(last) < 4 or not view.tok_end[j - 1]:
        return False
    for k in range(i, j):
        units = tuple(view.keys[k:j - 1]) + (last[:-2],)
        if gaz.places.get(units) is not None or gaz.orgs.get(units) is not None:
            return True
    return False


def role_spans(view: TokenView, roles: Sequence[RoleMatch], ents: Sequence[Span]) -> List[Span]:
    out = []
    # the entities inside a role, found by their start (in ``ents`` order): a page of titles
    # and names made this a scan of every entity for every role
    by_start = sorted(range(len(ents)), key=lambda k: ents[k].start)
    starts = [ents[k].start for k in by_start]
    for r in roles:
        span = view.span(r.start, r.end, label="ROLE")
        span.attrs["source"] = "role"
        span.attrs["title"] = r.title.canonical
        span.attrs["bare"] = r.end == r.title_end  # the title alone, nothing it is «of»
        found = sorted(by_start[x] for x in range(bisect_left(starts, span.start), bisect_left(starts, span.end + 1)))
        inside = [ents[k] for k in found if ents[k].end <= span.end]
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
