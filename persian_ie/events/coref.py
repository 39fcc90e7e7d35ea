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

__all__ = ["resolve", "subject_of_sentence", "attribution_end"]

_ATTRIB = regex.compile(r"^(?:\s*(?:به گزارش|به نقل از|بنا به گزارش|بنا بر گزارش|براساس گزارش|بر اساس گزارش|طبق گزارش|"
                        r"به تازگی|به نوشته|به اعلام|بنابر اعلام)[^،:]{0,80}?[،:])+")
_LEAD_ADVERB = regex.compile(r"^\s*(?:در ادامه|همچنین|سپس|در پایان|در این (?:دیدار|نشست|جلسه|ملاقات|تماس)|پس از آن|"
                            r"از سوی دیگر|از طرف دیگر|در همین حال|در همین راستا|علاوه بر این|همزمان|نیز)[،\s]*$")
_LEAD_HONORIFIC = regex.compile(r"^\s*(?:(?:حجت[\u200c ]?الاسلام|آیت[\u200c ]?الله|و ?المسلمین|والمسلمین|العظمی|دکتر|مهندس|سردار|"
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
