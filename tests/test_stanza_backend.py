"""The stanza back-end against a real (tiny) stanza NER model trained here.

These tests need ``stanza`` and ``torch`` (``pip install "persian-ie[stanza]"``; the
CPU torch wheel available in this project's environment is torch==2.13.0 for
Python 3.11). They are skipped, with the reason, where those do not import.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

try:  # pragma: no cover - depends on the environment
    import stanza  # noqa: F401
    import torch  # noqa: F401

    HAVE_STANZA = True
    WHY = ""
except Exception as exc:  # pragma: no cover
    HAVE_STANZA = False
    WHY = f"stanza and torch are needed for the stanza back-end tests ({type(exc).__name__}: {exc})"

from persian_ie.entities.stanza_backend import StanzaModelsMissing, StanzaTagger, _bioes_to_bio  # noqa: E402
from ner_helpers import segmented  # noqa: E402

needs_stanza = pytest.mark.skipif(not HAVE_STANZA, reason=WHY)

PER = ["زاکانی", "کالتسوف", "پزشکیان", "لاریجانی"]
LOC = ["تهران", "مینسک", "بلاروس", "اصفهان"]
VERBS = ["رفت", "آمد", "بود", "ماند"]


def _sentences(n=60, seed=1):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        p, loc, v = rnd.choice(PER), rnd.choice(LOC), rnd.choice(VERBS)
        out.append([(p, "S-PER"), ("به", "O"), (loc, "S-LOC"), (v, "O"), (".", "O")])
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    if not HAVE_STANZA:
        pytest.skip(WHY)
    from stanza.models.common.pretrain import Pretrain

    d = tmp_path_factory.mktemp("stanza_tiny")
    rnd = random.Random(0)
    vocab = sorted({w for s in _sentences() for w, _ in s})
    with open(d / "tiny.vec", "w", encoding="utf-8") as f:
        f.write(f"{len(vocab)} 8\n")
        for w in vocab:
            f.write(w + " " + " ".join(f"{rnd.uniform(-1, 1):.3f}" for _ in range(8)) + "\n")
    pretrain = d / "tiny.pretrain.pt"
    Pretrain(str(pretrain), str(d / "tiny.vec")).load()
    assert pretrain.exists()
    train = [[{"text": w, "ner": t} for w, t in s] for s in _sentences()]
    (d / "train.json").write_text(json.dumps(train, ensure_ascii=False), encoding="utf-8")
    dev = [[{"text": w, "ner": t} for w, t in s] for s in _sentences(10, seed=2)]
    (d / "dev.json").write_text(json.dumps(dev, ensure_ascii=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "stanza.models.ner_tagger", "--mode", "train",
           "--train_file", str(d / "train.json"), "--eval_file", str(d / "dev.json"),
           "--wordvec_pretrain_file", str(pretrain), "--save_dir", str(d), "--save_name", "fa_tiny_nertagger.pt",
           "--shorthand", "fa_tiny", "--hidden_dim", "16", "--char_hidden_dim", "16", "--word_emb_dim", "8",
           "--char_emb_dim", "8", "--max_steps", "150", "--eval_interval", "50", "--batch_size", "16",
           "--device", "cpu", "--seed", "1", "--lr", "0.05"]
    env = dict(os.environ, STANZA_RESOURCES_DIR=str(d / "resources"))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=d, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    model = d / "fa_tiny_nertagger.pt"
    assert model.exists(), proc.stderr[-3000:]
    return model, pretrain


@needs_stanza
def test_tags_the_library_tokens_with_a_real_model(tiny_model):
    model, pretrain = tiny_model
    tagger = StanzaTagger(ner_model_path=model, pretrain_path=pretrain)
    text = "زاكاني  به مينسک رفت. كالتسوف به تهران آمد."
    doc = segmented(text)
    spans = tagger(doc)
    assert spans, "the tiny model tags something"
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.label in {"PER", "LOC"}
        assert s.attrs["source"] == "stanza"
    found = {(s.normalized, s.label) for s in spans}
    assert ("زاکانی", "PER") in found
    assert ("تهران", "LOC") in found
    # the original (Arabic-letter, double-spaced) text is what the spans point into
    zak = next(s for s in spans if s.normalized == "زاکانی")
    assert zak.text == "زاكاني" and zak.start == 0


@needs_stanza
def test_tag_tokens_and_labels_filter(tiny_model):
    model, pretrain = tiny_model
    tags = StanzaTagger(ner_model_path=model, pretrain_path=pretrain).tag_tokens(["پزشکیان", "به", "اصفهان", "رفت", "."])
    assert len(tags) == 5
    assert tags[0] == "B-PER" and tags[2] == "B-LOC"
    only_loc = StanzaTagger(ner_model_path=model, pretrain_path=pretrain, labels=["LOC"])
    assert only_loc.tag_tokens(["پزشکیان", "به", "اصفهان", "رفت", "."])[0] == "O"


@needs_stanza
def test_missing_models_name_the_download(tmp_path):
    tagger = StanzaTagger(model_dir=tmp_path)
    with pytest.raises(StanzaModelsMissing, match=r'stanza\.download\("fa"'):
        tagger(segmented("زاکانی به مینسک رفت."))
    with pytest.raises(StanzaModelsMissing, match=r'stanza\.download\("fa"'):
        StanzaTagger(ner_model_path=tmp_path / "nope.pt", check=True)


def test_bioes_conversion():
    keep = frozenset({"PER", "LOC", "PRODUCT"})
    assert _bioes_to_bio(["B-PER", "E-PER", "S-LOC", "O", "S-DAT", "B-PRO", "I-PRO", "E-PRO"], keep) == \
        ["B-PER", "I-PER", "B-LOC", "O", "O", "B-PRODUCT", "I-PRODUCT", "I-PRODUCT"]
    # BIO input (and a stray I-) works too
    assert _bioes_to_bio(["I-PER", "I-PER", "B-PER"], keep) == ["B-PER", "I-PER", "B-PER"]


@needs_stanza
def test_pipeline_ner_stanza_uses_the_local_model(tiny_model):
    from persian_ie import Pipeline
    from persian_ie.entities import EntityRecognizer

    model, pretrain = tiny_model
    nlp = Pipeline(ner="stanza", config={"entities": {"ner_model_path": model, "pretrain_path": pretrain}})
    text = "زاكاني  به مينسک رفت."
    result = nlp(text)
    # the name comes from the stanza model: gazetteers and patterns alone do not find it
    assert ("زاکانی", "PER") in {(e.normalized, e.label) for e in result.entities}
    rules_only = Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(backend=None))])
    assert "PER" not in {e.label for e in rules_only(text).entities}
    for ent in result.to_dict()["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]


@needs_stanza
def test_pipeline_ner_stanza_without_models_says_how_to_get_them(tmp_path):
    from persian_ie import Pipeline

    nlp = Pipeline(ner="stanza", config={"entities": {"model_dir": tmp_path}})
    with pytest.raises(StanzaModelsMissing, match=r'stanza\.download\("fa"'):
        nlp("زاکانی به مینسک رفت.")
