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


def load(data: Path, name: str):
    if name == "arman":
        return corpora.read_arman(data / "arman" / "ArmanPersoNERCorpus.zip", "test_fold1")
    if name == "peyma":
        return corpora.read_peyma(data / "peyma" / "test.txt")
    if name == "twiner":
        return corpora.read_parstwiner(data / "parstwiner" / "test.txt")
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

        def run(text):
            doc = seg(norm(Document(text)))
            return [(s.start, s.end, s.label) for s in tagger(doc)]
        return run
    if kind == "stage":
        import persian_ie

        config = {"entities": {"backend": tagger_kind}}
        if model:
            config["entities"]["model_path"] = model
        nlp = persian_ie.Pipeline(stages=["normalize", "segment", "entities"], config=config)

        def run(text):
            return [(s.start, s.end, s.label) for s in nlp(text).entities]
        return run
    raise ValueError(kind)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(run, sents, labels, errors=None):
    tp, fp, fn = Counter(), Counter(), Counter()
    t0 = time.perf_counter()
    for toks, tags in sents:
        text, gold = corpora.to_text(toks, tags)
        gold = {g for g in gold if g[2] in labels}
        pred = {p for p in run(text) if p[2] in labels}
        for x in pred & gold:
            tp[x[2]] += 1
        for x in pred - gold:
            fp[x[2]] += 1
        for x in gold - pred:
            fn[x[2]] += 1
        if errors is not None and pred != gold:
            errors.append((text, sorted(gold - pred), sorted(pred - gold)))
    took = time.perf_counter() - t0
    rows = []
    for lab in labels:
        rows.append((lab, *prf(tp[lab], fp[lab], fn[lab]), tp[lab] + fn[lab]))
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    rows.append(("micro", *prf(T, P, N), T + N))
    return rows, took


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
    ap.add_argument("--limit", type=int, help="first N sentences of each set")
    ap.add_argument("--errors", help="write mismatched sentences to this file")
    ap.add_argument("--speed", action="store_true",
                    help="also time the tagger alone (on already segmented sentences, one core)")
    args = ap.parse_args(argv)
    if args.speed:
        kind = args.tagger if args.component == "stage" else args.component
        speed(Path(args.data), kind, args.model, args.wordfeat, args.limit, max_models=args.max_models)
    run = make_component(args.component, args.model, args.wordfeat, args.tagger, args.head, args.max_models)
    run("گرم کردن")  # load models before timing
    errors = [] if args.errors else None
    for name in args.sets:
        sents = load(Path(args.data), name)[: args.limit]
        rows, took = evaluate(run, sents, SCORED[name], errors)
        print(f"\n{name} ({len(sents)} sentences, component {args.component}; "
              f"{len(sents) / took:.0f} sentences/s end to end)")
        print(f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for lab, p, r, f, n in rows:
            print(f"{lab:<8} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    if errors is not None:
        with open(args.errors, "w", encoding="utf-8") as f:
            for text, missed, extra in errors:
                f.write(f"{text}\n  missed: {missed}\n  extra: {extra}\n")


if __name__ == "__main__":
    main()
