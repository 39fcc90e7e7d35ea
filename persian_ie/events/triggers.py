"""Trigger detection: where a sentence names a meeting, visit, call, agreement,
working group or proposal.

A :class:`Mention` is one trigger occurrence (normalized offsets) with its type.
Heads and light verbs come from ``resources/events/triggers.json``; weak heads
(گفت‌وگو، نشست، سفر، کارگروه، پیشنهاد …) are kept only with the evidence their
``needs`` names. Negative contexts (sports «دیدار», press conferences, interviews
with media) remove mentions.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from ..document import Document
from .index import WINDOW
from . import gates
from .lexicon import LB, RB, Head, Lexicon
from .. import _rxcache as rxcache
from .gates import rx as _rx

__all__ = ["Mention", "find_mentions", "ANAPHOR_RE"]

# «این دیدار»، «در این نشست»، «این تماس تلفنی»: a back-reference to an event already reported
ANAPHOR_RE = rxcache.compile(LB + r"(?:این|همین|آن)\s+(?:دیدار|ملاقات|نشست|جلسه|تماس(?: تلفنی)?|گفت[\s\u200c]?و[\s\u200c]?گو(?:ی تلفنی)?|گفتگو(?:ی تلفنی)?|"
                           r"سفر|بازدید|رایزنی|مذاکرات|مذاکره|تفاهم[\u200c]?نامه|توافق|کارگروه|گفت[\s\u200c]?و[\s\u200c]?گوی تلفنی)"
                           r"(?:\u200c?ها|\u200c?های)?" + RB)
_ANAPHOR_TYPE = {"دیدار": "meeting", "ملاقات": "meeting", "نشست": "meeting", "جلسه": "meeting", "تماس": "phone_call",
                 "گفت": "meeting", "گفتگو": "meeting", "سفر": "visit", "بازدید": "visit", "رایزنی": "meeting",
                 "مذاکرات": "meeting", "مذاکره": "meeting", "تفاهم": "agreement", "توافق": "agreement", "کارگروه": "working_group"}

_ROUNDUP = rxcache.compile(r"(?:مهم[\u200c ]?ترین|مهمترین) (?:خبر|اخبار|رویداد|تحولات)")
_WITH_RE = rxcache.compile(LB + r"(?:با|میان|بین)" + RB)
_FORMATION_RE = rxcache.compile(LB + r"(?:تشکیل|ایجاد|راه[\u200c ]?اندازی|تاسیس|تأسیس|برپایی|پیشنهاد)" + RB)
_SIGN_RE = rxcache.compile(LB + r"(?:امضا|امضاء|منعقد|مبادله|انعقاد|به امضا رسید|به امضای)" + RB)
_PROPOSAL_OBJ = rxcache.compile(r"^(?:\u200c?(?:ها|های|ی))?\s+(?:(?:خود|ایشان|وی|او)\s+)?(?:[^ .،:؛]+\s+){0,4}?(?:برای|مبنی بر|جهت)?\s*"
                              r"(?:برگزاری|ایجاد|تشکیل|راه[\u200c ]?اندازی|برپایی|امضای|انعقاد|تاسیس|تأسیس|همکاری|اجرای|ساخت|"
                              r"احداث|توسعه|افتتاح|اعزام|تبادل|استفاده)" + RB)
_PROPOSAL_VERB = rxcache.compile(r"^\s+(?:کرد|کردند|داد|دادند|می\u200c?کنم|می\u200c?کنیم|می\u200c?کند|کرده|کرده\u200cاند|کرده است)" + RB)


@dataclass
class Mention:
    """One trigger occurrence."""

    type: str
    start: int  # normalized offsets of the trigger (head + light verb)
    end: int
    sent: int
    head: Head
    head_end: int
    verbal: bool = False  # a light verb is part of the trigger
    anaphoric: bool = False
    title: bool = False
    status: Optional[str] = None
    participants: list = field(default_factory=list)
    location: Optional[Tuple[int, int]] = None
    date: object = None
    topics: list = field(default_factory=list)
    confidence: float = 0.5
    extra: dict = field(default_factory=dict)


_FROM = rxcache.compile(r"(?:ی)?\s+از\s")
#: no trigger (head + light verb) is longer than this, in characters
_LONGEST_TRIGGER = 200


class _Taken:
    """Spans already given to a mention in one sentence, for overlap tests by binary search."""

    def __init__(self) -> None:
        self.starts: List[int] = []
        self.spans: List[Tuple[int, int]] = []
        self.long: List[Tuple[int, int]] = []  # spans longer than _LONGEST_TRIGGER (rare)
        self.longest = 0  # the longest span of ``spans`` not in ``long``

    def add(self, s: int, e: int) -> None:
        k = bisect.bisect_right(self.starts, s)
        self.starts.insert(k, s)
        self.spans.insert(k, (s, e))
        if e - s > _LONGEST_TRIGGER:
            self.long.append((s, e))
        elif e - s > self.longest:
            self.longest = e - s

    def overlaps(self, s: int, e: int) -> bool:
        hi = bisect.bisect_left(self.starts, e)
        # a span starting before s - longest ends before s, unless it is a long one
        lo = bisect.bisect_left(self.starts, s - self.longest, 0, hi)
        if lo < hi and any(s < b for _, b in self.spans[lo:hi]):
            return True
        return bool(self.long) and any(a < e and s < b for a, b in self.long)


def _sent_text(doc: Document, i: int) -> Tuple[str, int]:
    s = doc.sentences[i]
    return doc.norm[s.nstart:s.nend], s.nstart


def _head_sentences(doc: Document, gate: "gates.Gate", heads: Sequence[Head]) -> Optional[List[Optional[set]]]:
    """Per head of ``heads``: the indexes of the sentences whose text holds one of the literals
    every match of its pattern holds (:func:`gates.required`: «(?:به صورت|…|در) تلفنی» is looked
    for as «تلفن», not «در»; ``None``: literals not known, every sentence), the only sentences
    where the head can match. Each literal is looked
    for in the whole text once and at most once more per sentence it is found in, not once per
    sentence. ``None`` when the sentences are not in order without overlaps."""
    sents = doc.sentences
    starts = [s.nstart for s in sents]
    ends = [s.nend for s in sents]
    if any(ends[i] > starts[i + 1] for i in range(len(sents) - 1)) or any(s > e for s, e in zip(starts, ends)):
        return None
    norm = doc.norm
    out: List[Optional[set]] = []
    found: dict = {}
    for head in heads:
        lits = gate.required(head.pattern)
        if lits is None or not all(lits):
            out.append(None)
            continue
        where: set = set()
        for lit in lits:
            hit = found.get(lit)
            if hit is None:
                hit = found[lit] = set()
                n = len(lit)
                p = norm.find(lit)
                while p >= 0:
                    k = bisect.bisect_right(starts, p) - 1
                    if k >= 0 and p + n <= ends[k]:
                        hit.add(k)
                        p = norm.find(lit, ends[k])  # (the next sentence starts there or later)
                    else:
                        p = norm.find(lit, p + 1)
            where |= hit
        out.append(where)
    return out


def _heads_by_sentence(head_sents: Optional[List[Optional[set]]], n_heads: int):
    """``None`` (every head for every sentence), or a function of a sentence index giving the
    heads to scan that sentence with, in lexicon order: ``[hi for hi in range(n_heads) if
    head_sents[hi] is None or si in head_sents[hi]]``, from an index of the sentences (most
    heads' words are absent from most sentences: not a walk over every head for every sentence)."""
    if head_sents is None:
        return None
    every = [hi for hi in range(n_heads) if head_sents[hi] is None]
    if len(every) == n_heads:
        return None
    by_sent: dict = {}
    for hi in range(n_heads):
        where = head_sents[hi]
        if where is not None:
            for si in where:
                by_sent.setdefault(si, []).append(hi)

    def visits(si: int) -> List[int]:
        some = by_sent.get(si)
        if some is None:
            return every
        return sorted(every + some) if every else some

    return visits


def find_mentions(doc: Document, lex: Lexicon, people_spans: Sequence[Tuple[int, int]] = ()) -> List[Mention]:
    """All trigger mentions of ``doc`` in reading order (after negative-context filtering).

    ``people_spans`` are normalized ranges of person units (used as counterpart evidence).
    """
    out: List[Mention] = []
    gate = gates.of(doc)
    sports = None  # (sports title?, token words, sports words in the article?): at a first trigger
    heads = lex.heads
    head_sents = _head_sentences(doc, gate, heads)
    visits = _heads_by_sentence(head_sents, len(heads))
    press = None  # the press phrases the document holds (sentence texts are slices of doc.norm): at a first trigger
    roundups = gate.sentences(_ROUNDUP, doc.sentences)
    anaphors = gate.sentences(ANAPHOR_RE, doc.sentences)
    for si in range(len(doc.sentences)):
        todo = range(len(heads)) if visits is None else visits(si)
        if not todo and anaphors is not None and si not in anaphors:
            continue  # (no head and no back-reference can match in it)
        text, base = _sent_text(doc, si)
        taken = _Taken()
        sent = doc.sentences[si]
        sporty = None  # (a sports sentence? asked at its first trigger)
        if (roundups is None or si in roundups) and _ROUNDUP.search(text):
            continue  # «…، از جمله مهم‌ترین خبرهای ۲۴ ساعت گذشته بوده‌اند»: a list of headlines
        for am in (ANAPHOR_RE.finditer(text) if anaphors is None or si in anaphors else ()):
            key = am.group().split()[1].split("\u200c")[0]
            typ = _ANAPHOR_TYPE.get(key, "meeting")
            if "تلفنی" in am.group():
                typ = "phone_call"
            taken.add(*am.span())
            out.append(Mention(typ, base + am.start(), base + am.end(), si, Head(typ, ANAPHOR_RE), base + am.end(),
                               anaphoric=True))
        for hi in todo:
            head = heads[hi]
            if head_sents is None:
                found = gate.finditer(head.pattern, text)  # (a head whose words the article lacks: no scan)
            elif head_sents[hi] is None or si in head_sents[hi]:
                found = head.pattern.finditer(text)  # (= gate.finditer: the sentence holds one of its words)
            else:
                continue
            for m in found:
                s, e = m.span()
                if taken.overlaps(s, e):
                    continue
                he = e
                verbal = False
                if head.light_verb is not None:
                    lv = head.light_verb.match(text, e)
                    if lv:
                        e = lv.end()
                        verbal = True
                if sports is None:
                    norms = [t.norm for t in doc.tokens]
                    sports = (_sports_title(doc, lex), norms, not lex.sports_strong.isdisjoint(norms))
                sports_doc, norms, sports_words = sports
                if sporty is None:
                    tokens = set(norms[sent.token_start:sent.token_end])
                    sporty = len(tokens & lex.sports_strong) >= 1 or len(tokens & lex.sports) >= 2 or sports_doc \
                        or bool(lex.sports_match is not None and lex.sports_match.search(text))
                if sporty and not _official_in_sports(head, text, s, he, base, people_spans, lex):
                    continue
                if sports_words and head.type == "meeting" and _match_with_country(text, s, he):
                    continue  # «پیش از دیدار با ایران» in a football report: a match
                if press is None:
                    press = [p for p in lex.press if p in doc.norm]
                if _press(text, s, e, lex, head.weak and head.needs == "counterpart", press):
                    continue
                pending = False
                if head.weak and not _evidence(head, text, s, he, e, verbal, base, people_spans, lex):
                    if not _held_without_parties(head, text, s, e):
                        continue
                    # «جلسه هماهنگی … برگزار شد.» then «در این جلسه که با حضور X … برگزار شد»: an event
                    # whose parties are named only in a follow-up sentence
                    pending = True
                typ = head.type
                if typ == "meeting" and _FROM.match(text, he) and text[s:he].startswith("دیدار"):
                    typ = "visit"  # «دیدار از واشنگتن»، «دیدار از نمایشگاه»
                taken.add(s, e)
                mention = Mention(typ, base + s, base + e, si, head, base + he, verbal=verbal)
                mention.extra["pending"] = pending
                out.append(mention)
    out.sort(key=lambda mm: (mm.start, mm.end))
    # drop a mention nested in another one (e.g. «پیشنهاد» inside a proposal phrase already typed)
    return out


def _official_in_sports(head: Head, text: str, s: int, he: int, base: int, people_spans, lex: Lexicon) -> bool:
    """In sports news a signing is still a signing («قراردادش را با فدراسیون به امضا رساند»), and
    «دیدار با» a person (not a team, not a match phrase) is still a meeting."""
    if head.type == "agreement":
        return True
    if head.type != "meeting" or not text[s:he].startswith(("دیدار", "ملاقات")):
        return False
    if lex.sports_match is not None and lex.sports_match.match(text, s):
        return False
    m = _rx(r"\s*(?:(?:ی|ای)\s+)?با\s+").match(text[he:he + WINDOW])
    if not m:
        return False
    start = he + m.end()
    rest = text[start:start + 30]
    if _rx(r"(?:تیم|باشگاه|حریف|کشتی|نماینده|ملی|منتخب)").match(rest) or _is_media(rest, lex):
        return False
    return any(start <= a - base <= start + 2 for a, b in people_spans)


def _match_with_country(text: str, s: int, he: int) -> bool:
    """«دیدار با ایران»: a meeting noun whose counterpart is a country itself (not an official
    of it); in an article with sports words, that is a match."""
    from .countries import countries_in
    if not text[s:he].startswith("دیدار"):
        return False
    m = _rx(r"(?:\u200c?(?:های|ها|ی)|\s+ای)?\s+با\s+(?:تیم\s+(?:ملی\s+)?)?").match(text[he:he + 30])
    if not m:
        return False
    start = he + m.end()
    word = _rx(r"[\p{L}\u200c]+(?:\s+[\p{L}\u200c]+)?").match(text[start:start + 30])
    if not word:
        return False
    hits = countries_in(word.group())
    return bool(hits) and hits[0][0] == 0 and hits[0][3] == "country"


def _sports_title(doc: Document, lex: Lexicon) -> bool:
    """A sports report: a sports headline, or sports words all over the first sentences."""
    if not doc.sentences:
        return False
    first = doc.sentences[0]
    toks = {t.norm for t in doc.tokens[first.token_start:first.token_end]}
    if len(toks & lex.sports_strong) >= 1 and len(toks & lex.sports) >= 2:
        return True
    head = doc.sentences[:4]
    words = {t.norm for s in head for t in doc.tokens[s.token_start:s.token_end]}
    return len(words & lex.sports) >= 4


_INTERVIEW = rxcache.compile(r"(?:می\u200c?خوانید|مصاحبه|گفت[\u200c ]?و[\u200c ]?گوی اختصاصی|گفتگوی اختصاصی|به گفت[\u200c ]?و[\u200c ]?گو (?:نشست|پرداخت))")


def _press(text: str, s: int, e: int, lex: Lexicon, weak: bool = False, press: Optional[Sequence[str]] = None) -> bool:
    """A press conference or interview, not a meeting. ``press``: the phrases of
    ``lex.press`` the document holds (the others cannot be in ``text``), when known."""
    phrases = lex.press if press is None else press
    if phrases:
        window = text[max(0, s - 5):min(len(text), e + 25)]
        for p in phrases:
            if p in window and (p.split()[0] in text[s:e] or text[s:e] in p):
                return True
    if weak and _interview(text):
        return True
    return False


@functools.lru_cache(maxsize=16)
def _interview(sentence: str) -> bool:
    """The sentence presents an interview (asked once per sentence, not once per trigger)."""
    return bool(_INTERVIEW.search(sentence))


def _counterpart_after(text: str, pos: int, base: int, people_spans, lex: Lexicon, window: int = 60,
                       allow_media: bool = False) -> bool:
    """«با/میان/بین X» right after ``pos`` where X is a person unit (not a medium)."""
    m = _rx(r"\s*(?:(?:ای|ی)\s+)?(?:[^ .،:؛]+\s+){0,3}?(?:با|میان|بین)\s+").match(text[pos:pos + WINDOW]) or \
        _rx(r"\s*(?:(?:ای|ی)\s+)?(?:[^ .،:؛]+\s+){0,5}?خود\s+با\s+").match(text[pos:pos + WINDOW])  # «جلسه روز سه‌شنبه گذشته خود با آبه»
    if not m:
        return False
    start = pos + m.end()
    rest = text[start:start + window]
    if not allow_media and _is_media(rest, lex):
        return False
    return any(start <= a - base <= start + 25 for a, b in people_spans) or _looks_like_party(rest)


def _held_without_parties(head, text: str, s: int, e: int) -> bool:
    """A session or signing reported as held/signed in its own clause («جلسه … برگزار شد»،
    «تفاهم‌نامه‌ای … امضا شد») though no party is named there."""
    if head.needs not in ("session", "signing"):
        return False
    before = text[max(0, s - WINDOW):s]
    if _rx(r"(?:این|همین|آن)\s*$").search(before):
        return False
    clause = _rx(r"[.:؛]").split(text[e:e + WINDOW], maxsplit=1)[0]
    if head.needs == "session":
        return bool(_rx(LB + r"(?:برگزار|تشکیل)\s+(?:شد|شده|گردید|می[\u200c ]?شود|خواهد شد)" + RB).search(clause))
    return False


def _party_in_clause(clause: str, offset: int, base: int, people_spans, lex: Lexicon) -> bool:
    """«با X» or «با حضور X» somewhere in ``clause`` (which starts at normalized ``offset``)
    where X is a person unit or a titled party, not a medium."""
    for m in _rx(LB + r"(?:با|میان|بین)\s+(?:حضور\s+)?").finditer(clause):
        rest = clause[m.end():m.end() + 60]
        if _is_media(rest, lex):
            continue
        pos = offset + m.end()
        if any(pos <= a <= pos + 25 for a, b in people_spans) or _looks_like_party(rest):
            return True
    return False


def _looks_like_party(rest: str) -> bool:
    return bool(_rx(r"(?:همتا|هیئت|هیات|هیأت|مقام|مقامات|سفیر|وزیر|رئیس|رییس|نخست|معاون|نماینده|امیر|پادشاه|"
                            r"شهردار|استاندار|دبیر|مدیر|فرمانده|رهبر|مسئولان|مسئولین|اعضای|سران)").match(rest))


def _is_media(rest: str, lex: Lexicon) -> bool:
    head = rest[:30].lstrip(" «\"'")
    for w in lex.media:
        if head.startswith(w) and (len(head) == len(w) or not head[len(w)].isalpha() or head[len(w)] == "\u200c"):
            return True
    return False


def _evidence(head: Head, text: str, s: int, he: int, e: int, verbal: bool, base: int, people_spans,
              lex: Lexicon) -> bool:
    needs = head.needs
    # the trigger's neighbourhood only: the work per trigger must not grow with the sentence
    cut = max(0, s - WINDOW)
    before = text[cut:s]
    after = text[e:e + WINDOW]
    if needs == "counterpart":  # گفت‌وگو، رایزنی، مذاکره
        if _rx(r"(?:در|طی)\s*$").search(before) and _counterpart_after(text, he, base, people_spans, lex):
            return True
        # «مذاکرات روسای جمهور چین و روسیه»: the talks' parties as a joint genitive
        if _rx(r"\s+(?:روسای|رؤسای|رئیسان|وزرای|وزیران|سران|رهبران|نمایندگان|هیئت[\u200c ]?های|هیات[\u200c ]?های)\s+"
                       r"(?:[^ .،:؛]+\s+){0,3}?[^ .،:؛]+\s+و\s+[^ .،:؛]+").match(text[he:he + 120]):
            return True
        if verbal:
            clause = before[max(0, len(before) - 120):]
            if _rx(LB + r"(?:با|میان|بین)\s+").search(clause) and not _is_media(clause.split("با")[-1].strip(), lex):
                # «با X گفت‌وگو کرد» — X not a medium
                tail = clause[clause.rfind("با") + 2:].strip()
                return not _is_media(tail, lex)
            return bool(_rx(r"(?:دو طرف|طرفین|دو کشور|دو وزیر|دو رئیس|دو مقام|سران|وزرای|رؤسای|روسای)").search(clause))
        return _counterpart_after(text, he, base, people_spans, lex)
    if needs == "session":  # نشست، جلسه
        if _rx(r"(?:این|همین|آن)\s*$").search(before):
            return False
        word = text[s:he]
        if "مشترک" in word or "دوجانبه" in word or "دو جانبه" in word:
            return True
        if _rx(r"(?:ی)?\s+(?:کمیسیون|کمیته|شورای|هیئت|هیات)(?:\s+[^ .،:؛]+){0,2}?\s+(?:مشترک|همکاری)").match(text[he:he + WINDOW]):
            return True  # «نشست کمیسیون مشترک ایران و …»
        if _counterpart_after(text, he, base, people_spans, lex, window=40):
            return True
        # «جلسه … با حضور X، Y و Z برگزار شد»، «جلسه بعدی خود را با X برگزار می‌کند»: the parties
        # anywhere in the clause of a session that is held
        clause = _rx(r"[.:؛]").split(after, maxsplit=1)[0]
        held = verbal or _rx(LB + r"(?:برگزار|تشکیل)" + RB).search(clause)
        if held and _party_in_clause(clause, e + base, base, people_spans, lex):
            return True
        # «X در نشستی در امان این مساله را به اطلاع Y رساند»: a meeting told through what was done
        # in it, with a person on each side of it in the clause
        if _rx(r"(?:در|طی)\s+$").search(before[-6:]) and _rx(r"(?:ی|\u200cای|ای)$").search(text[s:he]):
            clause_before = _rx(r"[.:؛]").split(before)[-1]
            lo, hi = s - len(clause_before), e + len(clause)
            return any(lo <= a - base < s for a, _ in people_spans) and any(e <= a - base < hi for a, _ in people_spans)
        return False
    if needs == "trip":  # سفر، عزیمت
        if _rx(r"(?:این|همین|آن)\s*$").search(before):
            return False
        if verbal:
            return True
        if _rx(r"(?:\u200c?(?:ها|های)|ی)?\s+(?:[^ .،:؛]+\s+){0,4}?(?:به|از)\s+").match(text[he:he + WINDOW]):
            return True
        # «سفر اخیر هو جین‌تائو رئیس جمهور چین به روسیه»: the traveller's name and title first
        g = _rx(r"(?:\s+(?:اخیر|رسمی|دوروزه|دو روزه|سه روزه|یک روزه|کاری))?\s+").match(text[he:he + WINDOW])
        first = _rx(r"[^ .،:؛]+\s+").match(text[he + g.end():he + WINDOW]) if g else None
        reach = he + g.end() + (first.end() if first and first.group().strip() not in ("به", "از", "و", "که", "را") else 1) if g else 0
        if g and any(he + g.end() <= a - base <= reach for a, b in people_spans) and \
                _rx(r"(?:[^.،:؛]+?\s+){1,9}?(?:به|از)\s+").match(text[he + g.end():he + WINDOW]):
            return True
        return bool(_rx(r"(?:به|از)\s+(?:[^ .،:؛]+\s+){0,3}?$").search(before)) and verbal
    if needs == "inspection":  # بازدید
        return verbal or bool(_rx(r"\s+(?:[^ .،:؛]+\s+){0,2}?از\s+").match(text[he:he + WINDOW]))
    if needs == "arrival":  # «وارد X شد»، «راهی X شد»، «به X رفت»
        place = text[s:e].split()[1] if len(text[s:e].split()) > 1 else ""
        from .countries import country_of_place
        return country_of_place(place) is not None or place in ("کشورمان", "پایتخت")
    if needs == "signing":  # bare تفاهم‌نامه/قرارداد: needs a signing verb in the clause
        clause = _rx(r"[.:؛]").split(after, maxsplit=1)[0][:120]
        return bool(_SIGN_RE.search(clause)) or bool(_rx(r"(?:امضا|امضای|انعقاد|مبادله)\s*$").search(before))
    if needs == "formation":  # کارگروه
        clause_before = _rx(r"[.:؛]").split(before)[-1]
        if _FORMATION_RE.search(clause_before[-40:]):
            return True
        if _rx(LB + r"پیشنهاد" + RB).search(before):
            return True
        return bool(_rx(r"\s*(?:[^ .،:؛]+\s+){0,6}?(?:تشکیل|ایجاد)\s+(?:شد|شود|می\u200c?شود|خواهد شد|گردید|شده)").match(after))
    if needs == "proposal":
        return bool(_PROPOSAL_OBJ.match(text[he:he + WINDOW])) or bool(_PROPOSAL_VERB.match(text[he:he + WINDOW]))
    if needs == "welcome":  # «X از Y استقبال کرد» where Y is a person (not «از این طرح»)
        if not verbal:
            return False
        clause = _rx(r"[.:؛،]").split(before)[-1]
        for m in _rx(LB + r"از\s+").finditer(clause):
            if len(clause[m.end():].split()) > 7:
                continue
            pos = s - len(clause) + m.end()
            if any(pos <= a - base <= pos + 2 for a, b in people_spans):
                return True
        return False
    if needs == "welcomed":  # «X مورد استقبال رسمی Y قرار گرفت»
        m = _rx(r"\s+(?:[^.،:؛]{1,60}?)\s+قرار\s+(?:گرفت|گرفتند|گرفته|ن?می[\u200c ]?گیرد|خواهد گرفت)" + RB).match(after)
        return bool(m) and any(e <= a - base <= e + 3 for a, b in people_spans)
    if needs == "audience":
        return True
    if needs == "hosting":
        return verbal
    return True
