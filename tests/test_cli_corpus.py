"""The CLI on a corpus with its own field names: --text-key/--published-key/--id-key,
the unused-date warning, --keep, --format csv (--table) and --format html; pipe(progress=True)."""

import csv
import io
import json

import pytest

import persian_ie
from persian_ie.cli import main
from persian_ie.tables import COLUMNS

LINES = [
    {"doc_id": "n1", "body": "زاکانی امروز با سفیر بلاروس دیدار کرد.", "published_jalali": "1404-08-19",
     "published_gregorian": "2025-11-10", "url": "https://example.org/n1", "title": "دیدار"},
    {"doc_id": "n2", "body": "وزیر امور خارجه دیروز در گفت‌وگوی تلفنی با همتای ترکیه‌ای خود رایزنی کرد.",
     "published_jalali": "1404-08-20", "published_gregorian": "2025-11-11", "url": "https://example.org/n2",
     "title": "تماس"},
    {"doc_id": "n3", "body": "قیمت طلا امروز کاهش یافت.", "published_jalali": "1404-08-21",
     "published_gregorian": "2025-11-12", "url": "https://example.org/n3", "title": "طلا"},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in LINES), encoding="utf-8")
    return path


KEYS = ["--text-key", "body", "--id-key", "doc_id", "--no-progress"]


def test_named_fields_and_kept_columns(corpus, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), *KEYS, "--published-key", "published_jalali", "--keep", "url,title",
                 "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["n1", "n2", "n3"]
    assert [r["published"]["jalali"] for r in records] == ["1404-08-19", "1404-08-20", "1404-08-21"]
    assert [(r["url"], r["title"]) for r in records] == [(x["url"], x["title"]) for x in LINES]
    assert list(records[0])[:5] == ["id", "published", "entities", "dates", "events"]
    # the relative dates are resolved against each line's own date
    assert records[0]["events"][0]["date"]["jalali"] == "1404-08-19"
    assert records[1]["events"][0]["date"]["jalali"] == "1404-08-19"       # «دیروز» of 1404-08-20


def test_unused_published_field_is_warned_about(corpus, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), *KEYS, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "'published_jalali'" in err and "--published-key published_jalali" in err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["published"] is None for r in records)
    relative = [d for d in records[0]["dates"] if d["relative"]]             # «امروز» cannot be resolved
    assert relative and all(d["jalali"] is None for d in relative)


def test_keep_text_makes_records_self_contained(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), *KEYS, "--published-key", "published_jalali", "--keep", "text,url",
                 "-o", str(out)]) == 0
    back = [persian_ie.Result.from_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.text for r in back] == [x["body"] for x in LINES]
    assert back[0].meta == {"url": "https://example.org/n1"}


@pytest.mark.parametrize("table", ["events", "participants"])
def test_csv_tables(corpus, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    args = ["extract", str(corpus), *KEYS, "--published-key", "published_jalali", "--keep", "url",
            "--format", "csv", "-o", str(out)]
    if table != "events":
        args += ["--table", table]
    assert main(args) == 0
    raw = out.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert list(rows[0]) == ["doc", "id", "url"] + COLUMNS[table][2:]
    nlp = persian_ie.Pipeline()
    expected = persian_ie.tables.rows([nlp(x["body"], x["published_jalali"], id=x["doc_id"]) for x in LINES], table)
    assert len(rows) == len(expected) > 0
    assert [(r["event_id"], r.get("type") or r.get("event_type")) for r in rows] == \
           [(e["event_id"], e.get("type") or e.get("event_type")) for e in expected]


def test_html_page_and_flag_errors(corpus, tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["extract", str(corpus), *KEYS, "--published-key", "published_jalali", "--keep", "title",
                 "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('class="pie"') == 3 and "<b>تماس</b>" in page
    assert main(["extract", str(corpus), "--table", "participants"]) == 2
    assert "--table applies to --format csv" in capsys.readouterr().err
    assert main(["extract", str(corpus), "--format", "csv", "--indent", "2"]) == 2


def test_pipe_progress_bar(capsys):
    nlp = persian_ie.Pipeline(stages=["normalize", "segment"])
    results = list(nlp.pipe(["سلام", "دنیا", "خبر"], progress=True))
    assert len(results) == 3
    err = capsys.readouterr().err
    assert "persian-ie" in err and "3/3" in err
    list(nlp.pipe(iter(["سلام"]), progress="news"))                          # no length: no total
    assert "news" in capsys.readouterr().err
