"""Typed records: date objects and ranges, normalized forms, and reading saved JSON back."""

import datetime as dt
import json
from pathlib import Path

import jdatetime
import pytest

import persian_ie
from persian_ie import DateValue, Result, Span

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")


def _value(jalali, gregorian, granularity, **attrs):
    value = DateValue(Span("x", 0, 1), jalali, gregorian, granularity)
    value.attrs.update(attrs)
    return value


def test_day_values_are_date_objects():
    day = _value("1404-08-19", "2025-11-10", "day")
    assert day.gregorian_date == dt.date(2025, 11, 10)
    assert day.jalali_date == jdatetime.date(1404, 8, 19)
    assert day.range == (dt.date(2025, 11, 10),) * 2
    assert _value("1404-08", "2025-10", "month").gregorian_date is None
    assert _value(None, None, None).range is None


@pytest.mark.parametrize("jalali, gregorian, granularity, calendar, first, last", [
    ("1404-08", "2025-10", "month", "jalali", dt.date(2025, 10, 23), dt.date(2025, 11, 21)),   # آبان ۱۴۰۴
    ("1403-12", "2025-02", "month", "jalali", dt.date(2025, 2, 19), dt.date(2025, 3, 20)),     # اسفند ۱۴۰۳ (leap)
    ("1403-08", "2024-11", "month", "gregorian", dt.date(2024, 11, 1), dt.date(2024, 11, 30)),  # نوامبر ۲۰۲۴
    ("1403", "2024", "year", "jalali", dt.date(2024, 3, 20), dt.date(2025, 3, 20)),            # سال ۱۴۰۳
    ("1402", "2024", "year", "gregorian", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),         # سال ۲۰۲۴
])
def test_month_and_year_ranges_follow_the_written_calendar(jalali, gregorian, granularity, calendar, first, last):
    value = _value(jalali, gregorian, granularity)
    assert value.calendar == calendar
    assert value.range == (first, last)
    jfirst, jlast = value.jalali_range
    assert jfirst.togregorian() == first and jlast.togregorian() == last


def test_hijri_month_range():
    value = _value("1403-12", "2025-03", "month", hijri="1446-09")  # رمضان ۱۴۴۶
    assert value.calendar == "hijri"
    assert value.range == (dt.date(2025, 3, 1), dt.date(2025, 3, 29))


def test_every_span_has_a_normalized_form():
    data = persian_ie.extract(SEED, published="1404-08-19").to_dict()
    spans = [e for e in data["entities"]] + [d for d in data["dates"]]
    for event in data["events"]:
        spans += [s for s in (event["trigger"], event["location"], event["date"]) if s]
        spans += [s for p in event["participants"] for s in (p["name"], p["role"], p["organization"]) if s]
        spans += event["topics"]
    assert spans and all(isinstance(s["normalized"], str) and s["normalized"] for s in spans)
    # ZWNJ repaired in the normalized form, original kept in text
    topics = [t for e in data["events"] for t in e["topics"] if "\u200c" in t["normalized"]]
    assert any("\u200c" not in t["text"] for t in topics)


def test_saved_json_reads_back():
    result = persian_ie.extract(SEED, published="1404-08-19", id="seed")
    result.meta.update(url="https://example.org/seed", title="عنوان")
    line = result.to_json()
    assert "text" not in json.loads(line) and json.loads(line)["url"] == "https://example.org/seed"
    back = Result.from_json(line, text=SEED)
    assert back.to_json() == line and back.text == SEED and back.meta["title"] == "عنوان"
    assert back.events[0].sentence.text == SEED[back.events[0].sentence.start:back.events[0].sentence.end]
    # self-contained record: text inside
    full = Result.from_dict(json.loads(result.to_json(text=True)))
    assert full.text == SEED and full.to_dict() == result.to_dict()
    # without the text: records and tables still work, text is None
    bare = Result.from_json(line)
    assert bare.text is None and bare.to_dict() == result.to_dict()
    assert bare.events[0].date.gregorian_date == result.events[0].date.gregorian_date


def test_from_dict_errors():
    result = persian_ie.extract(SEED, published="1404-08-19")
    with pytest.raises(ValueError, match="does not match the text"):
        Result.from_dict(result.to_dict(), text="متن دیگری " + SEED)
    with pytest.raises(ValueError, match="not a span"):
        Result.from_dict({"entities": [{"text": "x"}]})
    with pytest.raises(TypeError):
        Result.from_dict("not a dict")
