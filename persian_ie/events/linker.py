"""Who takes part in an event: a small learned scorer over (mention, person) pairs.

Every person unit in the clause of a trigger is a candidate. Whether it is a party or only
someone the sentence mentions (a spokesman who reports, a president whose message is
delivered, a name the talks are about, a martyr whose family is visited, a word the entity
stage took for a name) is decided by a logistic model over a few dozen cues: order and
distance to the trigger, the words just before the unit («با», «پیام»، «در خصوص»), punctuation,
the title lexicon, and what the unit is (a name, a title alone, a group, a body).

A few cues are vetoes (:data:`VETOES`): the guidelines' explicit non-participants are
excluded whatever the rest says. The weights live in ``resources/events/participant_model.json`` and are trained on the
development gold by ``scripts/train_participants.py`` (cross-validated by article; the
script prints the figures). :func:`features` is the single place that defines the cues, so
training and use cannot drift apart.

>>> model = ParticipantModel.default()
>>> 0.0 < model.probability({"after_with": 1.0, "named": 1.0}) < 1.0
True
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Dict, List, Optional, Sequence, Tuple


from .._resources import read_json, read_lines
from ..document import Document
from ..normalize import normalize
from . import gates
from .lexicon import Lexicon
from .people import PersonRef, fold
from .triggers import Mention
from .. import _rxcache as rxcache

__all__ = ["ParticipantModel", "features", "mention_cues", "decide", "accepted", "FEATURES", "VETOES"]

#: the cues, in the order of the model's weight vector
FEATURES = (
    "named", "role_only", "plural", "body", "pronoun", "titled", "official_title", "vague_title",
    "reporter", "mention_only_lead", "proposer_lead", "generic", "after_with", "after_presence",
    "coordinated", "subject", "before_trigger", "distance", "trigger_between", "possessor",
    "topic_intro", "time_lead", "headline", "anaphoric", "verbal", "visit", "phone_call",
    "agreement", "proposal_or_group", "single_token_name", "common_word_name", "salience",
    "first_person_clause", "own_sentence_event", "message_addressee",
)

#: cues that exclude a candidate outright: the guidelines' explicit non-participants (the sender
#: or addressee of a message, someone the talks are about, a spokesman or reporter, a proposer
#: who does not attend, a crowd, a person inside a time phrase about another matter)
VETOES = ("mention_only_lead", "proposer_lead", "generic", "topic_intro", "message_addressee", "reporter", "time_lead")

_MENTION_ONLY = rxcache.compile(r"(?<![\p{L}\u200c])(?:پیام|پیامی|نامه|نامه‌ای|سلام|تبریک|دعوت[\u200c ]?نامه|دعوت|تصویر|سخنان|"
                              r"اظهارات|گزارش|نقل|قول|توییت|دستور|حکم|نماینده|فرستاده|ویژه|سوی|جانب|توسط|"
                              # the dead take part in nothing: «در دیدار با خانواده شهید رئیسعلی دلواری»
                              r"شهید|شهیدان|مرحوم|زنده[\u200c ]یاد|فقید)\s*(?:از\s+)?$")
_DISCUSSED_LEAD = rxcache.compile(r"(?:در مورد|درباره|در باره|در خصوص|پیرامون|با اشاره به|در پاسخ به|در واکنش به|ضمن اشاره به|"
                                r"اهمیت|نتایج|نتیجه)\s+(?:\S+\s+){0,1}$")
_TIME_LEAD = rxcache.compile(r"(?:به دنبال|پس از|پیش از|قبل از|بعد از|از زمان|در آستانه|در حاشیه|به مناسبت|در پی)\s+(?:\S+\s+){0,2}$")
_REPORTER = rxcache.compile(r"(?:سخنگو|خبرنگار|گزارشگر|کارشناس|تحلیلگر|روابط عمومی|مجری)")
_TOPIC_INTRO = rxcache.compile(r"(?<![\p{L}\u200c])(?:در مورد|درباره|در باره|در خصوص|پیرامون|در زمینه|در رابطه با|راجع به|از جمله)(?![\p{L}])")
_WITH = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|میان|بین)\s+(?:حضور\s+)?(?:[«\"]\s*)?$")
_PRESENCE = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|در) حضور\s+(?:[«\"]\s*)?$")
_COORD = rxcache.compile(r"^\s*(?:و|،|,)\s*(?:[«\"]\s*)?$")
_PREP_BEFORE_SUBJECT = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|به|از|در|برای|بر|تا|میان|بین|درباره|نزد)(?![\p{L}\u200c])")
_FIRST_PERSON = rxcache.compile(r"(?<![\p{L}\u200c])\p{L}+(?:یم|دیم|تیم)(?![\p{L}\u200c])")
_FUNCTION = {"با", "و", "از", "به", "در", "که", "را", "برای", "تا", "بر", "نیز", "هم", "این", "آن", "امروز", "دیروز",
             "روز", "صبح", "عصر", "شب", "همچنین", "سپس", "اما", "ولی", "یا", "میان", "بین", "حضور", "گفت", "افزود",
             "کرد", "شد", "است", "بود", "نزد", "سوی", "طرف", "جانب", "ضمن", "طی", "درباره", "پیرامون"}
_HONORIFIC = {"حضرت", "آیت", "الله", "آیت‌الله", "حجت", "الاسلام", "والمسلمین", "المسلمین", "دکتر", "مهندس", "سردار",
              "شهید", "سرلشکر", "سرتیپ", "امیر", "خانم", "آقای", "حاج", "شیخ", "سید", "پروفسور", "سرکار"}
_VAGUE = {"رئیس", "رییس", "معاون", "مدیر", "دبیر", "عضو", "مشاور", "نماینده", "مسئول", "مسؤول", "سرپرست", "مقام", "همتای",
          "همتا", "همتایان", "مقامات"}


def _official_heads() -> tuple:
    """Folded title heads of the role lexicon that name an office on their own (not «رئیس»)."""
    try:
        heads = {fold(normalize(x)) for x in read_lines("events/roles.txt")}
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        return ()
    return tuple(sorted(h for h in heads if h and h.split()[0] not in _VAGUE))


def _nearest(items: List[PersonRef], pos: int, k: int) -> List[PersonRef]:
    if len(items) <= k:
        return items
    i = bisect_left(items, pos, key=lambda v: v.start)  # no list of all starts per call: linear overall
    lo = max(0, min(i - k // 2, len(items) - k))
    return items[lo:lo + k]


_official = functools.lru_cache(maxsize=1)(_official_heads)


def _words_before(norm: str, pos: int, lo: int, n: int = 3) -> List[str]:
    return _LETTER_RUN.findall(norm[max(lo, pos - 60):pos])[-n:]


_LETTER_RUN = rxcache.compile(r"[\p{L}\u200c]+")


def features(doc: Document, m: Mention, u: PersonRef, window: Sequence[int], units: Sequence[PersonRef],
             mentions: Sequence[Mention], lex: Lexicon, cues: "Optional[MentionCues]" = None) -> Dict[str, float]:
    """The cues for «is ``u`` a party to the event of ``m``?».

    ``window``: the clause bounds; ``units`` and ``mentions``: the person units (in position
    order) and trigger mentions of that clause. Nothing further away is looked at, and what
    depends on the unit and clause alone is computed once, so the cost per candidate does not
    grow with the document. ``cues``: :func:`mention_cues` of ``m`` when scoring several
    candidates of one mention (computed here otherwise).
    """
    if cues is None:
        cues = mention_cues(doc, m, window, mentions)
    us, ue = u.start, u.end
    f = dict(_unit_cues(doc, u, lex))
    ms, me = m.start, m.end
    f["proposer_lead"] = float(m.type != "proposal" and ue <= ms and f.pop("_proposer_cue"))
    f["before_trigger"] = float(ue <= ms)
    gap = ms - ue if ue <= ms else us - me
    f["distance"] = min(3.0, max(0, gap) / 40.0)
    lo, hi = (ue, ms) if ue <= ms else (me, us)
    f["trigger_between"] = float(cues.trigger_between(lo, hi))
    intro_end = f.pop("_intro_end")
    # («در مورد تماس تلفنی وزیر با …»: the cue introduces the event itself, whose parties follow it)
    f["topic_intro"] = float(intro_end >= 0 and not (intro_end <= ms < us) and f.pop("_intro_near"))
    f.pop("_intro_near", None)
    # «پس از ترور سردار سلیمانی، …»: a person inside a time phrase about something else (but not
    # «پس از دیدار با X»: there the phrase is this event's own)
    cue = f.pop("_time_cue")
    f["time_lead"] = float(cue >= 0 and not (cue <= ms < us))
    f.update(cues.own)
    return f


#: the cues :func:`features` sets from the mention and candidate together (not the unit alone)
_PAIR_CUES = ("proposer_lead", "before_trigger", "distance", "trigger_between", "topic_intro", "time_lead")
#: how far from the threshold (in log-odds) a quick score must be for its answer to stand
_MARGIN = 1e-6


def decide(doc: Document, m: Mention, u: PersonRef, window: Sequence[int], units: Sequence[PersonRef],
           mentions: Sequence[Mention], lex: Lexicon, cues: "MentionCues", model: "ParticipantModel") -> bool:
    """``model.accept(features(...))``, answered from sums kept per unit and per mention.

    The log-odds are the unit's part (summed once per unit) plus the mention's part (once per
    mention) plus the six cues of the pair. That sum is taken in another order than
    :meth:`ParticipantModel.probability` takes it, so it may differ in the last bits: a score
    within :data:`_MARGIN` of the threshold is decided by the full computation instead, and
    the answer is always the full computation's.
    """
    if type(model) is not ParticipantModel or not 0.0 < model.threshold < 1.0:
        return model.accept(features(doc, m, u, window, units, mentions, lex, cues))
    unit = _unit_score(doc, u, lex, model)
    if unit[1]:
        return False  # a veto of the unit's own cues
    own = _own_score(cues, model)
    if own[1]:
        return False  # a veto of the mention's own cues
    fu = unit[2]
    us = u.start
    ue = u.end
    ms, me = m.start, m.end
    before = ue <= ms
    intro_end = fu["_intro_end"]
    cue = fu["_time_cue"]
    pair = (float(m.type != "proposal" and before and fu["_proposer_cue"]),  # (in _PAIR_CUES order)
            float(before),
            min(3.0, max(0, ms - ue if before else us - me) / 40.0),
            float(cues.trigger_between(ue, ms) if before else cues.trigger_between(me, us)),
            float(intro_end >= 0 and not (intro_end <= ms < us) and fu["_intro_near"]),
            float(cue >= 0 and not (cue <= ms < us)))
    weights, vetoed = own[2], own[3]
    if any(pair[i] for i in vetoed):
        return False
    z = model.bias + unit[0] + own[0] + sum([w * v for w, v in zip(weights, pair)])
    zt = unit[3]
    if z > zt + _MARGIN:
        return True
    if z < zt - _MARGIN:
        return False
    return model.accept(features(doc, m, u, window, units, mentions, lex, cues))


def accepted(doc: Document, m: Mention, cands: Sequence[PersonRef], window: Sequence[int], units: Sequence[PersonRef],
             mentions: Sequence[Mention], lex: Lexicon, cues: "MentionCues", model: "ParticipantModel") -> List[PersonRef]:
    """``[u for u in cands if decide(doc, m, u, …)]``: the same answers, with what
    :func:`decide` looks up per call (the model's checks, the mention's sums, the unit scores'
    table) looked up once per mention."""
    if type(model) is not ParticipantModel or not 0.0 < model.threshold < 1.0:
        return [u for u in cands if decide(doc, m, u, window, units, mentions, lex, cues, model)]
    table = doc.user_data.setdefault("_events_unit_scores", {})
    mid = id(model)
    own = None
    ms, me = m.start, m.end
    proposal = m.type == "proposal"
    bias = model.bias
    between = cues.trigger_between
    out = []
    for u in cands:
        unit = table.get((id(u), mid))
        if unit is None:
            unit = _unit_score(doc, u, lex, model)
        if unit[1]:
            continue  # a veto of the unit's own cues
        if own is None:
            own = _own_score(cues, model)
            weights, vetoed = own[2], own[3]
        if own[1]:
            return []  # a veto of the mention's own cues: every candidate
        fu = unit[2]
        us = u.start
        ue = u.end
        before = ue <= ms
        intro_end = fu["_intro_end"]
        cue = fu["_time_cue"]
        pair = (float(not proposal and before and fu["_proposer_cue"]),  # (in _PAIR_CUES order)
                float(before),
                min(3.0, max(0, ms - ue if before else us - me) / 40.0),
                float(between(ue, ms) if before else between(me, us)),
                float(intro_end >= 0 and not (intro_end <= ms < us) and fu["_intro_near"]),
                float(cue >= 0 and not (cue <= ms < us)))
        if vetoed and any(pair[i] for i in vetoed):
            continue
        z = bias + unit[0] + own[0] + sum([w * v for w, v in zip(weights, pair)])
        zt = unit[3]
        if z > zt + _MARGIN or not z < zt - _MARGIN and model.accept(features(doc, m, u, window, units, mentions, lex, cues)):
            out.append(u)
    return out


def _unit_score(doc: Document, u: PersonRef, lex: Lexicon, model: "ParticipantModel") -> tuple:
    """(log-odds of the unit's own cues, vetoed by them, the cues, the threshold's log-odds)."""
    cache = doc.user_data.setdefault("_events_unit_scores", {})
    key = (id(u), id(model))
    hit = cache.get(key)
    if hit is None:
        fu = _unit_cues(doc, u, lex)
        w = model.weights
        own = [(k, v) for k, v in fu.items() if not k.startswith("_")]
        vetoed = any(v for k, v in own if k in model.vetoes)
        t = model.threshold
        hit = cache[key] = (sum(w.get(k, 0.0) * v for k, v in own), vetoed, fu, math.log(t / (1.0 - t)))
    return hit


def _own_score(cues: "MentionCues", model: "ParticipantModel") -> tuple:
    """(log-odds of the mention's own cues, vetoed by them, the weights of :data:`_PAIR_CUES`,
    the indexes of those that are vetoes), kept on ``cues``."""
    if cues.score is None or cues.score[0] is not model:
        w = model.weights
        cues.score = (model, (sum(w.get(k, 0.0) * v for k, v in cues.own.items()),
                              any(cues.own.get(v) for v in model.vetoes),
                              tuple(w.get(k, 0.0) for k in _PAIR_CUES),
                              tuple(i for i, k in enumerate(_PAIR_CUES) if k in model.vetoes)))
    return cues.score[1]


class MentionCues:
    """What the cues of :func:`features` take from the mention and its clause alone, computed
    once per mention: its own flags, and the other trigger mentions of the clause by start."""

    __slots__ = ("own", "m", "starts", "others", "score")

    def __init__(self, own: Dict[str, float], m: Mention, mentions: Sequence[Mention]):
        self.own, self.m = own, m
        self.score = None  # (model, log-odds of the own cues)
        self.others = [o for o in mentions if o is not m and not o.anaphoric]
        self.others.sort(key=lambda o: o.start)
        self.starts = [o.start for o in self.others]

    def trigger_between(self, lo: int, hi: int) -> bool:
        """Another (non-anaphoric) trigger mention lies whole inside ``[lo, hi]``."""
        i = bisect_left(self.starts, lo)
        others, n = self.others, len(self.others)
        while i < n and others[i].start <= hi:
            if others[i].end <= hi:
                return True
            i += 1
        return False


def mention_cues(doc: Document, m: Mention, window: Sequence[int], mentions: Sequence[Mention]) -> MentionCues:
    """The per-mention part of :func:`features` (see :class:`MentionCues`)."""
    a, b = window
    me = m.end
    own = {
        "headline": float(bool(m.title)),
        "anaphoric": float(m.anaphoric),
        "verbal": float(m.verbal),
        "visit": float(m.type == "visit"),
        "phone_call": float(m.type == "phone_call"),
        "agreement": float(m.type == "agreement"),
        "proposal_or_group": float(m.type in ("proposal", "working_group") or m.status == "proposed"),
        "first_person_clause": float(bool(_FIRST_PERSON.search(doc.norm, me, min(b, me + 40)))),
        "own_sentence_event": float(any(o is not m and not o.anaphoric and o.sent == m.sent and o.type != m.type
                                        for o in mentions)),
    }
    return MentionCues(own, m, mentions)


def _unit_cues(doc: Document, u: PersonRef, lex: Lexicon) -> Dict[str, float]:
    """The cues that depend on the unit and its own clause only (computed once per unit)."""
    cache = doc.user_data.setdefault("_events_unit_cues", {})
    hit = cache.get(id(u))
    if hit is not None:
        return hit
    _units_and_starts, clause_window = _arguments()
    a, b = clause_window(doc, SimpleNamespace(sent=u.sent, start=u.start, end=u.end))
    units, starts = _units_and_starts(doc.user_data.get("events.units_all", [u]), a, b, doc)
    norm = doc.norm
    gate = gates.of(doc)
    us, ue = u.start, u.end
    ref = u.resolved()
    members, n_sentences = _member_summary(doc, u)
    members = members or [ref]
    # a person named a hundred times: the mentions nearest to this one are enough
    members = _nearest(members, us, 12)
    names = [v for v in members if v.name is not None]
    roles = [v.role for v in members if v.role is not None]
    own_role = u.role or ref.role
    role_text = fold(norm[own_role[0]:own_role[1]]) if own_role else ""
    lead = norm[max(a, us - 25):us]
    f: Dict[str, float] = {}
    f["named"] = float(bool(names))
    f["role_only"] = float(not names and own_role is not None and not u.plural and not u.body)
    f["plural"] = float(u.plural and not u.body)
    f["body"] = float(u.body)
    f["pronoun"] = float(u.pronoun is not None)
    f["titled"] = float(bool(roles))
    first = role_text.split()[0] if role_text else ""
    f["official_title"] = float(role_text.startswith(_official())) if role_text else 0.0
    f["vague_title"] = float(first in _VAGUE)
    f["reporter"] = float(bool(gates.search(_REPORTER, role_text)) or _any_reporter(doc, gate, roles))
    f["mention_only_lead"] = float(bool(gate.search(_MENTION_ONLY, lead)))
    f["_proposer_cue"] = float(bool(gate.search(_PROPOSER, lead)))
    f["generic"] = float(norm.startswith(tuple(lex.generic_partners), us) or _member_of_plural(norm, u, role_text, a))
    f["after_with"] = float(bool(_WITH.search(norm, max(a, us - 14), us)))
    f["after_presence"] = float(bool(gate.search(_PRESENCE, norm, max(a, us - 16), us)))
    k = bisect_left(starts, us)
    prev = [v for v in units[max(0, k - 3):k] if v is not u and v.end <= us]
    f["coordinated"] = float(bool(prev) and bool(_COORD.match(norm[prev[-1].end:us])))
    first_in_clause = not any(a <= starts[i] < us and units[i].pronoun is None for i in range(k))
    f["subject"] = float(first_in_clause and not _PREP_BEFORE_SUBJECT.search(norm, a, us))
    before_words = [w for w in _words_before(norm, us, a, 3) if w not in _HONORIFIC]
    f["possessor"] = float(u.name is not None and u.role is None and bool(before_words)
                           and before_words[-1] not in _FUNCTION
                           and not any(v.role is not None and us - v.end <= 3 for v in prev))
    intro = None
    for im in gate.finditer(_TOPIC_INTRO, norm, max(a, us - 200), us):
        intro = im
    f["_intro_end"] = float(intro.end()) if intro is not None else -1.0
    f["_intro_near"] = float(intro is not None and us - intro.end() < 60 and not _WITH_OR_COMMA.search(norm, intro.end(), us))
    tm = gate.search(_TIME_LEAD, norm, max(a, us - 30), us)
    f["_time_cue"] = float(tm.start()) if tm else -1.0
    name_words = fold(norm[u.name[0]:u.name[1]]).split() if u.name is not None else []
    f["single_token_name"] = float(len(name_words) == 1 and not any(_name_length(doc, v.name) > 1 for v in names))
    f["common_word_name"] = float(bool(name_words) and not roles and _common_word(name_words))
    f["salience"] = min(1.0, math.log1p(n_sentences) / math.log(8))
    f["message_addressee"] = float(bool(_TO.search(norm, max(a, us - 6), us)) and bool(_MESSAGE.search(norm, a, us))
                                   and bool(_HANDED.search(norm, ue, b)))
    cache[id(u)] = f
    return f


_PROPOSER = rxcache.compile(r"پیشنهاد(?:\u200c?های|\u200c?ها|ات)?\s*$")
_WITH_OR_COMMA = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|میان|بین)(?![\p{L}\u200c])|،")
_TO = rxcache.compile(r"(?<![\p{L}\u200c])به\s+$")
_MESSAGE = rxcache.compile(r"(?<![\p{L}\u200c])(?:پیام|نامه|دعوت[\u200c ]?نامه|دست[\u200c ]?نوشته)")
_HANDED = rxcache.compile(r"(?<![\p{L}\u200c])(?:تسلیم|تقدیم|ابلاغ|منتقل|رساند|داد|تحویل)(?![\p{L}\u200c])")


def _member_of_plural(norm: str, u: PersonRef, role_text: str, a: int) -> bool:
    """«فرهنگیان عضو صندوق ذخیره فرهنگیان»، «کشورهای عضو»: «عضو …» after a plural noun says who
    that group is; it names no person."""
    if u.name is not None or not role_text.startswith("عضو"):
        return False
    prev = _words_before(norm, u.start, a, 1)
    return bool(prev) and prev[-1] not in _FUNCTION and prev[-1].endswith(("ان", "ها", "های"))


def _member_summary(doc: Document, u: PersonRef) -> Tuple[List[PersonRef], int]:
    """The units of ``u``'s person that are not pronouns, and the number of sentences that
    person is mentioned in (once per person: a person named a hundred times is not walked
    again for each of its units)."""
    by_entity = doc.user_data.get("events.members")
    if by_entity is None or u.entity is None or u.entity not in by_entity:
        members = _members(doc, u)
        return [v for v in members if v.pronoun is None], len({v.sent for v in members})
    cache = doc.user_data.get("_events_member_summary")
    if cache is None or cache[0] is not by_entity:
        cache = doc.user_data["_events_member_summary"] = (by_entity, {})
    hit = cache[1].get(u.entity)
    if hit is None:
        members = _members(doc, u)
        hit = cache[1][u.entity] = ([v for v in members if v.pronoun is None], len({v.sent for v in members}))
    return hit


def _members(doc: Document, u: PersonRef) -> List[PersonRef]:
    """Every unit of the person ``u`` refers to (from the clustering the extractor stored)."""
    by_entity = doc.user_data.get("events.members")
    if by_entity is None or u.entity is None:
        return [u]
    return by_entity.get(u.entity, [u])


def _common_word(words: Sequence[str]) -> bool:
    if len(words) != 1:
        return False
    return _common_single_word(words[0])


@functools.lru_cache(maxsize=4096)
def _common_single_word(w: str) -> bool:
    from .names import _first_names, _word_freq  # the same evidence the name checks use
    return w not in _first_names() and _word_freq().get(w, 0) > 300_000


@functools.lru_cache(maxsize=1)
def _arguments():
    """(``arguments._units_and_starts``, ``arguments.clause_window``), imported once (that
    module imports this one)."""
    from .arguments import _units_and_starts, clause_window
    return _units_and_starts, clause_window


def _any_reporter(doc: Document, gate: "gates.Gate", roles: Sequence[Tuple[int, int]]) -> bool:
    """Whether one of the titles ``roles`` names a reporter or spokesman (each title read once
    per document: a person's titles are read again for each of its units)."""
    table = doc.user_data.setdefault("_events_reporter_titles", {})
    norm = doc.norm
    for r in roles:
        hit = table.get(r)
        if hit is None:
            hit = table[r] = bool(gate.search(_REPORTER, norm, r[0], r[1]))
        if hit:
            return True
    return False


def _name_length(doc: Document, name: Tuple[int, int]) -> int:
    """Words in the folded name at ``name`` (once per range and document)."""
    table = doc.user_data.setdefault("_events_name_lengths", {})
    n = table.get(name)
    if n is None:
        n = table[name] = len(fold(doc.norm[name[0]:name[1]]).split())
    return n


@dataclass
class ParticipantModel:
    """Logistic weights over :data:`FEATURES`; ``threshold`` on the probability."""

    weights: Dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    vetoes: tuple = VETOES

    _default: "Optional[ParticipantModel]" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "ParticipantModel":
        if cls._default is not None:  # (loaded: no lock to take, once per mention)
            return cls._default
        with cls._lock:
            if cls._default is None:
                cls._default = cls.from_dict(read_json("events/participant_model.json"))
            return cls._default

    @classmethod
    def from_dict(cls, d: dict) -> "ParticipantModel":
        unknown = set(d.get("weights", {})) - set(FEATURES)
        if unknown:
            raise ValueError(f"participant model has weights for unknown features: {sorted(unknown)}")
        vetoes = tuple(d.get("vetoes", VETOES))
        if set(vetoes) - set(FEATURES):
            raise ValueError(f"participant model vetoes unknown features: {sorted(set(vetoes) - set(FEATURES))}")
        return cls(dict(d["weights"]), float(d.get("bias", 0.0)), float(d.get("threshold", 0.5)), dict(d.get("meta", {})),
                   vetoes)

    def to_dict(self) -> dict:
        return {"weights": {k: round(self.weights.get(k, 0.0), 6) for k in FEATURES}, "bias": round(self.bias, 6),
                "threshold": self.threshold, "vetoes": list(self.vetoes), "meta": self.meta}

    def vetoed(self, feats: Dict[str, float]) -> bool:
        return any(feats.get(v) for v in self.vetoes)

    def probability(self, feats: Dict[str, float]) -> float:
        w = self.weights
        z = self.bias + sum([w.get(k, 0.0) * v for k, v in feats.items()])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accept(self, feats: Dict[str, float]) -> bool:
        return not self.vetoed(feats) and self.probability(feats) >= self.threshold
