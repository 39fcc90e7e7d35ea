"""First names mined from labeled text (``resources/gazetteers/first_names_mined.txt``, built
by ``scripts/build_first_names.py``): the script's selection on a tiny corpus written here,
the shipped list as the gazetteer loads it, and the stage reading a mined first name + an
unknown family name as a person. A rebuild from the NER corpora needs ``../shared/data/ner``
and is skipped without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ner_helpers import stage_found

from persian_ie import _resources
from persian_ie.entities.gazetteer import gazetteer
from persian_ie.entities.lexicon import CommonWords
from persian_ie.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ner"
sys.path.insert(0, str(ROOT / "scripts"))

import build_first_names as bfn  # noqa: E402


def _mined():
    return [line.split("\t")[0] for line in _resources.read_lines("gazetteers/first_names_mined.txt")]


def _sent(*pairs):
    toks, tags = [], []
    for words, label in pairs:
        for k, w in enumerate(words.split()):
            toks.append(w)
            tags.append("O" if label == "O" else ("B-" if k == 0 else "I-") + label)
    return toks, tags


# -- the script's selection -----------------------------------------------------------------

def test_count_takes_the_first_word_of_names_of_two_words_or_more():
    starts, uses = bfn.count([
        _sent(("دیدار", "O"), ("گونتر ورنر", "PER"), ("با", "O"), ("ورنر", "PER")),
        _sent(("گونتر ورنر", "PER"), ("گفت", "O")),
    ])
    assert starts["گونتر"] == 2 and uses["گونتر"] == 2
    assert starts["ورنر"] == 0 and uses["ورنر"] == 3  # a one-word name starts nothing


def test_a_word_used_mostly_as_a_word_or_listed_as_a_title_is_no_first_name():
    sents = []
    for _ in range(3):  # «امید» starts three names, but is «hope» ten times
        sents.append(_sent(("امید", "PER"), ("نوروزی", "PER")))
    for _ in range(10):
        sents.append(_sent(("امید", "O"), ("داریم", "O")))
    for _ in range(4):  # a title before a name is labeled inside it now and then
        sents.append(_sent(("سرهنگ کاظمی", "PER"), ("گفت", "O")))
        sents.append(_sent(("تایگر وودز", "PER"), ("برد", "O")))
    sents.append(_sent(("نخودکی", "O")))
    sents.append(_sent(("یاکوب", "O")))
    sents.append(_sent(("نخودکی اصفهانی", "PER")))  # seen once as a name, once otherwise
    sents.append(_sent(("ماسیمیلیانو آلگری", "PER")))  # seen once, only as a name
    starts, uses = bfn.count(sents)
    lex = CommonWords.get()
    rows = bfn.choose(starts, uses, bfn.stage_exclusions(), lex.is_common, lambda w: w in lex.words)
    kept = [w for w, _, _ in rows]
    assert "امید" not in kept  # 3 of 13 uses
    assert "سرهنگ" not in kept  # a role title
    assert "نخودکی" not in kept
    assert kept == ["تایگر", "ماسیمیلیانو"]
    assert bfn.stage_exclusions()("سرهنگ") is not None and bfn.stage_exclusions()("تایگر") is None


def test_listed_names_and_honorifics_are_not_mined_again():
    ex = bfn.stage_exclusions()
    assert ex("محمد") == "listed"  # first_names.tsv
    assert ex("دیمتری") == "listed"  # foreign_first_names.txt
    assert ex("سید") is not None  # an honorific that labeled text keeps inside names
    assert ex("تهران") is not None and ex("آمریکایی") is not None


# -- the shipped list -----------------------------------------------------------------------

def test_the_mined_list_is_loaded_as_first_names():
    mined = _mined()
    assert len(mined) >= 150
    assert len(set(mined)) == len(mined)
    assert all(normalize(w) == w for w in mined)
    listed = bfn.listed_first_names()
    assert not listed & set(mined)  # only names the two other lists lack
    gaz = gazetteer()
    assert all(gaz.is_first_name(w) for w in mined)
    assert gaz.is_first_name("دیمتری") and gaz.is_first_name("محمد")  # the other lists stay


def test_a_mined_first_name_and_an_unknown_family_name_are_a_person():
    # names of the mined list that hazm's lexicon does not know (foreign names): before the
    # list, «X کارپنکو» had no first-name cue, and a tagger's ORG there stayed an ORG
    lex = CommonWords.get()
    names = [w for w in _mined() if w not in lex.words and "\u200c" not in w][:40]
    assert len(names) == 40
    as_person = as_person_over_org = 0
    for name in names:
        text = f"به گفته {name} کارپنکو این قرارداد امضا شد."
        as_person += (f"{name} کارپنکو", "PER") in stage_found(text, drop=("ROLE",))
        as_person_over_org += (f"{name} کارپنکو", "PER") in stage_found(text, (f"{name} کارپنکو", "ORG"),
                                                                        drop=("ROLE",))
    assert as_person >= 36 and as_person_over_org >= 36


@pytest.mark.skipif(not (DATA / "arman" / "ArmanPersoNERCorpus.zip").exists(),
                    reason="the NER corpora (../shared/data/ner) are not on this machine")
def test_a_rebuild_from_the_training_splits_gives_the_shipped_list(tmp_path):
    import subprocess

    out = tmp_path / "mined.txt"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_first_names.py"), "--data", str(DATA),
                    "--out", str(out)], check=True, capture_output=True)
    shipped = _resources.read_text("gazetteers/first_names_mined.txt")
    assert out.read_text(encoding="utf-8") == shipped
