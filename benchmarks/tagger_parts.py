"""Where the entity tagger's time goes on news text, and the floor its numpy inference has.

    python benchmarks/tagger_parts.py                 # 100 articles' sentences
    python benchmarks/tagger_parts.py --limit 300 --repeat 5
    PYTHONPATH=/path/to/other/tree python benchmarks/tagger_parts.py   # that tree's tagger ("before")

Part 1 tags the sentences of the first ``--limit`` news articles (the segmenter's
tokens, as the pipeline gives them) with the bundled BiLSTM-CRF, in batches as
``pipe()`` does, and splits the CPU time into the LSTM recurrence
(``_lstm_gathered``, with the output layer's products made as it goes) and everything
else (word ids, gazetteer marks, first-layer projections of words missing from the
cache, Viterbi), with the sentence and token counts per article.

Part 2 times one step of the recurrence at several batch widths: the recurrent
matrix product and the elementwise gates (``tanh`` over the four gates and the cell).
Where numpy's float32 ``tanh`` is vectorised (AVX-512 machines) the matrix product is
~90% of a step; OpenBLAS then sets the floor: with 2 networks x 2 directions of 128
units a token costs ~4 x 131 kflop in the recurrence alone. (OpenBLAS picks its kernels
by CPU model: on an AVX-512 AMD EPYC that it takes for a Haswell, ``OPENBLAS_CORETYPE=SkylakeX``
in the environment makes the product ~1.7x faster.) Elsewhere ``tanh`` may run at scalar
speed (~4 ns an element), as slow as the product.

CPU time of this process, one BLAS thread; best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"
try:  # the copy Python finds (installed, or PYTHONPATH: a "before" run of another tree) ...
    import persian_ie  # noqa: F401
except ImportError:  # ... else this tree's
    sys.path.insert(0, str(ROOT))


def news_sentences(limit: int):
    from persian_ie import Pipeline

    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS} (it lives in ../shared/data beside the repo)")
    nlp = Pipeline(stages=["normalize", "segment"])
    sents = []
    with open(CORPUS, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= limit:
                break
            doc = nlp(json.loads(line)["text"]).doc
            sents += [[t.norm for t in doc.tokens[s.token_start:s.token_end]] for s in doc.sentences]
    return sents


def tagger_split(sents, repeat: int):
    """(total CPU s, LSTM CPU s) of tagging ``sents``, best of ``repeat``."""
    from persian_ie.entities import neural

    tagger = neural.NeuralTagger()
    tagger.tag_batch(sents)  # warm: weights, word caches
    inner = neural._lstm_gathered
    spent = [0.0]

    def timed(*args, **kwargs):
        t0 = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - t0

    best = None
    neural._lstm_gathered = timed
    try:
        for _ in range(repeat):
            spent[0] = 0.0
            t0 = time.process_time()
            tagger.tag_batch(sents)
            total = time.process_time() - t0
            if best is None or total < best[0]:
                best = (total, spent[0])
    finally:
        neural._lstm_gathered = inner
    return best


def step_costs(repeat: int):
    """Per batch width n: µs of the matrix product and of the gates for one step of 4 directions."""
    import numpy as np

    D, H = 4, 128
    rng = np.random.default_rng(0)
    whh = (rng.standard_normal((D, H, 4 * H)) * 0.05).astype(np.float32)
    out = []
    for n in (8, 32, 128):
        h = (rng.standard_normal((D, n, H)) * 0.5).astype(np.float32)
        c = h.copy()
        a = np.empty((D, n, 4 * H), dtype=np.float32)
        sig = np.empty_like(a)
        tc = np.empty_like(h)
        reps = 200
        best_mm = best_gates = None
        for _ in range(repeat):
            t0 = time.process_time()
            for _ in range(reps):
                np.matmul(h, whh, out=a)
            mm = (time.process_time() - t0) / reps
            t0 = time.process_time()
            for _ in range(reps):
                np.tanh(a, out=sig)
                np.tanh(c, out=tc)
            gates = (time.process_time() - t0) / reps
            best_mm = mm if best_mm is None else min(best_mm, mm)
            best_gates = gates if best_gates is None else min(best_gates, gates)
        out.append((n, best_mm, best_gates))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=100, help="news articles whose sentences are tagged (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is kept (default 3)")
    args = parser.parse_args()
    sents = news_sentences(args.limit)
    ntok = sum(map(len, sents))
    total, lstm = tagger_split(sents, args.repeat)
    print(f"news: {args.limit} articles, {len(sents)} sentences ({len(sents) / args.limit:.1f} per article), "
          f"{ntok} tokens ({ntok / args.limit:.0f} per article, {ntok / len(sents):.1f} per sentence)")
    print(f"tagger: {total:.2f} CPU s = {total * 1000 / args.limit:.1f} ms/article, {total / ntok * 1e6:.1f} µs/token, "
          f"{len(sents) / total:.0f} sentences/s; LSTM recurrence {lstm / total:.0%} "
          f"({lstm / ntok * 1e6:.1f} µs/token), the rest {(total - lstm) / ntok * 1e6:.1f} µs/token")
    print("one recurrence step, 4 directions (2 networks x 2), H=128:")
    for n, mm, gates in step_costs(args.repeat):
        print(f"  batch width {n:3d}: matrix product {mm * 1e6:7.0f} µs, tanh of gates+cell {gates * 1e6:7.0f} µs "
              f"= {(mm + gates) / (4 * n) * 1e6:.2f} µs per token and direction")


if __name__ == "__main__":
    main()
