import datetime

import jdatetime
import pytest

from persian_ie.calendar import jalali_dict, parse_published


@pytest.mark.parametrize("value,expected", [
    ("1404-08-19", "1404-08-19"),
    ("2025-11-10", "1404-08-19"),
    ("۱۴۰۴/۰۸/۱۹", "1404-08-19"),
    ("2025-11-10T08:30:00", "1404-08-19"),
    (datetime.date(2025, 11, 10), "1404-08-19"),
    (datetime.datetime(2025, 11, 10, 23, 59), "1404-08-19"),
    (jdatetime.date(1404, 8, 19), "1404-08-19"),
    ("1403-12-30", "1403-12-30"),  # 1403 is a Jalali leap year
])
def test_parse_published_accepts(value, expected):
    assert parse_published(value).strftime("%Y-%m-%d") == expected


@pytest.mark.parametrize("value", ["1404-13-40", "not a date", "1404-12-30", "2025-02-29", "", "1404-08"])
def test_parse_published_rejects_with_the_value_named(value):
    with pytest.raises(ValueError) as info:
        parse_published(value)
    assert repr(value) in str(info.value)


def test_parse_published_type_error():
    with pytest.raises(TypeError, match="int"):
        parse_published(14040819)


def test_none_is_none():
    assert parse_published(None) is None
    assert jalali_dict(None) is None


def test_jalali_dict():
    assert jalali_dict(jdatetime.date(1404, 8, 19)) == {"jalali": "1404-08-19", "gregorian": "2025-11-10"}
