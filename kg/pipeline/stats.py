"""Counts per class and per named graph: the quick health check of a built store, and the sizes the
dataset's description gives.

Counting every graph reads every triple (5 s at 10M triples on disk, 10 s as one grouped query),
so the sizes come from the build's stamp, which counted them while it wrote them; an owner whose
file changed since (an upload, a profile saved, a deletion) has its own few graphs counted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

from rdflib import Literal, URIRef

from kg.core import namespaces as ns
from kg.core.terms import integer
from kg.pipeline import contrib
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


def counted(info: dict | None) -> TypeGuard[dict]:
    """Does the build's stamp hold every graph's size (a store built here, by this version)?"""
    return info is not None and "graphs" in info and "built" in info


def graph_sizes(store: GraphStore, info: dict | None, contrib_dir: Path) -> dict[str, int]:
    """Triples per named graph of ours, in IRI order: the build's counts, with every owner written
    since the build counted again (its graphs as the store holds them now). Without a stamp (a
    remote store published by another instance, an old build), every graph is counted."""
    if not counted(info):
        return {str(r["graph"]): integer(r["triples"]) for r in ours(store, "stats_graphs").rows}
    sizes: dict[str, int] = dict(info["graphs"])
    built = datetime.fromisoformat(info["built"]).timestamp()
    for kind in contrib.KINDS:
        prefix = str(ns.GRAPH[f"{kind}/"])
        owners = {g[len(prefix) :].split("/", 1)[0] for g in sizes if g.startswith(prefix)}
        present = contrib.owner_files(contrib_dir, kind)
        for owner in owners | present.keys():
            if owner in present and present[owner] < built:
                continue  # as the build counted it
            names = contrib.graph_names(owner, kind)
            for name in (*names.values(), names["data"] + "/inferred"):
                sizes.pop(name, None)
                found = select(store, "graph_size", graph=URIRef(name)).rows
                if found and integer(found[0]["triples"]):
                    sizes[name] = integer(found[0]["triples"])
    return dict(sorted(sizes.items()))
