"""Step 3 of the entities stage: organization patterns (a head word + what it is of).

The heads and what may follow them are data (``resources/gazetteers/org_heads.tsv``):

* ``loc``: a listed place (``شهرداری تهران``, ``استانداری اصفهان``);
* ``embassy``: a country or demonym, optionally «در» + place (``سفارت بلاروس در تهران``);
* ``ministry``: a ministry name, optionally a country (``وزارت امور خارجه آمریکا``);
* ``name``: a known organization or 1-4 name-like words (``دانشگاه هاوانا``,
  ``شرکت ملی نفت ایران``); ordinary words, verbs and adjectives end it (``شبکه
  بزرگراهی``, ``شرکت نخواهد``). A head that is also an everyday word (``common`` in the
  file: جمعیت، گروه، مرکز …) needs a name word before a place (``جمعیت ایران`` is
  the population of Iran).

A unit of another organization is one name with it: :func:`subunit_pattern` finds
``مرکز ارتباطات و امور بین‌الملل شهرداری تهران`` and :func:`chain_units` extends
``مرکز لرزه‌نگاری کشوری موسسه ژئوفیزیک دانشگاه تهران`` over each unit in turn.

Each function returns the end unit of the pattern starting at unit ``i``, or None.
"""

from __future__ import annotations

from typing import Optional

from .context import PUNCT_LIKE, Context

__all__ = ["org_pattern", "subunit_pattern", "chain_units"]


def org_pattern(ctx: Context, i: int) -> Optional[int]:
    """End unit of an organization pattern starting at unit ``i``, or None."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    hit = gaz.org_heads.longest_at(view, i)
    if hit is None:
        return None
    j, head = hit
    if ctx.preceded_by_determiner(i):
        return None
    n = len(view)
    if j >= n or view.sent[j] != view.sent[i]:
        return None
    kind = head.kind
    if kind == "loc":
        loc = ctx.entity_at(j, ("LOC",))
        return loc[0] if loc else None
    if kind == "embassy":
        k = None
        d = gaz.demonyms.longest_at(view, j) or gaz.refs.longest_at(view, j)
        loc = ctx.entity_at(j, ("LOC",))
        if loc is not None and loc[1].kind == "country":
            k = loc[0]
        elif d is not None:
            k = d[0]
        if k is None:
            return None
        if k + 1 < n and view.keys[k] == "در":
            loc2 = ctx.entity_at(k + 1, ("LOC",))
            if loc2 is not None:
                k = loc2[0]
        return k
    if kind == "ministry":
        m = gaz.ministries.longest_at(view, j)
        if m is None:
            return None
        k = m[0]
        loc = ctx.entity_at(k, ("LOC",)) if k < n else None
        if loc is not None and loc[1].kind == "country":
            k = loc[0]
        return k
    # kind == "name": a known name, or 1-4 name-like words
    known = ctx.entity_at(j)
    if known is not None and known[1].label == "ORG":
        return known[0]
    m = gaz.ministries.longest_at(view, j)  # اداره کل میراث فرهنگی … کهگیلویه و بویراحمد
    if m is not None and head.canonical in words.office_head:
        k = m[0]
        loc = ctx.entity_at(k, ("LOC",)) if k < n else None
        if loc is not None:
            return loc[0]
        if head.canonical in ("اداره کل", "اداره"):
            return k
    k = j
    last = None
    steps = 0
    common = head.canonical in gaz.common_heads
    while k < n and steps < 4 and view.sent[k] == view.sent[i]:
        if not view.tok_start[k]:
            break
        tok = view.token_text(k)
        nxt = view.next_token_unit(k)
        ent = ctx.entity_at(k)
        if ent is not None:
            if common and k == j and ent[1].label == "LOC":
                return None  # «جمعیت ایران»: an everyday head and a place is no organization
            last = ent[0]
            break  # a name ending in a place or a known organization ends there
        if tok in PUNCT_LIKE or tok.isdigit() or gaz.titles.longest_at(view, k) is not None \
                or gaz.org_heads.longest_at(view, k) is not None:
            break
        if tok in words.org_adjective:
            k = nxt
            steps += 1
            continue
        if tok == "و" and last is not None:
            k = nxt
            continue
        if lex.is_common(tok) or lex.is_known(tok) or any(ch.isdigit() for ch in tok) \
                or tok.endswith("ی") and not gaz.is_first_name(tok):
            break  # ordinary words and adjectives («شبکه بزرگراهی», «گروه معدودی») end it
        k = last = nxt
        steps += 1
    if last is None or last <= j:
        return None
    return last


def subunit_pattern(ctx: Context, i: int) -> Optional[int]:
    """A unit of a named organization: ``مرکز ارتباطات و امور بین‌الملل`` +
    ``شهرداری تهران``; the unit's own words may be ordinary ones, but the phrase must
    end in an organization found by a pattern or the gazetteer."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    hit = gaz.org_heads.longest_at(view, i)
    if hit is None or hit[1].canonical not in ctx.words.subunit_head:
        return None
    if ctx.preceded_by_determiner(i):
        return None
    k = hit[0]
    n = len(view)
    words = 0
    while k < n and words <= 5 and view.sent[k] == view.sent[i]:
        if not view.tok_start[k]:
            return None
        known = gaz.orgs.longest_at(view, k)
        nxt = org_pattern(ctx, k) if gaz.org_heads.longest_at(view, k) else None
        end = max(nxt or 0, known[0] if known else 0)
        if end > k and (words > 0 or hit[1].canonical in ctx.words.unit_of):
            return chain_units(ctx, k, end)
        tok = view.token_text(k)
        if tok in PUNCT_LIKE or tok.isdigit() or lex.is_verbish(tok) \
                or tok in lex.stop and tok != "و" or gaz.titles.longest_at(view, k) is not None:
            return None
        k = view.next_token_unit(k)
        words += 1
    return None


def chain_units(ctx: Context, i: int, j: int) -> int:
    """Extend an organization that is a unit of another: «مرکز لرزه‌نگاری کشوری» +
    «موسسه ژئوفیزیک» + «دانشگاه تهران» is one name."""
    view, gaz = ctx.view, ctx.gaz
    head = gaz.org_heads.longest_at(view, i)
    while head is not None and head[1].canonical in ctx.words.subunit_head and j < len(view) \
            and view.sent[j] == view.sent[i]:
        nxt = org_pattern(ctx, j)
        known = gaz.orgs.longest_at(view, j)
        end = max(nxt or 0, known[0] if known else 0)
        if end <= j:
            break
        head = gaz.org_heads.longest_at(view, j)
        j = end
    return j
