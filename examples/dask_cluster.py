"""Extract events from a JSONL news corpus on a Dask cluster.

    # on a real cluster (the scheduler's address is yours; workers need persian-ie installed)
    python examples/dask_cluster.py ../shared/data/news_corpus/ir_news_sample.jsonl \
        --scheduler tcp://10.0.0.5:8786 --out events.parquet

    # on this machine: a LocalCluster with two worker processes
    python examples/dask_cluster.py ../shared/data/news_corpus/ir_news_sample.jsonl --limit 200 --out events.csv

Each worker builds its persian_ie Pipeline once and keeps it for all its partitions.
Needs ``pip install persian-ie[dask]`` (and pyarrow for Parquet output, which dask[dataframe] brings).
"""

from __future__ import annotations

import argparse
import time

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

import persian_ie.dask


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="JSONL with id, text and a publication date field")
    ap.add_argument("--scheduler", help="address of a running scheduler (tcp://host:8786); "
                                        "without it a two-worker LocalCluster is started")
    ap.add_argument("--text-key", default="text")
    ap.add_argument("--published-key", default="published_jalali")
    ap.add_argument("--id-key", default="id")
    ap.add_argument("--keep", default="url,title", help="comma-separated fields copied to the table")
    ap.add_argument("--kind", default="events", choices=persian_ie.tables.KINDS)
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--out", default="events.parquet", help=".parquet (a folder) or .csv")
    args = ap.parse_args()

    frame = pd.read_json(args.corpus, lines=True, nrows=args.limit, dtype=False)
    keep = [k for k in args.keep.split(",") if k and k in frame.columns]
    articles = dd.from_pandas(frame[[c for c in {args.id_key, args.text_key, args.published_key, *keep}
                                     if c in frame.columns]], npartitions=args.partitions)
    # with a corpus too large for one machine's memory, read it lazily instead:
    #     articles = dd.read_json("/data/news/*.jsonl", lines=True, blocksize="64MB")

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        print("workers:", len(client.scheduler_info()["workers"]))
        start = time.perf_counter()
        table = persian_ie.dask.extract_dataframe(articles, text=args.text_key, published=args.published_key,
                                                  id=args.id_key, kind=args.kind, keep=keep)
        if args.out.endswith(".csv"):
            result = table.compute()
            result.to_csv(args.out, index=False, encoding="utf-8-sig")
            rows = len(result)
        else:
            table.to_parquet(args.out, write_index=False)
            rows = len(dd.read_parquet(args.out))
        elapsed = time.perf_counter() - start
        print(f"{len(frame)} articles -> {rows} {args.kind} rows in {elapsed:.1f} s -> {args.out}")
        print("pipelines built per worker:", {w: b["builds"] for w, b in
                                             client.run(persian_ie.dask.pipeline_builds).items()})
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
