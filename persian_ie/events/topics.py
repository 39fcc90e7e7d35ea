"""Topics: the subjects and cooperation areas a text names for its events.

A topic is a whole noun phrase of the text (an exact span: offsets index the caller's
string) with a category from DESIGN.md's taxonomy. Finding one takes three steps:

1. **Cues** (``resources/events/topics.json``) say where a subject is named. Some open
   a phrase to their right («درباره X»، «در زمینه X»، «در چارچوب X»، «با تأکید بر X»، «با
   تأکید بر اینکه X …»، «از جمله X»، «هدف از این دیدار را X»، and, in a sentence that names an
   event, «برای X» — not «برای X مهم است» — and the object of a contract «قرارداد X»; «اهداف سفر
   خود به ایران را X …»), some close one on their left («X را بررسی کردند/خواهد کرد»، «X مورد بحث
   قرار گرفت»، «X را ضروری دانست»، «X محور دیدار … بود»، «X از جمله موضوعات … بود»، «X در رأس
   گفت‌وگوها»), some enclose it («بر X تأکید کرد»، «به X پرداختند» — not «به X پرداخت شود», a
   payment —، «خواستار X شد»، «به X توافق کردند» — not «با X توافق کرد», a party —، «بر X متمرکز
   بود»; a closing «با توجه به …» is no part of X).
2. **Noun-phrase bounds.** From the cue the phrase runs over words until a verb,
   punctuation, a clause word (که، را، تا، باید), a date, a time phrase («در خلال …») or a word
   that starts talk about it (گفت‌وگو کردند، رایزنی، تبادل نظر); the word right before a light verb
   is the verb's own («… عنوان کرد»); «به ویژه» and «و نیز» go on with the list. A preposition
   continues the phrase only when the word before it (or the phrase's head: the first word that is
   no determiner, or the first word after a preposition) selects it — a table mined from unlabeled news
   (``resources/events/topic_np.json``, ``scripts/mine_topic_np.py``: «مقابله با»,
   «حمایت از», «کمک به», «پایبندی به») — or, for «در», when it adds a place or a domain
   and not the event itself («در این دیدار»); a place («در خاک لیبی») adds no depth. Leftward
   phrases stop at the sentence's subject (a person or title, «دو طرف» opening a clause), an event
   phrase («در این تماس تلفنی») or a clause word; a closing «در این استان» is left out.
3. **Lists** are split on «،» and «و» into separate topics, each item at most 14 words and a
   list at most 40 (fixed phrases such as «حمل و نقل» and relations between places or bodies,
   «همکاری ایران و یونسکو», stay whole; a head with a list of bare adjectives, «تحولات منطقه‌ای
   و بین‌المللی», stays one topic; parties after the last item, «… میان دو کشور», belong to the
   whole list); the cue word, the verb, generic heads («مسائل مربوط به») and leading
   connectives are left out; filler («مسائل مورد علاقه»), fragments, titles of people
   («وزیر خارجه ایران»), organizations alone, sums («۲۰۰ هزار دلار») and a lone word that names
   no known area («رقابت», but «کرونا» stays) are dropped.

:func:`assign_topics` gives each event the topics of its own clauses, of the sentences
that go on about it (a sentence whose subject is one of its participants, «طرفین …»,
«در این دیدار …», or — at most two sentences from one of its mentions — any cue sentence
before the next event) and of its headline. A list of adjectives under a cooperation head is split
into areas, each adjective's span read as the head plus that adjective («روابط اقتصادی و
تجاری» → «روابط اقتصادی»، «تجاری» = «روابط تجاری»: ``cluster.topic_labels``).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import regex

from .._resources import read_json, read_lines
from ..document import Document
from ..normalize import normalize
from .index import Near
from . import gates
from .lexicon import Lexicon
from .. import _rxcache as rxcache
from .gates import rx as _rx

__all__ = ["topic_spans", "assign_topics"]

Span3 = Tuple[int, int, str]

_TOKEN = rxcache.compile(r"[^\s،,؛:.!?؟«»()\[\]\"]+|[،,؛:.!?؟()\[\]]|[«»\"]")
_HARD_PUNCT = set(".:؛!?؟()[]")
_QUOTES = set("«»\"")
_MAX_WORDS = 14
#: words a whole list may have («مسائل امنیت منطقه، همکاری در بخش اقتصاد، تجارت، …»): each item
#: has at most _MAX_WORDS
_MAX_LIST_WORDS = 40
#: characters a phrase scan looks at (a phrase has at most _MAX_WORDS words): keeps the work per
#: cue bounded whatever the sentence length
_SCAN = 400


@dataclass
class _Grammar:
    after: List["regex.Pattern[str]"]
    purpose: List["regex.Pattern[str]"]
    before: List["regex.Pattern[str]"]
    enclosed: List["regex.Pattern[str]"]
    stop: Set[str]
    talk: Set[str]
    light: "regex.Pattern[str]"
    verb_prefix: "regex.Pattern[str]"
    verbs: Set[str]
    verb_suffixes: Tuple[str, ...]
    event_nouns: Set[str]
    subjects: Set[str]
    in_blockers: Set[str]
    lead_drop: "regex.Pattern[str]"
    binomials: frozenset
    sub_list: "regex.Pattern[str]"
    trailing_drop: "regex.Pattern[str]"
    keep: List[str]
    filler: Set[str]
    filler_re: List["regex.Pattern[str]"]
    generic_heads: List[str]
    select: Dict[str, Dict[str, float]]
    adjectives: Set[str]
    preverbal: Dict[str, float]
    incomplete: Set[str]
    generic: Set[str]
    free_preps: Set[str]


def _words(xs: Iterable[str]) -> Set[str]:
    return {normalize(x) for x in xs}


@functools.lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """The topic grammar, read once from ``topics.json`` and ``topic_np.json``."""
    top = read_json("events/topics.json")
    g = top["grammar"]
    try:
        np_data = read_json("events/topic_np.json")
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        np_data = {}
    mined = np_data.get("select", {})
    select = {normalize(w): dict(p) for w, p in mined.items()}
    for w, ps in g.get("select_extra", {}).items():
        select.setdefault(normalize(w), {}).update({p: 1.0 for p in ps})

    def comp(xs: Sequence[str]) -> List["regex.Pattern[str]"]:
        return [rxcache.compile(x) for x in xs]

    return _Grammar(
        after=comp(g["after"]), purpose=comp(g.get("purpose", [])), before=comp(g["before"]), enclosed=comp(g["enclosed"]),
        stop=_words(g["stop"]), talk=_words(g["talk"]), light=rxcache.compile(g["light_verb"]),
        verb_prefix=rxcache.compile(g["verb_prefix"]), verbs=_words(g["verbs"]),
        verb_suffixes=tuple(g["verb_suffixes"]), event_nouns=_words(g["event_nouns"]),
        subjects=_words(g["subjects"]), in_blockers=_words(g["in_blockers"]),
        lead_drop=rxcache.compile(g["lead_drop"]), sub_list=rxcache.compile(g["sub_list"]),
        binomials=frozenset(normalize(x) for x in np_data.get("binomials", [])),
        trailing_drop=rxcache.compile(g["trailing_drop"]), keep=[normalize(x) for x in top["keep_inside"]],
        filler=_words(top["filler"]), filler_re=comp(g["filler_re"]),
        generic_heads=[normalize(x) for x in top.get("generic_heads", [])], select=select,
        free_preps=_words(g["free_prepositions"]), adjectives=_words(np_data.get("adjectives", [])) | _words(g.get("adjectives", [])),
        preverbal={normalize(w): float(v) for w, v in dict(np_data.get("preverbal", {})).items()}, incomplete=_words(g.get("incomplete", [])),
        generic=_words(g.get("generic", [])),
    )


# -- words ---------------------------------------------------------------------------------------

def _is_verb(w: str, gr: _Grammar) -> bool:
    return (w in gr.verbs or bool(gr.verb_prefix.match(w)) or w in _verb_forms()
            or (len(w) > 4 and w.endswith(gr.verb_suffixes) and w[:-2] in gr.verbs)
)


_PERFECT_CLITICS = ("اند", "ایم", "اید", "ام", "است")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
_PRESENT_ENDINGS = ("م", "ی", "یم", "ید", "ند", "د")
#: present stems whose bare third person («کند», «شود», «یابد») is read as a verb; other stems + «د»
#: are too often nouns («رود», «برد»)
_LIGHT_PRESENT = {"کن", "شو", "باش", "ده", "گیر", "یاب", "دار", "رس", "آی", "گرد", "نما", "ساز", "خواه", "توان",
                  "زن", "آور", "گذار", "پذیر"}


@functools.lru_cache(maxsize=1)
def _verb_forms() -> frozenset:
    """Finite verb forms and participles built from hazm's verb stems (past#present), less the
    spellings hazm's lexicon also knows as nouns or adjectives («نشست», «داده», «بسته»).

    The stems come from hazm's ``verbs.dat`` and the tags from the lexicon the ZWNJ repairer
    already holds: importing hazm itself would cost seconds and tens of megabytes."""
    from ..zwnj import GluedWordRepairer, hazm_data_path

    try:
        lines = hazm_data_path("verbs.dat").read_text(encoding="utf-8").split("\n")
    except (RuntimeError, FileNotFoundError):  # pragma: no cover - hazm is a core dependency
        return frozenset()
    past, present = set(), set()
    for v in (line.strip() for line in lines):
        if not v:
            continue
        p, _, r = v.partition("#")
        if p:
            past.add(p)
        if r:
            present.add(r)
    forms = set()
    for p in past:
        for e in _PAST_ENDINGS:
            forms.update(("ن" + p + e, "می\u200c" + p + e, "نمی\u200c" + p + e))
            if e != "ی":
                forms.add(p + e)  # («رفتی» would also read «فرهنگی»-like nouns as verbs)
        forms.add(p + "ه")
        for clitic in _PERFECT_CLITICS:  # «داده‌اند»، «نکرده‌ایم»: a participle with its copula is a verb
            forms.update((p + "ه\u200c" + clitic, "ن" + p + "ه\u200c" + clitic))
    for r in present:
        for e in _PRESENT_ENDINGS:
            forms.update(("ب" + r + e, "می\u200c" + r + e, "نمی\u200c" + r + e))
            if r in _LIGHT_PRESENT:
                forms.update((r + e, "ن" + r + e))  # a bare present («کند», «نکند») only for light verbs
    words = GluedWordRepairer.default().words  # a form the lexicon tags as a noun/adjective is no verb
    nominal_tags = {tags for tags in set(words.values()) if {"N", "AJ"} & set(tags.split(","))}
    return frozenset(f for f in forms if words.get(f) not in nominal_tags)


def _tokens(text: str, a: int, b: int) -> List[Tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, a, b)]


def _inside(pos: int, spans) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (a sequence of ``(start, end)`` or a
    :class:`~persian_ie.events.index.Near` of them keyed by start)."""
    if isinstance(spans, Near):
        return any(x <= pos < y for x, y in spans.between(pos - _LONGEST_BLOCK, pos + 1))
    return any(x <= pos < y for x, y in spans)


_LONGEST_BLOCK = 300

#: words before an event noun that make it the event itself («در این دیدار»), not talk content
_EVENT_DETERMINERS = {"این", "آن", "همین", "همان", "در", "طی", "ضمن", "حاشیه", "جریان", "پایان", "دو", "یک"}

#: cooperation nouns that, with only generic words and the parties after them, name no subject
#: («همکاری میان دو طرف»); with a head before them they may («تحکیم همکاری میان دو کشور»)
_BARE_TIES = {"همکاری", "همکاری\u200cها", "همکاری\u200cهای", "روابط", "مناسبات", "تعامل", "تعاملات", "ارتباط"}


# -- phrase bounds -------------------------------------------------------------------------------

def _np_right(text: str, start: int, limit: int, gr: _Grammar, blocked: Sequence[Tuple[int, int]],
              pps: bool = True, open_end: bool = True) -> int:
    """End of the noun phrase (or list) that starts at ``start``; ``pps``: prepositional
    modifiers may continue it (a phrase with no cue after it to close it takes none);
    ``blocked``: spans (dates) the phrase stops at;
    ``open_end``: nothing after the phrase closes it, so a word right before a light verb is
    left to the verb («… عنوان کرد»)."""
    toks = _tokens(text, start, min(limit, start + _SCAN))
    end = prev_end = start
    last_start: Optional[int] = None
    words = total = 0  # words of the current list item, of the whole phrase
    head: Optional[str] = None
    prev = ""
    in_pp = 0
    opened = False
    for i, (s, e, w) in enumerate(toks):
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        before = toks[i - 2][2] if i >= 2 else ""
        if w in _HARD_PUNCT:
            break
        if w in _QUOTES:
            if w == "»" and not opened:
                break  # «… «مقابله با اقدامات ایران» با میزبان …»: the quoted subject ends here
            opened = opened or w == "«"
            continue  # «درباره «افزایش فشار بر ایران» مذاکره کرد»
        if w in ("،", ","):
            if not nxt or _is_verb(nxt, gr) or nxt in gr.stop:
                break
            prev = ""
            head = None
            words = in_pp = 0
            continue
        if total and (w in _EXAMPLE_JOINTS or w == "به" and nxt == "ویژه"):
            # «تحولات منطقه به ویژه بحران لیبی، …»: the examples go on the list (split later)
            prev, head, words, in_pp = "", None, 0, 0
            continue
        if w == "ویژه" and toks[i - 1][2] == "به" and prev == "":
            continue
        if total and _inside(s, blocked):
            break  # a date ends the phrase («… به هند ماه آینده به امضای …»)
        if w in ("این", "آن") and prev and _place(prev):
            break  # «… ایران و پاکستان | این اقدام را …»: a name takes no demonstrative after it
        if w in ("نیز", "همچنین") and prev == "" and i and toks[i - 1][2] == "و":
            continue  # «… و نیز تحکیم همکاری …»: the list goes on
        if w in gr.stop or _is_verb(w, gr):
            if _is_verb(w, gr) and prev and (total == 1 or gr.preverbal.get(prev, 0) >= _PREVERBAL_SHARE
                                             or open_end and _LIGHT_VERB.match(w) and not _NEEDS_NOUN.match(before)):
                # «… تلاش خواهیم کرد», «بهره برده», «… عنوان کرد», «… مهم است»: the word goes with the verb
                end = prev_end
            break
        if w in gr.talk and (gr.light.match(text, e) or nxt == "و" or nxt in gr.talk and not _talk_verb_after(text, toks, i + 1, gr)):
            break  # «… گفت‌وگو کردند», «… بحث و تبادل نظر»
        if w == "و":
            after_next = toks[i + 2][2] if i + 2 < len(toks) else ""
            if nxt in ("نیز", "همچنین") and after_next and not _is_verb(after_next, gr) and after_next not in gr.stop:
                prev, head = "", None
                words = in_pp = 0
                continue
            if not nxt or _is_verb(nxt, gr) or nxt in gr.stop or nxt in gr.talk and (
                    gr.light.match(text, toks[i + 1][1]) or after_next in gr.talk or after_next in ("نظر", "و") or not after_next):
                break  # «… بحث و تبادل نظر کردند» (but «… و توافق دو طرف درباره X را بررسی …» goes on)
            prev, head = "", None
            words = in_pp = 0
            continue
        if w in _PREPS:
            deep = not (w == "در" and (_place(nxt) or nxt == "خاک"))  # («… در خاک لیبی»: a place adds no depth)
            if not (pps or w in gr.free_preps) or not (_licensed(w, prev, head, nxt, gr) or head in gr.talk and w in ("درباره", "پیرامون")) \
                    or deep and in_pp >= 2:
                break
            in_pp += deep
            prev = w
            continue
        words += 1
        total += 1
        if words > _MAX_WORDS or total > _MAX_LIST_WORDS:
            break
        prev_end, end, last_start = end, e, s
        if (head is None or prev in _PREPS) and not _NEEDS_NOUN.match(w):
            head = w  # «درباره [مخالفت با …]»: the word after a preposition heads what follows it
        prev = w
    return end


#: share of a word's occurrences followed by a preposition (mined) for it to carry the preposition
#: as the phrase's head, or as the word right before it (adjectives select weakly: «دوجانبه با»)
_HEAD_SHARE, _PREV_SHARE = 0.12, 0.24
#: share of a word's occurrences right before a light verb for it to go with the verb (mined)
_PREVERBAL_SHARE = 0.15

#: light verbs and auxiliaries: the word right before one is the verb's own (a compound verb or a
#: predicate: «عنوان کرد»، «ادامه داد»، «راهی شد»، «مهم است»), not the end of a noun phrase
_LIGHT_VERB = rxcache.compile(r"^(?:ن?می\u200c)?[نب]?(?:کرد|کن|شد|شو|نمود|نما|گردید|گرد|داد|ده|داشت|دار|یافت|یاب|زد|زن|"
                            r"گرفت|گیر|خواه)(?:م|ی|یم|ید|ند|د|ه|ن)?$")

#: words that need the noun after them: the noun before a light verb stays in the phrase after one
#: («… همکاری‌های استراتژیک دو کشور شد»)
_NEEDS_NOUN = rxcache.compile(r"^(?:دو|سه|چهار|چند|این|آن|همین|همان|هر|همه|تمام|برخی|یک)$")

#: words that open examples inside a list («… بویژه روابط اقتصادی»): the list goes on over them
_EXAMPLE_JOINTS = {"بویژه", "به\u200cویژه", "خصوصا", "خصوصاً"}

_PREPS = {"با", "از", "به", "در", "برای", "بر", "میان", "بین", "علیه", "درباره", "پیرامون", "تا"}


def _talk_verb_after(text: str, toks, j: int, gr: _Grammar) -> bool:
    """Whether token ``j`` is a talk noun that makes a verb of its own with the light verb after
    it: then the talk noun before it is a word of the phrase («درباره تقویت مذاکره | صحبت
    کردیم»), not a pair with it («تبادل نظر کردند»)."""
    w = toks[j][2]
    return w not in ("نظر", "تبادل‌نظر") and bool(gr.light.match(text, toks[j][1]))


def _licensed(prep: str, prev: str, head: Optional[str], nxt: str, gr: _Grammar) -> bool:
    """Whether ``prep`` continues the phrase: the word before it or the phrase's head selects
    it (mined table), or it is a free modifier («میان», «بین»), or «در» adds a place or a domain
    («اصلاحات قضایی در آلبانی») rather than the event or a new cue («در این دیدار», «در زمینه»)."""
    if not prev or not nxt or nxt in gr.stop or nxt in _PREPS:
        return False
    if prep in gr.free_preps:
        return True
    if head and gr.select.get(head, {}).get(prep, 0) >= _HEAD_SHARE or gr.select.get(prev, {}).get(prep, 0) >= _PREV_SHARE:
        return True
    if prep == "در":
        return nxt not in gr.in_blockers and nxt not in gr.event_nouns
    return False


def _rstrip_at(text: str, end: int) -> int:
    """``end`` moved left over white space (``len(text[:end].rstrip())`` without the copy)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


#: a closing prepositional phrase that points back at the event's place or the text («در این استان»)
_DEICTIC_TAIL = rxcache.compile(r"\s+(?:در|از)\s+(?:این|آن|همین|همان)\s+[^\s.،:؛]+$")


def _sides_subject(toks, i: int, gr: _Grammar) -> bool:
    """Whether token ``i`` ends «دو طرف/دو کشور» opening a clause («… و دو طرف X را بررسی کردند»):
    the clause's subject, not a phrase's complement («همکاری میان دو کشور»)."""
    if toks[i][2] not in ("طرف", "کشور") or i < 1 or toks[i - 1][2] != "دو":
        return False
    opener = toks[i - 2][2] if i >= 2 else ""
    return not opener or opener in ("و", "،", ",") or opener in gr.stop or _is_verb(opener, gr) or opener in gr.event_nouns


def _np_left(text: str, end: int, lo: int, gr: _Grammar, blocked: Sequence[Tuple[int, int]]) -> int:
    """Start of the noun phrase (or list) that ends at ``end``, not before ``lo``.

    Scans left over words up to a clause boundary (a verb, «که», «را», a subject pronoun, an
    event phrase, a person or title), then keeps the leftmost start from which the rightward
    phrase grammar reaches ``end`` (a preposition inside must be one its head selects:
    «انتقال گاز به ارمنستان», not «… نظر به ارمنستان»)."""
    toks = _tokens(text, max(lo, end - _SCAN), end)
    starts: List[int] = []
    words = total = 0
    for i in range(len(toks) - 1, -1, -1):
        s, e, w = toks[i]
        before = toks[i - 1][2] if i > 0 else ""
        if w in _HARD_PUNCT:
            break
        if w in _QUOTES:
            continue
        if w in ("،", ","):
            if not before or _is_verb(before, gr) or before in gr.stop:
                break
            words = 0
            continue
        if _inside(s, blocked):
            break
        if before == "در" and w in gr.in_blockers:
            break  # «… موجود در زمینه | توسعه همکاری‌ها»: «در زمینه» opens a phrase of its own
        after = toks[i + 1][2] if i + 1 < len(toks) else ""
        if w in ("نیز", "همچنین") and before == "و" and total:
            continue  # «X و نیز Y را بررسی کردند»: one list
        if w in gr.stop or _is_verb(w, gr) or w in gr.subjects or _sides_subject(toks, i, gr) or \
                w in gr.talk and (gr.light.match(text, e) or after in gr.talk or after == "نظر"):
            break
        if w == "تلفنی" or w in gr.event_nouns and (before in _EVENT_DETERMINERS or after in ("تلفنی", "مشترک")):
            break  # «دو طرف در این تماس تلفنی | X را بررسی کردند» (but «… و توافق دو طرف درباره X را …» is content)
        if w in _PREPS:
            if w not in ("در", "به", "از", "با", "برای", "میان", "بین", "علیه", "درباره", "پیرامون", "بر"):
                break
            continue
        if w == "و":
            words = 0
            continue
        words += 1
        total += 1
        if words > _MAX_WORDS or total > _MAX_LIST_WORDS:
            break
        starts.append(s)
    need = _rstrip_at(text, end)
    while need > 0 and text[need - 1] in _QUOTES or need > 0 and text[need - 1].isspace():
        need -= 1  # «موضوع «ایران» از جمله …»: the phrase's last word, before its closing quote
    for s in reversed(starts):  # leftmost first
        if _np_right(text, s, min(len(text), s + _SCAN), gr, (), pps=True, open_end=False) >= need:
            return s
    return starts[0] if starts else end


# -- candidates -----------------------------------------------------------------------------------

def _cue_finditer(cue, text: str, a: int, b: int):
    """``cue.finditer(text, a, b)``, without running the engine on a window that holds none of
    the literals every match of the cue holds (:func:`gates.required`; ~20 cues a window)."""
    lits = gates.required(cue)
    if lits is not None and not any(text.find(lit, a, b) >= 0 for lit in lits):
        return ()
    return cue.finditer(text, a, b)


def _candidates(text: str, a: int, b: int, gr: _Grammar, blocked: Sequence[Tuple[int, int]],
                purpose: bool = False, ends: Sequence[Tuple[int, int]] = ()) -> List[Tuple[int, int]]:
    found: List[Tuple[int, int]] = []
    n_after = len(gr.after)
    for k, cue in enumerate(gr.after + (gr.purpose if purpose else [])):
        for m in _cue_finditer(cue, text, a, b):
            s = m.end()
            e = _np_right(text, s, b, gr, ends, pps=m.end() > m.start())
            if e <= s:
                continue
            if k >= n_after and (_PREDICATE.search(text, s, e) and _COPULA.match(text, e) or _PREDICATE_AFTER.match(text, e)):
                continue  # «… برای امنیت جهانی مهم است»: a judgement about X, not a purpose
            first = text[s:e].split(maxsplit=1)
            if first and _adjectival(first[0]) and text[m.start():m.end()].split()[0] in _TIE_HEADS:
                # «همکاری در حوزه‌های اقتصادی و تجاری»: areas of cooperation, each its own topic (the
                # list keeps its head, each adjective read with it)
                found.append((m.start(), e))
                continue
            if _DOMAIN.match(text, m.start()):
                # «تبادل دانش و تجربه در حوزه کشاورزی»: the phrase before the domain is the subject
                from .countries import countries_in
                ls = _np_left(text, m.start(), a, gr, blocked)
                left = text[ls:m.start()].split()
                if ls < m.start() and len(left) <= 8 and any(
                        w not in gr.generic and not countries_in(w) and not _inside(ls, blocked) for w in left):
                    found.append((ls, e))
                    continue

            found.append((s, e))
    for cue in gr.before:
        for m in _cue_finditer(cue, text, a, b):
            e = m.start("np_end") if "np_end" in m.re.groupindex else m.start()
            e = _rstrip_at(text, e)
            dm = _DEICTIC_TAIL.search(text, max(a, e - 40), e)
            if dm:
                e = dm.start()  # «… کاهش تنش در این استان را بررسی کردند»: the place of the talks is no part
            s = _np_left(text, e, a, gr, blocked)
            if e > s:
                found.append((s, e))
    for cue in gr.enclosed:
        for m in _cue_finditer(cue, text, a, b):
            lo, e = m.span("np")
            e = _before_adjunct(text, lo, e)
            s = max(lo, _np_left(text, e, lo, gr, blocked))
            if e > s:
                found.append((s, e))
    return found


#: clause adjuncts (consideration) that close the phrase before them rather than modify it
_ADJUNCT = rxcache.compile(r"\s(?:با\s+توجه\s+به|با\s+عنایت\s+به)\s")


def _before_adjunct(text: str, s: int, e: int) -> int:
    """``e`` moved back before a clause adjunct inside ``[s, e)``: «خواستار گسترش همکاری ایران و یونسکو
    با توجه به زمینه فرهنگی … شد» → «گسترش همکاری ایران و یونسکو»."""
    adj = _ADJUNCT.search(text, s, e)
    return _rstrip_at(text, adj.start()) if adj and adj.start() > s else e

#: a predicate adjective (with its copula): «برای X مهم است» judges X, it names no purpose
_PREDICATE = rxcache.compile(r"\s(?:مهم|ضروری|لازم|حیاتی|مفید|سودمند|خطرناک|مضر|ضرر|تهدید)$")
_COPULA = rxcache.compile(r"\s*(?:است|بود|هستند|بودند|باشد|می‌باشد|نیست|نبود)(?![\p{L}])")
_PREDICATE_AFTER = rxcache.compile(r"\s+(?:بسیار\s+|خیلی\s+)?(?:مهم|ضروری|لازم|حیاتی|مفید|سودمند|خطرناک|مضر)\s+(?:است|بود|هستند|بودند|باشد|می‌باشد|نیست|نبود)(?![\p{L}])")

_DOMAIN = rxcache.compile(r"در\s+(?:زمینه|حوزه|عرصه|بخش|امر)(?:\u200c?های|‌ی|ٔ)?\s+(?!دیگر|این|آن|همین|مختلف)")


def _keep_at(text: str, pos: int, keep: Sequence[str]) -> bool:
    for k in keep:
        i = text.rfind(k, max(0, pos - len(k)), pos + len(k))
        if i != -1 and i <= pos < i + len(k):
            return True
    return False


def _adjectival(word: str) -> bool:
    """A relational adjective (اقتصادی، منطقه‌ای; mined: a frequent noun plus «ی»), not a noun in «ی»
    (گردشگری، انرژی)."""
    gr = grammar()
    if gr.adjectives:
        return word in gr.adjectives and word not in _NOUNS_IN_I
    return (word.endswith(("ی", "\u200cای", "ای")) and word not in _NOUNS_IN_I) or word in ("فناوری", "فنآوری", "فن\u200cآوری")


_NOUNS_IN_I = {"همکاری", "همکاری\u200cهای", "آزادی", "برقی\u200cسازی", "خودکفایی", "آمادگی", "زندگی", "بازی", "کشاورزی",
               "گردشگری", "ترابری", "آبیاری", "سرمایه\u200cگذاری", "قانونگذاری", "خویشتنداری", "تنش\u200cزدایی", "میانجیگری",
               "ولایت\u200cپذیری", "مهارت\u200cآموزی", "پولشویی", "نقش\u200cآفرینی", "هماهنگی", "واگذاری", "پایبندی", "ازسرگیری",
               "بازسازی", "برگزاری", "جلوگیری", "پیشگیری", "آموزی", "سازی", "نیروگاه\u200cهای", "راه\u200cاندازی"}


def _split(text: str, s: int, e: int, gr: _Grammar,
           bodies: Set[Tuple[int, int]] = frozenset()) -> List[Tuple[int, int, Optional[str]]]:
    """A list phrase split into items on «،» and «و» (fixed phrases kept): ``(start, end, label)``,
    ``label`` the item's distributed form when it is an adjective sharing the head before it.
    ``bodies``: spans of organizations, which stand as parties like places («ایران و یونسکو»)."""
    body_starts = {x for x, _ in bodies}
    cuts = []
    for m in _rx(r"\s*[،,]\s*|\s+و\s+|\s*[-–]\s+").finditer(text[s:e]):
        cs, ce = s + m.start(), s + m.end()
        if "و" in m.group() and (_keep_at(text, cs + m.group().index("و"), gr.keep) or _pair(text, s, cs, ce, e, body_starts)
                                 or _binomial(text, s, cs, ce, e, gr)):
            continue
        cuts.append((cs, ce))
    items, prev = [], s
    for cs, ce in cuts:
        items.append((prev, cs))
        prev = ce
    items.append((prev, e))
    items = [(x, y) for x, y in items if y > x]
    if len(items) >= 2:
        # «احداث جاده و راه‌آهن میان کشورهای منطقه»: the parties after the last item belong to the
        # whole list, not to that item
        x, y = items[-1]
        m = _BETWEEN_PARTIES.search(text, x, y)
        if m and m.start() > x:
            items[-1] = (x, m.start())
    # «… روابط دو کشور بویژه روابط اقتصادی»: the examples after «بویژه/از جمله/شامل» are topics too
    subbed: List[Tuple[int, int]] = []
    for x, y in items:
        m = gr.sub_list.search(text, x, y)
        if m:
            subbed.extend([(x, m.start()), (m.end(), y)])
        else:
            subbed.append((x, y))
    items = [(x, y) for x, y in subbed if y > x]
    # an adjective after a list joint shares the head of the item before: under a cooperation head
    # each is an area of its own («روابط اقتصادی، تجاری و فرهنگی» → «روابط اقتصادی»، «تجاری» read
    # «روابط تجاری»، «فرهنگی» read «روابط فرهنگی»); otherwise the list stays one topic
    # («اصلاحات قضایی و انتخاباتی در آلبانی»، «تحولات منطقه‌ای و بین‌المللی»)
    merged: List[Tuple[int, int, Optional[str]]] = []
    for x, y in items:
        words = text[x:y].split()
        if merged and words and _adjectival(words[0]):
            px, py, plabel = merged[-1]
            head = _tie_head(plabel or text[px:py])
            if head:
                # words after the adjectives modify the whole list («… تجاری و اقتصادی بین دو کشور»)
                k = 1
                while k < len(words) and _adjectival(words[k]):
                    k += 1
                y = x + len(" ".join(words[:k])) if text[x:y].startswith(" ".join(words[:k])) else y
                merged.append((x, y, head + " " + text[x:y]))
            else:
                merged[-1] = (px, y, None)
            continue
        merged.append((x, y, None))
    return merged


_BETWEEN_PARTIES = rxcache.compile(r"\s+(?:میان|بین)\s")


def _tie_head(phrase: str) -> Optional[str]:
    """The head a list's adjectives share when it names cooperation or relations: the words of
    ``phrase`` before its trailing adjectives («توسعه روابط اقتصادی» → «توسعه روابط»), or None."""
    words = phrase.split()
    k = len(words)
    while k > 0 and _adjectival(words[k - 1]):
        k -= 1
    if k == len(words) or k == 0 or not any(w in _TIE_HEADS for w in words[:k]):
        return None
    return " ".join(words[:k])


#: nouns whose adjective lists enumerate separate areas («همکاری‌های اقتصادی، علمی و فرهنگی»)
_TIE_HEADS = _BARE_TIES | {"همکاری‌ها", "همکاریهای", "همکاریها", "ارتباطات", "پیوندهای", "پیوندها"}


def _binomial(text: str, s: int, cs: int, ce: int, e: int, gr: _Grammar) -> bool:
    """«تبادل دانش و تجربه»: the words on either side of «و» make a fixed pair (mined)."""
    left, right = text[s:cs].split(), text[ce:e].split()
    return bool(left and right) and f"{left[-1]} و {right[0]}" in gr.binomials


def _pair(text: str, s: int, cs: int, ce: int, e: int, body_starts: Set[int] = frozenset()) -> bool:
    """«میان ایران و آمریکا», «روابط ایران و ژاپن», «همکاری ایران و یونسکو»: «و» joins the two
    ends of a relation (places, or a place and an organization)."""
    left = text[s:cs].split()
    right = text[ce:e].split()
    if not left or not right:
        return False
    if len(left) >= 2 and left[-2] in ("میان", "بین"):
        return True
    a, b = left[-1], right[0]
    return len(left) >= 2 and _place(a) and (_place(b) or ce in body_starts)


#: regions that stand as parties like countries do («همکاری‌های ایران و اروپا»)
_REGIONS = {"اروپا", "آسیا", "آفریقا", "خاورمیانه", "قفقاز", "اوراسیا", "غرب"}


def _place(word: str) -> bool:
    """A country or place name, or a region that stands as a party («اروپا»)."""
    from .countries import countries_in
    return word in _REGIONS or bool(countries_in(word))


def _trim(text: str, x: int, y: int, gr: _Grammar) -> Tuple[int, int]:
    while True:
        m = gr.lead_drop.match(text, x, y)
        if not m or m.end() == x:
            break
        x = m.end()
    for head in gr.generic_heads:
        if text.startswith(head + " ", x) and len(text[x + len(head) + 1:y].split()) >= 2:
            x += len(head) + 1
            break
    while x < y and text[x] in " \u200c،,-–«»\"":
        x += 1
    while y > x and text[y - 1] in " \u200c،,-–«»\"":
        y -= 1
    if text[x:y].count("«") > text[x:y].count("»") and text[y:y + 1] == "»":
        y += 1  # «موضوع «ایران»»: the quote closes right after the phrase
    elif text[x:y].count("«") != text[x:y].count("»"):
        x, y = x + (text[x:y].startswith("«")), y
    if text[x:y].count('"') % 2 and text[x - 1:x] != '"':  # (a quote opened just before closes inside)
        q = text.find('"', x, y)  # «درباره "سرکوب" چین»: a stray quote mark is dropped, not kept inside
        if q > x and not text[x:q].strip():
            x = q + 1
        elif q > x:
            y = _rstrip_at(text, q) if text.find('"', q + 1, y) == -1 else y
    for _ in range(2):
        tail = _rx(r"(?:\s+(?:و|یا|که|را|به|از|در|با|برای|بر|خود|خویش|نیز|هم|همچنین|بیشتر|بیش))+$").search(text[x:y])
        if tail:
            y = x + tail.start()
        tail = gr.trailing_drop.search(text, x, y)
        if tail and tail.start() > x:
            y = tail.start()
    return x, y


#: a word that cannot end a phrase: a plural in ezafe («…‌های»), a superlative («…ترین»)
_OPEN_ENDED = rxcache.compile(r"(?:\u200c?های|ترین)$")


#: a sum or a share alone («۲۰۰ هزار دلار», «۲۰ درصد»)
_AMOUNT = rxcache.compile(r"^[0-9۰-۹][0-9۰-۹,٬.]*(?:\s+(?:هزار|میلیون|میلیارد))*\s+(?:ریال|تومان|دلار|یورو|درصد|پوند|روبل|یوان)$")


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset:
    """Titles of people (the gazetteer's ``role_titles.txt``, read only): a phrase that opens with
    one names a person («وزیر خارجه ایران»، «دیپلمات ارشد ایرانی»), not a subject."""
    return frozenset(normalize(line.split("\t")[0]) for line in read_lines("gazetteers/role_titles.txt"))


def _is_filler(phrase: str, gr: _Grammar) -> bool:
    p = phrase.strip()
    if p in gr.filler or not p:
        return True
    words = p.split()
    if any(" ".join(words[:k]) in _titles() for k in (1, 2, 3) if k <= len(words)):
        return True
    words = p.split()
    if len(words) == 1 and (len(p) <= 3 or _adjectival(p) or p in gr.incomplete or p in gr.talk
                            or gr.preverbal.get(p, 0) >= _PREVERBAL_SHARE or _OPEN_ENDED.search(p)):
        # a bare adjective («دوجانبه»), a head waiting for its complement («تقویت»), a plural in
        # ezafe or a superlative with its noun cut off («مناسبت‌های»، «مهمترین») is a fragment
        return True
    if any(r.search(p) for r in gr.filler_re) or _AMOUNT.match(p):
        return True  # («۲۰۰ هزار دلار»: an amount names no subject)
    from .countries import countries_in
    content = [w for w in words if w not in gr.generic and not countries_in(w)]
    if not content and (len(words) <= 2 or words[0] in _BARE_TIES):
        return True  # «توسعه روابط», «همکاری میان دو طرف»: cooperation with no subject
    from .countries import countries_in
    if len(words) >= 2 and words[1] in _PREPS:
        lead = countries_in(words[0])
        if lead and lead[0][0] == 0:
            return True  # «ایتالیا در روند مبارزه با کرونا»: a party («حمایت از ایتالیا»), not a subject
    rest = " ".join(w for w in words if w not in ("و", "در", "به", "از"))
    hits = countries_in(rest)
    if hits and sum(t - s for s, t, _, _ in hits) >= len(rest.replace(" ", "")) - 1 or rest in _REGIONS:
        return True  # a bare place name is not a subject
    return False


def topic_spans(doc: Document, lex: Lexicon, a: int, b: int,
                blocked: Sequence[Tuple[int, int]] = (),
                labels: Optional[Dict[Tuple[int, int], str]] = None,
                ends: Sequence[Tuple[int, int]] = (), bodies: Set[Tuple[int, int]] = frozenset()) -> List[Span3]:
    """Topic phrases in normalized ``[a, b)``: ``(start, end, category)``, deduplicated, in order.

    ``blocked``: normalized spans (people, titles) a phrase may not run into leftwards; ``ends``:
    spans (dates) a phrase stops at rightwards; ``bodies``: spans of organizations, no topic by
    themselves (a party, «فدراسیون فوتبال»). ``labels``, when
    given, receives the distributed form of each adjective split off a list («تجاری» of
    «روابط اقتصادی و تجاری» → «روابط تجاری»), keyed by its span.
    """
    gr = grammar()
    text = doc.norm
    found = []
    gate = gates.of(doc)
    purpose = any(gate.search_held(h.pattern, text, a, b) for h in lex.heads)
    found: List[Tuple[int, int, Optional[str]]] = []
    for s, e in _candidates(text, a, b, gr, blocked, purpose, ends):
        items = _split(text, s, e, gr, bodies)
        for x, y, label in items:
            x2, y2 = _trim(text, x, y, gr)
            if label is not None and (x2, y2) != (x, y):
                label = label[:len(label) - (y - x)] + text[x2:y2]  # the shared head + the trimmed item
            words = len(text[x2:y2].split())
            if words == 1 and len(items) == 1 and lex.category(text[x2:y2]) == "other":
                continue  # one word alone names a subject only as a known area («کرونا»، «گردشگری»), not «رقابت»
            if y2 - x2 >= 3 and words <= _MAX_WORDS:
                found.append((x2, y2, label))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    distributed = [(s, e) for s, e, label in found if label is not None]
    out: List[Span3] = []
    for s, e, label in found:
        if any(s >= x0 and e <= x1 for x0, x1, _ in out):
            continue
        if label is None and any(s <= x and y <= e for x, y in distributed) and \
                all(_adjectival(w) or w in ("و", "،") for w in text[s:e].replace("،", " ، ").split()):
            continue  # «اقتصادی و تجاری» read again without its head: the split with the head wins
        phrase = label or text[s:e]
        if _is_filler(phrase, gr) or (s, e) in bodies:
            continue
        out = [t for t in out if not (s <= t[0] and t[1] <= e)]
        out.append((s, e, lex.category(phrase)))
        if labels is not None and label is not None:
            labels[(s, e)] = label
    out.sort()
    return out


# -- which event a sentence's topics belong to ------------------------------------------------------

_SIDES = rxcache.compile(r"^(?:این |هر )?(?:دو طرف|طرفین|دوطرف|دو کشور|دو وزیر|دو رئیس|دو مقام|دو رهبر|دو مسئول|وی|او|ایشان|این مقام)")
_BACK_REF = rxcache.compile(r"(?:در|طی|ضمن|حین|پس از|در جریان|در حاشیه)\s+(?:این|آن|همین)\s+(?:دیدار|نشست|ملاقات|تماس|گفت[\u200c ]?وگو|گفتگو|"
                          r"جلسه|سفر|مذاکره|مذاکرات|رایزنی|مکالمه)")


def _entity_spans(doc: Document, labels: Tuple[str, ...]) -> Near:
    """Normalized spans of the document's entities with ``labels`` (DATE «ماه آینده»: a phrase ends
    before one)."""
    spans = []
    for e in doc.entities:
        if e.label in labels:
            try:
                spans.append(doc.norm_span(e))
            except (IndexError, AttributeError):
                continue
    return Near((x[0], x) for x in spans)


def _blocked_spans(doc: Document, units: Sequence) -> Near:
    spans = []
    for e in doc.entities:
        if e.label in ("PER", "ROLE"):
            try:
                spans.append(doc.norm_span(e))
            except (IndexError, AttributeError):
                continue
    for u in units:
        if getattr(u, "pronoun", None) is None and getattr(u, "body", False) is False:
            for r in (getattr(u, "name", None), getattr(u, "role", None)):
                if r is not None and r[1] > r[0]:
                    spans.append(tuple(r))
    return Near((x[0], x) for x in spans)


def assign_topics(doc: Document, clusters: List, units: Sequence, lex: Lexicon,
                  extra: Optional[Callable[[object], List[Span3]]] = None) -> None:
    """Set ``cluster.topic_spans`` (``(start, end, category)``) for every event cluster (see the
    module docstring) and ``cluster.topic_labels``: the distributed form of a topic that is an
    adjective split off a list, by span («تجاری» → «روابط تجاری»)."""
    if not clusters:
        return
    from . import coref
    from .arguments import clause_window
    from .merge import same_person

    blocked = _blocked_spans(doc, units)
    ends = _entity_spans(doc, ("DATE",))
    bodies = {tuple(x) for x in _entity_spans(doc, ("ORG",)).items}
    cache: Dict[Tuple[int, int], List[Span3]] = {}
    labels: Dict[Tuple[int, int], str] = {}

    def spans_in(a: int, b: int) -> List[Span3]:
        if (a, b) not in cache:
            cache[(a, b)] = topic_spans(doc, lex, a, b, blocked, labels, ends, bodies)
        return cache[(a, b)]

    owners: Dict[int, set] = {}
    sent_lists: Dict[int, List[int]] = {}
    for cl in clusters:
        for m in cl.mentions:
            owners.setdefault(m.sent, set()).add(id(cl))
        sent_lists[id(cl)] = sorted({m.sent for m in cl.mentions})
    for cl in clusters:
        spans: List[Span3] = []
        windows = set()  # each window read once per cluster: a run-on sentence of many mentions stays linear
        for m in cl.mentions:
            if m.anaphoric or not owners.get(m.sent, set()) - {id(cl)}:
                sent = doc.sentences[m.sent]
                a, b = sent.nstart, sent.nend
            else:
                a, b = clause_window(doc, m)
            if (a, b) not in windows:
                windows.add((a, b))
                spans.extend(spans_in(a, b))
        if extra is not None:
            spans.extend(extra(cl))
        cl.topic_spans = spans
    # sentences that go on about an event: its participant is the subject, «طرفین …», «در این
    # دیدار …»; otherwise the body after an event belongs to the latest event before it, and the
    # headline and lead sentences that name a happening belong to the first
    units_by_sent: Dict[int, List] = {}
    for u in units:
        units_by_sent.setdefault(u.sent, []).append(u)
    main = sorted((c for c in clusters if c.type in ("meeting", "phone_call", "visit", "agreement")),
                  key=lambda c: c.first.sent) or sorted(clusters, key=lambda c: c.first.sent)
    title_end = _title_end(doc)
    k = 0  # main[:k] are the events that start before the current sentence
    for si, sent in enumerate(doc.sentences):
        while k < len(main) and main[k].first.sent < si:
            k += 1
        if si in owners:
            continue
        prev = main[:k]
        text = doc.norm[sent.nstart:sent.nend]
        if not prev:
            if si <= title_end or any(gates.of(doc).search_held(h.pattern, doc.norm, sent.nstart, sent.nend) for h in lex.heads):
                main[0].topic_spans.extend(spans_in(sent.nstart, sent.nend))
            continue
        start = coref.attribution_end(text)
        body = text[start:].lstrip()
        target = None
        subj = coref.subject_of_sentence(doc, units_by_sent.get(si, []), si)
        if subj is not None:
            ref = subj.resolved()
            cands = [c for c in prev[-_RECENT:] if any(any(same_person(doc, ref, r) for r in slot.refs) for slot in c.parts)]
            occurred = [c for c in cands if (c.status() or "occurred") == "occurred" and len(c.parts) >= 2]
            if occurred or cands:
                target = (occurred or cands)[-1]
        if target is None and (_SIDES.match(body) or _BACK_REF.search(text)):
            multi = [c for c in prev[-_RECENT:] if len(c.parts) >= 2 and c.type in ("meeting", "phone_call", "agreement")]
            target = multi[-1] if multi else prev[-1]
        if target is None:
            target = prev[-1]  # the body after an event goes on about it (a roundup: about the latest one)
            if _sentences_away(sent_lists[id(target)], si) > _FOLLOW_UP:
                continue  # nothing ties it to the event, and it lies far from it: the text has moved on
        target.topic_spans.extend(spans_in(sent.nstart, sent.nend))
    for cl in clusters:
        cl.topic_labels = {(x, y): labels[(x, y)] for x, y, _ in cl.topic_spans if (x, y) in labels}


#: how many of the latest events a follow-up sentence is matched against
_RECENT = 8
#: how many sentences from the event's nearest mention a follow-up sentence that names neither its
#: participants nor the event may lie (dev 001–048: of the topics read from such sentences three or
#: more sentences away, none was right)
_FOLLOW_UP = 2


def _sentences_away(sents: List[int], si: int) -> int:
    """Distance from sentence ``si`` to the nearest of the sorted sentence indexes ``sents``."""
    i = bisect.bisect_left(sents, si)
    near = [abs(si - sents[j]) for j in (i - 1, i) if 0 <= j < len(sents)]
    return min(near) if near else 1 << 30


def _title_end(doc: Document) -> int:
    """Index of the last headline line (short lines without a full stop before the body)."""
    last = -1
    for i, sent in enumerate(doc.sentences[:3]):
        t = sent.text.strip()
        if len(t) > 200 or _rx(r"[.!؟?]$").search(t):
            break
        last = i
    return last
