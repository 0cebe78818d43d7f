"""Turn a SPARQL parser's message into one a person can act on.

Oxigraph reports the position and the grammar's expected tokens, including long
Unicode character classes; we keep the position, drop the character classes and
show the offending line with a caret under the column.
"""

from __future__ import annotations

import re

from kg.core import namespaces as ns

_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_CHAR_CLASS = re.compile(r"\[[^\[\]]{24,}\]")


def syntax_message(error: str, query: str) -> tuple[str, int | None, int | None]:
    """(message, line, column) for a SPARQL syntax error; line and column are 1-based."""
    match = _AT.search(error)
    if not match:
        return f"SPARQL syntax error: {error.strip()}", None, None
    line, col, what = int(match[1]), int(match[2]), match[3]
    if "Prefix not found" in what:
        what = "unknown prefix; declare it with PREFIX, or use one of: " + ", ".join(ns.PREFIXES)
    else:
        what = " ".join(_CHAR_CLASS.sub("…", what).split())
    lines = query.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    pointer = f"\n  {src}\n  {' ' * max(col - 1, 0)}^" if src else ""
    return f"SPARQL syntax error at line {line}, column {col}: {what}{pointer}", line, col
