"""Counts per class and per named graph: the quick health check of a built store."""

from __future__ import annotations

from dataclasses import dataclass

from kg.store.base import GraphStore, SelectResult
from kg.store.templates import select


@dataclass
class Stats:
    classes: SelectResult
    graphs: SelectResult
    total: int


def stats(store: GraphStore) -> Stats:
    return Stats(select(store, "stats_classes"), select(store, "stats_graphs"), store.triple_count())
