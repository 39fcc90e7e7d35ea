"""Status (occurred / planned / proposed) from tense and modality.

* **proposed**: a proposal cue governs the trigger (پیشنهاد … برای برگزاری جلسه،
  پیشنهاد کرد: کارگروهی … تشکیل شود، خواستار برگزاری …);
* **planned**: a future cue (خواهد کرد، قرار است، فردا، هفته آینده) or a present
  verb (عازم الجزایر می‌شود، … به بحث می‌پردازد) closes the trigger's clause;
* **occurred**: a past verb closes the clause (دیدار کرد، امضا شد، … گفت);
* ``None`` when the mention has no verb of its own (a headline noun phrase); the
  merged event then takes its status from its other mentions.
"""

from __future__ import annotations

import functools
from typing import Dict, List, Optional, Set

from ..document import Document
from . import gates
from .index import WINDOW, stop_at, tokens_from
from .lexicon import Lexicon
from .triggers import Mention
from .. import _rxcache as rxcache

__all__ = ["status_of", "is_background"]

_CLAUSE_END = rxcache.compile(r"[.:؛!?؟|\n]|\s/\s")
_CLAUSE_END_CHARS = ".:؛!?؟|\n"  # (the same stops, for index.stop_at)
_SUBJUNCTIVE = {"کند", "کنند", "شود", "شوند", "باشد", "باشند", "دهد", "دهند", "نماید", "نمایند", "گیرد", "گیرند",
                "رسد", "رسند", "یابد", "یابند", "پردازد", "پردازند", "دارد", "دارند"}
_MODALS = ("می\u200cتوان", "می\u200cبای", "نمی\u200cتوان")
_LETTERS2 = rxcache.compile(r"^\p{L}{2,}$")
_RECENT_AFTER = rxcache.compile(r"(?:\u200c?(?:ها|های)|ی)?\s+اخیر(?![\p{L}])")
_RECENT_BEFORE = rxcache.compile(r"(?<![\p{L}\u200c])(?:آخرین|اخیر)\s*$")
_STOP = rxcache.compile(r"[.؛]")
_PROPOSED_BY = rxcache.compile(r"پیشنهاد (?:کرد|کردند|داد|دادند|می\u200c?کنم|می\u200c?کنیم|می\u200c?کند)(?: که)?\s*[:،]?\s*")
_SUBJUNCTIVE_AFTER = rxcache.compile(r"(?:شود|شوند|گردد|گیرد|باشد|کنند|کند|یابد|یابیم|دهند|بپردازند|برسد)(?:\s|$|[.،؛])")
_TAIL_END = rxcache.compile(r"[.:؛]")
_DURING = rxcache.compile(r"(?:در|طی|ضمن)\s*$")
_FUTURE_WORD = rxcache.compile(r"(?:فردا|آینده|آتی|قرار است)")
_TIME_PREP = rxcache.compile(r"(?:در|طی|ضمن|هنگام|پس از|پیش از|قبل از|بعد از)\s*$")
_HELD_PRESENT = rxcache.compile(r"(?:صورت|انجام|برگزار)\s+(?:ن?می[\u200c ]?)(?:گیرد|شود|گردد)")
_WISH = rxcache.compile(r"(?:خواستار|درخواست|پیشنهاد|دعوت|تمایل|آمادگی|آماده|امیدوار|مایل)")
_NOW = rxcache.compile(r"(?:هم[\u200c ]?اکنون|در حال)")
_CANCEL = rxcache.compile(r"(?:لغو|تعویق|انصراف)")
_WHILE_HELD = rxcache.compile(r"(?:در حالی|در شرایطی) (?:صورت|انجام|برگزار)")


@functools.lru_cache(maxsize=1)
def _past_forms() -> Set[str]:
    """Past-tense forms from hazm's verb list (stem, stem+ند, stem+ه/stem+ه‌اند)."""
    forms: Set[str] = set()
    try:
        from ..zwnj import hazm_data_path
        path = hazm_data_path("verbs.dat")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                past = line.strip().split("#")[0].strip()
                if len(past) >= 2:
                    forms.update({past, past + "ند"})
    except Exception:  # noqa: BLE001 - hazm data missing: the curated list still works
        pass
    return forms


def _word_kind(w: str, lex: Lexicon, past: Set[str]) -> Optional[str]:
    """The verb kind one word gives on its own (no «می» before it), else ``None``."""
    if w in lex.future_markers:
        return "future"
    if w in _SUBJUNCTIVE and w not in ("دارد", "دارند"):
        return "subjunctive"
    if w.startswith("ب") and len(w) > 3 and w[1:] in _SUBJUNCTIVE:
        return "subjunctive"
    if w.startswith(_MODALS):
        return "modal"
    if lex.present_prefix.match(w) and "\u200c" in w[:4]:
        return "present"
    if w in lex.past_verbs:
        return "past"
    if w in past and w not in _NOUNLIKE:
        return "past"
    return None


#: id of a lexicon → (the lexicon, the past forms, word → :func:`_word_kind` or ``None``): the
#: kinds of the words seen in earlier documents (a word's kind depends on the word alone)
_KINDS: Dict[int, tuple] = {}
#: words kept per lexicon before the table starts again (a few MB at most)
_KINDS_MAX = 50_000


def _kinds_of(lex: Lexicon, past: Set[str]) -> Dict[str, Optional[str]]:
    hit = _KINDS.get(id(lex))
    if hit is None or hit[0] is not lex or hit[1] is not past or len(hit[2]) > _KINDS_MAX:
        hit = _KINDS[id(lex)] = (lex, past, {})
    return hit[2]


class _VerbTable:
    """Per document: the verb kinds of its tokens, read as the searches reach them, so that
    finding a clause's first verb reads each token once per document at most rather than up
    to :data:`_VERB_SEARCH_TOKENS` tokens per mention (and a document with one mention does
    not read all of its tokens).

    ``alone(i)``: the kind token ``i`` gives when the search starts at it; ``inside(i)``: the
    kind when the search reaches it from the token before (a word after «می» written apart is
    a present verb).
    """

    __slots__ = ("tokens", "lex", "n", "_kinds", "_past", "_alone")

    def __init__(self, doc: Document, lex: Lexicon):
        past = _past_forms()
        self.tokens, self.lex, self.n = doc.tokens, lex, len(doc.tokens)
        self._past = past
        self._kinds = _kinds_of(lex, past)
        self._alone: Dict[int, Optional[str]] = {}

    def alone(self, i: int) -> Optional[str]:
        kind = self._alone.get(i, _MISSING)
        if kind is _MISSING:
            w = self.tokens[i].norm
            kinds = self._kinds
            kind = kinds.get(w, _MISSING)
            if kind is _MISSING:
                kind = kinds[w] = None if w in ("می", "نمی") else _word_kind(w, self.lex, self._past)
            self._alone[i] = kind
        return kind  # type: ignore[return-value]

    def inside(self, i: int) -> Optional[str]:
        if i > 0 and self.tokens[i - 1].norm in ("می", "نمی") and _LETTERS2.match(self.tokens[i].norm):
            return "present"
        return self.alone(i)

    def first_verb(self, first: int, end: int) -> Optional[str]:
        n, tokens = self.n, self.tokens
        if first >= n or tokens[first].nstart >= end:
            return None
        kind = self.alone(first)
        if kind is not None:
            return kind
        for j in range(first + 1, min(n, first + _VERB_SEARCH_TOKENS)):
            kind = self.inside(j)
            if kind is not None:
                return kind if tokens[j].nstart < end else None
        return None


_MISSING = object()


def _first_verb(doc: Document, lex: Lexicon, start: int, end: int) -> Optional[str]:
    """'past' / 'future' / 'present' for the first verb between normalized ``start`` and ``end``
    (within :data:`_VERB_SEARCH_TOKENS` tokens)."""
    table = doc.user_data.get("_events_verb_table")
    if table is None or table.tokens is not doc.tokens or table.lex is not lex or table.n != len(doc.tokens):
        table = _VerbTable(doc, lex)
        doc.user_data["_events_verb_table"] = table
    return table.first_verb(tokens_from(doc, start), end)


#: tokens after a position searched for its clause's first verb
_VERB_SEARCH_TOKENS = 80

_NOUNLIKE = {"برد", "کشت", "بست", "گشت", "دست", "شست", "خواست", "کاست", "نشست", "زیست", "سوخت", "ریخت", "دوخت",
             "کوفت", "رسته", "بسته", "خسته", "دسته", "رشته", "نوشته", "گذشته", "آینده", "شده", "خواسته", "دیده"}


def status_of(doc: Document, m: Mention, lex: Lexicon) -> Optional[str]:
    """Status of one mention (``None`` when its clause gives no tense)."""
    if m.type == "proposal":
        return "proposed"
    gate = gates.of(doc)
    sent = doc.sentences[m.sent]
    lo, hi = max(sent.nstart, m.start - WINDOW), min(sent.nend, m.end + WINDOW)
    text = doc.norm[lo:hi]
    s, e = m.start - lo, m.end - lo
    before = text[:s]
    # the clause before the trigger (a quote «…: X» starts a new clause)
    clause_start = max(before.rfind(":"), before.rfind("؛"))
    clause_before = before[clause_start + 1:] if clause_start >= 0 else before
    if m.type == "proposal":
        return "proposed"
    if _RECENT_AFTER.match(doc.norm[m.head_end:m.head_end + 12]) \
            or _RECENT_BEFORE.search(before[-12:]):
        return "occurred"  # «دیدار اخیر»، «سفر اخیر»: a recent meeting is past, whatever verb follows
    for pat in () if gate.shut(lex.proposed_before) else lex.proposed_before:
        for cm in gate.finditer(pat, before):
            # the cue governs the trigger if nothing but a short NP lies between
            gap = before[cm.end():]
            if len(gap) <= 70 and not _STOP.search(gap):
                return "proposed"
    if gate.search(_PROPOSED_BY, before) \
            and _SUBJUNCTIVE_AFTER.search(text[e:]):
        return "proposed"
    after = text[e:]
    tail = after[:stop_at(after, 0, ".:؛", slash=False)]  # = _TAIL_END.split(after, maxsplit=1)[0]
    for pat in () if gate.shut(lex.proposed_after) else lex.proposed_after:
        pm = gate.search(pat, tail[:90])
        if pm:
            return "proposed"
    clause_after = after[:stop_at(after, 0, _CLAUSE_END_CHARS)]  # = _CLAUSE_END.search(after)
    # the trigger's own light verb decides first
    trig = text[s:e]
    if m.verbal or m.head.type == "visit" and (" شد" in trig or "شو" in trig):
        kind = _first_verb(doc, lex, m.head_end, m.end)
        if kind is None:
            kind = _first_verb(doc, lex, m.start, m.end)
        if kind is not None:
            return _kind_to_status(kind, before, clause_after, lex, gate=gate) or _fallback_status(before, lex, gate)
    kind = _first_verb(doc, lex, m.end, m.end + len(clause_after))
    # «در سفری به سوریه … می‌پردازد»، «در سفر خود به X»: the trip is under way
    ongoing = m.type == "visit" and bool(_DURING.search(before)) and not _FUTURE_WORD.search(clause_before)
    if kind is None:
        # verb-final clause where the trigger sits in a prepositional phrase after the verb is rare;
        # a nominal mention without verb (headline) stays undecided
        for pat in () if gate.shut(lex.planned_before) else lex.planned_before:
            if gate.search(pat, clause_before):
                return "planned"
        return None
    if kind == "present" and not m.verbal and not _TIME_PREP.search(before) \
            and (gate.shut(lex.planned_before) or not any(gate.search(p, clause_before) for p in lex.planned_before)) \
            and not _HELD_PRESENT.search(clause_after):
        # «سفر X به Y … نشان می‌دهد»: the noun is the subject of another verb; its tense says nothing
        return None
    return _kind_to_status(kind, clause_before, clause_after, lex, ongoing, gate)


def _kind_to_status(kind: str, before: str, after: str, lex: Lexicon, ongoing: bool = False,
                    gate: "Optional[gates.Gate]" = None) -> Optional[str]:
    gate = gate or gates
    if kind == "future":
        return "planned"
    if kind == "modal":
        return None
    if kind == "subjunctive":
        for pat in lex.planned_before:
            if gate.search(pat, before):
                return "planned"
        if _WISH.search(before):
            return "proposed"
        return "hypothetical"
    if kind == "present" and ongoing:
        return "occurred"
    if kind == "present":
        if _NOW.search(before):
            return "occurred"
        return "planned"
    for pat in lex.planned_before:
        if gate.search(pat, before):
            # «قرار است فردا دیدار کند» is planned, but «قرار شد» + past tense is an agreement that occurred
            return "planned"
    return "occurred"


def _fallback_status(before: str, lex: Lexicon, gate: "Optional[gates.Gate]" = None) -> Optional[str]:
    gate = gate or gates
    for pat in lex.planned_before:
        if gate.search(pat, before):
            return "planned"
    return None


def is_background(doc: Document, m: Mention, lex: Lexicon) -> bool:
    """True when the mention reports a pre-existing fact (an existing agreement) or a cancelled event."""
    gate = gates.of(doc)
    sent = doc.sentences[m.sent]
    lo, hi = max(sent.nstart, m.start - WINDOW), min(sent.nend, m.end + WINDOW)
    text = doc.norm[lo:hi]
    s, e = m.start - lo, m.end - lo
    window = text[max(0, s - 40): min(len(text), e + 80)]
    local = text[max(0, s - 40): e]
    for pat in () if gate.shut(lex.background) else lex.background:
        hit = gate.search(pat, window)
        if not hit:
            continue
        if pat.pattern.startswith("(?:لغو"):
            # only a cancellation of THIS event
            if not _CANCEL.search(text[max(0, s - 20): min(len(text), e + 30)]):
                continue
        if pat.pattern.startswith("(?:در حالی"):
            if _WHILE_HELD.search(text[e: e + 60]):
                return True
            continue
        if m.type != "agreement" and "تفاهم" in hit.group() and hit.start() > (s - max(0, s - 40)):
            continue
        if m.type == "agreement" or hit.end() <= len(local) + 30:
            return True
    return False
