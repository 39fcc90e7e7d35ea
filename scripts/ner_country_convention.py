#!/usr/bin/env python
"""How ARMAN labels country names (ORG or LOC) across train_fold1, and what a blanket
relabelling would do on the dev split (the last 20% of train_fold1).

    python scripts/ner_country_convention.py --model /tmp/dev_model.npz

``--model``: a network trained with ``train_ner_lstm.py train --dev`` (it never saw the
dev part). Prints the country-label counts of both parts and the dev micro F1 of the
model as it is, with every predicted country relabelled LOC, and relabelled ORG.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from persian_ie.entities.bio import spans_from_bio  # noqa: E402
from persian_ie.entities.countries import is_country  # noqa: E402
from train_ner import f1_report, load_sets, restrict  # noqa: E402


def country_labels(sents) -> Counter:
    out = Counter()
    for toks, tags in sents:
        for a, b, label in spans_from_bio(tags):
            if label in ("ORG", "LOC") and is_country(" ".join(toks[a:b])):
                out[label] += 1
    return out


def relabel_countries(toks, tags, to):
    tags = list(tags)
    for a, b, label in spans_from_bio(tags):
        if label in ("ORG", "LOC") and label != to and is_country(" ".join(toks[a:b])):
            tags[a:b] = ["B-" + to] + ["I-" + to] * (b - a - 1)
    return tags


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data/ner")
    ap.add_argument("--model", help="a network trained on the first 80%% only (train_ner_lstm.py train --dev)")
    args = ap.parse_args(argv)
    train = [s for s in restrict(load_sets(Path(args.data))["arman_train"]) if s[0]]
    cut = int(len(train) * 0.8)
    first, dev = train[:cut], train[cut:]
    print(f"country names, first 80% of train_fold1: {dict(country_labels(first))}")
    print(f"country names, last 20% (dev):          {dict(country_labels(dev))}")
    if args.model:
        from persian_ie.entities.neural import NeuralTagger

        preds = NeuralTagger(args.model).tag_batch([t for t, _ in dev])
        for name, fix in (("as tagged", None), ("countries -> LOC", "LOC"), ("countries -> ORG", "ORG")):
            got = preds if fix is None else [relabel_countries(t, p, fix) for (t, _), p in zip(dev, preds)]
            print(f"dev micro F1, {name:<17} {f1_report(dev, got)['micro']:.3f}")


if __name__ == "__main__":
    main()
