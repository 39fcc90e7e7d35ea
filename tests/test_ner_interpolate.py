"""scripts/train_ner_lstm.py interpolate: weight-space interpolation of two BiLSTM-CRF files
(WiSE-FT), on the bundled pair and a perturbed copy of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_ner_lstm as lstm  # noqa: E402
from persian_ie.entities.neural import NeuralTagger, load_weights  # noqa: E402

BUNDLED = ROOT / "persian_ie" / "resources" / "ner" / "lstm.npz"
SENTS = [["محمدجواد", "ظریف", "وزیر", "امور", "خارجه", "به", "مسکو", "رفت"]]


def perturbed(tmp_path) -> Path:
    meta, arrays = load_weights(BUNDLED)
    rng = np.random.default_rng(5)
    for k, v in arrays.items():
        if np.issubdtype(v.dtype, np.floating):
            arrays[k] = (v.astype(np.float32) + rng.normal(0, 0.05, v.shape)).astype(v.dtype)
    out = tmp_path / "b.npz"
    lstm.save(out, meta, arrays, half=False)
    return out


def test_the_ends_give_each_model_back_and_the_middle_lies_between(tmp_path):
    b = perturbed(tmp_path)
    meta_a, arr_a = load_weights(BUNDLED)
    meta_b, arr_b = load_weights(b)
    for alpha, want in ((0.0, arr_a), (1.0, arr_b)):
        _, got = lstm.interpolate_weights(meta_a, arr_a, meta_b, arr_b, alpha)
        for k in want:
            np.testing.assert_array_equal(got[k], want[k])
    _, mid = lstm.interpolate_weights(meta_a, arr_a, meta_b, arr_b, 0.25)
    k = "m1_out_w"  # float32: exact arithmetic
    np.testing.assert_allclose(mid[k], 0.75 * arr_a[k] + 0.25 * arr_b[k], rtol=1e-6)
    assert all(mid[k].dtype == arr_a[k].dtype for k in arr_a)
    with pytest.raises(ValueError, match="alpha"):
        lstm.interpolate_weights(meta_a, arr_a, meta_b, arr_b, 1.5)


def test_word_rows_are_aligned_by_word():
    meta_a = {"words": ["<pad>", "<unk>", "تهران", "ظریف"], "labels": ["O"]}
    meta_b = {"words": ["<pad>", "<unk>", "ظریف", "مسکو"], "labels": ["O"]}
    a = {"m0_word_emb": np.array([[0.0], [1.0], [2.0], [3.0]], np.float32), "m0_out_b": np.array([1.0], np.float32)}
    b = {"m0_word_emb": np.array([[10.0], [11.0], [13.0], [14.0]], np.float32), "m0_out_b": np.array([3.0], np.float32)}
    meta, out = lstm.interpolate_weights(meta_a, a, meta_b, b, 0.5)
    assert meta["words"] == ["<pad>", "<unk>", "تهران", "ظریف", "مسکو"]
    # shared words averaged row by row (ظریف: 3 and 13), one-sided words (تهران, مسکو) copied
    np.testing.assert_allclose(out["m0_word_emb"][:, 0], [5.0, 6.0, 2.0, 8.0, 14.0])
    np.testing.assert_allclose(out["m0_out_b"], [2.0])
    with pytest.raises(ValueError, match="labels"):
        lstm.interpolate_weights(meta_a, a, dict(meta_b, labels=["O", "B-PER"]), b, 0.5)


def test_the_command_writes_a_model_the_library_loads(tmp_path):
    b = perturbed(tmp_path)
    out = tmp_path / "mid.npz"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_lstm.py"), "interpolate",
                           str(BUNDLED), str(b), "--alpha", "0", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert load_weights(out)[0]["interpolated"]["alpha"] == 0.0
    assert NeuralTagger(out).tag_batch(SENTS) == NeuralTagger(BUNDLED).tag_batch(SENTS)
