"""Entity identities across a corpus: which written forms name the same person, body or place.

Works offline from the corpus itself and the bundled gazetteers, and explains every link:

* **same key** — forms equal after the library normalizer, the spelling fold and with
  ZWNJ/spaces ignored (``احمدي نژاد`` = ``احمدی‌نژاد``; ``محمدجواد ظریف`` = ``محمد جواد ظریف``),
  honorifics and lineage titles left out for people (``دکتر``, ``سید``);
* **gazetteer** — listed written forms of one country, place or organization
  (``بلاروسیه`` → ``بلاروس``, ``سازمان ملل متحد`` → ``سازمان ملل``);
* **shorter form** — a person's form that ends another one (a surname, or first name +
  surname) is linked to it when exactly one group of fuller names in the corpus ends so
  (``ظریف`` → ``محمد جواد ظریف``); when several do (``لاریجانی``: ``علی لاریجانی``,
  ``صادق آملی لاریجانی``) it is linked only when one of them has nearly all the corpus's
  articles (``dominance``), and otherwise per article, where the same article names one
  of them in full.

>>> r = IdentityResolver()
>>> r.add_article("a1", [("PER", "محمد جواد ظریف"), ("PER", "ظریف"), ("LOC", "بلاروسیه")])
>>> r.add_article("a2", [("PER", "ظريف"), ("LOC", "بلاروس"), ("PER", "علی لاریجانی")])
>>> r.add_article("a3", [("PER", "صادق آملی لاریجانی"), ("PER", "لاریجانی")])
>>> r.add_article("a4", [("PER", "لاریجانی")])
>>> ids = r.resolve()
>>> ids.identity_of("a2", "PER", "ظريف")
'per:محمد جواد ظریف'
>>> ids.identity_of("a2", "LOC", "بلاروس") == ids.identity_of("a1", "LOC", "بلاروسیه") == 'loc:بلاروس'
True
>>> ids.identity_of("a3", "PER", "لاریجانی"), ids.identity_of("a4", "PER", "لاریجانی")
('per:صادق آملی لاریجانی', 'per:لاریجانی')
>>> ids.reason("a3", "PER", "لاریجانی")
'the same article names «صادق آملی لاریجانی» in full'
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Set, Tuple

from ..entities.gazetteer import gazetteer
from .names import compact, name_units

__all__ = ["IdentityResolver", "Identities", "Identity", "Form", "KINDS"]

KINDS = ("PER", "ORG", "LOC")
Units = Tuple[str, ...]
_CONNECTORS = frozenset({"بن", "ابن", "بنت", "آل", "ال"})
# first parts of compound surnames: «آقا تهرانی» is not «تهرانی»
_SURNAME_PARTS = frozenset({"اقا", "حاج", "حاجی", "میر", "امیر", "ملا", "شاه", "ابو", "آل", "ال"})


@dataclass
class Form:
    """One written form of a name across the corpus (key = spacing-blind folded units)."""

    key: str
    units: Units
    labels: Counter = field(default_factory=Counter)
    displays: Counter = field(default_factory=Counter)
    articles: int = 0
    spellings: Set[Tuple[Units, ...]] = field(default_factory=set)   # units grouped by written word

    @property
    def kind(self) -> str:
        return self.labels.most_common(1)[0][0] if self.labels else "PER"

    @property
    def display(self) -> str:
        return self.displays.most_common(1)[0][0]


@dataclass
class Identity:
    """A person, organization or place with its grouped forms and why each was grouped."""

    id: str
    kind: str
    name: str
    forms: Dict[str, str] = field(default_factory=dict)      # form key -> reason
    articles: int = 0
    ambiguous_with: Tuple[str, ...] = ()                       # candidates when the form alone is ambiguous


class Identities:
    """The result of :meth:`IdentityResolver.resolve`: form → identity, per article."""

    def __init__(self, identities: Dict[str, Identity], form_identity: Dict[str, str],
                 form_reason: Dict[str, str], article_override: Dict[Tuple[str, str], Tuple[str, str]],
                 forms: Dict[str, Form], label_key: Mapping[Tuple[str, str], str]):
        self.identities = identities
        self._form_identity = form_identity
        self._form_reason = form_reason
        self._override = article_override
        self.forms = forms
        self._label_key = label_key

    def key_of(self, label: str, text: str) -> str:
        """The form key of a normalized name."""
        k = self._label_key.get((label, text))
        return k if k is not None else compact(name_units(text, label, True))

    def identity_of(self, article_id: str, label: str, text: str) -> Optional[str]:
        """Identity id of the form ``text`` (written with ``label``) in ``article_id``."""
        key = self.key_of(label, text)
        hit = self._override.get((article_id, key))
        if hit is not None:
            return hit[0]
        return self._form_identity.get(key)

    def reason(self, article_id: str, label: str, text: str) -> Optional[str]:
        """Why that form was given that identity."""
        key = self.key_of(label, text)
        hit = self._override.get((article_id, key))
        if hit is not None:
            return hit[1]
        return self._form_reason.get(key)

    def overrides(self) -> Iterable[Tuple[str, str, str, str]]:
        """Per-article links: ``(article_id, form key, identity id, reason)``."""
        for (aid, key), (iid, why) in self._override.items():
            yield aid, key, iid, why

    def form_links(self) -> Iterable[Tuple[str, str, str]]:
        """Corpus-level links: ``(form key, identity id, reason)``."""
        for key, iid in self._form_identity.items():
            yield key, iid, self._form_reason.get(key, "")

    def __len__(self) -> int:
        return len(self.identities)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: Dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
        return ra


class IdentityResolver:
    """Collects the names of a corpus, then groups them (:meth:`resolve`).

    Args:
        dominance: a shorter form that ends the names of several people is linked
            corpus-wide to the one whose articles make at least this share of theirs
            (and at least ``min_dominant_articles``); otherwise only per article.
        previous_ids: ``form key → identity id`` from an earlier run (a store), so that
            ids stay stable when new articles arrive.
    """

    def __init__(self, *, dominance: float = 0.75, min_dominant_articles: int = 3,
                 previous_ids: Optional[Mapping[str, str]] = None):
        self.dominance = dominance
        self.min_dominant_articles = min_dominant_articles
        self.previous_ids = dict(previous_ids or {})
        self.forms: Dict[str, Form] = {}
        self.article_forms: Dict[str, Set[str]] = {}
        self._label_key: Dict[Tuple[str, str], str] = {}

    # -- collecting -------------------------------------------------------------------------

    def key(self, label: str, text: str) -> str:
        k = self._label_key.get((label, text))
        if k is None:
            k = compact(name_units(text, label, True))
            self._label_key[(label, text)] = k
        return k

    def add_article(self, article_id: str, names: Iterable[Tuple[str, str]]) -> None:
        """Add one article's names: ``(label, normalized text)`` pairs (repeats count)."""
        seen: Set[str] = self.article_forms.setdefault(article_id, set())
        new: Set[str] = set()
        for label, text in names:
            if label not in KINDS or not text:
                continue
            key = self.key(label, text)
            if not key:
                continue
            form = self.forms.get(key)
            if form is None:
                form = self.forms[key] = Form(key, name_units(text, label, True))
            form.labels[label] += 1
            display = text if label != "PER" else _person_display(text)
            if display not in form.displays:
                form.spellings.add(_words(display))
            form.displays[display] += 1
            if key not in seen:
                new.add(key)
        for key in new:
            self.forms[key].articles += 1
        seen |= new

    def add_form_counts(self, key: str, units: Units, labels: Mapping[str, int],
                        displays: Mapping[str, int], articles: int) -> None:
        """Merge pre-aggregated form statistics (from a store or a Dask partition)."""
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = Form(key, tuple(units))
        form.labels.update(labels)
        for display in displays:
            if display not in form.displays:
                form.spellings.add(_words(display))
        form.displays.update(displays)
        form.articles += articles

    def add_article_forms(self, article_id: str, keys: Iterable[str]) -> None:
        self.article_forms.setdefault(article_id, set()).update(keys)

    # -- grouping ---------------------------------------------------------------------------

    def resolve(self) -> Identities:
        gaz = gazetteer()
        uf = _UnionFind()
        reason: Dict[str, str] = {}
        kind_of: Dict[str, str] = {}
        gaz_groups: Dict[Tuple[str, str], str] = {}
        listed: Set[str] = set()
        for key in sorted(self.forms):
            form = self.forms[key]
            kind = form.kind
            entry = gaz.places.get(form.units)
            canonical = None
            if entry is not None and entry.kind == "country":
                kind, canonical = "LOC", entry.canonical
            elif kind == "LOC" and entry is not None:
                canonical = entry.canonical
            elif kind == "ORG":
                org = gaz.orgs.get(form.units)
                canonical = org.canonical if org is not None else None
            kind_of[key] = kind
            if canonical is not None:
                listed.add(key)
                anchor = gaz_groups.setdefault((kind, canonical), key)
                if anchor != key:
                    uf.union(anchor, key)
                if form.display != canonical:
                    reason[key] = f"gazetteer: «{form.display}» is a listed form of «{canonical}»"
        ambiguous = self._group_people(uf, kind_of, reason)
        self._group_bodies(uf, kind_of, reason, ambiguous, listed)
        # groups → identities
        members: Dict[str, List[str]] = defaultdict(list)
        for key in self.forms:
            if key in ambiguous:
                continue
            members[uf.find(key)].append(key)
        identities: Dict[str, Identity] = {}
        form_identity: Dict[str, str] = {}
        taken: Set[str] = set()
        groups = sorted(members.values(), key=lambda keys: (-sum(self.forms[k].articles for k in keys), min(keys)))
        for keys in groups:
            kind = Counter({kind_of[k]: self.forms[k].articles for k in keys}).most_common(1)[0][0]
            name = self._canonical_name(keys, kind)
            iid = self._stable_id(keys, f"{kind.lower()}:{name}", taken)
            taken.add(iid)
            ident = Identity(iid, kind, name)
            for k in keys:
                form_identity[k] = iid
                ident.forms[k] = reason.get(k) or ("canonical form" if self.forms[k].display == name
                                                   else "same name after normalization (ی/ي, ZWNJ, spacing, honorifics)")
            identities[iid] = ident
        for key, candidates in sorted(ambiguous.items()):
            cand_ids = tuple(sorted({form_identity[c] for c in candidates}))
            name = self.forms[key].display
            iid = self._stable_id([key], f"{kind_of[key].lower()}:{name}", taken)
            taken.add(iid)
            names = "، ".join(f"«{identities[c].name}»" for c in cand_ids)
            reason[key] = f"ambiguous in the corpus: may be {names}"
            identities[iid] = Identity(iid, kind_of[key], name, {key: reason[key]}, ambiguous_with=cand_ids)
            form_identity[key] = iid
        for key, iid in form_identity.items():
            reason[key] = identities[iid].forms[key]
        override = self._per_article(ambiguous, form_identity, identities, uf)
        for aid, keys in self.article_forms.items():
            seen_ids = {override.get((aid, k), (form_identity.get(k),))[0] for k in keys}
            for iid in seen_ids:
                if iid in identities:
                    identities[iid].articles += 1
        return Identities(identities, form_identity, reason, override, self.forms, dict(self._label_key))

    def _group_people(self, uf: _UnionFind, kind_of: Dict[str, str], reason: Dict[str, str]) -> Dict[str, List[str]]:
        """Link person forms to fuller ones; return the ambiguous ones → candidate forms."""
        gaz = gazetteer()
        people = [k for k in self.forms if kind_of[k] == "PER"]
        people.sort(key=lambda k: (-len(self.forms[k].units), -self.forms[k].articles, k))
        self._fuzzy_first_names(people, uf, reason)
        ends: Dict[Units, List[str]] = defaultdict(list)       # proper suffix → longer forms
        starts: Dict[Units, List[str]] = defaultdict(list)     # proper prefix (>= 2 words) → longer forms
        middles: Dict[Tuple[Units, Units], List[str]] = defaultdict(list)   # (first word, last word) → longer
        self._parents: Dict[str, List[str]] = {}
        ambiguous: Dict[str, List[str]] = {}
        first = gaz.is_first_name
        # a word is used as a first name in this corpus when fuller names start with it more
        # often than they end with it («حسن» starts «حسن روحانی»; «هاشمی» ends «محسن هاشمی»)
        as_first: Counter = Counter()
        as_last: Counter = Counter()
        for key in people:
            for words in self.forms[key].spellings:
                if len(words) >= 2:
                    as_first[words[0]] += self.forms[key].articles
                    as_last[words[-1]] += self.forms[key].articles
        for key in people:
            form = self.forms[key]
            units = form.units
            parents = list(ends.get(units, ()))
            two_words = [w for w in form.spellings if len(w) == 2]
            if len(units) >= 3 or any(u in _CONNECTORS for u in units) or any(
                    first(w[0][0]) and as_last[w[1:]] > as_first[w[1:]] for w in two_words):
                parents += starts.get(units, ())     # «تمیم بن حمد», «محسن هاشمی» → «محسن هاشمی رفسنجانی»
            for w in two_words:                      # «بیژن زنگنه» → «بیژن نامدار زنگنه»
                parents += middles.get((w[0], w[1]), ())
            if len(units) == 1 and (len(units[0]) < 3 or (
                    first(units[0]) and as_first[units] >= as_last[units])):
                parents = []   # a first name alone («حسن») names no one in particular
            parents = [p for p in dict.fromkeys(parents) if p not in ambiguous]
            self._parents[key] = parents
            if parents:
                self._link_to_parents(key, parents, uf, reason, ambiguous, "PER")
            for words in form.spellings or {tuple((u,) for u in units)}:
                # shorter forms start at a written word boundary (not at a ZWNJ inside
                # «احمدی‌نژاد») and not inside a compound surname («آقا تهرانی»)
                for i in range(1, len(words)):
                    if words[i - 1] and words[i - 1][-1] in _SURNAME_PARTS:
                        continue
                    ends[tuple(u for w in words[i:] for u in w)].append(key)
                for i in range(2, len(words)):
                    starts[tuple(u for w in words[:i] for u in w)].append(key)
                if len(words) >= 3:
                    middles[(words[0], words[-1])].append(key)
        return ambiguous

    def _group_bodies(self, uf: _UnionFind, kind_of: Dict[str, str], reason: Dict[str, str],
                      ambiguous: Dict[str, List[str]], listed: Set[str]) -> None:
        """Organizations: the same words in another order («سازمان بهداشت جهانی» ~ «سازمان جهانی
        بهداشت»), and a short name that starts fuller ones («مجلس» → «مجلس شورای اسلامی»)."""
        bodies = [k for k in self.forms if kind_of[k] == "ORG"]
        bodies.sort(key=lambda k: (-len(self.forms[k].units), -self.forms[k].articles, k))
        by_words: Dict[Tuple[str, ...], str] = {}
        starts: Dict[Units, List[str]] = defaultdict(list)
        for key in bodies:
            units = self.forms[key].units
            if len(units) >= 3:
                bag = tuple(sorted(units))
                other = by_words.setdefault(bag, key)
                if other != key and uf.find(other) != uf.find(key):
                    uf.union(other, key)
                    reason.setdefault(key, f"the words of «{self.forms[other].display}» in another order")
            parents = [p for p in dict.fromkeys(starts.get(units, ())) if p not in ambiguous]
            if parents and len(units) <= 2 and key not in listed:   # a listed name keeps its gazetteer entry
                self._parents[key] = parents
                self._link_to_parents(key, parents, uf, reason, ambiguous, "ORG")
            for i in range(1, len(units)):
                starts[units[:i]].append(key)

    def _link_to_parents(self, key: str, parents: List[str], uf: _UnionFind, reason: Dict[str, str],
                         ambiguous: Dict[str, List[str]], kind: str) -> None:
        gaz = gazetteer()
        groups: Dict[str, int] = defaultdict(int)
        example: Dict[str, str] = {}
        def slip(form: Form) -> bool:   # a one-off «مکتب سلیمانی»: a tagging slip, not another person
            return kind == "PER" and form.articles <= 1 and not gaz.is_first_name(form.units[0]) \
                and not any(u in _CONNECTORS for u in form.units)

        if len(parents) == 1 and slip(self.forms[parents[0]]) and self.forms[key].articles > 1:
            p = parents[0]
            uf.union(key, p)
            reason[p] = f"a longer span around «{self.forms[key].display}» (seen once)"
            return
        for p in parents:
            form = self.forms[p]
            if len(parents) > 1 and slip(form):
                continue
            root = uf.find(p)
            groups[root] += form.articles
            if root not in example or form.articles > self.forms[example[root]].articles:
                example[root] = p
        if not groups:
            return
        if len(groups) == 1:
            root = next(iter(groups))
            uf.union(root, key)
            n = len(parents)
            reason[key] = (f"shorter form of «{self.forms[example[root]].display}», the only fuller name in the "
                           f"corpus it fits" + ("" if n == 1 else f" ({n} forms of it)"))
            return
        total = sum(groups.values())
        root, top = max(groups.items(), key=lambda kv: (kv[1], kv[0]))
        if top >= self.dominance * total and top >= self.min_dominant_articles:
            uf.union(root, key)
            reason[key] = (f"shorter form of «{self.forms[example[root]].display}»: {top} of the {total} "
                           f"articles that give a fuller name it fits name this one")
        else:
            ambiguous[key] = [example[r] for r in sorted(groups)]

    def _fuzzy_first_names(self, people: List[str], uf: _UnionFind, reason: Dict[str, str]) -> None:
        """Full names that differ only by a transliterated first name (one letter: «جوزپ/جوزف
        بورل», «ولادیمیر/ولادیمر پوتین»), unless both first names are listed Persian names
        («حسن/حسین روحانی» are two people)."""
        gaz = gazetteer()
        buckets: Dict[Tuple, List[Tuple[Units, str]]] = defaultdict(list)
        for key in people:
            for words in self.forms[key].spellings:
                if len(words) >= 2:
                    buckets[(len(words), words[1:])].append((words[0], key))
        for members in buckets.values():
            if len(members) < 2 or len(members) > 200:
                continue
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    (wa, ka), (wb, kb) = members[i], members[j]
                    a, b = "".join(wa), "".join(wb)
                    if ka == kb or min(len(a), len(b)) < 4 or uf.find(ka) == uf.find(kb):
                        continue
                    if gaz.is_first_name(a) and gaz.is_first_name(b):
                        continue
                    if _edit_distance_le1(a, b):
                        keep, other = (ka, kb) if self.forms[ka].articles >= self.forms[kb].articles else (kb, ka)
                        uf.union(keep, other)
                        reason[other] = (f"spelling variant of «{self.forms[keep].display}» "
                                         f"(first name differs by one letter)")

    def _per_article(self, ambiguous: Mapping[str, List[str]], form_identity: Mapping[str, str],
                     identities: Mapping[str, Identity], uf: _UnionFind) -> Dict[Tuple[str, str], Tuple[str, str]]:
        """Short forms resolved inside one article by the full name the article gives."""
        out: Dict[Tuple[str, str], Tuple[str, str]] = {}
        parents = self._parents
        for aid, keys in self.article_forms.items():
            for key in keys:
                cands = parents.get(key)
                if not cands:
                    continue
                present = [p for p in cands if p in keys]
                if not present:
                    continue
                ids = {form_identity[p] for p in present if p in form_identity}
                if len(ids) != 1:
                    continue
                iid = next(iter(ids))
                if form_identity.get(key) == iid and key not in ambiguous:
                    continue
                full = max(present, key=lambda p: (self.forms[p].articles, p))
                out[(aid, key)] = (iid, f"the same article names «{self.forms[full].display}» in full")
        return out

    def _canonical_name(self, keys: List[str], kind: str) -> str:
        forms = [self.forms[k] for k in keys]
        if kind == "PER":
            # a full name has two written words or more («آملی‌لاریجانی» is one word, two units)
            multi = [f for f in forms if len(f.display.split()) >= 2] or forms
            best = max(multi, key=lambda f: (f.articles, len(f.units), f.key))
            return best.display
        gaz = gazetteer()
        for f in forms:
            entry = gaz.places.get(f.units) if kind == "LOC" else gaz.orgs.get(f.units)
            if entry is not None:
                return entry.canonical
        return max(forms, key=lambda f: (f.articles, f.key)).display

    def _stable_id(self, keys: List[str], fresh: str, taken: Set[str]) -> str:
        votes: Counter = Counter()
        for k in keys:
            old = self.previous_ids.get(k)
            if old is not None:
                votes[old] += self.forms[k].articles or 1
        for old, _ in votes.most_common():
            if old not in taken:
                return old
        iid, n = fresh, 2
        while iid in taken:
            iid, n = f"{fresh}#{n}", n + 1
        return iid


def _edit_distance_le1(a: str, b: str) -> bool:
    """Whether two strings differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _words(display: str) -> Tuple[Units, ...]:
    """A written form as words, each its folded units (ZWNJ splits units, not words)."""
    return tuple(u for u in (name_units(w, None, True) for w in display.split()) if u)


@functools.lru_cache(maxsize=100_000)
def _person_display(text: str) -> str:
    """A person's (normalized) form for display, honorifics dropped
    (``دکتر حسن روحانی`` → ``حسن روحانی``)."""
    words = text.split()
    if len(words) < 2:
        return text
    want = compact(name_units(text, "PER", True))
    # drop leading words until the remaining words carry the same units
    for i in range(len(words)):
        rest = " ".join(words[i:])
        if compact(name_units(rest, None, True)) == want:
            return rest
    return text
