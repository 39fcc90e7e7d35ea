"""A political camp's adjective after the noun it qualifies is no organization.

News qualifies people and groups by camp: «فعال سیاسی اصلاح‌طلب», «نامزد دموکرات»,
«سناتور دمکرات», «نمایندگان جمهوری‌خواه», «۱۶ نفر اصلاح‌طلب». The tagger reads the
adjective as an organization; it names none (the party is «حزب دموکرات», which stays).
The adjectives are the ``camp_adjective`` class of ``word_classes.tsv``; the noun before
must be a word that such an adjective can qualify: not a function word, a number, a
punctuation mark or an organization's head («حزب [دموکرات]» is the party's name).

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "entities"])
>>> [e.text for e in nlp("این فعال سیاسی اصلاح‌طلب گفت.").doc.entities if e.label == "ORG"]
[]
"""

from __future__ import annotations

from typing import List

from .context import PUNCT_LIKE, Context, Found

__all__ = ["camp_adjectives"]


def camp_adjectives(ctx: Context, merged: List[Found]) -> List[Found]:
    """``merged`` without the organizations that are a camp's adjective after a noun."""
    return [s for s in merged if not (s[2] == "ORG" and _qualifies_a_noun(ctx, s[0], s[1]))]


def _qualifies_a_noun(ctx: Context, i: int, j: int) -> bool:
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if tuple(view.keys[i:j]) not in ctx.words.camp_adjective or not view.tok_start[i] or view.tok[i] == 0:
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
