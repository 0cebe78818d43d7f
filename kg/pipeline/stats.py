"""Counts per class and per named graph: the quick health check of a built store."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal

from kg.core import namespaces as ns
from kg.store.base import GraphStore, SelectResult
from kg.store.templates import select


@dataclass
class Stats:
    classes: SelectResult
    graphs: SelectResult
    total: int


def ours(store: GraphStore, name: str) -> SelectResult:
    """A statistics template over our graphs only (a remote server's own graphs are not ours)."""
    res = select(store, name, ours=Literal(str(ns.GRAPH)))
    variables = [v for v in res.variables if v != "ours"]
    return SelectResult(variables, [{k: v for k, v in r.items() if k != "ours"} for r in res.rows])


def stats(store: GraphStore) -> Stats:
    return Stats(ours(store, "stats_classes"), ours(store, "stats_graphs"), store.triple_count())
