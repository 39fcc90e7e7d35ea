"""Throughput: persian_ie's pipeline beside hazm (Normalizer + sent_tokenize + word_tokenize)
on the same news articles, in the same run, on one core.

    python benchmarks/throughput.py                      # full default pipeline, 2,000 articles
    python benchmarks/throughput.py --stages normalize,segment --limit 500

Reads ../shared/data/news_corpus/ir_news_sample.jsonl (relative to the repo root). Times
are the CPU time of this process (one BLAS thread), so the figures hold for one core
whatever else the machine is running.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# one BLAS thread: the figures are for one core (set before numpy is imported)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"


def load(limit: int):
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS} (it lives in ../shared/data beside the repo)")
    texts = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def bench_persian_ie(texts, stages, ner=None, max_models=None):
    from persian_ie import Pipeline

    config = {"entities": {"max_models": max_models}} if max_models else None
    nlp = Pipeline(stages=stages, ner=ner, config=config)
    nlp(texts[0])  # warm-up: loads lexicons and models once
    t0 = time.process_time()
    n_tokens = 0
    for text in texts:
        n_tokens += len(nlp(text).doc.tokens)
    return time.process_time() - t0, n_tokens, nlp.stage_names


def bench_hazm(texts):
    import hazm

    # tools built once (hazm.word_tokenize() would rebuild its tokenizer on every call)
    normalizer = hazm.Normalizer()
    sentences = hazm.SentenceTokenizer()
    words = hazm.WordTokenizer()
    normalizer.normalize(texts[0])
    t0 = time.process_time()
    n_tokens = 0
    for text in texts:
        norm = normalizer.normalize(text)
        for sent in sentences.tokenize(norm):
            n_tokens += len(words.tokenize(sent))
    return time.process_time() - t0, n_tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000, help="number of articles (default: all 2,000)")
    parser.add_argument("--stages", default="", help="comma-separated stages (default: the full default pipeline)")
    parser.add_argument("--ner", help="entity tagger: lstm (default), crf")
    parser.add_argument("--max-models", type=int, help="lstm: networks of the ensemble to use (default: all)")
    parser.add_argument("--no-hazm", action="store_true", help="skip the hazm reference run")
    args = parser.parse_args()
    texts = load(args.limit)
    chars = sum(len(t) for t in texts)
    stages = [s for s in args.stages.split(",") if s] or None
    t_ie, tok_ie, names = bench_persian_ie(texts, stages, args.ner, args.max_models)
    ie_rate = len(texts) / t_ie
    print(f"articles: {len(texts)} ({chars / len(texts):.0f} chars on average)")
    print(f"persian_ie [{' → '.join(names)}]: {ie_rate:8.1f} articles/s  ({t_ie * 1000 / len(texts):.2f} ms/article, {tok_ie} tokens)")
    if args.no_hazm:
        return
    t_hz, tok_hz = bench_hazm(texts)
    hz_rate = len(texts) / t_hz
    print(f"hazm normalize + sent + word tokenize: {hz_rate:8.1f} articles/s  ({t_hz * 1000 / len(texts):.2f} ms/article, {tok_hz} tokens)")
    print(f"ratio persian_ie / hazm: {ie_rate / hz_rate:.2f}")


if __name__ == "__main__":
    main()
