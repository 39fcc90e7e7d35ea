"""The ``persian-ie`` command.

Examples::

    persian-ie extract article.txt --published 1404-08-19
    cat article.txt | persian-ie extract - --format json
    persian-ie extract news.jsonl --input-format jsonl --format jsonl > records.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence, TextIO

from . import __version__

__all__ = ["main"]


class CLIError(Exception):
    """A user-facing error: printed without a traceback, exit status 2."""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="persian-ie",
        description="Extract events, participants, dates and entities from Persian news (offline).",
    )
    parser.add_argument("--version", action="version", version=f"persian-ie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser("extract", help="extract records from text files, JSONL or standard input",
                        description="Extract records. Each plain-text FILE is one document; '-' (or no "
                                    "FILE) reads standard input.")
    ex.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' for standard input)")
    ex.add_argument("--published", metavar="DATE",
                    help="publication date, Jalali or Gregorian YYYY-MM-DD (JSONL lines may carry their own)")
    ex.add_argument("--format", choices=("json", "jsonl"), default=None,
                    help="output: one JSON document (a list when several inputs) or one JSON object a line "
                         "(default: json for one document, jsonl for several)")
    ex.add_argument("--input-format", choices=("text", "jsonl"), default="text",
                    help='input: plain text (a file is a document) or JSONL lines {"id","text","published"}')
    ex.add_argument("--indent", type=int, default=None, help="indent JSON output by N spaces")
    ex.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
    ex.add_argument("--n-process", type=int, default=1, help="worker processes (default 1, -1 = all CPUs)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    from .corpus.cli import add_parser as add_corpus_parser  # `persian-ie corpus …` lives in corpus/cli.py

    add_corpus_parser(sub)
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise CLIError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CLIError(f"{path} is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror}") from None


def _documents(files: Sequence[str], input_format: str, published: Optional[str]) -> List[Dict[str, Any]]:
    docs: List[Dict[str, Any]] = []
    for path in files:
        content = _read(path)
        if input_format == "text":
            docs.append({"id": None if path == "-" else path, "text": content, "published": published})
            continue
        for lineno, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{'<stdin>' if path == '-' else path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CLIError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise CLIError(f'{where}: each JSONL line must be an object with a "text" string')
            docs.append({"id": obj.get("id"), "text": obj["text"],
                         "published": obj.get("published", published), "_where": where})
    return docs


def _extract(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import parse_published
    from .pipeline import Pipeline

    files = args.files or ["-"]
    if files.count("-") > 1:
        raise CLIError("standard input ('-') can be read only once")
    if args.published is not None:
        try:
            parse_published(args.published)
        except ValueError as exc:
            raise CLIError(str(exc)) from None
    docs = _documents(files, args.input_format, args.published)
    for doc in docs:
        try:
            parse_published(doc["published"])
        except (ValueError, TypeError) as exc:
            raise CLIError(f"{doc.get('_where', doc['id'])}: {exc}") from None
    fmt = args.format or ("json" if len(docs) == 1 and args.input_format == "text" else "jsonl")
    nlp = Pipeline()
    results: Iterator = nlp.pipe(({k: v for k, v in d.items() if k != "_where"} for d in docs),
                                 n_process=args.n_process)
    show_progress = not args.no_progress and len(docs) > 1
    if show_progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(docs), unit="doc", file=sys.stderr, desc="persian-ie")
    if fmt == "jsonl":
        for result in results:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    else:
        dicts = [r.to_dict() for r in results]
        payload: Any = dicts[0] if len(dicts) == 1 else dicts
        out.write(json.dumps(payload, ensure_ascii=False, indent=args.indent) + "\n")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of ``persian-ie``; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if args.command == "corpus":
        from .corpus.cli import run as run_corpus

        return run_corpus(args)
    try:
        if args.output:
            try:
                out = open(args.output, "w", encoding="utf-8")
            except OSError as exc:
                raise CLIError(f"cannot write {args.output}: {exc.strerror}") from None
            with out:
                return _extract(args, out)
        return _extract(args, sys.stdout)
    except CLIError as exc:
        print(f"persian-ie: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("persian-ie: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
