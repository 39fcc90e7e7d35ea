"""The shipped table of the word lists' normalized strings (start-up time) is a pure cache
of the normalizer: it is current, its entries are what the normalizer gives, and a table
built by other code is not used."""

import importlib
import random
import sys
from pathlib import Path

import pytest

from persian_ie import _lexicon_norms
from persian_ie.normalize import Normalizer

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_table_is_what_the_loaders_build_now():
    """Rebuilt in a fresh process from the word lists, the normalizer and the lexicon as
    they are: a changed list, rule or loader makes this fail until the table is rebuilt."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        build = importlib.import_module("build_normalized_lexicon")
    finally:
        sys.path.pop(0)
    shipped = (ROOT / "persian_ie" / "resources" / _lexicon_norms.RESOURCE).read_text(encoding="utf-8")
    rebuilt = build.build_text()
    assert rebuilt.count("\n") > 5000  # the loaders did normalize their lists
    assert rebuilt == shipped, "stale table: run python scripts/build_normalized_lexicon.py"


def test_entries_are_the_normalizers_output():
    table = _lexicon_norms._load()
    assert len(table) > 5000, "the shipped table was not used (fingerprint mismatch?)"
    plain = Normalizer()
    changed = [k for k, v in table.items() if k != v]
    assert changed, "some list entries are not in normalized form (ي, glued ZWNJ...)"
    sample = changed + random.Random(0).sample(sorted(table), 300)
    for text in sample:
        assert table[text] == plain.normalize_text(text), text


def test_a_table_built_by_other_code_is_ignored(monkeypatch):
    monkeypatch.setattr(_lexicon_norms, "fingerprint", lambda: "0" * 64)
    assert _lexicon_norms._load() == {}


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("PERSIAN_IE_NORM_TABLE", "0")
    assert _lexicon_norms._load() == {}


def test_fingerprint_follows_the_normalizer_source(monkeypatch, tmp_path):
    before = _lexicon_norms.fingerprint()
    assert len(before) == 64
    fake = tmp_path / "_lexicon_norms.py"
    for name in ("normalize.py", "zwnj.py"):
        text = (Path(_lexicon_norms.__file__).with_name(name)).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text + ("\n# edited\n" if name == "zwnj.py" else ""), encoding="utf-8")
    monkeypatch.setattr(_lexicon_norms, "__file__", str(fake))
    assert _lexicon_norms.fingerprint() not in ("", before)


def test_build_refuses_a_warm_process():
    with pytest.raises(RuntimeError):
        _lexicon_norms.build()
