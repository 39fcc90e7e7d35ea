"""The CLI's table and page outputs: ``--format csv`` (``--table events|participants|…``)
and ``--format html``.

CSV rows are written as results arrive (one table, the columns of
:data:`persian_ie.tables.COLUMNS` with the ``--keep`` fields after ``id``), so a corpus
of any size streams through; a file gets a UTF-8 byte-order mark so that spreadsheet
programs read the Persian right. HTML collects the results and writes one
self-contained page (:func:`persian_ie.render`) at the end.
"""

from __future__ import annotations

import csv
from typing import Any, List, Sequence, TextIO

from .tables import COLUMNS, KINDS, rows

__all__ = ["CsvSink", "HtmlSink", "TABLE_FORMATS"]

#: ``--format`` values that write a table or a page instead of the JSON contract.
TABLE_FORMATS = ("csv", "html")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CsvSink:
    """Writes the ``table`` rows of each result to ``out`` as CSV."""

    def __init__(self, out: TextIO, table: str = "events", keep: Sequence[str] = (), bom: bool = False):
        if table not in KINDS:
            raise ValueError(f"--table must be one of {', '.join(KINDS)}, not {table!r}")
        self.table = table
        extra = [k for k in keep if k not in COLUMNS[table] and k != "text"]
        self.columns = COLUMNS[table][:2] + extra + COLUMNS[table][2:]
        if bom:
            out.write("\ufeff")
        self.writer = csv.DictWriter(out, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        self.writer.writeheader()
        self.count = 0
        self.rows = 0

    def write(self, result: Any) -> None:
        for row in rows(result, self.table, start=self.count):
            self.writer.writerow({k: _cell(row.get(k)) for k in self.columns})
            self.rows += 1
        self.count += 1


class HtmlSink:
    """Collects results; :meth:`page` is the self-contained HTML of all of them."""

    def __init__(self) -> None:
        self.results: List[Any] = []

    def write(self, result: Any) -> None:
        self.results.append(result)

    @property
    def count(self) -> int:
        return len(self.results)

    def page(self, title: str = "persian_ie") -> str:
        from .display import render

        return render(self.results, page=True, title=title)
