"""The BiLSTM-CRF tagger's batch machinery: first-layer rows read where they are kept
(scratch rows for the rest), output scores made a stretch of steps at a time."""

from __future__ import annotations

import mmap
import sys
import threading

import numpy as np
import pytest

from persian_ie.entities import neural
from persian_ie.entities.neural import NeuralTagger, _Inputs, _inputs_of, _lstm_gathered, _Net

SENTS = [["علیرضا", "زاکانی", "شهردار", "تهران", "با", "سفیر", "بلاروس", "دیدار", "کرد", "."],
         ["بانک", "مرکزی", "جمهوری", "اسلامی", "ایران", "و", "ناشناخته‌ترین‌واژه", "."],
         ["وزیر", "امور", "خارجه", "کشورمان", "به", "مسکو", "رفت", "."]]


@pytest.fixture(scope="module")
def loaded():
    tagger = NeuralTagger()
    meta, enc, nets, *_ = tagger._load()
    return tagger, enc, nets, _inputs_of(nets)


def _emissions(nets, enc, sents):
    gaz = enc.gazetteer_batch(sents)
    lengths = np.array([len(s) for s in sents])
    return neural.ensemble_emissions(nets, sents, enc, gaz, lengths), gaz


def test_kept_rows_are_read_in_place_and_the_others_go_to_scratch_rows(loaded):
    """A kept (frequent) word's row is its row of the cache, not a copy; a word missing from
    the cache gets a scratch row after the cache, with the same values as a table of the
    batch's own would hold."""
    tagger, enc, nets, inputs = loaded
    tagger.tag_batch(SENTS)  # the frequent words are kept from now on
    uniq = ["تهران", "و", "ناشناخته‌ترین‌واژه", "بانک", "زاکانی"]
    kept = 1 + _Net.FREQUENT
    assert {"تهران", "و", "بانک"} <= set(inputs.index)
    with inputs.scratch:
        rows, pos, at = inputs.rows_for(uniq, enc, extra=3)
        assert rows is inputs.rows
        for w in ("تهران", "و", "بانک"):
            assert pos[uniq.index(w)] == inputs.index[w] < kept
        fresh = [uniq.index(w) for w in uniq if w not in inputs.index]
        assert sorted(pos[fresh].tolist()) == list(range(kept, kept + len(fresh))) and at == kept + len(fresh)
        table, tpos = inputs.table(uniq, enc)
        np.testing.assert_array_equal(rows[pos], table[tpos])
    assert not inputs.rows[0].any()  # the padding row


def test_scratch_rows_taken_or_too_few_give_the_same_emissions(loaded, monkeypatch):
    """Another thread's batch holding the scratch rows, or a batch needing more of them than
    there are, makes a table of its own: the same emissions, bit for bit."""
    tagger, enc, nets, inputs = loaded
    tagger.tag_batch(SENTS)
    calls = []
    table = inputs.table
    monkeypatch.setattr(inputs, "table", lambda *a, **k: calls.append(1) or table(*a, **k))
    em, gaz = _emissions(nets, enc, SENTS)
    assert gaz.any() and not calls  # (marked positions take scratch rows too)
    held, done = threading.Event(), threading.Event()

    def hold():
        with inputs.scratch:
            held.set()
            done.wait(30)

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert held.wait(30)
        taken, _ = _emissions(nets, enc, SENTS)
    finally:
        done.set()
        other.join()
    assert len(calls) == 1
    np.testing.assert_array_equal(taken, em)
    monkeypatch.setattr(_Inputs, "SCRATCH", 2)
    few, _ = _emissions(nets, enc, SENTS)
    assert len(calls) == 2 and not inputs.scratch.locked()
    np.testing.assert_array_equal(few, em)


def test_scratch_rows_beyond_the_kept_ones_are_handed_back(loaded, monkeypatch):
    """After a batch, the scratch rows past :data:`_Inputs.SCRATCH_KEPT` hold zeros again:
    their memory went back to the system (a batch of many unknown words leaves none behind)."""
    tagger, enc, nets, inputs = loaded
    if inputs._map is None or not sys.platform.startswith("linux"):
        pytest.skip("no anonymous memory maps here, or pages handed back keep their contents")
    monkeypatch.setattr(_Inputs, "SCRATCH_KEPT", 8)
    words = [f"واژه‌ی‌ناشناخته{chr(0x627 + i % 20)}{i}" for i in range(200)]
    start = 1 + _Net.FREQUENT
    seen = []
    run = neural._single_layer_run

    def spy(nets_, inputs_, table, pos, at, *rest):
        seen.append(at)
        assert table is inputs.rows and table[start + 8:at].any()  # the fresh rows, while in use
        return run(nets_, inputs_, table, pos, at, *rest)

    monkeypatch.setattr(neural, "_single_layer_run", spy)
    tagger.tag_batch([words[:100], words[100:]])
    assert seen and seen[0] > start + 100
    row, page = inputs.width * 4, mmap.PAGESIZE
    first = -(-(-(-(start + 8) * row // page) * page) // row)  # the first row on a whole page past the kept ones
    last = seen[0] * row // page * page // row
    assert last - first > 50 and not inputs.rows[first:last].any()


def test_output_scores_made_by_stretches_equal_the_states_times_the_output_weights():
    """With ``out_w``, ``_lstm_gathered`` returns the hidden states @ ``out_w`` (D, T, B, K),
    across several stretches of steps, for sentences in any order, zeros past each end."""
    rng = np.random.default_rng(5)
    D, H, K = 4, 8, 5
    T = 2 * neural._CHUNK + 3
    lengths = np.array([T - 4, T, 1, neural._CHUNK, T, neural._CHUNK + 1, 7])
    B = len(lengths)
    rows = rng.normal(size=(D * T * B, 4 * H)).astype(np.float32)
    whh = (rng.normal(size=(D, H, 4 * H)) * 0.3).astype(np.float32)
    out_w = rng.normal(size=(D, H, K)).astype(np.float32)
    idx = np.arange(D * T * B).reshape(D, T, B).transpose(1, 0, 2)
    states = _lstm_gathered(rows, idx, whh, lengths)
    scores = _lstm_gathered(rows, idx, whh, lengths, out_w)
    assert scores.shape == (D, T, B, K)
    np.testing.assert_allclose(scores, np.matmul(states, out_w[:, None]), rtol=1e-5, atol=1e-5)
    for b, n in enumerate(lengths):
        assert not scores[:, n:, b].any()
