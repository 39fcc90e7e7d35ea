"""Step 1 of the entities stage: the statistical tagger's spans, cleaned.

:class:`TaggerStep` loads the chosen back-end lazily (``lstm``: the bundled
BiLSTM-CRF; ``crf``: the bundled linear CRF; ``stanza``: local stanza models) and
calls it on a document. A bundled model that is missing is a broken install: the
step warns once and the stage goes on with gazetteers and patterns alone.

:func:`clean_tagged` then applies the sanity rules to the tagger's spans (as units):
honorifics and quotes off person names (``دکتر پزشکیان`` → ``پزشکیان``), no lone
verb, function word or adjective as an entity, no listed place as a person, no
descriptor before an organization's name (``روابط عمومی``, ``وبگاه``), no country
*reference* (``رژیم صهیونیستی``) as an organization, no «organization» made only of
adjacent places (``عمان مسقط``), no person that is all title (``مقام معظم رهبری``).
"""

from __future__ import annotations

import importlib
import threading
import warnings
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..document import Document, Span
from .context import QUOTE_CLOSE, QUOTE_OPEN, Context, Tagged

__all__ = ["BACKENDS", "TAGGER_LABELS", "BUNDLED_BACKENDS", "TaggerStep", "tagged_units", "clean_tagged"]

#: entity back-ends: name -> "module:class"; the class is built with the ``tagger_config``
#: keywords and called as ``tagger(doc) -> list[Span]``
BACKENDS: Dict[str, str] = {
    "lstm": "persian_ie.entities.neural:NeuralTagger",
    "crf": "persian_ie.entities.crf:CRFTagger",
    "stanza": "persian_ie.entities.stanza_backend:StanzaTagger",
}
TAGGER_LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")
#: back-ends whose model ships with the package: a missing file means a broken install,
#: so the stage warns and goes on with gazetteers and patterns
BUNDLED_BACKENDS = frozenset({"lstm", "crf"})


class TaggerStep:
    """The statistical tagger of the stage, loaded on first use.

    Args:
        backend: a key of :data:`BACKENDS`, or None for no tagger.
        tagger: a ready tagger object (``tagger(doc) -> list[Span]``), overriding ``backend``.
        config: keywords for the back-end's constructor (``model_path=`` …).
    """

    def __init__(self, backend: Optional[str], tagger: Any = None, config: Optional[Dict[str, Any]] = None):
        if backend is not None and backend not in BACKENDS:
            raise ValueError(f"unknown entity backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
        self.backend = backend
        self.config = dict(config or {})
        self._tagger = tagger
        self._ready = tagger is not None or backend is None
        self._lock = threading.Lock()

    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        state["_lock"] = None
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def tagger(self) -> Any:
        """The back-end object (loaded now if needed), or None."""
        return self._tagger if self._ready else self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._ready:
                return self._tagger
            module, _, attr = BACKENDS[self.backend].partition(":")
            try:
                cls = getattr(importlib.import_module(module), attr)
                self._tagger = cls(**self.config)
            except (ImportError, FileNotFoundError, AttributeError) as exc:
                if self.backend not in BUNDLED_BACKENDS:
                    raise
                self._unavailable(exc)
            self._ready = True
            return self._tagger

    def _unavailable(self, exc: Exception) -> None:
        warnings.warn(f"persian_ie: the bundled entity tagger is unavailable ({exc}); "
                      "using gazetteers and patterns only", RuntimeWarning, stacklevel=4)
        self._tagger = None

    def __call__(self, doc: Document) -> List[Span]:
        """The tagger's PER ORG LOC FAC EVENT PRODUCT spans of ``doc`` (none without a tagger)."""
        tagger = self.tagger
        if tagger is None:
            return []
        try:
            spans = tagger(doc)
        except FileNotFoundError as exc:  # a lazily loaded model file that is not there
            if self.backend not in BUNDLED_BACKENDS:
                raise
            self._unavailable(exc)
            return []
        return [s for s in spans if s.label in TAGGER_LABELS]

    def pipe(self, docs: Sequence[Document]) -> List[List[Span]]:
        """The tagger's spans of several documents, one list each. A back-end with a
        ``pipe(docs)`` method tags the sentences of all the documents together (the
        bundled BiLSTM-CRF does); others are called document by document."""
        tagger = self.tagger
        batch = getattr(tagger, "pipe", None)
        if tagger is None or not callable(batch):
            return [self(doc) for doc in docs]
        try:
            found = batch(docs)
        except FileNotFoundError as exc:
            if self.backend not in BUNDLED_BACKENDS:
                raise
            self._unavailable(exc)
            return [[] for _ in docs]
        return [[s for s in spans if s.label in TAGGER_LABELS] for spans in found]


def tagged_units(ctx: Context, spans: Sequence[Span]) -> List[Tagged]:
    """The tagger's spans as unit ranges, honorifics and quotes trimmed off persons."""
    view, doc = ctx.view, ctx.view.doc
    tagged: List[Tagged] = []
    for span in spans:
        i, j = view.units_of_norm(*doc.norm_span(span))
        if i < j:
            tagged.append((i, j, span.label))
    tagged = _whole_acronyms(ctx, tagged)
    tagged = [trim_person(ctx, s) if s[2] == "PER" else s for s in tagged]
    tagged = [_with_noble_title(ctx, s) if s[2] == "PER" else s for s in tagged]
    return [s for s in tagged if s[0] < s[1]]


def _acronym_runs(ctx: Context) -> Dict[int, Tuple[int, int]]:
    """Unit → ``(start, end)`` of the dotted acronym it is part of: short letter units
    joined by dots with no space between («بی‌.‌بی‌.‌سی», «ای‌.‌جی‌.‌اف‌.‌آر», «آی.اس.آی»);
    the segmenter splits them at the dots (and the sentence splitter may too)."""
    view = ctx.view
    text = view.doc.text
    runs: Dict[int, Tuple[int, int]] = {}
    n = len(view)
    spans = [view.span(k, k + 1) for k in range(n)]  # the normalizer may space «بی‌.‌بی» out
    u = 0
    while u < n:
        v = u + 1
        while v < n and not text[spans[v - 1].end:spans[v].start].replace("\u200c", ""):
            v += 1  # units joined with nothing (or only half-spaces) between in the original text
        parts = [view.text(k, k + 1) for k in range(u, v)]
        dots = [k for k, p in enumerate(parts) if p == "."]
        letters = [p for p in parts if p != "."]
        if dots and len(letters) >= 2 and parts[0] != "." and all(len(p) <= 3 and p.isalpha() for p in letters):
            end = v if parts[-1] != "." else v - 1
            for k in range(u, end):
                runs[k] = (u, end)
        u = v
    return runs


def _whole_acronyms(ctx: Context, tagged: List[Tagged]) -> List[Tagged]:
    """A name never ends inside a dotted acronym: «شبکه بی‌.‌[بی‌.‌سی]» takes the whole
    «بی‌.‌بی‌.‌سی»; a span that starts inside one (a lone «اف» of «ای‌.‌جی‌.‌اف‌.‌آر») is no name."""
    if not any(ctx.view.text(i, j).find(".") >= 0 or j < len(ctx.view) and ctx.view.text(j, j + 1) == "."
               for i, j, _ in tagged):
        return tagged
    runs = _acronym_runs(ctx)
    out: List[Tagged] = []
    for i, j, lab in tagged:
        if i in runs and runs[i][0] != i:
            continue
        last = runs.get(j - 1)
        if last is not None:
            j = max(j, last[1])
        out.append((i, j, lab))
    return out


def _with_noble_title(ctx: Context, s: Tagged) -> Tagged:
    """«[شیخ] تمیم بن حمد آل ثانی»: a title of nobility right before a «بن/آل» name is
    part of its usual form."""
    view, words = ctx.view, ctx.words
    i, j, lab = s
    if i == 0 or not any(view.keys[u] in words.name_connector for u in range(i, j)):
        return s
    t = view.tok[i] - 1
    if t >= 0 and view.doc.tokens[t].norm in words.noble_title and view.sent[i - 1] == view.sent[i]:
        return view.first_unit[t], j, lab
    return s


def _epithet_after_honorific(ctx: Context, k: int, j: int) -> bool:
    """What follows an honorific up to ``j`` (a bracketed blessing left out) is one common
    word, not a name: the honorific and the word make an epithet that is the name
    («امام زمان», «امام زمان (عج)»); cutting the honorific off would leave «زمان»."""
    view = ctx.view
    if j - k >= 3 and view.keys[j - 1] == ")" and "(" in view.keys[k:j]:
        j = k + view.keys[k:j].index("(")
    if k >= j or view.tok[k] != view.tok[j - 1] or not view.tok_start[k]:
        return False
    tok = view.token_text(k)
    # hazm tags the family names it lists as plain nouns (خمینی: N); an epithet's word is more (زمان: N,AJ)
    return ctx.lex.is_common(tok) and ctx.lex.words.get(tok) not in (None, "N") and not ctx.gaz.is_first_name(tok)


def trim_person(ctx: Context, s: Tagged) -> Tagged:
    """Honorifics and opening quotes off the start of a name, closing quotes off its end."""
    view, gaz = ctx.view, ctx.gaz
    i, j, lab = s
    while i < j:
        hon = gaz.honorifics.longest_at(view, i)
        if hon is not None and view.text(i, hon[0]) in ctx.words.noble_title \
                and any(view.keys[u] in ctx.words.name_connector for u in range(hon[0], j)):
            break  # «شیخ تمیم بن حمد آل ثانی»: the title is part of the usual name
        if hon is not None and hon[0] <= j:
            if _epithet_after_honorific(ctx, hon[0], j):
                break  # «امام زمان (عج)»: the honorific and a common word are the name together
            i = hon[0]
            continue
        if view.keys[i] in QUOTE_OPEN:
            i += 1
            continue
        break
    while j > i and view.keys[j - 1] in QUOTE_CLOSE:
        j -= 1
    return i, j, lab


def clean_tagged(ctx: Context, tagged: List[Tagged]) -> List[Tagged]:
    """Sanity rules for tagger spans (see the module doc). (Trimming adjectives or
    common words at the edges of longer spans was tried and cost 4 points of ARMAN F1:
    names there include them, «هشتمین جشنواره …».)"""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    surnames = set()
    for i, j, lab in tagged:
        if lab == "PER" and view.tok[j - 1] > view.tok[i]:
            surnames.add(view.token_text(j - 1))
    out = []
    for i, j, lab in tagged:
        tagged_end = j
        if tuple(view.keys[i:j]) in gaz.not_entities:
            continue
        if lab in ("ORG", "PER"):
            i = _past_demonym_of_previous_noun(ctx, i, j)
        if lab == "PER":
            while j > i and lex.is_possessed_noun(view.token_text(j - 1)):
                j = view.first_unit[view.tok[j - 1]]  # «علاء برهم [برادرش]»: a description after the name
            if j == i:
                continue
            place = gaz.places.longest_at(view, i)
            if place is not None and place[0] == j and not gaz.is_first_name(view.token_text(i)):
                lab = "LOC"  # «با شهردار مینسک»: a listed place is not a person
        if lab != "PER":
            while j > i + 1 and view.tok_start[j - 1] and lex.is_verbish(view.token_text(j - 1)) \
                    and not gaz.is_first_name(view.token_text(j - 1)):
                j -= 1  # «مجلس شورای ملی [برداشتند]»: a name does not end in a verb
            while j > i + 1 and view.tok[j - 1] > view.tok[i] and view.token_text(j - 1).endswith("ترین") \
                    and not gaz.orgs.get(tuple(view.keys[i:j])) and not gaz.places.get(tuple(view.keys[i:j])):
                j = view.first_unit[view.tok[j - 1]]  # «… [خلوت‌ترین]»: nor in a superlative
            if view.tok[i] == view.tok[j - 1] and weak_edge(ctx, i):
                continue  # a lone verb, function word or adjective
            entry = gaz.refs.get(tuple(view.keys[i:j]))
            if entry is not None and gaz.orgs.get(tuple(view.keys[i:j])) is None:
                continue
            if lab == "ORG" and _only_places(ctx, i, j):
                continue
            if lab == "ORG" and i > 0 and view.token_text(i) in ctx.words.press_word and view.tok[i] > 0:
                prev = view.first_unit[view.tok[i] - 1]
                if view.token_text(prev) in ctx.words.press_word and view.sent[prev] == view.sent[i] \
                        and not any(view.keys[prev:i] == list(h) for h in ctx.words.press_head) \
                        and not any(t[0] < i and prev < t[1] for t in tagged):
                    i = prev  # «[تلویزیون] شبکه اول تاجیکستان»: the medium's whole name
            if lab == "ORG":
                for desc in ctx.words.org_descriptor:
                    if i + len(desc) < j and tuple(view.keys[i:i + len(desc)]) == desc:
                        i += len(desc)
                        break
                i = _past_modifier_of_previous_noun(ctx, i, j)
                title = gaz.titles.longest_at(view, i)
                if title is not None and title[0] < j and gaz.org_heads.longest_at(view, title[0]) is not None:
                    i = title[0]  # «[مسؤول] اتحادیه انجمن‌های اسلامی»: the title is the role's
                split = _two_organizations(ctx, i, j)
                if split is not None:  # «هلدینگ فناپ و بانک پاسارگاد»: two names
                    out.append((i, split, lab))
                    i = split + 1
            head = gaz.org_heads.longest_at(view, i)
            if lab == "ORG" and head is not None and head[1].kind == "loc" and (head[0] < j or head[0] == j < tagged_end) \
                    and ctx.entity_at(head[0], ("LOC",)) is None \
                    and not any(s[0] == head[0] and s[2] == "LOC" for s in tagged) \
                    and (head[0] >= j or _ordinary_word(lex, view.token_text(head[0]))):
                continue  # «شهرداری نتوانست»: a municipality is of a place (a bare «شورای شهر» stays;
                # so does one of an unlisted town: «شهرداری فردوسیه»)
        else:
            while view.tok[j - 1] > view.tok[i] and j < len(view):
                u = view.first_unit[view.tok[j - 1]]
                title = gaz.titles.longest_at(view, u)
                if title is None or title[0] != j or not (gaz.places.longest_at(view, j) or gaz.orgs.longest_at(view, j)
                                                          or gaz.demonyms.longest_at(view, j)):
                    break
                j = u  # «… آل ثانی [امیر] قطر»: the title starts a role
        if lab == "PER" and view.tok[i] == view.tok[j - 1]:
            tok = view.token_text(i)
            if (lex.is_function(tok) or lex.is_verbish(tok)) and not gaz.is_first_name(tok) \
                    and tok not in surnames:
                continue
        out.append((i, j, lab))
    # a «person» that is all title (مقام معظم رهبری) is the role's business
    return [t for t in out if not (t[2] == "PER" and _all_title(ctx, t[0], t[1]))]


def _ordinary_word(lex, tok: str) -> bool:
    """A word of the lexicon (or its plural or possessed form), a verb or a function word:
    no town's name («شهرداری [هشدارهای] هواشناسی», «شهرداری [نتوانست]»)."""
    return lex.is_common(tok) or lex.is_function(tok) or lex.is_known(tok) or lex.is_plural_noun(tok) \
        or lex.is_possessed_noun(tok)


def weak_edge(ctx: Context, u: int) -> bool:
    """The token at unit ``u`` cannot begin or end a name (a verb, a function word,
    an adjective that is not part of a known name)."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    tok = view.token_text(u)
    if gaz.places.longest_at(view, u) or gaz.orgs.longest_at(view, u) or gaz.is_first_name(tok):
        return False
    if lex.is_function(tok) or lex.is_verbish(tok):
        return True
    tags = lex.words.get(tok)
    return bool(tags) and tags != "0" and "N" not in tags.split(",")


def _all_title(ctx: Context, i: int, j: int) -> bool:
    view, gaz = ctx.view, ctx.gaz
    hit = gaz.titles.longest_at(view, i)
    if hit is None:
        return False
    u = hit[0]
    while u < j:
        more = gaz.modifiers.longest_at(view, u) or gaz.titles.longest_at(view, u)
        if more is None:
            return False
        u = more[0]
    return u == j


def _only_places(ctx: Context, i: int, j: int) -> bool:
    view, places = ctx.view, ctx.gaz.places
    u = i
    count = 0
    while u < j:
        hit = places.longest_at(view, u)
        if hit is None or hit[0] > j:
            return False
        u = hit[0]
        count += 1
    return count >= 2


def _past_demonym_of_previous_noun(ctx: Context, i: int, j: int) -> int:
    """Start of a name past a demonym that qualifies the noun before the span
    («همتای [ازبکستانی] پامپئو»): Persian puts a nationality after its noun, so a
    demonym between a noun and a name belongs to the noun."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if i == 0 or not view.tok_start[i] or view.sent[i - 1] != view.sent[i]:
        return i
    hit = gaz.demonyms.longest_at(view, i)
    if hit is None or hit[0] >= j or not view.tok_start[hit[0]] or gaz.orgs.longest_at(view, i):
        return i
    prev = view.doc.tokens[view.tok[i] - 1].norm
    tags = lex.words.get(prev) or (lex.words.get(prev[:-1].rstrip("\u200c")) if prev.endswith("ی") else None)
    if not tags or "N" not in tags.split(",") or lex.is_function(prev):
        return i  # («همتای» is «همتا» with its ezafe)
    return hit[0]


def _past_modifier_of_previous_noun(ctx: Context, i: int, j: int) -> int:
    """Start of an organization past a first word that qualifies the noun before the
    span (``لیست [سیاه] FATF``, ``گزارش [شور دوم] کمیسیون اجتماعی``): an adjective (and
    an ordinal after it) right after a noun, when an organization's head, a listed
    organization or a Latin-script name follows. A name does not begin with an adjective."""
    view, gaz, lex = ctx.view, ctx.gaz, ctx.lex
    if i == 0 or not view.tok_start[i] or view.sent[i - 1] != view.sent[i]:
        return i
    prev = view.doc.tokens[view.tok[i] - 1].norm
    prev_tags = set((lex.words.get(prev) or "N").split(","))  # «0»: a lexicon word without tags
    tok = view.token_text(i)
    tags = set((lex.words.get(tok) or "").split(","))
    if prev not in lex.words or not prev_tags & {"N", "0"} or lex.is_function(prev) or "AJ" not in tags \
            or gaz.org_heads.longest_at(view, i) or gaz.orgs.longest_at(view, i) or gaz.places.longest_at(view, i):
        return i
    k = view.next_token_unit(i)
    if k < j and view.tok_start[k] and ctx.words.is_ordinal(view.token_text(k)):
        k = view.next_token_unit(k)
    if k >= j or not view.tok_start[k]:
        return i
    nxt = view.token_text(k)
    if gaz.org_heads.longest_at(view, k) or gaz.orgs.longest_at(view, k) or nxt[:1].isascii() and nxt[:1].isalpha():
        return k
    return i


def _two_organizations(ctx: Context, i: int, j: int):
    """The «و» unit of an ORG span made of two organizations, each starting with an
    organization head or a listed name, or None."""
    view, gaz = ctx.view, ctx.gaz
    if gaz.org_heads.longest_at(view, i) is None and gaz.orgs.longest_at(view, i) is None:
        return None
    for k in range(i + 1, j - 1):
        if view.keys[k] == "و" and view.tok_start[k + 1] and (
                gaz.org_heads.longest_at(view, k + 1) is not None or gaz.orgs.longest_at(view, k + 1) is not None):
            if gaz.ministries.longest_at(view, k + 1) is not None:
                return None  # «وزارت راه و شهرسازی»: one ministry
            return k
    return None
