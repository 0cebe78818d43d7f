"""Read models of the Linked Data views: what the graph says about one IRI (and what links to it), and the
content of a named graph, the ontology or the shapes, summarised for reading."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, VOID
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.namespaces import SH
from kg.store import GraphStore
from kg.store.templates import select

Labels = dict[str, dict[str, str]]
Triple = tuple[Node, Node, Node]


def add_label(labels: Labels, term: object, label: object) -> None:
    if isinstance(label, Literal):
        labels.setdefault(str(term), {}).setdefault(label.language or "", str(label))


@dataclass
class Description:
    iri: URIRef
    triples: set[Triple]
    graphs: dict[tuple[Node, Node], set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: Labels = field(default_factory=dict)
    incoming: list[tuple[Node, Node]] = field(default_factory=list)  # (subject, property) linking here

    @property
    def example(self) -> bool:
        return any("/graph/examples/" in g for gs in self.graphs.values() for g in gs)

    @property
    def concept(self) -> bool:
        return any(p == RDF.type and o == SKOS.Concept for _, p, o in self.triples)

    def rows(self) -> list[dict[str, Any]]:
        """Each statement with the graphs that hold it (their names after /graph/), ordered."""
        pairs = sorted({(p, o) for _, p, o in self.triples}, key=lambda t: (str(t[0]), str(t[1])))
        return [
            {"p": p, "o": o, "graphs": sorted(g.rsplit("/graph/", 1)[-1] for g in self.graphs[(p, o)])}
            for p, o in pairs
        ]


def describe(store: GraphStore, iri: URIRef, *, incoming: bool = True) -> Description | None:
    """What the graph says about ``iri``, or None when it says nothing."""
    out = select(store, "describe", s=iri)
    if not out.rows:
        return None
    found = Description(iri, {(iri, r["p"], r["o"]) for r in out.rows})
    if not incoming:
        return found
    for r in out.rows:
        add_label(found.labels, r["p"], r.get("plabel"))
        add_label(found.labels, r["o"], r.get("olabel"))
        found.graphs[(r["p"], r["o"])].add(str(r["g"]))
        if r["p"] in (SKOS.prefLabel, RDFS.label):
            add_label(found.labels, iri, r["o"])
    for r in select(store, "describe_incoming", s=iri).rows:
        add_label(found.labels, r["x"], r.get("xlabel"))
        add_label(found.labels, r["p"], r.get("plabel"))
        found.incoming.append((r["x"], r["p"]))
    return found


def graph_triples(store: GraphStore, graph_iri: str) -> list[Triple]:
    return [(r["s"], r["p"], r["o"]) for r in select(store, "graph_triples", g=URIRef(graph_iri)).rows]


def labels_of(triples: list[Triple]) -> Labels:
    labels: Labels = {}
    for s, p, o in triples:
        if p in (RDFS.label, SKOS.prefLabel):
            add_label(labels, s, o)
    return labels


def ontology_terms(triples: list[Triple]) -> list[dict[str, Any]]:
    """The ontology's own terms (classes, properties, values): local name, kind, labels, definitions."""
    labels = labels_of(triples)
    defs: Labels = {}
    kinds: dict[str, str] = {}
    for s, p, o in triples:
        if p == SKOS.definition:
            add_label(defs, s, o)
        if p == RDF.type and str(s).startswith(str(ns.DKK)):
            kinds.setdefault(str(s), str(o).rsplit("#", 1)[-1])
    return [
        {
            "local": term.split("#", 1)[1],
            "kind": kinds[term],
            "label": labels.get(term, {}),
            "definition": defs.get(term, {}),
        }
        for term in sorted(kinds, key=lambda t: (kinds[t], t))
    ]


def shape_list(triples: list[Triple]) -> list[dict[str, Any]]:
    """Every node and property shape, with its messages by language."""
    messages: Labels = {}
    shapes = set()
    for s, p, o in triples:
        if p == SH.message:
            add_label(messages, s, o)
        if p == RDF.type and o in (SH.NodeShape, SH.PropertyShape):
            shapes.add(str(s))
    return [{"name": s.split("#")[-1], "message": messages.get(s, {})} for s in sorted(shapes)]


def subjects(triples: list[Triple]) -> list[URIRef]:
    return sorted({s for s, _, _ in triples if isinstance(s, URIRef)}, key=str)


def graph_description(dataset: Graph, graph: URIRef) -> list[Triple] | None:
    """What the dataset description says of one named graph (its rights statement and makers' names
    with it), and ``void:dataDump``: where its triples are. None when the description has no such graph."""
    if (graph, RDF.type, VOID.Dataset) not in dataset:
        return None
    out: list[Triple] = [(graph, p, o) for p, o in dataset.predicate_objects(graph)]
    for _, p, o in list(out):
        if p in (DCTERMS.rights, DCTERMS.creator, DCTERMS.publisher):
            out += [(o, p2, o2) for p2, o2 in dataset.predicate_objects(o)]
    out.append((graph, VOID.dataDump, URIRef(f"{graph}?view=content")))
    return out
