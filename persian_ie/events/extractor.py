"""The ``events`` pipeline stage: :class:`EventExtractor`.

Order of work: person units (:mod:`.people`) and their back-references
(:mod:`.coref`) → trigger mentions (:mod:`.triggers`) → per mention status
(:mod:`.status`), participants, place and date (:mod:`.arguments`) → merging of
mentions into events (:mod:`.merge`) → topics (:mod:`.topics`) → records.
"""

from __future__ import annotations

from bisect import bisect_left

from typing import Dict, List, Optional, Sequence, Tuple


from ..document import Document, Span
from ..normalize import normalize
from ..records import Event, Participant, Topic
from . import coref, gates
from .arguments import _positions, clause_window, date_of, location_of, participants_of
from .countries import FOREIGN_OFFICE, INTL_BODY, country_in_context, country_of_role
from .index import WINDOW, Near, index_of
from .lexicon import Lexicon
from .merge import _BOTH_SIDES, _PLURAL_HEAD, Cluster, PartSlot, consolidate, merge_mentions, same_person
from .names import junk_name as _junk_name, persian_name
from .people import PersonRef, add_role_hints, fold, people_of
from .status import is_background, status_of
from .topics import assign_topics
from .triggers import Mention, find_mentions
from .. import _rxcache as rxcache

__all__ = ["EventExtractor"]

_SIDES = rxcache.compile(r"^(?:این |هر )?(?:دو طرف|طرفین|دوطرف|دو کشور|دو وزیر|دو رئیس|دو مقام|دو رهبر|دو مسئول|وی|او|ایشان|این مقام)")
_LEAD_SENTENCES = 2
_FIRST_PERSON = {"داشتم", "داشتیم", "کردم", "کردیم", "رفتم", "رفتیم", "گفتم", "گفتیم", "دیدم", "خواستم", "خواستیم",
                 "کنم", "کنیم", "داریم", "دارم", "بودم", "بودیم", "شدم", "شدیم"}
_PROPOSAL_OBJECT = rxcache.compile(r"^(?:\u200c?(?:ها|های|ی))?\s+(?:[^ .،:؛]+\s+){0,3}?(?:برای|مبنی بر|جهت)?\s*"
                                r"(?:برگزاری|ایجاد|تشکیل|راه[\u200c ]?اندازی|برپایی|تاسیس|تأسیس|اجرای|ساخت|احداث|افتتاح|اعزام|تبادل)\s+"
                                r"((?:(?!(?:در|با|به|از|را|که|برای|تا|و)\s)[^ .،:؛«»]+\s*){1,6}?)(?=\s(?:در|با|به|از|را|که|برای|تا|نیز|گفت|است)\s|[.،:؛]|$)")
def _two_sides(doc: Document, ref: PersonRef) -> bool:
    """A plural title naming two or more countries («وزرای دفاع روسیه و ترکیه»)."""
    from .countries import countries_in
    if ref.role is None:
        return False
    text = doc.norm[ref.role[0]:ref.role[1]]
    words = fold(text).split()
    if words and _PLURAL_HEAD.get(words[0]) and _BOTH_SIDES.search(text):
        return True  # «وزرای تجارت دو کشور»: an office held on both sides (not «مقامات دو کشور»)
    if _COUNTED_COUNTRIES.fullmatch(text):
        return True  # «سه کشور … مذاکرات»: the countries themselves
    return len({c for _, _, c, _ in countries_in(text)}) >= 2


_KIN = rxcache.compile(r"[\s،\"«»]*(?:برادر|خواهر|همسر|مادر|پدر|فرزند|پسر|دختر|بستگان|خانواده)(?:ش|\u200c?اش)?(?![\p{L}])"
                    r"|(?:برادر|خواهر|همسر|مادر|پدر|فرزند|پسر|دختر)(?:ش|\u200c?اش)?[\s،\"«»]*$")
#: a session of a multilateral body named by its members: «نشست سران سازمان همکاری شانگهای»،
#: «اجلاس وزرای خارجه کشورهای عضو جنبش عدم تعهد» (the guidelines do not count these as events)
_MULTILATERAL = rxcache.compile(r"(?:نشست|اجلاس|جلسه|همایش|کنفرانس)(?:\u200c?های|\u200c?ها)?\s+(?:سران|وزرای|وزیران|اعضای|نمایندگان|رهبران)"
                              r"\s+(?:[\p{L}\u200c]+\s+){0,2}?(?:کشورهای\s+(?:عضو\s+)?)?(?:سازمان|اتحادیه|شورای|گروه|جنبش|پیمان|مجمع)(?![\p{L}\u200c])")
_PROPOSER_COLON = rxcache.compile(r"پیشنهاد (?:کرد|کردند|داد|دادند|می\u200c?کنم|می\u200c?کند)(?: که)?\s*:?\s*$")


def _names_by_last_word(doc: Document, units: Sequence[PersonRef]) -> Dict[str, List[Tuple[List[str], Tuple[int, int]]]]:
    """The units' names (folded words, span) by their last folded word, in the units' order
    (once per document and unit list)."""
    cached = doc.user_data.get("_events_names_by_last_word")
    if cached is None or cached[0] is not units or cached[1] != len(units):
        table: Dict[str, List[Tuple[List[str], Tuple[int, int]]]] = {}
        norm = doc.norm
        for u in units:
            if u.name is not None:
                cand = fold(norm[u.name[0]:u.name[1]]).split()
                if cand:
                    table.setdefault(cand[-1], []).append((cand, u.name))
        cached = doc.user_data["_events_names_by_last_word"] = (units, len(units), table)
    return cached[2]


#: the run of spaces and colons a text ends with (searched backwards: as long as the run)
_TRAILING_SPACE_OR_COLON = rxcache.compile(r"(?r)[\s:]*\Z")
#: longest «پیشنهاد VERB که» a :data:`_PROPOSER_COLON` match starts with (17), and a margin
_PROPOSER_LEAD = 40


def _proposer_colon_before(norm: str, lo: int, a: int) -> bool:
    """``_PROPOSER_COLON.search(norm[lo:a])``, reading only the end of that text.

    A match ends at ``a`` with spaces and at most one colon after a word that ends in a
    letter, so it starts at most :data:`_PROPOSER_LEAD` characters before the run of spaces
    and colons the text ends with: searching the whole clause prefix for each mention made
    a run-on sentence of proposals quadratic.
    """
    k = _TRAILING_SPACE_OR_COLON.search(norm, lo, a).start()
    return bool(_PROPOSER_COLON.search(norm[max(lo, k - _PROPOSER_LEAD):a]))


_COUNTED_COUNTRIES = rxcache.compile(r"(?:دو|سه|چهار|پنج)\s+کشور")
_SENTENCE_STOP_END = rxcache.compile(r"[.!؟?]$")
_SENTENCE_STOP = rxcache.compile(r"[.!؟?]")
_PRONOUN_LEAD = rxcache.compile(r"^\s*(?:وی|او|ایشان|این مقام)")
_SAID = rxcache.compile(r"(?:گفت|افزود|اظهار|تاکید کرد|تأکید کرد|ادامه داد)")
_PLURAL_END = rxcache.compile(r"(?:ها|های|هایی)$")
_OWN_VERB = rxcache.compile(r"(?:^|\s)(\p{L}+(?:یم|دم|تم))$")
_FIRST_PERSON_VERB = rxcache.compile(r"(?:^|\s)((?:ن?می\u200c)?\p{L}+(?:م|یم))(?=[\s.،]|$)")


def _first_person_verb(pattern, text: str):
    """``pattern.search(text)`` for the first-person verb patterns, whose matches all hold «م»."""
    return pattern.search(text) if "م" in text else None


_SIGNED_WORD = rxcache.compile(r"(?:نامه|امضا)")
_COUNTERPART = rxcache.compile(r"^(?:همتایان|همتای|همتا)(?: خود| خویش)?$")

#: no trigger mention is longer than this, in characters
_LONGEST_MENTION = 200


class _People:
    """The person units of a document (:func:`people_of`), read when first asked for; iterating
    gives the spans of the units that are not pronouns (the counterpart evidence of
    :func:`find_mentions`, asked only at a trigger that needs it)."""

    __slots__ = ("doc", "lex", "_units", "_spans")

    def __init__(self, doc: Document, lex: Lexicon):
        self.doc, self.lex = doc, lex
        self._units: Optional[List[PersonRef]] = None
        self._spans: Optional[List[Tuple[int, int]]] = None

    def units(self) -> List[PersonRef]:
        if self._units is None:
            self._units = people_of(self.doc, self.lex)
        return self._units

    def __iter__(self):
        if self._spans is None:
            self._spans = [(u.start, u.end) for u in self.units() if u.pronoun is None]
        return iter(self._spans)


def _colon_between(norm: str, a: Mention, b: Mention) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return ":" in norm[lo:hi] if lo < hi else False


class EventExtractor:
    """Pipeline stage: fills ``doc.events`` with :class:`~persian_ie.records.Event` records.

    Args:
        min_confidence: events below this confidence are dropped.
    """

    name = "events"

    def __init__(self, min_confidence: float = 0.0, participant_model=None):
        self.min_confidence = float(min_confidence)
        self._lex: Optional[Lexicon] = None
        #: the :class:`~persian_ie.events.linker.ParticipantModel` (default: the shipped one)
        self.participant_model = participant_model
        #: when a list, scored participant candidates are appended (training and inspection)
        self.trace: Optional[list] = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lex is None:
            self._lex = Lexicon.default()
        return self._lex

    def __reduce__(self):
        return (EventExtractor, (self.min_confidence, self.participant_model))

    # -- stage ----------------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        if not doc.sentences:
            return doc
        lex = self.lexicon
        self._drop_scratch(doc)
        # the trigger mentions first: most articles have none, and an article without one gives no
        # event, so its people (read only when a trigger asks for them) and their references are
        # not worked out (find_mentions reads nothing the steps below write)
        people = _People(doc, lex)
        mentions = find_mentions(doc, lex, people)
        keep_units = doc.user_data.get("events.keep_units")
        if not mentions and not keep_units:
            self._drop_scratch(doc)
            return doc
        units = people.units()
        if keep_units:
            doc.user_data["events.units"] = units  # for training and inspection
        coref.resolve(doc, units)
        coref.cluster(doc, units)
        doc.user_data["events.titled_entities"] = {u.entity for u in units if u.role is not None and not u.plural}
        members: Dict[int, List[PersonRef]] = {}
        for u in sorted(units, key=lambda x: x.start):
            members.setdefault(u.entity, []).append(u)
        doc.user_data["events.members"] = members
        doc.user_data["events.units_all"] = units
        add_role_hints(doc, units)
        dates = list(doc.dates)
        if not dates and not any(e.label == "DATE" for e in doc.entities):
            from .dates_fallback import find_dates
            dates = find_dates(doc)
        for m in mentions:
            m.status = status_of(doc, m, lex) if not m.anaphoric else None
        mentions = [m for m in mentions if m.status != "hypothetical" and not self._question(doc, m)]
        mentions = self._prune(doc, mentions)
        titles = self._title_sentences(doc)
        kept: List[Mention] = []
        self._last_pair = {}
        last: List[PersonRef] = []
        session_sents = set()
        multilateral = gates.literals(_MULTILATERAL)  # (one of them starts every match)
        for m in mentions:
            self._last_pair[m.sent] = self._last_pair.get(m.sent, last)
            m.title = m.sent in titles
            if not m.anaphoric and (multilateral is None or doc.norm.startswith(multilateral, m.start)) \
                    and _MULTILATERAL.match(doc.norm, m.start, m.start + 120):
                session_sents.add(m.sent)  # «نشست سران سازمان همکاری شانگهای»: not an event (guidelines)
                continue
            if m.anaphoric and m.sent in session_sents:
                continue  # «… و در حاشیه این نشست»: that same session
            if not m.anaphoric and is_background(doc, m, lex):
                continue
            m.participants = self._participants(doc, m, units, lex, mentions)
            m.location = location_of(doc, m, units) if not m.anaphoric else None
            m.date = date_of(doc, m, dates, mentions)
            kept.append(m)
            if len(m.participants) >= 2 or any(p.plural for p in m.participants):
                last = list(m.participants)
        clusters = merge_mentions(doc, kept)
        clusters = consolidate(doc, clusters)
        clusters = self._absorb_signing_sessions(doc, clusters)
        clusters = self._filter(doc, clusters)
        self._assign_topics(doc, clusters, units, lex)
        # reading order of the body (an event named only in the headline keeps its place)
        clusters.sort(key=lambda c: min((m.start for m in c.mentions if not m.title), default=c.first.start))
        events = [self._record(doc, cl, units) for cl in clusters]
        doc.events.extend(e for e in events if e.confidence >= self.min_confidence)
        self._drop_scratch(doc)
        return doc

    _SCRATCH = ("events.titled_entities", "events.members", "events.units_all", "_events_unit_cues",
                "_events_units_by_sentence", "_events_verb_table", "_events_clause_windows",
                "_events_place_countries", "_events_places_in_orgs", "_events_member_summary",
                "_events_unit_scores", "_events_longest_unit", "_events_gate",
                "_events_unit_ends", "_coref_title_facts", "_events_titled_members")

    @classmethod
    def _drop_scratch(cls, doc: Document) -> None:
        """Per-run caches in ``doc.user_data`` (keyed by object ids) must not outlive the run
        (nor take room in the results a corpus run keeps): the listed keys and every
        ``_events_…`` index."""
        for key in cls._SCRATCH:
            doc.user_data.pop(key, None)
        for key in [k for k in doc.user_data if k.startswith("_events_")]:
            del doc.user_data[key]

    # -- steps ----------------------------------------------------------------------------

    @staticmethod
    def _title_sentences(doc: Document) -> set:
        """Indexes of the headline lines: the short unpunctuated lines before the first full sentence."""
        out = set()
        for i, sent in enumerate(doc.sentences[:4]):
            text = sent.text.strip()
            if len(text) > 250 or _SENTENCE_STOP_END.search(text):
                break
            out.add(i)
        return out

    @staticmethod
    def _prune(doc: Document, mentions: List[Mention]) -> List[Mention]:
        """Drop a «پیشنهاد» mention whose object is itself a typed event (it only sets the status)."""
        out = []
        near = Near((m.start, m) for m in mentions)
        anaphors = Near((m.start, m) for m in mentions if m.anaphoric)
        phones = Near((m.start, m) for m in mentions if m.type == "phone_call" and not m.anaphoric)
        for m in mentions:
            if m.type == "meeting" and not m.anaphoric and any(
                    p.sent == m.sent and abs(p.start - m.start) < 140 and not _colon_between(doc.norm, p, m)
                    for p in phones.between(m.start - 139, m.start + 140)):
                # «به صورت تلفنی … رایزنی کردند»، «در تماسی تلفنی با X … گفت‌وگو کرد»: one call
                continue
            if m.type in ("meeting", "phone_call") and not m.anaphoric and m.status != "proposed" and any(
                    a.sent == m.sent and a.type in ("meeting", "phone_call") and 0 <= m.start - a.end < 120
                    for a in anaphors.between(m.start - 120 - _LONGEST_MENTION, m.start + 1)):
                # «دو طرف در این تماس تلفنی … تبادل نظر کردند»: the same event again
                continue
            if m.type == "agreement" and not m.anaphoric and EventExtractor._outcome_of_talks(doc, m, mentions):
                continue
            if m.type == "meeting" and not m.anaphoric and any(
                    o.type == "agreement" and o.sent == m.sent and 0 <= o.start - m.head_end <= 3
                    for o in near.between(m.head_end, m.head_end + 4)):
                continue  # «جلسه‌ی انعقاد قرارداد»، «نشست امضای تفاهم‌نامه»: the session is the signing
            if m.type == "proposal":
                inner = [o for o in near.between(m.start - 90 - _LONGEST_MENTION, m.end + 91)
                         if o is not m and o.sent == m.sent and o.type != "proposal"
                         and not o.anaphoric and (m.start <= o.start <= m.end + 90
                                                  or (o.status == "proposed" and m.start - 90 <= o.end <= m.start))]
                if inner:
                    continue
            out.append(m)
        return out

    def _participants(self, doc: Document, m: Mention, units: Sequence[PersonRef], lex: Lexicon,
                      mentions: Sequence[Mention] = ()) -> List[PersonRef]:
        parts = participants_of(doc, m, units, lex, mentions, self.participant_model, self.trace)
        a, _ = clause_window(doc, m)
        sent = doc.sentences[m.sent]
        if (m.type == "proposal" or m.status == "proposed" or m.type == "working_group") \
                and _proposer_colon_before(doc.norm, sent.nstart, a):
            # «X پیشنهاد کرد: کارگروهی … تشکیل شود»: X is the proposer
            prev = Mention(m.type, sent.nstart, a - 1, m.sent, m.head, a - 1)
            pa, _ = clause_window(doc, prev)
            if _positions(doc, units)[1]:  # units in order of start: the first one in [pa, a] by the index
                # (only the first is kept: not a list of every unit since the sentence start)
                near = index_of(doc, "units", units, lambda u: u.start)
                keys, items = near.keys, near.items
                extra = next(([items[k]] for k in range(bisect_left(keys, pa), bisect_left(keys, a + 1))
                              if items[k].end <= a), [])
            else:
                extra = [u for u in units if pa <= u.start and u.end <= a]
            parts = extra[:1] + parts
        out: List[PersonRef] = []
        for p in parts:
            if not any(same_person(doc, p, q) for q in out):
                out.append(p)
        if not out:
            text = doc.norm[a:m.start]
            if _SIDES.match(text.lstrip()) and not _PRONOUN_LEAD.match(text):
                out = list(self._last_pair.get(m.sent, []))
        if m.type == "agreement" and len(out) == 1 and out[0].body and not m.anaphoric:
            # «رئیس اداره کل … پست بانک ادامه داد: با شرکت X نیز قرارداد منعقد شده است»: a signing the
            # speaker reports without a subject is his organization's
            own = self._speakers_body(doc, m, units, a)
            if own is not None and not same_person(doc, own, out[0]):
                out.insert(0, own)
        if not m.anaphoric and self._first_person(doc, m):
            # «… با علی مملوک دیدار کردیم» in a quotation: the speaker is a party
            speaker = self._speaker(doc, m, units)
            if speaker is not None and not any(same_person(doc, speaker, q) for q in out):
                out.insert(0, speaker)
        return out

    def _speakers_body(self, doc: Document, m: Mention, units: Sequence[PersonRef], a: int) -> Optional[PersonRef]:
        """The organization in the title of the person whose quoted words hold ``m`` (the clause
        opens after a colon and names no person before the trigger); a department's parent
        company when the article names it alone («اداره کل دفاتر خدمات بانکی پست بانک» → «پست بانک»)."""
        norm = doc.norm
        sent = doc.sentences[m.sent]
        if norm.rfind(":", sent.nstart, m.start) < 0 or norm[a:m.start].strip().startswith(("ما ", "وی ", "او ")):
            return None
        if any(a <= u.start and u.end <= m.start and not u.body for u in index_of(doc, "units", units, lambda u: u.start).between(a, m.start)):
            return None
        speaker = self._speaker(doc, m, units)
        if speaker is None or speaker.role is None:
            return None
        from .arguments import _entity_spans
        rs, re_ = speaker.role
        orgs = [(s_, t) for s_, t in _entity_spans(doc, ("ORG",)).between(rs, re_) if t <= re_]
        if not orgs:
            return None
        s_, t = orgs[-1]
        cached = doc.user_data.get("_events_org_texts")
        if cached is None or cached[0] != len(doc.entities):
            cached = (len(doc.entities), {norm[x:y] for x, y in _entity_spans(doc, ("ORG",)).between(0, len(norm))})
            doc.user_data["_events_org_texts"] = cached
        inner = norm[s_:t]
        cuts = [i + 1 for i, ch in enumerate(inner) if ch == " "]
        for cut in reversed(cuts):  # the shortest named parent first
            if inner[cut:] in cached[1]:
                s_ = s_ + cut
                break
        return PersonRef(role=(s_, t), org=(s_, t), sent=m.sent, body=True)

    @staticmethod
    def _speaker(doc: Document, m: Mention, units: Sequence[PersonRef]) -> Optional[PersonRef]:
        """Who says the sentence of ``m``: the person before a colon in it, else the subject of a
        recent sentence that reports speech («وی گفت: …»)."""
        sent = doc.sentences[m.sent]
        colon = doc.norm.rfind(":", sent.nstart, m.start)
        if colon >= 0:
            before = [u for u in units if sent.nstart <= u.start and u.end <= colon and u.resolved().pronoun is None]
            if before:
                return before[0].resolved()
        for si in range(m.sent - 1, max(-1, m.sent - 5), -1):
            text = doc.norm[doc.sentences[si].nstart:doc.sentences[si].nend]
            if ":" not in text and not _SAID.search(text):
                continue
            sub = coref.subject_of_sentence(doc, list(units), si)
            if sub is not None and sub.resolved().pronoun is None:
                return sub.resolved()
        return None

    def _filter(self, doc: Document, clusters: List[Cluster]) -> List[Cluster]:
        """Keep events with enough evidence.

        * a meeting, call or agreement needs two parties, unless it is reported in the
          headline or lead with a verb of its own (the other party then failed to parse);
        * proposals and working groups are kept in articles that report talks
          (a meeting/call/visit/agreement with two parties), and need a participant unless
          they are named in the headline.
        """
        talks = any(len(cl.parts) >= 2 and cl.type in ("meeting", "phone_call", "agreement") or
                    (cl.type == "visit" and cl.parts) for cl in clusters)
        out = []
        for cl in clusters:
            lead = any(m.sent <= _LEAD_SENTENCES and not m.anaphoric for m in cl.mentions)
            verbal = any(m.verbal or (m.head.type == "visit" and not m.head.weak) for m in cl.mentions)
            if cl.type in ("working_group", "proposal"):
                if not talks:
                    continue
                if not cl.parts and not any(m.title for m in cl.mentions):
                    continue
                out.append(cl)
                continue
            if not cl.parts:
                continue
            if cl.type in ("meeting", "phone_call", "agreement") and len(cl.parts) < 2:
                plural = any(r.resolved().plural for s in cl.parts for r in s.refs)
                # «روسای جمهور چین و روسیه»: one joint title for both sides
                joint = any(r.resolved().plural and _two_sides(doc, r.resolved()) for s in cl.parts for r in s.refs)
                # a proposal names the proposer and stands for the rest («… با برگزاری نشست مشترک …»)
                proposed = (cl.status() == "proposed" and bool(cl.parts))
                if not (lead and (verbal or plural)) and not joint and not proposed:
                    continue
            if self._private(doc, cl) or self._vague_series(doc, cl):
                continue
            out.append(cl)
        return out

    @staticmethod
    def _vague_series(doc: Document, cl: Cluster) -> bool:
        """«دیدارهای مکرر مقامات روسیه و اسرائیل»: a series of meetings whose parties are only
        groups («officials») is not an event (the guidelines keep a series only with named parties)."""
        own = [m for m in cl.mentions if not m.anaphoric]
        if cl.type not in ("meeting", "phone_call") or not own or not cl.parts:
            return False
        if not all(_PLURAL_END.search(doc.norm[m.start:m.head_end]) for m in own):
            return False
        return all(r.resolved().plural and not r.resolved().body for slot in cl.parts for r in slot.refs)

    @staticmethod
    def _private(doc: Document, cl: Cluster) -> bool:
        """«در جریان دیدار با X، برادر اسیر خود»: a family visit, not an official one — every party is
        a name without a title and one is introduced by a kinship word."""
        if cl.type not in ("meeting", "visit") or not cl.parts:
            return False
        refs = [r.resolved() for slot in cl.parts for r in slot.refs]
        titled = doc.user_data.get("events.titled_entities", set())
        if any(r.role is not None or r.body or r.plural or r.name is None or r.entity in titled for r in refs):
            return False
        norm = doc.norm
        return any(_KIN.match(norm[r.end:r.end + 25]) or _KIN.search(norm[max(0, r.start - 12):r.start]) for r in refs)

    @staticmethod
    def _absorb_signing_sessions(doc: Document, clusters: List[Cluster]) -> List[Cluster]:
        """«طی نشستی با X، قرارداد … را منعقد کرد»، «جلسه انعقاد قرارداد …»: a session told only as
        the occasion of a signing between the same parties is that signing, not another event."""
        signings = [c for c in clusters if c.type == "agreement"]
        if not signings:
            return clusters
        out = []
        for cl in clusters:
            own = [m for m in cl.mentions if not m.anaphoric]
            if cl.type == "meeting" and own:
                for sig in signings:
                    sents = {m.sent for m in sig.mentions if not m.anaphoric}
                    if not all(m.sent in sents for m in own):
                        continue
                    if all(any(same_person(doc, r, q) for sl in sig.parts for q in sl.refs)
                           for slot in cl.parts for r in slot.refs[:1]):
                        sig.mentions.extend(cl.mentions)
                        sig.mentions.sort(key=lambda m: m.start)
                        break
                else:
                    out.append(cl)
                continue
            out.append(cl)
        return out

    @staticmethod
    def _question(doc: Document, m: Mention) -> bool:
        """A mention inside a question («آخرین ملاقات شما کی بود؟») reports nothing."""
        end = min(doc.sentences[m.sent].nend, m.end + WINDOW)
        norm = doc.norm
        stops = [k for k in (norm.find(ch, m.end, end) for ch in ".!؟?") if k >= 0]  # = _SENTENCE_STOP.search(norm[m.end:end])
        return bool(stops) and norm[min(stops)] in "؟?"

    @staticmethod
    def _first_person(doc: Document, m: Mention) -> bool:
        """«در دیداری که با ایشان داشتم»: a speaker's own recollection inside a quote."""
        a, b = clause_window(doc, m)
        own = _first_person_verb(_OWN_VERB, doc.norm[m.head_end:m.end]) if m.end > m.head_end else None
        if own is None and m.head.type == "visit":
            own = _first_person_verb(_OWN_VERB, doc.norm[m.start:m.end])  # «به دمشق رفتیم»
        if own and own.group(1) in _FIRST_PERSON | {"رفتیم", "رفتم", "آمدیم", "آمدم", "شدیم", "شدم"}:
            return True
        verb = _first_person_verb(_FIRST_PERSON_VERB, doc.norm[m.end:min(b, m.end + 60)])  # (the clause's first 60 characters)
        if not verb:
            return False
        return verb.group(1) in _FIRST_PERSON or (verb.group(1).startswith("می\u200c") and verb.group(1).endswith(("م", "یم")))

    def _assign_topics(self, doc: Document, clusters: List[Cluster], units: Sequence[PersonRef], lex: Lexicon) -> None:
        # topics.assign_topics (issue 10 item 8); a proposal also names its object
        assign_topics(doc, clusters, units, lex,
                      extra=lambda cl: self._proposal_object(doc, cl.main, lex) if cl.type == "proposal" else [])

    @staticmethod
    def _outcome_of_talks(doc: Document, m: Mention, mentions: Sequence[Mention]) -> bool:
        """«طرفین بر سر X توافق کردند» after a meeting: an outcome of those talks, not a new event."""
        trig = doc.norm[m.start:m.end]
        if "توافق" not in trig or _SIGNED_WORD.search(trig):
            return False
        sent = doc.sentences[m.sent]
        body = doc.norm[sent.nstart:m.start]
        body = body[coref.attribution_end(body):].lstrip()
        if not _SIDES.match(body):
            return False
        return any(o.type in ("meeting", "phone_call") and o.start < m.start for o in mentions)

    @staticmethod
    def _proposal_object(doc: Document, m: Mention, lex: Lexicon) -> List[Tuple[int, int, str]]:
        """«پیشنهاد برگزاری نمایشگاه هفته فرهنگی بلاروس در تهران» → topic «نمایشگاه هفته فرهنگی بلاروس»."""
        sent = doc.sentences[m.sent]
        text = doc.norm[m.head_end:sent.nend]
        om = _PROPOSAL_OBJECT.match(text)
        if not om:
            return []
        s, e = m.head_end + om.start(1), m.head_end + om.end(1)
        return [(s, e, lex.category(doc.norm[s:e]))]

    # -- records --------------------------------------------------------------------------

    def _record(self, doc: Document, cl: Cluster, units: Sequence[PersonRef]) -> Event:
        main = cl.main
        trigger = doc.span_from_norm(main.start, main.end)
        sent = doc.sentences[main.sent]
        sentence = Span(sent.text, sent.start, sent.end)
        status = cl.status() or "occurred"
        date = None
        for m in sorted(cl.mentions, key=lambda x: (x.extra.get("date_rank", 9), x.anaphoric, x.start)):
            if m.date is not None and (getattr(m.date, "jalali", None) or date is None):
                date = m.date
                if getattr(m.date, "jalali", None):
                    break
        if status == "occurred" and date is not None and doc.published is not None and getattr(date, "jalali", None) \
                and date.jalali > doc.published.strftime("%Y-%m-%d"):
            status = "planned"  # dated after publication: it has not happened yet
        loc = cl.location()
        location = doc.span_from_norm(*loc, label="LOC") if loc else None
        participants = [self._participant(doc, slot, units, main.start) for slot in cl.parts]
        participants = [p for p in participants if (p.name is not None or p.role is not None) and not _junk_name(p)]
        if len(participants) > 2:
            participants = [p for p in participants if not (
                p.name is None and p.country is None and p.role is not None
                and _COUNTERPART.match(normalize(p.role.text)))]
        topics: List[Topic] = []
        seen = set()
        kept_words: List[set] = []
        labels = getattr(cl, "topic_labels", {})
        for s, e, cat in sorted(getattr(cl, "topic_spans", []) or []):
            key = fold(labels.get((s, e)) or doc.norm[s:e])  # an adjective split off a list: its distributed form
            words = set(key.split())
            if key in seen or (s, e) not in labels and any(
                    words and w and len(words & w) / min(len(words), len(w)) >= 0.8 for w in kept_words):
                continue
            seen.add(key)
            kept_words.append(words)
            label = getattr(cl, "topic_labels", {}).get((s, e))  # «تجاری» of «روابط اقتصادی و تجاری» reads «روابط تجاری»
            topics.append(Topic(doc.span_from_norm(s, e, **({"normalized": label} if label else {})), cat))
        conf = 0.45
        if main.verbal:
            conf += 0.2
        if not main.head.weak:
            conf += 0.1
        conf += min(0.15, 0.05 * (len(cl.mentions) - 1))
        if len(participants) >= 2:
            conf += 0.1
        if cl.type in ("working_group", "proposal") or status == "proposed":
            conf -= 0.05
        ev = Event(type=cl.type, trigger=trigger, sentence=sentence, status=status, date=date, location=location,
                   participants=participants, topics=topics, confidence=max(0.05, min(0.99, conf)))
        ev.attrs["mentions"] = [doc.span_from_norm(m.start, m.end) for m in cl.mentions]
        return ev

    def _participant(self, doc: Document, slot: PartSlot, units: Sequence[PersonRef], near: int = 0) -> Participant:
        """One participant record: the person's fullest name, the title given in the event's own
        sentence (else the nearest explicit title the article gives that person)."""
        norm = doc.norm
        refs = [r.resolved() for r in slot.refs] + [r for r in slot.refs if r.pronoun is None]
        ents = {r.entity for r in slot.refs if r.entity is not None} | {r.entity for r in refs if r.entity is not None}
        members = [u for u in units if u.entity is not None and u.entity in ents and u.pronoun is None]
        named = [r for r in refs + members if r.name is not None]
        name = None
        role = None
        org = None
        if named:
            best = max(named, key=lambda r: (len(norm[r.name[0]:r.name[1]].split()), -r.start))
            name = self._fullest_name(doc, best.name, units)
        # the title next to the name in the event's sentence, else the nearest title next to the
        # name elsewhere, else a title used alone for the person (in the event, then nearest)
        own = [r for r in slot.refs if r.pronoun is None and r.role is not None and r.name is not None and not r.plural]
        titled = [u for u in members if u.role is not None and not u.plural and not u.body]
        alone = [r for r in slot.refs if r.pronoun is None and r.role is not None and not r.plural]
        if own:
            role, org = own[0].role, own[0].org
        elif any(u.name is not None for u in titled) or (titled and not alone):
            # the title next to a name first; then one that says which state («صدراعظم آلمان» over
            # «رئیس دولت جدید»); then the nearest
            pick = min(titled, key=lambda u: (u.name is None, self._country(doc, u.role) is None, abs(u.start - near)))
            role, org = pick.role, pick.org
        elif alone:
            role, org = alone[0].role, alone[0].org
        group = False
        if role is None and slot.group_role is not None:
            role = slot.group_role  # the joint title that covers the person in this event
            group = True
        if role is None:
            roles = [r for r in refs if r.role is not None]
            if roles:
                role = roles[0].role
                org = roles[0].org
        country = None
        role_spans = ([role] if role is not None and not group else []) + [r.role for r in refs if r.role is not None]
        for rs in role_spans:
            country = self._country(doc, rs)
            if country:
                break
        if country is None and role is not None and all(r.body for r in slot.refs):
            # a body or delegation without a stated country: none is guessed
            return Participant(name=None, role=doc.span_from_norm(*role, label="ROLE"),
                               organization=doc.span_from_norm(*(org or role), label="ORG"), country=None)
        if country is None and role is not None:
            country = self._country_of_same_title(doc, role, units, slot.refs)
        if country is None and role is not None:
            rtext = norm[role[0]:role[1]]
            if FOREIGN_OFFICE.match(rtext) and not group:
                # «نخست‌وزیر جدید»: an office Iran does not have belongs to the country the report is about
                country = country_in_context(doc, role[0])
            elif "همتا" not in rtext and not group and not INTL_BODY.search(rtext) and "اتحادیه" not in rtext \
                    and (name is None or persian_name(norm[name[0]:name[1]])):
                # a bare title in Iranian news names an Iranian official (foreign ones carry their
                # country: «رئیس جمهور برزیل»): رئیس‌جمهور، وزیر کشور، استاندار
                country = "ایران"
        return Participant(
            name=doc.span_from_norm(*name, label="PER") if name else None,
            role=doc.span_from_norm(*role, label="ROLE") if role else None,
            organization=doc.span_from_norm(*org, label="ORG") if org else None,
            country=normalize(country) if country else None,
        )

    @staticmethod
    def _fullest_name(doc: Document, name: Tuple[int, int], units: Sequence[PersonRef]) -> Tuple[int, int]:
        """The longest name of ``units`` (the first of that length) that ends with the same word
        as ``name`` and holds all its words («مسعود پزشکیان» for «پزشکیان»), else ``name``.
        Only the names ending with that word are read (:func:`_names_by_last_word`): every
        participant of an article listing hundreds of meetings read every name of it."""
        words = fold(doc.norm[name[0]:name[1]]).split()
        if not words:
            return name
        best, best_len = name, len(words)
        for cand, span in _names_by_last_word(doc, units).get(words[-1], ()):
            if len(cand) > best_len and all(w in cand for w in words):
                best, best_len = span, len(cand)
        return best

    def _country_of_same_title(self, doc: Document, role: Tuple[int, int], units: Sequence[PersonRef],
                               refs: Sequence[PersonRef]) -> Optional[str]:
        """«رییس جمهور» → the country of «رییس جمهور کشورمان» given to the SAME person elsewhere
        (never that of another holder of the title, «رئیس جمهور سوئیس»)."""
        key = [w.rstrip("ی") for w in fold(doc.norm[role[0]:role[1]]).split()]
        persons = {id(r.resolved()) for r in refs}
        named = [r.resolved() for r in refs if r.resolved().name is not None]
        found = set()
        for u in units:
            if u.role is None or u.role == role:
                continue
            if id(u.resolved()) not in persons and not any(same_person(doc, u, n) for n in named if u.name is not None):
                continue
            other = [w.rstrip("ی") for w in fold(doc.norm[u.role[0]:u.role[1]]).split()]
            if len(other) > len(key) and other[:len(key)] == key:
                c = self._country(doc, u.role)
                if c:
                    found.add(c)
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _country(doc: Document, role: Tuple[int, int]) -> Optional[str]:
        return country_of_role(doc, role)
