"""What a result costs to cross a process boundary, as ``pipe(n_process=N)`` sends it.

    python benchmarks/pickling.py                # 50 news articles
    python benchmarks/pickling.py --limit 200

A worker pickles each batch's results and the parent unpickles them, one after the
other, while the workers go on: the parent's unpickling is work no worker shares.
Prints the bytes per document and the milliseconds per document of ``pickle.dumps``
(in the worker) and ``pickle.loads`` (in the parent) with the protocol
multiprocessing uses; wall time, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=50, help="news articles (default 50)")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is kept (default 5)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS} (it lives in ../shared/data beside the repo)")
    from persian_ie import Pipeline

    with open(CORPUS, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line, _ in zip(fh, range(args.limit))]
    results = list(Pipeline().pipe(texts))
    n = len(results)
    best_dumps = best_loads = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        blob = bytes(ForkingPickler.dumps(results))
        dumps = time.perf_counter() - t0
        t0 = time.perf_counter()
        back = pickle.loads(blob)
        loads = time.perf_counter() - t0
        best_dumps = dumps if best_dumps is None else min(best_dumps, dumps)
        best_loads = loads if best_loads is None else min(best_loads, loads)
    assert [r.to_dict() for r in back] == [r.to_dict() for r in results]
    print(f"{n} results: {len(blob) / n:,.0f} bytes/document; dumps {best_dumps * 1000 / n:.2f} ms/document, "
          f"loads {best_loads * 1000 / n:.2f} ms/document")


if __name__ == "__main__":
    main()
