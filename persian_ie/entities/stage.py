"""The entities stage: statistical tagger + gazetteers + patterns + roles.

:class:`EntityRecognizer` appends PER ORG LOC FAC EVENT PRODUCT and ROLE spans to
``doc.entities`` (the dates stage adds DATE/TIME). It works on ``doc.norm`` and
``doc.tokens`` and builds every span with ``doc.span_from_norm``, so each points into
the caller's original text.

How the sources are combined (in this order):

1. **Tagger** (``backend="lstm"``, the bundled BiLSTM-CRF; ``"crf"``, the bundled
   linear CRF; or ``"stanza"``): its spans,
   with honorifics (دکتر، آقای، حجت‌الاسلام …) trimmed off PER spans. When the bundled
   model file is missing the stage runs on gazetteers and patterns alone.
2. **Gazetteer names** (places, organizations, media; longest match) and
   **organization patterns** (``شهرداری`` + place, ``سفارت`` + country [+ ``در`` +
   place], ``وزارت`` + ministry [+ country], ``دانشگاه/بانک/شرکت/خبرگزاری/سازمان…``
   + name). Names that are also common words (``ambiguous.txt``: مالی، فارس، مهر …)
   count only with support: an overlapping tagger span, a head (``خبرگزاری فارس``)
   or a source slot (``به گزارش مهر``).
3. **Merge**: a tagger span inside a gazetteer/pattern span is dropped (the pattern
   knows the exact extent: ``شهرداری تهران`` not ``تهران``); a tagger span that
   strictly contains gazetteer spans wins (a longer organization name); partial
   overlaps of the same label are joined, of different labels the gazetteer wins. A
   place inside an organization is not a separate entity.
4. **Roles** (:mod:`persian_ie.entities.roles`) over the merged spans. ROLE spans
   are a layer above the others: the places and organizations inside a role stay
   entities of their own (``سفیر بلاروس در تهران`` contains LOC ``بلاروس``).
5. **Person rules** where the tagger found nothing: an honorific + name
   (``دکتر پزشکیان`` → ``پزشکیان``), first name(s) + surname (``علیرضا زاکانی``), a
   «quoted» or apposed name next to a role; then every later bare mention of a found
   surname (``زاکانی``) is a PER too.
6. **Links** role ↔ person (``role.attrs["person"]``, ``person.attrs["role"]``).

What each span carries in ``attrs`` (not serialized): ``source`` (``tagger``,
``gazetteer``, ``pattern``, ``merged``, ``rule:…``, ``role``); on ROLE spans also
``title`` (the canonical title), ``bare`` (True when the role is the title alone),
``person`` (the linked PER span, when apposed),
``organization`` (the first ORG span inside the role, or None: ``مدیرعامل شرکت X``)
and ``country`` (:func:`~persian_ie.entities.countries.country_of` of the role, or
None for anaphora such as ``همتای خود``); on a linked PER span ``role``.

``normalized`` is the library normalizer's form of the span text.
"""

from __future__ import annotations

import importlib
import threading
import warnings
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..document import Document, Span
from ..zwnj import GluedWordRepairer, hazm_data_path
from .gazetteer import Entry, Gazetteer, TokenTrie, TokenView, gazetteer, phrase_units
from .countries import country_of
from .roles import find_roles, link_roles

__all__ = ["EntityRecognizer", "BACKENDS", "TAGGER_LABELS"]

#: entity back-ends: name -> "module:class"; the class is built with no arguments and
#: called as ``tagger(doc) -> list[Span]``
BACKENDS: Dict[str, str] = {
    "lstm": "persian_ie.entities.neural:NeuralTagger",
    "crf": "persian_ie.entities.crf:CRFTagger",
    "stanza": "persian_ie.entities.stanza_backend:StanzaTagger",
}
TAGGER_LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")
#: back-ends whose model ships with the package: a missing file means a broken install,
#: so the stage warns and goes on with gazetteers and patterns
BUNDLED_BACKENDS = frozenset({"lstm", "crf"})

_DETERMINERS = {"این", "آن", "همین", "همان", "هر", "چند", "برخی", "سایر", "دیگر", "کدام", "چندین",
                "هیچ", "تمام", "همه", "بعضی", "یک"}
#: words that describe an organization rather than name it: «روابط عمومی فدراسیون کشتی»,
#: «وبگاه وزارت خارجه آمریکا», «گروهک تروریستی منافقین» → the organization after them
_ORG_DESCRIPTORS = tuple(sorted((tuple(d.split()) for d in (
    "روابط عمومی", "وبگاه", "وب‌سایت", "سایت", "پایگاه خبری", "پایگاه اینترنتی", "گروهک تروریستی", "گروهک",
    "تیم فوتبال باشگاه", "تیم فوتبال")), key=len, reverse=True))
_SOURCE_CUES = (("به", "گزارش"), ("به", "نقل", "از"), ("منبع",), ("منبع", ":"), ("به", "گزارش", ":"))
_SOURCE_LAST = {cue[-1] for cue in _SOURCE_CUES}
_NAME_CONNECTORS = {"بن", "بنت", "ابن", "ال", "آل", "عبد", "ابو", "دی", "فون", "وان", "د", "لا", "ول"}
_COMMON_TAGS = {"AJ", "ADV", "PRO", "DET", "P", "CONJ", "NUM", "POSTP", "PREP", "AJC", "CL", "INT", "PS", "PL"}
_ORG_ADJ = {"ملی", "مرکزی", "آزاد", "اسلامی", "صنعتی", "بین‌المللی", "جهانی", "عالی", "دولتی", "ایران",
            "پزشکی", "فنی", "علوم", "توسعه", "تعاون", "صادرات", "کشاورزی", "فرهنگی", "اقتصادی", "خبری"}
_OFFICE_WORDS = {"دفتر", "ستاد", "شاخه", "بخش", "حوزه", "معاونت", "دبیرخانه"}
_SUBUNIT_HEADS = {"مرکز", "موسسه", "مؤسسه", "اداره", "اداره کل", "دفتر", "معاونت", "دانشکده", "پژوهشکده",
                  "پژوهشگاه", "ستاد", "کمیته", "کمیسیون", "مدیریت", "بخش"}
_OFFICE_HEADS = {"اداره کل", "اداره", "سازمان", "معاونت", "مدیریت", "ستاد", "مرکز", "دفتر"}
_WEAK_HONORIFICS = {"استاد", "شهید", "مرحوم", "حاج", "حاجی", "زنده‌یاد", "سید", "علامه"}
_NOT_NAMES = {"آقایان", "خانم‌ها", "بانوان", "درعین‌حال", "دراین‌حال", "درحالیکه", "رسما", "ضمنا", "اساسا",
              "اخیرا", "قبلا", "بعدا", "فعلا", "واقعا", "تقریبا", "کاملا", "مجددا", "عمدتا", "دقیقا"}
_SURNAME_ENDINGS = ("\u200cنژاد", "نژاد", "زاده", "\u200cزاده", "پور", "\u200cپور", "یان", "\u200cفر", "\u200cنیا", "وند", "اف", "وف", "یف")
_VERB_CLITICS = ("\u200cاند", "\u200cایم", "\u200cاید", "\u200cاست", "\u200cام", "\u200cای")
_STRICT_FUNCTION_TAGS = {"P", "CONJ", "PRO", "DET", "POSTP", "PREP"}
_FUNCTION_TAGS = {"CL", "P", "CONJ", "PRO", "DET", "NUM", "ADV", "POSTP", "PREP", "INT", "PS", "PL"}
_PLACE_HEADS = {"استان", "شهرستان", "شهر", "کشور", "استان‌های", "شهرهای", "کشورهای"}
_PUNCT_LIKE = set("،,.:;!?؟؛«»()[]{}\"'“”-–—/|…")
_QUOTE_OPEN, _QUOTE_CLOSE = {"«", "\"", "“"}, {"»", "\"", "”"}


class _Lexicon:
    """Common-word knowledge from hazm's lexicon (shared with the ZWNJ repairer)."""

    _inst: Optional["_Lexicon"] = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        rep = GluedWordRepairer.default()
        self.words = rep.words
        self.freq = rep.freq
        self.verbs = rep.verb_forms
        try:
            with open(hazm_data_path("stopwords.dat"), encoding="utf-8") as fh:
                self.stop = {w.strip().replace("ي", "ی").replace("ك", "ک") for w in fh if w.strip()}
        except (OSError, RuntimeError):
            self.stop = set()

    @classmethod
    def get(cls) -> "_Lexicon":
        if cls._inst is None:
            with cls._lock:
                if cls._inst is None:
                    cls._inst = cls()
        return cls._inst

    def is_verbish(self, tok: str) -> bool:
        if "\u200c" in tok and ("می\u200c" in tok or tok.endswith(_VERB_CLITICS)):
            return True  # نوشته‌اند، برمی‌گرداند
        for prefix in ("نمی\u200c", "می\u200c"):
            if tok.startswith(prefix) and tok[len(prefix):] in self.verbs:
                return True
        if tok[:1] in ("ن", "ب") and tok not in self.words and len(tok) >= 4 and tok[1:] in self.verbs \
                and tok[1:] in self.words:
            return True  # نکرد، بگوید (but not «نیازی»)
        # a bare verb form; «…ی» forms (2nd person) are rare in news and clash with nouns (نیازی)
        return tok in self.verbs and tok not in self.words and not tok.endswith("ی")

    def is_known(self, tok: str) -> bool:
        """In the lexicon as a word (not a plausible unknown surname): tagged words, and
        untagged derived words whose stem is a tagged word (اصلی ← اصل)."""
        tags = self.words.get(tok)
        if tags is None:
            return False
        if tags not in ("", "0"):
            return True
        for suffix in ("ی", "\u200cای", "ای", "ان", "\u200cها", "\u200cهای", "ها", "های"):
            if tok.endswith(suffix) and len(tok) > len(suffix) + 1:
                stem = tok[: -len(suffix)]
                if self.words.get(stem) not in (None, "", "0") and self.freq.get(stem, 0) >= 100_000 \
                        and not gazetteer().is_first_name(stem):
                    return True
        return False

    def maybe_surname(self, tok: str) -> bool:
        """A lexicon word that may still be a family name: hazm lists many famous names
        as plain nouns (پوتین، نتانیاهو، احمدی‌نژاد); ordinary nouns are usually frequent
        or carry more tags."""
        return self.words.get(tok) == "N" and self.freq.get(tok, 0) < 1_000_000 \
            and not tok.endswith(("ه", "ها", "های", "ات", "ان")) or tok.endswith(_SURNAME_ENDINGS)

    def is_function(self, tok: str) -> bool:
        """A stop word, verb form or function word (never part of a name)."""
        if tok in self.stop or self.is_verbish(tok):
            return True
        tags = self.words.get(tok)
        if not tags or tags == "0":
            return False
        tagset = set(tags.split(","))
        return "N" not in tagset and bool(tagset & _FUNCTION_TAGS) or bool(tagset & _STRICT_FUNCTION_TAGS)

    def is_common(self, tok: str) -> bool:
        """A common Persian word (not a plausible surname on its own)."""
        if tok in self.stop or self.is_verbish(tok):
            return True
        if "\u200c" in tok:
            head, _, tail = tok.partition("\u200c")
            if tail in ("ها", "های", "هایی", "ای", "ی", "اش", "شان", "ام", "ترین", "تر"):
                return True
        tags = self.words.get(tok)
        if tags is None:
            return False
        if self.freq.get(tok, 0) >= 1_000_000:
            return True
        return bool(set(tags.split(",")) & _COMMON_TAGS)


class EntityRecognizer:
    """Pipeline stage: finds entities and ROLE phrases, links roles to names.

    Args:
        backend: ``"lstm"`` (the bundled BiLSTM-CRF, numpy inference; the default),
            ``"crf"`` (the bundled linear CRF: faster, less accurate; for either, a
            missing model file → gazetteers and patterns only, with a warning),
            ``"stanza"`` (local stanza models; raises a clear error when absent), or
            ``None`` for no tagger.
        tagger: a ready tagger object (``tagger(doc) -> list[Span]``), overriding ``backend``.
        roles: find ROLE phrases and role↔name links.
        person_rules: add PER spans from honorifics, first names and role apposition.
        bare_places: a known place wrapped by the tagger in ordinary words (``استان
            ایلام``, ``پارک آبی یاسوج``, ``قطر تماس``) is reported as the bare place, the
            project's convention; ``False`` keeps the tagger's longer span (the ARMAN and
            PEYMA convention for ``استان X``, ``قاره آفریقا``).
        tagger_config: passed to the back-end's constructor (``model_path=`` for ``lstm``/``crf``).

    >>> from persian_ie import Pipeline
    >>> nlp = Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(backend=None))])
    >>> doc = nlp("علیرضا زاکانی، شهردار تهران با سفیر بلاروس دیدار کرد.").doc
    >>> [(e.text, e.label) for e in doc.entities]
    [('علیرضا زاکانی', 'PER'), ('شهردار تهران', 'ROLE'), ('تهران', 'LOC'), ('سفیر بلاروس', 'ROLE'), ('بلاروس', 'LOC')]
    >>> doc.entities[1].attrs["person"].text
    'علیرضا زاکانی'
    """

    name = "entities"

    def __init__(self, backend: Optional[str] = "lstm", *, tagger: Any = None, roles: bool = True,
                 person_rules: bool = True, bare_places: bool = True, **tagger_config: Any):
        if backend is not None and backend not in BACKENDS:
            raise ValueError(f"unknown entity backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
        self.backend = backend
        self.use_roles = roles
        self.person_rules = person_rules
        self.bare_places = bare_places
        self._tagger_config = tagger_config
        self._tagger = tagger
        self._tagger_ready = tagger is not None or backend is None
        self._lock = threading.Lock()
        if backend == "stanza" and tagger is None:
            self._load_tagger()  # fail early, with the back-end's own message

    # -- tagger -----------------------------------------------------------------------------

    def _load_tagger(self) -> Any:
        with self._lock:
            if self._tagger_ready:
                return self._tagger
            module, _, attr = BACKENDS[self.backend].partition(":")
            try:
                cls = getattr(importlib.import_module(module), attr)
                self._tagger = cls(**self._tagger_config)
            except (ImportError, FileNotFoundError, AttributeError) as exc:
                if self.backend not in BUNDLED_BACKENDS:
                    raise
                warnings.warn(f"persian_ie: the bundled entity tagger is unavailable ({exc}); "
                              "using gazetteers and patterns only", RuntimeWarning, stacklevel=3)
                self._tagger = None
            self._tagger_ready = True
            return self._tagger

    @property
    def tagger(self) -> Any:
        return self._tagger if self._tagger_ready else self._load_tagger()

    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        state["_lock"] = None
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _tag(self, doc: Document) -> List[Span]:
        tagger = self.tagger
        if tagger is None:
            return []
        try:
            spans = tagger(doc)
        except FileNotFoundError as exc:  # a lazily loaded model file that is not there
            if self.backend not in BUNDLED_BACKENDS:
                raise
            warnings.warn(f"persian_ie: the bundled entity tagger is unavailable ({exc}); "
                          "using gazetteers and patterns only", RuntimeWarning, stacklevel=3)
            self._tagger = None
            return []
        return [s for s in spans if s.label in TAGGER_LABELS]

    # -- the stage ----------------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        if not doc.tokens:
            return doc
        gaz = gazetteer()
        lex = _Lexicon.get()
        view = TokenView(doc)
        n = len(view)

        tagged: List[Tuple[int, int, str]] = []
        for span in self._tag(doc):
            i, j = view.units_of_norm(*doc.norm_span(span))
            if i < j:
                tagged.append((i, j, span.label))
        tagged = [self._trim_person(view, gaz, s) if s[2] == "PER" else s for s in tagged]
        tagged = [s for s in tagged if s[0] < s[1]]

        tagged = self._clean_tagged(view, gaz, lex, tagged)
        # a «person» that is all title (مقام معظم رهبری) is the role's business
        tagged = [t for t in tagged if not (t[2] == "PER" and self._all_title(view, gaz, t[0], t[1]))]
        found = self._gazetteer_spans(view, gaz, lex, tagged)
        merged = self._merge(view, gaz, lex, found, tagged)

        # roles over the merged entities (persons block them)
        by_start = {i: (j, lab) for i, j, lab, _ in merged if lab != "PER"}
        blocked = [False] * n
        for i, j, lab, _ in merged:
            if lab == "PER":
                for u in range(i, j):
                    blocked[u] = True
        roles = find_roles(view, by_start, gaz, blocked) if self.use_roles else []
        role_ranges = [(r.start, r.end) for r in roles]

        # a tagger PER overlapping a role keeps only the part outside it; non-PER
        # tagger spans made of a bare title are dropped
        cleaned = []
        for i, j, lab, src in merged:
            if lab == "PER":
                for rs, re_ in role_ranges:
                    if i < re_ and rs < j:
                        if i >= rs:
                            i = max(i, re_)
                        else:
                            j = min(j, rs)
                if i >= j:
                    continue
            cleaned.append((i, j, lab, src))
        merged = cleaned

        if self.person_rules:
            merged = self._person_spans(view, gaz, lex, merged, role_ranges)

        # build spans (edges cleaned of punctuation; unbalanced quotes mean a broken span)
        ents: List[Span] = []
        for i, j, lab, src in sorted(merged):
            while i < j and view.keys[i] in _PUNCT_LIKE:
                i += 1
            while j > i and view.keys[j - 1] in _PUNCT_LIKE:
                j -= 1
            if i >= j:
                continue
            inner = view.keys[i:j]
            if inner.count("«") != inner.count("»") or inner.count("(") != inner.count(")") \
                    or inner.count('"') % 2:
                continue
            span = view.span(i, j, label=lab)
            span.attrs["source"] = src
            ents.append(span)
        role_spans = []
        for r in roles:
            span = view.span(r.start, r.end, label="ROLE")
            span.attrs["source"] = "role"
            span.attrs["title"] = r.title.canonical
            span.attrs["bare"] = r.end == r.title_end  # the title alone, nothing it is «of»
            inside = [e for e in ents if span.start <= e.start and e.end <= span.end]
            orgs = [e for e in inside if e.label == "ORG"]
            span.attrs["organization"] = orgs[0] if orgs else None
            span.attrs["country"] = country_of(span.normalized or span.text)
            role_spans.append(span)
        if role_spans:
            persons = [e for e in ents if e.label == "PER"]

            def between(a: Span, b: Span) -> Optional[List[str]]:
                toks = [t.norm for t in doc.tokens if t.start >= a.end and t.end <= b.start]
                return toks

            link_roles(between, role_spans, persons)
        allspans = sorted(ents + role_spans, key=lambda s: (s.start, -s.end))
        doc.entities.extend(allspans)
        return doc

    def _clean_tagged(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon,
                      tagged: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
        """Sanity rules for tagger spans: no lone verb, function word or adjective as an
        entity, no listed place as a person, no descriptor before an organization's
        name (``روابط عمومی``, ``وبگاه``, ``گروهک تروریستی``), no country *references* (``رژیم صهیونیستی``) as organizations, no
        organization that is only adjacent places (``عمان مسقط``). (Trimming adjectives
        or common words at the edges of longer spans was tried and cost 4 points of
        ARMAN F1: names there include them, «هشتمین جشنواره …».)"""
        surnames = set()
        for i, j, lab in tagged:
            if lab == "PER" and view.tok[j - 1] > view.tok[i]:
                surnames.add(view.token_text(j - 1))
        out = []
        for i, j, lab in tagged:
            if tuple(view.keys[i:j]) in gaz.not_entities:
                continue
            if lab == "PER":
                place = gaz.places.longest_at(view, i)
                if place is not None and place[0] == j and not gaz.is_first_name(view.token_text(i)):
                    lab = "LOC"  # «با شهردار مینسک»: a listed place is not a person
            if lab != "PER":
                if view.tok[i] == view.tok[j - 1] and self._weak_edge(view, gaz, lex, i):
                    continue  # a lone verb, function word or adjective
                entry = gaz.refs.get(tuple(view.keys[i:j]))
                if entry is not None and gaz.orgs.get(tuple(view.keys[i:j])) is None:
                    continue
                if lab == "ORG" and self._only_places(view, gaz, i, j):
                    continue
                if lab == "ORG":
                    for desc in _ORG_DESCRIPTORS:
                        if i + len(desc) < j and tuple(view.keys[i:i + len(desc)]) == desc:
                            i += len(desc)
                            break
                head = gaz.org_heads.longest_at(view, i)
                if lab == "ORG" and head is not None and head[1].kind == "loc" and head[0] < j \
                        and self._entity_at(view, gaz, head[0], ("LOC",)) is None \
                        and not any(s[0] == head[0] and s[2] == "LOC" for s in tagged):
                    continue  # «شهرداری نتوانست»: a municipality is of a place
            elif view.tok[i] == view.tok[j - 1]:
                tok = view.token_text(i)
                if (lex.is_function(tok) or lex.is_verbish(tok)) and not gaz.is_first_name(tok) \
                        and tok not in surnames:
                    continue
            out.append((i, j, lab))
        return out

    @staticmethod
    def _all_title(view: TokenView, gaz: Gazetteer, i: int, j: int) -> bool:
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

    @staticmethod
    def _weak_edge(view: TokenView, gaz: Gazetteer, lex: _Lexicon, u: int) -> bool:
        """The token at unit ``u`` cannot begin or end a name (a verb, a function word,
        an adjective that is not part of a known name)."""
        tok = view.token_text(u)
        if gaz.places.longest_at(view, u) or gaz.orgs.longest_at(view, u) or gaz.is_first_name(tok):
            return False
        if lex.is_function(tok) or lex.is_verbish(tok):
            return True
        tags = lex.words.get(tok)
        return bool(tags) and tags != "0" and "N" not in tags.split(",")

    @staticmethod
    def _only_places(view: TokenView, gaz: Gazetteer, i: int, j: int) -> bool:
        u = i
        count = 0
        while u < j:
            hit = gaz.places.longest_at(view, u)
            if hit is None or hit[0] > j:
                return False
            u = hit[0]
            count += 1
        return count >= 2

    # -- gazetteers and patterns -----------------------------------------------------------

    def _gazetteer_spans(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon,
                         tagged: Sequence[Tuple[int, int, str]]) -> List[Tuple[int, int, str, str]]:
        n = len(view)
        covered_by_tagger = [False] * n
        for i, j, _ in tagged:
            for u in range(i, j):
                covered_by_tagger[u] = True
        out: List[Tuple[int, int, str, str]] = []
        title_ends = {hit[0] for u in range(n) for hit in (gaz.titles.longest_at(view, u),) if hit}
        i = 0
        while i < n:
            if not view.tok_start[i]:
                i += 1
                continue
            cands: List[Tuple[int, str, str]] = []
            pat = self._org_pattern(view, gaz, lex, i)
            if pat is not None:
                cands.append((pat, "ORG", "pattern"))
            sub = self._subunit_pattern(view, gaz, lex, i)
            if sub is not None and not (i in title_ends and view.token_text(i) in _OFFICE_WORDS):  # «رئیس [دفتر سیاسی حماس]»: the office is the role's
                cands.append((sub, "ORG", "pattern"))
            for trie, label in ((gaz.orgs, "ORG"), (gaz.places, "LOC")):
                hit = trie.longest_at(view, i)
                if hit is None:
                    continue
                j, entry = hit
                units = tuple(view.keys[i:j])
                if units in gaz.ambiguous and not any(covered_by_tagger[i:j]) \
                        and not (label == "ORG" and self._source_slot(view, i)):
                    continue
                cands.append((j, label, "gazetteer"))
            if not cands and self._source_slot(view, i):
                hit = gaz.orgs.longest_at(view, i)
                if hit is not None:
                    cands.append((hit[0], "ORG", "gazetteer"))
            if cands:
                j, label, src = max(cands, key=lambda c: (c[0], c[2] == "pattern"))
                if label == "ORG":
                    j = self._chain_units(view, gaz, lex, i, j)
                out.append((i, j, label, src))
                i = j
            else:
                i += 1
        return out

    def _subunit_pattern(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon, i: int) -> Optional[int]:
        """A unit of a named organization: ``مرکز ارتباطات و امور بین‌الملل`` +
        ``شهرداری تهران``; the unit's own words may be ordinary ones, but the phrase must
        end in an organization found by a pattern or the gazetteer."""
        hit = gaz.org_heads.longest_at(view, i)
        if hit is None or hit[1].canonical not in _SUBUNIT_HEADS:
            return None
        t = view.tok[i]
        if t > 0 and view.doc.tokens[t - 1].norm in _DETERMINERS:
            return None
        k = hit[0]
        n = len(view)
        words = 0
        while k < n and words <= 5 and view.sent[k] == view.sent[i]:
            if not view.tok_start[k]:
                return None
            known = gaz.orgs.longest_at(view, k)
            nxt = self._org_pattern(view, gaz, lex, k) if gaz.org_heads.longest_at(view, k) else None
            end = max(nxt or 0, known[0] if known else 0)
            if end > k and words > 0:
                return self._chain_units(view, gaz, lex, k, end)
            tok = view.token_text(k)
            if tok in _PUNCT_LIKE or tok.isdigit() or lex.is_verbish(tok) \
                    or tok in lex.stop and tok != "و" or gaz.titles.longest_at(view, k) is not None:
                return None
            k = view.next_token_unit(k)
            words += 1
        return None

    def _chain_units(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon, i: int, j: int) -> int:
        """Extend an organization that is a unit of another: «مرکز لرزه‌نگاری کشوری» +
        «موسسه ژئوفیزیک» + «دانشگاه تهران» is one name."""
        head = gaz.org_heads.longest_at(view, i)
        while head is not None and head[1].canonical in _SUBUNIT_HEADS and j < len(view) \
                and view.sent[j] == view.sent[i]:
            nxt = self._org_pattern(view, gaz, lex, j)
            known = gaz.orgs.longest_at(view, j)
            end = max(nxt or 0, known[0] if known else 0)
            if end <= j:
                break
            head = gaz.org_heads.longest_at(view, j)
            j = end
        return j

    def _source_slot(self, view: TokenView, i: int) -> bool:
        """Unit ``i`` follows «به گزارش», «به نقل از» or «منبع:»."""
        if i == 0 or view.keys[i - 1] not in _SOURCE_LAST:
            return False
        for cue in _SOURCE_CUES:
            k = len(cue)
            if i - k >= 0 and tuple(view.keys[i - k:i]) == cue:
                return True
        return False

    def _entity_at(self, view: TokenView, gaz: Gazetteer, i: int, labels=("LOC", "ORG")) -> Optional[Tuple[int, Entry]]:
        best = None
        for trie in ((gaz.places,) if labels == ("LOC",) else (gaz.places, gaz.orgs)):
            hit = trie.longest_at(view, i)
            if hit is not None and tuple(view.keys[i:hit[0]]) not in gaz.ambiguous \
                    and (best is None or hit[0] > best[0]):
                best = hit
        return best

    def _org_pattern(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon, i: int) -> Optional[int]:
        """End unit of an organization pattern starting at unit ``i``, or None."""
        hit = gaz.org_heads.longest_at(view, i)
        if hit is None:
            return None
        j, head = hit
        t = view.tok[i]
        if t > 0 and view.doc.tokens[t - 1].norm in _DETERMINERS:
            return None
        n = len(view)
        if j >= n or view.sent[j] != view.sent[i]:
            return None
        kind = head.kind
        if kind == "loc":
            loc = self._entity_at(view, gaz, j, ("LOC",))
            return loc[0] if loc else None
        if kind == "embassy":
            k = None
            d = gaz.demonyms.longest_at(view, j) or gaz.refs.longest_at(view, j)
            loc = self._entity_at(view, gaz, j, ("LOC",))
            if loc is not None and loc[1].kind == "country":
                k = loc[0]
            elif d is not None:
                k = d[0]
            if k is None:
                return None
            if k + 1 < n and view.keys[k] == "در":
                loc2 = self._entity_at(view, gaz, k + 1, ("LOC",))
                if loc2 is not None:
                    k = loc2[0]
            return k
        if kind == "ministry":
            m = gaz.ministries.longest_at(view, j)
            if m is None:
                return None
            k = m[0]
            loc = self._entity_at(view, gaz, k, ("LOC",)) if k < n else None
            if loc is not None and loc[1].kind == "country":
                k = loc[0]
            return k
        # kind == "name": a known name, or 1-4 name-like words
        known = self._entity_at(view, gaz, j)
        if known is not None and known[1].label == "ORG":
            return known[0]
        m = gaz.ministries.longest_at(view, j)  # اداره کل میراث فرهنگی … کهگیلویه و بویراحمد
        if m is not None and head.canonical in _OFFICE_HEADS:
            k = m[0]
            loc = self._entity_at(view, gaz, k, ("LOC",)) if k < n else None
            if loc is not None:
                return loc[0]
            if head.canonical in ("اداره کل", "اداره"):
                return k
        k = j
        last = None
        steps = 0
        while k < n and steps < 4 and view.sent[k] == view.sent[i]:
            if not view.tok_start[k]:
                break
            tok = view.token_text(k)
            nxt = view.next_token_unit(k)
            ent = self._entity_at(view, gaz, k)
            if ent is not None:
                last = ent[0]
                break  # a name ending in a place or a known organization ends there
            if tok in _PUNCT_LIKE or tok.isdigit() or gaz.titles.longest_at(view, k) is not None \
                    or gaz.org_heads.longest_at(view, k) is not None:
                break
            if tok in _ORG_ADJ:
                k = nxt
                steps += 1
                continue
            if tok == "و" and last is not None:
                k = nxt
                continue
            if lex.is_common(tok) or lex.is_known(tok) or any(ch.isdigit() for ch in tok) \
                    or tok.endswith("ی") and not gaz.is_first_name(tok):
                break  # ordinary words and adjectives («شبکه بزرگراهی», «گروه معدودی») end it
            k = last = nxt
            steps += 1
        if last is None or last <= j:
            return None
        return last

    # -- merging -------------------------------------------------------------------------------

    def _merge(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon, found: List[Tuple[int, int, str, str]],
               tagged: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str, str]]:
        """Combine gazetteer/pattern spans (``found``) with tagger spans (see the module doc)."""

        def plain_words(units: Sequence[int]) -> bool:
            """Every token touched by these units is an ordinary word (not a name)."""
            toks = {view.tok[u] for u in units}
            return all(view.doc.tokens[t].norm in lex.words or lex.is_common(view.doc.tokens[t].norm)
                       or view.doc.tokens[t].norm in _PLACE_HEADS for t in toks)

        # units inside a title (خارجه of وزیر خارجه) or its ministry (امور خارجه of وزیر
        # امور خارجه): a tagger span may not start there
        inside_title = [False] * len(view)
        title_ends = set()
        for u in range(len(view)):
            hit = gaz.titles.longest_at(view, u)
            if hit is None:
                continue
            end = hit[0]
            title_ends.add(end)
            if "m" in hit[1].kind:
                m = gaz.ministries.longest_at(view, end)
                if m is not None:
                    end = m[0]
            for k in range(u + 1, end):
                inside_title[k] = True
        spans = list(found)
        for ti, tj, tlab in sorted(tagged):
            if tlab != "PER" and inside_title[ti]:
                continue
            if self._only_demonyms(view, gaz, ti, tj):
                continue  # «ایتالیایی», «آمریکایی و آلبانیایی» are not entities
            over = [s for s in spans if s[0] < tj and ti < s[1]]
            if not over:
                spans.append((ti, tj, tlab, "tagger"))
                continue
            same_extent = [s for s in over if s[0] == ti and s[1] == tj]
            if same_extent:
                s = same_extent[0]
                if s[2] == "LOC" and tlab == "PER":
                    # «مهران» the man, not the town: the tagger read the context
                    spans.remove(s)
                    spans.append((ti, tj, tlab, "tagger"))
                # otherwise the gazetteer's label stands: countries and cities are LOC,
                # newspapers and universities ORG (the project's convention)
                continue
            if any(s[0] <= ti and tj <= s[1] for s in over):
                continue  # inside a gazetteer/pattern span: the pattern knows the extent
            if all(ti <= s[0] and s[1] <= tj for s in over):
                # the tagger found something longer
                if tlab == "LOC" and any(s[2] == "ORG" and s[3] == "pattern" for s in over):
                    continue  # a place that swallowed an organization pattern
                inner = {u for s in over for u in range(s[0], s[1])}
                extra = [u for u in range(ti, tj) if u not in inner]
                if tlab == "ORG" and ti in title_ends and view.token_text(ti) in _OFFICE_WORDS \
                        and all(s[2] == "ORG" for s in over):
                    continue  # «رئیس [دفتر سیاسی حماس]»: the office belongs to the role, حماس is the ORG
                if tlab == "ORG" and len(over) == 1 and over[0][2] == "LOC" and over[0][1] == tj and extra \
                        and all(lex.words.get(view.token_text(u)) == "0" and lex.is_known(view.token_text(u))
                                for u in extra):
                    continue  # «[شهری تهران]» of «مدیریت شهری تهران»: an adjective and a place
                if self.bare_places and tlab == "LOC" and all(s[2] == "LOC" for s in over) and extra:
                    first = min(s[0] for s in over)
                    last = max(s[1] for s in over)
                    before = [u for u in extra if u < first]
                    after = [u for u in extra if u >= last]
                    if len(before) + len(after) == len(extra) and plain_words(before) and plain_words(after):
                        # «استان ایلام», «پارک آبی یاسوج», «قطر تماس»: ordinary words around a
                        # known place; the place is the entity (the project's convention)
                        continue
                for s in over:
                    spans.remove(s)
                spans.append((ti, tj, tlab, "tagger"))
                continue
            same = [s for s in over if s[2] == tlab]
            if same and len(same) == len(over):
                lo = min([ti] + [s[0] for s in same])
                hi = max([tj] + [s[1] for s in same])
                inner = {u for s in same for u in range(s[0], s[1])}
                extra = [u for u in range(lo, hi) if u not in inner]
                if self.bare_places and tlab == "LOC" and plain_words(extra):
                    continue  # «قطر تماس»: keep the known place
                for s in same:
                    spans.remove(s)
                spans.append((lo, hi, tlab, "merged"))
            # different labels overlapping partially: the gazetteer span stays
        return sorted(spans)

    @staticmethod
    def _only_demonyms(view: TokenView, gaz: Gazetteer, i: int, j: int) -> bool:
        u = i
        seen = False
        while u < j:
            d = gaz.demonyms.longest_at(view, u)
            if d is not None and d[0] <= j:
                u = d[0]
                seen = True
            elif view.keys[u] == "و" and seen:
                u += 1
            else:
                return False
        return seen

    # -- persons -------------------------------------------------------------------------------

    def _trim_person(self, view: TokenView, gaz: Gazetteer, s: Tuple[int, int, str]) -> Tuple[int, int, str]:
        i, j, lab = s
        while i < j:
            hon = gaz.honorifics.longest_at(view, i)
            if hon is not None and hon[0] <= j:
                i = hon[0]
                continue
            if view.keys[i] in _QUOTE_OPEN:
                i += 1
                continue
            break
        while j > i and view.keys[j - 1] in _QUOTE_CLOSE:
            j -= 1
        return i, j, lab

    @staticmethod
    def _first_name_cue(view: TokenView, gaz: Gazetteer, lex: "_Lexicon", u: int) -> bool:
        """The token at unit ``u`` is a first name that is not also a demonym, a place or
        a derived adjective (مصری، اصلی)."""
        tok = view.token_text(u)
        if not gaz.is_first_name(tok):
            return False
        if gaz.demonyms.longest_at(view, u) is not None or gaz.places.longest_at(view, u) is not None:
            return False
        return not (lex.words.get(tok) in ("", "0") and lex.is_known(tok))

    def _name_like(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon, u: int, taken: Sequence[bool],
                   allow_common: bool = False, strict: bool = False) -> Optional[int]:
        """End unit of a name word starting at unit ``u`` (a whole token), or None."""
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
        if tok in lex.stop or tok in _NOT_NAMES:
            return None
        if gaz.is_first_name(tok):
            return nxt
        if lex.is_verbish(tok) or lex.is_function(tok):
            return None
        tags = lex.words.get(tok)
        if tags and "N" not in tags.split(",") and tags != "0":
            return None  # an adjective or adverb (بزرگوار، گرامی)
        if "\u200c" in tok and not tok.endswith(_SURNAME_ENDINGS) and not gaz.is_first_name(tok) \
                and all(part in lex.words for part in tok.split("\u200c") if part):
            return None  # a compound of ordinary words (دروازه‌بان، درعین‌حال)
        if not allow_common and not gaz.is_first_name(tok):
            if lex.is_common(tok) or strict and lex.is_known(tok) and not lex.maybe_surname(tok):
                return None
        return nxt

    def _person_spans(self, view: TokenView, gaz: Gazetteer, lex: _Lexicon,
                      merged: List[Tuple[int, int, str, str]], role_ranges: List[Tuple[int, int]]
                      ) -> List[Tuple[int, int, str, str]]:
        n = len(view)
        taken = [False] * n
        soft = [False] * n  # single-token gazetteer places a person rule may override
        for i, j, lab, src in merged:
            for u in range(i, j):
                taken[u] = True
                if src == "gazetteer" and lab == "LOC" and view.tok[i] == view.tok[j - 1] \
                        and gaz.is_first_name(view.token_text(i)):
                    soft[u] = True  # «مهران» the city or the first name
                elif src in ("tagger", "merged") and lab in ("PRODUCT", "EVENT", "FAC", "ORG") \
                        and self._first_name_cue(view, gaz, lex, i):
                    soft[u] = True  # «دیمتری کالتسوف» tagged PRODUCT
        for rs, re_ in role_ranges:
            for u in range(rs, re_):
                taken[u] = True
        new: List[Tuple[int, int, str, str]] = []

        hard = [t and not s for t, s in zip(taken, soft)]  # units no person rule may use

        def claim(i: int, j: int, src: str) -> None:
            for u in range(i, j):
                taken[u] = True
                hard[u] = True
            new.append((i, j, "PER", src))

        def surname_run(u: int, allow_common: bool, max_words: int = 3, strict: bool = True) -> int:
            """Extend a name from unit u over surname words and connectors; end unit."""
            end = u
            words = 0
            while end < n and words < max_words and view.sent[end] == view.sent[u if u < n else end]:
                if view.keys[end] in _NAME_CONNECTORS and end + 1 < n:
                    nxt = self._name_like(view, gaz, lex, end + 1, hard, allow_common=True)
                    if nxt is None:
                        break
                    end = nxt
                    continue  # «بن حمد», «آل ثانی» do not count as extra words
                nxt = self._name_like(view, gaz, lex, end, hard, allow_common=allow_common, strict=strict)
                if nxt is None:
                    break
                if words >= 1 and view.token_text(end) in lex.words and not gaz.is_first_name(view.token_text(end)):
                    break  # a second surname word must be a real unknown (مگاواتی سوکارنو, not «… انجام»)
                end = nxt
                words += 1
                allow_common = False
            return end

        role_starts = {rs for rs, _ in role_ranges}

        def role_follows(k: int) -> bool:
            """A role starts right after the word at unit k (optionally after a comma)."""
            if k >= n:
                return False
            nxt = view.next_token_unit(k)
            if nxt < n and view.keys[nxt] in {"،", ","}:
                nxt += 1
            return nxt in role_starts

        # (a) honorific + name, (b) first name(s) + surname
        u = 0
        while u < n:
            if hard[u] or not view.tok_start[u]:
                u += 1
                continue
            hon = gaz.honorifics.longest_at(view, u)
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
                weak = view.text(u, hon[0]) in _WEAK_HONORIFICS
                end = surname_run(k, allow_common=not weak, max_words=2)
                if end > start:
                    claim(start, end, "rule:honorific")
                    u = end
                    continue
            if self._first_name_cue(view, gaz, lex, u) and (u == 0 or view.keys[u - 1] not in _DETERMINERS):
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
                end = surname_run(k, allow_common=two_firsts or role_follows(k), max_words=1)
                if end > k and view.sent[end - 1] == view.sent[u]:
                    claim(u, end, "rule:first-name")
                    u = end
                    continue
                if firsts >= 2 and prev_first.endswith("ی") and not lex.is_known(prev_first):
                    claim(u, k, "rule:first-name")  # «رضا صادقی»: the last «first name» is the surname
                    u = k
                    continue
            u += 1

        # (c) a «quoted» or apposed name right after / before a role
        for rs, re_ in role_ranges:
            k = re_
            if k < n and view.keys[k] in {"،", ","} | _QUOTE_OPEN:
                quoted = view.keys[k] in _QUOTE_OPEN
                k += 1
            else:
                continue  # «وزیر امور خارجه آمریکا کوشش …»: no comma, no apposition
            if quoted:
                close = k
                while close < n and close - k <= 8 and view.keys[close] not in _QUOTE_CLOSE:
                    close += 1
                if close < n and view.keys[close] in _QUOTE_CLOSE and close > k \
                        and not any(hard[k:close]) \
                        and all(self._name_like(view, gaz, lex, x, hard, allow_common=True) is not None
                                for x in range(k, close) if view.tok_start[x]):
                    claim(k, close, "rule:role-quoted")
                continue
            end = surname_run(k, allow_common=False, max_words=2, strict=True)
            if end > k and (end >= n or view.keys[end] in _PUNCT_LIKE or lex.is_verbish(view.token_text(end))):
                claim(k, end, "rule:role-apposition")
        for rs, re_ in role_ranges:  # name، role  /  name role
            comma = rs >= 1 and view.keys[rs - 1] in {"،", ","}
            k = rs - 1 if comma else rs
            if k >= 1 and not hard[k - 1] and view.keys[k - 1] not in _QUOTE_CLOSE:
                words: List[int] = []  # start units of candidate words, right to left
                x = k
                while x > 0 and len(words) < 3:
                    cand = x - 1
                    while cand > 0 and not view.tok_start[cand]:
                        cand -= 1
                    if self._name_like(view, gaz, lex, cand, hard, allow_common=True) is None:
                        break
                    words.append(cand)
                    x = cand
                best = None
                for m in range(len(words), 0, -1):  # longest acceptable run first
                    run = words[:m]
                    start = run[-1]
                    boundary = start == 0 or view.keys[start - 1] in _PUNCT_LIKE \
                        or view.keys[start - 1] in lex.stop or view.sent[start - 1] != view.sent[start]
                    if not boundary:
                        continue
                    if self._first_name_cue(view, gaz, lex, start) or all(
                            self._name_like(view, gaz, lex, w, hard, strict=True) is not None for w in run) \
                            and (comma or m >= 2):
                        best = start
                        break
                if best is not None:
                    claim(best, k, "rule:role-apposition")
                    continue
            if rs >= 3 and view.keys[rs - 1] in _QUOTE_CLOSE:  # «name» role
                close = rs - 1
                k = close - 1
                while k >= 0 and close - k <= 8 and view.keys[k] not in _QUOTE_OPEN:
                    k -= 1
                if k >= 0 and view.keys[k] in _QUOTE_OPEN and k + 1 < close and not any(hard[k + 1:close]) \
                        and all(self._name_like(view, gaz, lex, x, hard, allow_common=True) is not None
                                for x in range(k + 1, close) if view.tok_start[x]):
                    claim(k + 1, close, "rule:role-quoted")

        # drop soft places the person rules took over
        kept = [s for s in merged if not (soft[s[0]] and any(p[0] < s[1] and s[0] < p[1] for p in new))]
        allper = [s for s in kept if s[2] == "PER"] + new

        # (c') a tagger name missing its first word(s) before a role: «[آنتونیولوئیس]
        # اسپینولاسا لگادو سفیر جدید برزیل» (unknown words, at a clause boundary)
        role_starts_set = {rs for rs, _ in role_ranges}
        extended = []
        for idx, (i, j, lab, src) in enumerate(kept):
            if lab != "PER" or src != "tagger" or not (j in role_starts_set or j < n and view.keys[j] in {"،", ","}
                                                        and j + 1 in role_starts_set):
                continue
            start = i
            while start > 0 and i - start < 4:
                cand = start - 1
                while cand > 0 and not view.tok_start[cand]:
                    cand -= 1
                tok = view.token_text(cand)
                if hard[cand] or tok in lex.words or self._name_like(view, gaz, lex, cand, hard, strict=True) is None:
                    break
                start = cand
            if start < i and (start == 0 or view.keys[start - 1] in _PUNCT_LIKE
                              or view.sent[start - 1] != view.sent[start]):
                extended.append((idx, (start, j, lab, "merged")))
        for idx, span in extended:
            kept[idx] = span
            for u in range(span[0], span[1]):
                taken[u] = hard[u] = True

        # (d) later bare mentions of a known surname or full name
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
        if names:
            trie = TokenTrie()
            for units in names:
                trie.add_units(units, Entry("PER"))
            exact = {(s[0], s[1]): k for k, s in enumerate(kept)}
            for i, j, _ in trie.scan(view):
                if not any(hard[i:j]) and not any(taken[i:j]):
                    claim(i, j, "rule:mention")
                    continue
                # the same name tagged otherwise elsewhere (a headline's «پامپئو» as ORG while
                # the body has «مایک پامپئو»): one document, one reading, unless it is listed
                k = exact.get((i, j))
                if k is not None and kept[k][2] != "PER" and kept[k][3] in ("tagger", "merged") \
                        and gaz.places.get(view.keys[i:j]) is None and gaz.orgs.get(view.keys[i:j]) is None:
                    kept[k] = (i, j, "PER", "rule:mention")
        return sorted(kept + new)
