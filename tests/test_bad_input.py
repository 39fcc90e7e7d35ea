"""Bad and hostile input, through the API and the CLI: a clear error or a valid result
with valid offsets, never a hang or a crash.

The large inputs (a 1,000,000-character token, 400 KB of «و », 150 KB of «۱۹ », a 2 MB
article) are the issue's table; their timing is measured by ``benchmarks/hostile.py``,
not here.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import persian_ie
from persian_ie.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")


def check_offsets(text, result):
    """Every span of the result is an exact slice of the input."""
    d = result.to_dict()
    spans = list(d["entities"]) + list(d["dates"])
    for ev in d["events"]:
        spans.append(ev["trigger"])
        spans += [x for x in (ev["location"],) if x]
        for p in ev["participants"]:
            spans += [x for x in (p["name"], p["role"], p["organization"]) if x]
        spans += ev["topics"]
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text)
        assert text[s["start"]:s["end"]] == s["text"]
    json.dumps(d, ensure_ascii=True)  # serializable, whatever the input held
    return d


@pytest.mark.parametrize("value", [None, 5, 3.5, b"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", ["سلام"], {"text": "سلام"}])
def test_non_text_is_a_type_error(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        persian_ie.extract(value)
    with pytest.raises(TypeError):
        persian_ie.default_pipeline()(value)
    [r] = persian_ie.default_pipeline().pipe([{"id": "x", "text": value}], on_error="record")
    assert r.error["type"] == "TypeError" and r.id == "x"


SMALL_CASES = {
    "empty": "",
    "whitespace": " \n\t\u200c \u00a0 ",
    "nul and controls": "زاکانی\x00 با سفیر\x07 بلاروس\x1b[31m دیدار کرد.\x0c",
    "lone surrogates": "زاکانی \ud800با سفیر بلاروس\udfff دیدار کرد.",
    "bidi marks": "\u202bزاکانی با \u200fسفیر بلاروس\u202c دیدار کرد.\u2066۱۴۰۴\u2069",
    "emoji": "زاکانی 🤝 با سفیر بلاروس 🇧🇾 دیدار کرد 👍🏽.",
    "html": "<p dir='rtl'>زاکانی با <b>سفیر بلاروس</b> دیدار کرد.</p><script>alert(1)</script>&nbsp;",
    "mixed latin": "Zakani met the Belarus ambassador; زاکانی با Dmitry Koltsov سفیر Belarus دیدار کرد (IRNA).",
    "combining marks only": "\u064b\u064c\u064d" * 50,
    "one huge line of punctuation": "!؟،." * 2000,
}


@pytest.mark.parametrize("name", list(SMALL_CASES))
def test_odd_text_gives_a_valid_result(name):
    text = SMALL_CASES[name]
    d = check_offsets(text, persian_ie.extract(text, published="1404-08-19"))
    if not text.strip():
        assert d["entities"] == d["dates"] == d["events"] == []


@pytest.mark.parametrize("name, make", [
    ("one 1,000,000-character token", lambda: "ا" * 1_000_000),
    ("400 KB of «و »", lambda: "و " * (400_000 // 3)),
    ("150 KB of «۱۹ »", lambda: "۱۹ " * (150_000 // 5)),
])
def test_large_hostile_text_gives_a_valid_result(name, make):
    text = make()
    check_offsets(text, persian_ie.extract(text, published="1404-08-19"))


def test_a_2_mb_article_is_refused_with_the_limit_named():
    text = (SEED * (2_000_000 // len(SEED.encode("utf-8")) + 1))
    assert len(text.encode("utf-8")) > 2_000_000
    with pytest.raises(ValueError, match="max_length"):
        persian_ie.extract(text)


def test_the_cli_reports_bad_items_and_writes_the_good_ones(tmp_path):
    rows = [{"id": name, "text": text} for name, text in SMALL_CASES.items()]
    rows += [{"id": "none", "text": None}, {"id": "int", "text": 5}, {"id": "list", "text": ["x"]},
             {"id": "long", "text": "و " * 600_000}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=True) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "persian_ie.cli", "extract", str(src), "-o", str(out),
                           "--no-progress"], capture_output=True, timeout=600)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    for bad in ("none", "int", "list"):
        assert f'each JSONL line must be an object with a "text" string' in err
    assert "(id long): TextTooLongError" in err and "max_length" in err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(SMALL_CASES) + ["long"]
    by_id = {r["id"]: r for r in records}
    assert "error" in by_id["long"] and all("error" not in by_id[k] for k in SMALL_CASES)
    for name, text in SMALL_CASES.items():
        for e in by_id[name]["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]
