"""Memory over a long run: RSS while pipe() processes the news sample, cycled.

    python benchmarks/memory.py                   # 10,000 documents, RSS every 1,000
    python benchmarks/memory.py --docs 3000 --every 500
    python benchmarks/memory.py --docs 0 --long 100000,300000,1000000   # long documents only

Prints the resident set size (current and peak, from /proc and getrusage) after the
warm-up document and at each step, so a leak shows as a climbing curve. Also prints
the memory one long document costs per 100,000 characters (the figure the
``max_length`` error quotes): each size runs in a fresh process, whose peak RSS
above its RSS after a warm-up on 50 articles is the document's cost.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    parser.add_argument("--long", default="300000",
                        help="comma-separated sizes (characters) of the long-document probes (0: skip)")
    parser.add_argument("--probe", type=int, help=argparse.SUPPRESS)  # one probe, in a child process
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS}")
    texts = [json.loads(line)["text"] for line in open(CORPUS, encoding="utf-8")]
    if args.probe:
        _probe(texts, args.probe)
        return
    for size in [int(x) for x in args.long.split(",") if int(x)]:
        subprocess.run([sys.executable, __file__, "--probe", str(size)], check=True)
    if not args.docs:
        return
    from persian_ie import Pipeline

    nlp = Pipeline()
    nlp(texts[0])
    print(f"after warm-up: RSS {rss_mb():.0f} MB (peak {peak_mb():.0f} MB)", flush=True)
    t0 = time.process_time()
    stream = itertools.islice(itertools.cycle(texts), args.docs)
    for i, _ in enumerate(nlp.pipe(stream, batch_size=32), 1):
        if i % args.every == 0:
            print(f"{i:>7,} docs: RSS {rss_mb():.0f} MB (peak {peak_mb():.0f} MB), "
                  f"{i / (time.process_time() - t0):.1f} docs/s CPU", flush=True)


def _probe(texts, size: int) -> None:
    """Peak RSS of one ``size``-character document (news articles joined) above the RSS
    of a pipeline warmed up on 50 articles (so that every lazily loaded resource is in)."""
    from persian_ie import Pipeline

    nlp = Pipeline(max_length=max(size, 1))
    for _ in nlp.pipe(texts[:50]):
        pass
    text = "\n\n".join(itertools.islice(itertools.cycle(texts), size // 500 + 10))[:size]
    before = rss_mb()
    t = time.process_time()
    nlp(text)
    cpu = time.process_time() - t
    print(f"one {len(text):>9,}-character document: warm RSS {before:.0f} MB, peak {peak_mb():.0f} MB: "
          f"{(peak_mb() - before) / len(text) * 1e5:.0f} MB per 100,000 characters; {cpu:.1f} s CPU", flush=True)


if __name__ == "__main__":
    main()
