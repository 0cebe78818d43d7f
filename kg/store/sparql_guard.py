"""Decide what a public SPARQL request may do, on the parsed query, before any engine sees it.

The public endpoint is read-only and makes no outbound requests. The decision is
taken on the query's algebra as a real SPARQL 1.1 parser (rdflib's) builds it, not
on its tokens: a blacklist of words in front of an engine that has an HTTP client is
always one lexing trick behind (``"x".SERVICE``, ``1.SERVICE`` and escapes all read
as SERVICE to the engine). So:

- a text our parser cannot parse as a query is refused, whatever the engine would
  make of it (an update gets its own 403);
- a query whose algebra holds a SERVICE anywhere (FILTER EXISTS, OPTIONAL, sub-
  queries, SILENT or not) is refused;
- the dataset clause (FROM, FROM NAMED) is read from the parse, so the server can
  allow only its own graphs.

This is the first of two layers: the query workers cannot open sockets at all
(kg.store.sandbox), so a query that slipped past this check still connects nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql import algebra
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.core.errors import ServiceError, refused

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class SparqlRefused(ServiceError):
    """The query is not allowed here; the problem names the field ``query``."""

    def __init__(
        self, status: int, title: str, detail: str, headers: dict | None = None, **extra: Any
    ) -> None:
        super().__init__(status, title, detail, headers, **{"field": "query", **extra})


@dataclass
class Inspection:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _refuse_update(text: str) -> None:
    """A text that parses as SPARQL Update gets a 403 that says so (LOAD included)."""
    try:
        parseUpdate(text)
    except (ParseException, RecursionError, ValueError, TypeError, AttributeError):
        return
    raise refused(403, "sparql.update", cls=SparqlRefused)


def _has_service(node: object) -> bool:
    found = False

    def visit(n: object) -> None:
        nonlocal found
        if isinstance(n, CompValue) and n.name == "ServiceGraphPattern":
            found = True

    algebra.traverse(node, visitPre=visit)
    return found


def inspect(query: str, prefixes: Mapping[str, str], max_length: int = 100_000) -> Inspection:
    """The query's form and dataset clause; raises :class:`SparqlRefused` for what we do not run."""
    if len(query) > max_length:
        raise refused(413, "sparql.too_long", {"limit": max_length, "length": len(query)}, cls=SparqlRefused)
    try:
        parsed = parseQuery(query)
        translated = algebra.translateQuery(parsed, initNs=dict(prefixes))
    except ParseException as exc:
        _refuse_update(query)
        raise refused(
            400,
            "sparql.syntax",
            {"message": exc.msg, "line": exc.lineno, "column": exc.col},
            cls=SparqlRefused,
            line=exc.lineno,
            column=exc.col,
        ) from exc
    except RecursionError as exc:
        raise refused(400, "sparql.too_deep", cls=SparqlRefused) from exc
    except Exception as exc:  # rdflib raises bare Exception for unknown prefixes and bad escapes
        _refuse_update(query)
        raise refused(400, "sparql.unreadable", {"why": str(exc)}, cls=SparqlRefused) from exc
    if _has_service(translated.algebra):
        raise refused(403, "sparql.service", cls=SparqlRefused)
    form = QUERY_FORMS.get(translated.algebra.name)
    if form is None:  # (the parser yields only the four forms; this guards a future one)
        raise refused(400, "sparql.not_a_query", cls=SparqlRefused)
    from_graphs: list[str] = []
    from_named: list[str] = []
    # (CompValue.get reads variables, not keys: dict.get asks for the key itself)
    for clause in dict.get(parsed[1], "datasetClause") or []:
        if "named" in clause:
            from_named.append(str(dict.get(clause, "named")))
        else:
            from_graphs.append(str(dict.get(clause, "default")))
    return Inspection(form, from_graphs, from_named)


def check_graphs(names: list[str], known: set[str]) -> None:
    """FROM, FROM NAMED and the protocol's graph parameters may name only our own graphs."""
    unknown = [g for g in names if g not in known]
    if unknown:
        raise refused(400, "sparql.unknown_graph", {"graphs": ", ".join(unknown)}, cls=SparqlRefused)
