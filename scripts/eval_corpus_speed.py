"""Time a corpus build against the extraction it rests on (issue 14, "Measure it").

Three steps, each timed on its own (CPU time of this process and wall time):

1. ``extract``: run the default pipeline over news JSONL files and save one result a line
   (the JSON contract, plus the input's ``title``/``agency``/``url`` and ``text`` so that a
   corpus can quote its sources). Do this once; it is the expensive part.
2. ``build``: build a corpus store from that JSONL (identities, cross-article merge), then
   a second, incremental run over the same files plus nothing new, then over a split
   (first half, then all) to time adding new articles.

Examples::

    nice -n 10 .venv/bin/python scripts/eval_corpus_speed.py extract \\
        ../shared/data/news_corpus/ir_news_sample.jsonl ../shared/data/unlabeled/ir_news_rest.jsonl \\
        --out /work/coord/corpus_news_4838.jsonl
    .venv/bin/python scripts/eval_corpus_speed.py build /work/coord/corpus_news_4838.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PASS_THROUGH = ("title", "agency", "url")


def _dev_news(path: str) -> Iterator[Dict[str, Any]]:
    """../shared/data/dev_news: articles/NNN.txt with the publication date from gold.jsonl."""
    root = Path(path)
    with open(root / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = (root / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8")
            yield {"id": f"dev_news/{rec['id']}", "text": text, "published": rec.get("publication_date_jalali"),
                   "url": rec.get("source", {}).get("url"), "agency": rec.get("source", {}).get("agency")}


def _news(paths: List[str], limit: int | None) -> Iterator[Dict[str, Any]]:
    n = 0
    for path in paths:
        if os.path.isdir(path):
            for item in _dev_news(path):
                yield item
                n += 1
                if limit is not None and n >= limit:
                    return
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                obj = json.loads(line)
                # the news sample carries published_jalali; ir_news_rest carries no date at all
                obj["published"] = obj.get("published") or obj.get("published_jalali") or obj.get("published_gregorian")
                yield obj
                n += 1
                if limit is not None and n >= limit:
                    return


def cmd_extract(args: argparse.Namespace) -> int:
    import persian_ie

    nlp = persian_ie.Pipeline()
    t0, c0 = time.perf_counter(), time.process_time()
    count = 0
    tmp = args.out + ".part"
    with open(tmp, "w", encoding="utf-8") as out:
        items = list(_news(args.files, args.limit))
        for item, result in zip(items, nlp.pipe(items, n_process=args.n_process)):
            record = result.to_dict()
            for key in PASS_THROUGH:
                if key in item:
                    record[key] = item[key]
            record["text"] = item["text"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if count % 200 == 0:
                print(f"{count} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    os.replace(tmp, args.out)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"step": "extract", "articles": count, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                      "n_process": args.n_process}))
    return 0


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract news JSONL to result JSONL (timed)")
    ex.add_argument("files", nargs="+")
    ex.add_argument("--out", required=True)
    ex.add_argument("--limit", type=int, default=None)
    ex.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args(argv)
    return {"extract": cmd_extract}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
