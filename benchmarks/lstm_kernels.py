"""How far the tagger's numpy recurrence is from a compiled LSTM kernel, on this CPU.

    python benchmarks/lstm_kernels.py                      # numpy only
    .venv311/bin/python benchmarks/lstm_kernels.py         # + torch's LSTM (dev-only, torch==2.13.0)
    OPENBLAS_CORETYPE=SkylakeX python benchmarks/lstm_kernels.py   # AVX-512 CPUs only

Runs the shape the bundled tagger runs (2 networks x 2 directions of 128 units, batches
of 256 sentences of 30 tokens) two ways, recurrence only (inputs already projected):

* the numpy step loop of ``persian_ie.entities.neural._lstm_gathered``, simplified (one
  batched product ``(4, B, 128) @ (4, 128, 512)`` a step, ``tanh`` over the gates and the
  cell), which is what the library runs;
* torch's fused ``nn.LSTM`` (oneDNN), two bidirectional layers with an 8-wide input so
  that its input projection costs next to nothing: what a compiled runtime's LSTM kernel
  (torch, onnxruntime) would give the recurrence.

The library does not depend on torch; this only sizes the "compiled runtime" option of
the speed issue. CPU time of this process, one thread; mean of ``--repeat`` runs after one
warm-up, twice each, alternated.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def numpy_loop(x: np.ndarray, whh: np.ndarray) -> np.ndarray:
    T, D, B, H4 = x.shape
    H = H4 // 4
    h = np.zeros((D, B, H), np.float32)
    c = np.zeros((D, B, H), np.float32)
    a = np.empty((D, B, H4), np.float32)
    for t in range(T):
        np.matmul(h, whh, out=a)
        a += x[t]
        np.tanh(a, out=a)  # (gates pre-scaled at load so that one tanh gives the sigmoids)
        s = a[..., :3 * H] * 0.5 + 0.5
        c *= s[..., H:2 * H]
        c += s[..., :H] * a[..., 3 * H:]
        h = s[..., 2 * H:] * np.tanh(c)
    return h


def timed(run, repeat: int) -> float:
    run()
    t = time.process_time()
    for _ in range(repeat):
        run()
    return (time.process_time() - t) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=int, default=256, help="sentences a batch (default 256, as the tagger)")
    parser.add_argument("--steps", type=int, default=30, help="tokens a sentence (default 30)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    H, D, B, T = 128, 4, args.batch, args.steps
    rng = np.random.default_rng(0)
    whh = (rng.standard_normal((D, H, 4 * H)) * 0.05).astype(np.float32)
    x = (rng.standard_normal((T, D, B, 4 * H)) * 0.1).astype(np.float32)
    runs = [("numpy step loop (the library's)", lambda: numpy_loop(x, whh))]
    try:
        import torch
    except ImportError:
        print("torch is not installed here: numpy only (a training venv such as .venv311 has torch)")
    else:
        torch.set_num_threads(1)
        lstms = [torch.nn.LSTM(8, H, bidirectional=True) for _ in range(2)]
        inp = torch.randn(T, B, 8)

        def torch_lstm():
            with torch.inference_mode():
                for layer in lstms:
                    layer(inp)

        runs.append((f"torch {torch.__version__} nn.LSTM", torch_lstm))
    tokens = B * T
    for _ in range(2):
        for name, run in runs:
            dt = timed(run, args.repeat)
            print(f"{name:34s} {dt * 1000:7.2f} ms a batch of {B} x {T} tokens, "
                  f"{dt / tokens * 1e6:.2f} µs a token (4 directions)")


if __name__ == "__main__":
    main()
