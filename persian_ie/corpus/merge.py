"""One event from many reports: cross-article event merging.

Two reports (events of different articles) are linked when they are the same
interaction:

* the same ``type`` and ``status``;
* at least one participant identity in common (a person, a role or an organization;
  a role-only participant counts as its holder at that date when the corpus knows one),
  and no sign of a different counterpart: when each report names someone the other does
  not, they must share two identities, or the unmatched ones must be the same country's
  side without two different named people;
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
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

__all__ = ["Slot", "Mention", "MergeConfig", "MergeState", "link_score", "sentence_shingles"]

_WORD = re.compile(r"\w+")
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
    the identity is a named person (not a role or body).
    """

    identity: Optional[str]
    country: Optional[str] = None
    named: bool = True
    role: Optional[str] = None


@dataclass(frozen=True)
class Mention:
    """One report of an event, reduced to what merging compares."""

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

    @property
    def identities(self) -> Set[str]:
        return {s.identity for s in self.slots if s.identity}


@dataclass(frozen=True)
class MergeConfig:
    """Windows (days) and thresholds of the merge.

    ``exact_window``: two days both given by the texts may differ by this much (the
    difference is kept as a contradiction); ``report_window``: when a day is only the
    publication day, it may follow the other by this much.
    """

    exact_window: int = 1
    report_window: int = 3
    min_score: float = 0.5
    copy_overlap: float = 0.6
    copy_overlap_shared: float = 0.35
    min_copy_shingles: int = 6
    plan_window: int = 14


def _dates_ok(a: Mention, b: Mention, cfg: MergeConfig) -> Optional[int]:
    if a.day is None or b.day is None:
        return None
    diff = abs(a.day - b.day)
    if a.exact and b.exact:
        return diff if diff <= cfg.exact_window else None
    if a.exact != b.exact:
        # the publication day follows the event day; for a planned event it may precede it
        event, report = (a, b) if a.exact else (b, a)
        lag = report.day - event.day
        ahead = cfg.plan_window if report.status in ("planned", "proposed") else cfg.exact_window
        return diff if -ahead <= lag <= cfg.report_window else None
    return diff if diff <= cfg.report_window else None


def _status_ok(a: Mention, b: Mention, cfg: MergeConfig) -> bool:
    if a.status == b.status:
        return True
    if "occurred" not in (a.status, b.status) or a.day is None or b.day is None:
        return False
    # announced, then held: the announcement's day is on or before the event's
    plan, held = (a, b) if b.status == "occurred" else (b, a)
    return -cfg.exact_window <= held.day - plan.day <= cfg.plan_window


def link_score(a: Mention, b: Mention, cfg: MergeConfig = MergeConfig()) -> Tuple[float, str]:
    """How strongly two reports are one event: ``(score, why)``; score 0 means no link."""
    if a.article_id == b.article_id:
        return 0.0, "same article"
    if a.type != b.type:
        return 0.0, "different type"
    copy = _overlap(a.shingles, b.shingles) if len(a.shingles) >= cfg.min_copy_shingles \
        and len(b.shingles) >= cfg.min_copy_shingles else 0.0
    if a.status == b.status and (copy >= cfg.copy_overlap or (
            copy >= cfg.copy_overlap_shared and a.identities & b.identities)):
        if a.exact and b.exact and a.day is not None and b.day is not None and \
                abs(a.day - b.day) > cfg.report_window:
            return 0.0, "same sentence, but dates too far apart"
        return 0.9, f"the same sentence ({copy:.0%} of its word trigrams)"
    if not _status_ok(a, b, cfg):
        return 0.0, "different status"
    diff = _dates_ok(a, b, cfg)
    if diff is None:
        return 0.0, "dates too far apart or unknown"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return 0.0, "places in different countries"
    ids_a, ids_b = a.identities, b.identities
    shared = ids_a & ids_b
    if not shared:
        return 0.0, "no participant in common"
    if a.status != b.status and len(shared) < 2:
        return 0.0, "announced and held, but fewer than two participants in common"
    left_a = [s for s in a.slots if s.identity not in shared and (s.identity or s.country)]
    left_b = [s for s in b.slots if s.identity not in shared and (s.identity or s.country)]
    # two shared identities settle it only when they are most of the smaller report's list
    strong = len(shared) >= 2 and len(shared) >= 0.5 * min(len(ids_a), len(ids_b))
    if left_a and left_b and not strong:
        for sa in left_a:
            if not any(_same_side(sa, sb) for sb in left_b):
                return 0.0, "each report names a different counterpart"
    score = 0.45 + 0.2 * min(len(shared), 2)
    if a.place and a.place == b.place:
        score += 0.1
    if a.topics and b.topics and a.topics & b.topics:
        score += 0.1
    score -= (0.05 if a.exact or b.exact else 0.1) * diff   # two publication days say less
    why = f"{len(shared)} participant(s) in common, {diff} day(s) apart"
    if a.status != b.status:
        score -= 0.1     # a report of the same status is the likelier partner
        why += f", one {a.status} and one {b.status}"
    return min(score, 1.0), why


def _same_side(x: Slot, y: Slot) -> bool:
    if x.identity and y.identity and x.named and y.named:
        return x.identity == y.identity
    if x.role and y.role and x.role != y.role:
        return False
    return x.country is not None and x.country == y.country


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
    _uf: _UF = field(default_factory=_UF)
    _groups: Dict[str, List[List[str]]] = field(default_factory=dict)   # component root -> groups
    _dirty: Set[str] = field(default_factory=set)

    def add(self, mentions: Iterable[Mention]) -> None:
        """Add reports: each is compared with the indexed reports of its blocks."""
        cfg = self.config
        span = max(cfg.exact_window, cfg.report_window) + 1
        for m in mentions:
            if m.key in self.mentions:
                continue
            self.mentions[m.key] = m
            self._uf.find(m.key)
            self._dirty.add(m.key)
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
                hit = a.article_id != b.article_id and _status_ok(a, b, self.config) \
                    and (_dates_ok(a, b, self.config) is not None or a.day is None or b.day is None) \
                    and not (a.place_country and b.place_country and a.place_country != b.place_country) \
                    and not _conflict(a, b)
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
        return state

    def __setstate__(self, state):
        blocks, copies = defaultdict(list), defaultdict(list)
        blocks.update(state.pop("_blocks"))
        copies.update(state.pop("_copies"))
        self.__dict__.update(state)
        self._blocks, self._copies = blocks, copies


def _fits_undated(m: Mention, o: Mention) -> int:
    """How many named participants an undated report ``m`` shares with the dated report ``o``
    when it may be the same event (dates aside), else 0."""
    if m.type != o.type or m.status != o.status:
        return 0
    if m.place_country and o.place_country and m.place_country != o.place_country:
        return 0
    a = {s.identity for s in m.slots if s.identity and s.named}
    b = {s.identity for s in o.slots if s.identity and s.named}
    shared = a & b
    return len(shared) if len(shared) >= 2 and len(shared) >= 0.5 * min(len(a), len(b)) else 0


def _conflict(a: Mention, b: Mention) -> bool:
    """Two reports that name different counterparts (never one event)."""
    shared = a.identities & b.identities
    left_a = [s for s in a.slots if s.identity not in shared and s.identity and s.named]
    left_b = [s for s in b.slots if s.identity not in shared and s.identity and s.named]
    return bool(left_a and left_b and len(shared) < 2)
