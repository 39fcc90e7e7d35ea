"""Step 6 of the entities stage: person rules where the tagger found nothing.

In this order (:func:`person_spans`):

a. an honorific + name (``دکتر پزشکیان`` → ``پزشکیان``, stacked ``جناب آقای دکتر``);
b. first name(s) + surname (``علیرضا زاکانی``, ``محمد جواد ظریف``), and a quoted name
   that starts with a first name;
c. a «quoted» or apposed name next to a role (``سفیر بلاروس در تهران «دیمتری
   کالتسوف»``, ``علیرضا زاکانی، شهردار تهران``), and a tagger name missing its first
   word(s) before a role; the next items of a list of names (``حسن روحانی، حامد کرزی،
   امامعلی رحمان و ممنون حسین``); two name words Persian does not know, the tagger
   reading only the second as an organization (``دراگان [اسکوچیچ]``);
d. every later bare mention of a found surname or full name (``زاکانی``); the same
   name tagged otherwise elsewhere in the document (a headline's «پامپئو» as ORG) is
   read as the person too, unless it is a listed place or organization.

Words written with Arabic short vowels («لَتَجِدَنَّ أَشَدَّ النَّاسِ …») are a quoted verse
or prayer: no rule makes a person of them, and the tagger's persons there are dropped.

A single-token listed place that is also a first name (``مهران``) and a tagger
PRODUCT/EVENT/FAC/ORG that starts with a first name (``دیمتری کالتسوف`` tagged
PRODUCT) are *soft*: a person rule may take them over.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .context import PUNCT_LIKE, QUOTE_CLOSE, QUOTE_OPEN, Context, Found
from .gazetteer import Entry, TokenTrie, phrase_units

__all__ = ["person_spans", "first_name_cue", "name_like"]

_COMMA = {"،", ","}
#: Arabic short vowels, tanwin, shadda, sukun and the dagger alef
_HARAKAT = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
#: second halves of compound Arabic first names («شمس الدین», «عبد الله»)
_COMPOUND_TAILS = frozenset({"الدین", "الله", "اللهی", "الدوله", "السلطنه"})


def first_name_cue(ctx: Context, u: int) -> bool:
    """The token at unit ``u`` is a first name that is not also a demonym, a place or
    a derived adjective (مصری، اصلی)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    tok = view.token_text(u)
    if not gaz.is_first_name(tok):
        return False
    if tok in lex.not_names and not _surname_shaped_next(ctx, u):
        return False  # a first name labeled text uses as a word («خاله», «موثر»), unless a family name follows
    if gaz.demonyms.longest_at(view, u) is not None or gaz.places.longest_at(view, u) is not None:
        return False
    if tok.endswith("ای") and tok not in lex.words and "N" in (lex.words.get(tok[:-1]) or "").split(",") \
            and lex.freq.get(tok[:-1], 0) >= 100_000:
        return False  # «سنای پارلمان»: a frequent noun with its ezafe, not the name «سنای»
    return not (lex.words.get(tok) in ("", "0") and lex.is_known(tok))


def _surname_shaped_next(ctx: Context, u: int) -> bool:
    """The word after unit ``u`` is an unknown word with a family name's ending
    («تحسین [قادرزاده]», «کارن [همایونفر]»)."""
    view, lex = ctx.view, ctx.lex
    nxt = view.next_token_unit(u)
    if nxt >= len(view) or view.sent[nxt] != view.sent[u]:
        return False
    tok = view.token_text(nxt)
    return tok.endswith(ctx.words.surname_ending) and not lex.is_tagged(tok) and tok not in lex.not_names


def name_like(ctx: Context, u: int, taken: Sequence[bool], allow_common: bool = False,
              strict: bool = False) -> Optional[int]:
    """End unit of a name word starting at unit ``u`` (a whole token), or None."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if u >= len(view) or taken[u] or not view.tok_start[u]:
        return None
    tok = view.token_text(u)
    nxt = view.next_token_unit(u)
    if any(taken[u:nxt]):
        return None
    if len(tok) < 2 or not tok.isalpha() and "\u200c" not in tok:
        return None
    if any(not (ch.isalpha() or ch == "\u200c") for ch in tok):
        return None
    if gaz.titles.longest_at(view, u) is not None or gaz.honorifics.longest_at(view, u) is not None \
            or gaz.modifiers.longest_at(view, u) is not None and not gaz.is_first_name(tok) \
            or gaz.demonyms.longest_at(view, u) is not None:
        return None
    if tok in lex.stop or tok in words.not_name or tok in words.compound_tail or lex.is_possessed_noun(tok) \
            or lex.is_plural_noun(tok):
        return None
    if nxt < len(view) and view.sent[nxt] == view.sent[u] and lex.is_light_verb(view.token_text(nxt)) \
            and not gaz.is_first_name(tok):
        return None  # the noun of a compound verb: «امام [کاری] کردند», «[ریزش] داشت»
    if tok in lex.not_names and not lex.is_tagged(tok):
        return None  # a word hazm's lexicon lacks that labeled text uses as a word («بیماران», «اینترنتی», «تاکید»)
    if gaz.is_first_name(tok):
        return nxt
    if lex.is_verbish(tok) or lex.is_function(tok):
        return None
    tags = lex.words.get(tok)
    if tags and "N" not in tags.split(",") and tags != "0":
        return None  # an adjective or adverb (بزرگوار، گرامی)
    if "\u200c" in tok and not tok.endswith(words.surname_ending) and not gaz.is_first_name(tok) \
            and all(part in lex.words for part in tok.split("\u200c") if part):
        return None  # a compound of ordinary words (دروازه‌بان، درعین‌حال)
    if not allow_common and not gaz.is_first_name(tok):
        if lex.is_common(tok) or strict and lex.is_known(tok) and not lex.maybe_surname(tok):
            return None
    return nxt


def person_spans(ctx: Context, merged: List[Found], role_ranges: List[Tuple[int, int]]) -> List[Found]:
    """``merged`` with the person rules' PER spans added (see the module doc)."""
    return _PersonRules(ctx, merged, role_ranges).run()


class _PersonRules:
    """The state the rules share: which units are taken (``hard``: no rule may use
    them; ``soft`` places may be taken over) and the new spans."""

    def __init__(self, ctx: Context, merged: List[Found], role_ranges: List[Tuple[int, int]]):
        self.ctx = ctx
        self.view = view = ctx.view
        self.n = n = len(view)
        self.merged = merged
        self.role_ranges = role_ranges
        self.role_starts = {rs for rs, _ in role_ranges}
        gaz = ctx.gaz
        self.taken = taken = [False] * n
        self.soft = soft = [False] * n  # single-token gazetteer places a person rule may override
        for i, j, lab, src in merged:
            for u in range(i, j):
                taken[u] = True
                if src == "gazetteer" and lab == "LOC" and view.tok[i] == view.tok[j - 1] \
                        and gaz.is_first_name(view.token_text(i)):
                    soft[u] = True  # «مهران» the city or the first name
                elif src in ("tagger", "merged") and lab in ("PRODUCT", "EVENT", "FAC", "ORG") \
                        and first_name_cue(ctx, i):
                    soft[u] = True  # «دیمتری کالتسوف» tagged PRODUCT
        for rs, re_ in role_ranges:
            for u in range(rs, re_):
                taken[u] = True
        self.hard = [t and not s for t, s in zip(taken, soft)]  # units no person rule may use
        self.new: List[Found] = []

    def run(self) -> List[Found]:
        # the tagger's "persons" in a voweled Arabic verse are its words («[قَالُوا رَبَّنَا]»)
        self.merged = [s for s in self.merged if s[2] != "PER" or not self.voweled(s[0], s[1])]
        self.honorific_and_first_names()
        self.quoted_names()
        self.role_apposition()
        # drop soft places the person rules took over
        kept = [s for s in self.merged
                if not (self.soft[s[0]] and any(p[0] < s[1] and s[0] < p[1] for p in self.new))]
        self.extend_to_quotes(kept)
        self.complete_names(kept)
        allper = [s for s in kept if s[2] == "PER"] + self.new
        self.extend_before_roles(kept)
        self.unknown_pairs(kept)
        allper = [s for s in kept if s[2] == "PER"] + self.new
        allper += self.list_items(allper)
        self.later_mentions(kept, allper)
        return sorted(kept + self.new)

    # -- helpers ------------------------------------------------------------------------------

    def claim(self, i: int, j: int, src: str) -> None:
        for u in range(i, j):
            self.taken[u] = True
            self.hard[u] = True
        if not self.voweled(i, j):
            self.new.append((i, j, "PER", src))

    def voweled(self, i: int, j: int) -> bool:
        """The original text of units ``[i, j)`` carries Arabic short vowels (two marks or
        more): a quoted verse or prayer («لَتَجِدَنَّ أَشَدَّ [النَّاسِ عَدَاوَة]»,
        «[إِنَّا نَصَارَى]»), not a name; news writes names without them («محمّد» has one)."""
        view = self.view
        start, end = view.doc.alignment.to_original(view.nstart[i], view.nend[j - 1])
        return sum(1 for ch in view.doc.text[start:end] if ch in _HARAKAT) >= 2

    def name_like(self, u: int, allow_common: bool = False, strict: bool = False) -> Optional[int]:
        return name_like(self.ctx, u, self.hard, allow_common=allow_common, strict=strict)

    def surname_run(self, u: int, allow_common: bool, max_words: int = 3, strict: bool = True) -> int:
        """Extend a name from unit u over surname words and connectors; end unit."""
        view, n, gaz, lex = self.view, self.n, self.ctx.gaz, self.ctx.lex
        end = u
        words = 0
        while end < n and words < max_words and view.sent[end] == view.sent[u if u < n else end]:
            if view.keys[end] in self.ctx.words.name_connector and end + 1 < n:
                nxt = self.name_like(end + 1, allow_common=True)
                if nxt is None:
                    break
                end = nxt
                continue  # «بن حمد», «آل ثانی» do not count as extra words
            nxt = self.name_like(end, allow_common=allow_common, strict=strict)
            if nxt is None:
                break
            if words >= 1 and view.token_text(end) in lex.words and not gaz.is_first_name(view.token_text(end)):
                break  # a second surname word must be a real unknown (مگاواتی سوکارنو, not «… انجام»)
            end = nxt
            words += 1
            allow_common = False
        return end

    def descriptive(self, u: int) -> bool:
        """The word at unit ``u`` is an adverb, a number word or an adjective that is not
        a «…ی» form (surnames are: روحانی، کریمی); first names excepted."""
        tok = self.view.token_text(u)
        if self.ctx.gaz.is_first_name(tok):
            return False
        tags = set((self.ctx.lex.words.get(tok) or "").split(","))
        return bool(tags & {"ADV", "NUM"}) or "AJ" in tags and not tok.endswith("ی")

    def role_follows(self, k: int) -> bool:
        """A role starts right after the word at unit k (optionally after a comma)."""
        view = self.view
        if k >= self.n:
            return False
        nxt = view.next_token_unit(k)
        if nxt < self.n and view.keys[nxt] in _COMMA:
            nxt += 1
        return nxt in self.role_starts

    def quoted_name(self, k: int, close: int) -> bool:
        """Units ``[k, close)`` between quotes are free name-like words."""
        view = self.view
        return close > k and not any(self.hard[k:close]) \
            and all(self.name_like(x, allow_common=True) is not None for x in range(k, close) if view.tok_start[x])

    # -- (a), (b) -----------------------------------------------------------------------------

    def after_first_name(self, u: int) -> bool:
        """Unit ``u`` follows a first name or the end of a person span directly."""
        if u == 0 or not self.view.tok_start[u] or self.view.sent[u - 1] != self.view.sent[u]:
            return False
        prev = self.view.first_unit[self.view.tok[u] - 1]
        return self.ctx.gaz.is_first_name(self.view.token_text(prev)) \
            or any(lab == "PER" and j == u for _, j, lab, _ in self.merged)

    def honorific_and_first_names(self) -> None:
        """(a) honorific + name, (b) first name(s) + surname."""
        ctx, view, n, hard = self.ctx, self.view, self.n, self.hard
        gaz, lex, words = ctx.gaz, ctx.lex, ctx.words
        hon_starts = set(gaz.honorifics.starts(view))  # (longest_at is None at every other unit)
        u = 0
        while u < n:
            if hard[u] or not view.tok_start[u]:
                u += 1
                continue
            hon = gaz.honorifics.longest_at(view, u) if u in hon_starts else None
            if hon is not None and view.text(u, hon[0]) in words.postposed_honorific and self.after_first_name(u):
                hon = None  # «مرضیه خانم», «حسن آقا»: the title after a first name, no name follows it
            if hon is not None:
                start = hon[0]
                while True:  # stacked honorifics: جناب آقای دکتر
                    more = gaz.honorifics.longest_at(view, start)
                    if more is None:
                        break
                    start = more[0]
                k = start
                while k < n and not hard[k] and gaz.is_first_name(view.token_text(k)) and view.tok_start[k]:
                    k = view.next_token_unit(k)
                weak = view.text(u, hon[0]) in words.weak_honorific
                end = self.surname_run(k, allow_common=not weak, max_words=2)
                if end > start and k == start and (self.descriptive(start)
                                                   or view.token_text(start) in words.occupation):
                    end = start  # «دکتر معالج», «حاج‌آقا ناگهان», «آقای مجری», «مهندس الکترونیک»: no name
                if end > start:
                    self.claim(start, end, "rule:honorific")
                    u = end
                    continue
            if first_name_cue(ctx, u) and (u == 0 or view.keys[u - 1] not in words.determiner):
                k = u
                firsts = 0
                while k < n and not hard[k] and view.tok_start[k] and gaz.is_first_name(view.token_text(k)) \
                        and firsts < 3 and gaz.titles.longest_at(view, k) is None:
                    k = view.next_token_unit(k)
                    firsts += 1
                # «محمد جواد ظریف»: after two first names a common word may be the surname,
                # unless the second «first name» is itself surname-like (رضا صادقی خواننده)
                prev_first = view.token_text(k - 1) if k > u else ""
                two_firsts = firsts >= 2 and not prev_first.endswith("ی")
                end = self.surname_run(k, allow_common=two_firsts or self.role_follows(k), max_words=1)
                if end > k and firsts == 1 and (lex.is_known(view.token_text(u)) and lex.is_known(view.token_text(k))
                                                and not view.token_text(k).endswith(words.surname_ending)
                                                or lex.is_compound(view.token_text(u), view.token_text(k))):
                    end = k  # a first name that is a word before another word: «کمال صداقت», «مالک هواپیما»;
                    # or the first part of a word written apart: «کینه توزی»
                if end > k and view.sent[end - 1] == view.sent[u]:
                    self.claim(u, end, "rule:first-name")
                    u = end
                    continue
                if firsts >= 2 and prev_first.endswith("ی") and not lex.is_known(prev_first):
                    self.claim(u, k, "rule:first-name")  # «رضا صادقی»: the last «first name» is the surname
                    u = k
                    continue
            u += 1

    def quoted_names(self) -> None:
        """(b') a name in quotes that starts with a first name: «"دیالا مصطفی مطر"، 26 ساله»,
        or that stands beside a noun for a person or an age: «"ریاض الاشقر"، پژوهشگر …»,
        «همسر "منی ابوسنینه"» (the quotes and the apposition outweigh what the tagger or
        a place list read inside them: «ریاض» the city, the name tagged PRODUCT)."""
        ctx, view, n, hard = self.ctx, self.view, self.n, self.hard
        for q in range(n):
            if view.keys[q] not in QUOTE_OPEN or hard[q]:
                continue
            close = q + 1
            while close < n and close - q <= 5 and view.keys[close] not in QUOTE_CLOSE:
                close += 1
            if close >= n or view.keys[close] not in QUOTE_CLOSE or close - q < 3:
                continue
            if not any(hard[q + 1:close]) and first_name_cue(ctx, q + 1) and self.quoted_name(q + 1, close):
                self.claim(q + 1, close, "rule:quoted")
                continue
            inside = [s for s in self.merged if s[0] < close and q + 1 < s[1]]
            if any(s[2] == "PER" or s[0] <= q or s[1] > close for s in inside) \
                    or any(hard[u] and not any(s[0] <= u < s[1] for s in inside) for u in range(q + 1, close)):
                continue
            if self.apposed_person(q, close) and self.quoted_words(q + 1, close):
                for s in inside:  # the quoted name replaces what was read inside it
                    for u in range(s[0], s[1]):
                        self.soft[u] = True
                self.claim(q + 1, close, "rule:quoted-apposition")

    def apposed_person(self, q: int, close: int) -> bool:
        """A noun for a person or an age («26 ساله») right after the quotes (a comma
        between allowed), or a noun for a person right before them."""
        view, n, words = self.view, self.n, self.ctx.words
        if any(q >= len(p) and tuple(view.keys[q - len(p):q]) == p for p in words.org_intro):
            return False  # «به نوشته پایگاه «آرمن پرس»، رئیس‌جمهور …»: a medium's name
        k = close + 1
        if k < n and view.keys[k] in _COMMA:
            k += 1
        if k < n and view.sent[k] == view.sent[close]:
            tok = view.token_text(k)
            if tok in words.person_noun or k in self.role_starts:
                return True
            nxt = view.next_token_unit(k)
            if tok.isdigit() and nxt < n and view.token_text(nxt) == "ساله":
                return True
        return q > 0 and view.sent[q - 1] == view.sent[q] and view.token_text(q - 1) in words.person_noun

    def quoted_words(self, k: int, close: int) -> bool:
        """Units ``[k, close)`` are two to four words that may all be name words."""
        view, lex, gaz = self.view, self.ctx.lex, self.ctx.gaz
        starts = [u for u in range(k, close) if view.tok_start[u]]
        if not 2 <= len(starts) <= 4:
            return False
        for u in starts:
            tok = view.token_text(u)
            if not tok.replace("\u200c", "").isalpha() or tok in lex.stop or lex.is_verbish(tok) \
                    or gaz.titles.longest_at(view, u) is not None or lex.is_possessed_noun(tok):
                return False
        return True

    def extend_to_quotes(self, kept: List[Found]) -> None:
        """A tagger name inside quotes that misses a word of them: «"[سعد مصطفی] ذره"»
        is the whole quoted name when the other words are name-like."""
        view, n = self.view, self.n
        for idx, (i, j, lab, src) in enumerate(kept):
            if lab != "PER" or i == 0:
                continue
            a = i
            while a > 0 and i - a < 3 and view.keys[a - 1] not in QUOTE_OPEN and view.keys[a - 1] not in PUNCT_LIKE:
                a -= 1
            b = j
            while b < n and b - j < 3 and view.keys[b] not in QUOTE_CLOSE and view.keys[b] not in PUNCT_LIKE:
                b += 1
            if a == 0 or b >= n or view.keys[a - 1] not in QUOTE_OPEN or view.keys[b] not in QUOTE_CLOSE \
                    or (a, b) == (i, j):
                continue
            extra = [u for u in list(range(a, i)) + list(range(j, b)) if view.tok_start[u]]
            lex, gaz = self.ctx.lex, self.ctx.gaz
            if all(not self.hard[u] and view.token_text(u).replace("\u200c", "").isalpha()
                   and view.token_text(u) not in lex.stop and not lex.is_verbish(view.token_text(u))
                   and gaz.titles.longest_at(view, u) is None for u in extra):
                kept[idx] = (a, b, lab, "merged")
                for u in range(a, b):
                    self.taken[u] = self.hard[u] = True

    def complete_names(self, kept: List[Found]) -> None:
        """A tagger name that starts with the second half of a compound first name takes
        its first half too: «[سیدشمس] الدین وهابی», «[عبد] الله …». (Taking an unknown
        word after a name, «فیلیپ دوست [بلازی]», or the word before a one-word list item,
        «و [ممنون] حسین», was tried: on 300 unlabeled news articles about half of the
        extensions were ordinary words the lexicon lacks, «شماری», «نتایجی», «پاسخ ترامپ».)"""
        view, hard, lex = self.view, self.hard, self.ctx.lex
        for idx, (i, j, lab, src) in enumerate(kept):
            if lab != "PER" or src != "tagger" or view.tok[i] == 0 or view.token_text(i) not in _COMPOUND_TAILS:
                continue
            prev = view.first_unit[view.tok[i] - 1]
            tok = view.token_text(prev)
            if view.sent[prev] == view.sent[i] and not hard[prev] and tok.isalpha() and tok not in lex.stop \
                    and not lex.is_verbish(tok):
                kept[idx] = (prev, j, lab, "merged")
                for u in range(prev, j):
                    self.taken[u] = hard[u] = True

    def list_items(self, persons: List[Found]) -> List[Found]:
        """(c'') the next item of a list of names: «حسن روحانی، حامد کرزی، [امامعلی رحمان] و
        [ممنون حسین] با …»: two or three name words between list separators, right after a
        person; not before «از» + a person (``و [تست دموکراسی] از محسن مخملباف``: a work
        and its author)."""
        view, n, hard, lex = self.view, self.n, self.hard, self.ctx.lex
        added: List[Found] = []
        ends = sorted({j for _, j, lab, _ in persons if lab == "PER"})
        starts = {i for i, _, lab, _ in persons if lab == "PER"}
        for j in ends:
            k = j
            while k < n and view.keys[k] in _COMMA | {"و"} and k + 1 < n and view.sent[k + 1] == view.sent[j - 1]:
                start = k + 1
                end = start
                words = 0
                while end < n and words < 3 and view.sent[end] == view.sent[start]:
                    nxt = self.name_like(end, strict=True)
                    if nxt is None or view.keys[end] == "و":
                        break
                    end = nxt
                    words += 1
                after = view.token_text(end) if end < n else "."
                if words < 2 or not (after in _COMMA or after == "و" or after in PUNCT_LIKE or after in lex.stop
                                     or lex.is_verbish(after)):
                    break
                if after == "از" and end + 1 in starts:
                    break  # «[تست دموکراسی] از محسن مخملباف»: a work by a person, not a name
                self.claim(start, end, "rule:list")
                added.append(self.new[-1])
                k = end
        return added

    # -- (c) ----------------------------------------------------------------------------------

    def role_apposition(self) -> None:
        """(c) a «quoted» or apposed name right after / before a role."""
        ctx, view, n, hard = self.ctx, self.view, self.n, self.hard
        gaz, lex = ctx.gaz, ctx.lex
        for rs, re_ in self.role_ranges:
            k = re_
            if k < n and view.keys[k] in _COMMA | QUOTE_OPEN:
                quoted = view.keys[k] in QUOTE_OPEN
                k += 1
            else:
                continue  # «وزیر امور خارجه آمریکا کوشش …»: no comma, no apposition
            if quoted:
                close = k
                while close < n and close - k <= 8 and view.keys[close] not in QUOTE_CLOSE:
                    close += 1
                if close < n and view.keys[close] in QUOTE_CLOSE and self.quoted_name(k, close):
                    self.claim(k, close, "rule:role-quoted")
                continue
            end = self.surname_run(k, allow_common=False, max_words=2, strict=True)
            if end > k and (end >= n or view.keys[end] in PUNCT_LIKE or lex.is_verbish(view.token_text(end))):
                self.claim(k, end, "rule:role-apposition")
        for rs, re_ in self.role_ranges:  # name، role  /  name role
            comma = rs >= 1 and view.keys[rs - 1] in _COMMA
            k = rs - 1 if comma else rs
            if k >= 1 and not hard[k - 1] and view.keys[k - 1] not in QUOTE_CLOSE:
                cands: List[int] = []  # start units of candidate words, right to left
                x = k
                while x > 0 and len(cands) < 3:
                    cand = x - 1
                    while cand > 0 and not view.tok_start[cand]:
                        cand -= 1
                    if self.name_like(cand, allow_common=True) is None:
                        break
                    cands.append(cand)
                    x = cand
                best = None
                for m in range(len(cands), 0, -1):  # longest acceptable run first
                    run = cands[:m]
                    start = run[-1]
                    boundary = start == 0 or view.keys[start - 1] in PUNCT_LIKE \
                        or view.keys[start - 1] in lex.stop or view.sent[start - 1] != view.sent[start]
                    if not boundary:
                        continue
                    if first_name_cue(ctx, start) or all(
                            self.name_like(w, strict=True) is not None for w in run) and (comma or m >= 2):
                        best = start
                        break
                if best is not None:
                    self.claim(best, k, "rule:role-apposition")
                    continue
            if rs >= 3 and view.keys[rs - 1] in QUOTE_CLOSE:  # «name» role
                close = rs - 1
                k = close - 1
                while k >= 0 and close - k <= 8 and view.keys[k] not in QUOTE_OPEN:
                    k -= 1
                if k >= 0 and view.keys[k] in QUOTE_OPEN and k + 1 < close and self.quoted_name(k + 1, close):
                    self.claim(k + 1, close, "rule:role-quoted")

    def extend_before_roles(self, kept: List[Found]) -> None:
        """(c') a tagger name missing its first word(s) before a role: «[آنتونیولوئیس]
        اسپینولاسا لگادو سفیر جدید برزیل» (unknown words, at a clause boundary)."""
        view, n, hard, lex = self.view, self.n, self.hard, self.ctx.lex
        role_starts = self.role_starts
        extended = []
        for idx, (i, j, lab, src) in enumerate(kept):
            if lab != "PER" or src != "tagger" or not (j in role_starts or j < n and view.keys[j] in _COMMA
                                                        and j + 1 in role_starts):
                continue
            start = i
            while start > 0 and i - start < 4:
                cand = start - 1
                while cand > 0 and not view.tok_start[cand]:
                    cand -= 1
                tok = view.token_text(cand)
                if hard[cand] or tok in lex.words or self.name_like(cand, strict=True) is None:
                    break
                start = cand
            if start < i and (start == 0 or view.keys[start - 1] in PUNCT_LIKE
                              or view.sent[start - 1] != view.sent[start]):
                extended.append((idx, (start, j, lab, "merged")))
        for idx, span in extended:
            kept[idx] = span
            for u in range(span[0], span[1]):
                self.taken[u] = hard[u] = True

    def unknown_pairs(self, kept: List[Found]) -> None:
        """(c'') a foreign name of two words neither of which Persian knows, the tagger
        reading only the second as an organization (``دراگان [اسکوچیچ]``, ``آروجان
        [حالاکورکی] از هند``): an organization's name has a head, is listed or is one
        word; two unknown name words in a row are a person's first name and surname — or,
        when the second ends a longer organization name in the same document, one more
        such organization (``امریکن [ایرلاینز]`` beside ``یونایتد ایرلاینز``)."""
        view, gaz, lex, hard = self.view, self.ctx.gaz, self.ctx.lex, self.hard
        # last words of longer organization names here («یونایتد ایرلاینز»): a word of an organization
        org_tails = {view.token_text(j - 1) for i, j, lab, _ in kept if lab == "ORG" and view.tok[j - 1] > view.tok[i]}
        for idx, (i, j, lab, src) in enumerate(kept):
            if lab != "ORG" or src != "tagger" or view.tok[i] != view.tok[j - 1] or i == 0:
                continue
            tok = view.token_text(i)
            if tok in lex.words or gaz.orgs.get(tuple(view.keys[i:j])) is not None \
                    or gaz.places.get(tuple(view.keys[i:j])) is not None or not tok.isalpha():
                continue
            prev = i - 1
            while prev > 0 and not view.tok_start[prev]:
                prev -= 1
            first = view.token_text(prev)
            if hard[prev] or view.sent[prev] != view.sent[i] or first in lex.words \
                    or first.endswith("ی") and first[:-1] in lex.words \
                    or self.name_like(prev, strict=True) is None:
                continue  # («تروریستی منافقین»: an adjective of a known word)
            # the tail of other organizations' names: the pair is one more of them (امریکن ایرلاینز)
            kept[idx] = (prev, j, "ORG", "merged") if tok in org_tails else (prev, j, "PER", "rule:unknown-pair")
            for u in range(prev, j):
                self.taken[u] = hard[u] = True

    # -- (d) ----------------------------------------------------------------------------------

    def later_mentions(self, kept: List[Found], allper: List[Found]) -> None:
        """(d) later bare mentions of a known surname or full name."""
        ctx, view = self.ctx, self.view
        gaz, lex = ctx.gaz, ctx.lex
        hard, taken = self.hard, self.taken
        names: Dict[Tuple[str, ...], str] = {}
        for i, j, lab, src in allper:
            units = tuple(view.keys[i:j])
            names[units] = "full"
            toks = [t for t in range(view.tok[i], view.tok[j - 1] + 1)]
            if len(toks) >= 2:
                last_tok = view.doc.tokens[toks[-1]].norm
                if last_tok.replace("\u200c", "").isalpha() and len(last_tok) > 2 \
                        and not lex.is_common(last_tok) and not gaz.is_first_name(last_tok):
                    names[phrase_units(last_tok, normalized=True)] = "surname"
        if not names:
            return
        trie = TokenTrie()
        for units in names:
            trie.add_units(units, Entry("PER"))
        exact = {(s[0], s[1]): k for k, s in enumerate(kept)}
        for i, j, _ in trie.scan(view):
            if not any(hard[i:j]) and not any(taken[i:j]):
                self.claim(i, j, "rule:mention")
                continue
            # the same name tagged otherwise elsewhere (a headline's «پامپئو» as ORG while
            # the body has «مایک پامپئو»): one document, one reading, unless it is listed
            k = exact.get((i, j))
            if k is not None and kept[k][2] != "PER" and kept[k][3] in ("tagger", "merged") \
                    and gaz.places.get(view.keys[i:j]) is None and gaz.orgs.get(view.keys[i:j]) is None:
                kept[k] = (i, j, "PER", "rule:mention")
        self.surnames_tagged_otherwise(kept, allper)

    def surnames_tagged_otherwise(self, kept: List[Found], allper: List[Found]) -> None:
        """A one-word organization of the tagger's that is the last word of a person's
        name in the same text (``رحیم استرلینگ`` … ``مثلث [استرلینگ]``) is that person,
        even when the word is also a common one (the mention rule leaves those alone),
        unless it is a listed place or organization."""
        view, gaz = self.view, self.ctx.gaz
        last_words = {view.keys[j - 1] for i, j, _, _ in allper
                      if view.tok[j - 1] > view.tok[i] and view.tok_start[j - 1] and view.tok_end[j - 1]}
        if not last_words:
            return
        for k, (i, j, lab, src) in enumerate(kept):
            if lab == "ORG" and src == "tagger" and j == i + 1 and view.tok_start[i] and view.tok_end[i] \
                    and view.keys[i] in last_words and gaz.orgs.get(view.keys[i:j]) is None \
                    and gaz.places.get(view.keys[i:j]) is None:
                kept[k] = (i, j, "PER", "rule:mention")
