"""SPARQL answers as a terminal table (the W3C result formats are written by kg.store.sparql_results,
the writer /sparql uses)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rich.table import Table

from kg.core import namespaces as ns
from kg.store.base import QueryResult, SelectResult


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
