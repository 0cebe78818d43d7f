"""The entailment tables of :mod:`kg.pipeline.reasoning`, applied inside an Oxigraph store by SPARQL Update.

:func:`kg.pipeline.reasoning.materialise` holds every triple in a Python set: about 1 GB
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

from kg.pipeline.reasoning import Entailments

MAX_ROUNDS = 50  # a chain of transitive edges doubles each round: 2^50 is more than any graph


def _pairs(table: dict[Node, set[Node]]) -> list[tuple[Node, Node]]:
    """(key, value) rows of a table, leaving out rdf:type as a key: its triples only meet cax-sco."""
    return sorted((k, v) for k, vs in table.items() if k != RDF.type for v in vs)


def _values(names: tuple[str, ...], rows: Iterable[tuple[Node, ...]]) -> str:
    body = " ".join("(" + " ".join(f"<{n}>" for n in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _rule(target: str, conclusion: str, values: str, premise: str, guard: str = "") -> str:
    """INSERT ``conclusion`` into ``target`` for each ``premise`` in any graph, unless some graph
    already holds it."""
    return (
        f"INSERT {{ GRAPH <{target}> {{ {conclusion} }} }} WHERE {{ {values} {premise} {guard} "
        f"FILTER NOT EXISTS {{ GRAPH ?held {{ {conclusion} }} }} }}"
    )


def rules(ent: Entailments, target: str, *, domain_range: bool = True) -> list[str]:
    """The updates of one round, each adding its conclusions to graph ``target``."""
    a = f"<{RDF.type}>"
    any_triple = "GRAPH ?g { ?s ?p ?o }"
    resource = "FILTER(!isLiteral(?o))"
    out = []
    if sco := sorted(((c, d) for c, ds in ent.superclasses.items() for d in ds), key=str):  # cax-sco (closed)
        out.append(_rule(target, f"?s {a} ?d", _values(("c", "d"), sco), f"GRAPH ?g {{ ?s {a} ?c }}"))
    if spo := _pairs(ent.superproperties):  # prp-spo1
        out.append(_rule(target, "?s ?q ?o", _values(("p", "q"), spo), any_triple))
    if inv := _pairs(ent.inverses):  # prp-inv
        out.append(_rule(target, "?o ?q ?s", _values(("p", "q"), inv), any_triple, resource))
    if sym := sorted((p for p in ent.symmetric if p != RDF.type), key=str):  # prp-symp
        out.append(_rule(target, "?o ?p ?s", _values(("p",), [(p,) for p in sym]), any_triple, resource))
    for p in sorted((p for p in ent.transitive if p != RDF.type), key=str):  # prp-trp, one hop a round
        premise = f"GRAPH ?g {{ ?s <{p}> ?y }} GRAPH ?h {{ ?y <{p}> ?o }}"
        out.append(_rule(target, f"?s <{p}> ?o", "", premise, "FILTER(!isLiteral(?y)) " + resource))
    if domain_range:
        if dom := _pairs(ent.domains):  # prp-dom
            out.append(_rule(target, f"?s {a} ?c", _values(("p", "c"), dom), any_triple))
        if rng := _pairs(ent.ranges):  # prp-rng
            out.append(_rule(target, f"?o {a} ?c", _values(("p", "c"), rng), any_triple, resource))
    return out


def _size(store: ox.Store, graph: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    result = store.query(q)
    assert isinstance(result, ox.QuerySolutions)
    count = next(iter(result))[0]
    assert isinstance(count, ox.Literal)
    return int(count.value)


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
