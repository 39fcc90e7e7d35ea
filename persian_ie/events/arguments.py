"""Arguments of one mention: participants, location and date.

Works inside the trigger's clause window: from the sentence start (after «به گزارش
X،» and after a colon that opens a quotation) to the colon, semicolon or end that
closes the trigger's clause. Which units of the window are parties is scored by the
participant model (:mod:`.linker`: reporters, spokesmen, people only mentioned «پیام X»،
names the talks are about …); visits then take only the traveller (the unit right after
«سفر», or the clause's subject, which also covers «X که … سفر کرده»); follow-up
sentences add attendees («با حضور X»، «X نیز حضور داشت»).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from typing import List, Optional, Sequence, Tuple

import regex

from ..document import Document
from . import gates
from .coref import attribution_end
from .countries import LetterRuns, countries_in, country_of_place
from .index import WINDOW, Near, index_of, stop_at
from .lexicon import Lexicon
from .people import PersonRef
from .triggers import Mention
from .. import _rxcache as rxcache

__all__ = ["clause_window", "participants_of", "location_of", "date_of"]

_DISCUSSED = rxcache.compile(r"(?:در مورد|درباره|در باره|در خصوص|پیرامون|با اشاره به|در پاسخ به|در واکنش به|ضمن اشاره به|"
                           r"اهمیت|نتایج|نتیجه)\s+(?:\S+\s+){0,1}$")
_TEMPORAL = rxcache.compile(r"(?:به دنبال|پس از|پیش از|قبل از|بعد از|از زمان|در آستانه|در حاشیه|به مناسبت)\s+(?:\S+\s+){0,1}$")


def clause_window(doc: Document, m: Mention) -> Tuple[int, int]:
    """Normalized ``(start, end)`` of the clause that holds the mention (at most
    :data:`~persian_ie.events.index.WINDOW` characters on each side of it; cached per document)."""
    cache = doc.user_data.get("_events_clause_windows")
    if cache is None or cache[0] is not doc.norm:
        cache = (doc.norm, {})
        doc.user_data["_events_clause_windows"] = cache
    key = (m.sent, m.start, m.end)
    hit = cache[1].get(key)
    if hit is None:
        hit = cache[1][key] = _clause_window(doc, m)
    return hit


def _clause_window(doc: Document, m: Mention) -> Tuple[int, int]:
    sent = doc.sentences[m.sent]
    lo, hi = max(sent.nstart, m.start - WINDOW), min(sent.nend, m.end + WINDOW)
    text = doc.norm[lo:hi]
    s, e = m.start - lo, m.end - lo
    start = attribution_end(text) if lo == sent.nstart else 0
    slash = text.rfind(" / ", 0, s)
    colon = max(text.rfind(":", 0, s), text.rfind("؛", 0, s), slash + 2 if slash >= 0 else -1)
    if colon >= start:
        start = colon + 1
    return lo + start, lo + _clause_stop(text, e)


def _clause_stop(text: str, e: int) -> int:
    """Where ``[:؛]|\\s/\\s`` first matches in ``text`` from ``e`` (else its length)."""
    return stop_at(text, e, ":؛")


def _units_in(units: Sequence[PersonRef], a: int, b: int, doc: Optional[Document] = None) -> List[PersonRef]:
    if doc is None:
        return [u for u in units if a <= u.start and u.end <= b]
    return _units_and_starts(units, a, b, doc)[0]


def _units_and_starts(units: Sequence[PersonRef], a: int, b: int, doc: Document) -> Tuple[List[PersonRef], List[int]]:
    """The units of ``[a, b)`` in list order (:func:`_units_in`), and their starts."""
    near = index_of(doc, "units", units, lambda u: u.start)
    ends = _ends_of(doc, near)
    keys, items = near.keys, near.items
    ks = [k for k in range(bisect_left(keys, a), bisect_left(keys, b)) if ends[k] <= b]  # = near.between(a, b) ending by b
    found = [items[k] for k in ks]
    if len(found) > 1:
        pos, ordered = _positions(doc, units)
        if not ordered:  # (units listed by start come out of the index in list order already)
            found.sort(key=lambda u: pos[id(u)])
            return found, [u.start for u in found]
    return found, [keys[k] for k in ks]


def _ends_of(doc: Document, near: Near) -> List[int]:
    """The ends of the units of the index ``near``, in its order (once per document)."""
    cached = doc.user_data.get("_events_unit_ends")
    if cached is None or cached[0] is not near:
        cached = (near, [u.end for u in near.items])
        doc.user_data["_events_unit_ends"] = cached
    return cached[1]


def _longest_unit(doc: Document, units: Sequence[PersonRef]) -> int:
    """The length of the longest unit of ``units`` (characters; once per document)."""
    cached = doc.user_data.get("_events_longest_unit")
    if cached is None or cached[0] is not units or cached[1] != len(units):
        cached = (units, len(units), max((u.end - u.start for u in units), default=0))
        doc.user_data["_events_longest_unit"] = cached
    return cached[2]


def _positions(doc: Document, units: Sequence[PersonRef]) -> Tuple[dict, bool]:
    """Each unit's place in ``units`` (by id), and whether ``units`` is in order of start."""
    cached = doc.user_data.get("_events_unit_pos")
    if cached is None or cached[0] is not units or cached[1] != len(units):
        starts = [u.start for u in units]
        ordered = all(starts[i] <= starts[i + 1] for i in range(len(starts) - 1))
        cached = (units, len(units), {id(u): i for i, u in enumerate(units)}, ordered)
        doc.user_data["_events_unit_pos"] = cached
    return cached[2], cached[3]


def participants_of(doc: Document, m: Mention, units: Sequence[PersonRef], lex: Lexicon,
                    mentions: Sequence[Mention] = (), model=None, trace: Optional[list] = None) -> List[PersonRef]:
    """The parties of mention ``m``: person units of its clause that the participant model
    (:mod:`.linker`) accepts, then the event type's own structure (a visit's traveller, the
    speaker before «در این دیدار», the attendees of a follow-up sentence, bodies after «بین/با»).

    ``trace``: when a list, every scored candidate is appended as ``(m, unit, features)``.
    """
    from .linker import ParticipantModel, accepted, features, mention_cues
    model = model or ParticipantModel.default()
    a, b = clause_window(doc, m)
    norm = doc.norm
    cands = []
    near_units = _units_in(units, a, b, doc)
    scored = [u for u in near_units
              # a unit overlapping the trigger («دیدار» inside a role) is not a participant
              if not (u.start < m.end and u.end > m.start and u.pronoun is None) and u.resolved().pronoun is None]
    # (read only for scored candidates and a visit's traveller)
    near_mentions = index_of(doc, "mentions_by_start", mentions, lambda o: o.start).between(a, b) \
        if mentions and (scored or m.type == "visit") else []
    if len(scored) > MAX_CANDIDATES:
        scored = _nearest_units(m, scored, MAX_CANDIDATES)
    cues = mention_cues(doc, m, (a, b), near_mentions) if scored else None
    if trace is None:
        cands = accepted(doc, m, scored, (a, b), near_units, near_mentions, lex, cues, model) if scored else []
    for u in scored if trace is not None else ():
        f = features(doc, m, u, (a, b), near_units, near_mentions, lex, cues)
        trace.append((m, u, f))
        if model.accept(f):
            cands.append(u)
    # a person right after ANOTHER event noun of the clause is that event's («در خصوص سفر رئیس‌جمهور
    # ترکیه»), and so is the one after its «با» («پس از دیدار با X، … قرارداد را امضا کرد»)
    others = [o for o in near_mentions if o is not m and o.sent == m.sent and not o.anaphoric and o.type != m.type] \
        if cands else []  # (only read for candidates)
    cands = [u for u in cands if not any(
        0 <= u.start - o.head_end <= 2 or (0 <= u.start - o.end <= 8 and _WITH_GAP.fullmatch(norm[o.end:u.start])) for o in others)]
    if m.type == "agreement":
        # «قرارداد … به امضای مقام‌های سه کشور خواهد رسید»: whoever it is signed by signs it
        for sm in _SIGNED_BY.finditer(norm, m.end, b):
            signer = next((u for u in near_units if u.start == sm.end() and u.pronoun is None), None)
            if signer is not None and signer not in cands:
                cands = sorted(cands + [signer], key=lambda u: u.start)
    if cands:  # (both keep an empty list empty)
        cands = _drop_reporters(doc, m, cands)
        cands = _inside_phrase(doc, m, cands, near_units)
    if m.type in ("agreement", "meeting", "working_group", "phone_call") and len(cands) < 2:
        cands = sorted(cands + _bodies(doc, m, a, b, cands, lex), key=lambda u: u.start)
    if m.anaphoric:
        # «در این جلسه که با حضور X، Y و Z برگزار شد»، «در این سفر X و Y رئیس‌جمهور را همراهی می‌کنند»
        # (a spokesman who travels with the president is a participant too)
        present = [u for u in near_units if u.pronoun is None or u.resolved().pronoun is None]
        present = attendees(doc, a, b, present) if present else []
        if present:
            return present
    if m.anaphoric and m.type == "visit":
        return []  # «در این سفر X گفت»: the speaker may be the host; only attendance cues count
    if m.type == "visit":
        return _traveller(doc, m, cands, units, near_mentions)
    if not cands:
        return cands  # (what every step below keeps of no candidates)
    temporal = None if m.verbal else gates.of(doc).search(_TEMPORAL, norm, max(a, m.start - 30), m.start)
    if temporal:
        # «X امروز پس از دیدار با Y، قرارداد را امضا کرد»: X (before the phrase) and Y met;
        # «به دنبال دیدار X با Y، Z گفت»: Z (after the phrase) did not
        comma = norm.find("،", m.end, b)
        end = comma if comma >= 0 else b
        return [u for u in cands if u.end <= temporal.start() and not _TEMPORAL.search(norm, a, u.start)
                or m.head_end <= u.start < end]
    if not m.verbal and gates.of(doc).search(_DISCUSSED, norm[max(a, m.start - 30):m.start]):
        # «X در مورد تماس تلفنی وزیر با عباس گفت»: X talks about the event; its parties follow the noun
        after = [u for u in cands if u.start >= m.head_end]
        if after or m.type != "proposal":
            return after
        # «وی در پاسخ به پیشنهاد برگزاری …»: the proposer is unnamed; keep the party who takes it up
    if m.anaphoric:
        # «X نیز در این دیدار گفت»: the speaker(s) before the back-reference
        before = [u for u in cands if u.end <= m.start]
        return before[:2]
    return cands


#: person units of one clause scored as parties of a mention: the nearest ones. The news sample
#: (1,060 articles) has at most 9 in a clause; a run-on list of meetings («X با Y دیدار کرد و
#: X با Y دیدار کرد و …») has dozens in every window, and scoring them all made each mention
#: cost what the whole window holds.
MAX_CANDIDATES = 12


def _nearest_units(m: Mention, units: List[PersonRef], k: int) -> List[PersonRef]:
    """The ``k`` units nearest to the trigger (characters between them), in their own order
    (equal gaps: the first in ``units``)."""
    ms, me = m.start, m.end
    gaps = []
    for u in units:
        us = u.start
        gaps.append(us - me if us >= me else ms - u.end)
    keep = {id(units[i]) for i in sorted(range(len(units)), key=gaps.__getitem__)[:k]}
    return [u for u in units if id(u) in keep]


_WITH_GAP = rxcache.compile(r"\s*(?:ی|ای)?\s*(?:با|و)\s*")
_BETWEEN_BEFORE = rxcache.compile(r"(?:^|\s)(?:بین|میان)\s+$")
_LIST_ON = rxcache.compile(r"^\s*(?:و|،)\s*(?:[^\s.،:؛]+\s+)?$")
_OWN_TRIP = rxcache.compile(r"(?:\u200c?(?:ها|های)|ی)?\s+(?:خود|خویش|ایشان|وی|او)(?![\p{L}])")
_THAT_WORD = rxcache.compile(r"(?:^|\s)که\s")
_WITH_END = rxcache.compile(r"(?:^|\s)با\s*$")
_TO_FROM_END = rxcache.compile(r"(?:^|\s)(?:به|از)\s+(?:[^ .،:؛]+\s+){0,1}$")
_TO_END = rxcache.compile(r"(?:^|\s)به\s+$")
_IN_END = rxcache.compile(r"(?:^|\s)(?:در|در محل|در شهر|در کاخ|در پایتخت)\s+$")
_ENVOY_END = rxcache.compile(r"(?:سفیر|سفارت|نماینده|کاردار|سرکنسول|کنسول)[^،.]{0,25}$")
_SIGNED_BY = rxcache.compile(r"(?<![\p{L}\u200c])به\s+امضای\s+(?:[«\"]\s*)?")
#: a verb of saying that opens a complement clause: «X اعلام کردند، …»، «X ابراز امیدواری کرد که …»
_SAYS_THAT = rxcache.compile(r"(?<![\p{L}\u200c])(?:گفت|گفتند|گفته|افزود|افزودند|اعلام|ابراز امیدواری|اظهار امیدواری|"
                           r"امیدواری|تاکید|تأکید|خاطرنشان|تصریح|اظهار|یادآور|پیش[\u200c ]?بینی|خبر)"
                           r"(?:\s+(?:کرد|کردند|کرده|کرده است|کرده بود|کرده‌اند|داشت|داشتند|شد|شدند|داد|دادند|است|بود))?"
                           r"\s*(?:،\s*|\s+که\s+)")


_THAT = rxcache.compile(r"(?<![\p{L}\u200c])که(?![\p{L}\u200c])")
_IN_BEFORE = rxcache.compile(r"(?<![\p{L}\u200c])در\s+$")
_LIST_ONLY = rxcache.compile(r"^[\s،,«»\"]*(?:(?:و|یا)[\s«»\"]+)?$")


def _inside_phrase(doc: Document, m: Mention, cands: List[PersonRef], units: Sequence[PersonRef]) -> List[PersonRef]:
    """«خامنه‌ای در دیدار جمعی از روحانیان، "منطق و عقل" … و "عاطفه" را … دانستند»: a trigger that
    opens an adverbial phrase («در دیدار …،») has its parties inside that phrase; after the comma
    that closes it only a list of the phrase's own names goes on («در دیدار با X، Y و Z»)."""
    norm = doc.norm
    if m.anaphoric or not _IN_BEFORE.search(norm, max(0, m.start - 4), m.start):
        return cands
    comma = norm.find("،", m.end, m.end + WINDOW)
    if comma < 0 or _THAT.search(norm, m.end, comma):
        return cands  # «در دیداری که …، صورت گرفت و X نیز حضور داشتند»: a relative clause runs on
    out = []
    for u in cands:
        if u.start > comma and not _THAT.search(norm, comma, u.start):  # («…، روسای شعب که با حضور X …»)
            gap, pos = [], comma + 1
            for v in units:
                if pos <= v.start and v.end <= u.start:
                    gap.append(norm[pos:v.start])
                    pos = v.end
            gap.append(norm[pos:u.start])
            if not all(_LIST_ONLY.match(g) for g in gap):
                continue
        out.append(u)
    return out


#: a possessive on the trigger: «دیدارش»، «سفر خود»
_OWN = rxcache.compile(r"(?:\u200c?(?:ش|اش|شان)|(?:ی)?\s+(?:خود|خویش))(?![\p{L}\u200c])")
_WITH_BEFORE = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|میان|بین)\s+(?:حضور\s+)?(?:[«\"]\s*)?$")


def _drop_reporters(doc: Document, m: Mention, cands: List[PersonRef]) -> List[PersonRef]:
    """«عراقچی … ابراز امیدواری کرد که دیدار … رئیس‌جمهور ایران به ژاپن …»: a speaker whose
    complement clause names its own party reports the event and is not a party of it (when the
    clause names nobody but a counterpart, the speaker is its subject: «ظریف گفت که به مسکو سفر
    می‌کند»، «الهام احمد گفت که نشست‌هایی با هیئت روسیه داشته است»)."""
    norm = doc.norm
    if _OWN.match(norm, m.head_end):
        return cands  # «X گفت، دیدارش با Y …»: the speaker's own event
    out = []
    for u in cands:
        says = _SAYS_THAT.search(norm, u.end, m.start) if u.end <= m.start and m.start - u.end < 200 else None
        if says and any(says.end() <= v.start and not _WITH_BEFORE.search(norm, max(0, v.start - 14), v.start)
                        and (v.role is not None or v.resolved().role is not None or v.plural or v.body)
                        for v in cands if v is not u):  # (a titled party: not a stray name the tagger found)
            continue
        out.append(u)
    return out


_PRESENCE_BEFORE = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|در) حضور\s+")
_PRESENCE_AFTER = rxcache.compile(r"(?<![\p{L}\u200c])(?:نیز\s+)?(?:حضور|شرکت)\s+(?:داشت|داشتند|داشته|یافت|یافتند|کرد|کردند|کرده)"
                                r"(?![\p{L}])|(?<![\p{L}\u200c])(?:را\s+)?همراهی\s+(?:ن?می[\u200c ]?)?(?:کرد|کردند|کند|کنند)(?![\p{L}])")
_LIST_GAP = rxcache.compile(r"^[\s،,]*(?:(?:و|و نیز|همچنین|نیز|جمعی از|تعدادی از|برخی از)[\s،,]+)*$")


def attendees(doc: Document, a: int, b: int, units: Sequence[PersonRef]) -> List[PersonRef]:
    """People a follow-up sentence says were present: the list after «با/در حضور» or the
    subjects of «حضور داشتند/شرکت کردند/… را همراهی می‌کنند» (in ``[a, b)``)."""
    norm = doc.norm
    units = sorted((u for u in units if a <= u.start and u.end <= b), key=lambda u: u.start)
    out: List[PersonRef] = []
    for cue in _PRESENCE_BEFORE.finditer(norm, a, b):
        prev = cue.end()
        for u in units:
            if u.start < cue.end():
                continue
            if not _LIST_GAP.match(norm[prev:u.start]):
                break
            out.append(u)
            prev = u.end
    cue = _PRESENCE_AFTER.search(norm, a, b)
    if cue:
        chain: List[PersonRef] = []
        nxt = cue.start()
        for u in reversed([u for u in units if u.end <= cue.start()]):
            gap = norm[u.end:nxt]
            if chain and not _LIST_GAP.match(gap):
                break
            if not chain and len(gap) > 40:
                break
            chain.insert(0, u)
            nxt = u.start
        out.extend(u for u in chain if u not in out)
    return out


_COUNTED_COUNTRIES = rxcache.compile(r"(?<![\p{L}\u200c])(?:دو|سه|چهار|پنج)\s+کشور(?![\p{L}\u200c])")
_DEMONYM_PLURAL = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|بین|میان)\s+([\p{L}]+ی\u200c?ها)(?![\p{L}\u200c])")
_BODY_LEAD = rxcache.compile(r"(?:^|\s)(?:بین|میان|با)\s+$")
#: «با» after a noun of relation joins a topic, not a party: «آماده ارتقاء همکاری‌ها با بلاروس هستیم»
_TIE_BEFORE_WITH = rxcache.compile(r"(?<![\p{L}\u200c])(?:همکاری|روابط|مناسبات|تعامل|تعاملات|ارتباط|ارتباطات|تجارت|مبادلات|دوستی)"
                                 r"(?:\u200c?(?:ها|های)|ی)?\s+(?:[\p{L}\u200c]+\s+){0,2}?(?:با|بین|میان)\s+$")
_MEDIA_ORG = rxcache.compile(r"(?:خبرگزاری|روزنامه|شبکه|پایگاه|سایت|تلویزیون|رادیو|نشریه|هفته\u200c?نامه|خبر)")


def _bodies(doc: Document, m: Mention, a: int, b: int, people: Sequence[PersonRef], lex: Lexicon) -> List[PersonRef]:
    """Organizations that take part as such: «تفاهم‌نامه بین دانشگاه X و شرکت Y امضا شد»، «… با شرکت Y دیدار کرد».

    An organization counts when it follows «بین/میان/با» (or «و» after one that does), or — for a
    signing — opens the clause; never one inside a person's title, a medium, or one only mentioned.
    """
    norm = doc.norm
    org_spans = _entity_spans(doc, ("ORG",)).between(a, b)
    loc_spans = _entity_spans(doc, ("LOC",)).between(a, b)
    gate = gates.of(doc)
    if not org_spans and not loc_spans and not gate.may_match(_DEMONYM_PLURAL, norm, a, b) \
            and not gate.may_match(_COUNTED_COUNTRIES, norm, a, b):
        return []  # (no body can be found below)
    taken = [(u.start, u.end) for u in people] + [u.role for u in people if u.role] + [u.name for u in people if u.name]
    orgs = []
    for s, t in org_spans:
        if not (a <= s and t <= b) or (m.start <= s < m.end):
            continue
        if any(x <= s and t <= y for x, y in taken if x is not None):
            continue
        media = bool(_MEDIA_ORG.search(norm[s:t]) or any(norm[s:t].startswith(w) for w in lex.media))
        orgs.append((s, t, media))
    # a country or capital spoken to as a party: «ملک سلمان با واشنگتن تماس گرفت»
    for s, t in loc_spans:
        if t <= b and not (m.start <= s < m.end) and _BODY_LEAD.search(norm[max(a, s - 8):s]) \
                and not _TIE_BEFORE_WITH.search(norm[max(a, s - 40):s]) and any(k in ("country", "capital") for _, _, _, k in countries_in(norm[s:t])) \
                and not any(x <= s and t <= y for x, y in taken if x is not None):
            orgs.append((s, t, False))
    # «با سعودی‌ها مذاکره کرده‌اند»: a people named by its demonym in the plural
    for dm in gate.finditer(_DEMONYM_PLURAL, norm, a, b):
        s, t = dm.span(1)
        hits = countries_in(norm[s:t].replace("\u200cها", "").removesuffix("ها"))
        if hits and hits[0][3] == "demonym" and not _TIE_BEFORE_WITH.search(norm[max(a, s - 40):s]) and not any(x <= s and t <= y for x, y in taken if x is not None):
            out_plural = PersonRef(role=(s, t), sent=m.sent, plural=True)
            orgs.append((s, t, out_plural))
    # «سه کشور … به توافق دست یافته بودند و دور جدید مذاکرات … آغاز شده است»: the countries counted
    # as the clause's subject or after «بین/میان» are the parties
    for cm in gate.finditer(_COUNTED_COUNTRIES, norm, a, b):
        s, t = cm.span()
        if m.start <= s < m.end or any(x <= s and t <= y for x, y in taken if x is not None):
            continue
        if s - a <= 3 or _BETWEEN_BEFORE.search(norm[max(a, s - 8):s]):
            orgs.append((s, t, PersonRef(role=(s, t), sent=m.sent, plural=True)))
    out: List[PersonRef] = []
    prev_ok_end = None
    for s, t, media in sorted(orgs, key=lambda x: x[:2]):
        if isinstance(media, PersonRef):
            out.append(media)
            prev_ok_end = t
            continue
        lead = norm[max(a, s - 8):s]
        ok = bool(_BODY_LEAD.search(lead))
        if not ok and prev_ok_end is not None and _LIST_ON.match(norm[prev_ok_end:s]):
            ok = True  # «بین دانشگاه X و شرکت Y»، «دولت آلمان و مدیریت شرکت لوفت‌هانزا»
        if not ok and m.type in ("agreement", "meeting") and s - a <= 3 and s < m.start:
            ok = True  # the subject of the clause: «دولت آلمان و … به توافق رسیدند»
        if ok:
            prev_ok_end = t  # a list goes on across a medium named in it
            if not media:
                out.append(PersonRef(role=(s, t), org=(s, t), sent=m.sent, body=True))
    return out


#: what may stand between «سفر» and its traveller: «سفر اخیر هو جین‌تائو» (the entity stage kept «جین‌تائو»)
_GENITIVE_GAP = rxcache.compile(r"[\s\u200c]*(?:ی|ای|های)?(?:\s+(?:اخیر|رسمی|دوروزه|دو روزه|سه روزه|یک روزه|کاری))?"
                              r"(?:\s+(?!(?:به|از|در|با|و|که|را|برای)\s)[\p{L}]{1,3})?\s*")
_AFTER_PREP = rxcache.compile(r"(?<![\p{L}\u200c])(?:با|میان|بین|عنوان|نزد|نشست|اجلاس|جلسه|همایش|کنفرانس|مراسم)\s+(?:[«\"]\s*)?$")


def _traveller(doc: Document, m: Mention, cands: List[PersonRef], units: Sequence[PersonRef] = (),
               others: Sequence[Mention] = ()) -> List[PersonRef]:
    norm = doc.norm
    if _OWN_TRIP.match(norm, m.head_end):
        # «سفر خود به مینسک»: the clause's subject travelled
        first = [u for u in cands if u.end <= m.start]
        return first[:1]
    after = [u for u in cands if u.start >= m.head_end and _GENITIVE_GAP.fullmatch(norm[m.head_end:u.start])]
    if after:
        return after[:1]
    gen = _GENITIVE.match(norm, m.head_end)
    if gen and not m.verbal:
        # «سفر روحانی به توکیو»: the traveller is the genitive, even where the entity stage missed the
        # name here, if the article names that person elsewhere («حسن روحانی»)
        s, e = gen.span(1)
        e = s + len(norm[s:e].rstrip())
        last = norm[s:e].split()[-1] if norm[s:e].split() else ""
        for p in doc.entities:
            if p.label == "PER" and (p.normalized or p.text).split()[-1:] == [last]:
                hint = next((u.role for u in units if u.name is not None and u.role is not None
                             and norm[u.name[0]:u.name[1]].split()[-1:] == [last]), None)
                return [PersonRef(name=(s, e), sent=m.sent, role_hint=hint)]
        return []
    before = _outside_relatives(norm, [u for u in cands if u.end <= m.start], m.start)
    # the traveller is a subject: not a unit after a preposition («با X»، «به عنوان X»، «برای دیدار با X»)
    # nor the genitive of another trigger («سفر X به پاریس … که Y به پاریس رفت»)
    subjects = [u for u in before if not _AFTER_PREP.search(norm, max(0, u.start - 14), u.start)
                and not any(0 <= u.start - o.head_end <= 2 for o in others if o is not m)]
    if subjects and subjects[-1] is not before[-1] and not _THAT_WORD.search(norm[before[-1].end:m.start]):
        before = before[:before.index(subjects[-1]) + 1]
    if before:
        # «X و Y به Z سفر کردند»
        last = before[-1]
        out = [last]
        for u in reversed(before[:-1]):
            gap = norm[u.end:out[0].start].strip()
            if gap in ("و", "،"):
                out.insert(0, u)
            else:
                break
        # the subject of the clause, when the nearest unit sits after «با» (not «با X که … سفر کرده»)
        rel = _THAT_WORD.search(norm[last.end:m.start])
        if not rel and _WITH_END.search(norm[max(0, last.start - 6):last.start]) and before[0] is not last:
            return [before[0]]
        return out
    return []


_RELATIVE = rxcache.compile(r"(?<![\p{L}\u200c])که\s+[^.:؛]{1,120}?(?<![\p{L}\u200c])(?:است|بود|هستند|بودند|می[\u200c ]?باشد)(?![\p{L}\u200c])")


def _outside_relatives(norm: str, before: List[PersonRef], end: int) -> List[PersonRef]:
    """«آبه شینزو که یکی از رهبران نزدیک به دونالد ترامپ است به ایران سفر کرده بود»: a person
    inside a relative clause that closes before the verb is not its subject."""
    if len(before) < 2:
        return before
    out = [before[0]]
    for u in before[1:]:
        rel = _RELATIVE.search(norm, out[-1].end, end)
        if rel and rel.start() < u.start and u.end <= rel.end() and rel.end() <= end:
            continue
        out.append(u)
    return out


_GENITIVE = rxcache.compile(r"\s+((?:(?!(?:به|از|در|با|برای|خود|خویش|این|آن|اخیر|هیئت|هیات|که|و|را|رسمی|دو|سه|یک|چند|کاری|دولتی|آتی|آینده|احتمالی|قریب[\u200c ]?الوقوع)\s)"
                          r"[\p{Arabic}&&\p{L}][\p{Arabic}&&\p{L}\u200c]+\s+){1,3}?)(?=(?:به|از)\s)", regex.V1)


_VENUE = rxcache.compile(r"(?<![\p{L}])در\s+((?:محل|ساختمان|کاخ|مقر|دفتر|سالن|اقامتگاه|هتل|نهاد)\s+"
                       r"(?:(?!(?:با|و|که|را|به|از|برای|دیدار|ملاقات|گفت|دیدار|نشست|امروز|دیروز|صبح|عصر)\s)[^\s.،:؛«»()]+\s?){1,5}?)"
                       r"(?=\s+(?:با|و|که|را|به|از|برای|دیدار|ملاقات|گفت|نشست|امروز|دیروز|صبح|عصر|برگزار|انجام|صورت)\s|[.،:؛])")


def _places(doc: Document, a: int, b: int) -> List[Tuple[int, int, Optional[str]]]:
    """Places in ``[a, b)``: LOC/FAC entities if the entity stage ran, else the gazetteer."""
    norm = doc.norm
    out: List[Tuple[int, int, Optional[str]]] = []
    tagged = _entity_spans(doc, ("LOC", "FAC")).between(a, b)
    found = _letter_runs(doc).countries_between(a, b)  # = countries_in(norm[a:b])
    if not tagged and not found:
        return out
    countries = doc.user_data.get("_events_place_countries")
    if countries is None or countries[0] is not norm:
        countries = doc.user_data["_events_place_countries"] = (norm, {})
    for s, t in tagged:
        if a <= s and t <= b:
            place = norm[s:t]
            country = countries[1].get(place, _UNSEEN)
            if country is _UNSEEN:
                country = countries[1][place] = country_of_place(place)
            out.append((s, t, country))
    # gazetteer places the entity stage did not tag (they never overlap one another, so only
    # the tagged places above can overlap one: those starting before its end, the furthest end
    # among them)
    tagged_starts = [x for x, _, _ in out]
    furthest_end = list(itertools.accumulate((y for _, y, _ in out), max))
    in_org = doc.user_data.get("_events_places_in_orgs")
    if in_org is None or in_org[0] is not norm:
        in_org = doc.user_data["_events_places_in_orgs"] = (norm, {})
    for s, t, country, kind in found:
        if kind in ("demonym", "reference"):
            continue
        s, t = a + s, a + t
        k = bisect_left(tagged_starts, t)
        if k and furthest_end[k - 1] > s:
            continue
        inside = in_org[1].get((s, t))
        if inside is None:
            inside = in_org[1][(s, t)] = any(
                x <= s and t <= y for x, y in _entity_spans(doc, _ORG_LABELS).between(s - _LONGEST_ENTITY, t))
        if inside:
            continue  # «دانشگاه تهران»، «شهرداری تهران»: a place inside an organization
        out.append((s, t, country))
    out.sort()
    return out


_UNSEEN = object()


def _letter_runs(doc: Document) -> LetterRuns:
    """The document's runs of letters for country look-ups in windows (cached per document)."""
    runs = doc.user_data.get("_events_letter_runs")
    if runs is None or runs.text is not doc.norm:
        runs = LetterRuns(doc.norm)
        doc.user_data["_events_letter_runs"] = runs
    return runs


_ORG_LABELS = ("ORG", "ROLE", "PER", "FAC", "EVENT")
#: entities longer than this (characters) are not searched for around a place (none is)
_LONGEST_ENTITY = 300


_SPAN_KEYS: dict = {}


def _entity_spans(doc: Document, labels: Tuple[str, ...]):
    """Normalized spans of the document's entities with ``labels``, indexed by start
    (the entities stage has run before; cached per document)."""
    key = _SPAN_KEYS.get(labels)
    if key is None:
        key = _SPAN_KEYS[labels] = f"_events_entity_spans_{'_'.join(labels)}"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(doc.entities):
        spans = [doc.norm_span(e) for e in doc.entities if e.label in labels]
        cached = (len(doc.entities), Near((s[0], s) for s in spans))
        doc.user_data[key] = cached
    return cached[1]


def _ORG_RANGES(doc: Document) -> List[Tuple[int, int]]:
    cached = doc.user_data.get("_events_org_ranges")
    if cached is None:
        cached = [doc.norm_span(e) for e in doc.entities if e.label in ("ORG", "ROLE", "PER", "FAC", "EVENT")]
        doc.user_data["_events_org_ranges"] = cached
    return cached


def location_of(doc: Document, m: Mention, units: Sequence[PersonRef]) -> Optional[Tuple[int, int]]:
    """The place stated for this event («در مسقط دیدار کرد»، «سفر به بلاروس»)."""
    a, b = clause_window(doc, m)
    norm = doc.norm
    venue = gates.of(doc).search(_VENUE, norm, a, b)
    if venue and m.type != "visit" and abs(venue.start() - m.start) < 120:
        # «در محل وزارت امور خارجه»، «در کاخ سعدآباد»: a venue named for this event
        return venue.span(1)
    places = _places(doc, a, b)
    if m.type != "visit":
        # only «در X» within 90 characters of the trigger is read below: the others need no test
        places = [p for p in places if _distance_to(m, p[0]) <= 90]
    if not places:
        return None
    places = _outside_people(doc, units, a, b, places)
    if not places:
        return None
    if m.type == "visit":
        for s, t, _ in places:
            if m.start <= s and t <= m.end:  # «عازم دمشق شد»، «وارد مسکو شد»
                return (s, t)
        for s, t, _ in places:
            prev = norm[max(a, s - 30):s]
            if s >= m.head_end and _TO_FROM_END.search(prev):
                return (s, t)
        for s, t, _ in places:
            prev = norm[max(a, s - 6):s]
            if t <= m.start and _TO_END.search(prev) and m.start - t < 40:
                return (s, t)
    # «در X» close to the trigger, in the same clause
    best = None
    for s, t, _ in places:
        dist = _distance_to(m, s)
        if dist > 90:
            continue
        prev = norm[max(a, s - 12):s]
        if not _IN_END.search(prev):
            continue
        if _ENVOY_END.search(norm[max(a, s - 40):s]):
            continue
        if best is None or dist < best[0]:
            best = (dist, (s, t))
    return best[1] if best else None


def _distance_to(m: Mention, s: int) -> int:
    """Characters from the trigger to a place starting at ``s``."""
    return abs(s - m.start) if s < m.start else abs(s - m.end)


def _outside_people(doc: Document, units: Sequence[PersonRef], a: int, b: int, places: List) -> List:
    """``places`` (of the window ``[a, b)``) less those inside a person's title or name, of a
    unit in ``[a - WINDOW, b + WINDOW)``. A title or name that holds a place ends at or after
    the place's end and starts at or before its start, so only the units starting in the
    longest unit's length before the place's end, and not after its start, are looked at
    (not every unit of the window, for each mention)."""
    if not units or not places:
        return places
    lo, hi = max(0, a - WINDOW), b + WINDOW
    index = index_of(doc, "units", units, lambda u: u.start)
    keys, items = index.keys, index.items
    longest = _longest_unit(doc, units)
    first = max(lo, a - longest)  # (the units of the window: starting in [first, top), ending in (a, hi])
    top = min(hi, b)
    out = []
    for p in places:
        s, t = p[0], p[1]
        inside = False
        for k in range(bisect_left(keys, max(first, t - longest)), bisect_left(keys, min(top, s + 1))):
            u = items[k]
            if not a < u.end <= hi:
                continue
            for r in (u.role, u.name):
                if r is not None and r[0] <= s and t <= r[1] and r[0] < b and r[1] > a:
                    inside = True
                    break
            if inside:
                break
        if not inside:
            out.append(p)
    return out


def date_of(doc: Document, m: Mention, dates: Sequence, others: Sequence[Mention] = ()) -> Optional[object]:
    """The DateValue of the mention (the one tied to its trigger or in its own phrase
    first; see :mod:`.dating`), or None. ``others``: the other trigger mentions."""
    from .dating import event_date

    a, b = clause_window(doc, m)
    near_dates = _spanned(doc, dates).between(a - _LONGEST_ENTITY, b)
    if not near_dates:
        return None  # (what event_date answers without a date to weigh)
    near = index_of(doc, "date_of_mentions", others, lambda o: o.start)
    return event_date(doc, m, near_dates, (a, b), near.between(a - _LONGEST_ENTITY, b), Lexicon.default().heads)


def _spanned(doc: Document, dates: Sequence) -> Near:
    """``dates`` as ``(nstart, nend, date)``, indexed by start (built once per document)."""
    def build():
        out = []
        for d in dates:
            try:
                s, t = doc.norm_span(d.span)
            except (IndexError, AttributeError):
                continue
            out.append((s, t, d))
        return out
    cached = doc.user_data.get("_events_spanned_dates")
    if cached is None or cached[0] is not dates or cached[1] != len(dates):
        cached = (dates, len(dates), Near((x[0], x) for x in build()))
        doc.user_data["_events_spanned_dates"] = cached
    return cached[2]
