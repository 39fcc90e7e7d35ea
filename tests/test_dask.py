"""persian_ie.dask on a real dask.distributed LocalCluster with two worker processes."""

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import persian_ie  # noqa: E402
import persian_ie.dask  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [(ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")] + \
    [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt"))]
PUBLISHED = ["1404-08-19", None, "1399-05-01", "1403-01-15", "1402-12-29"] * 2
ARTICLES = pd.DataFrame({
    "id": [f"n{i}" for i in range(2 * len(TEXTS))],
    "text": TEXTS * 2,
    "published_jalali": PUBLISHED,
    "url": [f"https://example.org/{i}" for i in range(2 * len(TEXTS))],
})


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def local_results():
    nlp = persian_ie.Pipeline()
    return [nlp(t, p, id=i) for i, t, p in zip(ARTICLES["id"], ARTICLES["text"], PUBLISHED)]


def test_extract_dataframe_on_two_workers(client, local_results):
    ddf = dd.from_pandas(ARTICLES, npartitions=5)
    lazy = persian_ie.dask.extract_dataframe(ddf, text="text", published="published_jalali", id="id", keep=["url"])
    assert list(lazy.columns) == ["doc", "id", "url"] + persian_ie.tables.COLUMNS["events"][2:]
    events = lazy.compute().reset_index(drop=True)
    local = persian_ie.to_dataframe([dict(r.to_dict(), url=u) for r, u in zip(local_results, ARTICLES["url"])])
    assert len(events) == len(local) > 0
    cols = ["id", "url", "event_id", "type", "status", "trigger_start", "date_jalali", "participants"]
    assert events[cols].astype(str).values.tolist() == local[cols].astype(str).values.tolist()
    assert str(events["date"].dtype).startswith("datetime64")
    # the workers each built their pipeline once, for five partitions
    builds = client.run(persian_ie.dask.pipeline_builds)
    assert len(builds) == 2 and all(b["builds"] <= 1 for b in builds.values())
    assert sum(b["builds"] for b in builds.values()) >= 1
    # a second table reuses the same pipelines
    parts = persian_ie.dask.extract_dataframe(ddf, published="published_jalali", id="id",
                                              kind="participants").compute()
    assert len(parts) == sum(len(e.participants) for r in local_results for e in r.events)
    assert all(b["builds"] <= 1 for b in client.run(persian_ie.dask.pipeline_builds).values())


def test_extract_bag_of_records_and_texts(client, local_results):
    records = [dict(r, published=p) for r, p in zip(ARTICLES.drop(columns="published_jalali").to_dict("records"),
                                                    PUBLISHED)]
    out = persian_ie.dask.extract_bag(db.from_sequence(records, npartitions=3), keep=["url"]).compute()
    assert [r["id"] for r in out] == list(ARTICLES["id"])
    assert [r["events"] for r in out] == [r.to_dict()["events"] for r in local_results]
    assert out[0]["url"] == "https://example.org/0"
    assert persian_ie.Result.from_dict(json.loads(json.dumps(out[0])), text=TEXTS[0]).text == TEXTS[0]
    plain = persian_ie.dask.extract_bag(db.from_sequence(TEXTS[:2], npartitions=2),
                                        default_published="1404-08-19").compute()
    assert [r["published"]["jalali"] for r in plain] == ["1404-08-19"] * 2


def test_bad_arguments_fail_early():
    ddf = dd.from_pandas(ARTICLES, npartitions=1)
    with pytest.raises(ValueError, match="no column 'body'"):
        persian_ie.dask.extract_dataframe(ddf, text="body")
    with pytest.raises(ValueError, match="kind must be one of"):
        persian_ie.dask.extract_dataframe(ddf, kind="people")
