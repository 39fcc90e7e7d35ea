"""Soft-target distillation into the BiLSTM-CRF: the teacher's per-token distributions as
``train_ner_e5.py silver --soft`` stores them, and the loss ``train_ner_lstm.py train
--silver-soft`` learns them with (cross-entropy with the CRF's own marginals)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_ner_e5 as e5  # noqa: E402
from ner_helpers import enumerated_marginals  # noqa: E402


def random_crf(seed, B=3, T=4, K=3):
    torch = pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    g = torch.Generator().manual_seed(seed)
    em = torch.randn(B, T, K, generator=g, dtype=torch.float64)
    trans, start, end = (torch.randn(*s, generator=g, dtype=torch.float64) for s in ((K, K), (K,), (K,)))
    return em, trans, start, end


def test_crf_marginals_match_enumeration_with_padding():
    torch = pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    import train_ner_lstm as lstm

    em, trans, start, end = random_crf(0)
    lengths = torch.tensor([4, 2, 1])
    logp = lstm.crf_log_marginals(em, lengths, trans, start, end)
    assert torch.isfinite(logp).all()
    for b, n in enumerate(lengths.tolist()):
        p = logp[b, :n].exp().numpy()
        np.testing.assert_allclose(p.sum(1), 1.0, rtol=1e-9)
        np.testing.assert_allclose(p, enumerated_marginals(em[b, :n].numpy(), *(x.numpy() for x in (trans, start, end))),
                                   rtol=1e-8)


def test_soft_loss_on_one_hot_targets_and_on_the_models_own_marginals():
    torch = pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    import train_ner_lstm as lstm

    em, trans, start, end = random_crf(1)
    lengths = torch.tensor([4, 3, 1])
    K = em.shape[2]
    path = torch.tensor([[2, 0, 1, 1], [1, 1, 0, 0], [2, 0, 0, 0]])
    q = torch.nn.functional.one_hot(path, K).double()
    q[torch.arange(4)[None, :] >= lengths[:, None]] = 0  # no target past a sentence's end
    # one-hot targets: −Σ_t log P(y_t) per sentence, averaged over the batch
    want = 0.0
    for b, n in enumerate(lengths.tolist()):
        p = enumerated_marginals(em[b, :n].numpy(), *(x.numpy() for x in (trans, start, end)))
        want -= sum(np.log(p[t, path[b, t]]) for t in range(n))
    got = lstm.soft_crf_loss(em, q, lengths, trans, start, end)
    assert float(got) == pytest.approx(want / 3, rel=1e-9)
    # a one-token sentence: the marginal is the path's probability, so the loss is the CRF's NLL
    one = lstm.soft_crf_loss(em[2:], q[2:], lengths[2:], trans, start, end)
    score = start[2] + em[2, 0, 2] + end[2]
    assert float(one) == pytest.approx(float(torch.logsumexp(start + em[2, 0] + end, 0) - score), rel=1e-9)
    # the model's own marginals as targets: a stationary point (Σ_k ∂P(y_t=k) = 0); one-hot: not
    em_own = em.clone().requires_grad_(True)
    own = lstm.crf_log_marginals(em, lengths, trans, start, end).exp().detach()
    own[torch.arange(4)[None, :] >= lengths[:, None]] = 0
    lstm.soft_crf_loss(em_own, own, lengths, trans, start, end).backward()
    assert em_own.grad.abs().max() < 1e-10
    em_hot = em.clone().requires_grad_(True)
    lstm.soft_crf_loss(em_hot, q, lengths, trans, start, end).backward()
    assert em_hot.grad.abs().max() > 1e-3
    # and the gradient is the true one
    assert torch.autograd.gradcheck(lambda e: lstm.soft_crf_loss(e, q, lengths, trans, start, end),
                                    (em.clone().requires_grad_(True),))


def test_soft_targets_round_trip_aligned_to_the_silver_sentences(tmp_path):
    rng = np.random.default_rng(2)
    labels = ["O", "B-LOC", "I-LOC"]
    probs = [rng.dirichlet(np.ones(3), size=n) for n in (3, 1, 5)]
    e5.write_soft(tmp_path / "s.npz", probs, labels)
    back, got_labels = e5.read_soft(tmp_path / "s.npz")
    assert got_labels == labels and [len(b) for b in back] == [3, 1, 5]
    for a, b in zip(probs, back):
        np.testing.assert_allclose(b, a, atol=2e-3)  # float16 storage
        np.testing.assert_allclose(b.sum(1), 1.0, rtol=1e-6)


def test_unlabeled_shards_with_different_seeds_are_disjoint(tmp_path):
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    names = [a + b + "ان" for a in letters for b in letters][:200]
    lines = [f"سفر به {n} است" for n in names] + ["کوتاه", f"سفر به {names[5]} است"]  # too short; a repeat
    path = tmp_path / "u.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold = {("سفر", "به", names[7], "است")}
    from persian_ie.entities.crf import word_key

    gold = {tuple(word_key(t) for t in k) for k in gold}
    a = e5.sample_unlabeled([path], gold, 80, 21)
    b = e5.sample_unlabeled([path], gold, 80, 22, [21])
    assert a == e5.sample_unlabeled([path], gold, 80, 21)  # reproducible
    assert len(a) == len(b) == 80
    assert not {tuple(s) for s in a} & {tuple(s) for s in b}
    every = e5.sample_unlabeled([path], gold, 0, 1)
    assert len(every) == 199 and all(len(s) == 4 for s in every)  # 200 − the gold one; no short, no repeat
    assert {tuple(s) for s in e5.sample_unlabeled([path], gold, 80, 22)} & {tuple(s) for s in a}  # without it: overlap


def test_a_later_round_leaves_out_the_earlier_rounds_shards(tmp_path):
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    names = [a + b + "ان" for a in letters for b in letters][:300]
    path = tmp_path / "u.txt"
    path.write_text("".join(f"دیدار با {n} بود\n" for n in names), encoding="utf-8")
    first = e5.sample_unlabeled([path], set(), 60, 21)
    second = e5.sample_unlabeled([path], set(), 60, 22, [21])
    earlier = first + second
    c = e5.sample_unlabeled([path], set(), 80, 31, (), earlier)
    d = e5.sample_unlabeled([path], set(), 80, 32, [31], earlier)
    assert len(c) == len(d) == 80
    seen = {tuple(s) for s in earlier}
    assert not {tuple(s) for s in c} & seen and not {tuple(s) for s in d} & seen
    assert not {tuple(s) for s in c} & {tuple(s) for s in d}
    assert len(e5.sample_unlabeled([path], set(), 0, 1, (), earlier)) == 300 - 120


def test_several_bilstm_files_mix_their_marginals_by_relative_weights(tmp_path):
    model = ROOT / "persian_ie" / "resources" / "ner" / "lstm.npz"
    saved = np.load(model, allow_pickle=False)
    arrays = {k: saved[k] for k in saved.files}
    for k in arrays:  # a second, different pair: every member's output leans towards label 1
        if k.startswith("m") and k.endswith("_out_b") and "_head_" not in k:
            arrays[k] = arrays[k] + np.eye(len(arrays[k]), dtype=arrays[k].dtype)[1] * 2
    other = tmp_path / "other.npz"
    np.savez(other, **arrays)
    sents = [["محمدجواد", "ظریف", "به", "مسکو", "رفت"], ["سازمان", "ملل", "متحد", "بیانیه", "داد"]]
    a, labels = e5.lstm_marginals(model, sents)
    b, _ = e5.lstm_marginals(other, sents)
    assert not np.allclose(a[0], b[0])
    mixed, mixed_labels = e5.mixed_lstm_marginals([model, other], sents, (1.0, 3.0))
    assert mixed_labels == labels
    for m, x, y in zip(mixed, a, b):
        np.testing.assert_allclose(m, 0.25 * x + 0.75 * y, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(m.sum(1), 1.0, atol=1e-6)
    equal, _ = e5.mixed_lstm_marginals([model, other], sents)
    np.testing.assert_allclose(equal[1], 0.5 * a[1] + 0.5 * b[1], rtol=1e-6, atol=1e-7)
    with pytest.raises(ValueError, match="weight"):
        e5.mixed_lstm_marginals([model, other], sents, (1.0,))
    with pytest.raises(ValueError, match=">= 0"):
        e5.mixed_lstm_marginals([model], sents, (-1.0,))
