"""One reader for every delimited text file: providers' catalogues, gap analyses, the public sources, the
bodies of SSSOM files; and one writer, for the tables people download to open in a spreadsheet.

People send what their spreadsheet saves: UTF-8 with or without a byte-order mark,
or Windows-1252 from older Danish Excel; ``;`` (Danish Excel), ``,`` or tab between
fields. The encoding is decided by trying strict UTF-8 first (Windows-1252 text
that happens to decode as UTF-8 is vanishingly rare in practice, while a
statistical detector guesses wrong on short files), and the delimiter by counting
candidates in the header row. Rows come with their record number, the header being
1, so every problem can name its row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

DELIMITERS = (";", ",", "\t")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in DELIMITERS}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


class Table:
    """A delimited text with a header row. ``header`` is as written (stripped), or lower-cased with
    ``fold_header``; ``rows()`` yields (record number, {column: stripped value}), blank rows skipped."""

    def __init__(self, data: bytes | str, *, delimiter: str | None = None, fold_header: bool = False):
        text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
        self.empty = not text.strip()
        first = text.lstrip().split("\n", 1)[0] if not self.empty else ""
        self.delimiter = delimiter or sniff_delimiter(first)
        self._reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        names = [(h or "").strip() for h in (self._reader.fieldnames or [])]
        self.header = [h.lower() for h in names] if fold_header else names
        self._reader.fieldnames = self.header

    def missing(self, required: tuple[str, ...] | list[str]) -> list[str]:
        return [c for c in required if c not in self.header]

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        for n, raw in enumerate(self._reader, start=2):
            row = {k: (v if isinstance(v, str) else "").strip() for k, v in raw.items() if k}
            if any(row.values()):
                yield n, row


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(header: list[str], rows: list[list[object]]) -> bytes:
    """A table as people's spreadsheets open it: UTF-8 with a byte-order mark and ``;`` between fields
    (Danish Excel), the reader above's own defaults. A text cell that a spreadsheet would run as a formula
    is quoted with a leading apostrophe (OWASP's advice on CSV injection): labels come from contributors."""

    def cell(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    buf = io.StringIO()
    out = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    out.writerow(header)
    out.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
