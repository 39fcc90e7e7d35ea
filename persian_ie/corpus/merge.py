"""One event from many reports: cross-article event merging.

Two reports (events of different articles) are linked when they are the same
interaction:

* the same ``type`` and ``status`` (a different status needs two shared identities, the
  same story in the sentences, or the same day given by both texts);
* at least one participant identity in common (a person, a role or an organization;
  a role-only participant counts as its holder at that date when the corpus knows one;
  a quoted source such as a spokesman is no participant), and no sign of a different
  counterpart: when each report names someone the other does not, they must share two
  identities, or the unmatched ones must be the same country's side without two different
  named people; a report naming people of a country the other has nobody from is about a
  larger gathering (a shared person's country counts for both reports);
* nothing in the sentences against it (:mod:`~persian_ie.corpus.evidence`): no two
  different days named without a year («پنجم مارس» / «دهم مارس»), no other year
  («سپتامبر ۲۰۱۸»), no habitual statement («همواره … دیدار می‌کند»); content words shared
  by the two sentences (weighted by rarity) add to the link and settle undated reports;
* dates within a window: the event's own day when the text gives one, else the article's
  publication day (which follows the event by a few days at most);
* places in the same country (a different city is kept as a contradiction);
* a planned or proposed report and one that says it happened are one event when both give
  the same day (the status differs, and that is kept as a contradiction).

A report without any date (an article that carries no publication date and a relative or no
date in the text) is attached to the dated event it fits best when that one is unique: same
type and status, at least two named participants in common (most of the shorter list),
places in the same country, and more participants in common than any other dated event
(«the only Zarif–Murphy meeting the corpus knows»). On a tie it stays alone.

Agencies copy each other: two reports whose event sentences are nearly the same words
(word-trigram overlap ≥ ``copy_overlap``) of the same type are linked even when the
articles carry no date (``the same sentence``); candidates come from min-hash keys of the
sentence, so this stays near-linear too.

Candidates come from blocking: reports are indexed by ``(type, identity)`` and
sorted by day, so each report is compared only with reports that share an identity and
fall inside the window (near-linear, never all pairs). Linked reports form components;
inside a component, reports are grouped greedily by link strength so that no group holds
two reports of one article or a conflicting pair (no chaining through a weak link).

The state is a reduction: :meth:`MergeState.combine` of the states of two partitions is
the state of their union, whatever the order (components depend only on their reports).

>>> a = Mention("a#0", "a", "meeting", "occurred", day=737000, exact=True,
...             slots=(Slot("per:ظریف", "ایران"), Slot("per:لاوروف", "روسیه")))
>>> b = Mention("b#0", "b", "meeting", "occurred", day=737001, exact=False,
...             slots=(Slot("per:ظریف", "ایران"),
...                    Slot("role:وزیر امور خارجه (روسیه)", "روسیه", named=False, role="role:وزیر امور خارجه (روسیه)")))
>>> c = Mention("c#0", "c", "meeting", "occurred", day=737000, exact=True,
...             slots=(Slot("per:ظریف", "ایران"), Slot("per:پوتین", "روسیه")))
>>> state = MergeState()
>>> state.add([a, b, c])
>>> sorted(sorted(g) for g in state.clusters())
[['a#0', 'b#0'], ['c#0']]
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from .evidence import day_key_of, days_compatible, text_agreement

__all__ = ["Slot", "Mention", "MergeConfig", "MergeState", "link_score", "sentence_shingles"]

_WORD = re.compile(r"\w+")
_MAX_PAIR_NAMES = 6      # named people of a report used for pair blocking (15 pairs at most)
_SALTS = (b"a", b"b", b"c", b"d")


def sentence_shingles(sentence: str) -> FrozenSet[int]:
    """Word-trigram fingerprints of an event sentence (stable across processes: CRC32)."""
    words = _WORD.findall(sentence.replace("\u200c", ""))
    return frozenset(zlib.crc32(" ".join(words[i:i + 3]).encode("utf-8")) for i in range(len(words) - 2))


def _minhash_keys(shingles: FrozenSet[int]) -> List[int]:
    return [min(zlib.crc32(salt + h.to_bytes(4, "little")) for h in shingles) for salt in _SALTS]


def _overlap(a: FrozenSet[int], b: FrozenSet[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class Slot:
    """One participant of a report, as identities.

    ``identity``: person id, else role id, else organization id (or None when the
    participant could not be identified); ``country``: its country; ``named``: whether
    the identity is a named person (not a role or body); ``source``: the report's quoted
    source rather than a party («پسکوف، سخنگوی کرملین، اعلام کرد …»), never a counterpart.
    """

    identity: Optional[str]
    country: Optional[str] = None
    named: bool = True
    role: Optional[str] = None
    source: bool = False


@dataclass(frozen=True)
class Mention:
    """One report of an event, reduced to what merging compares.

    Besides the extracted fields, what its sentence says (:mod:`~persian_ie.corpus.evidence`):
    ``words`` (content words), ``days_named`` (days named without a year), ``years``
    (years the sentence places things in) and ``generic`` (a habitual statement, never merged).
    """

    key: str
    article_id: str
    type: str
    status: str
    day: Optional[int]                 # Gregorian ordinal of the event day (or of publication)
    exact: bool                        # day given by the text (True) or the publication day (False)
    slots: Tuple[Slot, ...] = ()
    place: Optional[str] = None        # location identity
    place_country: Optional[str] = None
    topics: FrozenSet[str] = frozenset()
    confidence: float = 0.5
    shingles: FrozenSet[int] = frozenset()     # of the event sentence, when the text was given
    words: FrozenSet[str] = frozenset()
    days_named: FrozenSet[Tuple[str, int, int]] = frozenset()
    years: FrozenSet[int] = frozenset()
    generic: bool = False

    @property
    def identities(self) -> Set[str]:
        return {s.identity for s in self.slots if s.identity and not s.source}

    @property
    def named(self) -> Set[str]:
        return {s.identity for s in self.slots if s.identity and s.named and not s.source}


@dataclass(frozen=True)
class MergeConfig:
    """Windows (days) and thresholds of the merge.

    ``exact_window``: two days both given by the texts may differ by this much (the
    difference is kept as a contradiction); ``report_window``: two reports dated only by
    their publication may be this far apart; ``lag_window``: a report dated only by its
    publication may appear this long after the day another report gives (a publication day
    is an upper bound of the event's day, never a lower one); ``plan_window``: an
    announcement may precede the event by this much. ``text_agreement``: share of the
    lighter sentence's content-word weight two sentences must have in common to count as
    telling the same story (what an undated report needs besides its participants).
    """

    exact_window: int = 1
    report_window: int = 3
    lag_window: int = 7
    min_score: float = 0.5
    copy_overlap: float = 0.6
    copy_overlap_shared: float = 0.35
    min_copy_shingles: int = 6
    plan_window: int = 14
    text_agreement: float = 0.5


_PLANNED = ("planned", "proposed")


def _when(a: Mention, b: Mention, cfg: MergeConfig) -> Tuple[Optional[float], str]:
    """Whether the two reports' dates allow one event: ``(penalty, how)``, or ``(None, why not)``.

    Days named in the sentences («پنجم مارس») and years («سپتامبر ۲۰۱۸») must agree first;
    then a day given by a text is the event's day, a publication day only bounds it: a
    report of a held event appears on or after it (within ``lag_window``), an announcement
    on or before it (within ``plan_window``)."""
    keys_a = a.days_named or (day_key_of(a.day) if a.exact and a.day is not None else frozenset())
    keys_b = b.days_named or (day_key_of(b.day) if b.exact and b.day is not None else frozenset())
    named_day = days_compatible(keys_a, keys_b)
    if named_day is False:
        return None, "the sentences name different days"
    if a.years and b.years and not a.years & b.years:
        return None, "the sentences name different years"
    for x, y in ((a, b), (b, a)):
        if x.exact and x.day is not None and y.years and _year(x.day) not in y.years:
            return None, "the sentence names another year"
    if a.day is None or b.day is None:
        if named_day:
            return 0.0, "the same day named in both sentences"
        return 0.1, "no date on one side"
    diff = abs(a.day - b.day)
    if a.exact and b.exact:
        return (0.05 * diff, f"{diff} day(s) apart") if diff <= cfg.exact_window else (None, "dates too far apart")
    if a.exact != b.exact:
        event, report = (a, b) if a.exact else (b, a)
        lag = report.day - event.day            # days from the event to the report's publication
        if report.status in _PLANNED:
            ok = -cfg.plan_window <= lag <= cfg.exact_window
            return (0.01 * max(0, -lag - 1), f"announced {max(0, -lag)} day(s) ahead") if ok else \
                (None, "announced after the day the other report gives")
        if -cfg.exact_window <= lag <= cfg.lag_window:
            return 0.03 * max(0, lag - 1), f"published {max(lag, 0)} day(s) after the day the other report gives"
        return None, "published too long after (or before) the day the other report gives"
    # two publication days: the events lie on or before them (after them for announcements)
    if (a.status in _PLANNED) == (b.status in _PLANNED):
        window = cfg.report_window if a.status not in _PLANNED else cfg.lag_window
        return (0.05 * diff, f"published {diff} day(s) apart") if diff <= window else \
            (None, "published too far apart")
    plan, held = (a, b) if a.status in _PLANNED else (b, a)
    gap = held.day - plan.day
    if -cfg.exact_window <= gap <= cfg.plan_window + cfg.report_window:
        return 0.02 * max(0, gap - 1), f"announced, then reported {gap} day(s) later"
    return None, "announcement and report too far apart"


def _year(ordinal: int) -> int:
    return datetime.date.fromordinal(ordinal).year


def _who(a: Mention, b: Mention) -> Tuple[int, int, int, bool, Set[str]]:
    """Participants compared: ``(shared, unmatched named on a, on b, side conflict, shared ids)``.

    A quoted source is no participant; a role or an unnamed side conflicts only with a
    different role or a known different country."""
    ids_a, ids_b = a.identities, b.identities
    shared = ids_a & ids_b
    left_a = [s for s in a.slots if s.identity not in shared and (s.identity or s.country) and not s.source]
    left_b = [s for s in b.slots if s.identity not in shared and (s.identity or s.country) and not s.source]
    named_a = sum(1 for s in left_a if s.identity and s.named)
    named_b = sum(1 for s in left_b if s.identity and s.named)
    conflict = bool(left_a and left_b) and any(not any(_same_side(x, y) for y in left_b) for x in left_a)
    return len(shared), named_a, named_b, conflict, shared


def link_score(a: Mention, b: Mention, cfg: MergeConfig = MergeConfig()) -> Tuple[float, str]:
    """How strongly two reports are one event: ``(score, why)``; score 0 means no link."""
    if a.type != b.type:
        return 0.0, "different type"
    if a.generic or b.generic:
        return 0.0, "a general or habitual statement, not one event"
    if a.article_id == b.article_id:
        return _same_article(a, b, cfg)
    copy = _overlap(a.shingles, b.shingles) if len(a.shingles) >= cfg.min_copy_shingles \
        and len(b.shingles) >= cfg.min_copy_shingles else 0.0
    if a.status == b.status and (copy >= cfg.copy_overlap or (
            copy >= cfg.copy_overlap_shared and a.identities & b.identities)):
        if a.exact and b.exact and a.day is not None and b.day is not None and \
                abs(a.day - b.day) > cfg.report_window:
            return 0.0, "same sentence, but dates too far apart"
        return 0.9, f"the same sentence ({copy:.0%} of its word trigrams)"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return 0.0, "places in different countries"
    penalty, when = _when(a, b, cfg)
    if penalty is None:
        return 0.0, when
    n, left_a, left_b, conflict, shared = _who(a, b)
    if not n:
        return 0.0, "no participant in common"
    text = text_agreement(a.words, b.words)
    same_story = text >= cfg.text_agreement
    named_shared = len(shared & (a.named | b.named))
    # two shared identities settle it only when they are most of the smaller report's list
    strong = n >= 2 and n >= 0.5 * min(len(a.identities), len(b.identities))
    if conflict and not strong:
        return 0.0, "each report names a different counterpart"
    if min(left_a, left_b) == 0 and _new_sides(a, b, shared) and not same_story:
        # «پوتین و اردوغان» vs «مرکل، ماکرون، پوتین و اردوغان»: a bilateral and a summit
        return 0.0, "one report names a larger gathering (people of other countries)"
    undated = a.day is None or b.day is None
    if undated and not (strong and named_shared >= 2 and (same_story or when.startswith("the same day"))):
        return 0.0, "no date on one side, and the participants and sentences do not settle it"
    if a.status != b.status and not (n >= 2 or same_story or (a.exact and b.exact)):
        return 0.0, f"one {a.status} and one {b.status}, with too little in common"
    score = 0.45 + 0.2 * min(n, 2) - 0.05 * max(0, left_a + left_b - 1) - penalty
    why = f"{n} participant(s) in common, {when}"
    if a.place and a.place == b.place:
        score += 0.1
    if a.topics and b.topics and a.topics & b.topics:
        score += 0.1
    if same_story:
        score += 0.1
        why += f", {text:.0%} of the sentence's content in common"
    if a.status != b.status:
        score -= 0.1     # a report of the same status is the likelier partner
        why += f", one {a.status} and one {b.status}"
    return max(0.0, min(score, 1.0)), why


def _same_article(a: Mention, b: Mention, cfg: MergeConfig) -> Tuple[float, str]:
    """Two reports of one article are one meeting only when the extraction evidently split it:
    the same named people and no one else (at least two), both days given by the text and
    within ``exact_window`` («ترامپ امروز با نتانیاهو و گانتس دیدار کرد» … «ترامپ و نتانیاهو
    … ملاقات خواهند داشت»)."""
    named_a, named_b = a.named, b.named
    if len(named_a) < 2 or named_a != named_b or not (a.exact and b.exact) or a.day is None or b.day is None:
        return 0.0, "same article"
    penalty, when = _when(a, b, cfg)
    if penalty is None:
        return 0.0, "same article, " + when
    return 0.55, f"the same people ({len(named_a)}) in two reports of one article, {when}"


def _new_sides(a: Mention, b: Mention, shared: Set[str]) -> bool:
    """Whether one report names people of a country the other report has nobody from (a
    third party: the other report is about a smaller meeting)."""
    for x, y in ((a, b), (b, a)):
        # a shared person's country counts for both reports, whichever of them gives it
        countries = {s.country for s in y.slots if s.country and not s.source} | \
            {s.country for s in x.slots if s.country and s.identity in shared and not s.source}
        if not countries:
            continue
        if any(s.named and s.identity and s.identity not in shared and not s.source and s.country
               and s.country not in countries for s in x.slots):
            return True
    return False


def _same_side(x: Slot, y: Slot) -> bool:
    if x.identity and y.identity and x.named and y.named:
        return x.identity == y.identity
    if x.role and y.role and x.role != y.role:
        return False
    if x.country is None or y.country is None:
        return not (x.identity and y.identity and x.named and y.named)
    return x.country == y.country


class _UF:
    def __init__(self) -> None:
        self.p: Dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.p
        p.setdefault(x, x)
        r = x
        while p[r] != r:
            r = p[r]
        while p[x] != r:
            p[x], x = r, p[x]
        return r

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.p[rb] = ra


@dataclass
class MergeState:
    """Reports, their links and their grouping; mergeable with another state."""

    config: MergeConfig = field(default_factory=MergeConfig)
    mentions: Dict[str, Mention] = field(default_factory=dict)
    edges: Dict[Tuple[str, str], Tuple[float, str]] = field(default_factory=dict)
    _blocks: Dict[Tuple[str, str], List[Tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    _copies: Dict[Tuple[str, int], List[str]] = field(default_factory=lambda: defaultdict(list))
    _pairs: Dict[Tuple[str, ...], Tuple[List[str], List[str]]] = field(
        default_factory=lambda: defaultdict(lambda: ([], [])))
    _uf: _UF = field(default_factory=_UF)
    _groups: Dict[str, List[List[str]]] = field(default_factory=dict)   # component root -> groups
    _dirty: Set[str] = field(default_factory=set)

    def add(self, mentions: Iterable[Mention]) -> None:
        """Add reports: each is compared with the indexed reports of its blocks."""
        cfg = self.config
        span = max(cfg.exact_window, cfg.report_window, cfg.lag_window, cfg.plan_window) + 1
        for m in mentions:
            if m.key in self.mentions:
                continue
            self.mentions[m.key] = m
            self._uf.find(m.key)
            self._dirty.add(m.key)
            if m.generic:
                continue            # a habitual statement: kept as its own event, compared with none
            candidates: Set[str] = set()
            if len(m.shingles) >= cfg.min_copy_shingles:
                for h in _minhash_keys(m.shingles):
                    bucket = self._copies[(m.type, h)]
                    candidates.update(bucket)
                    bucket.append(m.key)
            if m.day is not None:
                for ident in m.identities:
                    block = self._blocks[(m.type, ident)]
                    lo = bisect.bisect_left(block, (m.day - span, ""))
                    hi = bisect.bisect_right(block, (m.day + span, "\uffff"))
                    candidates.update(k for _, k in block[lo:hi])
                    bisect.insort(block, (m.day, m.key))
            # a report without a day meets the reports naming two of its people (dated or not);
            # a dated one meets the undated reports naming two of its people
            for pair in itertools.combinations(sorted(m.named)[:_MAX_PAIR_NAMES], 2):
                dated, undated = self._pairs[(m.type,) + pair]
                candidates.update(undated)
                if m.day is None:
                    candidates.update(dated)
                    undated.append(m.key)
                else:
                    dated.append(m.key)
            for other in sorted(candidates):
                score, why = link_score(m, self.mentions[other], cfg)
                if score >= cfg.min_score:
                    pair = (m.key, other) if m.key < other else (other, m.key)
                    self.edges[pair] = (score, why)
                    self._uf.union(m.key, other)

    def combine(self, other: "MergeState") -> "MergeState":
        """The state of both partitions (a reduction step; order does not matter)."""
        first, second = (self, other) if len(self.mentions) >= len(other.mentions) else (other, self)
        first.add(second.mentions[k] for k in sorted(second.mentions))
        return first

    def _regroup(self) -> None:
        if not self._dirty:
            return
        roots = {self._uf.find(k) for k in self._dirty}
        self._dirty.clear()
        members: Dict[str, List[str]] = defaultdict(list)
        for k in self.mentions:
            r = self._uf.find(k)
            if r in roots:
                members[r].append(k)
        stale = [r for r in self._groups if self._uf.find(r) in roots]
        for r in stale:
            del self._groups[r]
        comp_edges: Dict[str, List[Tuple[float, str, str]]] = defaultdict(list)
        for (x, y), (s, _) in self.edges.items():
            r = self._uf.find(x)
            if r in roots:
                comp_edges[r].append((s, x, y))
        for root, keys in members.items():
            self._groups[root] = self._group_component(sorted(keys), comp_edges.get(root, []))

    def _group_component(self, keys: List[str], edges: List[Tuple[float, str, str]]) -> List[List[str]]:
        if len(keys) == 1:
            return [keys]
        pairs = sorted(edges, key=lambda t: (-t[0], t[1], t[2]))
        group_of = {k: i for i, k in enumerate(keys)}
        groups: Dict[int, List[str]] = {i: [k] for i, k in enumerate(keys)}
        cache: Dict[Tuple[str, str], bool] = {}

        def compatible(x: str, y: str) -> bool:
            pair = (x, y) if x < y else (y, x)
            if pair in self.edges:
                return True
            hit = cache.get(pair)
            if hit is None:
                a, b = self.mentions[x], self.mentions[y]
                hit = _compatible(a, b, self.config)
                cache[pair] = hit
            return hit

        for _, x, y in pairs:
            gx, gy = group_of[x], group_of[y]
            if gx == gy:
                continue
            if all(compatible(p, q) for p in groups[gx] for q in groups[gy]):
                keep, drop = (gx, gy) if gx < gy else (gy, gx)
                for k in groups[drop]:
                    group_of[k] = keep
                groups[keep].extend(groups.pop(drop))
        return [sorted(g) for g in groups.values()]

    def clusters(self) -> List[List[str]]:
        """Groups of report keys, one per merged event (singletons included)."""
        self._regroup()
        groups = [g for groups in self._groups.values() for g in groups]
        return self._attach_undated(groups)

    def _attach_undated(self, groups: List[List[str]]) -> List[List[str]]:
        """Groups without any dated report join the one dated group they fit, if it is unique."""
        mentions = self.mentions
        dated = [g for g in groups if any(mentions[k].day is not None for k in g)]
        index: Dict[Tuple[str, str], Set[int]] = defaultdict(set)
        for i, g in enumerate(dated):
            for k in g:
                m = mentions[k]
                for s in m.slots:
                    if s.identity and s.named:
                        index[(m.type, s.identity)].add(i)
        out = [list(g) for g in dated]
        self.attached: Dict[str, Tuple[str, str]] = {}
        for g in groups:
            if any(mentions[k].day is not None for k in g):
                continue
            fits: Dict[int, int] = {}          # dated group -> most participants in common
            for k in g:
                m = mentions[k]
                named = {s.identity for s in m.slots if s.identity and s.named}
                if len(named) < 2:
                    continue
                seen: Set[int] = set()
                for ident in named:
                    seen |= index.get((m.type, ident), set())
                for i in seen:
                    if any(mentions[o].article_id == m.article_id for o in dated[i]):
                        continue
                    n = max((_fits_undated(m, mentions[o]) for o in dated[i]), default=0)
                    if n:
                        fits[i] = max(fits.get(i, 0), n)
            ranked = sorted(fits.items(), key=lambda kv: (-kv[1], kv[0]))
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                i, n = ranked[0]
                out[i].extend(g)
                for k in g:
                    self.attached[k] = (dated[i][0], f"no date: the one dated event in the corpus with the most "
                                                     f"participants in common ({n})")
            else:
                out.append(list(g))
        return [sorted(g) for g in out]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_blocks"] = dict(self._blocks)
        state["_copies"] = dict(self._copies)
        state["_pairs"] = dict(self._pairs)
        return state

    def __setstate__(self, state):
        blocks, copies = defaultdict(list), defaultdict(list)
        pairs: Dict[Tuple[str, ...], Tuple[List[str], List[str]]] = defaultdict(lambda: ([], []))
        blocks.update(state.pop("_blocks"))
        copies.update(state.pop("_copies"))
        pairs.update(state.pop("_pairs", {}))
        self.__dict__.update(state)
        self._blocks, self._copies, self._pairs = blocks, copies, pairs


def _fits_undated(m: Mention, o: Mention) -> int:
    """How many named participants an undated report ``m`` shares with the dated report ``o``
    when it may be the same event (dates aside, but not days or years its sentence names), else 0."""
    if m.type != o.type or m.status != o.status or m.generic or o.generic:
        return 0
    if m.place_country and o.place_country and m.place_country != o.place_country:
        return 0
    if _when(m, o, MergeConfig())[0] is None:
        return 0
    a, b = m.named, o.named
    shared = a & b
    return len(shared) if len(shared) >= 2 and len(shared) >= 0.5 * min(len(a), len(b)) else 0


def _compatible(a: Mention, b: Mention, cfg: MergeConfig) -> bool:
    """Whether two reports of one component may sit in one merged event (no link needed)."""
    if a.article_id == b.article_id or a.generic or b.generic:
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if _when(a, b, cfg)[0] is None:
        return False
    n, _, _, conflict, _ = _who(a, b)
    return not (conflict and n < 2)
