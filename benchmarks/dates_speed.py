#!/usr/bin/env python
"""Speed of the dates stage on real news, beside parstdex and dateparser.

Measures milliseconds per article on ../shared/data/news_corpus/ir_news_sample.jsonl:

* ``persian_ie`` dates stage alone (documents already normalized and segmented),
  and the whole normalize + segment + dates pipeline, in CPU time;
* ``parstdex`` (``MarkerExtractor.extract_span``), spans only, no values. It does
  not install on Python 3.12 (its ``pytextspan`` dependency builds from Rust
  sources), so it can run in another interpreter: ``--parstdex-python
  /path/to/python3.11`` (a venv with ``pip install parstdex``); the same articles
  are sent to it and timed there, start-up excluded;
* ``dateparser.search_dates(text, languages=["fa"])``.

parstdex and dateparser are development tools only, never dependencies.

Usage: python benchmarks/dates_speed.py [--n 300] [--n-slow 60] [--parstdex-python PY]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from persian_ie.dates import DateExtractor  # noqa: E402
from persian_ie.document import Document  # noqa: E402
from persian_ie.normalize import Normalizer  # noqa: E402
from persian_ie.segment import Segmenter  # noqa: E402

_PARSTDEX_WORKER = r"""
import json, sys, time
t0 = time.perf_counter()
from parstdex import Parstdex
extractor = Parstdex()
startup = time.perf_counter() - t0
texts = json.load(sys.stdin)
n_spans = 0
t0 = time.perf_counter()
for text in texts:
    n_spans += len(extractor.extract_span(text).get("datetime", []))
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "startup": startup, "spans": n_spans, "n": len(texts)}))
"""


def load_articles(path: str, n: int):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append((rec["text"], rec.get("published_jalali")))
            if len(out) >= n:
                break
    return out


def bench_ours(articles):
    norm, seg, stage = Normalizer(), Segmenter(), DateExtractor()
    stage(seg(norm(Document("امروز ۱۹ آبان ۱۴۰۴", published="1404-08-19"))))  # warm-up (lexicon, regexes)
    docs = [seg(norm(Document(text, published=pub))) for text, pub in articles]
    t0 = time.process_time()  # (CPU time: the machine is shared; a wall clock counts the others' work)
    n_dates = 0
    for doc in docs:
        n_dates += len(stage(doc).dates)
    stage_s = time.process_time() - t0
    t0 = time.process_time()
    for text, pub in articles:
        stage(seg(norm(Document(text, published=pub))))
    full_s = time.process_time() - t0
    return stage_s, full_s, n_dates


def bench_dateparser(articles):
    try:
        from dateparser.search import search_dates
    except ImportError as exc:
        return None, f"dateparser not installed ({exc})"
    search_dates("امروز ۱۹ آبان ۱۴۰۴", languages=["fa"])  # warm-up
    t0 = time.perf_counter()
    found = 0
    for text, _ in articles:
        try:
            found += len(search_dates(text, languages=["fa"]) or [])
        except Exception:  # dateparser raises on some inputs; count the time anyway
            pass
    return time.perf_counter() - t0, found


def bench_parstdex(articles, python: str):
    texts = [t for t, _ in articles]
    if not python:
        try:
            import parstdex  # noqa: F401
            python = sys.executable
        except ImportError:
            return None, ("parstdex is not importable here (it does not build on Python 3.12); "
                          "pass --parstdex-python with a Python 3.11 venv that has it")
    try:
        proc = subprocess.run([python, "-c", _PARSTDEX_WORKER], input=json.dumps(texts), capture_output=True,
                              text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"parstdex run failed: {exc}"
    if proc.returncode != 0:
        return None, "parstdex run failed: " + proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"
    return json.loads(proc.stdout.strip().splitlines()[-1]), None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "news_corpus", "ir_news_sample.jsonl"))
    ap.add_argument("--n", type=int, default=300, help="articles for persian_ie")
    ap.add_argument("--n-slow", type=int, default=60, help="articles for parstdex and dateparser (the first N of the same set)")
    ap.add_argument("--parstdex-python", default="", help="interpreter that has parstdex installed")
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        sys.exit(f"news corpus not found: {args.corpus}")
    articles = load_articles(args.corpus, max(args.n, args.n_slow))
    ours = articles[:args.n]
    slow = articles[:args.n_slow]
    chars = sum(len(t) for t, _ in ours) / len(ours)
    print(f"news corpus: {len(ours)} articles, {chars:.0f} characters an article on average")

    stage_s, full_s, n_dates = bench_ours(ours)
    ours_ms = 1000 * stage_s / len(ours)
    print(f"persian_ie dates stage:            {ours_ms:8.2f} ms/article  ({n_dates} dates)")
    print(f"persian_ie normalize+segment+dates:{1000 * full_s / len(ours):8.2f} ms/article")

    if args.n_slow <= 0:
        return  # (--n-slow 0: persian_ie only)
    if args.n_slow < args.n:  # ours on exactly the slow subset too, for a like-for-like ratio
        sub_s, _, _ = bench_ours(slow)
        ours_sub_ms = 1000 * sub_s / len(slow)
        print(f"persian_ie dates stage, first {len(slow)}:  {ours_sub_ms:8.2f} ms/article")
    else:
        ours_sub_ms = ours_ms

    res, err = bench_parstdex(slow, args.parstdex_python)
    if res is None:
        print(f"parstdex: not measured — {err}")
    else:
        ms = 1000 * res["seconds"] / res["n"]
        print(f"parstdex extract_span:             {ms:8.2f} ms/article  ({res['spans']} spans, "
              f"start-up {res['startup']:.1f} s)   ratio parstdex/persian_ie = {ms / ours_sub_ms:.0f}x")

    dp_s, info = bench_dateparser(slow)
    if dp_s is None:
        print(f"dateparser: not measured — {info}")
    else:
        ms = 1000 * dp_s / len(slow)
        print(f"dateparser search_dates (fa):      {ms:8.2f} ms/article  ({info} matches)   "
              f"ratio dateparser/persian_ie = {ms / ours_sub_ms:.0f}x")


if __name__ == "__main__":
    main()
