"""Tidy tables (persian_ie.tables, persian_ie.to_dataframe) on the repository's own texts."""

import datetime as dt
from pathlib import Path

import pytest

import persian_ie
from persian_ie.tables import COLUMNS, KINDS, rows

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
CITY = (ROOT / "tests" / "fixtures" / "events" / "city_meeting.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results():
    nlp = persian_ie.Pipeline()
    return [nlp(SEED, "1404-08-19", id="seed"), nlp(CITY, "1399-05-01"), nlp("")]


def test_rows_match_records(results):
    seed = results[0]
    events = rows(results, "events")
    assert len(events) == sum(len(r.events) for r in results) > 0
    assert [e["event_id"] for e in events[:2]] == ["seed/0", "seed/1"]
    # a result without an id is keyed by its position in the input
    assert all(e["event_id"].startswith("1/") for e in events if e["doc"] == 1)
    for row, event in zip(events, seed.events):
        assert SEED[row["trigger_start"]:row["trigger_end"]] == row["trigger"] == event.trigger.text
        assert row["type"] == event.type and row["status"] == event.status
        assert row["n_participants"] == len(event.participants)
    parts = rows(results, "participants")
    assert len(parts) == sum(len(e.participants) for r in results for e in r.events)
    ids = {e["event_id"] for e in events}
    assert all(p["event_id"] in ids for p in parts)
    for p in parts:
        text = SEED if p["doc"] == 0 else CITY
        for field in ("name", "role", "organization"):
            if p[field] is not None:
                assert text[p[f"{field}_start"]:p[f"{field}_end"]] == p[field]
    ents = rows(results, "entities")
    assert len(ents) == sum(len(r.entities) for r in results)
    assert set(rows(results, "topics")[0]) == set(COLUMNS["topics"])


def test_normalized_columns_group_spelling_variants(results):
    # the fixture writes «رئيس شوراي شهر» with Arabic ي; the normalized column has Persian ی
    roles = [p for p in rows(results[1], "participants") if p["role"] and "ي" in p["role"]]
    assert roles and all("ي" not in p["role_normalized"] and "ی" in p["role_normalized"] for p in roles)


def test_unknown_kind_and_bad_input():
    with pytest.raises(ValueError, match="kind must be one of"):
        rows([], "people")
    with pytest.raises(TypeError, match="Result objects or result dicts"):
        rows(["just a string"])


def test_dataframe_types_and_empty_tables(results):
    pd = pytest.importorskip("pandas")
    events = persian_ie.to_dataframe(results, "events")
    assert list(events.columns) == COLUMNS["events"]
    assert str(events["date"].dtype) == "datetime64[ns]" and str(events["published"].dtype) == "datetime64[ns]"
    dated = events.dropna(subset=["date"])
    assert len(dated) and all(d.date() == dt.date.fromisoformat(g) for d, g in zip(dated["date"], dated["date_gregorian"]))
    assert str(events["location_start"].dtype) == "Int64"
    # meetings by month: the datetime column groups without conversion
    assert events.set_index("date")["type"].resample("MS").count().sum() == len(dated)
    parts = persian_ie.to_dataframe(results, "participants")
    merged = parts.merge(events[["event_id", "trigger"]], on="event_id", how="left")
    assert merged["trigger"].notna().all()
    for kind in KINDS:
        empty = persian_ie.to_dataframe([], kind)
        assert list(empty.columns) == COLUMNS[kind] and len(empty) == 0
    assert isinstance(results[0].to_dataframe("entities"), pd.DataFrame)


def test_saved_dicts_give_the_same_tables(results):
    pytest.importorskip("pandas")
    saved = [dict(r.to_dict(), url=f"https://example.org/{i}") for i, r in enumerate(results)]
    from_objects = persian_ie.to_dataframe(results, "participants")
    from_json = persian_ie.to_dataframe(saved, "participants")
    assert list(from_json.columns) == ["doc", "id", "url"] + COLUMNS["participants"][2:]
    assert from_json.drop(columns="url").equals(from_objects)
