"""Merging mentions of the same real-world event (headline, lead, body) into one.

Two mentions are the same event when they have the same type, compatible status
(equal, or one without its own tense), compatible place and either share a
participant or one of them names none. Back-references («در این دیدار») join the
most recent event of a compatible type. Participants are merged too: the same
person named in one mention and titled in another («وزیر خارجه کشورمان» /
«محمد جواد ظریف، وزیر امور خارجه جمهوری اسلامی ایران») becomes one participant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import FrozenSet, List, Optional, Sequence, Set, Tuple

import regex

from ..document import Document
from .countries import country_of_place, country_of_text, is_country
from .people import PersonRef, fold
from .triggers import Mention
from .. import _rxcache as rxcache

__all__ = ["Cluster", "merge_mentions", "same_person", "PartSlot"]

_COMPATIBLE_ANAPHOR = {
    "meeting": ("meeting", "phone_call"),
    "phone_call": ("phone_call", "meeting"),
    "visit": ("visit",),
    "agreement": ("agreement",),
    "working_group": ("working_group",),
}


@dataclass
class PartSlot:
    """One participant of an event: every unit that refers to that person."""

    refs: List[PersonRef] = field(default_factory=list)
    #: a joint plural title that covers this person in the event («رؤسای جمهور ترکیه و فرانسه»)
    group_role: Optional[tuple] = None


@dataclass
class Cluster:
    type: str
    mentions: List[Mention] = field(default_factory=list)
    parts: List[PartSlot] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def main(self) -> Mention:
        """The most informative mention (a verbal one with most participants)."""
        return max(self.mentions, key=lambda m: (not m.anaphoric, m.verbal, len(m.participants), -m.start))

    def status(self) -> Optional[str]:
        own = [m.status for m in self.mentions if m.status is not None and not m.anaphoric]
        if not own:
            own = [m.status for m in self.mentions if m.status is not None]
        return own[0] if own else None

    def location(self):
        for m in self.mentions:
            if m.location is not None:
                return m.location
        return None


def _key_name(doc: Document, ref: PersonRef) -> Optional[str]:
    return fold(doc.norm[ref.name[0]:ref.name[1]]) if ref.name else None


def _key_role(doc: Document, ref: PersonRef) -> Optional[str]:
    role = ref.role or ref.role_hint
    return fold(doc.norm[role[0]:role[1]]) if role else None


_COMMON_FIRST = {"محمد", "علی", "حسن", "حسین", "رضا", "احمد", "مهدی", "عبدالله", "محمود", "مصطفی", "ابراهیم", "اسماعیل",
                 "یوسف", "جواد", "سعید", "مجید", "حمید", "امیر", "عباس", "جعفر", "کاظم", "هادی", "سید", "شیخ", "عبدالرحمن",
                 "خالد", "سلمان", "فیصل", "مایک", "جان", "دیوید", "رابرت"}


def _role_head(role: str) -> str:
    words = role.replace("وزیرخارجه", "وزیر خارجه").split()
    return " ".join(words[:1])


def same_person(doc: Document, a: PersonRef, b: PersonRef) -> bool:
    if a.entity is not None and a.entity == b.entity:
        return True
    a, b = a.resolved(), b.resolved()
    if a is b or (a.entity is not None and a.entity == b.entity):
        return True
    if a.name is not None and b.name is not None and a.entity is not None and b.entity is not None:
        return False  # two named people the article keeps apart («دونالد ترامپ», «ملانیا ترامپ»)
    na, nb = _key_name(doc, a), _key_name(doc, b)
    if na and nb:
        if na == nb:
            return True
        ta, tb = na.split(), nb.split()
        # «ظریف» vs «محمد جواد ظریف»; «پامپئو» vs «مایک پامپئو»
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if len(short) >= 1 and short[-1] == long_[-1] and all(w in long_ for w in short):
            return True
        # «تمیم» for «تمیم بن حمد آل ثانی»: a distinctive first name of a long (Arabic) name
        return len(short) == 1 and len(long_) >= 3 and short[0] == long_[0] and len(short[0]) >= 4 \
            and short[0] not in _COMMON_FIRST
    ra, rb = _key_role(doc, a), _key_role(doc, b)
    if not ra or not rb:
        return False
    if ra == rb:
        return True
    if a.plural != b.plural:
        return False
    roa, rob = a.role or a.role_hint, b.role or b.role_hint
    ca = a.country or country_of_text(doc.norm[roa[0]:roa[1]])
    cb = b.country or country_of_text(doc.norm[rob[0]:rob[1]])
    ha, hb = _role_head(ra), _role_head(rb)
    if "همتا" in ha or "همتا" in hb or ha in ("مقام", "یک") or hb in ("مقام", "یک"):
        return ca is not None and ca == cb
    if ha != hb:
        return False
    if ca != cb and ca is not None and cb is not None:
        return False
    from .coref import titles_compatible
    if not titles_compatible(doc, roa, rob):
        return False  # «رئیس جمهوری وقت ایران» is not the present one
    wa, wb = set(ra.split()), set(rb.split())
    overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
    return overlap >= 0.5 and (ca == cb or overlap >= 0.75)


def _add_part(doc: Document, cl: Cluster, ref: PersonRef) -> None:
    for slot in cl.parts:
        reps, ids = _distinct(doc, slot)
        if id(ref.resolved()) in ids or any(same_person(doc, ref, r) for r in reps):
            slot.refs.append(ref)
            return
    cl.parts.append(PartSlot([ref]))


def _signature(doc: Document, r: PersonRef) -> tuple:
    """What :func:`same_person` and :func:`covers` read of ``r`` besides its identity:
    refs with one signature and one resolved person answer alike."""
    res = r.resolved()
    own = fold(doc.norm[r.role[0]:r.role[1]]) if r.role else None
    return (_key_name(doc, res), _key_role(doc, res), res.plural, res.country, own, r.plural, r.country)


def _distinct(doc: Document, slot: PartSlot) -> Tuple[List[PersonRef], Set[int]]:
    """One ref per :func:`_signature` among ``slot.refs``, and the ids of the persons
    they resolve to (kept up to date as refs are added, so merging a long text's
    mentions does not compare each new one with all the earlier ones)."""
    cache = getattr(slot, "_distinct_cache", None)
    if cache is None or cache[0] is not slot.refs or cache[1] > len(slot.refs):
        cache = [slot.refs, 0, set(), [], set()]
        slot._distinct_cache = cache  # type: ignore[attr-defined]
    refs, done, seen, reps, ids = cache
    for r in refs[done:]:
        ids.add(id(r.resolved()))
        key = _signature(doc, r)
        if key not in seen:
            seen.add(key)
            reps.append(r)
    cache[1] = len(refs)
    return reps, ids


def _share(doc: Document, cl: Cluster, m: Mention) -> bool:
    return any(_slot_matches(doc, slot, p) for slot in cl.parts for p in m.participants)


def _compatible(doc: Document, cl: Cluster, m: Mention, known: "Optional[_Known]" = None) -> bool:
    """``known``: the cluster's status and place, when the caller keeps them (else read from it)."""
    if cl.type != m.type:
        return False
    st = cl.status() if known is None else known.status()
    if st is not None and m.status is not None and st != m.status:
        return False
    if (st == "proposed") != (m.status == "proposed") and cl.parts and m.participants:
        # a proposal never merges with the event during which it was made
        return False
    loc = cl.location() if known is None else known.location
    if loc is not None and m.location is not None and not _same_place(doc, loc, m.location):
        return False
    if not cl.parts or not m.participants:
        return True
    if _share(doc, cl, m):
        # a meeting is defined by its parties: one shared party is not enough when each side
        # names another the other lacks («عراقچی با آبه» / «آبه با خامنه‌ای»)
        return not (m.type in ("meeting", "phone_call") and _other_party_differs(doc, cl, m))

    # one traveller's trip to one place, named once by title and once by name (never two people
    # the article names apart)
    if m.type != "visit" or loc is None or m.location is None:
        return False
    named_a = {r.resolved().entity for slot in cl.parts for r in slot.refs if r.resolved().name is not None}
    named_b = {p.resolved().entity for p in m.participants if p.resolved().name is not None}
    return not (named_a and named_b)


_PLURAL_HEAD = {"وزرای": "وزیر", "وزیران": "وزیر", "سفیران": "سفیر", "روسای": "رئیس", "رؤسای": "رئیس", "رییسان": "رئیس", "سفرای": "سفیر", "سران": "",
                "رهبران": "", "مقامات": "", "مسئولان": "", "مسئولین": "", "همتایان": ""}


_BOTH_SIDES = rxcache.compile(r"(?:(?:دو|سه|چهار|هر دو) کشور|طرفین|دو طرف)")


def covers(doc: Document, plural: PersonRef, ref: PersonRef) -> bool:
    """A joint/plural title («وزرای دفاع روسیه و ترکیه») covers one of the people it names."""
    if plural.role is None or not plural.plural or ref.plural:
        return False
    text = fold(doc.norm[plural.role[0]:plural.role[1]])
    words = text.split()
    head = _PLURAL_HEAD.get(words[0] if words else "", None)
    if head is None:
        head = _PLURAL_HEAD.get(fold(words[0]).replace("ی", "ئ", 1) if words else "", None)
    if head is None:
        return False
    head = fold(head)
    ref = ref.resolved()
    rrole = _key_role(doc, ref) or ""
    if head and not rrole.startswith(head) and "همتا" not in rrole:
        return False
    from .countries import countries_in
    if _BOTH_SIDES.search(text):
        return True  # «روسای جمهور دو کشور»، «مقامات طرفین»: whoever holds that title on either side
    countries = {c for _, _, c, _ in countries_in(doc.norm[plural.role[0]:plural.role[1]])}
    rrange = ref.role or ref.role_hint
    if rrange is None:
        # a name alone: the title the article gives that person elsewhere
        rrange = next((v.role for v in (doc.user_data.get("events.members") or {}).get(ref.entity, ())
                       if v.role is not None and not v.plural), None)
    rc = ref.country or (country_of_text(doc.norm[rrange[0]:rrange[1]]) if rrange else None)
    if countries:
        return rc in countries
    # «وزرای کشور و بهداشت» covers «وزیر کشور» and «وزیر بهداشت، درمان و آموزش پزشکی»
    rwords = rrole.split()
    return bool(head) and len(rwords) >= 2 and rwords[1] in words[1:]


def _slot_matches(doc: Document, slot: PartSlot, p: PersonRef) -> bool:
    reps, ids = _distinct(doc, slot)
    return id(p.resolved()) in ids or any(same_person(doc, p, r) or covers(doc, p, r) or covers(doc, r, p)
                                          for r in reps)


def _pair_merges(doc: Document, a: Cluster, b: Cluster) -> Optional[Tuple[bool, bool]]:
    """Whether :func:`consolidate` merges the later cluster ``b`` into the earlier ``a``:
    ``(share, same_sent_visit)`` when it does, else None."""
    if a.type != b.type:
        return None
    sa, sb = a.status(), b.status()
    if sa is not None and sb is not None and sa != sb:
        return None
    la, lb = a.location(), b.location()
    if la is not None and lb is not None and not _same_place(doc, la, lb):
        return None
    share = any(_slot_matches(doc, sa_, r) for sa_ in a.parts for sl in b.parts for r in sl.refs)
    if share and a.type in ("meeting", "phone_call") and _parties_differ(doc, a, b):
        return None
    same_sent_visit = a.type == "visit" and any(ma.sent == mb.sent for ma in a.mentions for mb in b.mentions)
    halves = not share and _two_halves_of_signing(doc, a, b)
    if not share and not same_sent_visit and not halves:
        return None
    return share, same_sent_visit


def _ref_keys(doc: Document, r: PersonRef, query: bool = False) -> Optional[Set[tuple]]:
    """Keys of ``r`` such that a ref :func:`_slot_matches` can pair with ``r`` (either way
    round) has one of them among its own keys (``query``) when ``r`` is stored, and the other
    way; or None when ``r`` may pair with a ref that shares no key (a plural title that
    :func:`covers` people by country or office; «همتای …», «مقام …», «یک …» matched by country
    alone). :func:`same_person` pairs two refs only when they share an entity or a resolved
    person, their names are equal, share the last word and the shorter's words («ظریف» /
    «محمد جواد ظریف») or the first word of a long name («تمیم»), or their titles share
    their first word."""
    if r.plural and r.role is not None:
        return None  # covers(r, …)
    res = r.resolved()
    keys: Set[tuple] = {("id", id(res))}
    for ent in (r.entity, res.entity):
        if ent is not None:
            keys.add(("entity", ent))
    name = _key_name(doc, res)
    if name:
        keys.add(("name", name))
        words = name.split()
        if len(words) == 1:  # a one-word name meets a longer one ending or (3+ words) starting alike
            keys.add(("long-last" if query else "one-last", words[0]))
            keys.add(("long-first" if query else "one-first", words[0]))
        elif words:
            keys.add(("one-last" if query else "long-last", words[-1]))
            if len(words) >= 3:
                keys.add(("one-first" if query else "long-first", words[0]))
            # two names of 2+ words: the shorter's words all in the longer, the last alike
            keys.add(("long-words" if query else "short-words", words[-1], words[0]))
            for w in words:
                keys.add(("short-words" if query else "long-words", words[-1], w))
    role = _key_role(doc, res)
    if role:
        head = _role_head(role)
        if "همتا" in head or head in ("مقام", "یک"):
            return None
        keys.add(("head", head))
    return keys


class _ClusterIndex:
    """Clusters of one list by the keys of their participants (:func:`_ref_keys`), so that the
    clusters a mention or cluster may merge with are found without comparing it with all of
    them. Positions are those of the list when it was indexed (a merged-away cluster stays
    indexed under its position, which the caller skips)."""

    def __init__(self) -> None:
        self.by_key: dict = {}
        self.wild: dict = {}  # type -> positions of clusters with a ref of no keys
        self.sents: dict = {}  # (type, sentence) -> positions (visits merge within one sentence)
        self._keys: dict = {}  # (id of a ref, query) -> its keys (refs live as long as the merging)
        self._added: Set[tuple] = set()  # (position, type, keys) indexed

    def keys(self, doc: Document, r: PersonRef, query: bool) -> Optional[FrozenSet[tuple]]:
        """:func:`_ref_keys` of ``r``, read once per ref."""
        got = self._keys.get((id(r), query), self)
        if got is self:
            keys = _ref_keys(doc, r, query)
            got = self._keys[(id(r), query)] = (r, None if keys is None else frozenset(keys))
        return got[1]

    def add_ref(self, doc: Document, pos: int, kind: str, r: PersonRef) -> None:
        keys = self.keys(doc, r, False)
        if keys is None:
            self.wild.setdefault(kind, set()).add(pos)
            return
        if (pos, kind, keys) in self._added:
            return  # (another mention of someone the cluster holds)
        self._added.add((pos, kind, keys))
        for k in keys:
            self.by_key.setdefault((kind,) + k, set()).add(pos)

    def add_sent(self, pos: int, kind: str, sent: int) -> None:
        self.sents.setdefault((kind, sent), set()).add(pos)

    def candidates(self, doc: Document, kind: str, refs) -> Optional[Set[int]]:
        """Positions of the clusters of type ``kind`` that share a key with one of ``refs``, and
        the wild ones; None when one of ``refs`` is wild itself (every cluster is a candidate)."""
        asked: Set[tuple] = set()
        for r in refs:
            keys = self.keys(doc, r, True)
            if keys is None:
                return None
            asked |= keys
        found: Set[int] = set(self.wild.get(kind, ()))
        for k in asked:
            found.update(self.by_key.get((kind,) + k, ()))
        return found


def _merge_pairs(doc: Document, clusters: List[Cluster]) -> None:
    """Merge (in place) the clusters :func:`_pair_merges` joins, as the plain loop does: the first
    pair in list order that merges, merge, start again from the first pair. The pairs are found
    through :class:`_ClusterIndex`: only clusters that share a participant key, a visit's
    sentence or (signings) a type are compared; after a merge, only the pairs with the grown
    cluster are read again (every other pair before it is as apart as it was)."""
    slots: List[Optional[Cluster]] = list(clusters)
    by_type: dict = {}
    for pos, cl in enumerate(slots):
        by_type.setdefault(cl.type, []).append(pos)
    index = _ClusterIndex()
    for pos, cl in enumerate(slots):
        if len(by_type[cl.type]) < 2:
            continue  # (nothing to merge with)
        for sl in cl.parts:
            for r in sl.refs:
                index.add_ref(doc, pos, cl.type, r)
        if cl.type == "visit":
            for m in cl.mentions:
                index.add_sent(pos, cl.type, m.sent)

    def partners(pos: int) -> List[int]:
        """Positions of live clusters that may merge with the one at ``pos`` (either way), in order."""
        cl = slots[pos]
        found = None
        if cl.type != "agreement":  # (two halves of a signing share no participant)
            found = index.candidates(doc, cl.type, [r for sl in cl.parts for r in sl.refs])
        if found is None:
            found = set(by_type[cl.type])
        elif cl.type == "visit":
            for m in cl.mentions:
                found.update(index.sents.get((cl.type, m.sent), ()))
        return sorted(p for p in found if p != pos and slots[p] is not None)

    i = 0
    while i < len(slots):
        a = slots[i]
        if a is None or len(by_type[a.type]) < 2:
            i += 1
            continue
        hit = None
        for j in partners(i):
            if j > i:
                verdict = _pair_merges(doc, a, slots[j])
                if verdict is not None:
                    hit = j, verdict
                    break
        if hit is None:
            i += 1
            continue
        j, (share, same_sent_visit) = hit
        b = slots[j]
        a.mentions.extend(b.mentions)
        a.mentions.sort(key=lambda m: m.start)
        for sl in b.parts:
            for r in sl.refs:
                _add_part(doc, a, r)
                index.add_ref(doc, i, a.type, r)
        if a.type == "visit":
            for m in b.mentions:
                index.add_sent(i, a.type, m.sent)
        if same_sent_visit and not share:
            _unify_traveller(doc, a)
        slots[j] = None
        by_type[a.type].remove(j)
        # every pair of clusters before ``a`` is still apart; ``a`` has grown, so an earlier
        # cluster may now take it (the plain loop starts again from the first pair)
        for k in partners(i):
            if k >= i:
                break
            if _pair_merges(doc, slots[k], a) is not None:
                i = k
                break
    clusters[:] = [cl for cl in slots if cl is not None]


def consolidate(doc: Document, clusters: List[Cluster]) -> List[Cluster]:
    """Second pass: merge clusters of one event split by an early mention that lacked a participant."""
    _merge_pairs(doc, clusters)
    # «در تماس تلفنی … » then «در این گفت‌وگو / رایزنی کردند»: talks named loosely are the call
    calls = [c for c in clusters if c.type == "phone_call"]
    for cl in list(clusters):
        if cl.type != "meeting" or not calls or not all(m.head.weak or m.anaphoric for m in cl.mentions):
            continue
        for call in calls:
            if (call.status() or "occurred") == (cl.status() or "occurred") and (
                    not cl.parts or any(_slot_matches(doc, sa_, r) for sa_ in call.parts for sl in cl.parts for r in sl.refs)):
                call.mentions.extend(cl.mentions)
                call.mentions.sort(key=lambda m: m.start)
                for sl in cl.parts:
                    for r in sl.refs:
                        _add_part(doc, call, r)
                clusters.remove(cl)
                break
    for cl in clusters:
        _merge_slots(doc, cl)
        _absorb_plurals(doc, cl)
        if cl.type == "visit":
            _unify_traveller(doc, cl)
        else:
            _unify_counterpart(doc, cl)
    return clusters


#: sentences (0-based) of the headline and lead, where an article names its own signing
_LEAD = 2


def _two_halves_of_signing(doc: Document, a: Cluster, b: Cluster) -> bool:
    """«امضای قرارداد … با اسکوچیچ» / «قرارداد با فدراسیون فوتبال به امضا رسید»: the headline and
    lead of a signing often name one side each; two signings of one side each, both told in the
    lead, are one signing (an article reports one signing in its lead)."""
    if a.type != "agreement" or len(a.parts) != 1 or len(b.parts) != 1:
        return False
    lead = lambda c: any(m.sent <= _LEAD and not m.anaphoric for m in c.mentions)  # noqa: E731
    return lead(a) and lead(b)


def _merge_slots(doc: Document, cl: Cluster) -> None:
    """Slots that turned out to hold the same person (a title seen before the name) become one."""
    changed = True
    while changed:
        changed = False
        for i in range(len(cl.parts)):
            for j in range(i + 1, len(cl.parts)):
                reps_i, ids_i = _distinct(doc, cl.parts[i])
                reps_j, ids_j = _distinct(doc, cl.parts[j])
                if ids_i & ids_j or any(same_person(doc, a, b) for a in reps_i for b in reps_j):
                    cl.parts[i].refs.extend(cl.parts[j].refs)
                    del cl.parts[j]
                    changed = True
                    break
            if changed:
                break


def _unify_traveller(doc: Document, cl: Cluster) -> None:
    """«سفر رئیس‌جمهور به بلاروس … پزشکیان … سفر خود»: a role-only and a name-only traveller are one."""
    names = [s for s in cl.parts if all(r.resolved().role is None for r in s.refs) and any(r.resolved().name for r in s.refs)]
    roles = [s for s in cl.parts if all(r.resolved().name is None for r in s.refs)]
    if len(names) == 1 and len(roles) == 1:
        from .coref import titles_compatible
        title = next((r.role for r in roles[0].refs if r.role is not None), None)
        members = doc.user_data.get("events.members") or {}
        known = [v.role for r in names[0].refs for v in members.get(r.resolved().entity, ()) if v.role is not None and not v.plural]
        if title is not None and any(not titles_compatible(doc, title, t) for t in known):
            return  # «رئیس جمهوری وقت ایران» is not «حسن روحانی، رئیس جمهوری اسلامی ایران»
        names[0].refs = roles[0].refs + names[0].refs
        cl.parts.remove(roles[0])


_ALSO = rxcache.compile(r"^[\s»\"]*(?:نیز|هم)(?![\p{L}])")


def _unify_counterpart(doc: Document, cl: Cluster) -> None:
    """«X در دیدار مدیر کل یونسکو …» then «کوئیچیرو ماتسورا نیز در این دیدار گفت»: the party
    named only by title and the one who «also» speaks, named only by name, are one person."""
    members = doc.user_data.get("events.members") or {}
    # whether an entity has a (singular) title anywhere, read once per entity and run, not once per
    # slot of every cluster (a person named in hundreds of meetings has hundreds of members)
    cached = doc.user_data.get("_events_titled_members")
    if cached is None or cached[0] is not members:
        cached = doc.user_data["_events_titled_members"] = (members, {})
    titled_entity = cached[1]

    def is_titled(v: PersonRef) -> bool:
        return v.role is not None and not v.plural

    def has_title(slot) -> bool:
        for r in slot.refs:
            ref = r.resolved()
            group = members.get(ref.entity)
            if group is None:
                if is_titled(ref):
                    return True
                continue
            hit = titled_entity.get(ref.entity)
            if hit is None:
                hit = titled_entity[ref.entity] = any(is_titled(v) for v in group)
            if hit:
                return True
        return False

    named = [s for s in cl.parts if any(r.resolved().name is not None for r in s.refs) and not has_title(s)]
    titled = [s for s in cl.parts if all(r.resolved().name is None and not r.plural and not r.body for r in s.refs)
              and any(r.role is not None for r in s.refs)]
    if len(named) != 1 or len(titled) != 1:
        return
    also = [r for r in named[0].refs if r.name is not None and _ALSO.match(doc.norm[r.end:r.end + 8])]
    if also:
        titled[0].refs.extend(named[0].refs)
        cl.parts.remove(named[0])


def _absorb_plurals(doc: Document, cl: Cluster) -> None:
    """A plural title whose people take part by name is not a party of its own: «روسای جمهور دو
    کشور» beside the two presidents; «رؤسای جمهور ایران، افغانستان، پاکستان و تاجیکستان» beside the
    four named presidents (who take that joint title when the text gives them no other)."""
    keep = []
    named = [s for s in cl.parts if any(r.resolved().name is not None for r in s.refs)]
    for slot in cl.parts:
        refs = [r.resolved() for r in slot.refs]
        if all(r.plural and not r.body for r in refs):
            covered = [other for other in cl.parts if other is not slot
                       and any(covers(doc, r, q) for r in refs for q in other.refs)]
            joint = len(named) >= 2 and any(_names_countries(doc, r) >= 2 for r in refs)
            if covered or joint:
                for other in (named if joint else covered):
                    if other.group_role is None or _group_rank(doc, refs[0].role) < _group_rank(doc, other.group_role):
                        other.group_role = refs[0].role
                continue
        keep.append(slot)
    cl.parts = keep


def _group_rank(doc: Document, role) -> int:
    """0 for a joint title of an office («رؤسای جمهور …»), 1 for leaders («سران …»), 2 for officials."""
    head = fold(doc.norm[role[0]:role[1]]).split()[:1]
    mapped = _PLURAL_HEAD.get(head[0], None) if head else None
    if mapped:
        return 0
    return 1 if head and head[0] in ("سران", "رهبران") else 2


def _names_countries(doc: Document, ref: PersonRef) -> int:
    from .countries import countries_in
    if ref.role is None:
        return 0
    return len({c for _, _, c, _ in countries_in(doc.norm[ref.role[0]:ref.role[1]])})


def _parties_differ(doc: Document, a: Cluster, b: Cluster) -> bool:
    """Each cluster names a party the other lacks (two meetings of one person with two others)."""
    na = [s for s in a.parts if any(r.resolved().name is not None for r in s.refs)]
    nb = [s for s in b.parts if any(r.resolved().name is not None for r in s.refs)]
    if len(na) < 2 or len(nb) < 2:
        return False
    only_a = [s for s in na if not any(_slot_matches(doc, t, r) for t in b.parts for r in s.refs)]
    only_b = [s for s in nb if not any(_slot_matches(doc, t, r) for t in a.parts for r in s.refs)]
    if len(na) - len(only_a) >= 2:
        return False  # the same named pair met: one meeting told twice, each time with another attendee
    return bool(only_a) and bool(only_b)


def _named(slot: PartSlot) -> bool:
    """Some ref of the slot resolves to a named person (kept up to date as refs are added, like
    :func:`_distinct`: a slot of a title repeated in hundreds of mentions is not walked again)."""
    cache = getattr(slot, "_named_cache", None)
    if cache is None or cache[0] is not slot.refs or cache[1] > len(slot.refs):
        cache = [slot.refs, 0, False]
        slot._named_cache = cache  # type: ignore[attr-defined]
    if not cache[2]:
        cache[2] = any(r.resolved().name is not None for r in slot.refs[cache[1]:])
    cache[1] = len(slot.refs)
    return cache[2]


def _other_party_differs(doc: Document, cl: Cluster, m: Mention) -> bool:
    theirs = [slot for slot in cl.parts if _named(slot)]
    mine = [p for p in m.participants if p.resolved().name is not None]
    if len(theirs) < 2 or len(mine) < 2:
        return False
    extra_mine = [p for p in mine if not any(_slot_matches(doc, slot, p) for slot in cl.parts)]
    extra_theirs = [slot for slot in theirs if not any(_slot_matches(doc, slot, p) for p in m.participants)]
    if len(mine) - len(extra_mine) >= 2:
        return False  # the same named pair met (see _parties_differ)
    return bool(extra_mine) and bool(extra_theirs)


def _same_place(doc: Document, la, lb) -> bool:
    a = fold(doc.norm[la[0]:la[1]])
    b = fold(doc.norm[lb[0]:lb[1]])
    if a == b:
        return True
    ca, cb = country_of_place(a), country_of_place(b)
    return bool(ca and ca == cb and (is_country(a) or is_country(b)))


class _Known:
    """:meth:`Cluster.status` and :meth:`Cluster.location` of a cluster that only grows by
    appended mentions, kept up to date as they come (reading them from the mentions at every
    merge decision made merging quadratic in the mentions of one event)."""

    __slots__ = ("own", "any", "location")

    def __init__(self) -> None:
        self.own = self.any = self.location = None

    def add(self, m: Mention) -> None:
        if m.status is not None:
            if self.any is None:
                self.any = m.status
            if self.own is None and not m.anaphoric:
                self.own = m.status
        if self.location is None:
            self.location = m.location

    def status(self) -> Optional[str]:
        return self.own if self.own is not None else self.any


def _anaphor_target(clusters: Sequence[Cluster], m: Mention) -> Optional[int]:
    """Index of the latest cluster a back-reference («در این دیدار») can join, or None."""
    types = _COMPATIBLE_ANAPHOR.get(m.type, (m.type,))
    for k in range(len(clusters) - 1, -1, -1):
        if clusters[k].type in types:
            return k
    return None


def merge_mentions(doc: Document, mentions: Sequence[Mention]) -> List[Cluster]:
    """Each mention joins the first cluster it is :func:`_compatible` with (a back-reference the
    latest of a compatible type), else starts one. Only the clusters that share a participant
    key with it (:class:`_ClusterIndex`), or have no participants, are compared with it."""
    clusters: List[Cluster] = []
    known: List[_Known] = []  # (one per cluster)
    index = _ClusterIndex()
    bare: dict = {}  # type -> positions of clusters without participants (compatible with any)
    by_type: dict = {}  # type -> positions

    def join(target: int, m: Mention) -> None:
        cl = clusters[target]
        cl.mentions.append(m)
        known[target].add(m)
        indexed = cl.type in by_type_indexed
        for p in m.participants:
            _add_part(doc, cl, p)
            if indexed:
                index.add_ref(doc, target, cl.type, p)
        if cl.parts:
            bare.get(cl.type, set()).discard(target)

    # a type is indexed from its second cluster on (one event told many times needs no index)
    by_type_indexed: Set[str] = set()

    for m in mentions:
        if m.anaphoric:
            target = _anaphor_target(clusters, m)
            if target is None:
                continue  # a back-reference to nothing we extracted
            join(target, m)
            continue
        target = None
        found = None
        if m.participants and m.type in by_type_indexed and not (m.type == "visit" and m.location is not None):
            found = index.candidates(doc, m.type, m.participants)
        if found is None:
            candidates = by_type.get(m.type, [])  # (in order: positions are appended)
        else:
            found.update(bare.get(m.type, ()))
            candidates = sorted(found)
        for k in candidates:
            if _compatible(doc, clusters[k], m, known[k]):
                target = k
                break
        if target is None:
            target = len(clusters)
            clusters.append(Cluster(m.type))
            known.append(_Known())
            same_type = by_type.setdefault(m.type, [])
            same_type.append(target)
            bare.setdefault(m.type, set()).add(target)
            if len(same_type) == 2:
                by_type_indexed.add(m.type)
                first = same_type[0]
                for sl in clusters[first].parts:
                    for r in sl.refs:
                        index.add_ref(doc, first, m.type, r)
        join(target, m)
    return clusters
