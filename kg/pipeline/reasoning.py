"""OWL-RL reasoning that scales, and one reasoner for every data: the build's graph and each upload.

owlrl's forward chaining re-runs every rule over the whole graph until nothing
changes; on 100k triples that took 35-47 s on a 2-core machine. Nearly all of
that work is the schema (TBox) talking to itself. So we close only the schema
with owlrl (a few hundred triples), read off the entailment tables the data
needs (sub-classes, sub-properties, domains, ranges, inverses, symmetric and
transitive properties) and apply them to the instance data as SPARQL updates
inside an Oxigraph store (:func:`infer_in`), each round after the first reading only
what the previous one added (semi-naive evaluation), until nothing new appears, so
the memory is the store's: the build runs them on its graph of a million triples,
an upload on a scratch store that holds only its own data (:func:`materialise`).
``tests/test_reasoning.py`` proves the result equals owlrl's full closure on a
sample, for these rules (OWL 2 RL: cax-sco, cax-eqc, prp-spo1, prp-eqp, prp-dom,
prp-rng, prp-inv, prp-symp, prp-trp, scm-*), but for one deliberate difference: prp-trp concludes no
reflexive triple. For a property that is symmetric and transitive (skos:exactMatch) OWL 2 RL entails
``x exactMatch x`` for every matched x; it says nothing, and published it reads as a mapping of a
concept to itself (60 of them in the shipped graph, with their closeMatch and mappingRelation).

``GRAPH ?g { … }`` patterns read the union of the named graphs (one index scan,
whatever the number of graphs); the rule tables come from the closed ontology,
never from data, and are written into the update as VALUES.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import owlrl
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.core.terms import to_rdflib
from kg.pipeline.shacl.checks import unkeep
from kg.pipeline.shacl.engine import load

Triple = tuple[Node, Node, Node]

# Classes every resource is trivially a member of; stating them adds nothing.
TRIVIAL_CLASSES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual})
TRIVIAL_PROPERTIES = frozenset({OWL.topObjectProperty, OWL.topDataProperty})
SCRATCH_DATA = "urn:dkk:reasoning:data"
SCRATCH_INFERRED = "urn:dkk:reasoning:inferred"


def _named(node: Node) -> bool:
    return isinstance(node, URIRef)


@dataclass
class Entailments:
    """What the closed schema says about instance data, as lookup tables."""

    superclasses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    superproperties: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[Node] = field(default_factory=set)
    transitive: set[Node] = field(default_factory=set)

    @classmethod
    def from_closed_schema(cls, closed: Graph) -> Entailments:
        ent = cls()
        for c, d in closed.subject_objects(RDFS.subClassOf):
            if _named(c) and _named(d) and c != d and d not in TRIVIAL_CLASSES:
                ent.superclasses[c].add(d)
        for p, q in closed.subject_objects(RDFS.subPropertyOf):
            if _named(p) and _named(q) and p != q and q not in TRIVIAL_PROPERTIES:
                ent.superproperties[p].add(q)
        for p, c in closed.subject_objects(RDFS.domain):
            if _named(p) and _named(c) and c not in TRIVIAL_CLASSES:
                ent.domains[p].add(c)
        for p, c in closed.subject_objects(RDFS.range):
            if _named(p) and _named(c) and c not in TRIVIAL_CLASSES:
                ent.ranges[p].add(c)
        for p, q in closed.subject_objects(OWL.inverseOf):
            if _named(p) and _named(q):
                ent.inverses[p].add(q)
                ent.inverses[q].add(p)
        ent.symmetric = {p for p in closed.subjects(RDF.type, OWL.SymmetricProperty) if _named(p)}
        ent.transitive = {p for p in closed.subjects(RDF.type, OWL.TransitiveProperty) if _named(p)}
        return ent


def close_schema(schema: Graph) -> Graph:
    """The OWL-RL closure of the schema alone, computed by owlrl itself."""
    closed = Graph()
    closed += schema
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False).expand(closed)
    return closed


def materialise(data: Iterable[Triple], ent: Entailments, *, domain_range: bool = True) -> set[Triple]:
    """Every triple the rules add to ``data`` (the data's own triples excluded): ``data`` goes into a
    scratch Oxigraph store and :func:`infer` runs there, the same rules the build runs on the whole graph.

    ``domain_range=False`` leaves out typing by rdfs:domain and rdfs:range
    (prp-dom, prp-rng). Validation uses that: with it, any value of a property
    with a declared range would be typed into that range, and every SHACL
    ``sh:class`` check on such a property would pass whatever the data says.
    """
    scratch = ox.Store()
    load(scratch, data, SCRATCH_DATA)
    infer_in(scratch, ent, SCRATCH_INFERRED, domain_range=domain_range)
    return {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(unkeep(q.object)))
        for q in scratch.quads_for_pattern(None, None, None, ox.NamedNode(SCRATCH_INFERRED))
    }


def infer(schema: Graph, data: Iterable[Triple], *, domain_range: bool = True) -> set[Triple]:
    """The entailed triples of ``data`` under ``schema``; see the module docstring."""
    return materialise(data, Entailments.from_closed_schema(close_schema(schema)), domain_range=domain_range)


def add_hierarchy_entailments(data: Graph, ent: Entailments) -> Graph:
    """Turn ``data`` in place into what SHACL sees: the asserted data plus the class and property
    hierarchy entailments (no domain/range typing; see :func:`materialise`)."""
    for t in materialise(data, ent, domain_range=False):
        data.add(t)
    return data


def validation_view(schema: Graph, data: Graph) -> Graph:
    """A copy of ``data`` as SHACL sees it (see :func:`add_hierarchy_entailments`)."""
    out = Graph()
    out += data
    return add_hierarchy_entailments(out, Entailments.from_closed_schema(close_schema(schema)))


__all__ = ["Entailments", "close_schema", "infer", "materialise", "validation_view"]


# ---------------------------------------------------------------- the rules, as SPARQL Update

MAX_ROUNDS = 50  # a chain of transitive edges doubles each round: 2^50 is more than any graph
DELTA = "urn:dkk:reasoning:delta:"  # what a round added, for the next one (dropped before returning)


@dataclass(frozen=True)
class _Rule:
    """``conclusion`` for every match of ``premises`` (each in some graph) with ``values`` and ``guard``."""

    conclusion: str
    premises: tuple[str, ...]
    values: str = ""
    guard: str = ""
    ranged: bool = False  # prp-dom or prp-rng: left out while domain_range is off


def _pairs(table: dict[Node, set[Node]]) -> list[tuple[Node, Node]]:
    """(key, value) rows of a table, leaving out rdf:type as a key: its triples only meet cax-sco."""
    return sorted((k, v) for k, vs in table.items() if k != RDF.type for v in vs)


def _values(names: tuple[str, ...], rows: Iterable[tuple[Node, ...]]) -> str:
    body = " ".join("(" + " ".join(f"<{n}>" for n in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _rules(ent: Entailments) -> list[_Rule]:
    a = f"<{RDF.type}>"
    any_triple = ("?s ?p ?o",)
    resource = "FILTER(!isLiteral(?o))"
    out = []
    if sco := sorted(((c, d) for c, ds in ent.superclasses.items() for d in ds), key=str):  # cax-sco (closed)
        out.append(_Rule(f"?s {a} ?d", (f"?s {a} ?c",), _values(("c", "d"), sco)))
    if spo := _pairs(ent.superproperties):  # prp-spo1
        out.append(_Rule("?s ?q ?o", any_triple, _values(("p", "q"), spo)))
    if inv := _pairs(ent.inverses):  # prp-inv
        out.append(_Rule("?o ?q ?s", any_triple, _values(("p", "q"), inv), resource))
    if sym := sorted((p for p in ent.symmetric if p != RDF.type), key=str):  # prp-symp
        out.append(_Rule("?o ?p ?s", any_triple, _values(("p",), [(p,) for p in sym]), resource))
    for p in sorted((p for p in ent.transitive if p != RDF.type), key=str):  # prp-trp, one hop a round
        premises = (f"?s <{p}> ?y", f"?y <{p}> ?o")
        guard = f"FILTER(!isLiteral(?y)) {resource} FILTER(?s != ?o)"  # (no reflexive link: module docstring)
        out.append(_Rule(f"?s <{p}> ?o", premises, guard=guard))
    if dom := _pairs(ent.domains):  # prp-dom
        out.append(_Rule(f"?s {a} ?c", any_triple, _values(("p", "c"), dom), ranged=True))
    if rng := _pairs(ent.ranges):  # prp-rng
        out.append(_Rule(f"?o {a} ?c", any_triple, _values(("p", "c"), rng), resource, ranged=True))
    return out


def _updates(rule: _Rule, target: str, delta: str | None, added: str) -> list[str]:
    """The updates that add ``rule``'s conclusions, unless some graph holds them already, to ``target``
    and to ``added``. Without ``delta`` every premise reads any graph; with it (semi-naive
    evaluation), a conclusion is new only if one of its premises is, so there is one update per
    premise, that premise read from ``delta`` alone."""
    variants = [None] if delta is None else range(len(rule.premises))
    into = " ".join(f"GRAPH <{g}> {{ {rule.conclusion} }}" for g in dict.fromkeys((target, added)))
    out = []
    for fresh in variants:
        where = " ".join(
            f"GRAPH <{delta}> {{ {p} }}" if i == fresh else f"GRAPH ?g{i} {{ {p} }}"
            for i, p in enumerate(rule.premises)
        )
        out.append(
            f"INSERT {{ {into} }} "
            f"WHERE {{ {rule.values} {where} {rule.guard} "
            f"FILTER NOT EXISTS {{ GRAPH ?held {{ {rule.conclusion} }} }} }}"
        )
    return out


def _size(store: ox.Store, graph: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    result = store.query(q)
    assert isinstance(result, ox.QuerySolutions)
    count = next(iter(result))[0]
    assert isinstance(count, ox.Literal)
    return int(count.value)


def infer_in(
    store: ox.Store,
    ent: Entailments,
    target: str,
    *,
    domain_range: bool = True,
    hierarchy_closed: bool = False,
) -> int:
    """Add to graph ``target`` every triple the rules entail from the store's named graphs and
    that none of them holds yet; returns how many.

    The first round reads everything; each later one only what the round before added (a
    fixpoint is the round that adds nothing, and re-reading the whole graph to find that cost as
    much as the first round: at 10M triples half the build's reasoning). ``hierarchy_closed``: the
    store is at the fixpoint of the rules without domain and range (a call with
    ``domain_range=False`` left it so, nothing asserted since), so the first round runs only
    prp-dom and prp-rng."""
    chosen = [r for r in _rules(ent) if domain_range or not r.ranged]
    first = [r for r in chosen if r.ranged] if hierarchy_closed else chosen
    start = _size(store, target)
    delta: str | None = None
    try:
        for round_ in range(MAX_ROUNDS):
            # (an empty target after the first round holds just what it added: no copy of that)
            added = target if round_ == 0 and start == 0 else f"{DELTA}{round_}"
            for rule in first if delta is None else chosen:
                for update in _updates(rule, target, delta, added):
                    store.update(update)
            _drop(store, delta)
            delta = added
            if _size(store, added) == 0:
                return _size(store, target) - start
        raise RuntimeError("reasoning did not reach a fixpoint")
    finally:
        _drop(store, delta)


def _drop(store: ox.Store, delta: str | None) -> None:
    if delta is not None and delta.startswith(DELTA):  # (never the target)
        store.update(f"DROP SILENT GRAPH <{delta}>")
