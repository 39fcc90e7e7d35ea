"""Routes between places named after a road word: ``جاده [رشت ـ قزوین]``, ``محورهای [رشت ـ
چابکسر] و [رشت ـ انزلی]``, ``آزادراه [تهران-قم]``.

Two places joined by a dash (``-``, ``–``, ``—`` or the kashida ``ـ``, which the
normalizer drops but the original text keeps) after a road word (``road_head`` in
``word_classes.tsv``; the first place listed, the second listed or any word that is
not a common one, a small town), and the further pairs of a list after it, are one FAC each: the
road, not two places. The road word stays out of the span (a generic head, like
«استان» before a province). Without a road word the pair is left alone (``روابط تهران ـ
واشنگتن`` names two capitals).
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from .context import Context, Found

__all__ = ["route_spans"]

_DASHES = ("-", "–", "—", "ـ")
_LIST_JOINERS = ("،", ",", "و")


def route_spans(ctx: Context, merged: List[Found]) -> List[Found]:
    """``merged`` with the routes after a road word as FAC spans; the places and any
    other non-person span inside or across a route give way to it."""
    view, words = ctx.view, ctx.words
    n = len(view)
    routes: List[Tuple[int, int]] = []
    u = 0
    while u < n:
        if not view.tok_start[u] or view.token_text(u) not in words.road_head:
            u += 1
            continue
        k = view.next_token_unit(u)
        while k < n and view.sent[k] == view.sent[u]:
            end = _route_at(ctx, k)
            if end is None:
                break
            routes.append((k, end))
            k = end
            if k < n and view.keys[k] in _LIST_JOINERS and k + 1 < n and _route_at(ctx, k + 1) is not None:
                k += 1
                continue
            break
        u = max(k, u + 1)
    if not routes:
        return merged
    on_route = [False] * (n + 1)
    for b, e in routes:
        for u in range(b, e):
            on_route[u] = True
    kept = [s for s in merged if s[2] == "PER" or not any(on_route[u] for u in range(s[0], min(s[1], n)))]
    return sorted(kept + [(b, e, "FAC", "rule:route") for b, e in routes])


def _route_at(ctx: Context, k: int) -> Optional[int]:
    """End unit of «place dash place» starting at unit ``k``, or None."""
    view, places = ctx.view, ctx.gaz.places
    first = places.longest_at(view, k)
    if first is None or first[0] >= len(view):
        return None
    m = first[0]
    if view.keys[m] in _DASHES:
        m += 1
    elif not _dash_between(ctx, m):
        return None
    if m >= len(view) or view.sent[m] != view.sent[k] or not view.tok_start[m]:
        return None
    second = places.longest_at(view, m)
    if second is not None:
        return second[0]
    tok = view.token_text(m)  # a small town the lists lack: «رشت ـ [چابکسر]»
    if tok.isalpha() and len(tok) > 2 and not ctx.lex.is_common(tok) and not ctx.lex.is_verbish(tok) \
            and tok not in ctx.lex.stop:
        return view.next_token_unit(m)
    return None


def _dash_between(ctx: Context, m: int) -> bool:
    """The original text between the token before unit ``m`` and the one at ``m`` holds
    a dash (the kashida the normalizer removed)."""
    view = ctx.view
    if m >= len(view) or not view.tok_start[m] or view.tok[m] == 0:
        return False
    tokens = view.doc.tokens
    t = view.tok[m]
    return any(d in view.doc.text[tokens[t - 1].end:tokens[t].start] for d in _DASHES)
