"""What an event's sentence says beyond the extracted fields, for cross-article merging.

Reports without a usable date (an article with no publication date and only relative or
year-less dates in the text) can still be matched when their sentences agree on something
specific. Three kinds of evidence are read from the sentence alone (no corpus statistics,
so a partition of a corpus computes them exactly as the whole would):

* **content words** (:func:`content_words`) and their weights (:func:`word_weight`): the
  words of the sentence that are not stop words, verb forms, the trigger or the
  participants' names, weighted by rarity in hazm's word-frequency list (a word unknown to
  it, such as «ادلب», weighs most). :func:`text_agreement` is the weight the two sentences
  share over the lighter sentence's weight.
* **calendar days without a year** (:func:`calendar_days`): «پنجم مارس», «۲۳ ژانویه»,
  «۳ بهمن» — a day the dates stage could not place in a year. Two reports that name
  days that cannot be the same day are different events.
* **years** (:func:`years_named`): «سپتامبر ۲۰۱۸», «سال ۱۳۹۷» — the sentence places its
  event in another year than the article's («a background mention»).
* **a general or habitual statement** (:func:`is_generic`): «ظریف همواره … با برخی اعضای
  کنگره دیدار می‌کند» speaks of no particular meeting and is never merged.

>>> sorted(calendar_days("پوتین و اردوغان پنجم مارس در مسکو توافق کردند"))
[('gregorian', 3, 5)]
>>> sorted(years_named("توافق سوچی که در سپتامبر ۲۰۱۸ امضا شد"))
[2018]
>>> is_generic("ظریف همواره با برخی اعضای کنگره که درخواست ملاقات می‌کنند دیدار می‌کند", 40, 47)
True
>>> text_agreement(content_words("دو طرف با برقراری آتش‌بس در ادلب توافق کردند"),
...                content_words("آنها درباره آتش بس در ادلب به توافق رسیدند")) > 0.5
True
"""

from __future__ import annotations

import functools
import math
import re
from typing import FrozenSet, Iterable, Optional, Sequence, Set, Tuple

__all__ = ["content_words", "word_weight", "text_agreement", "calendar_days", "days_compatible",
           "years_named", "is_generic", "day_key_of"]

_WORD = re.compile(r"[\w\u200c]+")
_SPLIT = re.compile(r"[\s\u200c]+")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# «همواره دیدار می‌کند», «بارها سفر کرده»: the sentence speaks of a habit, not of one event
_HABITUAL = ("همواره", "همیشه", "معمولا", "معمولاً", "بارها", "غالبا", "غالباً", "هرگاه", "هر بار", "هربار",
             "هر وقت", "هر سال", "هر هفته", "هر ماه", "گاه و بیگاه", "به طور منظم", "به‌طور منظم", "مرتبا", "مرتباً")


@functools.lru_cache(maxsize=1)
def _lexicon():
    from ..entities.lexicon import CommonWords

    lex = CommonWords.get()
    total = sum(n for n in lex.freq.values() if n > 0) or 1
    return lex, total


@functools.lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """Rarity of a word in hazm's frequency list: 0 for «و», about 1.5 for «دیدار», 5 (the
    most) for a word the list does not have («ادلب», «سوچی»)."""
    lex, total = _lexicon()
    n = lex.freq.get(word, 0)
    return max(0.0, min(5.0, math.log10(total / (max(n, 0) + 1)) - 2.5))


def content_words(sentence: str, skip: Iterable[str] = ()) -> FrozenSet[str]:
    """The content words of a sentence: not stop words, verb forms, digits or words of
    ``skip`` (the trigger and the participants' names). A ZWNJ splits words, so «آتش‌بس»
    and «آتش بس» give the same words."""
    lex, _ = _lexicon()
    text = sentence.replace("ي", "ی").replace("ك", "ک")
    skipped = {w for s in skip for w in _SPLIT.split(s.replace("ي", "ی").replace("ك", "ک")) if w}
    out = set()
    for w in _SPLIT.split(" ".join(_WORD.findall(text))):
        if len(w) < 3 or w.isdigit() or w.translate(_DIGITS).isdigit() or w in skipped:
            continue
        if w in lex.stop or (w in lex.verbs and w not in lex.words) or w.startswith(("می", "نمی")) and w[2:] in lex.verbs:
            continue
        out.add(w)
    return frozenset(out)


def text_agreement(a: FrozenSet[str], b: FrozenSet[str], min_weight: float = 4.0) -> float:
    """Weight of the content words two sentences share over the lighter sentence's weight
    (0 when either sentence carries less than ``min_weight``: too little to compare)."""
    wa = sum(word_weight(w) for w in a)
    wb = sum(word_weight(w) for w in b)
    if wa < min_weight or wb < min_weight:
        return 0.0
    return sum(word_weight(w) for w in a & b) / min(wa, wb)


# -- dates named in the sentence -------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _date_patterns():
    from ..dates.lexicon import get_lexicon
    from ..dates.numbers import parse_number

    lex = get_lexicon()
    import json
    from importlib import resources

    data = json.loads(resources.files("persian_ie.resources.dates").joinpath("months.json").read_text("utf-8"))
    names = {}
    for cal in ("jalali", "gregorian"):
        for entry in data[cal]:
            for n in entry["names"]:
                names[n.replace("ي", "ی").replace("ك", "ک")] = (cal, entry["month"], bool(entry.get("ambiguous")))
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    ordinal = (r"(?:(?:بیست|سی)\s*و\s*)?(?:یکم|اول|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم|دهم|یازدهم|دوازدهم|"
               r"سیزدهم|چهاردهم|پانزدهم|شانزدهم|هفدهم|هجدهم|هیجدهم|نوزدهم|بیستم|سی\u200c?ام)")
    day = rf"(?P<day>[0-9۰-۹]{{1,2}}|{ordinal})"
    year = r"(?P<year>[0-9۰-۹]{4})"
    day_month = re.compile(rf"(?<![\w]){day}\s*(?:ماه\s*)?(?P<month>{alt})(?![\w])(?:\s*(?:ماه\s*)?(?:سال\s*)?{year})?")
    month_year = re.compile(rf"(?<![\w])(?P<month>{alt})\s*(?:ماه\s*)?(?:سال\s*)?{year}(?![\w])")
    year_only = re.compile(rf"(?<![\w])سال\s*{year}(?![\w])")
    return names, parse_number, day_month, month_year, year_only


def calendar_days(sentence: str) -> FrozenSet[Tuple[str, int, int]]:
    """Days named with a month name and no year: ``(calendar, month, day)``. A month name
    that is also an everyday word («تیر», «مهر», «دی») counts only after a digit."""
    names, parse_number, day_month, _, _ = _date_patterns()
    text = sentence.replace("ي", "ی").replace("ك", "ک")
    out = set()
    for m in day_month.finditer(text):
        if m.group("year"):
            continue
        cal, month, ambiguous = names[m.group("month")]
        raw = m.group("day")
        if ambiguous and not raw.translate(_DIGITS).isdigit():
            continue
        value = parse_number(raw)
        if value is not None and 1 <= value <= 31:
            out.add((cal, month, value))
    return frozenset(out)


def years_named(sentence: str) -> FrozenSet[int]:
    """Gregorian years a sentence places something in («سپتامبر ۲۰۱۸», «۱۵ خرداد ۱۳۹۷», «سال ۲۰۱۱»);
    a Jalali year is given as the Gregorian year its March falls in."""
    names, _, day_month, month_year, year_only = _date_patterns()
    text = sentence.replace("ي", "ی").replace("ك", "ک")
    out: Set[int] = set()
    for pattern in (day_month, month_year, year_only):
        for m in pattern.finditer(text):
            raw = m.group("year")
            if not raw:
                continue
            y = int(raw.translate(_DIGITS))
            if 1300 <= y <= 1500:
                y += 621
            if 1900 <= y <= 2100:
                out.add(y)
    return frozenset(out)


@functools.lru_cache(maxsize=50_000)
def day_key_of(ordinal: int) -> FrozenSet[Tuple[str, int, int]]:
    """The year-less keys of a day (Gregorian ordinal) in both calendars."""
    import datetime

    import jdatetime

    g = datetime.date.fromordinal(ordinal)
    try:
        j = jdatetime.date.fromgregorian(date=g)
    except ValueError:            # before the Jalali era
        return frozenset({("gregorian", g.month, g.day)})
    return frozenset({("gregorian", g.month, g.day), ("jalali", j.month, j.day)})


def _near(x: Tuple[str, int, int], y: Tuple[str, int, int]) -> bool:
    """Two year-less days of one calendar that may be the same day (±1, across a month end)."""
    if x[0] != y[0]:
        return False
    if x[1] == y[1]:
        return abs(x[2] - y[2]) <= 1
    first, second = (x, y) if (x[1] % 12) + 1 == y[1] else (y, x) if (y[1] % 12) + 1 == x[1] else (None, None)
    return first is not None and first[2] >= 28 and second[2] == 1


def days_compatible(a: FrozenSet[Tuple[str, int, int]], b: FrozenSet[Tuple[str, int, int]]) -> Optional[bool]:
    """``True`` when the two sets name a common day (±1), ``False`` when both name days
    of one calendar and none can be the same, ``None`` when they cannot be compared
    (one set empty, or only different calendars: a year-less «۵ مارس» is not a known
    Jalali day)."""
    if not a or not b:
        return None
    if any(_near(x, y) for x in a for y in b):
        return True
    if {x[0] for x in a} & {y[0] for y in b}:
        return False
    return None


def is_generic(sentence: str, trigger_start: int, trigger_end: int) -> bool:
    """A general or habitual statement: a habitual adverb («همواره», «معمولاً», «بارها»,
    «هر بار») in the clause of the trigger (the sentence up to 60 characters after it)."""
    if not sentence or trigger_start < 0:
        return False
    clause = sentence[:min(len(sentence), trigger_end + 60)].replace("ي", "ی").replace("\u200c", " ")
    for cue in _HABITUAL:
        i = clause.find(cue)
        while i >= 0:
            before = clause[i - 1] if i > 0 else " "
            after = clause[i + len(cue)] if i + len(cue) < len(clause) else " "
            if not before.isalnum() and not after.isalnum():
                return True
            i = clause.find(cue, i + 1)
    return False
