"""The bundled BiLSTM-CRF tagger (numpy inference) and its training script."""

from __future__ import annotations

import itertools
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from persian_ie.entities.neural import NeuralTagger, _lstm, _reverse_within, token_shape, viterbi
from ner_helpers import found, segmented

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "ner"
LABELS = {"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT"}


@pytest.fixture(scope="module")
def tagger():
    return NeuralTagger()


# -- the bundled model on hand-written sentences ------------------------------------------------

def test_seed_like_sentence(tagger):
    text = ("علیرضا زاکانی شهردار تهران روز دوشنبه با دیمتری کالتسوف سفیر بلاروس در تهران دیدار کرد "
            "و درباره همکاری شهرداری تهران با مینسک گفت‌وگو کرد.")
    got = found(tagger, text)
    assert ("علیرضا زاکانی", "PER") in got
    assert ("دیمتری کالتسوف", "PER") in got
    # ARMAN tags a country or city acting as a state ORG («همکاری ... با مینسک»); the
    # entities stage settles places with its gazetteer
    assert {("مینسک", "LOC"), ("مینسک", "ORG")} & got
    assert {("بلاروس", "LOC"), ("بلاروس", "ORG")} & got


def test_spans_point_into_the_original_text(tagger):
    text = "به گزارش  خبرگزاري ايرنا ، حسن روحاني  رئيس جمهور در سال 1398 به ژاپن سفر كرد ."
    spans = tagger(segmented(text))
    assert spans
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.label in LABELS
        assert s.attrs["source"] == "lstm"
    found = {(s.normalized, s.label) for s in spans}
    assert ("حسن روحانی", "PER") in found
    assert ("ژاپن", "LOC") in found


def test_batch_equals_one_by_one_and_bio_is_valid(tagger):
    sents = [["محمدجواد", "ظریف", "وزیر", "امور", "خارجه", "ایران", "به", "پکن", "رفت", "."],
             [],
             ["بانک", "مرکزی", "اعلام", "کرد"],
             ["سازمان", "ملل", "متحد", "در", "نیویورک", "نشست", "برگزار", "کرد", "و", "دبیرکل", "سخن", "گفت", "."]]
    batch = tagger.tag_batch(sents)
    assert batch == [tagger.tag_tokens(s) for s in sents]
    assert batch[1] == []
    assert batch[0][:2] == ["B-PER", "I-PER"] and batch[0][7] == "B-LOC"
    for tags in batch:
        prev = "O"
        for t in tags:
            assert t == "O" or t[:2] in ("B-", "I-") and t[2:] in LABELS
            if t.startswith("I-"):
                assert prev[2:] == t[2:]
            prev = t


def test_labels_filter_pickle_and_missing_file(tagger, tmp_path):
    only_per = NeuralTagger(labels=["PER"])
    spans = only_per(segmented("علی لاریجانی در مشهد سخنرانی کرد."))
    assert spans and {s.label for s in spans} == {"PER"}
    clone = pickle.loads(pickle.dumps(tagger))
    toks = ["زاکانی", "به", "مینسک", "رفت"]
    assert clone.tag_tokens(toks) == tagger.tag_tokens(toks)
    with pytest.raises(FileNotFoundError, match="not found"):
        NeuralTagger(tmp_path / "nope.npz").tag_tokens(["تهران"])


def test_empty_and_punctuation_only(tagger):
    assert tagger(segmented("")) == []
    assert tagger(segmented("… ! ؟")) == []


def test_stage_uses_it_by_default():
    from persian_ie import Pipeline

    nlp = Pipeline(stages=["normalize", "segment", "entities"])
    stage = nlp.get("entities")
    doc = nlp("دیمتری کالتسوف سفیر بلاروس در تهران با علیرضا زاکانی دیدار کرد.").doc
    found = {(e.normalized, e.label) for e in doc.entities}
    assert ("دیمتری کالتسوف", "PER") in found and ("علیرضا زاکانی", "PER") in found
    assert stage.backend == "lstm"
    assert type(stage.tagger).__name__ == "NeuralTagger"


# -- the numpy building blocks against plain references --------------------------------------

def _sig(x):
    return 1 / (1 + np.exp(-x))


def test_lstm_step_matches_textbook_equations():
    rng = np.random.default_rng(0)
    B, T, H = 3, 5, 4
    xw = rng.normal(size=(B, T, 4 * H)).astype(np.float32)
    whh = rng.normal(size=(4 * H, H)).astype(np.float32)
    got = _lstm(xw, whh)
    for b in range(B):
        h = np.zeros(H)
        c = np.zeros(H)
        for t in range(T):
            g = xw[b, t] + whh @ h
            i, f, gg, o = _sig(g[:H]), _sig(g[H:2 * H]), np.tanh(g[2 * H:3 * H]), _sig(g[3 * H:])
            c = f * c + i * gg
            h = o * np.tanh(c)
            np.testing.assert_allclose(got[b, t], h, atol=1e-5)


def test_reverse_within_keeps_padding_at_the_end():
    x = np.arange(2 * 4).reshape(2, 4)
    rev = _reverse_within(x, np.array([4, 2]))
    assert rev.tolist() == [[3, 2, 1, 0], [5, 4, 6, 7]]
    assert _reverse_within(rev, np.array([4, 2])).tolist() == x.tolist()


def test_viterbi_finds_the_best_path_by_brute_force():
    rng = np.random.default_rng(1)
    T, K = 4, 3
    em, trans = rng.normal(size=(T, K)), rng.normal(size=(K, K))
    start, end = rng.normal(size=K), rng.normal(size=K)

    def score(path):
        s = start[path[0]] + end[path[-1]] + sum(em[t, k] for t, k in enumerate(path))
        return s + sum(trans[a, b] for a, b in zip(path, path[1:]))

    best = max(itertools.product(range(K), repeat=T), key=score)
    assert viterbi(em, trans, start, end) == list(best)


def test_token_shape_classes():
    assert token_shape("،") == "punct"
    assert token_shape("0000") == "num"
    assert token_shape("nato") == "l4"
    assert token_shape("جمهوری‌اسلامی")[-1] == "z"


# -- the training script (needs torch: the 3.11 test environment) -----------------------------

def test_train_script_exports_a_numpy_model(tmp_path):
    pytest.importorskip("torch", reason="torch (dev-only) is installed in the 3.11 test environment only")
    from persian_ie.entities.crf import word_key
    from persian_ie.entities.corpora import read_conll

    sents = read_conll(open(FIX / "tiny_train.conll", encoding="utf-8"), "\t", {t: t for t in LABELS})
    words = sorted({word_key(t) for toks, _ in sents for t in toks})
    rng = np.random.default_rng(0)
    w2v = tmp_path / "w2v.npz"
    np.savez(w2v, words=np.array(words), vectors=rng.normal(size=(len(words), 16)).astype(np.float32))
    out = tmp_path / "tiny.npz"
    unlabeled = tmp_path / "unlabeled.txt"
    unlabeled.write_text("\n".join(" ".join(toks) for toks, _ in sents * 4) + "\n", encoding="utf-8")
    env = dict(os.environ, PERSIAN_IE_NER_CACHE=str(tmp_path / "cache"))

    def script(*args, timeout=600):
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_lstm.py"), *map(str, args)],
                              capture_output=True, text=True, env=env, timeout=timeout)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    def train(out_path, *extra):  # a tiny network on the fixture
        return script("train", "--conll", FIX / "tiny_train.conll", "--w2v", w2v, "--word-dim", "16",
                      "--hidden", "16", "--char-filters", "8", "--threads", "1", "--out", out_path, *extra)

    stdout = train(out, "--epochs", "40", "--lr", "0.01", "--dropout", "0", "--word-dropout", "0",
                   "--pretrain-epochs", "1", "--unlabeled", unlabeled)
    assert "export check" in stdout and "pretrain epoch 1" in stdout
    tiny = NeuralTagger(out)
    toks, tags = sents[0]
    assert tiny.tag_tokens(toks) == list(tags)  # a training sentence is learnt
    assert tiny.meta["n_models"] == 1
    # two models → one ensemble file
    both = tmp_path / "both.npz"
    script("combine", out, out, "--out", both, timeout=120)
    pair = NeuralTagger(both)
    assert pair.meta["n_models"] == 2
    assert pair.tag_tokens(toks) == tiny.tag_tokens(toks)
    assert NeuralTagger(both, max_models=1).tag_tokens(toks) == tiny.tag_tokens(toks)
    with pytest.raises(ValueError, match="max_models"):
        NeuralTagger(both, max_models=0)
    # self-training: the model tags unlabeled text (its gold sentences skipped) ...
    new = [["زاکانی", "در", "مینسک", "ماند", "."], ["کالتسوف", "به", "تهران", "رفت", "."]]
    unlabeled.write_text("\n".join(" ".join(t) for t in [toks] + new + [new[0]]) + "\n", encoding="utf-8")
    silver = tmp_path / "silver.tsv"
    script("silver", "--model", out, "--conll", FIX / "tiny_train.conll", "--unlabeled", unlabeled,
           "--out", silver, timeout=300)
    blocks = [b.split("\n") for b in silver.read_text(encoding="utf-8").strip().split("\n\n")]
    assert [[row.split("\t")[0] for row in b] for b in blocks] == new  # gold and repeated sentences skipped
    assert [[row.split("\t")[1] for row in b] for b in blocks] == tiny.tag_batch(new)
    # ... and a student learns from gold plus a sample of those silver sentences each epoch
    student = tmp_path / "student.npz"
    stdout = train(student, "--epochs", "3", "--silver", silver, "--silver-per-epoch", "1")
    assert "silver: 2 sentences, 1 drawn per epoch" in stdout
    assert NeuralTagger(student).meta["trained"]["silver"] == {"sentences": 2, "per_epoch": 1, "weight": 0.5}
    # soft targets (train_ner_e5.py silver --soft): the teacher's per-token distributions, one file per .tsv
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_ner_e5 import write_soft

    labels = tiny.meta["labels"]
    hot = [np.eye(len(labels))[[labels.index(t) for t in tags]] for tags in tiny.tag_batch(new)]
    soft = tmp_path / "silver.soft.npz"
    write_soft(soft, [h[:, ::-1] for h in hot], labels[::-1])  # any label order: matched by name
    soft_student = tmp_path / "soft_student.npz"
    stdout = train(soft_student, "--epochs", "3", "--silver", silver, silver, "--silver-soft", soft, soft,
                   "--silver-per-epoch", "3")
    assert "silver: 4 sentences, 3 drawn per epoch, soft targets" in stdout
    assert NeuralTagger(soft_student).meta["trained"]["silver"] == {"sentences": 4, "per_epoch": 3, "weight": 0.5,
                                                                    "soft": True}
    write_soft(soft, [hot[0][:3], hot[1]], labels)  # a block shorter than its sentence
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner_lstm.py"), "train", "--conll",
                           FIX / "tiny_train.conll", "--w2v", w2v, "--word-dim", "16", "--hidden", "16",
                           "--epochs", "1", "--silver", silver, "--silver-soft", soft, "--out", tmp_path / "x.npz"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode != 0 and "does not match" in proc.stderr
    # cross-view training on the unlabeled text (the gold sentence skipped, repeats kept)
    cvt = tmp_path / "cvt.npz"
    stdout = train(cvt, "--epochs", "2", "--unlabeled", unlabeled, "--cvt-per-epoch", "5")
    assert "cross-view training: 3 unlabeled sentences, 5 drawn per epoch" in stdout
    assert NeuralTagger(cvt).meta["trained"]["cvt"] == {"per_epoch": 5, "weight": 1.0}
    # a checkpoint after every epoch but the last: the same network a shorter run of the same seed writes
    ckpt = tmp_path / "ckpt.npz"
    stdout = train(ckpt, "--epochs", "2", "--checkpoint-every-epoch")
    assert "ckpt.ep1.npz" in stdout and not (tmp_path / "ckpt.ep2.npz").exists()
    assert NeuralTagger(tmp_path / "ckpt.ep1.npz").meta["trained"]["epochs"] == 1
    assert NeuralTagger(ckpt).meta["trained"]["epochs"] == 2
    one_epoch = tmp_path / "one_epoch.npz"
    train(one_epoch, "--epochs", "1")
    from persian_ie.entities.neural import load_weights
    first, short, final = (load_weights(p)[1] for p in (tmp_path / "ckpt.ep1.npz", one_epoch, ckpt))
    assert all(np.array_equal(first[k], short[k]) for k in first)
    assert not all(np.array_equal(first[k], final[k]) for k in first)
    # static word vectors (from a pretrained encoder): a frozen input, stored once per file
    static = tmp_path / "static.npz"
    vocab = words[: len(words) // 2]
    np.savez(static, words=np.array(vocab), vectors=rng.normal(size=(len(vocab), 6)).astype(np.float16))
    with_static = tmp_path / "static_model.npz"
    stdout = train(with_static, "--epochs", "2", "--static", static)
    assert "export check" in stdout  # the numpy pass with the static input matches torch
    model = NeuralTagger(with_static)
    assert model.meta["static_words"] == vocab and model.meta["trained"]["static"]["file"] == "static.npz"
    enc = model._load()[1]
    assert enc.token(vocab[0])[2][-1] == 2 and enc.token("ناشناخته‌ترین‌واژه")[2][-1] == 1
    _, arrays = load_weights(with_static)
    np.testing.assert_allclose(arrays["static_emb"][2:].astype(np.float32),
                               np.load(static)["vectors"].astype(np.float32), atol=1e-3)
    pair = tmp_path / "static_pair.npz"
    script("combine", with_static, with_static, "--out", pair, timeout=120)
    _, arrays = load_weights(pair)
    assert "static_emb" in arrays and not any(k.endswith("cat_emb6") for k in arrays)
    assert NeuralTagger(pair).tag_tokens(toks) == model.tag_tokens(toks)


def test_fast_ensemble_path_equals_the_plain_forward_pass(tagger):
    from persian_ie.entities.neural import _member_by_member, ensemble_emissions

    meta, enc, nets, *_ = tagger._load()
    sents = [["علیرضا", "زاکانی", "شهردار", "تهران", "با", "سفیر", "بلاروس", "دیدار", "کرد", "."],
             ["بانک", "مرکزی", "جمهوری", "اسلامی", "ایران"], ["ناشناخته‌ترین‌واژه"]]
    words, chars, cats, gaz, lengths = enc.batch(sents)
    plain = np.mean([n.emissions(words, chars, cats, gaz, lengths) for n in nets], axis=0)
    assert gaz.any()  # gazetteer marks (بلاروس، تهران) take their own path
    for _ in range(2):  # cold, then with the per-word caches filled
        fast = ensemble_emissions(nets, sents, enc, gaz, lengths)
        general = _member_by_member(nets, sents, enc, gaz, lengths)  # several-layer / mixed-size path
        for b, s in enumerate(sents):
            np.testing.assert_allclose(fast[b, :len(s)], plain[b, :len(s)], atol=1e-4)
            np.testing.assert_allclose(general[b, :len(s)], plain[b, :len(s)], atol=1e-4)


def test_pipeline_config_reaches_the_tagger(tmp_path):
    from persian_ie import Pipeline

    nlp = Pipeline(stages=["normalize", "segment", "entities"], config={"entities": {"max_models": 1}})
    tagger = nlp.get("entities").tagger
    assert isinstance(tagger, NeuralTagger) and tagger.max_models == 1
    found = {(e.normalized, e.label) for e in nlp("علیرضا زاکانی به مینسک رفت.").doc.entities}
    assert ("علیرضا زاکانی", "PER") in found
    with pytest.raises(ValueError, match="no output layer"):
        NeuralTagger(head="no-such-corpus").tag_tokens(["تهران"])


def test_bio_constraints_forbid_ill_formed_paths():
    from persian_ie.entities.neural import bio_constrained

    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    trans, start = bio_constrained(labels, np.zeros((5, 5)), np.zeros(5))
    em = np.zeros((3, 5))
    em[:, 2] = 5.0  # emissions love I-PER everywhere
    path = [labels[k] for k in viterbi(em, trans, start, np.zeros(5))]
    assert path == ["B-PER", "I-PER", "I-PER"]
    assert trans[0, 4] < -1e3 and trans[1, 4] < -1e3 and trans[3, 4] == 0


def test_batch_gazetteer_marks_equal_the_per_sentence_marks(tagger):
    """The batch fill of the gazetteer marks gives what :meth:`TokenEncoder.gazetteer`
    gives sentence by sentence (phrases of several words, several types, padding)."""
    meta, enc, *_ = tagger._load()
    sents = [["سفیر", "بلاروس", "در", "تهران"], ["بانک", "مرکزی", "جمهوری", "اسلامی", "ایران", "و", "سازمان", "ملل"],
             [], ["۱۹", "UN", "مینسک"]]
    batch = enc.gazetteer_batch(sents)
    assert batch.any()
    for b, s in enumerate(sents):
        if s:
            np.testing.assert_array_equal(batch[b, :len(s)], enc.gazetteer(s))
        assert not batch[b, len(s):].any()


def test_shared_projection_cache_from_threads():
    """Threads tagging at once fill the shared first-layer cache without mixing rows up."""
    from concurrent.futures import ThreadPoolExecutor

    sents = [["علیرضا", "زاکانی", "شهردار", "تهران", "با", "سفیر", "بلاروس", "دیدار", "کرد", "."],
             ["وزیر", "امور", "خارجه", "کشورمان", "به", "مسکو", "رفت", "."]] * 3
    tagger = NeuralTagger(batch_size=3, max_models=1)
    alone = tagger.tag_batch(sents)
    for net in tagger._load()[2]:
        net._proj_cache.clear()  # cold again: the threads fill it together
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: tagger.tag_batch(sents), range(8)))
    assert all(r == alone for r in results)


def test_word_table_kept_in_float16_gives_the_float32_emissions(tagger):
    """The bundled word table stays float16 in memory (half the largest array's bytes);
    its rows become float32 exactly, so emissions equal a float32 copy's bit for bit."""
    meta, enc, nets, *_ = tagger._load()
    net = nets[0]
    assert net.word_emb.dtype == np.float16
    sents = [["علیرضا", "زاکانی", "شهردار", "تهران", "با", "سفیر", "بلاروس", "دیدار", "کرد", "."],
             ["ناشناخته‌ترین‌واژه", "بانک", "مرکزی"]]
    words, chars, cats, gaz, lengths = enc.batch(sents)
    half = net.emissions(words, chars, cats, gaz, lengths)
    table = net.word_emb
    try:
        net.word_emb = table.astype(np.float32)
        full = net.emissions(words, chars, cats, gaz, lengths)
    finally:
        net.word_emb = table
    assert half.dtype == np.float32
    np.testing.assert_array_equal(half, full)


# -- inference speed-ups: same results as the plain forms --------------------------------------

def test_gate_blocks_reordered_sigmoid_gates_first():
    """The fast path keeps the gates as (i f o g), so the three sigmoid gates are one slice."""
    from persian_ie.entities.neural import _gate_scale, _ifog

    H = 2
    x = np.arange(4 * H)  # blocks i=0,1 f=2,3 g=4,5 o=6,7 in torch's order
    assert _ifog(x).tolist() == [0, 1, 2, 3, 6, 7, 4, 5]
    assert _ifog(np.stack([x, x + 10]), axis=1)[1].tolist() == [10, 11, 12, 13, 16, 17, 14, 15]
    assert _gate_scale(4 * H).tolist() == [0.5] * 6 + [1.0] * 2


def test_recurrence_of_sentences_in_any_order_equals_each_alone():
    """``_lstm_gathered`` returns (D, T, B, H) in the batch's order whatever the order of the
    lengths, zeros past each sentence's end, and each sentence's states as when run alone."""
    from persian_ie.entities.neural import _lstm_gathered

    rng = np.random.default_rng(3)
    D, T, H = 2, 6, 4
    lengths = np.array([3, 6, 1, 6, 4])
    B = len(lengths)
    rows = rng.normal(size=(D * T * B, 4 * H)).astype(np.float32)
    whh = (rng.normal(size=(D, H, 4 * H)) * 0.5).astype(np.float32)
    idx = np.arange(D * T * B).reshape(D, T, B).transpose(1, 0, 2)
    got = _lstm_gathered(rows, idx, whh, lengths)
    assert got.shape == (D, T, B, H)
    for b, n in enumerate(lengths):
        alone = _lstm_gathered(rows, idx[:n, :, b:b + 1], whh)
        np.testing.assert_allclose(got[:, :n, b], alone[:, :, 0], atol=1e-5)
        assert not got[:, n:, b].any()
    desc = np.argsort(-lengths, kind="stable")
    np.testing.assert_allclose(_lstm_gathered(rows, idx[:, :, desc], whh, lengths[desc]), got[:, :, desc], atol=1e-5)



def test_char_cnn_from_tap_tables_equals_the_convolution(tagger):
    """The char CNN reads 3 per-char tables (no product per token); padded and packed
    inputs give the same features, and both equal the textbook convolution."""
    meta, enc, nets, *_ = tagger._load()
    net = nets[0]
    tokens = ["تهران", "ا", "بین‌المللی", "ناشناخته‌ترین‌واژه‌ای‌که‌بلند‌است", "COVID-19", "۱۴۰۴"]
    words, chars, cats = enc.arrays(tokens)
    _, flat, lens, _ = enc.encode(tokens)
    assert lens.tolist() == [int((row > 0).sum()) for row in chars]
    padded, packed = net.char_features(chars), net.char_features_packed(flat, lens)
    np.testing.assert_array_equal(padded, packed)
    w = net.conv_w.astype(np.float64)  # (F, Ce, 3)
    for i, n in enumerate(lens):
        e = np.vstack([np.zeros((1, w.shape[1])), net.char_emb[chars[i, :n]], np.zeros((1, w.shape[1]))])
        conv = np.stack([np.einsum("ck,fck->f", e[p:p + 3].T, w) for p in range(n)]) + net.conv_b
        np.testing.assert_allclose(packed[i], conv.max(axis=0), rtol=1e-5, atol=1e-5)


def test_ensemble_inputs_cache_gives_each_network_its_projection(tagger):
    """One token index for all the networks of the ensemble; a row read from the cache
    equals the network's projection computed afresh, side by side for every network."""
    from persian_ie.entities.neural import _inputs_of

    meta, enc, nets, *_ = tagger._load()
    inputs = _inputs_of(nets)
    assert all(n._proj_cache is inputs.index for n in nets)
    inputs.index.clear()
    uniq = ["تهران", "و", "زاکانی", "ناشناخته‌ترین‌واژه", "بانک"]
    cold, pos = inputs.table(uniq, enc, extra=2)
    assert cold.shape == (1 + len(uniq) + 2, inputs.width) and not cold[0].any()
    assert sorted(pos.tolist()) == list(range(1, len(uniq) + 1))
    assert {"تهران", "و", "بانک"} <= set(inputs.index)  # frequent words are kept
    assert "ناشناخته‌ترین‌واژه" not in inputs.index  # an unknown word is not
    warm, pos2 = inputs.table(uniq, enc)
    assert pos2[uniq.index("تهران")] < pos2[uniq.index("ناشناخته‌ترین‌واژه")]  # cached rows first
    at = 0
    for n, w in zip(nets, inputs.widths):
        fresh = n._token_projection(uniq, enc)
        # (a row computed among other rows may differ in the last bits: OpenBLAS results depend on the
        # row's place in the product)
        np.testing.assert_allclose(cold[pos, at:at + w], fresh, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(warm[pos2, at:at + w], fresh, rtol=1e-5, atol=1e-5)
        at += w
