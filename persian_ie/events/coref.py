"""Back-references to people: وی، او، ایشان، این مقام, and a title repeated alone
(«شهردار تهران افزود» after «علیرضا زاکانی، شهردار تهران»).

Each pronoun unit gets as antecedent the subject of the nearest earlier sentence
that has one (the person the paragraph is about), falling back to the nearest
earlier named unit; a role-only unit whose title matches an earlier named unit's
title is linked to it.
"""

from __future__ import annotations

from typing import List, Optional

import regex

from ..document import Document
from .people import PersonRef, fold

__all__ = ["resolve", "link_titles", "cluster", "subject_of_sentence", "attribution_end", "title_key", "titles_compatible"]

_ATTRIB = regex.compile(r"^(?:\s*(?:به گزارش|به نقل از|بنا به گزارش|بنا بر گزارش|براساس گزارش|بر اساس گزارش|طبق گزارش|"
                        r"به تازگی|به نوشته|به اعلام|بنابر اعلام)[^،:]{0,80}?[،:])+")
_LEAD_ADVERB = regex.compile(r"^\s*(?:در ادامه|همچنین|سپس|در پایان|در این (?:دیدار|نشست|جلسه|ملاقات|تماس)|پس از آن|"
                            r"از سوی دیگر|از طرف دیگر|در همین حال|در همین راستا|علاوه بر این|همزمان|نیز)[،\s]*$")
_LEAD_HONORIFIC = regex.compile(r"^\s*[«\"']?\s*(?:(?:حجت[\u200c ]?الاسلام|آیت[\u200c ]?الله|و ?المسلمین|والمسلمین|العظمی|دکتر|مهندس|سردار|"
                               r"سرلشکر|سرتیپ|دریادار|امیر|خانم|آقای|شیخ|سید|پروفسور)\s*)+$")
_HEADER = regex.compile(r"^\s*[^\s:،]{2,}(?:\s[^\s:،]+){0,2}\s*:\s*(?=\S)")


def _same_country(doc: Document, a, b) -> bool:
    from .countries import country_of_text
    ca, cb = country_of_text(doc.norm[a[0]:a[1]]), country_of_text(doc.norm[b[0]:b[1]])
    # a bare title is an Iranian one in Iranian news: «معاون سیاسی» ~ «معاون سیاسی استاندار یزد»
    return ca == cb or {ca, cb} == {None, "ایران"}


def attribution_end(text: str) -> int:
    """Offset in a sentence where the reported content starts (after «به گزارش X،»)."""
    m = _ATTRIB.match(text)
    end = m.end() if m else 0
    h = _HEADER.match(text[end:])
    if h and regex.search(r"(?:خبرگزاری|خبرگزاري|گزارش|آنلاین|نیوز|پایگاه|ایسنا|ایرنا|مهر|فارس|تسنیم)", h.group()):
        end += h.end()
    return end


def subject_of_sentence(doc: Document, units: List[PersonRef], sent_i: int) -> Optional[PersonRef]:
    """The person unit a sentence starts with (after its attribution), if any."""
    sent = doc.sentences[sent_i]
    text = doc.norm[sent.nstart:sent.nend]
    start = sent.nstart + attribution_end(text)
    for u in units:
        if u.sent != sent_i or u.start < start:
            continue
        lead = doc.norm[start:u.start]
        if len(lead.strip()) <= 2 and not regex.search(r"[\p{L}]{3}", lead) or _LEAD_ADVERB.match(lead) \
                or _LEAD_HONORIFIC.match(lead):
            return u
        break
    return None


def resolve(doc: Document, units: List[PersonRef]) -> None:
    """Fill ``antecedent`` of pronoun and bare-title units (in place)."""
    named: List[PersonRef] = []
    subj_by_sent = {}
    for i in range(len(doc.sentences)):
        s = subject_of_sentence(doc, units, i)
        if s is not None:
            subj_by_sent[i] = s
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
                same = [v for v in units if v.sent == u.sent and v.end <= u.start and v.pronoun is None]
                if same:
                    ante = same[0]
                elif named:
                    ante = named[-1]
            if ante is not None and ante.pronoun is None or (ante is not None and ante.antecedent is not None):
                u.antecedent = ante
            continue
        if u.name is None and u.role is not None and not u.plural:
            key = fold(doc.norm[u.role[0]:u.role[1]]).split()
            pool = list(reversed(named)) + [v for v in units if v.name is not None and v.role is not None
                                            and v.start > u.start and v.sent <= u.sent + 2]
            for v in pool:
                if v.role is None:
                    continue
                other = fold(doc.norm[v.role[0]:v.role[1]]).split()
                short, long_ = (key, other) if len(key) <= len(other) else (other, key)
                # «شهردار تهران» = «شهردار تهران»; «سفیر ارمنستان» ⊂ «سفیر ارمنستان در تهران»
                # (but not «رئیس جمهور» ⊂ «رئیس جمهور فنلاند»: another country, another person)
                if key == other or (len(short) >= 2 and long_[:len(short)] == short
                                    and _same_country(doc, u.role, v.role)):
                    u.antecedent = v
                    break
        if u.name is not None:
            named.append(u)


def link_titles(doc: Document, units: List[PersonRef], max_dist: int = 3) -> None:
    """Link a title used alone as a sentence subject to the person named alone nearby.

    News style names a person once («احد جمالی در دیدار … گفت») and calls them by
    title elsewhere («معاون سیاسی امنیتی استاندار … افزود»). A singular role-only
    subject with no antecedent is linked to the nearest sentence subject that is a
    name without a title, within ``max_dist`` sentences, when no other name lies between.
    """
    subjects = {}
    for i in range(len(doc.sentences)):
        s = subject_of_sentence(doc, units, i)
        if s is not None:
            subjects[i] = s
    bare_names = {i: u for i, u in subjects.items() if u.name is not None and u.role is None}
    if not bare_names:
        return
    named_sents = sorted(i for i, u in subjects.items() if u.name is not None)
    linked: List[PersonRef] = []
    for i, r in sorted(subjects.items()):
        if r.name is not None or r.role is None or r.plural or r.antecedent is not None or r.pronoun is not None:
            continue
        key = fold(doc.norm[r.role[0]:r.role[1]]).split()
        same_title = None
        for prev in linked:
            other = fold(doc.norm[prev.role[0]:prev.role[1]]).split()
            short, long_ = (key, other) if len(key) <= len(other) else (other, key)
            if len(short) >= 2 and long_[:len(short)] == short and _same_country(doc, r.role, prev.role):
                same_title = prev.antecedent
                break
        if same_title is not None:
            r.antecedent = same_title
            linked.append(r)
            continue
        best = None
        for j, n in bare_names.items():
            d = abs(i - j)
            if d == 0 or d > max_dist:
                continue
            lo, hi = min(i, j), max(i, j)
            if any(lo < k < hi for k in named_sents):
                continue
            if best is None or d < best[0] or (d == best[0] and j < i):
                best = (d, n)
        if best is not None:
            r.antecedent = best[1]
            linked.append(r)


# -- persons: one cluster per real person -------------------------------------------------------

_HONORIFIC_WORDS = {"شیخ", "سید", "دکتر", "مهندس", "حجت", "الاسلام", "والمسلمین", "المسلمین", "آیت", "الله", "سردار",
                    "خانم", "آقای", "حاج", "حاجی", "پروفسور", "سرلشکر", "سرتیپ", "دریادار", "امیر"}
_COMMON_FIRST = {"محمد", "علی", "حسن", "حسین", "رضا", "احمد", "مهدی", "عبدالله", "محمود", "مصطفی", "ابراهیم", "اسماعیل",
                 "یوسف", "جواد", "سعید", "مجید", "حمید", "عباس", "جعفر", "کاظم", "هادی", "عبدالرحمن", "خالد", "سلمان",
                 "فیصل", "مایک", "جان", "دیوید", "رابرت", "بن", "آل", "ابن", "بنت"}
#: title words too vague to identify a person on their own («رئیس» alone)
_VAGUE_TITLES = {"رئیس", "معاون", "مدیر", "دبیر", "عضو", "مشاور", "نماینده", "مسئول", "سرپرست", "مقام", "فرمانده",
                 "رهبر", "وزیر", "سفیر", "دستیار", "همتا", "همتای"}
_FORMER = regex.compile(r"(?<![\p{L}])(?:سابق|پیشین|وقت|اسبق|قبلی|آینده|جدید)(?![\p{L}])")
_TITLE_DROP = {"امور", "این", "کشور", "کشورمان", "خود", "ما", "جمهوری", "اسلامی", "محترم"}


def _name_key(doc: Document, u: PersonRef) -> tuple:
    words = fold(doc.norm[u.name[0]:u.name[1]]).split()
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
    text = fold(text).replace("وزیرخارجه", "وزیر خارجه").replace("رئیس جمهوری", "رئیس جمهور").replace("رییس", "رئیس")
    words = [w for w in text.split() if w not in _TITLE_DROP]
    return [w[:-1] if len(w) > 4 and w.endswith("ی") else w for w in words]


def titles_compatible(doc: Document, a, b) -> bool:
    """Two titles (normalized ranges) that can name the same person in one article.

    Equal after :func:`title_key`, or one a prefix of the other («وزیر ارتباطات» /
    «وزیر ارتباطات و فناوری اطلاعات»; «سفیر ارمنستان» / «سفیر ارمنستان در تهران»), never
    two countries, and never a former holder with the present one.
    """
    from .countries import country_of_role
    ta, tb = doc.norm[a[0]:a[1]], doc.norm[b[0]:b[1]]
    if bool(_FORMER.search(ta)) != bool(_FORMER.search(tb)):
        return False
    ca, cb = country_of_role(doc, a), country_of_role(doc, b)
    if ca is not None and cb is not None and ca != cb:
        return False
    ka, kb = _strip_country(title_key(ta)), _strip_country(title_key(tb))
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


def cluster(doc: Document, units: List[PersonRef]) -> None:
    """Group units into persons and set ``entity`` (and ``antecedent`` for title-only units).

    * names: equal, or a shorter form inside exactly one longer name of the article
      (a surname shared by two people goes to the one named first);
    * titles used alone: to the named person whose own title is compatible
      (:func:`titles_compatible`), the nearest one when several are; equal titles used
      alone are one person even when nobody is named;
    * pronouns and back-references keep the antecedent :func:`resolve` found.
    """
    n = len(units)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    index = {id(u): i for i, u in enumerate(units)}
    for i, u in enumerate(units):
        if u.antecedent is not None and id(u.antecedent) in index:
            union(i, index[id(u.antecedent)])
    # names
    keys = {}
    for i, u in enumerate(units):
        if u.name is not None and not u.body:
            keys.setdefault(_name_key(doc, u), []).append(i)
    for key, members in keys.items():
        for j in members[1:]:
            union(members[0], j)
    for key, members in keys.items():
        longer = [k for k in keys if _name_compatible(key, k)]
        if not longer:
            continue
        if all(a == b or _name_compatible(a, b) or _name_compatible(b, a) for a in longer for b in longer):
            target = max(longer, key=len)  # variants of one name («جواد ظریف», «محمد جواد ظریف»)
        else:
            target = min(longer, key=lambda k: keys[k][0])  # «ترامپ»: the Trump named first
        for j in members:
            union(keys[target][0], j)
    # titles used alone: to the named person who bears a compatible title (adjacent or already
    # linked), else — for a sentence subject — to the name alone that is the subject of a
    # sentence nearby («مسؤول اتحادیه … اظهار کرد» / «محمدصالح جباری … افزود»), if none of that
    # person's titles contradicts it. Repeated while links are added.
    subjects = {}
    for si in range(len(doc.sentences)):
        sub = subject_of_sentence(doc, units, si)
        if sub is not None:
            subjects[si] = index[id(sub)]
    subject_of = {i: si for si, i in subjects.items()}

    def named_root(root: int) -> bool:
        return any(find(k) == root and units[k].name is not None for k in range(n))

    def titles_of(root: int) -> List[tuple]:
        return [units[k].role for k in range(n) if find(k) == root and units[k].role is not None and not units[k].plural]

    alone_units = [i for i, u in enumerate(units) if u.name is None and u.role is not None and not u.plural
                   and not u.body and u.pronoun is None]
    for _ in range(4):
        changed = False
        named_sents = sorted(si for si, i in subjects.items() if named_root(find(i)))
        for i in alone_units:
            u = units[i]
            if named_root(find(i)):
                continue
            roots = {find(k) for k in range(n) if units[k].name is not None and not units[k].body}
            cands = []
            for r in roots:
                ts = titles_of(r)
                if ts and any(titles_compatible(doc, u.role, t) for t in ts):
                    near = min(abs(units[k].start - u.start) for k in range(n) if find(k) == r)
                    cands.append((near, r))
            if len(cands) > 1:
                from .countries import country_of_role
                c = country_of_role(doc, u.role)
                same = [x for x in cands if c is not None and any(country_of_role(doc, t) == c for t in titles_of(x[1]))]
                cands = same or cands
            if cands:
                union(min(cands)[1], i)
                changed = True
                continue
            si = subject_of.get(i)
            if si is None:
                continue
            best = None
            for sj, j in subjects.items():
                d = abs(si - sj)
                if d == 0 or d > 3 or units[j].name is None or units[j].role is not None:
                    continue
                lo, hi = min(si, sj), max(si, sj)
                if any(lo < k < hi for k in named_sents):
                    continue
                if any(not titles_compatible(doc, u.role, t) for t in titles_of(find(j))):
                    continue
                if best is None or d < best[0] or (d == best[0] and sj < si):
                    best = (d, j)
            if best is not None:
                union(best[1], i)
                changed = True
        if not changed:
            break
    # equal titles used alone are one person
    alone = [i for i, u in enumerate(units) if u.name is None and u.role is not None and not u.plural and not u.body
             and u.pronoun is None]
    for x in range(len(alone)):
        for y in range(x + 1, len(alone)):
            i, j = alone[x], alone[y]
            if find(i) == find(j):
                continue
            ri, rj = find(i), find(j)
            named_i = any(find(k) == ri and units[k].name is not None for k in range(n))
            named_j = any(find(k) == rj and units[k].name is not None for k in range(n))
            if named_i and named_j:
                continue
            if title_key(doc.norm[units[i].role[0]:units[i].role[1]]) == title_key(doc.norm[units[j].role[0]:units[j].role[1]]) \
                    and titles_compatible(doc, units[i].role, units[j].role):
                union(i, j)
    # representatives: the longest name of each person
    best_name = {}
    for i, u in enumerate(units):
        r = find(i)
        u.entity = r
        if u.name is not None and u.pronoun is None:
            cur = best_name.get(r)
            if cur is None or len(_name_key(doc, u)) > len(_name_key(doc, units[cur])):
                best_name[r] = i
    for i, u in enumerate(units):
        if u.name is None and u.pronoun is None and u.antecedent is None:
            rep = best_name.get(find(i))
            if rep is not None and rep != i:
                u.antecedent = units[rep]
