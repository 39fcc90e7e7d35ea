"""Person units: a name and/or a role (title) that stand for one participant.

The entities stage gives PER and ROLE spans (with role↔name links in
``span.attrs``); this module pairs them into :class:`PersonRef` units (in
normalized offsets), adds pronoun mentions (وی، او، ایشان، این مقام) and, when no
entity stage has run, finds role-led units itself with a small role-head lexicon
(:func:`fallback_people`).
"""

from __future__ import annotations

import functools
import itertools

import bisect
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import regex

from ..document import Document, Span
from ..normalize import normalize
from .index import Near, tokens_from
from .lexicon import LB, RB, Lexicon
from .. import _rxcache as rxcache
from . import gates
from .gates import rx as _rx

__all__ = ["PersonRef", "people_of", "PRONOUNS", "fold"]

#: pronouns and back-references that stand for a person mentioned before
PRONOUNS = ("وی", "او", "ایشان", "این مقام", "این مقام مسئول", "این مقام ارشد", "این مسئول", "این مقام رسمی",
            "این دیپلمات", "این وزیر", "این سیاستمدار")
_PRONOUN_RE = rxcache.compile(LB + "(?:" + "|".join(sorted((regex.escape(p) for p in PRONOUNS), key=len, reverse=True))
                            + ")" + RB)
_HONORIFIC = rxcache.compile(r"^(?:دکتر|مهندس|حجت[\s\u200c]?الاسلام(?: و المسلمین| والمسلمین)?|آیت[\s\u200c]?الله|سردار|"
                           r"سرلشکر|سرتیپ|امیر|خانم|آقای|آقا|پروفسور|استاد|شیخ(?= ?$))\s+")
_FOLD = str.maketrans({"ئ": "ی", "ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "\u200c": " "})


def fold(text: str) -> str:
    """A loose key for comparing names and roles (رییس = رئیس, ZWNJ = space).

    >>> fold("رئیس‌جمهور") == fold("رییس جمهور")
    True
    """
    return _fold(text or "")


@functools.lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    # (names and titles recur in an article and across articles: each is folded once)
    return " ".join(normalize(text).translate(_FOLD).replace("هیات", "هیئت").split())


@dataclass
class PersonRef:
    """One mention of a participant, in normalized offsets."""

    name: Optional[Tuple[int, int]] = None
    role: Optional[Tuple[int, int]] = None
    org: Optional[Tuple[int, int]] = None
    pronoun: Optional[Tuple[int, int]] = None
    sent: int = 0
    country: Optional[str] = None
    plural: bool = False
    antecedent: "Optional[PersonRef]" = field(default=None, repr=False)
    role_hint: Optional[Tuple[int, int]] = None  # the person's title from another mention
    body: bool = False  # an organization or delegation taking part as such
    entity: Optional[int] = None  # the person this unit refers to (set by coref.cluster)

    @property
    def start(self) -> int:
        name, role, pronoun = self.name, self.role, self.pronoun
        if pronoun is None:  # (the common cases first: read per candidate in the events stage)
            if role is None:
                if name is None:
                    raise ValueError("a PersonRef needs a name, a role or a pronoun")
                return name[0]
            return role[0] if name is None or role[0] < name[0] else name[0]
        best = pronoun[0]
        for x in (name, role):
            if x is not None and x[0] < best:
                best = x[0]
        return best

    @property
    def end(self) -> int:
        name, role, pronoun = self.name, self.role, self.pronoun
        if pronoun is None:
            if role is None:
                if name is None:
                    raise ValueError("a PersonRef needs a name, a role or a pronoun")
                return name[1]
            return role[1] if name is None or role[1] > name[1] else name[1]
        best = pronoun[1]
        for x in (name, role):
            if x is not None and x[1] > best:
                best = x[1]
        return best

    def resolved(self) -> "PersonRef":
        ref = self
        seen = 0
        while ref.antecedent is not None and seen < 8:
            ref = ref.antecedent
            seen += 1
        return ref


def add_role_hints(doc: Document, units: Sequence[PersonRef]) -> None:
    """Give a name-only unit the title its bearer has elsewhere in the article."""
    titled = {}
    for u in units:
        if u.name is not None and u.role is not None:
            words = fold(doc.norm[u.name[0]:u.name[1]]).split()
            if words:
                titled.setdefault(words[-1], u.role)
                if len(words) >= 3:
                    titled.setdefault(words[0], u.role)
    for u in units:
        if u.name is not None and u.role is None:
            words = fold(doc.norm[u.name[0]:u.name[1]]).split()
            if words and words[-1] in titled:
                u.role_hint = titled[words[-1]]


def _role_head_at(text: str, lex: Lexicon) -> bool:
    """True when ``text`` opens with a personal title of the role-head lexicon."""
    heads = _heads_by_first(lex)
    if heads is None:
        heads = lex.role_heads
    elif not text:
        return False
    else:
        heads = heads.get(text[0], ())
    for h in heads:
        if text.startswith(h) and (len(text) == len(h) or not text[len(h)].isalpha()):
            return h not in ("امیر", "ملک", "رهبر")
    return False


#: id of a lexicon → (its role heads, their count, first character → the heads starting with
#: it in lexicon order), for :func:`_role_head_at` (a few hundred heads, one text at a time)
_ROLE_HEADS_BY_FIRST: Dict[int, tuple] = {}


def _heads_by_first(lex: Lexicon) -> Optional[Dict[str, List[str]]]:
    """The role heads of ``lex`` by first character (``None`` when one is empty: it opens
    every text, and the plain walk keeps the order)."""
    heads = lex.role_heads
    hit = _ROLE_HEADS_BY_FIRST.get(id(lex))
    if hit is None or hit[0] is not heads or hit[1] != len(heads):
        index: Optional[Dict[str, List[str]]] = {}
        for h in heads:
            if not h:
                index = None
                break
            index.setdefault(h[0], []).append(h)
        hit = _ROLE_HEADS_BY_FIRST[id(lex)] = (heads, len(heads), index, lex)  # (lex kept: its id stays its own)
    return hit[2]


def _norm_range(doc: Document, span: Span) -> Tuple[int, int]:
    return doc.norm_span(span)


#: how far before a name a title that encloses it may start (titles are shorter than this)
_LONGEST_TITLE = 160
_GAP_OK = rxcache.compile(r"^[\s،,«»\"'()\-–—:]*$")


def people_of(doc: Document, lex: Lexicon) -> List[PersonRef]:
    """Every person unit of ``doc`` (sorted by position), pronouns included."""
    norm = doc.norm
    pers = [e for e in doc.entities if e.label == "PER"]
    roles = [e for e in doc.entities if e.label == "ROLE"]
    orgs = [e for e in doc.entities if e.label == "ORG"]
    # an ORG span that opens with a title («مسؤول اتحادیه …», «رئیس سازمان …») names a person
    titled = [o for o in orgs if _role_head_at(normalize(o.text).replace("ؤ", "ئ"), lex)]
    if titled:
        roles = sorted(roles + titled, key=lambda sp: sp.start)
        orgs = [o for o in orgs if o not in titled]
    # a "name" strictly inside a title is a tagger slip or another person the title is about:
    # «رئیس سنای پارلمان قزاقستان» (PER «سنای پارلمان»), «مشاور ارشد پوتین در امور …»
    role_near = Near((r.start, r) for r in roles)
    pers = [p for p in pers if not any(r.start < p.start and p.end < r.end
                                       for r in role_near.between(p.start - _LONGEST_TITLE, p.start))]
    if not pers and not roles:
        units = fallback_people(doc, lex)
    else:
        units = _from_entities(doc, pers, roles)
    taken = [(u.start, u.end) for u in units]
    for u in quoted_names(doc, units, [o for o in orgs]):
        units.append(u)
        taken.append((u.start, u.end))
    for u in plural_groups(doc, lex, taken):
        units.append(u)
        taken.append((u.start, u.end))
    delegations = gates.of(doc).sentences(_DELEGATION, doc.sentences)
    for sent_i, sent in enumerate(doc.sentences):
        text = norm[sent.nstart:sent.nend]
        for m in (() if delegations is not None and sent_i not in delegations else _DELEGATION.finditer(text)):
            s, e = sent.nstart + m.start(), sent.nstart + m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            e = _trim_group(norm, s, e)
            units.append(PersonRef(role=(s, e), sent=sent_i, plural=True, body=True))
            taken.append((s, e))
        for m in _PRONOUN_RE.finditer(text):
            s, e = sent.nstart + m.start(), sent.nstart + m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            units.append(PersonRef(pronoun=(s, e), sent=sent_i))
    # a plural title goes on over the list of countries it names
    for u in units:
        if u.plural and u.role is not None and not u.body:
            u.role = (u.role[0], _over_country_list(norm, u.role[1]))
    units.sort(key=lambda u: u.start)
    sent_index = {id(s): i for i, s in enumerate(doc.sentences)}
    for u in units:
        if u.sent == 0 and doc.sentences:
            s = doc.sentence_of(doc.alignment.to_original(u.start, u.start + 1)[0]) if u.start < len(norm) else None
            if s is not None:
                u.sent = sent_index.get(id(s), 0)
    if pers or roles:
        apposed_titles(doc, lex, units)
    # organizations inside a role span
    org_near = Near((r[0], r) for r in (_norm_range(doc, o) for o in orgs))
    for u in units:
        if u.role is not None and u.org is None:
            inside = [r for r in org_near.between(u.role[0], u.role[1]) if r[1] <= u.role[1]]
            if inside:
                u.org = max(inside, key=lambda r: r[1] - r[0])
    return units


_DELEGATION = rxcache.compile(LB + r"(?:هیئت|هیات|هیأت)(?:ی)?(?:\s+(?:(?!(?:به|با|در|برای|که|را|و|تا|از|هم|نیز|روز|صبح|امروز)\s)[^\s.،:؛«»()]+)){1,4}")
_GROUP_STOP = rxcache.compile(r"\s(?:وارد|عازم|سفر|دیدار|امروز|دیروز|صبح|عصر|شب|روز|گفت|کرد|شد|است|بعد|پس|قبل|سپس|هفته|ماه)(?:\s|$).*$")


def _trim_group(norm: str, s: int, e: int) -> int:
    m = _GROUP_STOP.search(norm[s:e])
    return s + m.start() if m else e


def _link_target(doc: Document, span: Span, key: str, pool: Sequence[Span]) -> Optional[Span]:
    target = span.attrs.get(key) if span.attrs else None
    if target is None:
        return None
    if isinstance(target, Span):
        for p in pool:
            if p.start == target.start and p.end == target.end:
                return p
        return target
    if isinstance(target, int) and 0 <= target < len(doc.entities):
        cand = doc.entities[target]
        return cand if isinstance(cand, Span) else None
    if isinstance(target, (tuple, list)) and len(target) == 2:
        for p in pool:
            if (p.start, p.end) == tuple(target):
                return p
    if isinstance(target, dict) and "start" in target:
        for p in pool:
            if p.start == target["start"] and p.end == target.get("end", p.end):
                return p
    return None


def _from_entities(doc: Document, pers: List[Span], roles: List[Span]) -> List[PersonRef]:
    norm = doc.norm
    units: List[PersonRef] = []
    pr = [_norm_range(doc, p) for p in pers]
    rr = _run_into_places(doc, [_trim_role(norm, *_norm_range(doc, r)) for r in roles])
    links = link_titles_to_names(norm, pr, rr)
    linked_roles = {j for js in links.values() for j in js}
    for i, (ps, pe) in enumerate(pr):
        ps, pe = _strip_honorific(norm, ps, pe)
        js = links.get(i, [])
        role = None
        if js:
            role = (rr[js[0]][0], rr[js[-1]][1])  # «رئیس دفتر و مشاور وزیر»: one person, one title
        units.append(PersonRef(name=(ps, pe), role=role))
    for j, (rs, re_) in enumerate(rr):
        if j in linked_roles:
            continue
        units.append(PersonRef(role=(rs, re_), plural=_is_plural_role(norm[rs:re_])))
    return units


def _run_into_places(doc: Document, titles: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """A title cut inside a place or body it names runs on to that entity's end:
    «رئیس جمهوری اسلامی» + LOC «جمهوری اسلامی ایران» → «رئیس جمهوری اسلامی ایران»."""
    places = sorted(_norm_range(doc, e) for e in doc.entities if e.label in ("LOC", "ORG", "GPE"))
    if not places:
        return titles
    starts = [s for s, _ in places]
    out = []
    for ts, te in titles:
        end = te
        for k in range(bisect.bisect_right(starts, ts), bisect.bisect_left(starts, te)):
            ps, pe = places[k]
            if ts < ps < te < pe:
                end = max(end, pe)
        out.append((ts, end))
    return out


_EVENT_NOUN_TAIL = rxcache.compile(r"\s+(?:قرارداد|تفاهم[\u200c ]?نامه|دیدار|ملاقات|سفر|نشست|جلسه|توافق[\u200c ]?نامه)"
                                 r"(?:ش|شان|ها|های|ی)?$")


def _trim_role(norm: str, s: int, e: int) -> Tuple[int, int]:
    """«سرپرست فدراسیون فوتبال قراردادش»: a title never runs into an event noun."""
    m = _EVENT_NOUN_TAIL.search(norm, s, e)
    return (s, m.start()) if m and m.start() > s else (s, e)


_SEP_ONLY = rxcache.compile(r"^[\s«»\"'()\-–—،,]*$")
_AND_GAP = rxcache.compile(r"^\s*(?:،\s*)?و\s*$")


def link_titles_to_names(norm: str, names: Sequence[Tuple[int, int]], titles: Sequence[Tuple[int, int]]
                         ) -> Dict[int, List[int]]:
    """Which title (index into ``titles``) belongs to which name (index into ``names``).

    Titles and names are linked when they are apposed (only spaces, quotes, dashes or a comma
    between). A title between two names goes to the side without a comma; when both sides
    look alike, the list's own pattern decides: in «name، title و name، title» a title follows
    its name; in «title name، title name» it precedes it. «title1 و title2» after one name is
    one person with one title; a plural title («رؤسای جمهور ترکیه و فرانسه») apposed to
    «name1 و name2» goes to both.

    >>> t = "منوچهر متکی وزیر امور خارجه، سلیمانی وزیر ارتباطات و الهام سخنگوی دولت"
    >>> sp = lambda w: (t.index(w), t.index(w) + len(w))
    >>> link_titles_to_names(t, [sp("منوچهر متکی"), sp("سلیمانی"), sp("الهام")],
    ...                      [sp("وزیر امور خارجه"), sp("وزیر ارتباطات"), sp("سخنگوی دولت")])
    {0: [0], 1: [1], 2: [2]}
    """
    items = sorted([(s, e, "N", i) for i, (s, e) in enumerate(names)] + [(s, e, "R", j) for j, (s, e) in enumerate(titles)])

    def gap(a, b) -> Optional[str]:
        g = norm[a[1]:b[0]]
        if a[1] > b[0] or len(g) > 4 or "\n" in g or not _SEP_ONLY.match(g):
            return None
        return g

    # apposition candidates: (score, role index, name index, side)
    cands = []
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if a[2] == b[2]:
            continue
        g = gap(a, b)
        if g is None:
            continue
        comma = "،" in g or "," in g
        if a[2] == "R":   # title then name
            cands.append([2 - comma, a[3], b[3], "before", k])
        else:             # name then title
            cands.append([2 - comma, b[3], a[3], "after", k])
    by_role: Dict[int, list] = {}
    for c in cands:
        by_role.setdefault(c[1], []).append(c)
    pos = {(it[2], it[3]): k for k, it in enumerate(items)}

    def neighbour_role(name_i: int, side: str) -> bool:
        k = pos[("N", name_i)]
        k2 = k - 1 if side == "before" else k + 1
        if not 0 <= k2 < len(items) or items[k2][2] != "R":
            return False
        a, b = (items[k2], items[k]) if side == "before" else (items[k], items[k2])
        return gap(a, b) is not None

    for j, cs in by_role.items():
        if len(cs) != 2 or cs[0][0] != cs[1][0]:
            continue
        before = next(c for c in cs if c[3] == "before")   # title → the name after it
        after = next(c for c in cs if c[3] == "after")     # title → the name before it
        if neighbour_role(after[2], "before"):
            before[0] += 1    # «title name title name»: titles precede names
        elif neighbour_role(before[2], "after"):
            after[0] += 1     # «name title name title»: titles follow names
        else:
            after[0] += 1
    links: Dict[int, List[int]] = {}
    used_roles = set()
    for score, j, i, side, _ in sorted(cands, key=lambda c: (-c[0], c[4])):
        if j in used_roles or i in links:
            continue
        links[i] = [j]
        used_roles.add(j)
    # «name، title1 و title2»: the second title is the same person's
    for i, js in links.items():
        j = js[-1]
        k = pos[("R", j)]
        if k + 1 < len(items) and items[k + 1][2] == "R" and items[k + 1][3] not in used_roles \
                and _AND_GAP.match(norm[items[k][1]:items[k + 1][0]]) and norm[names[i][1]:titles[j][0]].strip(" ،") == "":
            nxt = k + 2
            if not (nxt < len(items) and items[nxt][2] == "N" and gap(items[k + 1], items[nxt]) is not None):
                js.append(items[k + 1][3])
                used_roles.add(items[k + 1][3])
    # a plural title apposed to «name1 و name2»
    for i, js in list(links.items()):
        j = js[0]
        if not _is_plural_role(norm[titles[j][0]:titles[j][1]]):
            continue
        k = pos[("N", i)]
        step = 1 if items[k - 1][2:] == ("R", j) else -1
        k2 = k + step
        while 0 <= k2 < len(items) and items[k2][2] == "N" and items[k2][3] not in links:
            a, b = (items[k2 - 1], items[k2]) if step == 1 else (items[k2], items[k2 + 1])
            g = norm[a[1]:b[0]]
            if not (_AND_GAP.match(g) or g.strip() in ("،", ",")):
                break
            links[items[k2][3]] = [j]
            k2 += step
    return links


def _strip_honorific(norm: str, s: int, e: int) -> Tuple[int, int]:
    m = _HONORIFIC.match(norm[s:e])
    if m and m.end() < e - s:
        s += m.end()
    while s < e and norm[s] in "«»\"' ":
        s += 1
    while e > s and norm[e - 1] in "«»\"' ":
        e -= 1
    return s, e


def _is_plural_role(text: str) -> bool:
    first = text.split(" ")[0] if text else ""
    return first in ("مقامات", "مسئولان", "مسئولین", "مسوولان", "وزرای", "رؤسای", "روسای", "رهبران", "سران", "نمایندگان",
                     "اعضای", "همتایان", "هیئت", "هیات", "هیأت", "مدیران", "سفرای", "وزیران", "رئیسان",
                     "مقامات", "فرماندهان", "دیپلمات‌های", "دیپلمات‌ها", "سفیران", "استانداران", "شهرداران")


# -- fallback: no entity stage ---------------------------------------------------------

_STOP = set("""با به از را که و در برای تا بر این آن وی او ایشان امروز دیروز روز گفت افزود کرد کردند شد است بود
نیز هم همچنین پس قبل ضمن طی هنگام درباره پیرامون خصوص مورد اظهار داشت ابراز بیان اعلام تاکید تأکید اشاره
دیدار ملاقات گفت‌وگو گفتگو تماس سفر بازدید رایزنی مذاکره نشست جلسه پیش صبح عصر شب ظهر بامداد شامگاه""".split())
_NAME_TOKEN = rxcache.compile(r"^[\p{Arabic}&&\p{L}][\p{Arabic}&&\p{L}\u200c]*$", regex.V1)
_PLACE_PREP_HEADS = ("سفیر", "کاردار", "سرکنسول", "نماینده", "رئیس", "رییس")


def _extend_title(doc: Document, lex: Lexicon, sent, re_: int, head: str, limit: int = 5) -> int:
    """End of a title that starts with ``head`` (ending at ``re_``): up to ``limit`` following words,
    stopping at punctuation, prepositions, verbs and pronouns («در X» kept after ambassador-like heads)."""
    toks = doc.tokens[sent.token_start:sent.token_end]
    i = tokens_from(doc, re_) - sent.token_start
    count = 0
    while i < len(toks) and count < limit:
        t = toks[i]
        w = t.norm
        if t.is_punct or w in _STOP or w.startswith("می\u200c") or w in lex.past_verbs:
            if w == "در" and any(head.startswith(h) for h in _PLACE_PREP_HEADS) and i + 1 < len(toks) \
                    and not toks[i + 1].is_punct and toks[i + 1].norm not in _STOP:
                re_ = toks[i + 1].nend
                i += 2
                count += 2
                continue
            if w == "و" and i + 1 < len(toks) and toks[i + 1].norm in ("بویراحمد", "بلوچستان", "صنایع"):
                i += 1
                continue
            break
        if not _NAME_TOKEN.match(w):
            break
        re_ = t.nend
        i += 1
        count += 1
    return re_


def apposed_titles(doc: Document, lex: Lexicon, units: Sequence[PersonRef]) -> None:
    """A title the entity stage left untagged right after a name: «خاویر سولانا مسئول سیاست خارجی
    اتحادیه اروپا و …», «علی زاهددوست، امام جمعه دلوار» (the unit's ``role`` is set in place)."""
    if not lex.role_heads:
        return
    head_re = _head_pattern(lex)
    norm = doc.norm
    for u in units:
        if u.name is None or u.role is not None or u.pronoun is not None or u.sent >= len(doc.sentences):
            continue
        sent = doc.sentences[u.sent]
        gap = _rx(r"[\s»\"]*(?:،\s*)?").match(norm[u.name[1]:min(sent.nend, u.name[1] + 6)])
        rs = u.name[1] + gap.end()
        kin = _KIN_TITLE.match(norm, rs, sent.nend) if gap.group().strip() else None
        if kin:
            u.role = kin.span()  # «ملانیا ترامپ، همسرش»: a kinship word apposed after a name
            continue
        one_of = _ONE_OF.match(norm, rs, sent.nend)
        if one_of:
            # «حسین نامور از نوادگان سردار شهید رئیسعلی دلواری»: «one of the …» says who the person is
            for s_, t in _person_or_body_spans(doc).between(one_of.end(), one_of.end() + 40):
                if t <= sent.nend and _PLAIN_WORDS.fullmatch(norm, one_of.end(), s_):
                    u.role = (one_of.start(1), t)
                    break
            continue
        m = head_re.match(norm, rs, sent.nend)
        if not m:
            continue
        re_ = _extend_title(doc, lex, sent, m.end(), m.group(), limit=4)
        if m.group() in ("امیر", "ملک", "رهبر", "رئیس", "رییس", "معاون", "مدیر", "نماینده", "عضو"):
            # a bare «رئیس» alone starts many nouns; it is a title here only when the words after it
            # run to the end of a named body or place («جوزف بورل رئیس سیاست خارجی اتحادیه اروپا»)
            ends = [t for s_, t in _body_spans(doc).between(m.end(), re_) if t <= re_]
            if not ends:
                continue
            re_ = max(ends)
        if re_ > m.end() or m.group() in ("امام جمعه", "سخنگوی"):
            u.role = (rs, re_)


#: a kinship word apposed after a name: «ملانیا ترامپ، همسرش»، «…، همسر وی»
_KIN_TITLE = rxcache.compile(r"(?:همسر|فرزند|پسر|دختر|برادر|خواهر)(?:ش|\s+(?:وی|او|خود))(?![\p{L}\u200c])")


#: «X از نوادگان/اعضای/نمایندگان …»: a partitive after a name, with a plural noun of persons
_ONE_OF = rxcache.compile(r"از\s+((?:نوادگان|فرزندان|بستگان|یاران|همرزمان|اعضای|نمایندگان|فعالان|مسئولان|مسؤولان|مدیران|"
                        r"فرماندهان|مقامات|مقام[\u200c ]?های|رهبران|سران|کارشناسان|استادان|اساتید|علمای|بزرگان))(?![\p{L}\u200c])")


#: words with nothing that ends a phrase between them: «از نوادگان| سردار شهید |رئیسعلی دلواری»
_PLAIN_WORDS = rxcache.compile(r"(?:\s+(?!(?:با|به|از|را|که|و|در|برای|تا|بر)\s)[\p{L}\u200c]+)*\s*")


def _person_or_body_spans(doc: Document) -> Near:
    """Normalized spans of the PER, ORG and LOC entities, indexed by start (cached per document)."""
    cached = doc.user_data.get("_events_named_spans")
    if cached is None or cached[0] != len(doc.entities):
        spans = [doc.norm_span(e) for e in doc.entities if e.label in ("PER", "ORG", "LOC")]
        cached = (len(doc.entities), Near((sp[0], sp) for sp in spans))
        doc.user_data["_events_named_spans"] = cached
    return cached[1]


def _body_spans(doc: Document) -> Near:
    """Normalized spans of the ORG and LOC entities, indexed by start (cached per document)."""
    cached = doc.user_data.get("_events_body_spans")
    if cached is None or cached[0] != len(doc.entities):
        spans = [doc.norm_span(e) for e in doc.entities if e.label in ("ORG", "LOC")]
        cached = (len(doc.entities), Near((sp[0], sp) for sp in spans))
        doc.user_data["_events_body_spans"] = cached
    return cached[1]




def _head_pattern(lex: Lexicon):
    pat = lex.__dict__.get("_events_role_head_re")
    if pat is None:
        pat = rxcache.compile(LB + "(?:" + "|".join(regex.escape(h) for h in lex.role_heads) + ")" + RB)
        lex.__dict__["_events_role_head_re"] = pat
    return pat


_QUOTED_AFTER = rxcache.compile(r"\s*«([^»]{3,40})»")
#: «X Y، ROLE»: the name before a role; a match holds at most six runs of non-space characters
#: (the lead, two to four words, a comma), so only the end of the text before the role is searched
_NAME_BEFORE = rxcache.compile(r"(?:^|[،:]\s*|\s(?:با|و)\s)((?:[\p{Arabic}&&\p{L}][\p{Arabic}&&\p{L}\u200c]*\s?){2,4}?)\s*،?\s*$",
                               regex.V1)
_NON_SPACE_RUN_BACKWARDS = rxcache.compile(r"(?r)\S+", regex.V1)


def _last_runs_start(text: str, runs: int, window: int = 400, start: int = 0, end: Optional[int] = None) -> int:
    """Where the ``runs``-th last run of non-space characters of ``text[start:end]`` starts
    (``start`` when it has fewer; offsets in ``text``): no match of :data:`_NAME_BEFORE`
    starts before it. Only the last ``window`` characters are read unless their runs are fewer."""
    end = len(text) if end is None else end
    for lo in (max(start, end - window), start):
        # the runs from the end backwards, one more than counted (the first run of the
        # window may be cut at lo; the one counted is not): not every run of the window
        found = [r.start() for r in itertools.islice(_NON_SPACE_RUN_BACKWARDS.finditer(text, lo, end), runs + 1)]
        if len(found) > runs:
            return found[runs - 1]
        if lo == start:
            break
    return start


def fallback_people(doc: Document, lex: Lexicon) -> List[PersonRef]:
    """Role-led person units found with the role-head lexicon (no entity stage ran).

    A role runs from its head over up to five following words (stopping at
    punctuation, prepositions, verbs and pronouns; «در X» is kept after ambassador-like
    heads); a name is taken from quotes next to the role or from the words between a
    comma (or the sentence start) and ``، ROLE``.
    """
    norm = doc.norm
    units: List[PersonRef] = []
    if not lex.role_heads:
        return units
    head_re = _head_pattern(lex)
    last_start, furthest_end = -1, -1  # (roles come in order of start: the furthest end tells an overlap)
    for si, sent in enumerate(doc.sentences):
        text = norm[sent.nstart:sent.nend]
        for m in head_re.finditer(text):
            rs = sent.nstart + m.start()
            re_ = sent.nstart + m.end()
            if rs >= last_start:
                if rs < furthest_end:  # = any(u.role[0] <= rs < u.role[1] for u in units), every start <= rs
                    continue
            elif any(u.role and u.role[0] <= rs < u.role[1] for u in units):
                continue
            head = m.group()
            re_ = _extend_title(doc, lex, sent, re_, head)
            unit = PersonRef(role=(rs, re_), sent=si, plural=_is_plural_role(norm[rs:re_]))
            last_start, furthest_end = max(last_start, rs), max(furthest_end, re_)
            # name in quotes right after the role
            q = _QUOTED_AFTER.match(norm, re_, sent.nend)  # = «^\s*«…»» on norm[re_:sent.nend]
            if q:
                unit.name = (q.start(1), q.end(1))
            else:
                # = _NAME_BEFORE.search(before, _last_runs_start(before, 7)) with before = norm[sent.nstart:rs],
                # without copying the sentence up to every role (its «^» is the sentence start)
                first = _last_runs_start(norm, 7, start=sent.nstart, end=rs)
                b = _NAME_BEFORE.search(norm[sent.nstart:rs]) if first == sent.nstart else \
                    _NAME_BEFORE.search(norm, first, rs)
                if b:
                    cand = b.group(1).strip()
                    words = cand.split()
                    if 2 <= len(words) <= 4 and not any(w in _STOP for w in words) \
                            and not head_re.search(cand):
                        s0 = (sent.nstart if first == sent.nstart else 0) + b.start(1)
                        unit.name = _strip_honorific(norm, s0, s0 + len(cand))
            units.append(unit)
    return units


_PLURAL_HEADS = ("مقامات", "مقام‌های", "مقامهای", "مسئولان", "مسئولین", "مسوولان", "مسؤولان", "مدیران", "سران", "رهبران",
                 "وزرای", "وزیران", "روسای", "رؤسای", "رئیسان", "نمایندگان", "سفرای", "سفیران", "فرماندهان", "متحدان",
                 "دیپلمات‌های", "مقامهاي", "اعضای", "مراجع")
_PLURAL_RE = rxcache.compile(LB + "(?:" + "|".join(sorted(_PLURAL_HEADS, key=len, reverse=True)) + ")" + RB)
_COUNT_WORDS = {"این", "دو", "سه", "چهار", "پنج", "هر"}


def plural_groups(doc: Document, lex: Lexicon, taken: Sequence[Tuple[int, int]] = ()) -> List[PersonRef]:
    """Groups named by a plural title the entity stage left untagged: «مدیران نفتی آمریکا»،
    «رهبران این کشور»، «وزرای تجارت دو کشور» (plural units; up to four words after the head)."""
    out: List[PersonRef] = []
    holding = gates.of(doc).sentences(_PLURAL_RE, doc.sentences)
    for si, sent in enumerate(doc.sentences):
        if holding is not None and si not in holding:
            continue  # (no plural title in it)
        toks = doc.tokens[sent.token_start:sent.token_end]
        text = doc.norm[sent.nstart:sent.nend]
        for m in _PLURAL_RE.finditer(text):
            rs, re_ = sent.nstart + m.start(), sent.nstart + m.end()
            if any(a < re_ and rs < b for a, b in taken):
                continue
            i = tokens_from(doc, re_) - sent.token_start
            count = 0
            while i < len(toks) and count < 4:
                w = toks[i].norm
                if w in _COUNT_WORDS and i + 1 < len(toks) and toks[i + 1].norm.startswith("کشور"):
                    re_ = toks[i + 1].nend
                    count += 2
                    break  # «مقام‌های سه کشور خواهد رسید»: the count of countries closes the group
                if toks[i].is_punct or w in _STOP or w.startswith("می\u200c") or w in lex.past_verbs \
                        or not _NAME_TOKEN.match(w):
                    break
                re_ = toks[i].nend
                i += 1
                count += 1
            if count == 0:
                continue  # a bare «مقامات» names nobody
            rest = doc.norm[sent.nstart + m.end():re_].strip()
            if any(rest.startswith(g) for g in lex.generic_partners):
                continue  # «اعضای خانواده شهید»: not a party in its own right
            out.append(PersonRef(role=(rs, re_), sent=si, plural=True))
    out.extend(_quantified_groups(doc, taken + [(u.start, u.end) for u in out]))
    return out


_QUANTIFIED = rxcache.compile(LB + r"(?:جمع(?:ی)?(?:\s+(?:زیادی|کثیری|بزرگی))?|چند\s+تن|تعدادی|گروهی|شماری|عده[\u200c ]?ای)\s+از\s+"
                            r"((?:(?!(?:با|به|در|را|که|برای|تا|از|هم|نیز|امروز|دیروز)\s)[\p{L}\u200c]+(?:\s+|(?=[،.:؛])|$)){1,5}?)"
                            r"(?=[،.:؛]|\s+(?:با|به|در|را|که|برای|دیدار|دیدن|حضور|گفت|شرکت|برگزار)(?:\s|$)|$)")


def _quantified_groups(doc: Document, taken: Sequence[Tuple[int, int]]) -> List[PersonRef]:
    """«جمع زیادی از روحانیان و مبلغان»، «چند تن از مراجع تقلید»: a group taking part; its title
    is the group noun phrase."""
    out: List[PersonRef] = []
    holding = gates.of(doc).sentences(_QUANTIFIED, doc.sentences)
    for si, sent in enumerate(doc.sentences):
        if holding is not None and si not in holding:
            continue
        text = doc.norm[sent.nstart:sent.nend]
        for m in _QUANTIFIED.finditer(text):
            s, e = sent.nstart + m.start(1), sent.nstart + m.start(1) + len(m.group(1).rstrip())
            if e <= s or any(a < e and s < b for a, b in taken):
                continue
            first = m.group(1).split()[0]
            if not _rx(r"(?:جمع|چند|عده)").match(m.group()) and not first.endswith(("ان", "ین")):
                continue  # «شماری از موضوعات»: not people
            out.append(PersonRef(role=(s, e), sent=si, plural=True))
    return out


_LIST_TAIL = rxcache.compile(r"((?:\s*،\s*[\p{L}\u200c]+)*)\s+و\s+([\p{L}\u200c]+)")


def _over_country_list(norm: str, end: int) -> int:
    """End of «رؤسای جمهوری اسلامی ایران، افغانستان، پاکستان و تاجیکستان» when the title stops at
    «ایران»: the comma list that goes on and closes with «و» + a country (most items countries)."""
    from .countries import countries_in
    m = _LIST_TAIL.match(norm, end)
    if not m:
        return end
    items = [w.strip(" ،") for w in m.group(1).split("،") if w.strip(" ،")] + [m.group(2)]
    known = sum(bool(countries_in(w)) for w in items)
    if countries_in(m.group(2)) and known * 2 >= len(items):
        return m.end()
    return end


_QUOTED = rxcache.compile(r"[«\"]([\p{L}\u200c]+(?: [\p{L}\u200c]+){1,3})[»\"]")
_SUBJECT_LEAD = rxcache.compile(r"(?:^|[،:]|\s(?:و|که))\s*$")


def quoted_names(doc: Document, units: Sequence[PersonRef], orgs: Sequence[Span]) -> List[PersonRef]:
    """Names in quotes the entity stage missed: «"گیدو وستروله" دوشنبه … راهی فرانسه شد».

    A quoted run of two to four rare words (foreign names are rare words) counts when it is apposed
    to a title or opens a clause; quoted phrases of common words (a slogan, a title of a
    work) do not.
    """
    from .names import _word_freq
    norm = doc.norm
    freq = _word_freq()
    if not freq:
        return []
    taken = [(u.start, u.end) for u in units] + [doc.norm_span(o) for o in orgs]
    roles = [u.role for u in units if u.role is not None]
    out: List[PersonRef] = []
    for si, sent in enumerate(doc.sentences):
        for m in _QUOTED.finditer(norm, sent.nstart, sent.nend):
            s, e = m.span(1)
            if any(a < e and s < b for a, b in taken):
                continue
            words = m.group(1).split()
            if any(freq.get(w, 0) > 2000 or w in _STOP for w in words):
                continue
            apposed = any(0 <= r[0] - m.end() <= 3 or 0 <= m.start() - r[1] <= 3 for r in roles)
            start = sent.nstart + _attribution_len(norm[sent.nstart:sent.nend])
            subject = _SUBJECT_LEAD.search(norm[max(start, m.start() - 3):m.start()]) is not None or m.start() <= start + 1
            if apposed or subject:
                out.append(PersonRef(name=(s, e), sent=si))
    return out


def _attribution_len(text: str) -> int:
    from .coref import attribution_end
    return attribution_end(text)
