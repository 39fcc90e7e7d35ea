"""Time a corpus build against the extraction it rests on (issue 14, "Measure it").

Three steps, each timed on its own (CPU time of this process and wall time):

1. ``extract``: run the default pipeline over news JSONL files and save one result a line
   (the JSON contract, plus the input's ``title``/``agency``/``url`` and ``text`` so that a
   corpus can quote its sources). Do this once; it is the expensive part.
2. ``build``: build a corpus store from that JSONL (identities, cross-article merge), then
   a second run over the same file (nothing new), then a store built from all but the last
   500 articles to which a second run adds them.

Examples::

    nice -n 10 .venv/bin/python scripts/eval_corpus_speed.py extract \\
        ../shared/data/news_corpus/ir_news_sample.jsonl ../shared/data/unlabeled/ir_news_rest.jsonl \\
        --out /work/coord/corpus_news_4838.jsonl
    .venv/bin/python scripts/eval_corpus_speed.py build /work/coord/corpus_news_4838.jsonl --extract-cpu-s 580.2
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


def _timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, round(time.process_time() - c0, 2), round(time.perf_counter() - t0, 2)


def _lines(path: str, limit: int | None = None) -> Iterator[Dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


def cmd_build(args: argparse.Namespace) -> int:
    """Time a corpus build from saved results, a second run over the same file, and a run that
    adds the last ``--new`` articles to a store built from the others."""
    from persian_ie.corpus import Corpus

    total = sum(1 for _ in open(args.results, encoding="utf-8"))
    report: Dict[str, Any] = {"articles": total}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "full.db")
        with Corpus(db) as c:
            _, cpu, wall = _timed(lambda: c.add_jsonl(args.results))
            report["build"] = {"cpu_s": cpu, "wall_s": wall, **c.stats()}
        with Corpus(db) as c:
            added, cpu, wall = _timed(lambda: c.add_jsonl(args.results))
            report["second_run_nothing_new"] = {"added": added, "cpu_s": cpu, "wall_s": wall}
        db2 = os.path.join(tmp, "incremental.db")
        with Corpus(db2) as c:
            c.add(_lines(args.results, total - args.new))
        with Corpus(db2) as c:
            added, cpu, wall = _timed(lambda: c.add_jsonl(args.results))
            report["second_run_new_articles"] = {"added": added, "cpu_s": cpu, "wall_s": wall}
        report["store_mb"] = round(os.path.getsize(db) / 1e6, 1)
    if args.extract_cpu_s:
        report["extract_cpu_s"] = args.extract_cpu_s
        report["build_over_extract"] = round(report["build"]["cpu_s"] / args.extract_cpu_s, 4)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract news JSONL to result JSONL (timed)")
    ex.add_argument("files", nargs="+")
    ex.add_argument("--out", required=True)
    ex.add_argument("--limit", type=int, default=None)
    ex.add_argument("--n-process", type=int, default=1)
    bd = sub.add_parser("build", help="time a corpus build from result JSONL, and the incremental runs")
    bd.add_argument("results")
    bd.add_argument("--new", type=int, default=500, help="articles added by the incremental run (default 500)")
    bd.add_argument("--extract-cpu-s", type=float, default=None,
                    help="CPU seconds the extraction of the same articles took (from the extract step)")
    args = parser.parse_args(argv)
    return {"extract": cmd_extract, "build": cmd_build}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
