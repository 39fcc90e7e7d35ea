"""Memory over a long run: RSS while pipe() processes the news sample, cycled.

    python benchmarks/memory.py                   # 10,000 documents, RSS every 1,000
    python benchmarks/memory.py --docs 3000 --every 500

Prints the resident set size (current and peak, from /proc and getrusage) after the
warm-up document and at each step, so a leak shows as a climbing curve. Also prints
the memory one long document costs per 100,000 characters (the figure the
``max_length`` error quotes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
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
    parser.add_argument("--long", type=int, default=300_000, help="characters of the long-document probe (0: skip)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS}")
    texts = [json.loads(line)["text"] for line in open(CORPUS, encoding="utf-8")]
    from persian_ie import Pipeline

    nlp = Pipeline()
    nlp(texts[0])
    print(f"after warm-up: RSS {rss_mb():.0f} MB (peak {peak_mb():.0f} MB)", flush=True)
    if args.long:  # first, while the peak is still the warm-up's
        text = "\n\n".join(itertools.islice(itertools.cycle(texts), 400))[:args.long]
        before = rss_mb()
        nlp(text)
        print(f"one {len(text):,}-character document: peak RSS {peak_mb():.0f} MB, "
              f"{(peak_mb() - before) / len(text) * 1e5:.0f} MB per 100,000 characters above the running RSS")
        print(f"back to RSS {rss_mb():.0f} MB", flush=True)
    t0 = time.process_time()
    stream = itertools.islice(itertools.cycle(texts), args.docs)
    for i, _ in enumerate(nlp.pipe(stream, batch_size=32), 1):
        if i % args.every == 0:
            print(f"{i:>7,} docs: RSS {rss_mb():.0f} MB (peak {peak_mb():.0f} MB), "
                  f"{i / (time.process_time() - t0):.1f} docs/s CPU", flush=True)


if __name__ == "__main__":
    main()
