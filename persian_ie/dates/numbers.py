"""Numbers in date expressions: digits (Persian, Arabic, Latin) and Persian number
words, cardinal (بیست و دو) or ordinal (بیست و دوم، بیست‌وهشتم، دومین).

>>> parse_number("بیست و دوم")
22
>>> parse_number("بیست‌وهشتم")
28
>>> parse_number("دو هزار و بیست و دو")
2022
>>> parse_number("۱۹")
19
>>> parse_number("نوزدهمین")
19
"""

from __future__ import annotations

from typing import Optional

from ..normalize import fold_digits
from .lexicon import JOINT, alternation, fold_key, get_lexicon

__all__ = ["parse_number", "number_patterns"]

def _words(text: str):
    """Split a number phrase into its words, dropping the connector و."""
    key = fold_key(text)
    out = []
    for w in key.split(" "):
        if w == "و" or not w:
            continue
        if w.startswith("و") and _atom_value(w) is None and _atom_value(w[1:]) is not None:
            w = w[1:]  # «بیست وهشتم»
        out.append(w)
    return out


def _atom_value(word: str) -> Optional[int]:
    lex = get_lexicon()
    if word in lex.cardinal:
        return lex.cardinal[word]
    if word in lex.ordinal:
        return lex.ordinal[word]
    if word.endswith("ین") and word[:-2] in lex.ordinal:  # دومین، نخستین
        return lex.ordinal[word[:-2]]
    if word.endswith("مین") and word[:-3] in lex.cardinal:  # سی‌امین folded → «سی امین»
        return lex.cardinal[word[:-3]]
    if word.endswith("م") and word[:-1] in lex.cardinal:  # ordinal built on a cardinal: هشتادم
        return lex.cardinal[word[:-1]]
    return None


def parse_number(text: str) -> Optional[int]:
    """Integer value of digits or Persian number words; None when it is neither."""
    digits = fold_digits(text).strip()
    if digits.isdigit():
        return int(digits)
    words = _words(_join_glued_va(text))
    if not words:
        return None
    # «سی ام» / «سی امین» (ordinal 30 written apart)
    merged = []
    for w in words:
        if merged and w in ("ام", "امین", "اُم") and merged[-1] in get_lexicon().cardinal:
            merged[-1] = merged[-1] + ("م" if w != "امین" else "مین")
            if merged[-1] == "سیم":
                merged[-1] = "سی ام"
            continue
        merged.append(w)
    total, current = 0, 0
    for w in merged:
        value = _atom_value(w) if w != "سی ام" else 30
        if value is None:
            return None
        if value == 1000:
            total += (current or 1) * 1000
            current = 0
        elif value == 100 and current and current < 10:
            current *= 100
        else:
            current += value
    return total + current


def _join_glued_va(text: str) -> str:
    """«بیست‌وهشتم» → «بیست و هشتم»: split a و glued between two number words."""
    out = []
    for w in fold_key(text).split(" "):
        if "و" in w[1:-1] and _atom_value(w) is None:
            i = w.find("و", 1)
            while i != -1:
                left, right = w[:i], w[i + 1:]
                if _atom_value(left) is not None and _atom_value(right) is not None:
                    w = left + " و " + right
                    break
                i = w.find("و", i + 1)
        out.append(w)
    return " ".join(out)


def number_patterns():
    """``(cardinal, ordinal)`` regex fragments for number words (with compounds)."""
    lex = get_lexicon()
    card = alternation(lex.cardinal)
    ords = alternation(list(lex.ordinal))
    conn = f"(?:{JOINT}?و{JOINT}?)"
    cardinal = f"(?:{card}(?:{conn}{card})*)"
    ordinal_atom = (f"(?:{ords}(?:ین)?|{card}{JOINT}?(?:امین|مین|ام|اُم))")
    ordinal = f"(?:(?:{card}{conn})*{ordinal_atom})"
    return cardinal, ordinal
