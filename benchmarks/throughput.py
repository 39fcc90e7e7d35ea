"""Throughput: persian_ie's pipeline beside hazm (Normalizer + sent_tokenize + word_tokenize)
on the same news articles, in the same run, on one core.

    python benchmarks/throughput.py                      # pipe(), full default pipeline, 2,000 articles
    python benchmarks/throughput.py --mode extract       # one text at a time
    python benchmarks/throughput.py --n-process 2 --no-hazm   # worker processes: wall time and speed-up
    python benchmarks/throughput.py --stages normalize,segment --limit 500
    python benchmarks/throughput.py --n-process 2 --no-hazm --consume dict   # as the CLI: each result to JSON
    python benchmarks/throughput.py --min-chars 1000 --max-chars 1800 --limit 300 --no-hazm   # articles of one size

Articles/s depends on article length: the sample's articles average 2,841 characters (median
1,782); the speed issue's baseline and goal were set on articles of about 1,400. The per-character
rate is printed too, and ``--min-chars``/``--max-chars`` time articles of one size (the first
``--limit`` of the sample within those bounds).

Reads ../shared/data/news_corpus/ir_news_sample.jsonl (relative to the repo root). Times
are CPU time (this process, plus its workers for --n-process > 1), so the one-core figures
hold whatever else the machine is running; with --n-process the wall time is printed too,
with the machine's load average, since a busy machine slows it. Nothing here sets BLAS
threads: the library keeps them to one per process itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"


def load(limit: int, min_chars: int = 0, max_chars: int = 0):
    """The first ``limit`` articles of the sample (those of ``min_chars``–``max_chars``
    characters only, when given; 0 = no bound)."""
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS} (it lives in ../shared/data beside the repo)")
    texts = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if len(text) >= min_chars and (not max_chars or len(text) <= max_chars):
                texts.append(text)
            if len(texts) >= limit:
                break
    if not texts:
        sys.exit(f"no article of {min_chars}-{max_chars or 'any'} characters in {CORPUS}")
    return texts


def bench_persian_ie(texts, stages, ner=None, max_models=None, mode="pipe", batch_size=32, n_process=1,
                     consume="tokens"):
    """(CPU seconds, wall seconds, tokens, stage names, this process's part of the CPU
    seconds). ``consume``: what is done with each result, "tokens" (count ``doc.tokens``)
    or "dict" (``to_dict()`` and its JSON, as the CLI writes it; the tokens are then counted
    outside the timed loop's work: a result that crossed from a worker builds its Token
    objects only when asked for them)."""
    from persian_ie import Pipeline

    config = {"entities": {"max_models": max_models}} if max_models else None
    nlp = Pipeline(stages=stages, ner=ner, config=config)
    nlp(texts[0])  # warm-up: loads lexicons and models once
    before = os.times()
    w0 = time.perf_counter()
    n_tokens = 0
    results = (nlp(text) for text in texts) if mode == "extract" else \
        nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    if consume == "dict":
        for r in results:
            json.dumps(r.to_dict(), ensure_ascii=False)
            n_tokens += sum(s.token_end - s.token_start for s in r.doc.sentences)
    else:
        for r in results:
            n_tokens += len(r.doc.tokens)
    wall = time.perf_counter() - w0
    after = os.times()
    own = (after.user - before.user) + (after.system - before.system)
    cpu = own + (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return cpu, wall, n_tokens, nlp.stage_names, own


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
    parser.add_argument("--mode", choices=("pipe", "extract"), default="pipe",
                        help="pipe(): batches of --batch-size (default); extract: one text at a time")
    parser.add_argument("--batch-size", type=int, default=32, help="pipe(): documents per batch (default 32)")
    parser.add_argument("--n-process", type=int, default=1, help="pipe(): worker processes (default 1; -1 = all CPUs)")
    parser.add_argument("--consume", choices=("tokens", "dict"), default="tokens",
                        help="per result: count doc.tokens (default) or write to_dict() as JSON, as the CLI does")
    parser.add_argument("--min-chars", type=int, default=0, help="only articles of at least this many characters")
    parser.add_argument("--max-chars", type=int, default=0, help="only articles of at most this many characters")
    parser.add_argument("--no-hazm", action="store_true", help="skip the hazm reference run")
    args = parser.parse_args()
    texts = load(args.limit, args.min_chars, args.max_chars)
    chars = sum(len(t) for t in texts)
    stages = [s for s in args.stages.split(",") if s] or None
    if args.mode == "extract" and args.n_process != 1:
        parser.error("--n-process applies to --mode pipe")
    load0 = os.getloadavg()[0]
    t_ie, wall, tok_ie, names, own = bench_persian_ie(texts, stages, args.ner, args.max_models, args.mode,
                                                      args.batch_size, args.n_process, args.consume)
    ie_rate = len(texts) / t_ie
    print(f"articles: {len(texts)} ({chars / len(texts):.0f} chars on average)")
    how = "extract()" if args.mode == "extract" else f"pipe(batch_size={args.batch_size}, n_process={args.n_process})"
    print(f"persian_ie [{' → '.join(names)}], {how}: {ie_rate:8.1f} articles/s per core of CPU time "
          f"({t_ie * 1000 / len(texts):.2f} ms/article, {chars / t_ie / 1000:.0f} k characters/s, {tok_ie} tokens)")
    print(f"  wall: {wall:.1f} s = {len(texts) / wall:.1f} articles/s (load average {load0:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after, {os.cpu_count()} CPUs)")
    if args.n_process != 1:  # the parent's part: unpickling results, and the consumer's work
        print(f"  CPU: {own:.2f} s in this process, {t_ie - own:.2f} s in the workers")
    if args.no_hazm:
        return
    t_hz, tok_hz = bench_hazm(texts)
    hz_rate = len(texts) / t_hz
    print(f"hazm normalize + sent + word tokenize: {hz_rate:8.1f} articles/s  ({t_hz * 1000 / len(texts):.2f} ms/article, {tok_hz} tokens)")
    print(f"ratio persian_ie / hazm: {ie_rate / hz_rate:.2f}")


if __name__ == "__main__":
    main()
