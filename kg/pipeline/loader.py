"""Read the project's Turtle into per-graph rdflib graphs.

Parsing goes through Oxigraph's Rust parser (several times faster than rdflib's
Turtle parser on our data); the triples are then handed to rdflib, which owlrl
and pyshacl need. A parse error names the file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.core.settings import DEFAULT_BASE_IRI
from kg.core.terms import to_rdflib
from kg.pipeline import contrib, sssom
from kg.pipeline.graph_files import SSSOM_SUFFIX, GraphFile


class LoadError(Exception):
    """A file that cannot be parsed; the message says where and what to fix."""


@dataclass
class LoadedGraphs:
    """The project's graphs, keyed by named-graph IRI, with the files behind each."""

    graphs: dict[str, Graph] = field(default_factory=dict)
    files: dict[str, list[GraphFile]] = field(default_factory=dict)

    def add(self, gf: GraphFile, graph: Graph) -> None:
        target = self.graphs.setdefault(gf.graph, Graph())
        target += graph
        self.files.setdefault(gf.graph, []).append(gf)

    def union(self, kinds: Iterable[str]) -> Graph:
        wanted = set(kinds)
        out = Graph()
        for iri, g in self.graphs.items():
            if any(f.kind in wanted for f in self.files[iri]):
                out += g
        return out


def parse_turtle(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Parse one Turtle file, rewriting our default base to ``base_iri`` if it differs."""
    graph = Graph()
    try:
        with path.open("rb") as fh:
            for t in ox.parse(fh, format=ox.RdfFormat.TURTLE, path=None):
                graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    except SyntaxError as exc:
        raise LoadError(f"{path}: {exc}. Fix the Turtle syntax there and run the command again.") from exc
    if base_iri != DEFAULT_BASE_IRI:
        graph = rebase(graph, DEFAULT_BASE_IRI, base_iri)
    return graph


def rebase(graph: Graph, old: str, new: str) -> Graph:
    """Move every IRI under ``old`` to ``new``: the base is a deployment choice."""

    def fix(term: Node) -> Node:
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(new + str(term)[len(old) :])
        # IRIs held in literals: the namespaces SHACL's sh:declare gives SPARQL constraints
        if isinstance(term, Literal) and term.datatype == XSD.anyURI and str(term).startswith(old):
            return Literal(new + str(term)[len(old) :], datatype=XSD.anyURI)
        return term

    out = Graph()
    for s, p, o in graph:
        out.add((fix(s), fix(p), fix(o)))
    return out


def parse_file(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Turtle, or an SSSOM/TSV mapping set turned into RDF (kg.pipeline.sssom)."""
    if not path.name.endswith(SSSOM_SUFFIX):
        return parse_turtle(path, base_iri)
    try:
        graph = sssom.to_graph(path)
    except sssom.SssomError as exc:
        raise LoadError(f"{exc} Fix the mapping file and run the command again.") from exc
    return rebase(graph, DEFAULT_BASE_IRI, base_iri) if base_iri != DEFAULT_BASE_IRI else graph


def load_files(files: Iterable[GraphFile], base_iri: str = DEFAULT_BASE_IRI) -> LoadedGraphs:
    loaded = LoadedGraphs()
    for gf in files:
        if gf.kind == "contrib":  # N-Quads: each named graph on its own
            for name, graph in contrib.read_graphs(gf.path).items():
                loaded.add(GraphFile(gf.path, name, "contrib"), graph)
            continue
        loaded.add(gf, parse_file(gf.path, base_iri))
    return loaded
