"""From stored reports to identities and merged events (what :meth:`Corpus.refresh` runs).

Three linear passes over the store:

1. identities: the names of every article → :class:`~persian_ie.corpus.identity.Identities`;
2. roles: reports that give a name with a role teach :class:`~persian_ie.corpus.roles.RoleBook`
   who held it when;
3. reports → :class:`~persian_ie.corpus.merge.Mention` → :class:`~persian_ie.corpus.merge.MergeState`
   → merged events, with every source, fields by agreement and contradictions.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from ..entities.countries import country_for_place
from .evidence import calendar_days, content_words, is_generic, years_named
from .identity import Identities, IdentityResolver
from .merge import Mention, MergeState, Slot, sentence_shingles
from .roles import RoleBook, _day, role_id, role_key

__all__ = ["Report", "ReportParticipant", "load_reports", "reports_from_record", "resolve_identities", "learn_roles", "mentions_of",
           "merged_rows"]


@dataclass
class ReportParticipant:
    name: Optional[str]            # normalized
    role: Optional[str]
    org: Optional[str]
    country: Optional[str]
    name_span: Optional[Tuple[int, int]] = None


@dataclass
class Report:
    """One stored event of one article."""

    key: str
    article_id: str
    type: str
    status: str
    date_jalali: Optional[str]
    date_granularity: Optional[str]
    published: Optional[str]
    location: Optional[str]
    confidence: float
    topics: List[Tuple[str, str]]            # (text, category)
    participants: List[ReportParticipant] = field(default_factory=list)
    snippet: Optional[str] = None
    sentence_start: int = -1
    trigger: Tuple[int, int] = (-1, -1)      # article offsets

    @property
    def day_jalali(self) -> Optional[str]:
        return self.date_jalali if self.date_granularity == "day" else None


def reports_from_record(rec) -> List[Report]:
    """The reports of one parsed article (:class:`~persian_ie.corpus.records.ArticleRecord`),
    as :func:`load_reports` gives them from a store."""
    out = []
    for ev in rec.events:
        rep = Report(ev.key, rec.id, ev.type, ev.status, ev.date_jalali, ev.date_granularity, rec.published,
                     ev.location.normalized if ev.location else None, ev.confidence,
                     [(t.text, t.category) for t in ev.topics], snippet=ev.snippet,
                     sentence_start=ev.sentence[0], trigger=(ev.trigger.start, ev.trigger.end))
        for p in ev.participants:
            rep.participants.append(ReportParticipant(
                p.name.normalized if p.name else None, p.role.normalized if p.role else None,
                p.organization.normalized if p.organization else None, p.country,
                (p.name.start, p.name.end) if p.name else None))
        out.append(rep)
    return out


def load_reports(store) -> List[Report]:
    reports: Dict[str, Report] = {}
    for row in store.query(
            "SELECT e.key, e.article_id, e.type, e.status, e.date_jalali, e.date_granularity, a.published, "
            "e.location_normalized, e.confidence, e.topics, e.snippet, e.sentence_start, e.trigger_start, "
            "e.trigger_end FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.key"):
        topics = [(t[0], t[3]) for t in json.loads(row[9] or "[]")]
        reports[row[0]] = Report(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], topics,
                                 snippet=row[10], sentence_start=row[11] if row[11] is not None else -1,
                                 trigger=(row[12] if row[12] is not None else -1, row[13] if row[13] is not None else -1))
    for key, name, role, org, country, s, e in store.query(
            "SELECT event_key, name_normalized, role_normalized, org_normalized, country, name_start, name_end "
            "FROM participants ORDER BY event_key, idx"):
        rep = reports.get(key)
        if rep is not None:
            rep.participants.append(ReportParticipant(name, role, org, country, (s, e) if name else None))
    return list(reports.values())


def resolve_identities(store, previous: Optional[Dict[str, str]] = None, **options) -> Identities:
    resolver = IdentityResolver(previous_ids=previous, **options)
    by_article: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for aid, label, text, n in store.query("SELECT article_id, label, text, n FROM names WHERE label != 'ROLE'"):
        by_article[aid].extend([(label, text)] * int(n))
    for aid, name, org, loc in store.query(
            "SELECT e.article_id, p.name_normalized, p.org_normalized, e.location_normalized FROM events e "
            "LEFT JOIN participants p ON p.event_key = e.key"):
        # participants and places are names too, even where the entity stage missed them
        if name:
            by_article[aid].append(("PER", name))
        if org:
            by_article[aid].append(("ORG", org))
        if loc:
            by_article[aid].append(("LOC", loc))
    for aid in sorted(by_article):
        resolver.add_article(aid, by_article[aid])
    return resolver.resolve()


def _year(ordinal: int) -> int:
    return datetime.date.fromordinal(ordinal).year


def _effective_date(rep: Report) -> Optional[str]:
    return rep.day_jalali or rep.published


def learn_roles(reports: Iterable[Report], ids: Identities, **options) -> RoleBook:
    book = RoleBook(**options)
    for rep in reports:
        for p in rep.participants:
            if p.name and p.role:
                key = role_key(p.role, p.country)
                person = ids.identity_of(rep.article_id, "PER", p.name)
                if key is not None and person is not None and not ids.identities[person].ambiguous_with:
                    book.observe(role_id(key), person, _effective_date(rep))
    return book


def _slots(rep: Report, ids: Identities, book: RoleBook) -> Tuple[Tuple[Slot, ...], List[Tuple[str, str, str, str, str]]]:
    slots, described = [], []
    for p in rep.participants:
        person = ids.identity_of(rep.article_id, "PER", p.name) if p.name else None
        key = role_key(p.role, p.country) if p.role else None
        rid = role_id(key) if key else None
        via = "named in the report" if person else ""
        if person is None and rid is not None:
            hit = book.holder(rid, _effective_date(rep))
            if hit is not None:
                person, why = hit
                via = f"role {rid[5:]}: {why}"
        org = ids.identity_of(rep.article_id, "ORG", p.org) if p.org else None
        country = p.country or (key[1] if key else None)
        ident = person or rid or org
        slots.append(Slot(ident, country, named=person is not None, role=rid, source=_is_source(rep, p)))
        if ident is not None:
            kind = "PER" if person else ("ROLE" if rid else "ORG")
            described.append((ident, kind, p.name or p.role or p.org or "", country or "", via or
                              ("role in the report" if kind == "ROLE" else "organization in the report")))
    return tuple(slots), described


# «X، سخنگوی …», «به گفته X»: the person quoted as the report's source
_SOURCE_AFTER = re.compile(r"^[\s،,«»\"()]*(?:سخنگو|خبرنگار)")
_SOURCE_BEFORE = re.compile(r"(?:به\s+گفته|به\s+نقل\s+از|به\s+گزارش)[\s«»\"]*$")


def _is_source(rep: Report, p: ReportParticipant) -> bool:
    """A participant named as the report's source: a spokesman («پسکوف، سخنگوی کرملین»), a
    reporter, or the subject of «به گفته …» (by the name's role or the words around it)."""
    if p.role and _SOURCE_AFTER.match(p.role):
        return True
    if not rep.snippet or p.name_span is None or rep.sentence_start < 0:
        return False
    s, e = p.name_span[0] - rep.sentence_start, p.name_span[1] - rep.sentence_start
    if not 0 <= s < e <= len(rep.snippet):
        return False
    return bool(_SOURCE_AFTER.match(rep.snippet[e:e + 20]) or _SOURCE_BEFORE.search(rep.snippet[max(0, s - 20):s]))


def _evidence(rep: Report):
    """Content words, year-less days, years and genericity of a report's sentence."""
    if not rep.snippet:
        return frozenset(), frozenset(), frozenset(), False
    skip = [p.name for p in rep.participants if p.name] + [p.role for p in rep.participants if p.role] \
        + [p.org for p in rep.participants if p.org] + [c for c in {p.country for p in rep.participants} if c]
    ts, te = rep.trigger[0] - rep.sentence_start, rep.trigger[1] - rep.sentence_start
    if rep.sentence_start >= 0 and 0 <= ts < te <= len(rep.snippet):
        skip.append(rep.snippet[ts:te])
    else:
        ts = te = -1
    return (content_words(rep.snippet, skip), calendar_days(rep.snippet), years_named(rep.snippet),
            ts >= 0 and rep.day_jalali is None and is_generic(rep.snippet, ts, te))


def mentions_of(reports: Iterable[Report], ids: Identities, book: RoleBook):
    """Mentions for merging, and each report's described participants."""
    mentions, described = [], {}
    for rep in reports:
        slots, desc = _slots(rep, ids, book)
        described[rep.key] = desc
        words, days_named, years, generic = _evidence(rep)
        day = _day(rep.day_jalali)
        exact = day is not None
        if day is None:
            day = _day(rep.published)
            # a publication day bounds the event only when the sentence does not place it in
            # another year («… توافق سوچی که در سپتامبر ۲۰۱۸ امضا شد»)
            if day is not None and years and not years & {_year(day), _year(day) - 1}:
                day = None
        place = ids.identity_of(rep.article_id, "LOC", rep.location) if rep.location else None
        mentions.append(Mention(
            rep.key, rep.article_id, rep.type, rep.status, day, exact, slots, place,
            country_for_place(rep.location) if rep.location else None,
            frozenset(c for _, c in rep.topics if c and c != "other"), rep.confidence,
            sentence_shingles(rep.snippet) if rep.snippet else frozenset(),
            words, days_named, years, generic))
    return mentions, described


def merged_rows(groups: List[List[str]], reports: Dict[str, Report], mentions: Dict[str, Mention],
                described: Dict[str, list], ids: Identities, state: MergeState):
    """Rows of ``merged_events``, ``merged_sources`` and ``merged_participants``."""
    ev_rows, src_rows, part_rows = [], [], []
    for group in groups:
        reps = sorted((reports[k] for k in group), key=lambda r: (r.published or "9999", r.key))
        mid = f"evt:{reps[0].key}"
        contradictions = []
        statuses = Counter(r.status for r in reps)
        status = next(s for s in ("occurred", "planned", "proposed") if s in statuses) \
            if set(statuses) <= {"occurred", "planned", "proposed"} else statuses.most_common(1)[0][0]
        if len(statuses) > 1:
            contradictions.append({"field": "status", "values": {
                st: [r.key for r in reps if r.status == st] for st in sorted(statuses)}})
        exact = Counter(r.day_jalali for r in reps if r.day_jalali)
        if exact:
            (date, n_date), = exact.most_common(1)
            share = n_date / sum(exact.values())
            if len(exact) > 1:
                contradictions.append({"field": "date", "values": {
                    d: [r.key for r in reps if r.day_jalali == d] for d in sorted(exact)}})
            date_exact = 1
        else:
            pubs = sorted(r.published for r in reps if r.published)
            date, share, date_exact = (pubs[0] if pubs else None), 0.0, 0
        places = Counter(mentions[r.key].place for r in reps if mentions[r.key].place)
        place_id = place = None
        if places:
            place_id, _ = places.most_common(1)[0]
            place = ids.identities[place_id].name if place_id in ids.identities else place_id
            if len(places) > 1:
                contradictions.append({"field": "place", "values": {
                    (ids.identities[p].name if p in ids.identities else p):
                        [r.key for r in reps if mentions[r.key].place == p] for p in sorted(places)}})
        people: Dict[str, list] = {}
        for r in reps:
            for ident, kind, text, country, via in described[r.key]:
                entry = people.setdefault(ident, [kind, Counter(), country, 0, via])
                entry[1][text] += 1
                entry[3] += 1
                if not entry[2]:
                    entry[2] = country
        topics = Counter()
        categories = Counter()
        for r in reps:
            for text, cat in r.topics:
                topics[text] += 1
                categories[cat] += 1
        conf_miss = 1.0
        for r in reps:
            conf_miss *= 1.0 - min(max(r.confidence, 0.0), 0.99)
        confidence = 1.0 - conf_miss
        if len(reps) > 1:
            scores = [state.edges[(a, b)][0] for a in group for b in group if (a, b) in state.edges]
            scores += [0.6 for k in group if k in getattr(state, "attached", {})]
            confidence *= (sum(scores) / len(scores)) if scores else 0.5
        gdate = None
        if date:
            gd = _day(date)
            gdate = None if gd is None else datetime.date.fromordinal(gd).isoformat()
        names = []
        countries = set()
        for ident, (kind, texts, country, n, via) in people.items():
            name = ids.identities[ident].name if ident in ids.identities else (
                ident[5:] if ident.startswith("role:") else texts.most_common(1)[0][0])
            names.append(name)
            if country:
                countries.add(country)
            part_rows.append((mid, ident, kind, name, country or None, n, via))
        ev_rows.append((mid, reps[0].type, status, date, gdate, date_exact, round(share, 3),
                        min((r.published for r in reps if r.published), default=None), place_id, place,
                        round(confidence, 3), len(reps), len({r.article_id for r in reps}),
                        json.dumps(sorted(names), ensure_ascii=False), json.dumps(sorted(countries), ensure_ascii=False),
                        json.dumps(dict(topics.most_common()), ensure_ascii=False),
                        json.dumps(dict(categories.most_common()), ensure_ascii=False),
                        json.dumps(contradictions, ensure_ascii=False)))
        src_rows.extend((mid, r.key, r.article_id) for r in reps)
    return ev_rows, src_rows, part_rows
