"""The expression tables (tests/data/date_expressions.tsv and date_expressions_hard.tsv) as tests.

Each row is a phrase from real Persian news with the value a careful reader gives
it. Expected Gregorian values and weekdays not written in the table are derived
from the expected Jalali value with jdatetime (never from the extractor).
``scripts/eval_dates.py`` reports the share of rows right; this test requires at
least 95% of them. The second table holds harder phrases written for issue 10
(yearless dates and tense, glued digits, two-digit years, named lunar days, «میلادی»,
names made of a date, Dushanbe, ranges) and is held to the same bar.
"""

from __future__ import annotations

import datetime as _dt
import os
from functools import lru_cache
from typing import Dict, List, Optional

import jdatetime
import pytest

from persian_ie.calendar import WEEKDAYS_FA

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "date_expressions.tsv")
HARD_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "date_expressions_hard.tsv")


def load_table(path: str = TABLE) -> List[Dict[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [(i, line) for i, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    header = lines[0][1].rstrip("\n").split("\t")
    for lineno, line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        row["line"] = str(lineno)
        rows.append(row)
    return rows


@lru_cache(maxsize=1)
def _pipeline():
    from persian_ie import Pipeline

    return Pipeline(stages=["normalize", "segment", "dates"])


def _derived_gregorian(jalali: str, granularity: str) -> Optional[str]:
    parts = [int(p) for p in jalali.split("-")]
    if granularity == "day":
        return jdatetime.date(*parts).togregorian().isoformat()
    if granularity == "month":
        g = jdatetime.date(parts[0], parts[1], 1).togregorian()
        return f"{g.year:04d}-{g.month:02d}"
    return None


def check_row(row: Dict[str, str]) -> Optional[str]:
    """None when the extractor gets the row right, else a description of the problem."""
    context, expr = row["context"], row["expression"]
    doc = _pipeline()(context, published=row["published"]).doc
    start = context.index(expr)
    end = start + len(expr)
    hits = [d for d in doc.dates if d.start < end and start < d.end]
    ents = [e for e in doc.entities if e.label in ("DATE", "TIME") and e.start < end and start < e.end]
    got = [(d.text, d.jalali, d.granularity, d.time) for d in hits]
    want = row["jalali"]
    if want == "-":
        return None if not hits and not ents else f"{expr!r} should not be a date, got {got or [e.text for e in ents]}"
    if want == "null":
        valued = [d for d in hits if d.jalali is not None]
        return None if not valued else f"{expr!r} should have no value, got {got}"
    for d in hits:
        if d.jalali != want or d.granularity != row["granularity"]:
            continue
        gregorian = row.get("gregorian") or _derived_gregorian(want, row["granularity"])
        if gregorian and d.gregorian != gregorian:
            return f"{expr!r}: gregorian {d.gregorian} != {gregorian}"
        if row["granularity"] == "day":
            weekday = WEEKDAYS_FA[jdatetime.date(*map(int, want.split("-"))).weekday()]
            if d.weekday != weekday:
                return f"{expr!r}: weekday {d.weekday} != {weekday}"
        if row.get("time") and d.time != row["time"]:
            return f"{expr!r}: time {d.time} != {row['time']}"
        return None
    if want != "null" and row.get("time") and not row["jalali"]:
        return None
    return f"{expr!r} ({row['published']}): want {want} {row['granularity']}, got {got}"


ROWS = load_table()
HARD_ROWS = load_table(HARD_TABLE)


def test_table_is_large_and_well_formed():
    assert len(ROWS) >= 120
    for row in ROWS:
        assert row["expression"] in row["context"], row["line"]
        assert row["jalali"] in ("-", "null") or row["granularity"] in ("day", "month", "year"), row["line"]
        if row["granularity"] == "day":
            y, m, d = map(int, row["jalali"].split("-"))
            jdatetime.date(y, m, d)  # the expected day itself exists
        if row["time"]:
            _dt.time.fromisoformat(row["time"])


def test_table_accuracy_at_least_95_percent():
    failures = [(row["line"], problem) for row in ROWS if (problem := check_row(row)) is not None]
    accuracy = 1 - len(failures) / len(ROWS)
    assert accuracy >= 0.95, f"{accuracy:.1%} right; failures:\n" + "\n".join(f"line {ln}: {p}" for ln, p in failures)


def test_hard_table_is_well_formed_and_at_least_95_percent_right():
    assert len(HARD_ROWS) >= 40
    for row in HARD_ROWS:
        assert row["expression"] in row["context"], row["line"]
        if row["granularity"] == "day":
            jdatetime.date(*map(int, row["jalali"].split("-")))
    failures = [(row["line"], problem) for row in HARD_ROWS if (problem := check_row(row)) is not None]
    accuracy = 1 - len(failures) / len(HARD_ROWS)
    assert accuracy >= 0.95, f"{accuracy:.1%} right; failures:\n" + "\n".join(f"line {ln}: {p}" for ln, p in failures)


@pytest.mark.parametrize("row", [r for r in ROWS + HARD_ROWS if r["jalali"] == "-"], ids=lambda r: f"line{r['line']}")
def test_precision_rows(row):
    """Every negative row holds on its own: names, laws, amounts, phone numbers are never dates."""
    assert check_row(row) is None
