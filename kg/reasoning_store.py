"""The entailment tables of :mod:`kg.reasoning`, applied inside an Oxigraph store by SPARQL Update.

:func:`kg.reasoning.materialise` holds every triple in a Python set: about 1 GB
for a graph of a million triples. The build applies the same rules where the
triples already are, as SPARQL updates over every named graph, repeated until
nothing new appears, so its memory is the store's. ``tests/test_reasoning.py``
asserts both give the same triples on the shipped graph.

``GRAPH ?g { … }`` patterns read the union of the named graphs (one index scan,
whatever the number of graphs); the rule tables come from the closed ontology,
never from data, and are written into the update as VALUES.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import RDF
from rdflib.term import Node

from .reasoning import Entailments

MAX_ROUNDS = 50  # a chain of transitive edges doubles each round: 2^50 is more than any graph


def _pairs(table: dict[Node, set[Node]]) -> list[tuple[Node, Node]]:
    """(key, value) rows of a table, leaving out rdf:type as a key: its triples only meet cax-sco."""
    return sorted((k, v) for k, vs in table.items() if k != RDF.type for v in vs)


def _values(names: tuple[str, ...], rows: Iterable[tuple[Node, ...]]) -> str:
    body = " ".join("(" + " ".join(f"<{n}>" for n in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def rules(ent: Entailments, target: str, *, domain_range: bool = True) -> list[str]:
    """The updates of one round, each adding its conclusions to graph ``target``."""
    g = f"<{target}>"
    a = f"<{RDF.type}>"
    out = []
    sco = sorted((c, d) for c, ds in ent.superclasses.items() for d in ds)
    if sco:  # cax-sco (the tables are already transitively closed)
        out.append(
            f"INSERT {{ GRAPH {g} {{ ?s {a} ?d }} }} WHERE {{ {_values(('c', 'd'), sco)} "
            f"GRAPH ?g {{ ?s {a} ?c }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s {a} ?d }} }} }}"
        )
    if spo := _pairs(ent.superproperties):  # prp-spo1
        out.append(
            f"INSERT {{ GRAPH {g} {{ ?s ?q ?o }} }} WHERE {{ {_values(('p', 'q'), spo)} "
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?q ?o }} }} }}"
        )
    if inv := _pairs(ent.inverses):  # prp-inv
        out.append(
            f"INSERT {{ GRAPH {g} {{ ?o ?q ?s }} }} WHERE {{ {_values(('p', 'q'), inv)} "
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?o ?q ?s }} }} }}"
        )
    if sym := sorted(p for p in ent.symmetric if p != RDF.type):  # prp-symp
        out.append(
            f"INSERT {{ GRAPH {g} {{ ?o ?p ?s }} }} WHERE {{ {_values(('p',), [(p,) for p in sym])} "
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?o ?p ?s }} }} }}"
        )
    for p in sorted(p for p in ent.transitive if p != RDF.type):  # prp-trp, one hop a round
        out.append(
            f"INSERT {{ GRAPH {g} {{ ?x <{p}> ?z }} }} WHERE {{ GRAPH ?g {{ ?x <{p}> ?y }} "
            f"GRAPH ?h {{ ?y <{p}> ?z }} FILTER(!isLiteral(?y) && !isLiteral(?z)) "
            f"FILTER NOT EXISTS {{ GRAPH ?i {{ ?x <{p}> ?z }} }} }}"
        )
    if domain_range:
        if dom := _pairs(ent.domains):  # prp-dom
            out.append(
                f"INSERT {{ GRAPH {g} {{ ?s {a} ?c }} }} WHERE {{ {_values(('p', 'c'), dom)} "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s {a} ?c }} }} }}"
            )
        if rng := _pairs(ent.ranges):  # prp-rng
            out.append(
                f"INSERT {{ GRAPH {g} {{ ?o {a} ?c }} }} WHERE {{ {_values(('p', 'c'), rng)} "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?o {a} ?c }} }} }}"
            )
    return out


def _size(store: ox.Store, graph: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(q)))[0].value)  # type: ignore[index]


def infer(store: ox.Store, ent: Entailments, target: str, *, domain_range: bool = True) -> int:
    """Add to graph ``target`` every triple the rules entail from the store's named graphs and
    that none of them holds yet; returns how many."""
    start = _size(store, target)
    updates = rules(ent, target, domain_range=domain_range)
    before = start
    for _ in range(MAX_ROUNDS):
        for update in updates:
            store.update(update)
        now = _size(store, target)
        if now == before:
            return now - start
        before = now
    raise RuntimeError("reasoning did not reach a fixpoint")
