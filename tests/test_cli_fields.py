"""Field naming for corpora (cli_fields) and the CSV/HTML sinks (cli_tables)."""

import csv
import io

import pytest

import persian_ie
from persian_ie.cli_fields import FieldNames, parse_keep
from persian_ie.cli_tables import CsvSink, HtmlSink
from persian_ie.tables import COLUMNS


def test_field_names_map_a_corpus_line():
    line = {"id": "asriran_1", "title": "عنوان", "url": "https://example.org/1", "body": "متن خبر",
            "published_jalali": "1398-08-22", "published_gregorian": "2019-11-13"}
    fields = FieldNames(text="body", published="published_jalali", keep=parse_keep("url, title,,url"))
    assert fields.problem(line) is None
    assert fields.record(line) == {"id": "asriran_1", "text": "متن خبر", "published": "1398-08-22"}
    assert fields.meta(line) == {"url": "https://example.org/1", "title": "عنوان"}
    assert fields.unused_published(line) is None
    # the default names miss both the text and the date
    default = FieldNames()
    assert '"text"' in default.problem(line) and "--text-key" in default.problem(line)
    assert default.unused_published(line) == "published_jalali"
    assert default.record({"text": "x", "published": ""}, default_published="1404-08-19")["published"] == "1404-08-19"


@pytest.mark.parametrize("key, value, warned", [
    ("published_jalali", "1398-08-22", True), ("pub_date", "2019-11-13", True), ("date", "۱۳۹۸/۰۸/۲۲", True),
    ("datetime", "2019-11-13T10:30:00", True), ("publisher", "ایسنا", False), ("title", "1398-08-22", False),
    ("published_jalali", "", False), ("published_jalali", "نامعلوم", False)])
def test_published_like_keys(key, value, warned):
    assert (FieldNames().unused_published({"text": "x", key: value}) == key) is warned


def test_csv_sink_streams_rows_with_kept_columns():
    nlp = persian_ie.Pipeline()
    results = [nlp("زاکانی امروز با سفیر بلاروس دیدار کرد.", "1404-08-19", id="a"),
               nlp("قیمت طلا کاهش یافت.", "1404-08-19", id="b"),
               nlp("وزیر خارجه با همتای ترک خود تماس تلفنی گرفت.", "1404-08-19", id="c")]
    for r in results:
        r.meta["url"] = f"https://example.org/{r.id}"
    out = io.StringIO()
    sink = CsvSink(out, "participants", keep=["url", "text"], bom=True)
    for r in results:
        sink.write(r)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(table[0]) == ["doc", "id", "url"] + COLUMNS["participants"][2:]
    assert len(table) == sink.rows == sum(len(e.participants) for r in results for e in r.events)
    assert {row["doc"] for row in table} <= {"0", "2"} and all(row["url"].endswith(row["id"]) for row in table)
    with pytest.raises(ValueError, match="--table must be one of"):
        CsvSink(io.StringIO(), "people")
    html = HtmlSink()
    for r in results:
        html.write(r)
    assert html.page().count('class="pie"') == 3
