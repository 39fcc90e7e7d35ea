"""Topics: the cooperation areas and subjects a text names for an event.

A cue (همکاری در زمینه X، درباره X، در موضوعات مختلفی از جمله X، Y و Z، بر X
تاکید کرد …, see ``resources/events/topics.json``) opens a phrase that runs to the
next verb, preposition or punctuation that ends it; lists are split on «،» and «و»
(keeping fixed phrases such as «حمل و نقل» whole, and keeping a list of bare
adjectives «همکاری‌های تجاری، اقتصادی و فناوری» as one topic). Each topic gets a
category from DESIGN.md's taxonomy through the keyword lexicon.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import regex

from ..document import Document
from .lexicon import Lexicon

__all__ = ["topic_spans"]

_END = regex.compile(r"[.:؛!?؟«»()\[\]\n\"/|]")
_TOPIC_NOUN = regex.compile(r"(?:موضوع|مسائل|مساله|مسئله|حوزه|زمینه|همکاری|محور|مباحث|عرصه|بخش|ابعاد|مورد گفت|تصمیم|اقدام|توافق)")
_MAX_TOKENS = 9
_VERBISH = {"هستیم", "هستند", "است", "بود", "باشد", "باشند", "شود", "شوند", "دارد", "دارند", "داریم", "برده", "کرده",
            "شده", "داده", "گرفته", "نمود", "نمودند", "بودند", "گردد", "یابد", "ندارد", "نیست"}
_ITEM_TAIL = regex.compile(r"\s(?:بین|میان|با)(?:\s|$)|\s(?:به|در|از|برای)$")
_LV_NOUNS = {"اعلام", "تبادل", "حضور"}
_WITH_OK = {"مقابله", "مبارزه", "همکاری", "تعامل", "همراهی", "برخورد", "رویارویی", "ارتباط"}


def topic_spans(doc: Document, lex: Lexicon, a: int, b: int) -> List[Tuple[int, int, str]]:
    """Topic phrases in normalized ``[a, b)``: ``(start, end, category)``, deduplicated, in order."""
    norm = doc.norm
    text = norm[a:b]
    found: List[Tuple[int, int]] = []
    for cue in lex.topic_cues:
        for m in cue.finditer(text):
            start = m.end()
            if cue.pattern.startswith("(?:از جمله") and not _TOPIC_NOUN.search(text[max(0, m.start() - 50):m.start()]):
                continue  # «از جمله X» lists topics only after a topic noun
            if start >= len(text):
                continue
            phrase_end = _phrase_end(text, start, lex)
            if phrase_end <= start:
                continue
            for s, e in _split(text, start, phrase_end, lex):
                found.append((a + s, a + e))
    if lex.topic_object is not None:
        # «دو طرف در این تماس تلفنی آخرین تحولات ادلب و … را بررسی کردند»
        for m in lex.topic_object.finditer(text):
            s0, e0 = m.span("np")
            inner = list(regex.finditer(r"(?:تلفنی|دیدار|نشست|ملاقات|گفت\u200cوگو|گفتگو|جلسه|مذاکرات|طرفین|طرف)\s+", text[s0:e0]))
            if inner:
                s0 += inner[-1].end()
            for s, e in _split(text, s0, e0, lex, generic=True):
                found.append((a + s, a + e))
    if lex.topic_emphasis is not None:
        # «بر حمایت کشورش از عضویت آلبانی در اتحادیه اروپا و اصلاحات قضایی تاکید کرد»
        for m in lex.topic_emphasis.finditer(text):
            s0, e0 = m.span("np")
            if lex.topic_stance is not None:
                st = lex.topic_stance.match(text, s0, e0)
                if st:
                    s0 = st.end()
                    from .countries import countries_in
                    hit = countries_in(text[s0:min(e0, s0 + 30)])
                    if hit and hit[0][0] == 0:
                        continue  # «حمایت کشورش از ایتالیا …»: support for a party, not a subject
            for s, e in _split(text, s0, e0, lex):
                found.append((a + s, a + e))
    out: List[Tuple[int, int, str]] = []
    found = [_strip_generic(norm, s, e, lex) for s, e in found]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    for s, e in found:
        if any(s >= x0 and e <= x1 for x0, x1, _ in out):
            continue
        out = [x for x in out if not (s <= x[0] and x[1] <= e)]
        phrase = norm[s:e]
        if _is_filler(phrase, lex):
            continue
        words = set(phrase.replace("\u200c", " ").split())
        if any(_near(words, set(norm[x0:x1].replace("\u200c", " ").split())) for x0, x1, _ in out):
            continue  # «تحولات ادلب» after «تحولات استان ادلب»
        out.append((s, e, lex.category(phrase)))
    out.sort()
    return out


_EVENT_WORDS = {"دیدار", "ملاقات", "سفر", "تماس", "گفت\u200cوگو", "گفتگو", "نشست", "جلسه", "مذاکره", "رایزنی", "اینکه", "آیا",
                "دیداری", "سفری", "تماسی"}


def _near(a: set, b: set) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.8


def _strip_generic(norm: str, s: int, e: int, lex: Lexicon) -> Tuple[int, int]:
    """«مسائل مربوط به اجرای پروتکل» → «اجرای پروتکل» (a generic head before the subject)."""
    for head in lex.topic_generic_heads:
        if norm.startswith(head + " ", s) and len(norm[s + len(head) + 1:e].split()) >= 2:
            return s + len(head) + 1, e
    return s, e


def _phrase_end(text: str, start: int, lex: Lexicon) -> int:
    end_m = _END.search(text, start)
    limit = end_m.start() if end_m else len(text)
    pos = start
    count = 0
    last_good = start
    prev_word = ""
    for tm in regex.finditer(r"[^\s،,]+|،|,", text[start:limit]):
        w = tm.group()
        abs_s = start + tm.start()
        if w in ("،", ","):
            pos = start + tm.end()
            continue
        if w in ("همچنین", "نیز", "نیز،") and text[max(start, abs_s - 3):abs_s].strip() in ("و", "،"):
            continue
        nxt = text[start + tm.end():start + tm.end() + 6].lstrip()
        if w == "تبادل" and nxt.startswith("نظر"):
            break
        if w == "با" and (not prev_word or prev_word not in _WITH_OK):
            break
        prev_word = w
        if w in _LV_NOUNS and not regex.match(r"(?:کرد|کردند|کرده|داشت|داشتند|نمود|نمودند|شد|شدند|کند|کنند|دارد|دارند|"
                                              r"ن?می\u200c|خواهد|خواهند|نظر)", nxt):
            # «اعلام آتش‌بس» is a topic, «اعلام کرد» a verb
            count += 1
            last_good = start + tm.end()
            continue
        if w in lex.topic_stop and not _in_keep(text, abs_s, lex):
            # «و» and «،» continue a list; other stop words end the phrase
            break
        if w.startswith("می\u200c") or w in lex.past_verbs or w.endswith("\u200cاند") or w in _VERBISH:
            break

        count += 1
        if count > 3 * _MAX_TOKENS:
            break
        last_good = start + tm.end()
        pos = last_good
    del pos
    return last_good


def _in_keep(text: str, pos: int, lex: Lexicon) -> bool:
    for k in lex.topic_keep:
        i = text.rfind(k, max(0, pos - len(k)), pos + len(k))
        if i != -1 and i <= pos < i + len(k):
            return True
    return False


def _split(text: str, s: int, e: int, lex: Lexicon, generic: bool = False) -> List[Tuple[int, int]]:
    """Split a list phrase on «،» and « و » into items (not inside fixed phrases)."""
    cuts: List[Tuple[int, int]] = []
    for m in regex.finditer(r"\s*،\s*|\s+و\s+|\s*,\s*", text[s:e]):
        cs, ce = s + m.start(), s + m.end()
        if "و" in m.group() and _in_keep(text, cs + m.group().index("و"), lex):
            continue
        cuts.append((cs, ce))
    items: List[Tuple[int, int]] = []
    prev = s
    for cs, ce in cuts:
        items.append((prev, cs))
        prev = ce
    items.append((prev, e))
    # «اصلاحات قضایی و انتخاباتی در آلبانی»: an adjective after «و» modifies the noun before
    merged: List[Tuple[int, int]] = []
    for i, (x, y) in enumerate(items):
        if merged and i > 0 and "و" in text[merged[-1][1]:x]:
            pw = text[merged[-1][0]:merged[-1][1]].split()
            first = text[x:y].split()[0] if text[x:y].split() else ""
            if len(pw) >= 2 and _adjectival(pw[-1]) and _adjectival(first) and first not in _NOUNS_IN_I:
                merged[-1] = (merged[-1][0], y)
                continue
        merged.append((x, y))
    items = merged
    items = [(x, y) for x, y in items if y > x]
    if len(items) <= 1:
        return _trim(text, items, lex)
    # a list of bare adjectives after a noun («همکاری‌های تجاری، اقتصادی و فناوری») stays whole
    words = [text[x:y].split() for x, y in items]
    if all(len(w) == 1 for w in words[1:]) and all(_adjectival(w[0]) for w in words[1:] if w):
        return _trim(text, [(s, e)], lex)
    # «موضوعات فرهنگی مانند تبادل گردشگر»: an example list inside an item is its own topic
    return _trim(text, items, lex)


_NOUNS_IN_I = {"همکاری", "همکاری\u200cهای", "آزادی", "امنیتی\u200cها", "برقی\u200cسازی", "خودکفایی", "آمادگی", "زندگی",
               "سازی", "بازی", "کشاورزی", "گردشگری", "فناوری", "ترابری", "آبیاری", "سرمایه\u200cگذاری", "قانونگذاری"}


def _adjectival(word: str) -> bool:
    return word.endswith("ی") or word.endswith("\u200cای") or word in ("فناوری", "فنآوری", "فن\u200cآوری")


def _trim(text: str, items: List[Tuple[int, int]], lex: Optional[Lexicon] = None) -> List[Tuple[int, int]]:
    out = []
    for x, y in items:
        seg = text[x:y]
        # drop a leading «مانند/از جمله/نظیر …» inside an item: keep what follows as a topic too
        m = regex.search(r"\s(?:مانند|از جمله|همچون|نظیر|چون)\s", seg)
        if m:
            out.append((x, x + m.start()))
            out.append((x + m.end(), y))
            continue
        out.append((x, y))
    cut = []
    if lex is not None:
        out = [_strip_generic(text, x, y, lex) for x, y in out]
    for x, y in out:
        t = _ITEM_TAIL.search(text[x:y])
        if t and regex.search(r"(?:^|\s)(?:مقابله|مبارزه|همکاری|تعامل|ارتباط)$", text[x:x + t.start()]) and "با" in t.group():
            t = _ITEM_TAIL.search(text[x:y], t.end())
        if t:
            y = x + t.start()
        cut.append((x, y))
    res = []
    for x, y in cut:
        lead = regex.match(r"(?:(?:و|همچنین|نیز|سپس|هم|به ویژه|بویژه|خصوصا|خصوصاً|درباره|دربارهٔ|در باره|ضمن|در مجموع|در|از|با|به|برای)\s+)+", text[x:y])
        if lead:
            x += lead.end()
        while x < y and text[x] in " \u200c،":
            x += 1
        while y > x and text[y - 1] in " \u200c،":
            y -= 1
        while regex.search(r"\s(?:و|یا|که|را)$", text[x:y]):
            y = x + regex.search(r"\s(?:و|یا|که|را)$", text[x:y]).start()
        if len(text[x:y].split()) > _MAX_TOKENS:
            # a long item: keep its head and first modifiers, up to the first preposition after three words
            words = list(regex.finditer(r"\S+", text[x:y]))
            for w in words[3:]:
                if w.group() in ("به", "در", "از", "برای", "با", "که", "تا"):
                    y = x + w.start() - 1
                    break
        if y - x >= 3 and len(text[x:y].split()) <= _MAX_TOKENS:
            res.append((x, y))
    return res


def _is_filler(phrase: str, lex: Lexicon) -> bool:
    p = phrase.strip()
    if p in lex.topic_filler:
        return True
    words = p.split()
    if len(words) == 1 and len(p) <= 3:
        return True
    if len(words) == 1 and words[0].endswith("\u200cای"):
        return True  # a bare indefinite adjective («گسترده‌ای»)
    if words and words[0] in ("این", "آن", "همین", "چنین", "خود", "یکدیگر", "دو", "طرفین", "مختلف", "مختلفی", "گوناگون", "برخی",
                              "زیادی", "فراوان", "فراوانی", "جدی", "همه", "تمام", "تمامی", "کلیه", "سایر", "دیگر"):
        return True
    if words and words[0] in _EVENT_WORDS:
        return True  # «سفر روحانی»، «تماس تلفنی وزیر»: the event itself, not its subject
    from .countries import countries_in
    rest = " ".join(w for w in words if w not in ("و", "در", "به", "از"))
    hits = countries_in(rest)
    if hits and sum(e - s for s, e, _, _ in hits) >= len(rest.replace(" ", "")) - 1:
        return True  # a bare place name is not a topic
    if regex.search(r"^(?:مسائل|موضوعات|موارد)\s+(?:مورد|مختلف)", p):
        return True
    if regex.search(r"(?:این|همین) (?:خصوص|زمینه|باره|راستا)", p):
        return True
    if regex.search(r"(?:کشورش|کشورشان|خود|خویش|وی|ایشان)$", p) or regex.search(r"\s(?:کشورش|خود)\s", p):
        return True  # «حمایت کشورش از …»: a stance, not a subject of talks
    return False
