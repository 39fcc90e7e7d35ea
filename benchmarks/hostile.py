"""Hostile inputs: each text at length n and 2n, stage by stage, in CPU time.

    python benchmarks/hostile.py                 # every input, default sizes
    python benchmarks/hostile.py --only trigger --size 6000

For each input the pipeline runs on the text at ``size`` characters and at twice
that; the table gives the CPU seconds of each run, seconds per 100,000 characters
and the time ratio (2x the text should cost at most ~2.5x the time: near-linear).
The slowest stage of the longer run is named so a regression points at its stage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _corpus_text(n: int) -> str:
    path = DATA / "news_corpus" / "ir_news_sample.jsonl"
    parts: List[str] = []
    size = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            parts.append(t)
            size += len(t) + 2
            if size >= n:
                break
    return "\n\n".join(parts)[:n]


def _seed(n: int) -> str:
    seed = (DATA / "seed_article.txt").read_text(encoding="utf-8")
    return _repeat(seed + "\n")(n)


def _run_on(n: int) -> str:
    """Real sentences with their stops removed: one very long sentence."""
    return _corpus_text(n + n // 10).replace(".", " ").replace("\n", " ").replace("؟", " ")[:n]


_FIRST = ("علی", "محمد", "حسن", "رضا", "مهدی", "سعید", "حمید", "مجید", "احمد", "جواد", "کاظم", "ناصر", "عباس", "مسعود",
          "بهرام", "داوود")
_LAST = ("زاکانی", "عراقچی", "پزشکیان", "قالیباف", "لاریجانی", "ظریف", "روحانی", "جلیلی", "رئیسی", "نوبخت", "واعظی",
         "کرمانی", "صالحی", "موسوی", "حسینی", "کریمی")


def _distinct_meetings(n: int) -> str:
    """Meetings between ever new pairs of 256 people, one sentence each (a news digest)."""
    names = [f"{f} {l}" for f in _FIRST for l in _LAST]
    out: List[str] = []
    size = i = 0
    while size < n:
        out.append(f"{names[i % len(names)]} با {names[(i * 7 + 3) % len(names)]} دیدار کرد. ")
        size += len(out[-1])
        i += 1
    return "".join(out)[:n]


#: name → (text of about n characters, default n)
INPUTS: Dict[str, Tuple[Callable[[int], str], int]] = {
    "trigger": (_repeat("دیدار "), 6_000),
    "meeting": (_repeat("زاکانی با سفیر بلاروس دیدار کرد و "), 13_600),
    # a titled proposer before a colon, again and again in one sentence (no person entity)
    "proposals": (_repeat("وزیر پیشنهاد کرد: کارگروهی تشکیل شود و "), 12_000),
    # hundreds of distinct events: the merging of mentions into events compares clusters pairwise
    "distinct": (_distinct_meetings, 6_000),
    "seed": (_seed, 40_000),
    "run-on": (_run_on, 40_000),
    "names": (_repeat("علیرضا زاکانی، دیمتری کالتسوف، مسعود پزشکیان، "), 40_000),
    "dates": (_repeat("دوشنبه ۱۹ آبان ۱۴۰۴، "), 40_000),
    # pieces of month names in verbs and words, and day words glued to a month
    "month-words": (_repeat("همه می‌شود جدی ۵ می‌در دهمدی مه\u200cامسال، "), 40_000),
    # the same without a clause end: every date's clause runs to the end of the text
    "dates-run-on": (_repeat("همه می‌شود جدی ۵ می‌در دهمدی مه\u200cامسال خواهد آمد "), 40_000),
    "va": (_repeat("و "), 200_000),
    "digits": (_repeat("۱۹ "), 75_000),
    "token": (lambda n: "ا" * n, 500_000),
    "latin-token": (lambda n: "a" * n, 500_000),
    "article": (_corpus_text, 1_000_000),
}


def run(nlp, text: str) -> Tuple[float, Dict[str, float]]:
    from persian_ie.document import Document

    doc = Document(text)
    per: Dict[str, float] = {}
    t0 = time.process_time()
    for name, stage in nlp.stages:
        t = time.process_time()
        doc = stage(doc)
        per[name] = time.process_time() - t
    return time.process_time() - t0, per


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated input names: " + ", ".join(INPUTS))
    parser.add_argument("--size", type=int, help="characters of the shorter run (default: per input)")
    parser.add_argument("--stages", default="", help="comma-separated stages (default: all)")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"data not found: {DATA} (../shared/data beside the repo)")
    from persian_ie import Pipeline

    nlp = Pipeline(stages=[s for s in args.stages.split(",") if s] or None)
    nlp("زاکانی با سفیر بلاروس دیدار کرد.")  # load everything once
    names = args.only.split(",") if args.only else list(INPUTS)
    print(f"{'input':<12} {'chars':>9} {'s':>8} {'2x chars':>9} {'s':>8} {'s/100k':>7} {'ratio':>6}  slowest stage (2x)")
    for name in names:
        make, default = INPUTS[name]
        n = args.size or default
        t1, _ = run(nlp, make(n))
        t2, per = run(nlp, make(2 * n))
        slow = max(per, key=per.get)
        print(f"{name:<12} {n:>9,} {t1:>8.2f} {2 * n:>9,} {t2:>8.2f} {t2 / (2 * n) * 1e5:>7.2f} "
              f"{t2 / max(t1, 1e-3):>6.2f}  {slow} {per[slow]:.2f}", flush=True)


if __name__ == "__main__":
    main()
