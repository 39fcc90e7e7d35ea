"""Step 4 of the entities stage: the merge of tagger spans with gazetteer/pattern spans.

All rules that decide between the two sources live here, in this order, for each
tagger span (:func:`merge`):

1. a non-person tagger span that starts inside a role title or its ministry
   (``خارجه آمریکا`` of ``وزیر خارجه آمریکا``) is dropped; so is a person that is a title
   and its country only or the start of a longer title (``امیر قطر``, ``نایب`` of ``نایب
   رئیس``), one made of demonyms only (``ایتالیایی``, ``آمریکایی و آلبانیایی``), one that
   describes rather than names (:func:`_description`: ``اداره امور عراق``, ``یهودیان
   فرانسه``, ``کمیسیون مشترک``, ``کانون اروپایی``) and a clause's indefinite object
   (``فرمانی را``); a "person" whose words the text introduced as an organization (``شرکت
   لوفت هانزا``) and the tagger also read as one is that organization;
2. no overlap: the tagger span is kept;
3. the same extent: the gazetteer's label stands (countries and cities LOC,
   newspapers and universities ORG), except a listed place the tagger read as a
   person (``مهران`` the man, not the town);
4. inside a gazetteer/pattern span: dropped, the pattern knows the extent
   (``شهرداری تهران`` not ``تهران``);
5. around gazetteer spans (the tagger found something longer): the tagger span wins,
   except a place swallowing an organization pattern, listed international organizations
   side by side (``[آژانس بین‌المللی انرژی اتمی] [سازمان ملل]``), an office after a title
   (``رئیس [دفتر سیاسی حماس]``), an adjective + place read as an organization
   (``[شهری تهران]``), and — with ``bare_places`` — ordinary words around a known place
   (``استان ایلام``, ``قطر تماس``), where the bare place is the entity;
6. partial overlap with the same label: joined (unless, with ``bare_places``, the
   extra words are ordinary ones); with a different label: the gazetteer span stays.

:func:`clip_persons_to_roles` settles persons against role phrases found afterwards.
Passes over the merged spans: :func:`media_of_desks`, :func:`latin_names`,
:func:`drop_descriptions`, :func:`with_adjectives`, :func:`own_country`; and the
organizations given again nested inside a longer name (:func:`organizations_in_events`,
:func:`organizations_in_names`).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import List, Optional, Sequence, Set, Tuple

from .context import PUNCT_LIKE, QUOTE_CLOSE, QUOTE_OPEN, Context, Found, Tagged
from .gazetteer import fold as _fold_unit
from .org_patterns import administering, counted

#: the internal label of a title's field found by the tagger («وزیر [مسکن]»): no entity, but the
#: role phrase after a title that takes a ministry includes it (:func:`~.roles.find_roles`)
FIELD = "FIELD"

__all__ = ["FIELD", "places_in_a_list", "merge", "clip_persons_to_roles", "media_of_desks", "own_country", "drop_descriptions",
           "organizations_in_events", "organizations_in_names", "latin_names", "with_adjectives",
           "of_member_states", "of_the_country", "not_one_organization"]


class _Spans:
    """The spans :func:`merge` keeps, in the order they were added (as a list would hold
    them), indexed by start so that the spans overlapping a tagger span are found without
    a scan of all of them (a document-long list of names made that quadratic).
    """

    def __init__(self, spans: Sequence[Found]):
        self._seq = 0
        self._by_start: List[Tuple[int, int, Found]] = []  # (start, order added, span), sorted
        self._longest = 0
        for sp in spans:
            self.append(sp)

    def append(self, sp: Found) -> None:
        insort(self._by_start, (sp[0], self._seq, sp))
        self._seq += 1
        self._longest = max(self._longest, sp[1] - sp[0])

    def remove(self, sp: Found) -> None:
        """Remove the earliest added span equal to ``sp`` (as ``list.remove``)."""
        lo = bisect_left(self._by_start, (sp[0],))
        hi = bisect_left(self._by_start, (sp[0] + 1,))
        for k in range(lo, hi):
            if self._by_start[k][2] == sp:
                del self._by_start[k]
                return
        raise ValueError(f"{sp!r} is not kept")

    def overlapping(self, i: int, j: int) -> List[Found]:
        """The spans overlapping ``[i, j)``, in the order they were added."""
        lo = bisect_left(self._by_start, (i - self._longest,))
        hi = bisect_left(self._by_start, (j,))
        hits = [e for e in self._by_start[lo:hi] if e[2][1] > i]
        hits.sort(key=lambda e: e[1])
        return [e[2] for e in hits]

    def items(self) -> List[Found]:
        return [e[2] for e in self._by_start]


def merge(ctx: Context, found: List[Found], tagged: List[Tagged], bare_places: bool = True,
          tagger_labels: bool = False) -> List[Found]:
    """Combine gazetteer/pattern spans (``found``) with tagger spans (rules above).

    ``bare_places``: a generic head before a listed place is left out (``استان ایلام``
    → ``ایلام``); ``tagger_labels``: where the listed name allows the tagger's type too
    (:func:`allowed_labels`), the tagger's label is kept (the listed type goes to
    ``attrs["canonical_label"]``); by default the listed type is the label and the
    tagger's goes to ``attrs["tagger_label"]``.
    """
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words

    def strippable(pi: int, pj: int, ti: int, tj: int, inner=None) -> bool:
        """The tagger's place ``[ti, tj)`` is the listed place(s) ``[pi, pj)`` with only a
        generic head before it (``استان``, ``شهرستان``, ``شهر`` …: a closed list, so
        ``آسیای میانه`` never becomes ``میانه``) and, after it, at most the noun of a
        compound verb (``قطر تماس`` + ``گرفت``). After a generic head even an ambiguous
        name is the place (``شهر دوشنبه``)."""
        if not (ti <= pi and pj <= tj) or inner is not None and any(u not in inner for u in range(pi, pj)):
            return False
        before = view.text(ti, pi).split()
        if before and not all(w in words.place_head for w in before):
            return False
        if pj < tj:
            after = {view.tok[u] for u in range(pj, tj)}
            nxt = view.tok[tj - 1] + 1
            if len(after) > 1 or nxt >= len(view.doc.tokens) or not lex.is_verbish(view.doc.tokens[nxt].norm) \
                    or not lex.is_common(view.doc.tokens[min(after)].norm):
                return False
        return pi > ti or pj < tj

    inside_title = _inside_titles(ctx)
    found = _outside_ministry_names(ctx, found)
    person_words = {view.token_text(j - 1) for i, j, lab in tagged if lab == "PER"}
    title_ends = ctx.title_ends
    spans = _Spans(found)
    introduced = _names_of_organizations(ctx, found, tagged)
    for ti, tj, tlab in sorted(tagged):
        if tlab != "PER" and inside_title[ti]:
            continue
        if tlab == "PER" and _title_of_countries(ctx, ti, tj):
            continue  # «امیر قطر», «نایب» of «نایب رئیس»: a title (and its country) is the role's
        if tlab == "PER" and tuple(view.keys[ti:tj]) in introduced:
            tlab = "ORG"  # «شرکت لوفت هانزا» … «لوفت هانزا»: the company the text introduced
        if _only_demonyms(ctx, ti, tj):
            continue  # «ایتالیایی», «آمریکایی و آلبانیایی» are not entities
        if tlab != "PER" and _description(ctx, ti, tj, tlab):
            continue  # «اداره امور عراق», «یهودیان فرانسه», «کمیسیون مشترک»: no name
        if tlab == "ORG" and _field_of_title(ctx, ti, tj):
            for s in spans.overlapping(ti, tj):
                if s[2] == "ORG" and ti <= s[0] and s[1] <= tj:
                    spans.remove(s)  # «وزیر پست و [تلگراف]»: no medium inside the field
            if all(s[2] == "LOC" for s in spans.overlapping(ti, tj)):
                spans.append((ti, tj, FIELD, "tagger"))  # the role takes it (roles.find_roles), then it goes
            continue  # «وزیر [مسکن]», «معاون [آموزش تحقیقات و فناوری] وزیر راه»: the title's field
        if tlab == "ORG" and _place_with_head(ctx, ti, tj):
            tlab = "LOC"  # «استان قم», «کشور چین»: a place after its generic head
        elif tlab == "ORG" and view.tok_start[ti] and view.token_text(ti) in ctx.words.system_head \
                and not any(s[2] == "ORG" for s in spans.overlapping(ti, tj)):
            tlab = "PRODUCT"  # «سامانه اس۴۰۰», «سامانه سهام عدالت»: a system, made, not a body
            # (a body named in it stays: «سامانه بهداشت و درمان [ارتش جمهوری اسلامی ایران]»)
        if tlab != "PER":
            tj = _without_indefinite_object(ctx, ti, tj)  # «[ازبکستان] فرمانی را صادر کرد»
            if tj == ti:
                continue  # «فرمانی را صادر کرد»: the clause's object, no name
        over = spans.overlapping(ti, tj)
        if not over:
            if bare_places and tlab == "LOC":
                ti = _past_place_heads(ctx, ti, tj)  # «شهرستان دالاهو» → «دالاهو»
            spans.append((ti, tj, tlab, "tagger"))
            continue
        same_extent = [s for s in over if s[0] == ti and s[1] == tj]
        if same_extent:
            s = same_extent[0]
            if s[2] == "LOC" and tlab == "PER":
                # «مهران» the man, not the town: the tagger read the context
                spans.remove(s)
                spans.append((ti, tj, tlab, "tagger"))
            elif s[2] != tlab and tlab in allowed_labels(ctx, ti, tj, s[2]):
                # a type the listed name may also have (a country or city acting as a state
                # or a team: ORG; a newspaper as a title: PRODUCT; a university's campus: FAC)
                ctx.note(ti, tj, canonical_label=s[2], tagger_label=tlab)
                if tagger_labels:
                    spans.remove(s)
                    spans.append((ti, tj, tlab, s[3]))
            continue
        tail = _pattern_tail(ctx, over, ti, tj, tlab)
        if tail is not None:
            spans.remove(tail)  # «[سازمان بهداشت جهانی] زنگ خطر», «[گروه واندا] اخیرا»: the tagger ends the name
            spans.append((ti, tj, tlab, tail[3]))
            continue
        if any(s[0] <= ti and tj <= s[1] for s in over):
            continue  # inside a gazetteer/pattern span: the pattern knows the extent
        if all(ti <= s[0] and s[1] <= tj for s in over):
            # the tagger found something longer
            if tlab == "LOC" and any(s[2] == "ORG" and s[3] == "pattern" for s in over):
                continue  # a place that swallowed an organization pattern
            if any(s[3] == "pattern" and s[0] > 0 and view.keys[s[0] - 1] in QUOTE_OPEN for s in over):
                continue  # «شبکه «ان اچ کی» ژاپن»: the quotes give the name's extent
            first = min(over)
            if first[0] == ti and first[2] in ("ORG", "LOC") and tlab in ("ORG", "LOC") and first[1] < tj \
                    and tuple(view.keys[first[0]:first[1]]) not in gaz.ambiguous \
                    and not (first[2] == "ORG" and view.keys[first[1]] in words.org_adjective) \
                    and _next_word_not_of_name(ctx, first[1], tj, person_words) \
                    and not _place_of_organization(ctx, first, tj, tlab):
                continue  # «[اتحادیه اروپا] ظریف», «[کاخ سفید] هند را»: the next word is not part of the name
                # (never cut to a name that is also a common word: «گنبد صفورا», «سپاه صحابه» stay whole;
                # nor before an organization's adjective: «مجلس فدرال»)
            last = max(over, key=lambda s: (s[1], -s[0]))
            if tlab == "ORG" and last[2] == "ORG" and last[1] == tj and all(s[1] <= last[0] or s is last for s in over) \
                    and _ordinary_words(ctx, ti, min(s[0] for s in over)) and _unambiguous_name(ctx, last[0], last[1]) \
                    and not _municipal(ctx, last):
                continue  # «[جنگ] رژیم صهیونیستی», «[رسمی] فدراسیون فوتبال»: plain words before a name are not in it
            if tlab == "ORG" and _listed_side_by_side(ctx, over, ti, tj):
                continue  # «[آژانس بین‌المللی انرژی اتمی] [سازمان ملل]»: two listed names, not one
            inner = {u for s in over for u in range(s[0], s[1])}
            extra = [u for u in range(ti, tj) if u not in inner]
            if tlab == "ORG" and ti in title_ends and view.token_text(ti) in words.office_word \
                    and all(s[2] == "ORG" for s in over):
                continue  # «رئیس [دفتر سیاسی حماس]»: the office belongs to the role, حماس is the ORG
            if tlab == "ORG" and len(over) == 1 and over[0][2] == "LOC" and over[0][1] == tj and extra \
                    and all(lex.words.get(view.token_text(u)) == "0" and lex.is_known(view.token_text(u))
                            and not view.token_text(u).endswith(("ای", "وی")) for u in extra):
                continue  # «[شهری تهران]» of «مدیریت شهری تهران»: an adjective and a place
                # (not a name with its ezafe after a vowel: «همای تهران» the club)
            if bare_places and tlab == "LOC" and all(s[2] == "LOC" for s in over) \
                    and strippable(min(s[0] for s in over), max(s[1] for s in over), ti, tj, inner):
                continue  # «استان ایلام», «شهر ووهان چین»: the generic head is left out (the project's convention)
            for s in over:
                spans.remove(s)
            spans.append((ti, tj, tlab, "tagger"))
            continue
        same = [s for s in over if s[2] == tlab]
        if same and len(same) == len(over):
            lo = min([ti] + [s[0] for s in same])
            hi = max([tj] + [s[1] for s in same])
            if bare_places and tlab == "LOC" and len(same) == 1 and strippable(same[0][0], same[0][1], lo, hi):
                continue  # «قطر تماس [گرفت]»: keep the known place
            for s in same:
                spans.remove(s)
            spans.append((lo, hi, tlab, "merged"))
        # different labels overlapping partially: the gazetteer span stays
    return sorted(spans.items())


def _pattern_tail(ctx: Context, over: List[Found], ti: int, tj: int, tlab: str) -> Optional[Found]:
    """The organization pattern in ``over`` that starts where the tagger's organization
    ``[ti, tj)`` starts and goes one ordinary word past its end, when that word is no
    place, organization or adjective of one: the head's name words run on into the
    sentence («کمیسیون صنایع مجلس [خطاب] به», «سازمان پزشکی قانونی [مکلف] است», «سازمان
    بورس [درخصوص]»); the tagger, which reads the context, ends the name. (A pattern that
    ends at a place or a listed name knows its extent: «دانشگاه علوم پزشکی [شهرکرد]».)"""
    if tlab != "ORG" or len(over) != 1:
        return None
    s = over[0]
    view, gaz = ctx.view, ctx.gaz
    if s[2] != "ORG" or s[3] != "pattern" or s[0] != ti or s[1] <= tj or not view.tok_start[tj] \
            or view.tok[s[1] - 1] != view.tok[tj]:
        return None  # one whole word past the tagger's end
    if ti > 0 and view.keys[ti - 1] in QUOTE_OPEN:
        return None  # a quoted name: the quotes give its extent
    tok = view.token_text(tj)
    if tok in ctx.words.org_adjective or tok in PUNCT_LIKE or tok in ctx.lex.stop or ctx.entity_at(tj) is not None \
            or gaz.places.longest_at(view, tj) is not None or gaz.orgs.longest_at(view, tj) is not None \
            or gaz.orgs.get(tuple(view.keys[ti:s[1]])) is not None or any(ch.isdigit() for ch in tok):
        return None
    if ctx.lex.is_plural_noun(tok) or tok.endswith("ان") and ctx.lex.is_known(tok[:-2]):
        return None  # «شورای اسلامی [کارمندان]», «انجمن [واردکنندگان]»: the people a body is of
    head = gaz.org_heads.longest_at(view, ti)
    if head is None or head[1].kind != "name":
        return None  # a source slot's name; a ministry's, an embassy's or a municipality's pattern knows its extent
    if any(view.token_text(u) in ctx.words.press_word for u in range(ti, tj) if view.tok_start[u]):
        return None  # a medium's name is often foreign words: «شبکه خبری پرس تی [وی]»
    if gaz.org_heads.longest_at(view, tj) is not None \
            or any((gaz.orgs.longest_at(view, k) or (None,))[0] == s[1] for k in range(ti + 1, tj)):
        return None  # the pattern ends at an organization: «اداره کل دفاتر خدمات بانکی [پست بانک]»
    return s


def allowed_labels(ctx: Context, i: int, j: int, label: str) -> Tuple[str, ...]:
    """Other types a listed name may have: a place may act as an organization (a
    country or a city as a state, an authority or a team: ORG); a medium may be a
    title (PRODUCT); a university also a campus (FAC)."""
    if label == "LOC":
        return ("ORG",)
    if label == "ORG":
        entry = ctx.gaz.orgs.get(tuple(ctx.view.keys[i:j]))
        kind = entry.kind if entry is not None else ""
        head = ctx.view.keys[i]
        if kind == "media" or head in ("روزنامه", "هفته", "خبرگزاری", "شبکه", "ماهنامه"):
            return ("PRODUCT",)
        if kind == "university" or head in ("دانشگاه", "دانشکده"):
            return ("FAC",)
    return ()


def clip_persons_to_roles(merged: List[Found], role_ranges: Sequence[Tuple[int, int]]) -> List[Found]:
    """A person span overlapping a role keeps only the part outside it (nothing when
    it lies inside the role)."""
    # (a span only shrinks, so only the roles overlapping it at first can touch it: they are
    # found by bisection over the roles by start, then applied in their own order)
    order = sorted(range(len(role_ranges)), key=lambda k: role_ranges[k][0])
    starts = [role_ranges[k][0] for k in order]
    longest = max((re_ - rs for rs, re_ in role_ranges), default=0)
    cleaned = []
    for i, j, lab, src in merged:
        if lab == "PER":
            near = sorted(k for k in order[bisect_left(starts, i - longest):bisect_left(starts, j)]
                          if role_ranges[k][1] > i)
            for k in near:
                rs, re_ = role_ranges[k]
                if i < re_ and rs < j:
                    if i >= rs:
                        i = max(i, re_)
                    else:
                        j = min(j, rs)
            if i >= j:
                continue
        cleaned.append((i, j, lab, src))
    return cleaned


def media_of_desks(ctx: Context, merged: List[Found]) -> List[Found]:
    """An organization span that is a desk or bureau of a listed news medium is the
    medium (``گروه اقتصاد بین‌الملل [فارس]``, ``دفتر منطقه‌ای [خبرگزاری فارس]``): news
    text credits the medium, not its desk. The desk word comes first (``newsroom_unit``
    in ``word_classes.tsv``) and the medium ends the span."""
    view, gaz = ctx.view, ctx.gaz
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG" and view.tok_start[i] and view.token_text(i) in ctx.words.newsroom_unit:
            for k in range(i + 1, j):
                entry = gaz.orgs.get(tuple(view.keys[k:j])) if view.tok_start[k] else None
                if entry is not None and entry.kind == "media":
                    i = k
                    break
        out.append((i, j, lab, src))
    return out


def own_country(ctx: Context, merged: List[Found]) -> List[Found]:
    """A listed national organization followed by its own country is one name with it
    (``شورای عالی امنیت ملی ایران``, ``مجلس شورای اسلامی ایران``): the country is
    the one the list gives for the organization; not before «را» (the country is then
    a clause's object)."""
    view, gaz = ctx.view, ctx.gaz
    by_start = {s[0]: s for s in merged}
    drop, out = set(), []
    for s in merged:
        i, j, lab, src = s
        if s in drop:
            continue
        nxt = by_start.get(j)
        entry = gaz.orgs.get(tuple(view.keys[i:j])) if lab == "ORG" else None
        if entry is not None and entry.country and nxt is not None and nxt[2] == "LOC" \
                and view.sent[j] == view.sent[i]:
            place = gaz.places.get(tuple(view.keys[nxt[0]:nxt[1]]))
            after = view.tok[nxt[1] - 1] + 1
            if place is not None and place.kind == "country" and place.canonical == entry.country \
                    and not (after < len(view.doc.tokens) and view.doc.tokens[after].norm == "را"):
                drop.add(nxt)
                out.append((i, nxt[1], lab, "merged"))
                continue
        out.append(s)
    return [s for s in out if s not in drop]


def drop_descriptions(ctx: Context, merged: List[Found]) -> List[Found]:
    """A tagger "organization" that only describes the name next to it is no name of
    its own: a medium's word with adjectives or a place only (``کیودو [خبرگزاری رسمی
    ژاپن]``, ``[شبکه رادیویی] "رادیو جی"``), right before or after another
    organization (quotes and a comma between are allowed)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    orgs = [(i, j) for i, j, lab, _ in merged if lab == "ORG"]
    starts = {i for i, _ in orgs}
    ends = {j for _, j in orgs}
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG" and src == "tagger" and view.token_text(i) in ctx.words.press_word \
                and gaz.orgs.get(tuple(view.keys[i:j])) is None and _describes_only(ctx, view.next_token_unit(i), j):
            k = j
            while k < len(view) and view.keys[k] in QUOTE_OPEN | {"،", ","}:
                k += 1
            h = i
            while h > 0 and view.keys[h - 1] in QUOTE_CLOSE | {"،", ","}:
                h -= 1
            if k in starts or h in ends:
                continue
        out.append((i, j, lab, src))
    return not_one_organization(ctx, out)


_SUFFIX_TOKENS = frozenset({"ها", "های", "هایی", "هایش", "هایشان", "هایمان", "هایتان", "اش", "شان"})
_PLURAL_UNITS = ("ها", "های")
_INDEFINITE = frozenset({"یک", "یك", "هر", "چند", "چندین", "برخی", "بعضی"})
_GROUP_HEADS = frozenset({"تیم", "گروه", "هیئت", "هیات", "هیأت", "شرکت"})
_PARTICIPLES = ("کننده", "دهنده", "گیرنده")  # what a group does («شرکت توسعه‌دهنده»)
_CENTRE_HEADS = frozenset({"مرکز", "جمعیت"})  # everyday words before a place: its middle, its population
_LINKS = frozenset({"و", "برای", "با", "از", "به", "در", "که"})  # no name starts with one
_PEOPLE = frozenset({"مردم", "اهالی", "ساکنان", "شهروندان"})  # a place's people («مردم اتیوپی»)


def not_one_organization(ctx: Context, merged: List[Found]) -> List[Found]:
    """Organization spans (the tagger's or a pattern's) that are no one body's name.

    The guideline, as dev_news 001-048's gold shows it: a span headed by a plural is one
    body's name only when the plural heads a force's name (``force_plural``) and a specific
    complement follows («[نیروهای دفاع از خود]», «[نیروهای سوریه دموکراتیک]»); a force's
    plural with words of kind and a nationality («نیروهای آمریکایی») or before a body's
    name («نیروهای [ارتش آمریکا]») names no force (with a place only, «نیروهای امنیتی
    عراق», the NER corpora differ: the tagger's call), and every other plural head names several
    bodies or a kind of body, however specific what follows («شرکت‌های ایرانی», «بانک‌های
    ایران», «انجمن‌های اسلامی دانش‌آموزان», «شرکت‌های زیرمجموعه فناپ» are no gold
    organizations), so only the names after it are entities. Here:

    * a force's plural (:func:`_names_a_force`), above;
    * a listed ambiguous name or a tagger's one-word organization that is the last word of a
      person's longer name in the text is the person («معصومه ابتکار» … «[ابتکار] افزود»);
    * a second conjunct about people is no part of the name (:func:`_people_after_and`:
      «[حوزه علمیه قم] و نمایندگان [قم]»);
    * a word for a kind of body and a nationality before a name (``described_head``): the
      name («رسانه روسی [اسپوتنیک]»);
    * a facility's head (``facility_head``): a FAC, no body («[نیروگاه اتمی بوشهر]»);
    * a head of several words with no name after it is a description («[تیم ملی]»,
      «[روابط عمومی]»; O in ARMAN and PEYMA), except a place's council («شورای شهر»);
    * any other head in the plural (``plural_head`` in ``word_classes.tsv``, or a head with
      «ها/های»: «[ادارات ثبت احوال استان ایلام]», «[اتاق‌های اصناف گیلان]», «[باشگاه های
      بزرگ فوتبال عربستان]») says which kind of bodies: dropped, or cut to the names after
      it when those are names («تیم‌های [آریس یونان]», «ادارات کل [سازمان امور مالیاتی]»);
    * a clause's words at the end (:func:`_trim_tail`: «[اداره اوقاف] بدهکارند», «[کمیته
      انضباطی] محرومند و خسرو حیدری», «[باشگاه استقلال تهران] استعفایش») are cut off;
    * «تیم» + a person's name is the person's team, no organization: the person is the
      entity («تیم [فرانک لمپارد]», «تیم [حسن روحانی]»);
    * an adjective of a function and a listed place only («فرمانده [انتظامی استان
      کرمانشاه]») and an unlisted name right after a place's governor («فرماندار
      [سرایان]») are the place."""
    view, gaz = ctx.view, ctx.gaz
    persons = {view.keys[j - 1] for i, j, lab, _ in merged if lab == "PER" and view.tok[j - 1] > view.tok[i]}
    org_starts = {i for i, _, lab, _ in merged if lab == "ORG"}
    org_ends = {j for _, j, lab, _ in merged if lab == "ORG"}
    out: List[Found] = []
    for i, j, lab, src in merged:
        if lab == "ORG" and view.tok[i] == view.tok[j - 1] and view.keys[j - 1] in persons \
                and (src == "tagger" or tuple(view.keys[i:j]) in gaz.ambiguous) \
                and gaz.org_heads.longest_at(view, i) is None and view.token_text(i) not in ctx.words.body_head:
            out.append((i, j, "PER", "rule:surname"))  # «معصومه ابتکار» … «[ابتکار] افزود»: the person, not the paper
            continue
        if lab != "ORG" or src not in ("tagger", "pattern", "merged") or gaz.orgs.get(tuple(view.keys[i:j])) is not None:
            out.append((i, j, lab, src))
            continue
        if _after_superlative(ctx, i) or _head_and_no_name(ctx, i, j):
            out.extend(_places_in(ctx, i, j))  # «مظلومترین [تیم جهان]», «[باشگاه الان]», «[گروه ب]»
            continue
        if src == "tagger" and _after_pupils(ctx, i, j):
            out.append((i, j, "PER", "rule:pupils-of"))  # «شاگردان [والورده]»: the coach
            continue
        k = _after_origin(ctx, i, j)
        if k is not None:  # «مربی [مونته نگرویی ذوب‌آهن]»: where the person is from, then the club
            out.append((k, j, lab, src))
            continue
        k = _people_of_place(ctx, i, j)
        if k is not None:  # «بنا به گزارش [مردم اتیوپی]»: a place's people, no body
            out.extend(_places_in(ctx, k, j))
            continue
        if _team_of_a_category(ctx, i, j):
            continue  # «[تیم ملی مردان]», «[تیم زنان]»
        k = _before_quantifier(ctx, i, j)
        if k is not None:  # «[کمیسیون برنامه بودجه] و تعدادی از کمیسیون‌ها»
            t = _trim_tail(ctx, i, k)
            if t > i and not _bare_head(ctx, i, t):
                out.append((i, t, lab, src))
            continue
        if _bare_head(ctx, i, j) and (view.tok[j - 1] > view.tok[i] or gaz.org_heads.get((view.keys[i],)).kind != "loc"
                                      and view.token_text(i) not in ctx.words.named_alone):
            # a head and no name: «[تیم ملی]», «[روابط عمومی]» (O in ARMAN, PEYMA), «آبدارچی [بانک]»; not
            # a place's own body in one word («[فرمانداری]», «[شهرداری]»: the place's, as «شورای شهر»)
            # nor a head the news names one body by alone (``named_alone``: «[ارتش]»)
            continue
        k = _phrase_end(ctx, i, j, ctx.words.force_plural, ctx.words.force_plural_starts)
        if k is not None:  # a force's plural: one force's name only with a specific complement
            if _names_a_force(ctx, k, j):
                out.append((i, _trim_tail(ctx, i, j), lab, src))
            else:  # «نیروهای امنیتی [عراق]», «نیروهای [ارتش آمریکا]»
                out.extend(_bodies_or_places(ctx, k, j, lab, src))
            continue
        k = _after_plural_head(ctx, i, j)
        if k is not None:
            while k < j and view.tok_start[k] and view.token_text(k) in ctx.words.sport:
                k = view.next_token_unit(k)  # «تیم‌های فوتبال [استقلال]»
            places = _places_in(ctx, k, j)
            only_places = bool(places) and all(view.keys[u] in ("و", "،", ",") for u in range(k, j)
                                               if not any(p[0] <= u < p[1] for p in places))
            stem = view.keys[i]
            for suffix in _PLURAL_UNITS[::-1]:
                if view.tok_end[i] and stem.endswith(suffix) and gaz.org_heads.get((stem[: -len(suffix)],)) is not None:
                    stem = stem[: -len(suffix)]  # «تیمهای» written joined
                    break
            if stem in ctx.words.club_head or stem in ("تیم", "باشگاه"):
                # teams named after their plural head stay as written («تیمهای برق شیراز و …», «باشگاههای
                # ایتالیا»: the NER corpora's convention); only a description after it is no name
                if k < j and not only_places and not _names_after_plural(ctx, i, k, j):
                    out.extend(places)  # «باشگاه های بزرگ فوتبال [عربستان]»
                else:
                    out.append((i, j, lab, src))
                continue
            head = gaz.org_heads.get((view.keys[i],))
            if head is not None and head.kind == "loc" and k < j:
                places = _segments(ctx, k, j)  # the places of «شهرداری‌های [سده] و [نوکنده]»
            if head is not None and head.kind == "loc" and k < j or only_places:
                out.extend(places)  # «شهرداری‌های [سده] و [نوکنده]»
            elif k < j and _names_after_plural(ctx, i, k, j):
                t = _trim_tail(ctx, k, j)
                if t > k:
                    out.append((k, t, lab, src))
            else:  # «سازمان‌های تابعه [شهرداری تهران]», «ادارات ثبت احوال استان [ایلام]»
                out.extend(_bodies_or_places(ctx, k, j, lab, src))
            continue
        if view.tok[i] == view.tok[j - 1] and view.tok_start[i] and _clause_word(ctx.lex, view.token_text(i)):
            continue  # one word that is a verb or a possessed noun: «ما هم [نیروهایمان] را حفظ کردیم»
        t = _verb_noun_after_place(ctx, i, _trim_tail(ctx, i, j))
        t = _without_last_word_of_clause(ctx, i, t)
        if t < j:
            if t > i and not _bare_head(ctx, i, t):  # «[تیم ملی] کشورمان»
                out.append((i, t, lab, src))
            continue
        if _bare_head_then_link(ctx, i, j) or _head_and_participle(ctx, i, j) or _indefinite_head(ctx, i, j, src):
            out.extend(_places_in(ctx, i, j))  # «[سازمان و نمایندگان تشکل‌های غیردولتی]», «[سازمان برای توسعه …]»
            continue
        k = _people_after_and(ctx, i, j)
        if k is not None:  # «[حوزه علمیه قم] و نمایندگان [قم]»: a second conjunct about people, no part of the name
            t = _trim_tail(ctx, i, k)
            if t > i:
                out.append((i, t, lab, src))
            out.extend(_bodies_or_places(ctx, view.next_token_unit(k + 1), j, lab, src))
            continue
        k = _second_body(ctx, i, j)
        if k is not None:  # «[کمیسیون دولت] و [هیئت دولت]», «[اداره اوقاف] [اداره فرهنگ و ارشاد اسلامی گلپایگان]»
            while k is not None:  # «شرکت X شرکت Y شرکت Z …»: each one
                out.append((i, k - 1 if view.keys[k - 1] == "و" else k, lab, src))
                i, k = k, _second_body(ctx, k, j)
            out.append((i, j, lab, src))
            continue
        if src == "tagger" and _surname_apart(ctx, i, j):
            out.append((i, j, "PER", "rule:surname-ending"))  # «مدیرعاملی [فتح الله زاده]»: a person
            continue
        k = _person_after_place(ctx, i, j)
        if k is not None:  # «روابط عمومی آموزش و پرورش خراسان شمالی [علی متقیان]»
            out.append((i, k, lab, src))
            out.append((k, j, "PER", "rule:person-after-place"))
            continue
        k = _person_of_team(ctx, i, j, persons)
        if k is not None:
            out.append((k, j, "PER", "rule:team-of"))
            continue
        k = _after_described_head(ctx, i, j)
        if k is not None:  # «رسانه روسی [اسپوتنیک]»: what kind of body, then its name
            out.append((k, j, lab, src))
            continue
        if src in ("tagger", "merged") \
                and (_phrase_end(ctx, i, j, ctx.words.facility_head, ctx.words.facility_head_starts) not in (None, j)
                     or _military_base(ctx, i, j)):
            out.append((i, j, "FAC", src))  # «[نیروگاه اتمی بوشهر]», «[پایگاه هوایی عین‌الاسد]»: a facility, no body
            continue
        k = _place_of_function(ctx, i, j, src)
        if k is not None:
            out.append((k, j, "LOC", "merged"))
            continue
        k = _after_role_modifiers(ctx, i, j, src)
        if k is not None:  # «مدیرکل [اسبق] پژوهش‌های مالیاتی …», «معاون [سیاسی] استانداری تهران»
            out.append((k, j, lab, src))
            continue
        if src == "tagger" and view.tok_start[i] and view.tok_end[i] and view.token_text(i) in ctx.words.sport \
                and i + 1 < j and gaz.places.longest_at(view, i + 1) is not None \
                and gaz.places.longest_at(view, i + 1)[0] == j:
            out.append((i + 1, j, "LOC", "merged"))  # «پایتخت [والیبال] ایران»: a sport of a place, no body
            continue
        if src == "tagger" and view.tok_start[i] and view.tok_end[i] and view.keys[i] in _CENTRE_HEADS \
                and i + 1 < j and gaz.places.longest_at(view, i + 1) is not None \
                and gaz.places.longest_at(view, i + 1)[0] == j:
            out.append((i + 1, j, "LOC", "merged"))  # «[مرکز] چین»: the middle of a place, no body
            continue
        if src == "tagger" and view.tok[i] == view.tok[j - 1] and _person_word(ctx, i, j) \
                and not _in_a_list_of(view, i, j, org_starts, org_ends):  # «روبین‌کازان، [روستوف] و زنیت»
            if not _surname_ending_alone(ctx, i):
                out.append((i, j, "PER", "rule:surname-form"))  # «از بازیکنانی مثل [جباروف]»: a person
            continue  # «کامیابی [نیا]»: a surname's ending written apart, no name of its own
        out.append((i, j, lab, src))
    return out


def _head_word(ctx: Context, u: int) -> bool:
    """Unit ``u`` opens an organization's head (``org_heads.tsv``, ``body_head``, ``club_head``)."""
    view = ctx.view
    if not view.tok_start[u]:
        return False
    tok = view.token_text(u)
    return ctx.gaz.org_heads.longest_at(view, u) is not None or tok in ctx.words.body_head or tok in ctx.words.club_head


def _after_superlative(ctx: Context, i: int) -> bool:
    """A superlative right before an organization's head that opens units from ``i``:
    one of a kind described by its rank, no name («مظلومترین [تیم جهان]», «بزرگ‌ترین
    [شرکت استخراج الماس روسیه]», «مهم‌ترین [نهاد آموزش عالی سپاه]»). A superlative
    stands before the noun it grades; a name is not graded so (it follows as an
    apposition: «الروسا، بزرگ‌ترین شرکت …»)."""
    view, lex = ctx.view, ctx.lex
    t = view.tok[i]
    if not view.tok_start[i] or t == 0 or not _head_word(ctx, i):
        return False
    u = view.first_unit[t - 1]
    if view.sent[u] != view.sent[i]:
        return False
    tok = view.token_text(u)
    if not tok.endswith("ترین"):
        return False
    stem = tok[:-4].rstrip("\u200c")
    return len(stem) >= 2 and (lex.is_known(stem) or _graded_adjective(ctx, tok))


#: a letter that labels one of a set («گروه [ب]», «گروه [A]»), no name
_LETTER_LABELS = frozenset("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی") | frozenset({"الف"})


def _head_and_no_name(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are a one-word organization's head and one word that names
    nothing: a time word or adverb (``not_in_name``: «[باشگاه الان] خصوصی است»), a
    pronoun or determiner («[تیم ما]»), a comparative or superlative («[باشگاه جلوتر]»,
    also with more words after it: «۱۰ [تیم برتر آسیا]»)
    or a letter that labels one of a set («[گروه ب]», «[گروه A]»)."""
    view, lex, words = ctx.view, ctx.lex, ctx.words
    if not (view.tok_start[i] and view.tok_end[i]) or i + 1 >= j or not view.tok_start[i + 1] or not _head_word(ctx, i):
        return False
    head = ctx.gaz.org_heads.longest_at(view, i)
    if head is not None and head[0] > i + 1:
        return False  # a head of two words («شورای عالی»): the bare-head rule's
    tok = view.token_text(i + 1)
    if view.next_token_unit(i + 1) != j:  # more words: only a comparative or superlative («۱۰ [تیم برتر آسیا]»)
        return tok.endswith(("تر", "ترین")) and tok not in words.org_adjective and _graded_adjective(ctx, tok) \
            and ctx.gaz.orgs.longest_at(view, i + 1) is None
    if tok in words.org_adjective or ctx.gaz.orgs.longest_at(view, i + 1) is not None:
        return False
    if tok in _LETTER_LABELS or len(tok) == 1 and "A" <= tok.upper() <= "Z":
        return True
    if words.is_ordinal(view.keys[i + 1]) or tok in ("اول", "دوم", "نخست", "یک"):
        return False  # bodies told apart by their numbers: «شبکه اول», «شبکه یک», «مجلس دوم»
    tags = set((lex.words.get(tok) or "").split(","))
    return tok in words.not_in_name or tok in words.determiner or "PRO" in tags and tok in lex.stop \
        or tok.endswith(("تر", "ترین")) and _graded_adjective(ctx, tok)  # not «ی» («[کمیسیون اجتماعی]»)


def _people_of_place(ctx: Context, i: int, j: int) -> Optional[int]:
    """Start of the place after a word for people that opens units ``[i, j)``, when
    places alone follow it: a place's people, no body («بنا به گزارش [مردم اتیوپی]»,
    «مسافران نوروزی [فرهنگیان هرمزگان]»)."""
    view, lex = ctx.view, ctx.lex
    if not (view.tok_start[i] and view.tok_end[i]) or i + 1 >= j or _head_word(ctx, i):
        return None
    tok = view.token_text(i)
    if not (tok in _PEOPLE or lex.is_plural_noun(tok) or _people_plural(lex, tok)):
        return None
    k = i + 1
    places = _places_in(ctx, k, j)
    covered = {u for p in places for u in range(p[0], p[1])}
    if not places or any(u not in covered and view.keys[u] not in ("و", "،", ",") for u in range(k, j)):
        return None
    return k


#: people of a sex or an age a team is made of («تیم ملی [بانوان]»): they say which of a country's teams
_CATEGORY = frozenset({"زنان", "مردان", "بانوان", "آقایان", "جوانان", "نوجوانان", "بزرگسالان", "پیشکسوتان", "امید", "امیدها"})
#: words of quantity: what follows one is the clause's («و [تعدادی] از …»), no part of a name
_QUANTIFIERS = frozenset({"تعدادی", "شماری", "جمعی", "بسیاری", "برخی", "بعضی", "عده‌ای", "گروهی", "همه", "سایر", "تمامی"})


#: «شاگردان X»: the team a coach leads, named after him (not «یاران X», a team's players as often:
#: «یاران پیکان»)
_PUPILS = frozenset({"شاگردان"})


def _after_pupils(ctx: Context, i: int, j: int) -> bool:
    """A tagger's organization of one or two words right after «شاگردان» («the pupils
    of»): the coach the team is named after, a person («شاگردان [والورده]», «شاگردان
    [اسکوچیچ]»), unless it is a head, a listed name or a common word."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    t = view.tok[i]
    if not view.tok_start[i] or t == 0 or view.doc.tokens[t - 1].norm not in _PUPILS or view.tok[j - 1] - t > 1:
        return False
    for u in range(i, j):
        if view.tok_start[u] and (_head_word(ctx, u) or gaz.orgs.longest_at(view, u) is not None
                                  or gaz.places.longest_at(view, u) is not None or lex.is_common(view.token_text(u))):
            return False
    return True


def _after_origin(ctx: Context, i: int, j: int) -> Optional[int]:
    """Start of a listed organization that ends units ``[i, j)`` after a demonym or a
    listed place's adjective in «ی» that opens them: the adjective is a person's origin
    («مربی [مونته نگرویی] ذوب‌آهن», «بازیکن [بابلی] شهر خودرو»), the club the name."""
    view, gaz = ctx.view, ctx.gaz
    if not view.tok_start[i]:
        return None
    d = gaz.demonyms.longest_at(view, i)
    k = d[0] if d is not None else None
    if k is None and view.tok_end[i]:
        tok = view.token_text(i)
        if tok.endswith("ی") and len(tok) > 3 and gaz.places.get((_fold_unit(tok[:-1]),)) is not None:
            k = i + 1
    if k is None or k >= j or not view.tok_start[k]:
        return None
    hit = gaz.orgs.longest_at(view, k)
    return k if hit is not None and hit[0] == j and tuple(view.keys[k:j]) not in gaz.ambiguous else None


def _team_of_a_category(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are a team's head («تیم», ``club_head``), then only «ملی», sports
    and a sex or an age (``_CATEGORY``), one word at least: a kind of team with no name
    («[تیم ملی مردان]», «[تیم زنان]», «[تیم ملی فوتبال]», as a bare «تیم ملی»)."""
    view, words = ctx.view, ctx.words
    if not (view.tok_start[i] and view.tok_end[i]) or view.token_text(i) not in words.club_head or i + 1 >= j:
        return False
    j = _trim_tail(ctx, i, j)  # «[تیم ملی بسکتبال نوجوانان] کشورمان»
    seen = False
    for u in range(i + 1, j):
        if not view.tok_start[u]:
            continue
        tok = view.token_text(u)
        if tok in _CATEGORY:
            seen = True
        elif tok == "ملی" or tok in words.sport:
            seen = True  # «[تیم ملی فوتبال] این کشور», as a bare «تیم ملی»
        else:
            return False
    return seen


def _before_quantifier(ctx: Context, i: int, j: int) -> Optional[int]:
    """The unit of a «و» inside units ``[i, j)`` that a word of quantity follows
    (``_QUANTIFIERS``): the name ends before it («[کمیسیون برنامه بودجه] و تعدادی»)."""
    view = ctx.view
    for u in range(i + 1, j - 1):
        if view.keys[u] == "و" and view.tok_start[u] and view.tok_end[u] and view.tok_start[u + 1] \
                and view.token_text(u + 1) in _QUANTIFIERS:
            return u
    return None


def _in_a_list_of(view, i: int, j: int, starts: Set[int], ends: Set[int]) -> bool:
    """Units ``[i, j)`` are joined by «و» or a comma to a span that starts at one of
    ``starts`` after it or ends at one of ``ends`` before it: an item of a list of such
    spans, of their kind."""
    return j + 1 < len(view) and view.keys[j] in ("و", "،", ",") and j + 1 in starts \
        or i >= 1 and view.keys[i - 1] in ("و", "،", ",") and i - 1 in ends


_SURNAME_FORMS = ("وف",)  # not «ویچ»: English places («ایپسویچ», ARMAN's club)


def _surname_ending_alone(ctx: Context, i: int) -> bool:
    """Unit ``i`` is a surname's ending written as a word of its own («کامیابی [نیا]»)."""
    tok = ctx.view.token_text(i)
    return tok in ctx.words.surname_ending or "\u200c" + tok in ctx.words.surname_ending


def _person_word(ctx: Context, i: int, j: int) -> bool:
    """A tagger's one-word organization that is a person's: a surname's ending written
    apart after a word of the same sentence («کامیابی [نیا]»), or a word no lexicon
    lists with a family name's ending (``surname_ending``: «[ابرقویی‌نژاد]»; the Russian
    «وف» also written joined: «[جباروف]»; not «یان», the plural of a people or a dynasty as
    often: «ساسانیان», nor «یف», «اف», «وند»: «کایزرچیف», «الوند»), no listed place or
    organization."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if not (view.tok_start[i] and view.tok_end[j - 1]):
        return False
    tok = view.token_text(i)
    if _surname_ending_alone(ctx, i):
        t = view.tok[i]
        if t == 0:
            return False
        u = view.first_unit[t - 1]
        prev = view.token_text(u)
        return view.sent[u] == view.sent[i] and prev.isalpha() and not lex.is_function(prev)
    if tok.endswith(("یان", "یف", "اف", "وند")):
        # a people's or a dynasty's plural as often as a family name («ساسانیان», «بیمارستان [گنجویان]»);
        # a foreign club or a place as often («کایزرچیف», «الوند»)
        return False
    return len(tok) >= 5 and (tok.endswith(_SURNAME_FORMS) or tok.endswith(ctx.words.surname_ending)) \
        and tok.replace("\u200c", "").isalpha() and not lex.is_tagged(tok) and tok not in lex.not_names \
        and not lex.is_plural_noun(tok) and gaz.places.longest_at(view, i) is None and gaz.orgs.longest_at(view, i) is None


def _places_in(ctx: Context, k: int, j: int) -> List[Found]:
    """The listed places (not ambiguous words) that units ``[k, j)`` name, as LOC spans."""
    out: List[Found] = []
    while k < j:
        place = ctx.entity_at(k, ("LOC",)) if ctx.view.tok_start[k] else None
        if place is not None and place[0] <= j:
            out.append((k, place[0], "LOC", "gazetteer"))
            k = place[0]
        else:
            k += 1
    return out


def _segments(ctx: Context, k: int, j: int) -> List[Found]:
    """Units ``[k, j)`` split at «و» and commas, as LOC spans."""
    out: List[Found] = []
    start = k
    for u in range(k, j + 1):
        if u == j or ctx.view.keys[u] in ("و", "،", ","):
            if u > start:
                out.append((start, u, "LOC", "merged"))
            start = u + 1
    return out


def _bodies_or_places(ctx: Context, k: int, j: int, lab: str, src: str) -> List[Found]:
    """What units ``[k, j)`` after a word that names no body hold: the first body's name
    (a listed organization or an organization's head) to the end, or else the listed
    places in them."""
    view, gaz = ctx.view, ctx.gaz
    u = next((u for u in range(k, j) if view.tok_start[u] and (gaz.org_heads.longest_at(view, u) is not None
                                                               or _listed_org(ctx, u))), None)
    if u is None:
        return _places_in(ctx, k, j)
    t = _trim_tail(ctx, u, j)
    return [(u, t, lab, src)] if t > u else []


def _bare_head(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are an organization's head and nothing else («تیم ملی», «روابط
    عمومی», «اداره»): no name. Not a place's council («شورای شهر»: the body of the place
    the text is about, kept as the tagger has it)."""
    head = ctx.gaz.org_heads.get(tuple(ctx.view.keys[i:j]))
    return head is not None and (ctx.view.tok[j - 1] == ctx.view.tok[i] or head.kind != "loc")


def _phrase_end(ctx: Context, i: int, j: int, phrases, starts) -> Optional[int]:
    """The unit after one of ``phrases`` (units, whole tokens; ``starts``: their first
    units) that starts units ``[i, j)``, or None."""
    view = ctx.view
    if not view.tok_start[i] or view.keys[i] not in starts:
        return None
    for phrase in phrases:
        k = i + len(phrase)
        if k <= j and tuple(view.keys[i:k]) == phrase and view.tok_end[k - 1]:
            return k
    return None


def _relational(lex, tok: str) -> bool:
    """An adjective in «ی»/«یی» of a lexicon word: «امنیتی», «مردمی», «هوایی» (not an
    ezafe «ی» after a vowel: «شهدای»)."""
    if len(tok) < 4 or not tok.endswith("ی"):
        return False
    stem = tok[:-1]
    if stem.endswith(("ا", "و")):
        return tok.endswith("یی") and tok[:-2] in lex.words
    return stem in lex.words


def _names_a_force(ctx: Context, k: int, j: int) -> bool:
    """Units ``[k, j)`` after a force's plural (``force_plural``) say which force: they do
    not open with a body's name or head («نیروهای [ارتش آمریکا]»), and they are not a
    nation's forces of some kind, words of kind (adjectives in «ی» of a lexicon word,
    ``force_kind``, ``kind_adjective``, numbers, function words) and places with a
    demonym: «نیروهای آمریکایی», «نیروهای ویژه ترکیه‌ای» describe; «دفاع از خود», «سوریه
    دموکراتیک», «واکنش سریع», «عزالدین قسام» name. Words of kind alone or with a place are
    the tagger's call (the home state's «نیروهای مسلح», «نیروهای انتظامی» are ARMAN's ORG,
    a country's «نیروهای مسلح لیبی» its ORG in a longer name)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if k >= j or not view.tok_start[k] or gaz.org_heads.longest_at(view, k) is not None or _listed_org(ctx, k) \
            or view.token_text(k) in words.body_head:
        return False
    u, place = k, False
    while u < j:
        if not view.tok_start[u]:
            u += 1
            continue
        hit = gaz.demonyms.longest_at(view, u)
        if hit is not None and hit[0] <= j:
            u, place = hit[0], True
            continue
        hit = gaz.places.longest_at(view, u)
        if hit is not None and hit[0] <= j:
            u = hit[0]
            continue
        tok = view.token_text(u)
        if not (tok in PUNCT_LIKE or tok in words.force_kind or view.keys[u] in words.kind_adjective
                or tok.isdigit() or lex.is_function(tok) or _relational(lex, tok)):
            return True
        u = view.next_token_unit(u)
    return not place


def _people_after_and(ctx: Context, i: int, j: int) -> Optional[int]:
    """The «و» inside units ``[i, j)`` before a plural of people that more words follow
    («حوزه علمیه قم [و نمایندگان قم]», «وزارت فرهنگ و ارشاد [و نمایندگان مجلس]»): the
    people are the clause's, no part of a body's name. Not after a plural of people
    itself: people named together name a body («کانون نویسندگان و هنرمندان»)."""
    view, lex = ctx.view, ctx.lex
    for u in range(i + 2, j - 1):
        if view.keys[u] != "و" or not (view.tok_start[u] and view.tok_end[u]) or not view.tok_start[u + 1]:
            continue
        if view.next_token_unit(u + 1) < j and _people_plural(lex, view.token_text(u + 1)) \
                and not _people_plural(lex, view.token_text(view.first_unit[view.tok[u - 1]])):
            return u
    return None


def _people_plural(lex, tok: str) -> bool:
    """A plural of people in «ان»: «نمایندگان», «متولیان» (of a frequent lexicon noun in
    «ه» or «ی»), «هنرمندان» (:meth:`~.lexicon.CommonWords.is_plural_noun`)."""
    if tok.endswith("گان") or tok.endswith("یان"):
        stem = tok[:-3] + "ه" if tok.endswith("گان") else tok[:-2]
        return len(tok) > 5 and "N" in (lex.words.get(stem) or "").split(",") and lex.freq.get(stem, 0) >= 50_000
    return tok.endswith("ان") and lex.is_plural_noun(tok)


def _after_described_head(ctx: Context, i: int, j: int) -> Optional[int]:
    """Start of the name after a generic head (``described_head``) and nationality
    adjectives (demonyms, or a listed place + «ی»/«یی»): «رسانه روسی [اسپوتنیک]»,
    «کارخانه آمریکایی [بوئینگ]». Not when only places follow («دانشگاه آمریکایی بیروت»
    has no such head, «شرکت ایرانی تهران» names no body after the adjective)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if not (view.tok_start[i] and view.tok_end[i]) or view.token_text(i) not in words.described_head:
        return None
    k = i + 1
    while k < j and view.tok_start[k]:
        d = gaz.demonyms.longest_at(view, k)
        tok = view.token_text(k)
        if d is not None and d[0] < j:
            k = d[0]
        elif tok.endswith("ی") and len(tok) > 3 and view.next_token_unit(k) < j and not gaz.is_first_name(tok) \
                and (gaz.places.get((_fold_unit(tok[:-1]),)) is not None
                     or tok.endswith("ایی") and gaz.places.get((_fold_unit(tok[:-2]),)) is not None):
            k = view.next_token_unit(k)
        else:
            break
    if k == i + 1 or k >= j or not view.tok_start[k] or lex.is_function(view.token_text(k)) \
            or gaz.places.get(tuple(view.keys[k:j])) is not None:
        return None
    return k


def _after_plural_head(ctx: Context, i: int, j: int) -> Optional[int]:
    """The unit after a plural head that starts units ``[i, j)``, or None."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    for phrase in words.plural_head:
        k = i + len(phrase)
        if k <= j and tuple(view.keys[i:k]) == phrase and view.tok_end[k - 1]:
            return k
    if not view.tok_start[i]:
        return None
    key = view.keys[i]
    head = gaz.org_heads.get((key,)) is not None or view.token_text(i) in words.body_head

    def _counted(k: int) -> bool:  # «دولت‌های نهم و دهم»: bodies told apart by their numbers (PEYMA's ORG)
        return k < j and view.tok_start[k] and words.is_ordinal(view.keys[k])

    body = not head and key in words.body_head
    if (head or body) and i + 1 < j and view.keys[i + 1] in _PLURAL_UNITS and (view.tok_end[i + 1] or not view.tok_end[i]) \
            and not (body and _counted(i + 2)):
        return i + 2  # «تیم‌های», «تیم های», «دولت‌های ایران»
    if view.tok_end[i]:
        for suffix in _PLURAL_UNITS:
            stem = key[: -len(suffix)]
            if not (key.endswith(suffix) and len(stem) >= 3 and ctx.lex.words.get(key) is None):
                continue
            if gaz.org_heads.get((stem,)) is not None or stem in words.body_head and not _counted(i + 1):
                return i + 1  # «شرکتهای», «دولتهای» written joined
    return None


def _names_after_plural(ctx: Context, i: int, k: int, j: int) -> bool:
    """What follows a plural head (units ``[k, j)``) names bodies: it starts with a listed
    organization or an organization's head, or, after teams' and clubs' heads, it is no
    adjective, place or function word («تیم‌های [فولاد خوزستان]» but not «باشگاه های
    [بزرگ فوتبال عربستان]»), or a word of it is no lexicon word («تیم های [آریس یونان]»)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if not view.tok_start[k] or view.keys[k] in PUNCT_LIKE:
        return False
    if gaz.orgs.longest_at(view, k) is not None or gaz.org_heads.longest_at(view, k) is not None:
        return True
    first = view.token_text(k)
    tags = set((lex.words.get(first) or "0").split(","))
    if view.token_text(i) in ctx.words.club_head or view.keys[i] in ("تیم", "باشگاه"):
        if "N" in tags and gaz.places.longest_at(view, k) is None and not lex.is_function(first) \
                and not lex.is_plural_noun(first) and first not in ctx.words.not_in_name:
            return True
    for u in range(k, j):
        if view.tok_start[u]:
            tok = view.token_text(u)
            if tok.isalpha() and not (lex.is_known(tok) or lex.is_common(tok)) and gaz.places.longest_at(view, u) is None \
                    and not (tok.endswith("ی") and tok[:-1] in lex.words):
                return True
    return False


def _copular(lex, tok: str) -> bool:
    """An adjective with the copula written joined: «محرومند», «بدهکارند»."""
    stem = tok[:-2]
    return tok.endswith("ند") and len(stem) >= 3 and lex.words.get(tok) is None \
        and "AJ" in (lex.words.get(stem) or "").split(",")


def _possessed(lex, tok: str) -> bool:
    """A noun with a possessive ending («استعفایش», «کشورمان»)."""
    if lex.is_possessed_noun(tok):
        return True
    for suffix in ("یش", "یشان"):
        stem = tok[: -len(suffix)]
        if tok.endswith(suffix) and stem.endswith(("ا", "و")) and lex.words.get(tok) is None \
                and "N" in (lex.words.get(stem) or "").split(",") and lex.freq.get(stem, 0) >= 100_000:
            return True
    return False


def _clause_word(lex, tok: str) -> bool:
    """A verb, an adjective with the copula or a possessed noun: no word of a name."""
    if lex.words.get(tok) not in (None, "", "0"):
        return False  # a word the lexicon tags is none of these (the tests below all need an untagged form)
    return _copular(lex, tok) or _possessed(lex, tok) or lex.is_joined_future(tok) or lex.is_verbish(tok) and tok not in lex.words \
        and ("\u200c" in tok or tok.startswith(("می", "نمی")) or tok.endswith(("ند", "ید", "یم")))  # not a bare stem: «محیط [زیست]»


def _trim_tail(ctx: Context, i: int, j: int) -> int:
    """End of units ``[i, j)`` without a clause's words at its end: a verb, an adjective
    with the copula, a possessed noun (with its noun, when the ending is written apart:
    «باشگاه [پاداش هایشان]»), or what follows a last «و» when it ends in a compound
    verb's noun («کمیته انضباطی [و بازنده اعلام] شدن»); a clause's word inside ends
    the name before it («کمیته انضباطی [محرومند و خسرو]»)."""
    view, lex = ctx.view, ctx.lex
    n = len(view)
    for u in range(view.next_token_unit(i), j):  # a verb inside: the name ends before it
        if view.tok_start[u] and _clause_word(lex, view.token_text(u)):
            j = u
            break
    for _ in range(4):
        while j > i and view.keys[j - 1] in ("و", "،", ","):
            j -= 1
        if j <= i:
            return i
        u = view.first_unit[view.tok[j - 1]]
        if u <= i:
            break
        tok = view.token_text(u)
        if tok in _SUFFIX_TOKENS and u - 1 > i:
            j = view.first_unit[view.tok[u - 1]]  # the noun and its ending written apart
        elif _clause_word(lex, tok):
            j = u
        else:
            v = next((w for w in range(j - 1, i, -1) if view.keys[w] == "و" and view.tok_start[w]), None)
            if v is None or v + 1 >= j:
                break
            after = view.token_text(j) if j < n and view.tok_start[j] and view.sent[j] == view.sent[i] else ""
            if not (after in ctx.words.light_verb or after.endswith("ن") and after[:-1] in ctx.words.light_verb):
                break
            j = v
        while j > i and view.keys[j - 1] in ("و", "،", ","):
            j -= 1
        if j <= i:
            return i
    return j


#: words written joined to a frequent word that start no name's word («درطول», «مابودجه»); not «بر»,
#: «با», «به», which open names and words made so as often («برجام», «بهپخش»): those only before a
#: function word («برآن», «باوی»)
_GLUED_FIRST = ("در", "از", "ما", "شما")
_GLUED_BEFORE_FUNCTION = ("در", "بر", "از", "با", "به")
#: endings of compound adjectives («تاثیرگذار», «موفقیت‌آمیز»)
_ADJECTIVE_ENDINGS = ("گذار", "آمیز", "انگیز", "پذیر")


def _glued(ctx: Context, tok: str) -> bool:
    """Two words written without a space, the second no part of a name: an unknown token
    that is «در», «از» or a pronoun and a frequent lexicon word («درطول», «مابودجه»), a
    preposition and a function word («برآن», «باوی»), an organization's adjective and a
    frequent word («مرکزیحجت»), a word and a superlative («جواهرآخرین»), or a listed place and another
    place or a plural noun («فرانسهایتالیا», «فرانسهمقامات»: a caption run into the next
    sentence). Not two nouns: a name is often written so («شهرخودرو», «ایرانخودرو»)."""
    lex, gaz = ctx.lex, ctx.gaz
    if _mixed_script(tok):
        return True  # «گروه Eلیورپول», «وب سایتphonearena»: a label or a name run into the next word
    if len(tok) < 4 or not tok.isalpha() or lex.is_known(tok) or lex.is_common(tok) or gaz.is_first_name(tok) \
            or gaz.places.get((_fold_unit(tok),)) is not None or gaz.orgs.get((_fold_unit(tok),)) is not None:
        return False
    for k in range(2, len(tok) - 1):
        a, b = tok[:k], tok[k:]
        if a in _GLUED_FIRST and len(b) >= 2 and lex.freq.get(b, 0) >= 1_000_000:
            return True
        if a in _GLUED_BEFORE_FUNCTION and len(b) >= 2 and b in lex.stop and lex.is_function(b):
            return True  # «[مجلس] برآن», «و [باوی] پیرامون …»
        if a in ctx.words.org_adjective and len(b) >= 3 and lex.is_tagged(b) and lex.freq.get(b, 0) >= 1_000_000:
            return True  # «[بانک مرکزی]حجت‌الاسلام»
        if b.endswith("ترین") and len(b) > 5 and lex.is_known(a) and lex.is_known(b[:-4]):
            return True
        if len(a) >= 3 and len(b) >= 3 and gaz.places.get((_fold_unit(a),)) is not None \
                and (gaz.places.get((_fold_unit(b),)) is not None or lex.is_plural_noun(b)):
            return True
    return False


def _mixed_script(tok: str) -> bool:
    """Latin and Persian letters in one token, one script after the other: two words
    written joined («Eلیورپول», «سایتphonearena»)."""
    latin = [("a" <= ch.lower() <= "z") for ch in tok if ch.isalpha()]
    if not latin or all(latin) or not any(latin):
        return False
    changes = sum(1 for x, y in zip(latin, latin[1:]) if x != y)
    return changes == 1


def _without_last_word_of_clause(ctx: Context, i: int, j: int) -> int:
    """End of units ``[i, j)`` without a last word that belongs to the clause: two words
    written joined (:func:`_glued`: «[مجلس برآن]», «[خبرگزاری فرانسهایتالیا]»), an indefinite
    plural («[بیمارستان امین] زیرساخت‌هایی») or, after a
    team's or club's head, an adjective right before the copula, the predicate
    («[باشگاه تاثیرگذار] است», «[تیم ملی تاثیرگذار] است»; not an organization's adjective:
    «[تیم ملی] است»)."""
    view, lex, words = ctx.view, ctx.lex, ctx.words
    u = view.first_unit[view.tok[j - 1]]
    if u < i or not view.tok_end[j - 1]:
        return j
    tok = view.token_text(u)
    if _glued(ctx, tok):
        # the whole span when it is that one token («[اروپاایتالیا]») or when no head or listed
        # name is left before it («[وب سایتphonearena]»)
        return u if u > i and (_head_word(ctx, i) or ctx.gaz.orgs.get(tuple(view.keys[i:u])) is not None) else i
    if u == i:
        return j
    if tok.endswith("هایی") and len(tok) > 6 and ctx.gaz.orgs.longest_at(view, u) is None:
        return u  # an indefinite plural is the clause's: «[بیمارستان امین] زیرساخت‌هایی مانند …»
    if view.token_text(i) in words.club_head and j < len(view) and view.tok_start[j] and view.sent[j] == view.sent[i] \
            and view.token_text(j) in words.copula and tok not in words.org_adjective and not tok.endswith("ی") \
            and ("AJ" in (lex.words.get(tok) or "").split(",") or tok.endswith(_ADJECTIVE_ENDINGS)) \
            and ctx.gaz.orgs.longest_at(view, u) is None and ctx.gaz.places.longest_at(view, u) is None:
        return u
    return j


def _verb_noun_after_place(ctx: Context, i: int, j: int) -> int:
    """End of units ``[i, j)`` without a last word that is a compound verb's noun: a
    lexicon noun right after a listed place that ends the name, with a light verb after it
    («[پلیس تبریز] ارشاد شدند», «[شهرداری تهران] اعلام کرد»)."""
    view, lex = ctx.view, ctx.lex
    if j >= len(view) or not (view.tok_start[j] and view.tok_end[j - 1]) or view.sent[j] != view.sent[i]:
        return j
    u = view.first_unit[view.tok[j - 1]]
    if u <= i + 1 or not lex.is_light_verb(view.token_text(j)) or "N" not in (lex.words.get(view.token_text(u)) or "").split(","):
        return j
    return u if _place_ends_at(ctx, i + 1, u) else j


def _surname_apart(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are a person's name whose surname ending is written as a word of
    its own («فتح الله [زاده]», «حسن [پور]»: ``surname_ending`` without a half-space), up to
    three words before it, no organization's head, listed name or place among them."""
    view, gaz = ctx.view, ctx.gaz
    u = view.first_unit[view.tok[j - 1]]
    if u <= i or not view.tok_start[u] or view.token_text(u) not in ctx.words.surname_ending \
            or view.tok[u] - view.tok[i] > 3:
        return False
    for w in range(i, u):
        if not view.tok_start[w]:
            continue
        tok = view.token_text(w)
        if gaz.org_heads.longest_at(view, w) is not None or gaz.orgs.longest_at(view, w) is not None \
                or tok in ctx.words.body_head:
            return False
        if gaz.places.longest_at(view, w) is not None:
            return False
    return True


def _person_after_place(ctx: Context, i: int, j: int) -> Optional[int]:
    """Start of a person's name that ends units ``[i, j)`` right after a place that ends
    the organization's name, or None: a listed first name and then one or two words the
    lexicon does not know («روابط عمومی آموزش و پرورش خراسان شمالی [علی متقیان]»)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    for u in range(i + 2, j - 1):
        if not (view.tok_start[u] and view.tok_end[u]) or not gaz.is_first_name(view.token_text(u)) \
                or not _place_ends_at(ctx, i + 1, u):
            continue
        rest = [view.token_text(w) for w in range(u + 1, j) if view.tok_start[w]]
        if 1 <= len(rest) <= 2 and all(t.isalpha() and not lex.is_known(t) and gaz.places.longest_at(view, u + 1) is None
                                       for t in rest):
            return u
    return None


def _military_base(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are a base's word (``base_head``: «پایگاه») and then a word of a
    force's kind or a base's (``force_kind``, ``base_kind``: «هوایی», «نظامی», «شکاری»), a
    demonym or a country («پایگاه آمریکایی», «پایگاه روسیه»), or a name that is no lexicon word: a military base, a facility («[پایگاه هوایی عین‌الاسد]»,
    «[پایگاه التاجی]»), not a body's unit or a website («پایگاه مقاومت بسیج», «پایگاه خبری …»,
    a name after a source's cue: «به نقل از [پایگاه هیل]»)."""
    view, lex, words = ctx.view, ctx.lex, ctx.words
    if not (view.tok_start[i] and view.tok_end[i]) or i + 1 >= j or view.token_text(i) not in words.base_head \
            or not view.tok_start[i + 1]:
        return False
    nxt = view.token_text(i + 1)
    if nxt in words.force_kind or nxt in words.base_kind:
        return True
    place = ctx.gaz.places.longest_at(view, i + 1)
    if ctx.gaz.demonyms.longest_at(view, i + 1) is not None or (place is not None and place[1].kind == "country"):
        return True  # a country's base: «[پایگاه آمریکایی]», «[پایگاه روسیه] در حمیمیم»
    return nxt.isalpha() and not (lex.is_known(nxt) or lex.is_common(nxt)) and ctx.gaz.orgs.longest_at(view, i + 1) is None \
        and not ctx.source_slot(i)  # «به نقل از [پایگاه هیل]»: a website


def _bare_head_then_link(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` open with an organization's one-word head and then «و» or a
    preposition: the head is the everyday word («سازمان و نمایندگان …», «ایجاد یک
    سازمان برای توسعه …»), no name follows it."""
    view = ctx.view
    if not (view.tok_start[i] and view.tok_end[i]) or i + 1 >= j or ctx.gaz.org_heads.get((view.keys[i],)) is None:
        return False
    return view.tok_start[i + 1] and view.tok_end[i + 1] and view.token_text(i + 1) in _LINKS


def _indefinite_head(ctx: Context, i: int, j: int, src: str) -> bool:
    """A tagger's organization that opens with a head right after «یک», «هر», «چند»,
    «برخی»: one body of a kind, no name («یک [سازمان تروریستی]», «رئیس یک [شرکت
    هواپیمایی]»)."""
    view = ctx.view
    t = view.tok[i]
    if src != "tagger" or not view.tok_start[i] or t == 0 or view.doc.tokens[t - 1].norm not in _INDEFINITE:
        return False
    return ctx.gaz.org_heads.longest_at(view, i) is not None or view.token_text(i) in ctx.words.body_head


def _head_and_participle(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` open with a team's, delegation's or company's word and a
    participle in «…کننده», «…دهنده», «…گیرنده» (written with its noun or apart): what the
    group does, no name («[تیم مذاکره‌کننده] هسته‌ای», «[هیئت برگزارکننده]», «[شرکت توسعه
    دهنده] واتس اپ»). Not the plural «…کنندگان»: the people a body is named after («انجمن
    تهیه‌کنندگان سینمای مستند»)."""
    view = ctx.view
    if not (view.tok_start[i] and view.tok_end[i]) or i + 1 >= j or view.keys[i] not in _GROUP_HEADS:
        return False
    for u in range(i + 1, min(j, i + 4)):
        if view.keys[u].endswith(_PARTICIPLES):
            return view.tok[u] <= view.tok[i] + 2
    return False


def _second_body(ctx: Context, i: int, j: int) -> Optional[int]:
    """Start of a second body inside units ``[i, j)``, or None: the first one's head
    again («[اداره اوقاف] [اداره فرهنگ …]»: a comma left out), or, after «و», an
    organization's head or a listed organization when the words before «و» are a listed
    organization or a head and its name («[کمیسیون دولت] و [هیئت دولت]»; not «سازمان
    امداد و نجات»)."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    head = gaz.org_heads.longest_at(view, i)
    first_head = head is not None and head[0] == i + 1 and view.tok_end[i]
    ministry = gaz.ministries.longest_at(view, i + 1) if first_head and i + 1 < j else None
    first_body = first_head or view.tok_start[i] and view.tok_end[i] and view.token_text(i) in words.body_head
    for u in range(i + 2, j - 1):
        if ministry is not None and u < ministry[0]:
            continue  # «وزارت [پست و تلگراف و تلفن]»: one ministry's listed name
        if not view.tok_start[u]:
            continue
        if first_head and view.keys[u] == view.keys[i] and view.keys[u - 1] != "و" and view.tok_end[u]:
            return u
        if first_body and (gaz.org_heads.longest_at(view, u) is not None or view.token_text(u) in words.body_head) \
                and view.token_text(u) not in words.part_of_body \
                and _place_ends_at(ctx, i + 2, u):
            # a head right after a place that ends the first name: «[وزارت دفاع روسیه] [ارتش آمریکا]» (not a
            # place right after the head, which may be the name: «نیروی قدس سپاه …»)
            return u
        if view.keys[u] == "و" and view.tok_end[u] and u + 1 < j and view.tok_start[u + 1]:
            nxt = u + 1
            second = gaz.org_heads.longest_at(view, nxt) is not None or view.token_text(nxt) in words.body_head \
                or _listed_org(ctx, nxt)
            before = gaz.orgs.get(tuple(view.keys[i:u])) is not None \
                or first_head and view.tok[u - 1] > view.tok[i]
            if second and before and view.token_text(nxt) not in words.org_adjective:
                return nxt
    return None


def _place_ends_at(ctx: Context, k: int, u: int) -> bool:
    """A listed place that is no ambiguous word, of units ``[p, u)`` with ``k <= p`` (up to
    four units back), ends at ``u``."""
    view = ctx.view
    for p in range(max(k, u - 4), u):
        hit = ctx.entity_at(p, ("LOC",)) if view.tok_start[p] else None
        if hit is not None and hit[0] == u:
            return True
    return False


def _listed_org(ctx: Context, u: int) -> bool:
    """A listed organization that is no ambiguous word starts at unit ``u``."""
    hit = ctx.gaz.orgs.longest_at(ctx.view, u)
    return hit is not None and tuple(ctx.view.keys[u:hit[0]]) not in ctx.gaz.ambiguous


def _person_of_team(ctx: Context, i: int, j: int, persons: Set[str]) -> Optional[int]:
    """Start of a person's name after «تیم» (units ``[i, j)``): two or three words, the
    first a first name or the last a person's last word elsewhere in the text, or one word
    that is a person's last word elsewhere in the text («پپ گواردیولا» … «دروازه تیم
    [گواردیولا]»), none a place, organization, head or function word («تیم [فرانک
    لمپارد]»)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if view.keys[i] != "تیم" or not view.tok_end[i]:
        return None
    k = i + 1
    toks = [u for u in range(k, j) if view.tok_start[u]]
    if not 1 <= len(toks) <= 3 or not view.tok_start[k] or len(toks) == 1 and view.keys[j - 1] not in persons:
        return None
    for u in toks:
        tok = view.token_text(u)
        if not tok.isalpha() or gaz.places.longest_at(view, u) is not None or gaz.orgs.longest_at(view, u) is not None \
                or gaz.org_heads.longest_at(view, u) is not None or lex.is_function(tok) \
                or tok in ctx.words.org_adjective or tok in ctx.words.sport:
            return None
    if gaz.is_first_name(view.token_text(k)) or view.keys[j - 1] in persons:
        return k
    return None


def _place_of_function(ctx: Context, i: int, j: int, src: str) -> Optional[int]:
    """Start of the place a tagger's organization is, or None: a role's modifiers
    (``role_modifiers.txt``) right after its title and a listed place («فرمانده [انتظامی
    استان کرمانشاه]»), or an unlisted name with no organization's head right after a
    place's governor («فرماندار [سرایان]»)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if src != "tagger" or not view.tok_start[i]:
        return None
    k = i
    if i in ctx.title_ends:
        while k < j:
            mod = gaz.modifiers.longest_at(view, k)
            if mod is None or mod[0] >= j or not view.tok_end[mod[0] - 1] or view.token_text(k) in words.body_head \
                    or gaz.org_heads.longest_at(view, k) is not None:
                break  # «نماینده ویژه [دولت آمریکا]» is a state's body
            k = mod[0]
        if k > i:
            while k < j and view.tok_start[k] and view.token_text(k) in words.place_head:
                k = view.next_token_unit(k)
            place = gaz.places.longest_at(view, k) if k < j else None
            if place is not None and place[0] == j:
                return k
    if gaz.org_heads.longest_at(view, i) is None and gaz.orgs.longest_at(view, i) is None \
            and any(i >= len(p) and tuple(view.keys[i - len(p):i]) == p for p in words.place_governor) \
            and all(not lex.is_known(view.token_text(u)) for u in range(i, j) if view.tok_start[u]):
        return i
    return None


def _after_role_modifiers(ctx: Context, i: int, j: int, src: str) -> Optional[int]:
    """Start of the organization after a role's modifiers that open a tagger's span right
    after the role's title («مدیرکل [اسبق] پژوهش‌های …»), or None: only where the rest
    has an organization's head or a listed organization."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    if src != "tagger" or not view.tok_start[i] or i not in ctx.title_ends:
        return None
    k = i
    while k < j:
        mod = gaz.modifiers.longest_at(view, k)
        if mod is None or mod[0] >= j or not view.tok_end[mod[0] - 1] or view.token_text(k) in words.body_head \
                or gaz.org_heads.longest_at(view, k) is not None:
            break
        k = mod[0]
    if k == i or k >= j or not view.tok_start[k]:
        return None
    heads = [u for u in range(k, j) if view.tok_start[u] and (gaz.org_heads.longest_at(view, u) is not None
                                                              or gaz.orgs.longest_at(view, u) is not None
                                                              or view.token_text(u) in words.body_head)]
    if not heads:
        return None
    # … or a unit of one: «[پژوهش‌های مالیاتی سازمان امور مالیاتی]»; after «و» the title's field goes on
    # («مدیرکل درمان و حمایت‌های اجتماعی [ستاد مبارزه با مواد مخدر]»)
    return heads[0] if view.keys[k] == "و" else k


def _describes_only(ctx: Context, k: int, j: int) -> bool:
    """Units ``[k, j)`` are adjectives, demonyms or a listed place, at least one word."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if k >= j:
        return False
    while k < j:
        place = gaz.places.longest_at(view, k)
        if place is not None and place[0] <= j:
            k = place[0]
            continue
        tok = view.token_text(k)
        tags = set((lex.words.get(tok) or "").split(","))
        adjective = "AJ" in tags or tok.endswith("ی") and (tags == {"0"} or tok[:-1] in lex.words or tok[:-2] in lex.words)
        if not view.tok_start[k] or not adjective or gaz.is_first_name(tok):
            return False
        k = view.next_token_unit(k)
    return True


def _past_place_heads(ctx: Context, i: int, j: int) -> int:
    """Start of a place past its generic heads (closed list), when a name word follows."""
    view, words = ctx.view, ctx.words
    k = i
    while k < j and view.tok_start[k] and view.token_text(k) in words.place_head:
        k = view.next_token_unit(k)
    if k >= j or k == i or ctx.lex.is_common(view.token_text(k)) and ctx.gaz.places.longest_at(view, k) is None:
        return i
    return k


def _ordinary_words(ctx: Context, i: int, k: int) -> bool:
    """Units ``[i, k)`` are ordinary words, at least one, that start no organization's
    name: lexicon words that are no organization's head (``org_heads.tsv``, and the
    heads of units and bodies of ``word_classes.tsv``: «کانون», «فراکسیون», «معاونت»),
    no first name, place or demonym. A tagger's organization made of such words and a
    listed organization after them is that organization: «جنگ [رژیم صهیونیستی]», «رسمی
    [فدراسیون فوتبال]», «اینترنتی [سازمان سنجش]»."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if k <= i:
        return False
    for u in range(i, k):
        if not view.tok_start[u]:
            continue
        tok = view.token_text(u)
        if not (lex.is_known(tok) or lex.is_common(tok) or lex.is_function(tok)) \
                or _is_body_head(ctx, tok) \
                or gaz.org_heads.longest_at(view, u) is not None or gaz.orgs.longest_at(view, u) is not None \
                or gaz.is_first_name(tok) or gaz.places.longest_at(view, u) is not None \
                or gaz.demonyms.longest_at(view, u) is not None:
            return False
    return True


def _field_of_title(ctx: Context, i: int, j: int) -> bool:
    """A tagger's organization right after a title that takes a ministry's name («وزیر»,
    «وزرای», «معاون»; a role modifier between them allowed: «وزیر سابق») that is the
    title's field, not a body: ordinary lexicon words (listed places, «و» and commas
    among them) starting with no organization's head, listed nowhere as an
    organization: «وزیر [مسکن]», «وزیر سابق [خارجه مصر]», «وزرای [جهاد و بهداشت]»,
    «معاون [آموزش تحقیقات و فناوری] وزیر راه» («معاون [وزارت خارجه]» stays; after other
    titles the words often name an office: «مدیرکل [منابع طبیعی و آبخیزداری …]»)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    title_ends = ctx.ministry_title_ends
    k = i
    if k not in title_ends:
        if k == 0 or not view.tok_start[k]:
            return False
        p = view.first_unit[view.tok[k] - 1] if view.tok[k] > 0 else None
        mod = gaz.modifiers.longest_at(view, p) if p is not None else None
        if p is None or p not in title_ends or mod is None or mod[0] != k:
            return False
    if gaz.org_heads.longest_at(view, i) is not None or gaz.orgs.longest_at(view, i) is not None \
            or _is_body_head(ctx, view.token_text(i)):
        return False
    u = i
    while u < j:
        place = gaz.places.longest_at(view, u)
        if place is not None and place[0] <= j and u > i:
            u = place[0]
            continue
        tok = view.token_text(u)
        if view.tok_start[u] and not (tok in ("و", "،", ",") or lex.is_known(tok) or lex.is_common(tok)) \
                or gaz.is_first_name(tok) or gaz.org_heads.longest_at(view, u) is not None:
            return False
        org = gaz.orgs.longest_at(view, u)
        if org is not None and (view.tok[org[0] - 1] != view.tok[u] or not lex.is_known(tok)):
            return False  # «وزیر دفاع [اتحادیه اروپا]»: a body is named (not a word of the field: «پست و تلگراف»)
        u += 1
    return True


def _place_with_head(ctx: Context, i: int, j: int) -> bool:
    """Units ``[i, j)`` are generic place heads («استان», «کشور»: ``place_head``) and a
    listed place that is no common word: «استان قم», «کشور چین»."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    k = i
    while k < j and view.tok_start[k] and view.token_text(k) in words.place_head:
        k = view.next_token_unit(k)
    if k == i or k >= j:
        return False
    place = gaz.places.longest_at(view, k)
    return place is not None and place[0] == j and tuple(view.keys[k:j]) not in gaz.ambiguous


def _is_body_head(ctx: Context, tok: str) -> bool:
    """``tok`` heads a body's name (``body_head`` and the unit heads of ``word_classes.tsv``),
    also in the plural or with a half-space («نیرو‌های», «دولت‌های»)."""
    heads = ctx.words.body_head
    return tok in heads or tok.replace("\u200c", "") in heads or tok.split("\u200c")[0] in heads


def _municipal(ctx: Context, span: Found) -> bool:
    """A pattern's body of a place («شهرداری تبریز»: a ``loc`` head in ``org_heads.tsv``),
    which ordinary words before it often make a club's name («[مقاومت] شهرداری تبریز»)."""
    head = ctx.gaz.org_heads.longest_at(ctx.view, span[0]) if span[3] == "pattern" else None
    return head is not None and head[1].kind == "loc"


def _unambiguous_name(ctx: Context, i: int, j: int) -> bool:
    """``[i, j)`` is a name that is no everyday word: not listed as ambiguous, and not
    one lexicon word («اطلاعات», «تلگراف»)."""
    view = ctx.view
    if tuple(view.keys[i:j]) in ctx.gaz.ambiguous:
        return False
    return view.tok[i] != view.tok[j - 1] or not ctx.lex.is_known(view.token_text(i))


def _next_word_not_of_name(ctx: Context, k: int, tj: int, person_words) -> bool:
    """Units ``[k, tj)`` are one word that does not continue a listed name: a first
    name or a person's name, a listed place, a demonym, a common word or a word with a
    possessive ending («قراردادش»)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if not view.tok_start[k] or view.next_token_unit(k) != tj:
        return False
    tok = view.token_text(k)
    if ctx.words.is_ordinal(tok):
        return False  # «مجلس ششم», «دوره هفتم»: the number is part of the name
    if tok in ctx.words.place_epithet:
        return False  # «قدس شریف», «مشهد مقدس», «نجف اشرف»: a holy city's epithet is part of its name
    return gaz.is_first_name(tok) or tok in person_words or gaz.places.get(tuple(view.keys[k:tj])) is not None \
        or gaz.demonyms.get(tuple(view.keys[k:tj])) is not None or lex.is_common(tok) \
        or tok.endswith(("ش", "شان")) and lex.is_known(tok[:-1] if tok.endswith("ش") else tok[:-3])


def _place_of_organization(ctx: Context, first: Found, tj: int, tlab: str) -> bool:
    """The place after a listed organization belongs to the tagger's longer ORG name
    (``شرکت ملی نفت چین``, ``بانک رفاه کارگران سراب``, ``مجلس اندونزی``), except after a
    news medium, where it only says whose medium it is (``خبرگزاری آناتولی ترکیه``), and
    before «را» (``[کاخ سفید] هند را``: the place is a clause's object)."""
    view, gaz = ctx.view, ctx.gaz
    if tlab != "ORG" or first[2] != "ORG" or gaz.places.get(tuple(view.keys[first[1]:tj])) is None:
        return False
    entry = gaz.orgs.get(tuple(view.keys[first[0]:first[1]]))
    if entry is not None and entry.kind == "media" or view.keys[first[0]] in ("خبرگزاری", "شبکه", "روزنامه"):
        return False
    nxt = view.tok[tj - 1] + 1
    return nxt >= len(view.doc.tokens) or view.doc.tokens[nxt].norm != "را"


def _inside_titles(ctx: Context) -> List[bool]:
    """Per unit: inside a title (خارجه of وزیر خارجه) or its ministry (امور خارجه of
    وزیر امور خارجه), where a tagger span may not start."""
    view, gaz = ctx.view, ctx.gaz
    inside = [False] * len(view)
    for u in gaz.titles.starts(view):  # (longest_at is None at every other unit)
        hit = gaz.titles.longest_at(view, u)
        if hit is None:
            continue
        end = hit[0]
        if "m" in hit[1].kind:
            m = gaz.ministries.longest_at(view, end)
            if m is not None:
                end = m[0]
        for k in range(u + 1, end):
            inside[k] = True
    return inside


def _description(ctx: Context, i: int, j: int, label: str) -> bool:
    """The span describes rather than names: «اداره» as running something
    (:func:`administering`), an organization's head after a number (:func:`counted`:
    «۱۰۶ دفتر قزوین»), the people of a place (an organization span made of the plural of
    a «…ی» word of belonging and a listed place: «یهودیان فرانسه», «شیعیان عراق»), or a
    plain-name head with adjectives of kind only («کمیسیون مشترک», «کمیته ویژه»)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if administering(ctx, i) or label == "ORG" and gaz.org_heads.longest_at(view, i) is not None and counted(ctx, i):
        return True  # … or a counted head: «۱۰۶ دفتر قزوین», «۵ شرکت خارجی»
    nxt = view.next_token_unit(i)
    if label == "ORG" and view.tok_start[i] and nxt < j:
        tok = view.token_text(i)  # «یهودیان»: the plural of a «…ی» word of belonging, a group of people
        if tok.endswith("یان") and len(tok) > 5 and lex.words.get(tok[:-2]) is not None \
                and not gaz.is_first_name(tok) and gaz.places.get(tuple(view.keys[nxt:j])) is not None:
            return True
    if view.tok_start[i] and view.token_text(i) in words.plain_name_head and nxt < j:
        rest = [view.keys[u] for u in range(nxt, j)]
        return all(k in words.kind_adjective for k in rest)
    return label == "ORG" and _of_a_nationality(ctx, i, j)


def _of_a_nationality(ctx: Context, i: int, j: int) -> bool:
    """An organization's head with nationality adjectives only: «شرکت سوئیسی», «پایگاه
    روسی», «باشگاه ایرانی و ترکیه‌ای» say what kind of body, not which (a demonym, or a
    listed place + «ی»). Not a listed name, and not a state's own body, which the
    adjective names (``state_body``: «ارتش سوری», «پلیس سعودی», «دولت ایرانی»)."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    head = gaz.org_heads.longest_at(view, i)
    if head is None and view.tok_start[i] and _is_body_head(ctx, view.token_text(i)):
        head = (view.next_token_unit(i), None)  # «کانون», «ائتلاف»: a body's head too
    if head is None or head[0] >= j or view.token_text(i) in words.state_body \
            or gaz.orgs.get(tuple(view.keys[i:j])) is not None:
        return False
    k, seen = head[0], False
    while k < j:
        if not view.tok_start[k]:
            return False
        d = gaz.demonyms.longest_at(view, k)
        tok = view.token_text(k)
        if d is not None and d[0] <= j:
            k, seen = d[0], True
        elif tok == "و" and seen:
            k = view.next_token_unit(k)
        elif tok.endswith("ی") and len(tok) > 3 and view.next_token_unit(k) <= j \
                and (gaz.places.get((_fold_unit(tok[:-1]),)) is not None
                     or tok.endswith("ایی") and gaz.places.get((_fold_unit(tok[:-2]),)) is not None) \
                and not gaz.is_first_name(tok):
            k, seen = view.next_token_unit(k), True  # «تهرانی», «اروپایی»: a listed place + «ی»/«یی»
        else:
            return False
    return seen


def _without_indefinite_object(ctx: Context, i: int, j: int) -> int:
    """End of the span without a last word that is an indefinite noun before «را» (the
    clause's object: «رئیس جمهور [ازبکستان] فرمانی را صادر کرد»), when the rest is a
    listed place or organization; else ``j``."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    last = view.first_unit[view.tok[j - 1]]
    if last < i or view.tok[j - 1] + 1 >= len(view.doc.tokens) \
            or view.doc.tokens[view.tok[j - 1] + 1].norm != "را":
        return j
    tok = view.token_text(last).rstrip("\u200c")
    stem = tok[:-1]
    tags = lex.words.get(stem) if tok.endswith("ی") and len(stem) > 2 else None
    if not tags or "N" not in tags.split(",") or lex.is_tagged(tok):
        return j
    if last == i:  # the whole span is the object, right after a listed name: «ازبکستان [فرمانی] را»
        before = view.first_unit[view.tok[i] - 1] if view.tok[i] > 0 else None
        listed_before = before is not None and any(
            hit is not None and hit[0] == i for hit in (gaz.places.longest_at(view, b) or gaz.orgs.longest_at(view, b)
                                                        for b in range(max(0, before - 4), before + 1)))
        return i if listed_before and gaz.orgs.longest_at(view, i) is None and gaz.places.longest_at(view, i) is None \
            and not gaz.is_first_name(tok) else j
    rest = tuple(view.keys[i:last])
    return last if gaz.places.get(rest) is not None or gaz.orgs.get(rest) is not None else j


def with_adjectives(ctx: Context, merged: List[Found]) -> List[Found]:
    """A listed one-word body followed by an adjective that makes a body's name
    (``body_adjective``: «مجلس ملی», «مجلس فدرال», «شورای عالی») is named with it, when
    the phrase ends there (punctuation, «و», a function word, a place or a verb follows;
    «بسیج ملی مقابله با کرونا» is a national campaign). After the merge, so a tagger's
    longer name «کنگره ملی فلسطینیان» stands."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    taken = {u for i, j, _, _ in merged for u in range(i, j)}
    n = len(view)
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG" and src == "gazetteer" and view.tok[i] == view.tok[j - 1] and j not in taken:
            k = j
            while k < n and view.tok_start[k] and view.sent[k] == view.sent[i] \
                    and view.token_text(k) in words.body_adjective:
                k = view.next_token_unit(k)
            if k > j and (k >= n or view.sent[k] != view.sent[i] or not view.tok_start[k]
                          or view.keys[k] in PUNCT_LIKE or view.keys[k] == "و" or lex.is_function(view.token_text(k))
                          or gaz.places.longest_at(view, k) is not None):
                j = k
        out.append((i, j, lab, src))
    return out


def of_the_country(ctx: Context, merged: List[Found]) -> List[Found]:
    """A national body named with «کشور» (the country, Iran) after it: «سازمان میراث
    فرهنگی کشور», «سازمان هواشناسی کشور», «مرکز آمار کشور» (an organization span that
    starts with an organization's head or is listed, then «کشور», then no place or
    demonym: «کشور عراق» names another country)."""
    view, gaz = ctx.view, ctx.gaz
    n = len(view)
    starts = {i for i, _, _, _ in merged}
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG" and j < n and view.tok_start[j] and view.token_text(j) == "کشور" and view.tok_end[j] \
                and view.sent[j] == view.sent[i] and j not in starts \
                and (gaz.org_heads.longest_at(view, i) is not None or gaz.orgs.get(tuple(view.keys[i:j])) is not None):
            k = j + 1
            if k >= n or view.sent[k] != view.sent[i] or (gaz.places.longest_at(view, k) is None
                                                          and gaz.demonyms.longest_at(view, k) is None):
                j = k
        out.append((i, j, lab, src))
    return out


def _outside_ministry_names(ctx: Context, found: List[Found]) -> List[Found]:
    """``found`` without the listed names that are only a word of a ministry's name after
    a title: «اطلاعات» (the intelligence ministry's short name) in «وزیر ارتباطات و
    فناوری اطلاعات»."""
    view, gaz = ctx.view, ctx.gaz
    ranges = []
    for u in gaz.titles.starts(view):  # (longest_at is None at every other unit)
        hit = gaz.titles.longest_at(view, u)
        if hit is not None and "m" in hit[1].kind:
            m = gaz.ministries.longest_at(view, hit[0])
            if m is not None:
                ranges.append((hit[0], m[0]))
    if not ranges:
        return found
    range_at: List[Optional[Tuple[int, int]]] = [None] * len(view)  # the ministry name a unit is in
    for a, b in ranges:
        for u in range(a, b):
            range_at[u] = (a, b)
    out = []
    for s in found:
        r = range_at[s[0]] if s[0] < len(view) else None
        if s[2] != "PER" and r is not None and s[1] <= r[1] and (s[0], s[1]) != r:
            continue
        out.append(s)
    return out


def _title_of_countries(ctx: Context, i: int, j: int) -> bool:
    """A tagger "person" that is a title and countries after it only («[امیر قطر] تماس
    گرفت», «[پادشاه عربستان]»: a ROLE, found later), or the first words of a longer title
    («[نایب] رئیس جبهه»). A title alone is :func:`~.tagger.clean_tagged`'s business."""
    view, gaz = ctx.view, ctx.gaz
    hit = gaz.titles.longest_at(view, i)
    if hit is None:
        return False
    if hit[0] > j:
        return True
    u = hit[0]
    if u >= j:
        return False
    while u < j:
        more = gaz.places.longest_at(view, u)
        if more is None or more[0] > j or more[1].kind != "country":
            return False  # «شیخ کریمه», «امیر تاجیک»: a name after a title word (a region, a demonym)
        u = more[0]
    return True


def _names_of_organizations(ctx: Context, found: List[Found], tagged: List[Tagged]) -> Set[Tuple[str, ...]]:
    """Names the document introduces with an organization's head («شرکت [لوفت هانزا]»,
    an organization pattern) that the tagger reads as an organization elsewhere in it too:
    its "person" readings of the same words are the organization (one name, one type in a
    text)."""
    view, gaz = ctx.view, ctx.gaz
    tagged_orgs = {tuple(view.keys[i:j]) for i, j, lab in tagged if lab == "ORG"}
    if not tagged_orgs:
        return set()
    names = set()
    for i, j, lab, src in found:
        if lab != "ORG" or src != "pattern":
            continue
        head = gaz.org_heads.longest_at(view, i)
        if head is not None and i < head[0] < j:
            name = tuple(view.keys[head[0]:j])
            if name in tagged_orgs and not gaz.is_first_name(view.token_text(head[0])):
                names.add(name)
    return names


def _listed_side_by_side(ctx: Context, over: List[Found], ti: int, tj: int) -> bool:
    """The tagger's organization ``[ti, tj)`` is exactly two or more listed organizations
    of several words each, one after the other («آژانس بین‌المللی انرژی اتمی سازمان
    ملل»): two names, when each is an international organization, none a unit of another
    (a listed name that holds another is listed whole: «شورای امنیت سازمان ملل»; a body's
    unit is named with the body: «نیروی قدس سپاه پاسداران», «مجمع عمومی بیمه مرکزی ایران»)."""
    view, gaz = ctx.view, ctx.gaz
    if len(over) < 2:
        return False
    u = ti
    for s in sorted(over):
        if s[0] != u or s[2] != "ORG" or s[3] != "gazetteer" or view.tok[s[0]] == view.tok[s[1] - 1]:
            return False
        entry = gaz.orgs.get(tuple(view.keys[s[0]:s[1]]))
        if entry is None or entry.kind != "international":
            return False  # «[نیروی قدس] [سپاه پاسداران …]»: a body's unit is named with the body
        u = s[1]
    return u == tj


def _only_demonyms(ctx: Context, i: int, j: int) -> bool:
    view, demonyms = ctx.view, ctx.gaz.demonyms
    u = i
    seen = False
    while u < j:
        d = demonyms.longest_at(view, u)
        if d is not None and d[0] <= j:
            u = d[0]
            seen = True
        elif view.keys[u] == "و" and seen:
            u += 1
        else:
            return False
    return seen


def organizations_in_events(ctx: Context, merged: List[Found]) -> List[Found]:
    """The organization an event is named after, as an ORG of its own inside the EVENT
    span: «نشست سران [سازمان همکاری شانگهای]», «اجلاس [گروه دی ۸]» (a listed organization,
    or an organization's head and the rest of the event's name)."""
    view, gaz = ctx.view, ctx.gaz
    have = {(i, j) for i, j, _, _ in merged}
    out: List[Found] = []
    for i, j, lab, _ in merged:
        if lab != "EVENT":
            continue
        for k in range(i + 1, j):
            if not view.tok_start[k]:
                continue
            hit = gaz.orgs.longest_at(view, k)
            end = hit[0] if hit is not None and hit[0] <= j else None
            if end is None:
                head = gaz.org_heads.longest_at(view, k)
                end = j if head is not None and head[0] < j else None
            if end is not None:
                if (k, end) not in have:
                    out.append((k, end, "ORG", "event-name"))
                break
    return merged + out


def organizations_in_names(ctx: Context, merged: List[Found]) -> List[Found]:
    """The organization inside a longer organization's name, as an ORG of its own nested
    in it, where news text also names it alone: a listed medium after its kind
    (``خبرگزاری [اسپوتنیک]``, ``روزنامه [وال استریت ژورنال]``) or before a desk
    (``[تابناک] ورزشی``), and the organization a unit belongs to (``روابط عمومی
    [فدراسیون کشتی]``, ``شورای وزرای خارجه کشورهای عضو [سازمان همکاری شانگهای]``).
    The longer name stays the entity; the nested one is the first (longest) listed
    organization ending where it ends, or, after a unit's head (``subunit_head``), the
    organization a pattern finds there; a club's own name after «تیم/باشگاه» and its
    sport (``تیم فوتبال باشگاه [فلامینگو]``: :func:`_club_name`)."""
    from .org_patterns import org_pattern

    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    have = {(i, j) for i, j, _, _ in merged}
    out: List[Found] = []
    for i, j, lab, _ in merged:
        if lab != "ORG" or j - i < 2:
            continue
        unit = gaz.org_heads.longest_at(view, i)
        unit_of = unit is not None and unit[1].canonical in words.subunit_head
        outer = gaz.orgs.get(tuple(view.keys[i:j]))
        inner = None
        for k in range(i + 1, j):
            if not view.tok_start[k]:
                continue
            hit = gaz.orgs.longest_at(view, k)
            if hit is not None and hit[0] == j - 1 and view.keys[j - 1] == "کشور":
                hit = (j, hit[1])  # «روابط عمومی [سازمان میراث فرهنگی کشور]»
            if hit is not None and hit[0] == j and tuple(view.keys[k:hit[0]]) not in gaz.ambiguous:
                if outer is not None and outer.canonical == hit[1].canonical \
                        and view.token_text(i) not in words.press_word:
                    break  # «سازمان [ملل متحد]»: another written form of the same name
                inner = (k, j)
                break
            head = gaz.org_heads.longest_at(view, k) if unit_of and k >= unit[0] else None
            if head is not None and head[1].canonical not in gaz.common_heads and org_pattern(ctx, k) == j:
                inner = (k, j)
                break
        if inner is None:
            inner = _club_name(ctx, i, j)
        if inner is None:
            media = gaz.orgs.longest_at(view, i)  # «[تابناک] ورزشی»: a listed medium and its desk
            if media is not None and media[0] < j and media[1].kind == "media" and view.tok_start[media[0]] \
                    and tuple(view.keys[i:media[0]]) not in gaz.ambiguous:
                inner = (i, media[0])
        if inner is not None and inner not in have:
            have.add(inner)
            out.append((inner[0], inner[1], "ORG", "nested-name"))
    return merged + out


def latin_names(ctx: Context, merged: List[Found]) -> List[Found]:
    """An organization written in Latin letters after a Persian description of it is the
    Latin name: «بانک دولتی [KfW]», «شرکت آلمانی [Siemens]» (an organization's head, then
    adjectives or demonyms only, then the Latin words to the end of the span)."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    out = []
    for i, j, lab, src in merged:
        head = gaz.org_heads.longest_at(view, i) if lab == "ORG" else None
        if head is not None:
            k, described = head[0], False
            while k < j and view.tok_start[k]:
                demonym = gaz.demonyms.longest_at(view, k)
                if view.token_text(k) in words.org_adjective:
                    k = view.next_token_unit(k)
                elif demonym is not None and demonym[0] <= j:
                    k = demonym[0]
                else:
                    break
                described = True
            if described and k < j and all(_latin(view.token_text(u)) for u in range(k, j) if view.tok_start[u]):
                i = k
        out.append((i, j, lab, src))
    return out


def _latin(tok: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in tok) and all(ch.isascii() for ch in tok)


def _club_name(ctx: Context, i: int, j: int) -> Optional[Tuple[int, int]]:
    """The club's own name in a team's span: the words after the last «باشگاه», or after
    «تیم»/«باشگاه» (``club_head``) and a sport (``sport``), one to three, when they are no listed place,
    no adjective of a national team («تیم ملی ایران» has no name of its own) and do not
    start with a plural («باشگاه مشتریان»)."""
    view, gaz, words = ctx.view, ctx.gaz, ctx.words
    k = None
    u = i
    while u < j:
        if view.tok_start[u] and view.token_text(u) in words.club_head:
            k = view.next_token_unit(u)
        u += 1
    if k is None:
        return None
    club = view.keys[k - 1] == "باشگاه"
    while k < j and view.tok_start[k] and view.token_text(k) in words.sport:
        k = view.next_token_unit(k)
        club = True
    if not club or k >= j or not view.tok_start[k] or len({view.tok[u] for u in range(k, j)}) > 3:
        return None  # «تیم کالدرون», «تیم ترکیه‌ای»: the coach's team, a team described
    first = view.token_text(k)
    if first in words.org_adjective or gaz.places.get(tuple(view.keys[k:j])) is not None \
            or gaz.places.longest_at(view, k) is not None or gaz.is_first_name(first) \
            or gaz.demonyms.longest_at(view, k) is not None:
        return None  # a place, a coach («تیم امیدهای باشگاه [عارف غلامی]»), a demonym
    lex = ctx.lex
    tags = set((lex.words.get(first) or "").split(","))
    if lex.is_plural_noun(first) or first.endswith("ان") and lex.words.get(first[:-2]) \
            or "AJ" in tags and "N" not in tags or first in lex.stop or _graded_adjective(ctx, first):
        return None  # «باشگاه مشتریان», «تیم معمولی …», «۵ باشگاه برتر جهان», «باشگاه بزرگی»: no club's name
    return k, j


def _graded_adjective(ctx: Context, tok: str) -> bool:
    """A comparative or superlative («برتر», «بزرگترین») or an adjective with the
    indefinite «ی» («بزرگی»): it describes what follows, it names nothing."""
    lex = ctx.lex
    if tok.endswith(("تر", "ترین")) and "AJ" in (lex.words.get(tok) or "").split(","):
        return True  # «برتر», «بزرگترین»
    for stem in (tok[:-4] if tok.endswith("ترین") else None, tok[:-2] if tok.endswith("تر") else None,
                 tok[:-1] if tok.endswith("ی") and not lex.is_tagged(tok) else None):
        stem = stem.rstrip("\u200c") if stem else stem
        if stem and len(stem) > 2 and "AJ" in (lex.words.get(stem) or "").split(",") \
                and lex.freq.get(stem, 0) >= 1_000_000:
            return True  # a frequent adjective («بزرگی»; not the first syllable of a name: «پاری سن ژرمن»)
    return False


def places_in_a_list(ctx: Context, merged: List[Found]) -> List[Found]:
    """A listed name that is both a medium and a place («الجزیره» the channel and the
    capital, «فارس» the agency and the province) is the place where it stands in a list
    of places, joined to one by «و» or a comma: «سفر متکی به دمشق و [الجزیره]», «تهران،
    قم، [فارس]، خراسان شمالی»."""
    view, gaz = ctx.view, ctx.gaz
    spans = sorted(merged)
    out = []
    for k, (i, j, lab, src) in enumerate(spans):
        if lab == "ORG" and src == "gazetteer" and tuple(view.keys[i:j]) in gaz.ambiguous \
                and gaz.places.get(tuple(view.keys[i:j])) is not None:
            before = spans[k - 1] if k > 0 else None
            after = spans[k + 1] if k + 1 < len(spans) else None
            if before is not None and before[2] == "LOC" and before[1] == i - 1 and view.keys[i - 1] in ("و", "،", ",") \
                    or after is not None and after[2] == "LOC" and after[0] == j + 1 and view.keys[j] in ("و", "،", ","):
                lab = "LOC"
        out.append((i, j, lab, src))
    return out


def of_member_states(ctx: Context, merged: List[Found]) -> List[Found]:
    """A body «of the member states of» an organization is one name with it: «شورای وزرای
    خارجه [کشورهای عضو] سازمان همکاری شانگهای», «شورای هماهنگ‌کنندگان ملی کشورهای عضو …»
    (an organization span ending at or before «کشورهای عضو», then an organization span);
    the organization stays an entity of its own inside it."""
    view = ctx.view
    n = len(view)
    orgs = {i: j for i, j, lab, _ in merged if lab == "ORG"}
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG":
            k = j
            if k < n and view.keys[k] == "کشورهای" and view.sent[k] == view.sent[i]:
                k += 1
            elif view.keys[j - 1] != "کشورهای" or j - 1 == i:
                k = -1
            if 0 <= k < n and view.keys[k] == "عضو" and k + 1 in orgs and view.sent[k + 1] == view.sent[i]:
                out.append((i, orgs[k + 1], lab, "merged"))
                continue
        out.append((i, j, lab, src))
    return out


def words_written_apart(ctx: Context, merged: List[Found]) -> List[Found]:
    """An organization's edge inside a compound word written apart (its parts joined are
    a lexicon word): one that starts with the compound's second part is a fragment
    («روزنامه [نگاران و روشنفکران]»: «روزنامه‌نگاران») and one that starts with a
    compound adjective is a description («[سازمان یافته] فراملی»: «سازمان‌یافته»), both
    dropped; one that ends with the compound's first part takes its second part too
    («شورای عالی سیاستگذاری [اصلاح طلبان]», «[حزب الله]»)."""
    view, lex = ctx.view, ctx.lex
    n = len(view)
    starts = {i for i, _, _, _ in merged}
    out = []
    for i, j, lab, src in merged:
        if lab == "ORG" and view.tok_start[i] and view.tok[i] > 0:
            prev = view.first_unit[view.tok[i] - 1]
            if view.sent[prev] == view.sent[i] and lex.is_compound(view.token_text(prev), view.token_text(i)):
                continue  # the span starts inside a word
            second = view.next_token_unit(i)
            if second < j:
                tags = lex.words.get(view.token_text(i) + "\u200c" + view.token_text(second))
                if tags and tags != "0" and "N" not in tags.split(","):
                    continue  # «سازمان‌یافته», a compound adjective
        if lab == "ORG" and j < n and view.tok_start[j] and j not in starts and view.sent[j] == view.sent[i] \
                and view.tok_end[j - 1] and lex.is_compound(view.token_text(j - 1), view.token_text(j)) \
                and not lex.is_light_verb(view.token_text(j)) and not lex.is_verbish(view.token_text(j)):
            j = view.next_token_unit(j)  # the span ends inside a word
        out.append((i, j, lab, src))
    return out

