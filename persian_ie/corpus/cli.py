"""``persian-ie corpus …``: build a corpus store and read its views from the command line.

Examples::

    persian-ie extract news.jsonl --input-format jsonl -o results.jsonl
    persian-ie corpus build results.jsonl --out corpus.db          # results (the JSON contract)
    persian-ie corpus build news.jsonl --out corpus.db             # raw news: extracts new ids only
    persian-ie corpus info corpus.db
    persian-ie corpus events corpus.db --format csv -o events.csv
    persian-ie corpus graph corpus.db --format graphml -o graph.graphml
    persian-ie corpus timeline corpus.db "ظریف" --plot zarif.png
    persian-ie corpus topics corpus.db --period season
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Iterator, List, Optional

__all__ = ["add_parser", "run"]

_PUBLISHED_KEYS = ("published", "published_jalali", "published_gregorian", "date")


class CorpusCLIError(Exception):
    """A user-facing error (printed without a traceback, exit status 2)."""


def add_parser(sub: "argparse._SubParsersAction") -> argparse.ArgumentParser:
    """Add the ``corpus`` command (and its own subcommands) to the main parser."""
    p = sub.add_parser("corpus", help="build a corpus store (identities, merged events) and read its views",
                       description="Cross-article view: entity identities, one event from many reports, "
                                   "who-met-whom graph, timelines and topics.")
    csub = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    b = csub.add_parser("build", help="add JSONL files to a corpus store (only new article ids are processed)")
    b.add_argument("files", nargs="+", metavar="JSONL",
                   help="result JSONL (one Result.to_dict() a line) or raw news JSONL ({id, text, published})")
    b.add_argument("--out", required=True, metavar="DB", help="SQLite store to create or extend")
    b.add_argument("--id-key", default="id", help="raw news: the id field (default: id)")
    b.add_argument("--text-key", default="text", help="raw news: the text field (default: text)")
    b.add_argument("--published-key", default=None,
                   help="raw news: the publication date field (default: the first of "
                        + ", ".join(_PUBLISHED_KEYS) + ")")
    b.add_argument("--n-process", type=int, default=1, help="raw news: extraction processes")
    b.add_argument("--window", type=int, default=None, help="days two reported event dates may differ (default 1)")
    for name, helptext in (("info", "counts of articles, reports, merged events and identities"),
                           ("events", "the merged events table"),
                           ("sources", "one row per report, with its merged event"),
                           ("entities", "the identities table (forms and roles held)"),
                           ("links", "why each written form belongs to its identity"),
                           ("roles", "who held which role when"),
                           ("topics", "merged events per topic category and Jalali period"),
                           ("pairs", "who met whom most often")):
        c = csub.add_parser(name, help=helptext)
        c.add_argument("db", metavar="DB")
        if name != "info":
            c.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")
            c.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
        if name == "topics":
            c.add_argument("--period", choices=("month", "season", "year"), default="month")
        if name == "pairs":
            c.add_argument("--kind", choices=("PER", "ORG", "ROLE", "country"), default="PER")
            c.add_argument("--type", default=None, help="only events of this type (meeting, phone_call, …)")
    g = csub.add_parser("graph", help="export the who-met-whom graph (GraphML, GEXF for Gephi, or CSV)")
    g.add_argument("db", metavar="DB")
    g.add_argument("--format", choices=("graphml", "gexf", "csv"), default="graphml")
    g.add_argument("-o", "--output", metavar="PATH", help="file to write (default: DB name with the format suffix)")
    g.add_argument("--type", action="append", default=None, help="only events of this type (repeatable)")
    t = csub.add_parser("timeline", help="the dated events of one entity (and a plot by Jalali month)")
    t.add_argument("db", metavar="DB")
    t.add_argument("entity", help="an identity id, a name or any written form (e.g. «ظریف»)")
    t.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    t.add_argument("-o", "--output", metavar="PATH")
    t.add_argument("--plot", metavar="PNG", help="also draw the timeline to this image file")
    return p


def _lines(path: str) -> Iterator[Dict[str, Any]]:
    try:
        fh = open(path, encoding="utf-8")
    except FileNotFoundError:
        raise CorpusCLIError(f"no such file: {path}") from None
    except OSError as exc:
        raise CorpusCLIError(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusCLIError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise CorpusCLIError(f"{path}:{lineno}: each line must be a JSON object")
            obj["_where"] = f"{path}:{lineno}"
            yield obj


def _is_result(obj: Dict[str, Any]) -> bool:
    return "events" in obj or "entities" in obj


def _news_item(obj: Dict[str, Any], args: argparse.Namespace) -> Dict[str, Any]:
    if not isinstance(obj.get(args.text_key), str):
        raise CorpusCLIError(f'{obj["_where"]}: no "{args.text_key}" string (use --text-key)')
    if obj.get(args.id_key) is None:
        raise CorpusCLIError(f'{obj["_where"]}: no "{args.id_key}" (a corpus needs article ids; use --id-key)')
    keys = [args.published_key] if args.published_key else list(_PUBLISHED_KEYS)
    published = next((obj[k] for k in keys if obj.get(k)), None)
    return {"id": str(obj[args.id_key]), "text": obj[args.text_key], "published": published}


def _build(args: argparse.Namespace) -> int:
    from .corpus import Corpus
    from .merge import MergeConfig

    config = MergeConfig() if args.window is None else MergeConfig(exact_window=args.window)
    with Corpus(args.out, merge=config) as corpus:
        before = len(corpus)
        known = corpus.store.article_ids()
        added = 0
        for path in args.files:
            results: List[Dict[str, Any]] = []
            news: List[Dict[str, Any]] = []
            for obj in _lines(path):
                rid = obj.get("id") if _is_result(obj) else obj.get(args.id_key)
                if rid is not None and str(rid) in known:
                    continue
                if _is_result(obj):
                    obj.pop("_where")
                    results.append(obj)
                else:
                    news.append(_news_item(obj, args))
            try:
                added += corpus.add(results, refresh=False)
                if news:
                    print(f"persian-ie corpus: extracting {len(news)} new articles of {path}", file=sys.stderr)
                    added += corpus.extract(news, n_process=args.n_process, refresh=False)
            except ValueError as exc:
                raise CorpusCLIError(f"{path}: {exc}") from None
            known = corpus.store.article_ids()
        corpus.refresh()
        stats = corpus.stats()
        stats.update({"added": added, "already_there": before})
        print(json.dumps(stats, ensure_ascii=False))
    return 0


def _open(db: str):
    from .corpus import Corpus

    if not os.path.exists(db):
        raise CorpusCLIError(f"no corpus store at {db} (make one with: persian-ie corpus build FILE --out {db})")
    return Corpus(db)


def _write_frame(df, fmt: str, output: Optional[str]) -> None:
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "csv":
            df = df.copy()
            for col in df.columns:   # lists and dicts as JSON, not Python reprs
                if df[col].map(lambda v: isinstance(v, (list, dict))).any():
                    df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False)
                                          if isinstance(v, (list, dict)) else v)
            df.to_csv(out, index=False)
        else:
            for rec in df.to_dict(orient="records"):
                out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    finally:
        if output:
            out.close()


def run(args: argparse.Namespace) -> int:
    """Run a ``corpus`` action; returns the exit status."""
    try:
        return _run(args)
    except CorpusCLIError as exc:
        print(f"persian-ie: error: {exc}", file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"persian-ie: error: {exc.args[0]}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except ImportError as exc:
        print(f"persian-ie: error: {exc.name or exc} is needed for corpus views: "
              f"pip install 'persian-ie[corpus]'", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    action = getattr(args, "corpus_command", None)
    if action is None:
        raise CorpusCLIError("give an action: build, info, events, sources, entities, links, roles, graph, "
                             "timeline, topics or pairs (persian-ie corpus --help)")
    if action == "build":
        return _build(args)
    with _open(args.db) as corpus:
        if action == "info":
            print(json.dumps(corpus.stats(), ensure_ascii=False))
            return 0
        if action == "graph":
            out = args.output or os.path.splitext(args.db)[0] + "." + args.format
            paths = corpus.export_graph(out, args.format, types=args.type)
            print("\n".join(paths))
            return 0
        if action == "timeline":
            df = corpus.timeline(args.entity)
            if args.plot:
                import matplotlib

                matplotlib.use("Agg")
                ax = corpus.plot_timeline(args.entity)
                ax.figure.savefig(args.plot, dpi=120)
            _write_frame(df, args.format, args.output)
            return 0
        frames = {
            "events": lambda: corpus.events(),
            "sources": lambda: corpus.sources(),
            "entities": lambda: corpus.entities(),
            "links": lambda: corpus.links(),
            "roles": lambda: corpus.roles(),
            "topics": lambda: corpus.topics(args.period),
            "pairs": lambda: corpus.pairs(args.kind, args.type),
        }
        _write_frame(frames[action](), args.format, args.output)
    return 0
