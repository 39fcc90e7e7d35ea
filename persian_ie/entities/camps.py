"""A political camp's adjective, or a word of belonging, after the noun it qualifies is
no organization.

News qualifies people and groups by camp: «فعال سیاسی اصلاح‌طلب», «نامزد دموکرات»,
«سناتور دمکرات», «نمایندگان جمهوری‌خواه», «۱۶ نفر اصلاح‌طلب». The tagger reads the
adjective as an organization; it names none (the party is «حزب دموکرات», which stays).
The adjectives are the ``camp_adjective`` class of ``word_classes.tsv``; the noun before
must be a word that such an adjective can qualify: not a function word, a number, a
punctuation mark or an organization's head («حزب [دموکرات]» is the party's name). So is
an unlisted word made of a listed place or a demonym and «ی» («زردپوشان [اصفهانی]»,
«دشمن [صهیونیستی]»): an adjective of belonging.

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "entities"])
>>> [e.text for e in nlp("این فعال سیاسی اصلاح‌طلب گفت.").doc.entities if e.label == "ORG"]
[]
"""

from __future__ import annotations

from typing import List, Optional

from .context import PUNCT_LIKE, Context, Found
from .gazetteer import phrase_units

__all__ = ["camp_adjectives"]


def camp_adjectives(ctx: Context, merged: List[Found]) -> List[Found]:
    """``merged`` without the organizations that are a camp's adjective, or a word of
    belonging, after a noun; an organization that starts with a camp's adjective (or its
    plural) before a body or a demonym is that body or none: «اعضای [دموکرات] مجلس
    نمایندگان», «[دموکرات‌های] سنا», «یک سناتور [دموکرات آمریکایی]»."""
    out = []
    for s in merged:
        if s[2] == "ORG" and (_camp(ctx, s[0], s[1]) or _belonging(ctx, s[0], s[1])) and _after_a_noun(ctx, s[0]):
            continue
        k = _after_camp(ctx, s[0], s[1]) if s[2] == "ORG" and s[3] != "gazetteer" else None
        if k is not None:
            if _body_at(ctx, k):
                out.append((k, s[1], s[2], s[3]))
                continue
            if _demonyms_only(ctx, k, s[1]):
                continue
        out.append(s)
    return out


def _after_camp(ctx: Context, i: int, j: int) -> Optional[int]:
    """The unit after a camp's adjective, or its plural («دموکرات‌های», «جمهوری‌خواهان»),
    that starts units ``[i, j)`` and is followed by more words; or None."""
    view, camp = ctx.view, ctx.words.camp_adjective
    for phrase in camp:
        k = i + len(phrase)
        if k < j and tuple(view.keys[i:k]) == phrase:
            if view.tok_end[k - 1]:
                return k
            if view.keys[k] in ("ها", "های") and view.tok_end[k] and k + 1 < j:
                return k + 1  # «دموکرات‌های [سنا]»
    if view.tok_start[i] and view.tok_end[i] and i + 1 < j:
        key = view.keys[i]
        for suffix in ("های", "ها", "ان"):
            if key.endswith(suffix) and (key[: -len(suffix)],) in camp:
                return i + 1  # «جمهوریخواهان [سنا]»
    return None


def _body_at(ctx: Context, k: int) -> bool:
    """A listed organization or a body's head starts at unit ``k``."""
    view, gaz = ctx.view, ctx.gaz
    return view.tok_start[k] and (gaz.orgs.longest_at(view, k) is not None or gaz.org_heads.longest_at(view, k) is not None
                                  or view.token_text(k) in ctx.words.body_head)


def _demonyms_only(ctx: Context, k: int, j: int) -> bool:
    """Units ``[k, j)`` are demonyms, one or more («[دموکرات] آمریکایی»)."""
    view, gaz = ctx.view, ctx.gaz
    while k < j:
        hit = gaz.demonyms.longest_at(view, k)
        if hit is None or hit[0] > j:
            return False
        k = hit[0]
    return True


def _camp(ctx: Context, i: int, j: int) -> bool:
    return tuple(ctx.view.keys[i:j]) in ctx.words.camp_adjective


def _belonging(ctx: Context, i: int, j: int) -> bool:
    """One unlisted word that is a listed place or a demonym + «ی»: an adjective of
    belonging («زردپوشان [اصفهانی]», «پزشکان [گیلانی]», «دشمن [صهیونیستی]»), not a name
    of its own. (A known word + «ی» is not enough: clubs and bodies are named so, «نساجی»,
    «دادگستری».)"""
    view, gaz = ctx.view, ctx.gaz
    if view.tok[i] != view.tok[j - 1] or gaz.orgs.get(tuple(view.keys[i:j])) is not None:
        return False
    tok = view.token_text(i)
    if not tok.endswith("ی") or len(tok) < 4 or gaz.is_first_name(tok):
        return False
    # after «ا/و» a lone «ی» is the ezafe of the name itself («[آمریکای] ترامپ»), belonging is «یی»
    for stem in (tok[:-1] if not tok[:-1].endswith(("ا", "و")) else None, tok[:-2] if tok.endswith("یی") else None):
        units = phrase_units(stem) if stem else None
        if units and (gaz.places.get(units) is not None or gaz.demonyms.get(units) is not None):
            return True
    return False


def _after_a_noun(ctx: Context, i: int) -> bool:
    """The word before unit ``i`` is one an adjective can qualify."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if not view.tok_start[i] or view.tok[i] == 0:
        return False
    t = view.tok[i] - 1
    p = view.first_unit[t]
    if view.sent[p] != view.sent[i]:
        return False
    prev = view.token_text(p)
    if prev in PUNCT_LIKE or any(ch.isdigit() for ch in prev) or not prev.replace("\u200c", "").isalpha():
        return False
    if lex.is_function(prev) or prev in ctx.words.cardinal or gaz.org_heads.longest_at(view, p) is not None:
        return False
    return True
