"""Whose each named graph is: its licence or rights, its sources, who made it, and what it holds.

Read from what the graphs say about themselves (a header: the graph's IRI typed prov:Entity in it)
and about the schemes, mapping sets and ontologies they hold, so a graph's terms are never stated
twice. The few rules here fill what data cannot say of itself: the graphs the build writes, and the
graphs contributors write, whose terms are theirs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.namespaces import LICENCE_CC_BY_4
from kg.pipeline import contrib
from kg.services.refs import pick_with_lang
from kg.store.base import GraphStore
from kg.store.templates import select, select_page

MAX_SOURCES = 50  # per graph; a contributed graph may cite a page per course

# What the graphs the build writes hold, in Danish and English.
BUILT = {
    "build": (
        "Byggets proveniens: hvilke filer (med SHA-256) der blev indlæst, valideret og ræsonneret over.",
        "The build's provenance: which files (with SHA-256) were loaded, validated and reasoned over.",
    ),
    "inferred": (
        "Det, OWL RL-ræsonneringen slutter af de andre grafer (typer, overbegreber, omvendte relationer).",
        "What OWL RL reasoning entails from the other graphs (types, broader concepts, inverse links).",
    ),
}
# Rights of graphs that hold no licence of their own, in Danish and English.
RIGHTS = {
    "inferred": (
        "Slutninger fra de andre grafer: hver slutning er underlagt vilkårene for de udsagn, den følger af.",
        "Entailments of the other graphs: each conclusion is under the terms of the statements it follows "
        "from.",
    ),
    "contributed": (
        "Bidraget af den udbyder eller kommune, der er angivet som ophav; bidragyderens vilkår gælder.",
        "Contributed by the provider or municipality named as its creator; the contributor's terms apply.",
    ),
}


@dataclass
class GraphEntry:
    iri: str
    triples: int
    licences: set[str] = field(default_factory=set)
    rights: list[Literal] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    creators: set[str] = field(default_factory=set)  # whose content it is (dct:creator, attribution)
    publishers: set[str] = field(default_factory=set)  # who published the source it renders
    titles: list[Literal] = field(default_factory=list)
    descriptions: list[Literal] = field(default_factory=list)
    example: bool = False
    proposed: bool = False
    contributed_by: str | None = None

    @property
    def name(self) -> str:
        return self.iri.rsplit("/graph/", 1)[-1]


def _contributor(graph: str) -> str | None:
    """The agent IRI of the owner of a contributed graph (graph/providers/x, graph/municipalities/x)."""
    for kind in contrib.KINDS:
        prefix = str(ns.GRAPH[f"{kind}/"])
        if graph.startswith(prefix):
            return str(ns.ID[f"{kind.removesuffix('s')}/{graph[len(prefix) :].split('/', 1)[0]}"])
    return None


def _fill(entry: GraphEntry, key: Node, value: Node) -> None:
    if key == DCTERMS.license:
        entry.licences.add(str(value))
    elif key == DCTERMS.rights and isinstance(value, Literal):
        entry.rights.append(value)
    elif key == DCTERMS.source:
        entry.sources.append(str(value))
    elif key == DCTERMS.publisher:
        entry.publishers.add(str(value))
    elif key in (DCTERMS.creator, PROV.wasAttributedTo):
        entry.creators.add(str(value))
    elif key in (DCTERMS.title, SKOS.prefLabel) and isinstance(value, Literal):
        entry.titles.append(value)
    elif key == DCTERMS.description and isinstance(value, Literal):
        entry.descriptions.append(value)
    elif key == ns.DKK.status:
        entry.example |= value == ns.DKK.Example
        entry.proposed |= value == ns.DKK.Proposed


def catalogue(store: GraphStore, sizes: dict[str, int]) -> list[GraphEntry]:
    """One entry per graph of ``sizes`` (kg.pipeline.stats.graph_sizes), in its order."""
    said: dict[str, list[tuple[Node, Node]]] = defaultdict(list)
    for r in select(store, "graph_metadata").rows:
        said[str(r["graph"])].append((r["key"], r["value"]))
    return [_complete(store, GraphEntry(g, n), said.get(g, [])) for g, n in sizes.items()]


def entry(store: GraphStore, graph: str) -> GraphEntry:
    """The entry of one graph (its size left at 0): what a page's provenance block reads."""
    if graph.endswith("/graph/inferred"):  # (its terms are the caller's, as in graph_metadata.rq)
        return _complete(store, GraphEntry(graph, 0), [])
    said = [
        (r["key"], r["value"])
        for d in {r["d"] for r in select(store, "graph_described", graph=URIRef(graph)).rows}
        for r in select(store, "graph_statements", d=d).rows
    ]
    return _complete(store, GraphEntry(graph, 0), list(dict.fromkeys(said)))


def _complete(store: GraphStore, entry: GraphEntry, said: list[tuple[Node, Node]]) -> GraphEntry:
    """What the graph says of itself, and the rules for what it cannot say (module docstring)."""
    project = str(ns.ID["agent/dkk-project"])
    for key, value in said:
        _fill(entry, key, value)
    entry.sources = sorted(set(entry.sources))
    entry.contributed_by = _contributor(entry.iri)
    if entry.contributed_by:
        entry.creators.add(entry.contributed_by)
        entry.rights.extend(_rights("contributed"))
    elif entry.name in BUILT:
        entry.creators.add(project)
        entry.descriptions = [
            Literal(t, lang=lang) for lang, t in zip(("da", "en"), BUILT[entry.name], strict=True)
        ]
        if entry.name == "build":
            entry.licences.add(LICENCE_CC_BY_4)
        else:
            entry.rights.extend(_rights("inferred"))
    elif not entry.licences and not entry.rights and project in entry.creators | entry.publishers:
        entry.licences.add(LICENCE_CC_BY_4)  # the project's own data (data/LICENSE.md)
    if not entry.sources:
        rows = select_page(store, "graph_sources", MAX_SOURCES, 0, graph=URIRef(entry.iri)).rows
        entry.sources = [str(r["source"]) for r in rows]
    return entry


def _rights(kind: str) -> list[Literal]:
    da, en = RIGHTS[kind]
    return [Literal(da, lang="da"), Literal(en, lang="en")]


LICENCE_NAMES = {
    LICENCE_CC_BY_4: "CC BY 4.0",
    ns.LICENCE_ESCO: "ESCO",
}


def _in(texts: list[Literal], lang: str) -> str:
    """The text in ``lang``, else in English, else any."""
    return pick_with_lang(_by_lang(texts), lang)[0]


def _by_lang(texts: list[Literal]) -> dict[str, str]:
    """Texts by language, for the page to pick one and mark it when it is not in the reader's language."""
    return {t.language or "": str(t) for t in texts}


def agent_names(store: GraphStore) -> dict[str, list[Literal]]:
    """Each agent's names (prefLabel in every language it has)."""
    names: dict[str, list[Literal]] = defaultdict(list)
    for r in select(store, "agent_names").rows:
        if isinstance(r["name"], Literal):
            names[str(r["agent"])].append(r["name"])
    return names


def graph_rows(store: GraphStore, sizes: dict[str, int], lang: str) -> list[dict]:
    """Each graph as the site's table shows it: what it holds, whose it is, on what terms, from where."""
    names = {agent: _in(texts, lang) for agent, texts in agent_names(store).items()}
    return [
        {
            "graph": e.iri,
            "name": e.name,
            "triples": e.triples,
            "description": _by_lang(e.descriptions or e.titles),
            "creators": [
                {"iri": c, "name": names.get(c, c.rsplit("/", 1)[-1])}
                for c in sorted(e.publishers | e.creators)
            ],
            "licences": [{"iri": lic, "name": LICENCE_NAMES.get(lic, lic)} for lic in sorted(e.licences)],
            "rights": _by_lang(e.rights),
            "sources": e.sources,
            "status": "example" if e.example else "proposed" if e.proposed else "",
        }
        for e in catalogue(store, sizes)
    ]
