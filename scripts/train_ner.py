#!/usr/bin/env python
"""Train the bundled CRF named-entity tagger (``persian_ie/resources/ner/``).

Three steps (``--help`` on each):

1. ``wordfeat``: the word → features table. Tokenizes unlabeled text (the news
   corpus plus the TRAINING corpora's text; never ARMAN test_fold1) with the
   library's normalizer and segmenter, trains word2vec (gensim, a dev-only tool),
   clusters the vectors with k-means at three granularities and adds each word's
   part-of-speech classes and frequency band from hazm's lexicon. Writes
   ``wordfeat.tsv.gz``.
2. ``train``: projects the corpora onto the library's tokens (each sentence's tokens
   joined with spaces, normalized and segmented by the library, gold spans mapped
   back) and trains python-crfsuite. ``--peyma`` chooses how PEYMA (which has no
   FAC/EVENT/PRODUCT) is combined with ARMAN:

   * ``none``: ARMAN train_fold1 only;
   * ``merge``: PEYMA train+dev added as they are (their facilities, events and
     products then count as O: the naive way);
   * ``fill``: a first model trained on ARMAN tags PEYMA; wherever PEYMA is O and
     that model finds a FAC/EVENT/PRODUCT span, the span is filled in before PEYMA is
     added (PEYMA's DATE/TIME/MONEY/PERCENT are O, as in ARMAN);
   * ``fill-relabel``: ``fill``, and where the first model finds exactly a PEYMA
     entity's span with another type (PER aside: LOC→ORG for a country acting as a
     state, LOC→FAC, ORG→PRODUCT...), the model's type is taken, since the corpora's
     conventions differ there;
   * ``per``: PEYMA's PER spans only; its other tokens get the first model's tags
     (the corpora agree on persons, not on places and organizations);
   * ``drop``: like ``merge`` but PEYMA sentences in which the first model finds a
     FAC/EVENT/PRODUCT span are left out.

   ``--dev`` holds out the last 20% of train_fold1 and reports F1 on it (model
   selection without touching test_fold1).

Example (the recipe of the bundled model, see ``MODEL_CARD.md``)::

    python scripts/train_ner.py wordfeat --data /path/to/shared/data --out persian_ie/resources/ner/wordfeat.tsv.gz
    python scripts/train_ner.py train --data /path/to/shared/data/ner --peyma fill \\
        --wordfeat persian_ie/resources/ner/wordfeat.tsv.gz --out persian_ie/resources/ner/crf.model

To retrain on other data, give ``--conll FILE`` (``token<TAB>BIO-tag`` lines, blank
line between sentences, labels PER ORG LOC FAC EVENT PRODUCT) instead of ``--data``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from persian_ie.entities import corpora  # noqa: E402
from persian_ie.entities.bio import spans_from_bio  # noqa: E402
from persian_ie.entities.crf import Featurizer, load_gazetteer, load_wordfeat, word_key  # noqa: E402

CACHE = Path(os.environ.get("PERSIAN_IE_NER_CACHE", "/tmp/persian_ie_ner_cache"))


# -- data -----------------------------------------------------------------------------------

def projected(name, sents):
    """Corpus sentences as library-token sentences [(tokens, tags)], cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.pkl"
    if path.exists():
        with open(path, "rb") as f:
            return pickle.load(f)
    out = []
    for toks, tags in sents:
        text, ents = corpora.to_text(toks, tags)
        for sent in corpora.project(text, ents):
            out.append(([t for t, _ in sent], [g for _, g in sent]))
    with open(path, "wb") as f:
        pickle.dump(out, f)
    return out


def load_sets(data: Path):
    arman = data / "arman" / "ArmanPersoNERCorpus.zip"
    sets = {
        "arman_train": projected("arman_train_fold1", corpora.read_arman(arman, "train_fold1")),
        "peyma_train": projected("peyma_train", corpora.read_peyma(data / "peyma" / "train.txt")),
        "peyma_dev": projected("peyma_dev", corpora.read_peyma(data / "peyma" / "dev.txt")),
    }
    return sets


KEEP = {"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT"}


def restrict(sents, keep=KEEP):
    out = []
    for toks, tags in sents:
        new = [t if t == "O" or t[2:] in keep else "O" for t in tags]
        out.append((toks, new))
    return out


# -- wordfeat -------------------------------------------------------------------------------

def cmd_wordfeat(args):
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans
    import numpy as np

    from persian_ie.document import Document
    from persian_ie.normalize import Normalizer
    from persian_ie.segment import Segmenter
    from persian_ie.zwnj import hazm_data_path

    t0 = time.time()
    data = Path(args.data)
    unlab = CACHE / "unlabeled.txt"
    CACHE.mkdir(parents=True, exist_ok=True)
    if not unlab.exists():
        norm, seg = Normalizer(), Segmenter()
        with open(unlab, "w", encoding="utf-8") as out:
            with open(data / "news_corpus" / "ir_news_sample.jsonl", encoding="utf-8") as f:
                for line in f:
                    art = json.loads(line)
                    doc = seg(norm(Document((art.get("title") or "") + "\n" + (art.get("text") or ""))))
                    for s in doc.sentences:
                        out.write(" ".join(word_key(t.norm) for t in doc.tokens[s.token_start:s.token_end]) + "\n")
            sets = load_sets(data / "ner")
            extra = []
            tw = data / "ner" / "parstwiner"
            for split in ("train", "dev", "test"):
                if (tw / f"{split}.txt").exists():
                    extra.append(projected(f"twiner_{split}", corpora.read_parstwiner(tw / f"{split}.txt")))
            for sents in list(sets.values()) + extra:
                for toks, _ in sents:
                    out.write(" ".join(word_key(t) for t in toks) + "\n")
        print(f"unlabeled text written in {time.time() - t0:.0f}s", flush=True)
    vec_cache = CACHE / f"w2v_{args.dim}_{args.epochs}_{args.min_count}_{args.window}.npz"
    if vec_cache.exists():
        saved = np.load(vec_cache, allow_pickle=False)
        words, raw = list(saved["words"]), saved["vectors"]
    else:
        sentences = [line.split() for line in open(unlab, encoding="utf-8")]
        print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens", flush=True)
        model = Word2Vec(sentences, vector_size=args.dim, window=args.window, min_count=args.min_count, sg=1, negative=10,
                         epochs=args.epochs, workers=2, seed=1)
        words, raw = list(model.wv.index_to_key), model.wv.vectors
        np.savez(vec_cache, words=np.array(words), vectors=raw)
    print(f"word2vec: {len(words)} words at {time.time() - t0:.0f}s", flush=True)
    vecs = raw / (np.linalg.norm(raw, axis=1, keepdims=True) + 1e-9)
    cluster_cols = []
    for k in args.k:
        km = KMeans(n_clusters=k, random_state=1, n_init=1, max_iter=40)
        cluster_cols.append(km.fit_predict(vecs))
        print(f"k-means {k} done at {time.time() - t0:.0f}s", flush=True)
    table = {w: [str(col[i]) for col in cluster_cols] for i, w in enumerate(words)}
    # hazm lexicon: part-of-speech classes and frequency band
    lex = {}
    for line in open(hazm_data_path("words.dat"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        w = word_key(parts[0].replace("ي", "ی").replace("ك", "ک"))
        freq = int(parts[1]) if parts[1].isdigit() else 0
        band = str(min(9, int(math.log10(freq + 1)))) if freq else "0"
        lex[w] = (parts[2].replace(",", "+"), band)
    out_rows = []
    for w in sorted(set(table) | set(lex)):
        cl = table.get(w, [""] * len(args.k))
        pos, band = lex.get(w, ("", ""))
        out_rows.append("\t".join([w] + cl + [pos, band]))
    header = "#word\t" + "\t".join(f"k{k}" for k in args.k) + "\tpos\tband"
    blob = (header + "\n" + "\n".join(out_rows) + "\n").encode("utf-8")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(gzip.compress(blob, 9, mtime=0))
    print(f"wrote {args.out}: {len(out_rows)} words, {os.path.getsize(args.out) / 1e6:.1f} MB, "
          f"{time.time() - t0:.0f}s", flush=True)


# -- gazetteer snapshot ---------------------------------------------------------------------

def cmd_gazetteer(args):
    """Snapshot the entity stage's gazetteers (resources/gazetteers) as ``phrase<TAB>TYPE``.

    The tagger ships its own copy so that the model always sees the lists it was
    trained with, whatever later edits the stage's lists get.
    """
    from persian_ie.normalize import normalize
    from persian_ie.segment import word_spans

    src = Path(args.src)
    rows = set()

    def add(phrase, kind):
        phrase = normalize(phrase.strip())
        if not phrase:
            return
        toks = [phrase[a:b] for a, b in word_spans(phrase)]
        if toks:
            rows.add((" ".join(toks), kind))

    def tsv(name):
        path = src / name
        if not path.exists():
            print(f"note: {path} missing", file=sys.stderr)
            return []
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t"))
        return out

    def alts(field):
        return [x for x in field.split("|") if x.strip() and x.strip() != "-"] if field else []

    for row in tsv("countries.tsv"):
        for name in [row[0]] + alts(row[1] if len(row) > 1 else ""):
            add(name, "COUNTRY")
        for name in alts(row[2] if len(row) > 2 else ""):
            add(name, "DEMONYM")
        for name in alts(row[3] if len(row) > 3 else ""):
            add(name, "CITY")
    for row in tsv("iran_provinces.tsv"):
        for name in [row[0]] + alts(row[1] if len(row) > 1 else ""):
            add(name, "PROVINCE")
        for field in row[2:4]:
            for name in alts(field):
                add(name, "CITY")
    for row in tsv("places.tsv"):
        add(row[0], "PLACE")
    for name in ("media.tsv", "organizations.tsv"):
        kind = "MEDIA" if name.startswith("media") else "ORG"
        for row in tsv(name):
            for n in [row[0]] + alts(row[1] if len(row) > 1 else ""):
                add(n, kind)
    for row in tsv("first_names.tsv"):
        add(row[0], "FIRST")
    for row in tsv("foreign_first_names.txt"):
        add(row[0], "FIRST")
    for row in tsv("org_heads.tsv"):
        add(row[0], "ORGHEAD")
    for row in tsv("role_titles.tsv"):
        add(row[0], "TITLE")
    for row in tsv("honorifics.txt"):
        add(row[0], "HONORIFIC")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Snapshot of persian_ie/resources/gazetteers (written for persian_ie) used as CRF features:\n"
                "# phrase<TAB>TYPE, phrases normalized and tokenized by the library. Rebuild with\n"
                "# scripts/train_ner.py gazetteer; retrain the model after a rebuild.\n")
        for phrase, kind in sorted(rows):
            f.write(f"{phrase}\t{kind}\n")
    print(f"wrote {out}: {len(rows)} phrases")


# -- training -------------------------------------------------------------------------------

def train_model(sents, featurizer, out, c1, c2, iters, verbose=False, featurizers=None):
    """Train a CRF; ``featurizers`` (one per sentence) overrides ``featurizer``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for i, (toks, tags) in enumerate(sents):
        f = featurizers[i] if featurizers is not None else featurizer
        trainer.append(f.sentence(toks), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def tag_all(model, featurizer, sents):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [tagger.tag(featurizer.sentence(toks)) for toks, _ in sents]


def f1_report(gold_sents, pred_tags, labels=None):
    tp, fp, fn = Counter(), Counter(), Counter()
    for (toks, gold), pred in zip(gold_sents, pred_tags):
        g = set(spans_from_bio(gold))
        p = set(spans_from_bio(pred))
        if labels:
            g = {x for x in g if x[2] in labels}
            p = {x for x in p if x[2] in labels}
        for x in p & g:
            tp[x[2]] += 1
        for x in p - g:
            fp[x[2]] += 1
        for x in g - p:
            fn[x[2]] += 1
    def f(t, p_, n):
        pr = t / (t + p_) if t + p_ else 0.0
        rc = t / (t + n) if t + n else 0.0
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    rows = {lab: f(tp[lab], fp[lab], fn[lab]) for lab in sorted(set(tp) | set(fn) | set(fp))}
    rows["micro"] = f(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return rows


def fill_peyma(peyma, pred_tags):
    """PEYMA sentences with the first model's FAC/EVENT/PRODUCT spans filled into O stretches."""
    out = []
    filled = 0
    for (toks, tags), pred in zip(peyma, pred_tags):
        new = list(tags)
        for a, b, label in spans_from_bio(pred):
            if label in ("FAC", "EVENT", "PRODUCT") and all(t == "O" for t in tags[a:b]) \
                    and (b >= len(tags) or not tags[b].startswith("I-")):
                new[a] = "B-" + label
                for i in range(a + 1, b):
                    new[i] = "I-" + label
                filled += 1
        out.append((toks, new))
    print(f"fill: {filled} FAC/EVENT/PRODUCT spans added to PEYMA", flush=True)
    return out


def relabel_peyma(peyma, pred_tags):
    """Where the first model finds exactly a PEYMA entity's span with another type (PER
    aside), take the model's type: PEYMA calls every country LOC and every facility
    LOC/ORG, while ARMAN tags a country acting as a state ORG and has FAC/EVENT/PRODUCT."""
    out = []
    changed = Counter()
    for (toks, tags), pred in zip(peyma, pred_tags):
        new = list(tags)
        gold = {(a, b): lab for a, b, lab in spans_from_bio(tags)}
        for a, b, lab in spans_from_bio(pred):
            old = gold.get((a, b))
            if old and old != lab and "PER" not in (old, lab):
                new[a] = "B-" + lab
                for i in range(a + 1, b):
                    new[i] = "I-" + lab
                changed[f"{old}->{lab}"] += 1
        out.append((toks, new))
    print(f"relabel: {dict(changed)}", flush=True)
    return out


def per_peyma(peyma, pred_tags):
    """PEYMA's own PER spans, everything else as the first (ARMAN) model tags it.

    PEYMA and ARMAN agree on persons but not on places and organizations (countries,
    facilities), so PEYMA teaches PER and the ARMAN model's own tags fill in the rest."""
    out = []
    for (toks, tags), pred in zip(peyma, pred_tags):
        new = ["O"] * len(tags)
        gold_per = [(a, b) for a, b, lab in spans_from_bio(tags) if lab == "PER"]
        covered = set(i for a, b in gold_per for i in range(a, b))
        for a, b, lab in spans_from_bio(pred):
            if lab == "PER" or any(i in covered for i in range(a, b)):
                continue
            # keep the model's non-PER span unless it overlaps a gold PEYMA entity of another extent
            new[a] = "B-" + lab
            for i in range(a + 1, b):
                new[i] = "I-" + lab
        for a, b in gold_per:
            new[a] = "B-PER"
            for i in range(a + 1, b):
                new[i] = "I-PER"
        out.append((toks, new))
    return out


def drop_peyma(peyma, pred_tags):
    out = [s for s, pred in zip(peyma, pred_tags)
           if not any(lab in ("FAC", "EVENT", "PRODUCT") for _, _, lab in spans_from_bio(pred))]
    print(f"drop: kept {len(out)} of {len(peyma)} PEYMA sentences", flush=True)
    return out


def read_tsv_conll(path):
    with open(path, encoding="utf-8") as f:
        sents = corpora.read_conll(f, None, {k: k for k in KEEP | {"MONEY", "PERCENT", "DATE", "TIME"}})
    return [(toks, tags) for toks, tags in sents]


def entity_lexicon(sents):
    """``{word-key tuple: {"T-LABEL"}}`` of the entity strings tagged in ``sents``."""
    lex = {}
    for toks, tags in sents:
        for a, b, lab in spans_from_bio(tags):
            lex.setdefault(tuple(word_key(t) for t in toks[a:b]), set()).add("T-" + lab)
    return lex


def with_lexicon(gaz, lex):
    out = dict(gaz)
    for key, kinds in lex.items():
        out[key] = tuple(sorted(set(out.get(key, ())) | kinds))
    return out


def write_gazetteer(path, gaz, source=None):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# phrase<TAB>TYPE: the gazetteer snapshot (resources/gazetteers, written for persian_ie)\n"
                "# plus T-LABEL entries: entity strings of the training corpus (ARMAN train_fold1;\n"
                "# research-use terms, as the model). Written by scripts/train_ner.py.\n")
        for key in sorted(gaz):
            for kind in gaz[key]:
                f.write(" ".join(key) + "\t" + kind + "\n")


def cmd_train(args):
    t0 = time.time()
    table = load_wordfeat(args.wordfeat) if args.wordfeat else {}
    gaz = load_gazetteer(args.gazetteer) if args.gazetteer else {}
    featurizer = Featurizer(table, gaz, wide=args.wide)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.conll:
        train = []
        for i, path in enumerate(args.conll):
            train += projected(f"conll_{i}_{Path(path).stem}_{os.path.getmtime(path):.0f}", read_tsv_conll(path))
        train_model(train, featurizer, out, args.c1, args.c2, args.iters)
        print(f"trained on {len(train)} sentences in {time.time() - t0:.0f}s -> {out}")
        return
    sets = load_sets(Path(args.data))
    arman = restrict(sets["arman_train"])
    dev = None
    if args.dev:
        cut = int(len(arman) * 0.8)
        arman, dev = arman[:cut], arman[cut:]
    peyma = restrict(sets["peyma_train"] + sets["peyma_dev"], {"PER", "ORG", "LOC"})
    print(f"data ready in {time.time() - t0:.0f}s: ARMAN {len(arman)} sentences, PEYMA {len(peyma)}", flush=True)
    if args.peyma == "none" and args.lexicon_folds:
        # entity-lexicon features, jackknifed: each training sentence sees the entity
        # strings of the OTHER folds only, so the CRF learns how far to trust a match
        k = args.lexicon_folds
        n = len(arman)  # contiguous folds: sentences of one article stay together
        folds = [arman[i * n // k:(i + 1) * n // k] for i in range(k)]
        feats_by_fold = []
        for i in range(k):
            lex = entity_lexicon([x for j in range(k) if j != i for x in folds[j]])
            feats_by_fold.append(Featurizer(table, with_lexicon(gaz, lex), wide=args.wide))
        train = [x for fold in folds for x in fold]
        per_sentence = [feats_by_fold[i] for i in range(k) for _ in folds[i]]
        full_gaz = with_lexicon(gaz, entity_lexicon(arman))
        featurizer = Featurizer(table, full_gaz, wide=args.wide)
        train_model(train, featurizer, out, args.c1, args.c2, args.iters, featurizers=per_sentence)
        gaz_out = out.with_name("gazetteer.tsv")
        write_gazetteer(gaz_out, full_gaz)
        print(f"trained on {len(train)} sentences in {time.time() - t0:.0f}s -> {out} "
              f"({os.path.getsize(out) / 1e6:.1f} MB); gazetteer with lexicon -> {gaz_out}", flush=True)
        if dev is not None:
            print("dev F1:", fmt(f1_report(dev, tag_all(out, featurizer, dev))), flush=True)
        return
    if args.peyma == "none":
        train = arman
    elif args.peyma == "merge":
        train = arman + peyma
    else:
        if args.first:
            first = Path(args.first)
        else:
            first = out.with_suffix(".arman-only.model")
            train_model(arman, featurizer, first, args.c1, args.c2, args.iters)
            print(f"first (ARMAN-only) model in {time.time() - t0:.0f}s -> {first}", flush=True)
        if dev is not None:
            print("dev F1 of the ARMAN-only model:", fmt(f1_report(dev, tag_all(first, featurizer, dev))), flush=True)
        pred = tag_all(first, featurizer, peyma)
        if args.peyma == "drop":
            peyma = drop_peyma(peyma, pred)
        elif args.peyma == "per":
            peyma = per_peyma(peyma, pred)
        else:
            peyma = fill_peyma(peyma, pred)
            if args.peyma == "fill-relabel":
                peyma = relabel_peyma(peyma, pred)
        train = arman + peyma
    if args.shuffle:
        random.Random(1).shuffle(train)
    train_model(train, featurizer, out, args.c1, args.c2, args.iters)
    took = time.time() - t0
    print(f"trained on {len(train)} sentences in {took:.0f}s -> {out} ({os.path.getsize(out) / 1e6:.1f} MB)", flush=True)
    if dev is not None:
        print("dev F1:", fmt(f1_report(dev, tag_all(out, featurizer, dev))), flush=True)


def fmt(rows):
    return " ".join(f"{k}={v:.3f}" for k, v in rows.items())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wordfeat", help="build the word → clusters/lexicon table")
    w.add_argument("--data", required=True, help="the shared data folder (news_corpus/, ner/)")
    w.add_argument("--out", required=True)
    w.add_argument("--dim", type=int, default=100)
    w.add_argument("--epochs", type=int, default=10)
    w.add_argument("--min-count", type=int, default=3)
    w.add_argument("--window", type=int, default=5)
    w.add_argument("--k", type=int, nargs="+", default=[64, 256, 1024])
    w.set_defaults(func=cmd_wordfeat)
    g = sub.add_parser("gazetteer", help="snapshot the entity stage's gazetteers for CRF features")
    g.add_argument("--src", default=str(Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers"))
    g.add_argument("--out", required=True)
    g.set_defaults(func=cmd_gazetteer)
    t = sub.add_parser("train", help="train the CRF")
    t.add_argument("--data", help="the ner data folder (arman/, peyma/)")
    t.add_argument("--conll", nargs="+", help="train on these token<TAB>tag files instead")
    t.add_argument("--wordfeat", help="word feature table (wordfeat.tsv.gz)")
    t.add_argument("--gazetteer", help="gazetteer snapshot (gazetteer.tsv) for gazetteer features")
    t.add_argument("--out", required=True)
    t.add_argument("--peyma", choices=["none", "merge", "fill", "fill-relabel", "per", "drop"], default="fill")
    t.add_argument("--dev", action="store_true", help="hold out 20%% of train_fold1 and report F1 on it")
    t.add_argument("--c1", type=float, default=0.05)
    t.add_argument("--c2", type=float, default=0.01)
    t.add_argument("--iters", type=int, default=150)
    t.add_argument("--shuffle", action="store_true")
    t.add_argument("--lexicon-folds", type=int, default=0,
                   help="add entity-lexicon features from the training corpus, jackknifed over K folds "
                        "(writes gazetteer.tsv beside --out; ARMAN-only)")
    t.add_argument("--wide", action="store_true", help="add the words 3-4 places away (no gain measured)")
    t.add_argument("--first", help="for --peyma fill/drop: an ARMAN-only model trained with the same features "
                                   "and data (saves training it again)")
    t.set_defaults(func=cmd_train)
    args = ap.parse_args(argv)
    if args.cmd == "train" and not (args.data or args.conll):
        ap.error("train needs --data or --conll")
    args.func(args)


if __name__ == "__main__":
    main()
