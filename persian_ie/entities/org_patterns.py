"""Step 3 of the entities stage: organization patterns (a head word + what it is of).

The heads and what may follow them are data (``resources/gazetteers/org_heads.tsv``):

* ``loc``: a listed place (``شهرداری تهران``, ``استانداری اصفهان``);
* ``embassy``: a country or demonym, optionally «در» + place (``سفارت بلاروس در تهران``);
* ``ministry``: a ministry name, optionally a country (``وزارت امور خارجه آمریکا``);
* ``name``: a known organization or 1-4 name-like words (``دانشگاه هاوانا``,
  ``شرکت ملی نفت ایران``); ordinary words, verbs and adjectives end it (``شبکه
  بزرگراهی``, ``شرکت نخواهد``). A head that is also an everyday word (``common`` in the
  file: جمعیت، گروه، مرکز …) needs a name word before a place (``جمعیت ایران`` is
  the population of Iran).

A unit of another organization is one name with it: :func:`subunit_pattern` finds
``مرکز ارتباطات و امور بین‌الملل شهرداری تهران`` and :func:`chain_units` extends
``مرکز لرزه‌نگاری کشوری موسسه ژئوفیزیک دانشگاه تهران`` over each unit in turn.

Each function returns the end unit of the pattern starting at unit ``i``, or None.
"""

from __future__ import annotations

from typing import Optional

from .context import PUNCT_LIKE, QUOTE_CLOSE, QUOTE_OPEN, Context

__all__ = ["administering", "counted", "org_pattern", "subunit_pattern", "chain_units", "source_name", "quoted_name", "plain_word_name"]

_SOURCE_END = {"،", ",", ":", "؛"}
_SUFFIX_APART = {"ها", "های", "هایی", "ای", "ی"}


def org_pattern(ctx: Context, i: int) -> Optional[int]:
    """End unit of an organization pattern starting at unit ``i``, or None."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    hit = gaz.org_heads.longest_at(view, i)
    if hit is None:
        return None
    j, head = hit
    if ctx.preceded_by_determiner(i) or administering(ctx, i) or counted(ctx, i):
        return None
    n = len(view)
    if j >= n or view.sent[j] != view.sent[i]:
        return None
    kind = head.kind
    if kind == "loc":
        loc = ctx.entity_at(j, ("LOC",))
        return loc[0] if loc else None
    if kind == "embassy":
        k = None
        d = gaz.demonyms.longest_at(view, j) or gaz.refs.longest_at(view, j)
        loc = ctx.entity_at(j, ("LOC",))
        if loc is not None and loc[1].kind == "country":
            k = loc[0]
        elif d is not None:
            k = d[0]
        if k is None:
            return None
        if k + 1 < n and view.keys[k] == "در":
            loc2 = ctx.entity_at(k + 1, ("LOC",))
            if loc2 is not None:
                k = loc2[0]
        return k
    if kind == "ministry":
        m = gaz.ministries.longest_at(view, j)
        if m is None:
            return None
        k = m[0]
        loc = ctx.entity_at(k, ("LOC",)) if k < n else None
        if loc is not None and loc[1].kind == "country":
            k = loc[0]
        return k
    # kind == "name": a known name, or 1-4 name-like words
    known = ctx.entity_at(j)
    if known is not None and known[1].label == "ORG":
        if head.canonical in gaz.common_heads and known[1].kind == "movement":
            return None  # «گروه طالبان»: the movement's own name is the entity
        return known[0]
    m = gaz.ministries.longest_at(view, j)  # اداره کل میراث فرهنگی … کهگیلویه و بویراحمد
    if m is not None and head.canonical in words.office_head:
        k = m[0]
        loc = ctx.entity_at(k, ("LOC",)) if k < n else None
        if loc is not None:
            return loc[0]
        if head.canonical in ("اداره کل", "اداره"):
            return k
    if j < n and view.tok_start[j] and view.tok_end[j - 1] and lex.is_compound(view.token_text(j - 1), view.token_text(j)):
        return None  # the head is the first part of a word written apart: «روزنامه نگاران», «سازمان یافته»
    if j < n and view.token_text(j).strip("\u200c") in _SUFFIX_APART:
        return None  # a plural or indefinite head, its suffix written apart: «خبرگزاری ها», «کمیته ‌ای»
    k = j
    last = None
    steps = 0
    common = head.canonical in gaz.common_heads
    press = tuple(view.keys[i:j]) in words.press_head or tuple(view.keys[i:j]) in words.open_name_head
    while k < n and steps < 4 and view.sent[k] == view.sent[i]:
        if not view.tok_start[k]:
            break
        tok = view.token_text(k)
        nxt = view.next_token_unit(k)
        ent = ctx.entity_at(k)
        if ent is not None:
            if common and k == j and ent[1].label == "LOC":
                return None  # «جمعیت ایران»: an everyday head and a place is no organization
            last = ent[0]
            if press and steps < 3:  # a title may contain a place: «روزنامه ژاپن تایمز»
                k = last
                steps += 1
                continue
            while last < n and view.tok_start[last] and view.token_text(last) in words.org_adjective \
                    and view.sent[last] == view.sent[i]:
                last = view.next_token_unit(last)  # «شورای سوریه دموکراتیک»
            break  # a name ending in a place or a known organization ends there
        if tok in PUNCT_LIKE or tok.isdigit() or gaz.titles.longest_at(view, k) is not None \
                or gaz.org_heads.longest_at(view, k) is not None:
            break
        if tok in words.org_adjective:
            k = nxt
            steps += 1
            continue
        if lex.is_untagged_word_form(tok):
            break  # «باشگاه [فعلاً]», «شرکت [درانتخابات]»
        if tok == "و" and last is not None:
            if counted(ctx, i, number_words=True):
                break  # «دو [تیم کیلمارناک] و واسلند بورن»: the bodies counted are named one by one
            if nxt < n and (gaz.org_heads.longest_at(view, nxt) is not None or gaz.orgs.longest_at(view, nxt) is not None
                            or ctx.entity_at(nxt, ("LOC",)) is not None):
                break  # «هلدینگ فناپ و بانک پاسارگاد»: a second organization; «گروه A و ایران»: a place next
            k = nxt
            continue
        if nxt < n and view.sent[nxt] == view.sent[i] and lex.is_light_verb(view.token_text(nxt)):
            break  # the noun of a compound verb: «روابط عمومی باشگاه [تاکید] کرد»
        if lex.is_common(tok) or lex.is_known(tok) and not (press and last is not None) \
                or lex.is_possessed_noun(tok) or lex.is_plural_noun(tok) \
                or any(ch.isdigit() for ch in tok) or tok.endswith("ی") and not gaz.is_first_name(tok):
            break  # ordinary words, adjectives, possessed or plural nouns («شبکه بزرگراهی», «گروه معدودی», «تیم کشورشان») end it
        k = last = nxt
        steps += 1
    if last is None or last <= j:
        return None
    return last


def counted(ctx: Context, i: int, number_words: bool = False) -> bool:
    """A count in digits comes right before the head at unit ``i``: the head is counted,
    not named («۳۰۰ دفتر ICT روستایی», «۱۰۶ دفتر قزوین»); not a year («سال ۲۰۱۵ موسسه
    هنرهای کالیفرنیا»: four digits, or after «سال»). With ``number_words`` (the plain-word
    names) any number counts, words too («دو کمیته علمی و اجرائی»). Number words before
    other heads often count bodies named next («دو حزب دموکرات و جمهوری‌خواه», «دو تیم
    ایران و اتریش»), so the general patterns take digits only."""
    view, words = ctx.view, ctx.words
    t = view.tok[i]
    if t == 0:
        return False
    prev = view.doc.tokens[t - 1].norm
    if number_words:
        return prev.isdigit() or prev in words.cardinal
    if prev.isdigit():
        if len(prev) == 4 or t >= 2 and view.doc.tokens[t - 2].norm in ("سال", "سالهای", "سال‌های"):
            return False
        return view.token_text(i) not in words.named_after_count
    return False


def administering(ctx: Context, i: int) -> bool:
    """Unit ``i`` is «اداره» as the act of running something, not an office: followed by
    what is run (``administered`` in ``word_classes.tsv``: «اداره کشور», «اداره جلسه»)
    or by a country («اداره عراق»), «امور» between them or not («اداره امور عراق»; but
    «اداره امور مالیاتی» is an office)."""
    view = ctx.view
    if view.keys[i] != "اداره" or not view.tok_end[i] or i + 1 >= len(view) or view.sent[i + 1] != view.sent[i]:
        return False
    k = i + 1
    if view.keys[k] in ("امور", "امورات") and k + 1 < len(view) and view.sent[k + 1] == view.sent[i]:
        k += 1  # «اداره امور [عراق]» runs Iraq's affairs; «اداره امور مالیاتی» is an office
    if view.token_text(k) in ctx.words.administered:
        return True
    place = ctx.gaz.places.longest_at(view, k)
    return place is not None and place[1].kind == "country"


def subunit_pattern(ctx: Context, i: int) -> Optional[int]:
    """A unit of a named organization: ``مرکز ارتباطات و امور بین‌الملل`` +
    ``شهرداری تهران``; the unit's own words may be ordinary ones, but the phrase must
    end in an organization found by a pattern or the gazetteer."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    hit = gaz.org_heads.longest_at(view, i)
    if hit is None or hit[1].canonical not in ctx.words.subunit_head:
        return None
    if ctx.preceded_by_determiner(i):
        return None
    k = hit[0]
    n = len(view)
    words = 0
    while k < n and words <= 5 and view.sent[k] == view.sent[i]:
        if not view.tok_start[k]:
            return None
        known = gaz.orgs.longest_at(view, k)
        nxt = org_pattern(ctx, k) if gaz.org_heads.longest_at(view, k) else None
        end = max(nxt or 0, known[0] if known else 0)
        if end > k and (words > 0 or hit[1].canonical in ctx.words.unit_of):
            if view.keys[k - 1] == "و" and words > 1 and (gaz.org_heads.longest_at(view, k) is None
                                                          or gaz.org_heads.longest_at(view, k)[1].canonical
                                                          not in ctx.words.subunit_head):
                return None  # «کمیته امداد و [هلال احمر]»: two bodies side by side, not a unit of one
            return chain_units(ctx, k, end)
        tok = view.token_text(k)
        if tok in PUNCT_LIKE or tok.isdigit() or lex.is_verbish(tok) \
                or tok in lex.stop and tok != "و" or gaz.titles.longest_at(view, k) is not None:
            return None
        k = view.next_token_unit(k)
        words += 1
    return None


def chain_units(ctx: Context, i: int, j: int) -> int:
    """Extend an organization that is a unit of another: «مرکز لرزه‌نگاری کشوری» +
    «موسسه ژئوفیزیک» + «دانشگاه تهران» is one name."""
    view, gaz = ctx.view, ctx.gaz
    head = gaz.org_heads.longest_at(view, i)
    while head is not None and head[1].canonical in ctx.words.subunit_head and j < len(view) \
            and view.sent[j] == view.sent[i]:
        nxt = org_pattern(ctx, j)
        known = gaz.orgs.longest_at(view, j)
        end = max(nxt or 0, known[0] if known else 0)
        if end <= j:
            break
        head = gaz.org_heads.longest_at(view, j)
        j = end
    return j


def source_name(ctx: Context, i: int) -> Optional[int]:
    """The news source named in a source slot, unlisted: «به گزارش [روز نو]،», «به گزارش
    [تابناک ورزشی] و به نقل از …» (one to three words closed by a comma or colon, or by
    «و» before another source cue; not «به گزارش خبرنگار ما،»)."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    if not ctx.source_slot(i) or view.token_text(i) in words.not_source:
        return None
    n = len(view)
    nxt = view.next_token_unit(i)
    if view.token_text(i) in words.weekday or view.token_text(i) in words.not_in_name and nxt < n \
            and view.token_text(nxt) in words.weekday:
        return None  # «به گزارش روز یکشنبه ایرنا»: when, not who (the source follows, listed or not)
    k, toks = i, 0
    while k < n and toks < 3 and view.sent[k] == view.sent[i]:
        tok = view.token_text(k)
        if tok in PUNCT_LIKE or tok == "و":
            break
        if lex.is_verbish(tok) or lex.is_light_verb(tok) or _function_word(ctx, tok) \
                or tok.endswith(("\u200cها", "\u200cهای", "\u200cهایی")) \
                or gaz.titles.longest_at(view, k) is not None or gaz.honorifics.longest_at(view, k) is not None \
                or gaz.demonyms.longest_at(view, k) is not None:
            return None  # «به نقل از یک منبع امنیتی خبر [داد]،»: a clause; «خبرگزاری [ها]»: a plural
        k = view.next_token_unit(k)
        toks += 1
    if k == i or k >= n:
        return None
    if toks >= 2 and gaz.is_first_name(view.token_text(i)) and not lex.is_common(view.token_text(view.next_token_unit(i))):
        return None  # «به نقل از [عبدالله ابتهاج شیرازی]،»: a person quoted, no medium
    if view.keys[k] in _SOURCE_END:
        return k
    if view.keys[k] == "و" and any(tuple(view.keys[k + 1:k + 1 + len(cue)]) == cue for cue in words.source_cue):
        return k
    return None


def quoted_name(ctx: Context, q: int) -> Optional[int]:
    """An organization's name in quotes, introduced as one: after a word such as
    «شبکه», «روزنامه», «شرکت», «حزب» (``شبکه «ان اچ کی»``, ``شرکت "روسبرن اکسپورت"``)
    or followed by one (``«آسیا پلوس» از پایگاه‌های خبری``, ``«کا-نیوز» یک پایگاه
    خبری``). ``q`` is the opening quote's unit; returns the closing quote's unit (the
    name is between them) or None."""
    view, words = ctx.view, ctx.words
    n = len(view)
    if view.keys[q] not in QUOTE_OPEN:
        return None
    close = q + 1
    while close < n and close - q <= 8 and view.keys[close] not in QUOTE_CLOSE and view.sent[close] == view.sent[q]:
        if view.token_text(close) in ("،", ".", ":", "؛", "؟", "!"):
            return None
        close += 1
    if close >= n or close == q + 1 or view.keys[close] not in QUOTE_CLOSE:
        return None
    if all(view.keys[u] in ("و", "یا", "،", ",") for u in range(q + 1, close)):
        return None  # «"جنبش …" و یا "جنبش …"»: between two quoted names, no name
    if any(q >= len(p) and tuple(view.keys[q - len(p):q]) == p for p in words.work_head):
        return None  # «برنامه «نگاه یک» شبکه یک»: a programme's, an exhibition's title
    before = any(q >= len(p) and tuple(view.keys[q - len(p):q]) == p for p in words.org_intro)
    after = close + 1
    if after < n and view.keys[after] in ("یک", "از"):
        after += 1
    follows = any(tuple(view.keys[after:after + len(p)]) == p for p in words.org_intro)
    return close if before or follows else None


def plain_word_name(ctx: Context, i: int) -> Optional[int]:
    """An organization named by plain words after a head that is rarely used alone
    (``plain_name_head``: ``سازمان بیمه``, ``ستاد تسهیلات سفر مازندران``, ``کمیته قانون
    اساسی``, ``سازمان نظام روانشناسی و مشاوره``): one to three nouns or adjectives
    (one «و» between two of them), ending at a listed place or organization; one that
    opens with an adjective of kind (``kind_adjective``: ``کمیسیون مشترک اقتصادی``) only
    when it ends at a place (``کمیسیون مشترک اقتصادی ایران و ترکیه``). Not after a
    determiner (``این سازمان``) or a number (``دو کمیته``); a word followed by a verb
    is the verb's noun (``ستاد
    اقتصادی دولت [پیگیری] شده``), time words and references back (``ستاد مربوطه``) end
    it. Returns the end unit or None."""
    view, gaz, lex, words = ctx.view, ctx.gaz, ctx.lex, ctx.words
    hit = gaz.org_heads.longest_at(view, i)
    if hit is None or view.token_text(i) not in words.plain_name_head or ctx.preceded_by_determiner(i):
        return None
    if counted(ctx, i, number_words=True):
        return None  # «دو کمیته علمی و اجرائی»: a count of committees, not one named
    j, n = hit[0], len(view)
    if j >= n or not view.tok_start[j] or view.sent[j] != view.sent[i] or gaz.orgs.longest_at(view, i) \
            or gaz.orgs.longest_at(view, j):
        return None  # a listed name: the other patterns know its extent
    common = hit[1].canonical in gaz.common_heads
    k, last, count, conj, nouns = j, None, 0, False, 0
    while k < n and count < 3 and view.sent[k] == view.sent[i] and view.tok_start[k]:
        tok = view.token_text(k)
        nxt = view.next_token_unit(k)
        place = ctx.entity_at(k, ("LOC",))
        if place is not None and last is not None:
            return place[0]  # «ستاد تسهیلات سفر [مازندران]»
        if tok == "و" and last is not None and not conj and nxt < n and view.tok_start[nxt] \
                and _plain_word(ctx, view.token_text(nxt)) and gaz.org_heads.longest_at(view, nxt) is None:
            conj = True
            k = nxt
            continue
        if not _plain_word(ctx, tok) or place is not None or gaz.org_heads.longest_at(view, k) is not None \
                or gaz.titles.longest_at(view, k) is not None or last is None and tok.endswith("\u200cای"):
            break  # … «کمیته ویژه‌ای»: an indefinite noun phrase
        after = view.doc.tokens[view.tok[k] + 1].norm if view.tok[k] + 1 < len(view.doc.tokens) else ""
        if _verb_form(ctx, after) and after not in words.copula:
            break  # «[پیگیری] شده», «[منعقد] شده»: the noun of a compound verb
        tags = lex.words.get(tok)
        nouns += tags is None or "N" in tags.split(",")
        last = k = nxt
        count += 1
    if last is None or not nouns or common and count < 2:
        return None  # «کمیته فنی», «کمیته علمی و اجرائی», «کمیته تحقیق»: a description, not a name
    if view.tok_end[j] and view.keys[j] in words.kind_adjective:
        return None  # «کمیسیون مشترک اقتصادی» with no parties named: what kind of body, not which
    return last


def _verb_form(ctx: Context, tok: str) -> bool:
    """A verb form or light verb (``شده``, ``نشود``, ``می‌شود``)."""
    lex = ctx.lex
    return lex.is_verbish(tok) or tok in ctx.words.light_verb or tok in lex.verbs and lex.words.get(tok) is None \
        or len(tok) >= 4 and tok[0] in "نب" and tok[1:] in lex.verbs and tok[1:] not in lex.words


def _plain_word(ctx: Context, tok: str) -> bool:
    """A noun or adjective that may be part of a plain-word organization name."""
    lex, words = ctx.lex, ctx.words
    if tok in words.org_adjective:
        return True  # «عالی», «ملی» (stop words of hazm's list)
    if tok in PUNCT_LIKE or any(ch.isdigit() for ch in tok) or tok in words.not_in_name or tok in lex.stop \
            or _verb_form(ctx, tok) or lex.is_function(tok) or ctx.gaz.is_first_name(tok) \
            or lex.is_untagged_word_form(tok) or tok in _SUFFIX_APART:
        return False  # … «کمیته [معمولا]», «کمیته [برعهده]», «کمیته [ای]»
    if tok.endswith(("\u200cها", "\u200cهای", "\u200cاش", "\u200cشان", "\u200cام")):
        return False
    tags = set((lex.words.get(tok) or "0").split(","))
    return ("N" in tags or "AJ" in tags and "ADV" not in tags or tags == {"0"}) and not tok.endswith("انه")


def _function_word(ctx: Context, tok: str) -> bool:
    tags = ctx.lex.words.get(tok)
    return bool(tags) and tags != "0" and not ({"N", "AJ"} & set(tags.split(",")))
