"""Counts per class and per named graph: the quick health check of a built store."""

from __future__ import annotations

from dataclasses import dataclass

from .store.base import GraphStore, SelectResult
from .templates import template


@dataclass
class Stats:
    classes: SelectResult
    graphs: SelectResult
    total: int


def stats(store: GraphStore) -> Stats:
    classes = store.query(template("stats_classes"))
    graphs = store.query(template("stats_graphs"))
    assert isinstance(classes, SelectResult) and isinstance(graphs, SelectResult)
    return Stats(classes, graphs, store.triple_count())
