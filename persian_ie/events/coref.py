"""Back-references to people and one cluster per real person.

* :func:`resolve`: a pronoun (وی، او، ایشان، این مقام) takes as antecedent the subject of the
  nearest earlier sentence that has one, falling back to the nearest earlier named unit; a
  title repeated alone («شهردار تهران افزود») is linked to the earlier named unit with that title;
* :func:`cluster`: names by their shorter forms («ظریف» ⊂ «محمد جواد ظریف»), titles used alone
  by compatible titles of a named person (a headline's «وزیر ارتباطات» and the body's
  «سلیمانی وزیر ارتباطات و فناوری اطلاعات»), or by a nearby sentence whose subject is a name
  alone («مسؤول اتحادیه … اظهار کرد» / «محمدصالح جباری … افزود»).
"""

from __future__ import annotations

import functools

from bisect import bisect_left, bisect_right
from typing import List, Optional

from ..document import Document
from .index import nearest
from .people import PersonRef, fold
from .. import _rxcache as rxcache
from .gates import rx as _rx

__all__ = ["resolve", "cluster", "subject_of_sentence", "attribution_end", "title_key", "titles_compatible"]

_ATTRIB = rxcache.compile(r"^(?:\s*(?:به گزارش|به نقل از|بنا به گزارش|بنا بر گزارش|براساس گزارش|بر اساس گزارش|طبق گزارش|"
                        r"به تازگی|به نوشته|به اعلام|بنابر اعلام|به گفته|آن[\u200c ]?طور که|آنگونه که|آن[\u200c ]?چنان که|چنان[\u200c ]?که)"
                        r"[^،:]{0,80}?[،:])+")
_LEAD_ADVERB = rxcache.compile(r"^\s*(?:در ادامه|همچنین|سپس|در پایان|در این (?:دیدار|نشست|جلسه|ملاقات|تماس)|پس از آن|"
                            r"از سوی دیگر|از طرف دیگر|در همین حال|در همین راستا|علاوه بر این|همزمان|نیز)[،\s]*$")
_LEAD_HONORIFIC = rxcache.compile(r"^\s*[«\"']?\s*(?:(?:حضرت|حاج|حجت[\u200c ]?الاسلام|آیت[\u200c ]?الله|و ?المسلمین|والمسلمین|العظمی|دکتر|مهندس|سردار|"
                               r"سرلشکر|سرتیپ|دریادار|امیر|خانم|آقای|شیخ|سید|پروفسور)\s*)+$")
_HEADER = rxcache.compile(r"^\s*[^\s:،]{2,}(?:\s[^\s:،]+){0,2}\s*:\s*(?=\S)")


def _same_country(doc: Document, a, b) -> bool:
    from .countries import country_of_text
    ca, cb = country_of_text(doc.norm[a[0]:a[1]]), country_of_text(doc.norm[b[0]:b[1]])
    # a bare title is an Iranian one in Iranian news: «معاون سیاسی» ~ «معاون سیاسی استاندار یزد»
    return ca == cb or {ca, cb} == {None, "ایران"}


def attribution_end(text: str) -> int:
    """Offset in a sentence where the reported content starts (after «به گزارش X،»).
    (Kept for the last sentence texts up to 1,000 characters: the events stage asks it of a
    sentence up to five times.)"""
    return _attribution_end_kept(text) if len(text) <= 1000 else _attribution_end(text)


def _attribution_end(text: str) -> int:
    m = _ATTRIB.match(text)
    end = m.end() if m else 0
    h = _HEADER.match(text[end:])
    if h and _rx(r"(?:خبرگزاری|خبرگزاري|گزارش|آنلاین|نیوز|پایگاه|ایسنا|ایرنا|مهر|فارس|تسنیم)").search(h.group()):
        end += h.end()
    return end


_attribution_end_kept = functools.lru_cache(maxsize=1024)(_attribution_end)


def subject_of_sentence(doc: Document, units: List[PersonRef], sent_i: int) -> Optional[PersonRef]:
    """The person unit a sentence starts with (after its attribution), if any."""
    here = _units_of_sentence(doc, units).get(sent_i)
    if not here:
        return None  # (no unit in it: its attribution is not looked for)
    sent = doc.sentences[sent_i]
    text = doc.norm[sent.nstart:sent.nend]
    start = sent.nstart + attribution_end(text)
    for u in here:
        if u.start < start:
            continue
        lead = doc.norm[start:u.start]
        if len(lead.strip()) <= 2 and not _rx(r"[\p{L}]{3}").search(lead) or _LEAD_ADVERB.match(lead) \
                or _LEAD_HONORIFIC.match(lead):
            return u
        break
    return None


def _units_of_sentence(doc: Document, units: List[PersonRef]) -> dict:
    """``{sentence index: units in position order}``, built once per list of units."""
    cached = doc.user_data.get("_events_units_by_sentence")
    if cached is None or cached[0] is not units or cached[1] != len(units):
        by_sent: dict = {}
        for u in sorted(units, key=lambda x: x.start):
            by_sent.setdefault(u.sent, []).append(u)
        cached = (units, len(units), by_sent)
        doc.user_data["_events_units_by_sentence"] = cached
    return cached[2]


def resolve(doc: Document, units: List[PersonRef]) -> None:
    """Fill ``antecedent`` of pronoun and bare-title units (in place)."""
    named: List[PersonRef] = []
    subj_by_sent = {}
    for i in range(len(doc.sentences)):
        s = subject_of_sentence(doc, units, i)
        if s is not None:
            subj_by_sent[i] = s
    # per sentence, its named AND titled units in position order (the only ones a bare title
    # looks ahead to), with their starts: a title reads the ones after it by bisection instead of
    # scanning the whole sentence (a run-on list of meetings is one sentence of hundreds of units)
    titled_by_sent: dict = {}
    role_words: dict = {}  # id(unit) → its folded title words

    def titled_after(si: int, start: int) -> List[PersonRef]:
        hit = titled_by_sent.get(si)
        if hit is None:
            vs = [v for v in _units_of_sentence(doc, units).get(si, ()) if v.name is not None and v.role is not None]
            hit = titled_by_sent[si] = ([v.start for v in vs], vs)
        return hit[1][bisect_right(hit[0], start):]

    def words_of_role(v: PersonRef) -> List[str]:
        w = role_words.get(id(v))
        if w is None:
            w = role_words[id(v)] = fold(doc.norm[v.role[0]:v.role[1]]).split()
        return w

    for u in units:
        if u.pronoun is not None:
            ante = None
            for j in range(u.sent - 1, max(-1, u.sent - 6), -1):
                cand = subj_by_sent.get(j)
                if cand is not None and cand is not u:
                    ante = cand.resolved()
                    break
            if ante is None:
                # an earlier unit in the same sentence («X … و وی …»)
                same = [v for v in _units_of_sentence(doc, units).get(u.sent, ())
                        if v.end <= u.start and v.pronoun is None]
                if same:
                    ante = same[0]
                elif named:
                    ante = named[-1]
            if ante is not None and ante.pronoun is None or (ante is not None and ante.antecedent is not None):
                u.antecedent = ante
            continue
        if u.name is None and u.role is not None and not u.plural:
            key = fold(doc.norm[u.role[0]:u.role[1]]).split()
            us = u.start
            ahead = [v for si in range(u.sent, u.sent + 3) for v in titled_after(si, us)]
            pool = list(reversed(named[-_NEAREST:])) + ahead
            for v in pool:
                if v.role is None:
                    continue
                other = words_of_role(v)
                short, long_ = (key, other) if len(key) <= len(other) else (other, key)
                # «شهردار تهران» = «شهردار تهران»; «سفیر ارمنستان» ⊂ «سفیر ارمنستان در تهران»
                # (but not «رئیس جمهور» ⊂ «رئیس جمهور فنلاند»: another country, another person)
                if key == other or (len(short) >= 2 and long_[:len(short)] == short
                                    and _same_country(doc, u.role, v.role)):
                    u.antecedent = v
                    break
        if u.name is not None:
            named.append(u)


# -- persons: one cluster per real person -------------------------------------------------------

_HONORIFIC_WORDS = {"شیخ", "سید", "دکتر", "مهندس", "حجت", "الاسلام", "والمسلمین", "المسلمین", "آیت", "الله", "سردار",
                    "خانم", "آقای", "حاج", "حاجی", "پروفسور", "سرلشکر", "سرتیپ", "دریادار", "امیر"}
_COMMON_FIRST = {"محمد", "علی", "حسن", "حسین", "رضا", "احمد", "مهدی", "عبدالله", "محمود", "مصطفی", "ابراهیم", "اسماعیل",
                 "یوسف", "جواد", "سعید", "مجید", "حمید", "عباس", "جعفر", "کاظم", "هادی", "عبدالرحمن", "خالد", "سلمان",
                 "فیصل", "مایک", "جان", "دیوید", "رابرت", "بن", "آل", "ابن", "بنت"}
#: title words too vague to identify a person on their own («رئیس» alone)
_VAGUE_TITLES = {"رئیس", "معاون", "مدیر", "دبیر", "عضو", "مشاور", "نماینده", "مسئول", "سرپرست", "مقام", "فرمانده",
                 "رهبر", "وزیر", "سفیر", "دستیار", "همتا", "همتای"}
_FORMER = rxcache.compile(r"(?<![\p{L}])(?:سابق|پیشین|وقت|اسبق|قبلی)(?![\p{L}])")
_TITLE_DROP = {"امور", "این", "کشور", "کشورمان", "خود", "ما", "جمهوری", "اسلامی", "محترم"}


def _name_key(doc: Document, u: PersonRef) -> tuple:
    # «سیدمحمد خاتمی» = «سید محمد خاتمی»: a glued honorific is split off
    words = [w[3:] if w.startswith("سید") and len(w) > 5 else w for w in fold(doc.norm[u.name[0]:u.name[1]]).split()]
    core = tuple(w for w in words if w not in _HONORIFIC_WORDS)
    return core or tuple(words)


def _name_compatible(short: tuple, long_: tuple) -> bool:
    """«ظریف» ⊂ «محمد جواد ظریف»; «آبه» ⊂ «آبه شینزو»; «تمیم» ⊂ «تمیم بن حمد آل ثانی»."""
    if len(short) >= len(long_) or not all(w in long_ for w in short):
        return False
    if short[-1] == long_[-1]:
        return True
    return len(short) == 1 and short[0] not in _COMMON_FIRST and len(short[0]) >= 3


def title_key(text: str) -> List[str]:
    """Comparable words of a title: folded, «ی» of the adjective dropped, filler words out.

    >>> title_key("وزیر امور خارجه جمهوری اسلامی ایران") == title_key("وزیر خارجه ایران")
    True
    """
    text = fold(text).replace("رییس", "رئیس").replace("وزیرخارجه", "وزیر خارجه").replace("رئیس جمهوری", "رئیس جمهور")
    words = [w for w in text.split() if w not in _TITLE_DROP]
    return [w[:-1] if len(w) > 4 and w.endswith("ی") else w for w in words]


def titles_compatible(doc: Document, a, b) -> bool:
    """Two titles (normalized ranges) that can name the same person in one article.

    Equal after :func:`title_key`, or one a prefix of the other («وزیر ارتباطات» /
    «وزیر ارتباطات و فناوری اطلاعات»; «سفیر ارمنستان» / «سفیر ارمنستان در تهران»), never
    two countries, and never a former holder with the present one.
    """
    fa, ca, ka = _title_facts(doc, a)
    fb, cb, kb = _title_facts(doc, b)
    if fa != fb:
        return False
    if ca is not None and cb is not None and ca != cb:
        return False
    if not ka or not kb:
        return False
    if ka == kb:
        return len(ka) >= 2 or ka[0] not in _VAGUE_TITLES or (ca is not None and ca == cb)
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    # same head, and the shorter title's words all in the longer one (in any order:
    # «سرپرست میراث فرهنگی، صنایع دستی و گردشگری» / «سرپرست اداره کل میراث فرهنگی، گردشگری و صنایع دستی»)
    if short[0] != long_[0] or not set(short) <= set(long_):
        return False
    return len(short) >= 2 or short[0] not in _VAGUE_TITLES


def _title_facts(doc: Document, r) -> tuple:
    """``(former, country, key)`` of the title at normalized range ``r``: whether it names a
    former holder, :func:`~persian_ie.events.countries.country_of_role`, and its
    :func:`title_key` less the country words. Computed once per range and document
    (titles are compared with many candidates)."""
    cache = doc.user_data.setdefault("_coref_title_facts", {})
    key = (r[0], r[1])
    facts = cache.get(key)
    if facts is None:
        from .countries import country_of_role
        text = doc.norm[r[0]:r[1]]
        facts = cache[key] = (bool(_FORMER.search(text)), country_of_role(doc, r), _strip_country(title_key(text)))
    return facts


def _strip_country(words: List[str]) -> List[str]:
    from .countries import countries_in
    text = " ".join(words)
    hits = countries_in(text)
    if not hits:
        return words
    keep = []
    pos = 0
    for s, e, _, kind in hits:
        keep.append(text[pos:s])
        pos = e
    keep.append(text[pos:])
    out = " ".join(keep).split()
    # «سفیر X در تهران»: the place of the post stays a qualifier
    return [w for w in out if w != "در"] or words


class _Persons:
    """Union–find over units with, per person, its members, whether it has a name, its titles."""

    def __init__(self, units: List[PersonRef]):
        self.units = units
        self.parent = list(range(len(units)))
        self.members = {i: [i] for i in range(len(units))}
        self.named = {i: units[i].name is not None and not units[i].body for i in range(len(units))}
        self.titles = {i: [units[i].role] if units[i].role is not None and not units[i].plural else []
                       for i in range(len(units))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        self.named[ri] = self.named[ri] or self.named.pop(rj)
        self.titles[ri].extend(self.titles.pop(rj))


_AS_TITLE = rxcache.compile(r"(?<![\p{L}\u200c])به\s+عنوان\s+$")

#: how many nearby candidates a title used alone is compared with (keeps the work per unit bounded)
_NEAREST = 24


def _nearest_heads(js: List[int], keys: Optional[List[int]], units: List[PersonRef], pos: int) -> List[int]:
    """The :data:`_NEAREST` units of ``js`` nearest to ``pos``, nearest first (a tie keeps
    list order); by bisection over ``keys`` (their starts) when those are sorted, else
    (``keys`` None) by sorting them all."""
    if keys is not None:
        return nearest(js, keys, pos, _NEAREST)
    return sorted(js, key=lambda j: abs(units[j].start - pos))[:_NEAREST]


def cluster(doc: Document, units: List[PersonRef]) -> None:
    """Group units into persons and set ``entity`` (and ``antecedent`` for title-only units).

    * names: equal, or a shorter form inside exactly one longer name of the article
      (a surname shared by two people goes to the one named first);
    * titles used alone: to the named person whose own title is compatible
      (:func:`titles_compatible`), the nearest one when several are; else, for a sentence
      subject, to the name alone that is the subject of a sentence nearby; equal titles used
      alone are one person even when nobody is named;
    * pronouns and back-references keep the antecedent :func:`resolve` found.

    The work per unit is bounded: names are compared through the words they share, titles
    with the nearest candidates bearing the same head word.
    """
    P = _Persons(units)
    index = {id(u): i for i, u in enumerate(units)}
    for i, u in enumerate(units):
        if u.antecedent is not None and id(u.antecedent) in index:
            P.union(i, index[id(u.antecedent)])
    # names
    keys: dict = {}
    for i, u in enumerate(units):
        if u.name is not None and not u.body:
            keys.setdefault(_name_key(doc, u), []).append(i)
    by_word: dict = {}
    for key in keys:
        for w in set(key):
            by_word.setdefault(w, []).append(key)
    for key, members in keys.items():
        for j in members[1:]:
            P.union(members[0], j)
    # «مرکل … به عنوان رئیس دولت جدید»: a title after «به عنوان» is the clause subject's
    by_sent = _units_of_sentence(doc, units)
    for i, u in enumerate(units):
        if u.name is None and u.role is not None and not u.plural and _AS_TITLE.search(doc.norm, max(0, u.start - 12), u.start):
            earlier = [v for v in by_sent.get(u.sent, ()) if v.end <= u.start]
            # «وی … به عنوان سرمربی تیم ملی»: a pronoun subject stands for the person it resolves to
            named = [v for v in earlier if (v.name is not None and v.pronoun is None)
                     or (v.pronoun is not None and v.antecedent is not None and v.resolved().name is not None)]
            if named and not _rx(r"[:؛]").search(doc.norm[named[-1].end:u.start]):
                P.union(index[id(named[-1])], i)
    for key, members in keys.items():
        pool = by_word.get(key[-1], []) if len(key) > 1 else by_word.get(key[0], [])
        longer = [k for k in pool if _name_compatible(key, k)]
        if not longer:
            continue
        if len(longer) > 8:
            continue  # a word shared by many names identifies nobody
        if all(a == b or _name_compatible(a, b) or _name_compatible(b, a) for a in longer for b in longer):
            target = max(longer, key=len)  # variants of one name («جواد ظریف», «محمد جواد ظریف»)
        else:
            target = min(longer, key=lambda k: keys[k][0])  # «ترامپ»: the Trump named first
        for j in members:
            P.union(keys[target][0], j)
    # titles used alone
    subjects = {}
    for si in range(len(doc.sentences)):
        sub = subject_of_sentence(doc, units, si)
        if sub is not None:
            subjects[si] = index[id(sub)]
    subject_of = {i: si for si, i in subjects.items()}
    heads: dict = {}
    for i, u in enumerate(units):
        if u.role is not None and not u.plural and not u.body:
            k = title_key(doc.norm[u.role[0]:u.role[1]])
            if k:
                heads.setdefault(k[0], []).append(i)
    head_starts = {h: [units[j].start for j in js] for h, js in heads.items()}
    head_starts = {h: ks if all(a <= b for a, b in zip(ks, ks[1:])) else None for h, ks in head_starts.items()}
    alone_units = [i for i, u in enumerate(units) if u.name is None and u.role is not None and not u.plural
                   and not u.body and u.pronoun is None]
    for _ in range(4):
        changed = False
        named_sents = sorted(si for si, i in subjects.items() if P.named[P.find(i)])
        for i in alone_units:
            u = units[i]
            if P.named[P.find(i)]:
                continue
            k = title_key(doc.norm[u.role[0]:u.role[1]])
            pool = _nearest_heads(heads[k[0]], head_starts[k[0]], units, u.start) if k and k[0] in heads else []
            cands = {}
            for j in pool:
                r = P.find(j)
                if r == P.find(i) or not P.named[r] or r in cands:
                    continue
                if any(titles_compatible(doc, u.role, t) for t in P.titles[r][:8]):
                    cands[r] = abs(units[j].start - u.start)
            if len(cands) > 1:
                c = _title_facts(doc, u.role)[1]
                same = {r: d for r, d in cands.items()
                        if c is not None and any(_title_facts(doc, t)[1] == c for t in P.titles[r][:8])}
                cands = same or cands
            if cands:
                P.union(min(cands, key=cands.get), i)
                changed = True
                continue
            si = subject_of.get(i)
            if si is None:
                continue
            best = None
            for sj in range(si - 3, si + 4):
                j = subjects.get(sj)
                if j is None or sj == si or units[j].name is None or units[j].role is not None:
                    continue
                lo, hi = min(si, sj), max(si, sj)
                if any(lo < x < hi for x in named_sents[bisect_left(named_sents, lo):bisect_left(named_sents, hi)]):
                    continue
                if any(not titles_compatible(doc, u.role, t) for t in P.titles[P.find(j)][:8]):
                    continue
                d = abs(si - sj)
                if best is None or d < best[0] or (d == best[0] and sj < si):
                    best = (d, j)
            if best is not None:
                P.union(best[1], i)
                changed = True
        if not changed:
            break
    # equal titles used alone are one person
    same_title: dict = {}
    for i in alone_units:
        same_title.setdefault(tuple(title_key(doc.norm[units[i].role[0]:units[i].role[1]])), []).append(i)
    for group in same_title.values():
        for x in range(1, len(group)):
            i, j = group[x - 1], group[x]
            ri, rj = P.find(i), P.find(j)
            if ri == rj or (P.named[ri] and P.named[rj]):
                continue
            if titles_compatible(doc, units[i].role, units[j].role):
                P.union(i, j)
    # representatives: the longest name of each person
    best_name = {}
    for i, u in enumerate(units):
        r = P.find(i)
        u.entity = r
        if u.name is not None and u.pronoun is None:
            cur = best_name.get(r)
            if cur is None or len(_name_key(doc, u)) > len(_name_key(doc, units[cur])):
                best_name[r] = i
    for i, u in enumerate(units):
        if u.name is None and u.pronoun is None and u.antecedent is None:
            rep = best_name.get(P.find(i))
            if rep is not None and rep != i:
                u.antecedent = units[rep]
