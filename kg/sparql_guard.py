"""Inspect a SPARQL request before any engine sees it: what form it is, and whether it is allowed.

The public endpoint is read-only and makes no outbound requests. pyoxigraph always
evaluates SERVICE (and would treat FROM IRIs as graph names), so the check has to
happen on the query text. A small lexer drops comments and reads strings and IRIs
as single tokens, so that keywords inside them do not count and keywords cannot
hide in them. SPARQL's \\u and \\U escapes are decoded first, as the specification
says they are processed before parsing (section 19.2), so ``\\u0053ERVICE`` is SERVICE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.%:]*)?|:[\w\-.%:]*|[?$]\w+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class SparqlRefused(Exception):
    """The request is not allowed here; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


@dataclass
class Inspection:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def decode_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield kind, m.group()


def inspect(query: str, prefixes: Mapping[str, str]) -> Inspection:
    """The query's form and dataset clauses; raises :class:`SparqlRefused` for what we do not run."""
    toks = list(tokens(decode_escapes(query)))
    declared = dict(prefixes)
    form = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        upper = value.upper() if kind == "word" else ""
        if upper == "PREFIX" and i + 2 < len(toks):
            declared[toks[i + 1][1].rstrip(":")] = toks[i + 2][1][1:-1]
            i += 3
            continue
        if upper == "SERVICE":
            raise SparqlRefused(
                403,
                "SERVICE is not allowed",
                "This endpoint makes no outbound requests, so federated queries (SERVICE) are "
                "refused. Download the dumps (/dumps) and federate on your side.",
            )
        if form is None and upper in UPDATE_FORMS:
            raise SparqlRefused(
                403,
                "Updates are not allowed",
                f"This endpoint is read-only; {upper} is a SPARQL Update operation. "
                "Providers and municipalities write through their own API endpoints.",
            )
        if form is None and upper in QUERY_FORMS:
            form = upper
        if upper == "FROM" and i + 1 < len(toks):
            named = toks[i + 1][1].upper() == "NAMED"
            target_kind, target = toks[i + 2] if named and i + 2 < len(toks) else toks[i + 1]
            iri = _resolve(target_kind, target, declared)
            (from_named if named else from_graphs).append(iri)
        i += 1
    if form is None:
        raise SparqlRefused(400, "Not a SPARQL query", "Expected SELECT, ASK, CONSTRUCT or DESCRIBE.")
    return Inspection(form, from_graphs, from_named)


def _resolve(kind: str, token: str, prefixes: Mapping[str, str]) -> str:
    if kind == "iri":
        return token[1:-1]
    prefix, _, local = token.partition(":")
    if kind == "word" and prefix in prefixes:
        return prefixes[prefix] + local
    return token


def check_graphs(names: list[str], known: set[str]) -> None:
    """FROM, FROM NAMED and the protocol's graph parameters may name only our own graphs."""
    unknown = [g for g in names if g not in known]
    if unknown:
        raise SparqlRefused(
            400,
            "Unknown graph",
            f"{', '.join(unknown)} is not a graph of this dataset; this endpoint never fetches "
            "remote data. The graphs are listed at /dataset.",
        )
