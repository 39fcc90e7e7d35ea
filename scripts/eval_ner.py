#!/usr/bin/env python
"""Entity-level strict F1 (exact character span and type) of the library's NER.

Each test sentence's tokens are joined with spaces into raw text, which goes
through the library itself (normalizer, segmenter, then the tagger), so the
library's own normalization and tokenization are part of what is measured.
Predicted spans (offsets into that raw text) are compared with the gold spans.

Sets:

* ``arman``: ARMAN test_fold1 (types PER ORG LOC FAC EVENT PRODUCT);
* ``peyma``: PEYMA test (scored on PER ORG LOC only: its DATE/TIME belong to the
  dates stage and it does not annotate FAC/EVENT/PRODUCT, so predictions of those
  types are not scored there);
* ``twiner``: ParsTwiNER test (tweets; PER ORG LOC EVENT, its POG counted as ORG and NAT
  dropped); its own conventions, so best read with ``--head twiner``. Its text (without
  labels) is part of the unlabeled text behind the word vectors and the pretraining.

Components:

* ``lstm``: normalize → segment → :class:`persian_ie.entities.neural.NeuralTagger`
  (the bundled BiLSTM-CRF, numpy inference);
* ``crf``: normalize → segment → :class:`persian_ie.entities.crf.CRFTagger`;
* ``stage``: ``persian_ie.Pipeline(stages=["normalize", "segment", "entities"])``
  (the whole entities stage: tagger plus gazetteers and patterns; ROLE spans are
  not scored since neither corpus annotates them).

Example::

    python scripts/eval_ner.py --data /path/to/shared/data/ner --component lstm --speed
    python scripts/eval_ner.py --data /path/to/shared/data/ner --component crf
    python scripts/eval_ner.py --data /path/to/shared/data/ner --component stage --sets arman
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

# one BLAS thread: the speed figures are for one core (set before numpy is imported)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from persian_ie.entities import corpora  # noqa: E402

SCORED = {
    "arman": ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT"),
    "peyma": ("PER", "ORG", "LOC"),
    "twiner": ("PER", "ORG", "LOC", "EVENT"),
}


SPLITS = ("test", "dev", "train")


def load(data: Path, name: str, split: str = "test"):
    """Sentences of one set's split: ``test`` (the scored one), ``dev`` or ``train``
    (text to develop rules on; ARMAN has no dev split, its ``train`` is train_fold1)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    if name == "arman":
        if split == "dev":
            raise ValueError("ARMAN has no dev split (use train: train_fold1)")
        return corpora.read_arman(data / "arman" / "ArmanPersoNERCorpus.zip", f"{split}_fold1")
    if name == "peyma":
        return corpora.read_peyma(data / "peyma" / f"{split}.txt")
    if name == "twiner":
        return corpora.read_parstwiner(data / "parstwiner" / f"{split}.txt")
    raise ValueError(name)


def make_tagger(kind: str, model=None, wordfeat=None, head=None, max_models=None):
    if kind == "crf":
        from persian_ie.entities.crf import CRFTagger

        return CRFTagger(model, wordfeat)
    from persian_ie.entities.neural import NeuralTagger

    return NeuralTagger(model, wordfeat, head=head, max_models=max_models)


def make_component(kind: str, model=None, wordfeat=None, tagger_kind="lstm", head=None, max_models=None):
    from persian_ie.document import Document
    from persian_ie.normalize import Normalizer
    from persian_ie.segment import Segmenter

    if kind in ("crf", "lstm"):
        tagger = make_tagger(kind, model, wordfeat, head, max_models)
        norm, seg = Normalizer(), Segmenter()

        cache = {}

        def run(text):
            if text not in cache:
                doc = seg(norm(Document(text)))
                cache[text] = [(s.start, s.end, s.label) for s in tagger(doc)]
            return cache[text]
        return run
    if kind == "stage":
        import persian_ie

        config = {"entities": {"backend": tagger_kind}}
        if model:
            config["entities"]["model_path"] = model
        nlp = persian_ie.Pipeline(stages=["normalize", "segment", "entities"], config=config)
        cache = {}  # the strict score, the convention-aware score and --compare read the same sentences

        def with_sources(text):
            if text not in cache:
                cache[text] = [(s.start, s.end, s.label, s.attrs.get("source", "")) for s in nlp(text).entities]
            return cache[text]

        def run(text):
            return [s[:3] for s in with_sources(text)]
        run.with_sources = with_sources
        return run
    raise ValueError(kind)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _micro(tp, fp, fn):
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return ("micro", *prf(T, P, N), T + N)


def _tally(pred, gold, text, tp, fp, fn, errors):
    """Count one sentence's (start, end, label) keys into the per-class tp/fp/fn counters."""
    for x in pred & gold:
        tp[x[2]] += 1
    for x in pred - gold:
        fp[x[2]] += 1
    for x in gold - pred:
        fn[x[2]] += 1
    if errors is not None and pred != gold:
        errors.append((text, sorted(gold - pred), sorted(pred - gold)))


def evaluate(run, sents, labels, errors=None):
    tp, fp, fn = Counter(), Counter(), Counter()
    t0 = time.perf_counter()
    for toks, tags in sents:
        text, gold = corpora.to_text(toks, tags)
        gold = {g for g in gold if g[2] in labels}
        pred = {p for p in run(text) if p[2] in labels}
        _tally(pred, gold, text, tp, fp, fn, errors)
    took = time.perf_counter() - t0
    rows = []
    for lab in labels:
        rows.append((lab, *prf(tp[lab], fp[lab], fn[lab]), tp[lab] + fn[lab]))
    rows.append(_micro(tp, fp, fn))
    return rows, took


# -- convention-aware scoring ---------------------------------------------------------------

class Conventions:
    """Scoring that does not count the project's documented conventions as errors.

    The entities stage follows the project's conventions where ARMAN (and PEYMA) chose
    otherwise; the strict score counts each of these as an error. Here, on both the
    gold and the predicted side:

    * a **listed place** (a country, city, province, region … of the gazetteer) is LOC or
      ORG alike: ARMAN tags a place acting as a state, an authority or a team ORG (سفیر
      بلاروس، واشنگتن و پکن، تیم خوزستان), and not consistently; the project lists it as
      LOC (its news gold does) and keeps the tagger's ORG in ``attrs["tagger_label"]``;
    * a **demonym** (ایرانی، روس، آمریکایی‌ها) is left out;
    * a LOC made only of **listed places side by side** («زوریخ سوئیس», «اقلید فارس») counts
      as those places: the project's news gold lists a city and its country apart («ووهان»
      and «چین», «ادلب» and «سوریه», «عمان» and «مسقط»), ARMAN as one span;
    * a span **inside another span** of the same side is left out: ARMAN is flat, the
      stage also gives the organization an event is named after («نشست سران [سازمان
      همکاری شانگهای]»);
    * the bare word **«مجلس»** (the parliament, named by its head alone) is left out:
      ARMAN leaves it untagged (59 times of 66 in test_fold1), the project's news gold
      and the stage tag it ORG; «مجلس شورای اسلامی», «مجلس ششم» are scored as usual;
    * the **press** (a listed medium, or a name headed by روزنامه، خبرگزاری، شبکه …) is ORG
      or PRODUCT alike (ARMAN: newspapers PRODUCT);
    * a **university** (a listed one, or a name headed by دانشگاه/دانشکده) is ORG or FAC alike;
    * an entity **inside a ROLE** phrase is left out: ARMAN tags no country inside a
      title (وزیر امور خارجه مصر, سفیر ژاپن در تهران) but does tag a ministry there
      (وزیر [کار و امور اجتماعی]), and a title used as a name PER (مقام معظم رهبری); the
      project lists the places and organizations inside roles and never a title as a
      person. The ROLE phrases come from the rule-only stage (no tagger), the same for
      every component scored;
    * a **generic head** from the stage's closed lists is left out of the extent when a
      name follows it: a place head (استان، شهرستان، شهر، منطقه …) before a place (LOC,
      or ORG when the rest is a listed place), a press head (روزنامه، هفته‌نامه، مجله …,
      not خبرگزاری) before a press name (ORG/PRODUCT), an honorific (امام، آیت‌الله،
      دکتر …) before a person: ARMAN writes «استان پنجاب», «روزنامه لوموند», «امام
      خمینی», the project (and its news gold) «پنجاب», «لوموند», «خمینی».

    * **quote marks** at a span's edges and «ست» (است) glued to a listed place are left out
      (PEYMA includes them: «« بوصنیب »», «آمریکاست»);
    * a closing **bracketed part** (a blessing «(ع)», «(ره)» after a holy name, an
      acronym «(OIC)» after a name) is left out of the extent (PEYMA includes blessings,
      ParsTwiNER leaves them out, the stage too); a generic head is left out before
      listed places are split: «شهر [حلب سوریه]» is «حلب» and «سوریه».

    Otherwise spans keep their extent: a different extent is still an error.
    """

    PRESS_HEADS = ("روزنامه", "خبرگزاری", "هفته‌نامه", "ماهنامه", "فصلنامه", "شبکه", "نشریه", "مجله",
                   "سایت", "پایگاه", "رادیو", "تلویزیون", "خبرگزاری‌های")
    UNIVERSITY_HEADS = ("دانشگاه", "دانشکده")
    BARE_BODIES = ("مجلس",)
    PAIRS = {"place": ("LOC", "ORG"), "press": ("ORG", "PRODUCT"), "university": ("FAC", "ORG")}

    def __init__(self, places_side_by_side: bool = True):
        import persian_ie
        from persian_ie.entities import EntityRecognizer, gazetteer
        from persian_ie.entities.gazetteer import phrase_units

        self.places_side_by_side = places_side_by_side
        self.gaz = gazetteer()
        self.units = phrase_units
        self.press = {self.units(h)[0] for h in self.PRESS_HEADS}
        self.univ = {self.units(h)[0] for h in self.UNIVERSITY_HEADS}
        self.rules = persian_ie.Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(backend=None))])
        from persian_ie.entities.wordlists import stage_words

        words = stage_words()
        self.place_heads = words.place_head
        self.press_heads = words.press_head
        self._kinds = {}
        self._roles = {}

    def kind(self, phrase: str):
        """``place``, ``demonym``, ``press``, ``university`` or None."""
        hit = self._kinds.get(phrase)
        if hit is None and phrase not in self._kinds:
            units = self.units(phrase)
            org = self.gaz.orgs.get(units) if units else None
            place = self.gaz.places.get(units) if units else None
            if not units:
                hit = None
            elif self.gaz.demonyms.get(units) is not None:
                hit = "demonym"
            elif place is not None:
                hit = "place"
            elif org is not None and org.kind == "media" or units[0] in self.press:
                hit = "press"
            elif org is not None and org.kind == "university" or units[0] in self.univ:
                hit = "university"
            self._kinds[phrase] = hit
        return hit

    def without_head(self, text, s, e, label):
        """Start of the span past a generic head of the stage's closed lists (place heads
        before a place, press heads before a press name, honorifics before a person),
        when a name follows it."""
        words = text[s:e].split(" ")
        k = 0
        if label in ("LOC", "ORG"):
            while k < len(words) - 1 and words[k] in self.place_heads:
                k += 1
            if k and label == "ORG" and self.gaz.places.get(self.units(" ".join(words[k:]))) is None:
                k = 0
        if not k and label in ("ORG", "PRODUCT"):
            units = self.units(text[s:e])
            for head in self.press_heads:
                if len(head) < len(units) and units[:len(head)] == head:
                    k = self._words_of(words, len(head))
                    break
        if not k and label == "PER":
            while k < len(words) - 1:
                hon = self._longest_prefix(self.gaz.honorifics, self.units(" ".join(words[k:])))
                if not hon:
                    break
                step = self._words_of(words[k:], hon)
                if not step or k + step >= len(words):
                    break
                k += step
        if not k:
            return s
        return s + len(" ".join(words[:k])) + 1

    QUOTES = "«»\"'“”‘’"

    def without_quotes(self, text, s, e, label):
        """The span without quote marks at its edges (PEYMA includes them: «« بوصنیب »»)
        and without «ست» (است) glued to a listed place («آمریکاست»)."""
        while s < e and (text[s] in self.QUOTES or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in self.QUOTES or text[e - 1].isspace()):
            e -= 1
        if text[s:e].endswith("ست") and e - s > 4 and self.kind(text[s:e]) is None \
                and self.kind(text[s:e - 2]) == "place":
            e -= 2
        return s, e, label

    @staticmethod
    def without_bracketed_tail(text, s, e):
        """End of the span before a closing bracketed part: a blessing after a holy name
        («حسین (ع)», «امام خمینی (ره)»: PEYMA includes it, ParsTwiNER and the stage leave it
        out) or an acronym after a name («سازمان همکاری اسلامی (OIC)»)."""
        inner = text[s:e].rstrip()
        if inner.endswith(")") and "(" in inner[:-1]:
            cut = inner.rindex("(")
            if inner[:cut].strip():
                return s + len(inner[:cut].rstrip())
        return e

    def places_of(self, text, s, e, label):
        """A LOC made only of two or more listed places side by side («زوریخ سوئیس»,
        «اقلید فارس») as those places (the news gold lists «ووهان» and «چین», «ادلب» and
        «سوریه», «عمان» and «مسقط» apart); any other span as it is."""
        if not self.places_side_by_side or label != "LOC" or self.gaz.places.get(self.units(text[s:e])) is not None:
            return [(s, e, label)]
        words = text[s:e].split(" ")
        if not all(any(ch.isalpha() for ch in w.replace("\u0640", "")) for w in words):
            return [(s, e, label)]  # «رشت ـ قزوین»: a road between places, not the places
        parts, k, pos = [], 0, s
        while k < len(words):
            m = next((m for m in range(len(words), k, -1)
                      if self.gaz.places.get(self.units(" ".join(words[k:m]))) is not None), None)
            if m is None:
                return [(s, e, label)]
            end = pos + len(" ".join(words[k:m]))
            parts.append((pos, end, label))
            pos, k = end + 1, m
        return parts if len(parts) > 1 else [(s, e, label)]

    def _after_press_head(self, text, s):
        """A press head (روزنامه، مجله …) ends right before ``s``."""
        before = self.units(" ".join(text[:s].split()[-3:]))
        return any(len(h) <= len(before) and before[len(before) - len(h):] == h for h in self.press_heads)

    @staticmethod
    def _longest_prefix(trie, units):
        """Units in the longest listed phrase ``units`` starts with (0: none)."""
        for n in range(len(units), 0, -1):
            if trie.get(units[:n]) is not None:
                return n
        return 0

    def _words_of(self, words, n_units):
        """How many space-separated words make up the first ``n_units`` units (0 when a
        unit boundary falls inside a word)."""
        n = 0
        for k, w in enumerate(words):
            n += len(self.units(w))
            if n == n_units:
                return k + 1
            if n > n_units:
                return 0
        return 0

    def roles(self, text):
        if text not in self._roles:
            self._roles[text] = [(e.start, e.end) for e in self.rules(text).entities if e.label == "ROLE"]
        return self._roles[text]

    def keys(self, text, spans, roles):
        """The spans as convention-aware keys ``(start, end, label)``; a pair label is
        written ``LOC|ORG`` etc."""
        out = set()
        # a generic head off first: «شهر [حلب سوریه]» is the places «حلب» and «سوریه»
        spans = [self.without_quotes(text, s, self.without_bracketed_tail(text, s, e), lab) for s, e, lab in spans]
        spans = [sp for sp in spans if sp[0] < sp[1]]
        parts = [(part, span) for span in spans
                 for part in self.places_of(text, *self.without_quotes(text, self.without_head(text, *span), *span[1:]))]
        for (s, e, lab), origin in parts:
            if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) and other != origin for other in spans
                   for s2, e2, _ in [other]):
                continue  # nested in another span (the stage's ORG inside an EVENT's name); ARMAN is flat
            kind = self.kind(text[s:e])
            if kind == "demonym" or text[s:e] in self.BARE_BODIES:
                continue
            if any(rs <= s and e <= re_ for rs, re_ in roles):
                continue
            s2 = self.without_head(text, s, e, lab)
            if s2 != s:
                s = s2
                kind = self.kind(text[s:e]) or kind
            if self._after_press_head(text, s):
                kind = "press"  # «روزنامه [ایران]»: the name of a paper, whatever else it names
            pair = self.PAIRS.get(kind)
            if pair and lab in pair:
                lab = "|".join(pair)
            out.add((s, e, lab))
        return out


def evaluate_convention(run, sents, labels, conv, errors=None):
    """Micro and per-class P/R/F1 under :class:`Conventions` (pair labels as classes of their own)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for toks, tags in sents:
        text, gold = corpora.to_text(toks, tags)
        roles = conv.roles(text)
        gold = conv.keys(text, [g for g in gold if g[2] in labels], roles)
        pred = conv.keys(text, [p[:3] for p in run(text) if p[2] in labels], roles)
        _tally(pred, gold, text, tp, fp, fn, errors)
    classes = sorted(set(tp) | set(fp) | set(fn), key=lambda c: (("|" in c), c))
    rows = [(c, *prf(tp[c], fp[c], fn[c]), tp[c] + fn[c]) for c in classes]
    rows.append(_micro(tp, fp, fn))
    return rows


def _overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def loss_class(gold, stage):
    """Why the stage misses a gold entity the tagger found: what the stage has there."""
    over = [s for s in stage if _overlap(s, gold)]
    if not over:
        return "deleted"
    if any(s[:2] == gold[:2] for s in over):
        return "other label"
    if any(gold[0] <= s[0] and s[1] <= gold[1] for s in over):
        return "cut shorter"
    if any(s[0] <= gold[0] and gold[1] <= s[1] for s in over):
        return "extended"
    return "boundary moved"


def compare(stage_run, tagger_run, sents, labels, conv, out=None, examples=6):
    """Stage against tagger under the convention-aware score: per loss class, how many
    gold entities the stage loses that the tagger had (and gains the other way), and
    how many wrong spans it adds (removes), by the stage's source."""
    lost, gained, added, removed = Counter(), Counter(), Counter(), Counter()
    ex = {}
    for toks, tags in sents:
        text, gold = corpora.to_text(toks, tags)
        roles = conv.roles(text)
        gold = conv.keys(text, [g for g in gold if g[2] in labels], roles)
        with_src = [p for p in stage_run.with_sources(text) if p[2] in labels]
        kept = conv.keys(text, [p[:3] for p in with_src], roles)  # as scored (nested spans left out)
        source = {}
        for s, e, lab, src in with_src:
            for key in conv.keys(text, [(s, e, lab)], roles) & kept:
                source[key] = src
        S = set(source)
        T = conv.keys(text, [p[:3] for p in tagger_run(text) if p[2] in labels], roles)
        for g in (gold & T) - S:
            cls = loss_class(g, S)
            lost[cls] += 1
            ex.setdefault(("lost", cls), []).append((text, g, sorted(x for x in S if _overlap(x, g))))
        for g in (gold & S) - T:
            gained[loss_class(g, T)] += 1
        for x in (S - gold) - T:
            cls = source.get(x, "?").split(":")[0]
            added[cls] += 1
            ex.setdefault(("added", cls), []).append((text, x, sorted(g for g in gold if _overlap(g, x))))
        for x in (T - gold) - S:
            removed[loss_class(x, S)] += 1
    print("\nstage vs tagger (convention-aware): gold entities the stage loses / gains, by what the stage has there")
    print(f"{'class':<16} {'lost':>6} {'gained':>7}")
    for cls in sorted(set(lost) | set(gained)):
        print(f"{cls:<16} {lost[cls]:6d} {gained[cls]:7d}")
    print(f"{'total':<16} {sum(lost.values()):6d} {sum(gained.values()):7d}")
    print("wrong spans the stage adds (by its source) / tagger errors it removes (by what the stage has there)")
    for cls in sorted(added):
        print(f"  added   {cls:<14} {added[cls]:6d}")
    for cls in sorted(removed):
        print(f"  removed {cls:<14} {removed[cls]:6d}")
    print(f"  added {sum(added.values())}, removed {sum(removed.values())}")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            for (kind, cls), items in sorted(ex.items()):
                f.write(f"## {kind} / {cls}: {len(items)}\n")
                for text, x, near in items:
                    f.write(f"{text[x[0]:x[1]]} [{x[2]}]  stage/gold near: "
                            f"{[(text[a:b], lab) for a, b, lab in near]}\n    {text}\n")


def speed(data, kind="lstm", model=None, wordfeat=None, limit=None, repeat=3, max_models=None):
    """Sentences/s of the tagger alone over ARMAN test_fold1 (library tokens, one core)."""
    sents = []
    for toks, tags in load(data, "arman")[:limit]:
        text, ents = corpora.to_text(toks, tags)
        sents.extend([t for t, _ in s] for s in corpora.project(text, ents))
    tagger = make_tagger(kind, model, wordfeat, max_models=max_models)
    tagger.tag_tokens(["گرم"])
    if kind == "crf":
        caches = [tagger.featurizer._cache]
    else:
        import numpy as np

        _, enc, nets, *_ = tagger._load()
        caches = [enc._cache]
        for net in nets:
            net.layer0_inputs([["گرم"]], enc, enc.gazetteer_batch([["گرم"]]), np.array([1]))
            caches.append(net._proj_cache)
    ntok = sum(map(len, sents))
    modes = [("one sentence per call", False)]
    if kind == "lstm":
        modes.append((f"batches of {tagger.batch_size} sentences", True))
    # CPU time of this process: one core's throughput, whatever else the machine runs
    for how, batched in modes:
        for label, cold in (("cold word cache", True), ("warm word cache", False)):
            best = None
            for _ in range(repeat):
                if cold:
                    for cache in caches:
                        cache.clear()  # every word's features computed afresh
                t0 = time.process_time()
                if batched:
                    tagger.tag_batch(sents)
                else:
                    for toks in sents:
                        tagger.tag_tokens(toks)
                took = time.process_time() - t0
                best = took if best is None else min(best, took)
            print(f"{kind} alone, {how}, {label}: {len(sents)} sentences ({ntok / len(sents):.1f} tokens each) in "
                  f"{best:.2f} CPU s: {len(sents) / best:.0f} sentences/s, {ntok / best:.0f} tokens/s (best of {repeat})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"),
                    help="the ner data folder (arman/, peyma/); default ../shared/data/ner beside the repo")
    ap.add_argument("--component", choices=["lstm", "crf", "stage"], default="lstm")
    ap.add_argument("--tagger", choices=["lstm", "crf"], default="lstm",
                    help="with --component stage: the stage's statistical tagger")
    ap.add_argument("--model", help="model file of the tagger (default: the bundled one)")
    ap.add_argument("--head", help="lstm: an auxiliary output layer (e.g. peyma: PEYMA's conventions)")
    ap.add_argument("--max-models", type=int, help="lstm: use only the first N networks of the ensemble")
    ap.add_argument("--wordfeat", help="word feature table for --model (default: beside it, else bundled)")
    ap.add_argument("--sets", nargs="+", choices=sorted(SCORED), default=["arman", "peyma"])
    ap.add_argument("--split", choices=SPLITS, default="test",
                    help="which split of each set (default test, the scored one; develop rules on train/dev)")
    ap.add_argument("--limit", type=int, help="first N sentences of each set")
    ap.add_argument("--errors", help="write mismatched sentences to this file")
    ap.add_argument("--convention", action="store_true",
                    help="also score convention-aware (country LOC=ORG, press ORG=PRODUCT, university ORG=FAC, "
                         "demonyms and ORG inside a ROLE left out); see Conventions")
    ap.add_argument("--no-places-convention", action="store_true",
                    help="with --convention/--compare: score a LOC of listed places side by side as one span "
                         "(leave that convention out)")
    ap.add_argument("--compare", metavar="FILE", nargs="?", const="",
                    help="stage against the tagger alone, convention-aware, by loss class "
                         "(examples written to FILE if given)")
    ap.add_argument("--speed", action="store_true",
                    help="also time the tagger alone (on already segmented sentences, one core)")
    args = ap.parse_args(argv)
    if args.speed:
        kind = args.tagger if args.component == "stage" else args.component
        speed(Path(args.data), kind, args.model, args.wordfeat, args.limit, max_models=args.max_models)
    run = make_component(args.component, args.model, args.wordfeat, args.tagger, args.head, args.max_models)
    run("گرم کردن")  # load models before timing
    errors = [] if args.errors else None
    conv = Conventions(places_side_by_side=not args.no_places_convention) \
        if args.convention or args.compare is not None else None
    for name in args.sets:
        try:
            sents = load(Path(args.data), name, args.split)[: args.limit]
        except ValueError as err:
            ap.error(str(err))
        rows, took = evaluate(run, sents, SCORED[name], errors)
        print(f"\n{name} {args.split} ({len(sents)} sentences, component {args.component}; "
              f"{len(sents) / took:.0f} sentences/s end to end)")
        print(f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for lab, p, r, f, n in rows:
            print(f"{lab:<8} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}" + (f"  (F1 {f:.4f})" if lab == "micro" else ""))
        if args.convention:
            crow = evaluate_convention(run, sents, SCORED[name], conv)
            print(f"convention-aware ({name}, component {args.component})")
            print(f"{'class':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
            for lab, p, r, f, n in crow:
                print(f"{lab:<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}" + (f"  (F1 {f:.4f})" if lab == "micro" else ""))
        if args.compare is not None:
            if args.component != "stage":
                ap.error("--compare needs --component stage")
            tagger_run = make_component(args.tagger, args.model, args.wordfeat, head=args.head,
                                        max_models=args.max_models)
            compare(run, tagger_run, sents, SCORED[name], conv, args.compare or None)
    if errors is not None:
        with open(args.errors, "w", encoding="utf-8") as f:
            for text, missed, extra in errors:
                f.write(f"{text}\n  missed: {missed}\n  extra: {extra}\n")


if __name__ == "__main__":
    main()
