"""Step 2 of the entities stage: gazetteer names and organization patterns in the text.

Left to right, at each token start, the longest of: an organization pattern
(:mod:`.org_patterns`), a listed organization or medium, a listed place. Names that
are also common words (``ambiguous.txt``: مالی، فارس، مهر، قطر …) count only with
support: an overlapping tagger span, the tagger reading the same words as a name
elsewhere in the document, a head (``خبرگزاری فارس``), a source slot (``به گزارش
مهر``) or, for a place, a role title right before it (``امیر قطر``). An organization
found this way is extended when it is a unit of another one
(:func:`~.org_patterns.chain_units`). A name in quotes that the text introduces as an
organization (``شبکه «ان اچ کی»``) and an unlisted name in a source slot (``به گزارش
روز نو،``) are organizations too. A city that labeled text names as a club more often
than as a place (``places_as_organizations.txt``: بارسلونا، لیورپول) is left to the
tagger where it reads the name as an organization; so is a pattern from a head that
labeled text seldom starts a name with (``weak_org_heads.txt``: «مدیریت» is mostly
«managing»). No listed name starts inside a phrase that is never an entity
(``not_entities.txt``: «وست تگزاس اینترمدیت» is a crude grade, not Texas).
"""

from __future__ import annotations

from itertools import compress
from typing import Any, FrozenSet, List, Optional, Sequence, Set, Tuple

from .context import Context, Found, Tagged
from .context import QUOTE_OPEN
from .gazetteer import Gazetteer
from .org_patterns import chain_units, org_pattern, plain_word_name, quoted_name, source_name, subunit_pattern

__all__ = ["gazetteer_spans"]


def gazetteer_spans(ctx: Context, tagged: Sequence[Tagged]) -> List[Found]:
    """Non-overlapping gazetteer and pattern spans ``(i, j, label, source)``."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    n = len(view)
    covered_by_tagger = [False] * n
    for i, j, _ in tagged:
        for u in range(i, j):
            covered_by_tagger[u] = True
    # one sense per document: what the tagger reads as a name somewhere is a name everywhere
    tagged_names = {tuple(view.keys[i:j]) for i, j, _ in tagged}
    tagged_orgs = {(i, j) for i, j, lab in tagged if lab == "ORG"}
    tagged_org_starts = {i for i, _, lab in tagged if lab == "ORG"}
    out: List[Found] = []
    title_ends = ctx.title_ends
    org_heads = gaz.org_heads
    # nothing happens at a unit that starts no listed head, name or phrase, opens no quote
    # and follows no source cue («به گزارش»): the loop goes from one such unit to the next
    keys = view.keys
    after_cue = _after_cue(ctx)
    cand = _candidates(ctx, after_cue)
    heads_root, phrases_root = org_heads.root, gaz.not_entity_phrases.root
    k, ncand = 0, len(cand)
    i = 0
    while True:
        while k < ncand and cand[k] < i:
            k += 1
        if k == ncand:
            break
        i = cand[k]
        if not view.tok_start[i]:
            i += 1
            continue
        if view.keys[i] in QUOTE_OPEN:
            close = quoted_name(ctx, i)
            if close is not None:  # «شبکه «ان اچ کی»»: the quotes give the name's extent
                out.append((i + 1, close, "ORG", "pattern"))
                i = close + 1
                continue
        cands: List[Tuple[int, str, str]] = []
        key = keys[i]
        slot = i in after_cue and ctx.source_slot(i)
        head = org_heads.longest_at(view, i) if key in heads_root else None
        if head is not None and head[1].canonical in gaz.weak_heads and i not in tagged_org_starts:
            head = None  # «[مدیریت] موثر», «[مدیریت] کرونا»: an everyday head names a unit only as the tagger reads it
        if head is not None:  # (each pattern starts at an organization head)
            pat = org_pattern(ctx, i)
            if pat is not None:
                cands.append((pat, "ORG", "pattern"))
            plain = plain_word_name(ctx, i) if pat is None else None
            if plain is not None:
                cands.append((plain, "ORG", "pattern"))
            sub = subunit_pattern(ctx, i)
            if sub is not None and not (i in title_ends and view.token_text(i) in words.office_word):
                cands.append((sub, "ORG", "pattern"))  # «رئیس [دفتر سیاسی حماس]»: the office is the role's
        for trie, label in ((gaz.orgs, "ORG"), (gaz.places, "LOC")):
            if key not in trie.root:
                continue
            hit = trie.longest_at(view, i)
            if hit is None:
                continue
            j, entry = hit
            units = tuple(view.keys[i:j])
            if units in gaz.ambiguous and not any(covered_by_tagger[i:j]) and units not in tagged_names \
                    and not (label == "ORG" and slot) and not (label == "LOC" and i in title_ends) \
                    and not (label == "LOC" and _after_place_head(ctx, i)):
                continue
            if label == "LOC" and (i, j) in tagged_orgs and units in gaz.places_as_orgs:
                continue  # «[بارسلونا] در معامله با نراتزوری»: the club named after its city, as the tagger read it
            cands.append((j, label, "gazetteer"))
        if slot:
            hit = gaz.orgs.longest_at(view, i)
            if not cands and hit is not None:
                cands.append((hit[0], "ORG", "gazetteer"))
            end = source_name(ctx, i)  # «به گزارش روز نو،», «به گزارش تابناک ورزشی و به نقل از»
            if end is not None:
                cands.append((end, "ORG", "pattern"))
        phrase = gaz.not_entity_phrases.longest_at(view, i) if key in phrases_root else None
        if phrase is not None and all(end <= phrase[0] for end, _, _ in cands):
            i = phrase[0]  # «وست تگزاس اینترمدیت» is a crude grade: no place starts inside it
            continue
        if cands:
            j, label, src = max(cands, key=lambda c: (c[0], c[2] == "pattern"))
            if label == "ORG":
                j = chain_units(ctx, i, j)
            out.append((i, j, label, src))
            i = j
        else:
            i += 1
    return out


def _after_cue(ctx: Context) -> Set[int]:
    """Units after the last word of a source cue: the only ones where
    :meth:`~.context.Context.source_slot` can be true."""
    keys = ctx.view.keys
    return set(compress(range(1, len(keys)), map(ctx.words.source_last.__contains__, keys[:-1])))


def _candidates(ctx: Context, after_cue: Optional[Set[int]] = None) -> List[int]:
    """Ascending units where :func:`gazetteer_spans` may find something: those whose unit
    starts an organization head, a listed organization or place or a never-entity phrase
    (:meth:`~.gazetteer.TokenTrie.longest_at` is None elsewhere), opens a quote, or
    follows the last word of a source cue (:meth:`~.context.Context.source_slot`)."""
    keys, gaz = ctx.view.keys, ctx.gaz
    starters = _starters(gaz)
    found = set(compress(range(len(keys)), map(starters.__contains__, keys)))
    found.update(_after_cue(ctx) if after_cue is None else after_cue)
    return sorted(found)


_STARTERS: List[Any] = [None, None, frozenset()]  # (tries, their sizes, first units)


def _starters(gaz: Gazetteer) -> FrozenSet[str]:
    """The first units of the tries :func:`gazetteer_spans` looks up, and the quote marks
    (rebuilt when a trie grows)."""
    tries = (gaz.org_heads, gaz.orgs, gaz.places, gaz.not_entity_phrases)
    sizes = tuple(t.size for t in tries)
    cached = _STARTERS
    if cached[0] is None or len(cached[0]) != len(tries) or any(a is not b for a, b in zip(cached[0], tries)) \
            or cached[1] != sizes:
        first: set = set(QUOTE_OPEN)
        for t in tries:
            first.update(t.root)
        cached[:] = [tries, sizes, frozenset(first)]
    return cached[2]


def _after_place_head(ctx: Context, i: int) -> bool:
    """A generic place head (``place_head``: «شهر», «استان») is the word before unit ``i``."""
    view = ctx.view
    if not view.tok_start[i] or view.tok[i] == 0:
        return False
    p = view.first_unit[view.tok[i] - 1]
    # («این شهرستان [مرکزی]»: after a determiner the head is a noun, and the word its adjective)
    return view.sent[p] == view.sent[i] and view.token_text(p) in ctx.words.place_head \
        and not ctx.preceded_by_determiner(p)
