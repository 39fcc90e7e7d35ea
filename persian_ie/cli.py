"""The ``persian-ie`` command.

Examples::

    persian-ie extract article.txt --published 1404-08-19
    cat article.txt | persian-ie extract - --format json
    persian-ie extract news.jsonl -o records.jsonl              # .jsonl input is read line by line
    persian-ie extract news.jsonl -o records.jsonl --resume     # go on after an interruption
    persian-ie extract news.jsonl --published-key published_jalali --keep url,title -o records.jsonl
    persian-ie extract news.jsonl --format csv --table participants -o participants.csv

A corpus run never stops at one bad item: a line that is not JSON, a text that is
too long or a document that fails is reported at the end (exit status 1), and for
JSONL output the failed document's line carries an ``"error"`` key. Output written
with ``-o`` appears atomically: a temporary file beside the target is renamed over
it at the end, so an existing file is never truncated before a complete new one
exists; JSONL lines are written whole, as they come, so an interrupted run
(Ctrl-C, SIGTERM) leaves valid JSONL up to its last line, which ``--resume`` goes on
from.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
from collections import deque
from typing import Any, Deque, Dict, Iterator, List, Optional, Sequence, Set, TextIO, Tuple

from . import __version__
from .cli_fields import FieldNames, parse_keep
from .cli_tables import TABLE_FORMATS, CsvSink, HtmlSink
from .tables import KINDS

__all__ = ["main"]

#: file name endings read as JSONL when --input-format is not given
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
#: a plain-text input larger than this that looks like JSONL is refused (give --input-format)
LARGE_TEXT_BYTES = 1_000_000
#: failures listed one per line at the end of a run (the rest are counted)
MAX_LISTED_FAILURES = 20


class CLIError(Exception):
    """A user-facing error: printed as one line without a traceback, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``persian-ie: error: …``), exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _positive_or_all(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1 or -1, not {value!r}") from None
    if n < 1 and n != -1:
        raise argparse.ArgumentTypeError(f"must be >= 1, or -1 for one process per CPU, not {n}")
    return n


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {n}")
    return n


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="persian-ie",
        description="Extract events, participants, dates and entities from Persian news (offline).",
    )
    parser.add_argument("--version", action="version", version=f"persian-ie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ex = sub.add_parser("extract", help="extract records from text files, JSONL or standard input",
                        description="Extract records. Each plain-text FILE is one document; a FILE named "
                                    "*.jsonl is read as JSONL lines; '-' (or no FILE) reads standard input.")
    ex.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' for standard input)")
    ex.add_argument("--published", metavar="DATE",
                    help="publication date, Jalali or Gregorian YYYY-MM-DD (JSONL lines may carry their own)")
    ex.add_argument("--format", choices=("json", "jsonl") + TABLE_FORMATS, default=None,
                    help="output: one JSON document (a list when several inputs), one JSON object a line, "
                         "a CSV table (see --table) or one self-contained HTML page "
                         "(default: json for one text document, jsonl otherwise)")
    ex.add_argument("--table", choices=KINDS, default=None,
                    help="with --format csv: which table, one row per event (default), participant, "
                         "entity, date or topic")
    ex.add_argument("--input-format", choices=("text", "jsonl"), default=None,
                    help='input: plain text (a file is a document) or JSONL lines {"id","text","published"} '
                         f"(default: jsonl for files ending in {', '.join(JSONL_SUFFIXES)}, text otherwise)")
    ex.add_argument("--text-key", default="text", metavar="KEY", help="JSONL field holding the text (default: text)")
    ex.add_argument("--published-key", default="published", metavar="KEY",
                    help="JSONL field holding the publication date (default: published); e.g. published_jalali")
    ex.add_argument("--id-key", default="id", metavar="KEY", help="JSONL field holding the id (default: id)")
    ex.add_argument("--keep", default=None, metavar="KEYS",
                    help="comma-separated JSONL fields copied into each output record (url,title); "
                         "'text' keeps the article itself")
    ex.add_argument("--indent", type=int, default=None, help="indent JSON output by N spaces")
    ex.add_argument("-o", "--output", metavar="PATH",
                    help="write to PATH (atomically: a temporary file renamed at the end) instead of standard output")
    ex.add_argument("--resume", action="store_true",
                    help="with -o PATH (JSONL): keep PATH's records and skip the ids already in it")
    ex.add_argument("--n-process", type=_positive_or_all, default=1, metavar="N",
                    help="worker processes (default 1, -1 = one per CPU)")
    ex.add_argument("--batch-size", type=_positive, default=32, metavar="N",
                    help="documents per batch (default 32)")
    ex.add_argument("--max-length", type=_positive, default=None, metavar="N",
                    help="longest text accepted, in characters (default: the library's, 1,000,000)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    from .corpus.cli import add_parser as add_corpus_parser  # `persian-ie corpus …` lives in corpus/cli.py

    add_corpus_parser(sub)
    return parser


# -- input -------------------------------------------------------------------------------------


def _open(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise CLIError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CLIError(f"{path} is a directory, not a file") from None
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror}") from None


def _decode_error(path: str, exc: UnicodeDecodeError) -> CLIError:
    return CLIError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})")


def _input_format(path: str, given: Optional[str]) -> str:
    if given is not None:
        return given
    if path != "-" and path.lower().endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "text"


def _check_text_file(path: str) -> None:
    """Refuse a large plain-text input that is JSONL in disguise (it would be one huge document)."""
    if path == "-":
        return
    try:
        size = os.path.getsize(path)
    except OSError:
        return  # _open reports it
    if size <= LARGE_TEXT_BYTES:
        return
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            first = fh.readline(100_000).strip()
        obj = json.loads(first)
    except (OSError, ValueError):
        return
    if isinstance(obj, dict) and "text" in obj:
        raise CLIError(f"{path} ({size / 1e6:.1f} MB) looks like JSONL (its first line is a JSON object with "
                       f"\"text\"): pass --input-format jsonl to read one document a line, or --input-format "
                       f"text to read the whole file as one document")


class _Failure:
    """An input item that could not even be read (bad JSON, no text)."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message


def _items(files: Sequence[str], given_format: Optional[str], published: Optional[str],
           wheres: Deque[str], fields: Optional[FieldNames] = None,
           metas: Optional[Deque[Dict[str, Any]]] = None) -> Iterator[Any]:
    """Documents as mappings for ``Pipeline.pipe`` (lazily; ``wheres`` gets each one's
    location and ``metas`` its ``--keep`` fields, in step)."""
    fields = fields or FieldNames()
    metas = metas if metas is not None else deque()
    warned = False
    for path in files:
        fmt = _input_format(path, given_format)
        name = "<stdin>" if path == "-" else path
        if fmt == "text":
            _check_text_file(path)
            fh = _open(path)
            try:
                text = fh.read()
            except UnicodeDecodeError as exc:
                raise _decode_error(name, exc) from None
            finally:
                if fh is not sys.stdin:
                    fh.close()
            wheres.append(name)
            metas.append({})
            yield {"id": None if path == "-" else path, "text": text, "published": published}
            continue
        fh = _open(path)
        try:
            lineno = 0
            while True:
                try:
                    line = fh.readline()
                except UnicodeDecodeError as exc:
                    raise _decode_error(name, exc) from None
                if not line:
                    break
                lineno += 1
                if not line.strip():
                    continue
                where = f"{name}:{lineno}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield _Failure(where, f"not valid JSON ({exc.msg})")
                    continue
                problem = fields.problem(obj)
                if problem is not None:
                    yield _Failure(where, problem)
                    continue
                if not warned:
                    unused = fields.unused_published_keys(obj)
                    if unused:
                        warned = True
                        print(f"persian-ie: warning: {where}: the lines carry a date in "
                              f"{', '.join(map(repr, unused))} but no {fields.published!r}: relative dates "
                              f"(امروز، دیروز) stay unresolved; pass --published-key {unused[0]}", file=sys.stderr)
                wheres.append(where)
                metas.append(fields.meta(obj))
                yield fields.record(obj, published)
        finally:
            if fh is not sys.stdin:
                fh.close()


# -- output ------------------------------------------------------------------------------------


def _dumps(obj: Any, indent: Optional[int] = None) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from the input: escape it (still valid JSON)
        text = json.dumps(obj, ensure_ascii=True, indent=indent)
    return text


class _Output:
    """Where the records go: standard output, or PATH through a temporary file.

    JSONL lines are written whole and flushed one by one. On success the temporary
    file replaces PATH. On an interruption the lines written so far are kept: in PATH
    when it did not exist (or with ``--resume``, which appends to PATH directly), else
    in ``PATH.partial`` so that an existing complete file is not replaced.
    """

    def __init__(self, path: Optional[str], resume: bool = False):
        self.path = path
        self.resume = resume
        self.tmp: Optional[str] = None
        self.count = 0
        if path is None:
            self.fh: TextIO = sys.stdout
            return
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            raise CLIError(f"cannot write {path}: no such directory {directory}")
        try:
            if resume:
                self.fh = open(path, "a", encoding="utf-8")
            else:
                fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
                os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes it 0600: give it a plain open()'s mode
                self.fh = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"cannot write {path}: {exc.strerror}") from None

    def line(self, text: str) -> None:
        self.fh.write(text + "\n")
        self.fh.flush()
        self.count += 1

    def commit(self) -> None:
        """The run finished: put the output in place."""
        if self.path is None:
            self.fh.flush()
            return
        self.fh.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abort(self, keep_partial: bool) -> Optional[str]:
        """The run stopped early; returns where the partial output was kept (or None)."""
        if self.path is None:
            try:
                self.fh.flush()
            except (OSError, ValueError):
                pass
            return None
        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp is None:  # --resume: appended in place
            return self.path
        # The file, not self.count, says what was written: a signal can land between a line's
        # flush and the count's update, and a long line can reach the disk in pieces.
        if keep_partial and _cut_to_last_line(self.tmp):
            target = self.path if not os.path.exists(self.path) or os.path.getsize(self.path) == 0 \
                else self.path + ".partial"
            os.replace(self.tmp, target)
            self.tmp = None
            return target
        os.unlink(self.tmp)
        self.tmp = None
        return None


def _cut_to_last_line(path: str) -> int:
    """Cut PATH after its last line break (a line torn by an interruption goes); its new size."""
    try:
        size = os.path.getsize(path)
        with open(path, "r+b") as fh:
            end = size
            while end > 0:
                start = max(0, end - 65536)
                fh.seek(start)
                chunk = fh.read(end - start)
                newline = chunk.rfind(b"\n")
                if newline >= 0:
                    end = start + newline + 1
                    break
                end = start
            if end < size:
                fh.truncate(end)
        return end
    except OSError:
        return 0


def _done_ids(path: str) -> Set[Any]:
    """Ids of the complete records in an earlier output; an incomplete last line is cut off."""
    ids: Set[Any] = set()
    if not os.path.exists(path):
        return ids
    good_end = 0
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a line cut by an interruption
                try:
                    obj = json.loads(raw)
                except ValueError:
                    break
                if isinstance(obj, dict):
                    ids.add(_id_key(obj.get("id")))
                good_end += len(raw)
        if good_end < os.path.getsize(path):
            with open(path, "r+b") as fh:
                fh.truncate(good_end)
    except OSError as exc:
        raise CLIError(f"cannot read {path} for --resume: {exc.strerror}") from None
    return ids


def _id_key(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (dict, list)) else value


# -- the command -------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it back at once
    os.umask(mask)
    return mask


class _Terminated(BaseException):
    """SIGTERM during a run."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated()


def _extract(args: argparse.Namespace) -> int:
    from .calendar import parse_published
    from .pipeline import DEFAULT_MAX_LENGTH, Pipeline

    files = args.files or ["-"]
    if files.count("-") > 1:
        raise CLIError("standard input ('-') can be read only once")
    if args.published is not None:
        try:
            parse_published(args.published)
        except ValueError as exc:
            raise CLIError(str(exc)) from None
    for path in files:
        if path != "-" and not os.path.exists(path):
            raise CLIError(f"no such file: {path}")
    formats = {_input_format(p, args.input_format) for p in files}
    text_only = formats == {"text"}
    fmt = args.format or ("json" if text_only and len(files) == 1 else "jsonl")
    if args.resume and (args.output is None or fmt != "jsonl"):
        raise CLIError("--resume needs -o PATH and JSONL output (--format jsonl)")
    if args.indent is not None and fmt != "json":
        raise CLIError(f"--indent applies to --format json only (not {fmt})")
    if args.table is not None and fmt != "csv":
        raise CLIError("--table applies to --format csv")
    keep = parse_keep(args.keep)
    fields = FieldNames(text=args.text_key, published=args.published_key, id=args.id_key, keep=keep)
    done = _done_ids(args.output) if args.resume else set()

    wheres: Deque[str] = deque()
    metas: Deque[Dict[str, Any]] = deque()
    failures: List[Tuple[str, str]] = []
    skipped = 0

    def todo() -> Iterator[Any]:
        nonlocal skipped
        for item in _items(files, args.input_format, args.published, wheres, fields, metas):
            if isinstance(item, _Failure):
                failures.append((item.where, item.message))
                continue
            if done and _id_key(item.get("id")) in done:
                wheres.pop()
                metas.pop()
                skipped += 1
                continue
            yield item

    nlp = Pipeline(max_length=args.max_length or DEFAULT_MAX_LENGTH)
    results: Iterator = nlp.pipe(todo(), n_process=args.n_process, batch_size=args.batch_size, on_error="record")
    if not args.no_progress and not (text_only and len(files) == 1):
        from tqdm import tqdm

        results = tqdm(results, unit="doc", file=sys.stderr, desc="persian-ie")
    out = _Output(args.output, resume=args.resume)
    sink: Any = None
    if fmt == "csv":
        sink = CsvSink(out.fh, args.table or "events", keep=keep, bom=args.output is not None)
    elif fmt == "html":
        sink = HtmlSink()
    handle_term = _main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if handle_term else None
    try:
        collected: List[Dict[str, Any]] = []
        for result in results:
            where = wheres.popleft() if wheres else str(result.id)
            result.doc.meta.update(metas.popleft() if metas else {})
            record = result.to_dict(text=fields.keeps_text)
            if result.error is not None:
                failures.append((where if result.id is None else f"{where} (id {result.id})",
                                 f"{result.error['type']}: {result.error['message']}"))
            if fmt == "jsonl":
                out.line(_dumps(record))
            elif sink is not None:
                sink.write(result)
            else:
                collected.append(record)
        if fmt == "html":
            out.line(sink.page())
        if fmt == "json":
            payload: Any = collected[0] if len(collected) == 1 else collected
            out.line(_dumps(payload, indent=args.indent))
        out.commit()
    except (KeyboardInterrupt, _Terminated) as exc:
        kept = out.abort(keep_partial=fmt == "jsonl")
        message = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        if kept:
            message += f"; the complete records are in {kept}"
            if kept == args.output:
                message += " (run again with --resume to go on)"
        print(f"persian-ie: {message}", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130
    except BaseException:
        out.abort(keep_partial=False)
        raise
    finally:
        if handle_term:
            signal.signal(signal.SIGTERM, previous)
    if skipped:
        print(f"persian-ie: --resume: skipped {skipped} documents already in {args.output}", file=sys.stderr)
    if failures:
        total = out.count if fmt == "jsonl" else sink.count if sink is not None else len(collected)
        print(f"persian-ie: {len(failures)} input(s) failed ({total} records written; a failed document's record "
              f"carries an \"error\" key):", file=sys.stderr)
        for where, message in failures[:MAX_LISTED_FAILURES]:
            print(f"persian-ie: error: {where}: {message}", file=sys.stderr)
        if len(failures) > MAX_LISTED_FAILURES:
            print(f"persian-ie: … and {len(failures) - MAX_LISTED_FAILURES} more", file=sys.stderr)
        return 1
    return 0


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


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
        return _extract(args)
    except CLIError as exc:
        print(f"persian-ie: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("persian-ie: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # no second error when Python flushes stdout at exit
        except OSError:
            pass
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
