"""Start-up: import persian_ie and run the first extract(), in a fresh interpreter.

    python benchmarks/startup.py            # 5 fresh interpreters: min and median
    python benchmarks/startup.py --runs 9 --profile   # + where the time goes (cProfile, one run)
    python benchmarks/startup.py --cold     # without the compiled-pattern cache (first run after install)
    python benchmarks/startup.py --article  # the first extract() is a whole news article, not one sentence

Times are CPU seconds of the child process (user + system), so they hold on a busy
machine better than wall time; the wall time and the load average are printed too.
The first run after a code change also compiles bytecode and fills the compiled-pattern
cache (persian_ie/_rxcache.py): it is run once and dropped. ``PYTHONDONTWRITEBYTECODE`` is
cleared for the children (an installed package has its bytecode; without it every run
compiles ~120 modules, ~0.2-0.4 s). ``--cold`` gives the children an empty pattern cache
that they may not write, i.e. the first process after installing or upgrading.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SENTENCE = "زاکانی شهردار تهران روز دوشنبه ۱۹ آبان ۱۴۰۴ با سفیر بلاروس دیدار کرد."
NEWS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"

CHILD = r"""
import os, sys, time
text = os.environ["STARTUP_TEXT"]
w0 = time.perf_counter()
import persian_ie
t_import = os.times()
r = persian_ie.extract(text, published="1404-08-19")
assert r.events or not os.environ.get("STARTUP_EXPECT_EVENT"), "the first extract found no event"
t = os.times()
print(t_import.user + t_import.system, t.user + t.system, time.perf_counter() - w0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of one run")
    parser.add_argument("--cold", action="store_true", help="no compiled-pattern cache (PERSIAN_IE_CACHE_DIR='')")
    parser.add_argument("--article", action="store_true",
                        help="the first extract() reads the news sample's first article (../shared/data)")
    args = parser.parse_args()
    text = SENTENCE
    if args.article:
        import json

        with open(NEWS, encoding="utf-8") as fh:
            text = json.loads(fh.readline())["text"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), STARTUP_TEXT=text, STARTUP_EXPECT_EVENT="" if args.article else "1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.cold:
        env["PERSIAN_IE_CACHE_DIR"] = ""
    subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True)  # bytecode
    rows = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True, text=True)
        rows.append(tuple(map(float, out.stdout.split())))
    imp = [r[0] for r in rows]
    first = [r[1] for r in rows]
    wall = [r[2] for r in rows]
    print(f"import persian_ie:            min {min(imp):.2f} s, median {statistics.median(imp):.2f} s CPU")
    print(f"import + first extract():     min {min(first):.2f} s, median {statistics.median(first):.2f} s CPU "
          f"(wall median {statistics.median(wall):.2f} s; load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} CPUs; {args.runs} runs{'; no pattern cache' if args.cold else ''}"
          f"{f'; first text {len(text):,} characters' if args.article else ''})")
    if args.profile:
        code = f"CHILD = {CHILD!r}\nimport cProfile, pstats\np = cProfile.Profile()\np.enable()\nexec(CHILD)\n" \
               "p.disable()\npstats.Stats(p).sort_stats('cumulative').print_stats(40)\n"
        subprocess.run([sys.executable, "-c", code], env=env, check=True)


if __name__ == "__main__":
    main()
