"""Property tests of the dates stage: on any mix of date-like fragments, digits of
three scripts, ZWNJ, Arabic letters and punctuation, the stage never fails, every
span slices the caller's text exactly, and every value is a real, self-consistent day,
month or year."""

from __future__ import annotations

import datetime as _dt
import re

import jdatetime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persian_ie import Pipeline
from persian_ie.calendar import WEEKDAYS_FA

FRAGMENTS = [
    "۱۹", "19", "١٩", "۳۰", "۳۱", "۱۴۰۴", "1404", "۲۰۲۵", "۹۸", "۰۸", "/", "-", ":", "،", "(", ")", "«", "»",
    "آبان", "ابان", "اسفند", "مهر", "دی", "بهمن", "تیر", "ماه", "آبان‌ماه", "نوامبر", "می", "ژوئن", "رمضان",
    "محرم", "ذی‌الحجه", "سال", "امسال", "پارسال", "گذشته", "آینده", "پیش", "بعد", "دیگر", "هفته", "روز",
    "امروز", "دیروز", "فردا", "پس‌فردا", "دوشنبه", "سه شنبه", "سه‌شنبه", "جمعه", "شب", "صبح", "عصر", "ساعت",
    "۱۰:۳۰", "نوزدهم", "بیست و دوم", "اول", "هجری شمسی", "میلادی", "ه.ق.", "نفر", "درصد", "هزار", "تومان",
    "ماده", "امام", "نماز", "وزیر", "گفت", "خواهد", "کرد", "است", "\u200c", "ي", "ك", "\n", "  ",
]

NLP = Pipeline(stages=["normalize", "segment", "dates"])
_ISO = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14),
       st.sampled_from([None, "1404-08-19", "1399-01-01", "2020-03-20"]),
       st.lists(st.sampled_from([" ", "", "\u200c"]), min_size=14, max_size=14))
def test_any_mix_gives_exact_spans_and_real_values(parts, published, joints):
    text = "".join(p + j for p, j in zip(parts, joints))
    doc = NLP(text, published=published).doc
    for e in doc.entities:
        assert text[e.start:e.end] == e.text and e.label in ("DATE", "TIME")
    for d in doc.dates:
        assert text[d.start:d.end] == d.text
        if d.jalali is None:
            assert d.gregorian is None
            continue
        assert d.granularity in _ISO
        assert re.match(_ISO[d.granularity], d.jalali) and re.match(_ISO[d.granularity], d.gregorian)
        if d.granularity == "day":
            day = jdatetime.date(*map(int, d.jalali.split("-")))  # a real Jalali day
            assert day.togregorian() == _dt.date.fromisoformat(d.gregorian)
            assert d.weekday == WEEKDAYS_FA[day.weekday()]
        if d.time is not None:
            hh, mm = map(int, d.time.split(":"))
            assert 0 <= hh <= 24 and 0 <= mm < 60


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1300, max_value=1450))
def test_explicit_jalali_days_resolve_exactly_or_not_at_all(day, month, year):
    from persian_ie.dates.lexicon import get_lexicon

    name = next(k for k, v in get_lexicon().month_by_name.items() if v == ("jalali", month))
    text = f"جلسه {day} {name} ماه {year} برگزار شد."
    (d,) = NLP(text).doc.dates
    try:
        want = jdatetime.date(year, month, day)
    except ValueError:
        assert d.jalali is None  # «۳۱ مهر», «۳۰ اسفند» of a common year: no value
    else:
        assert d.jalali == want.strftime("%Y-%m-%d")
