"""SPARQL results as JSON, CSV or a terminal table (W3C result formats where one exists)."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rich.table import Table

from kg.core import namespaces as ns
from kg.store.base import QueryResult, SelectResult


def term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result})
    if isinstance(result, SelectResult):
        return json.dumps(
            {
                "head": {"vars": result.variables},
                "results": {"bindings": [{k: term_json(v) for k, v in r.items()} for r in result.rows]},
            },
            ensure_ascii=False,
            indent=1,
        )
    return _graph(result).serialize(format="json-ld")


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values; booleans as one cell)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if isinstance(result, bool):
        w.writerow(["boolean"])
        w.writerow(["true" if result else "false"])
    elif isinstance(result, SelectResult):
        w.writerow(result.variables)
        for r in result.rows:
            w.writerow([str(r[v]) if v in r else "" for v in result.variables])
    else:
        return _graph(result).serialize(format="nt")
    return buf.getvalue()


def short(term: Node) -> str:
    """A compact display form: prefixed names for our namespaces, lexical form for literals."""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, space in ns.PREFIXES.items():
            if s.startswith(space) and "/" not in s[len(space) :]:
                return f"{prefix}:{s[len(space) :]}"
        return s
    if isinstance(term, Literal) and term.language:
        return f"{term}@{term.language}"
    return str(term)


def to_table(result: QueryResult, title: str | None = None) -> Table | str:
    if isinstance(result, bool):
        return "true" if result else "false"
    if not isinstance(result, SelectResult):
        return _graph(result).serialize(format="turtle")
    table = Table(title=title, show_lines=False)
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for r in result.rows:
        table.add_row(*(short(r[v]) if v in r else "" for v in result.variables))
    return table


def _graph(triples: list) -> Graph:
    g = Graph()
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    for t in triples:
        g.add(t)
    return g
