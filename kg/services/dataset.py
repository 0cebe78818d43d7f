"""The dataset's own description in VoID and DCAT: what it is, where to get it, how big.

Generated from the store (counts per graph, sources of every scheme, the build
record), so it cannot drift from the data it describes.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID, XSD

from kg import __version__
from kg.core import namespaces as ns
from kg.core.namespaces import LICENCE_CC_BY_4
from kg.core.settings import get_settings
from kg.store.base import GraphStore
from kg.store.dumps import DUMP_FORMATS
from kg.store.templates import select

EXAMPLES = (
    "digcomp3/4.2",
    "digcomp22/1.1",
    "kl-wheel/data-og-informationssikkerhed",
    "digcomp3/outcome/LO4.2.01",
    "practice/aarhus-digital-kultur",
)


def describe(store: GraphStore, server: str, built: str | None, sizes: dict[str, int]) -> Graph:
    """VoID + DCAT for the dataset; ``server`` is the public URL the API answers on, ``sizes`` the
    triples of each graph (kg.pipeline.stats.graph_sizes: counting them here read every triple)."""
    base = get_settings().base_iri
    server = server.rstrip("/")
    g = Graph()
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    ds = URIRef(base + "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("Digitalt kompetente kommuner – vidensgraf", lang="da")))
    g.add((ds, DCTERMS.title, Literal("Digitally competent municipalities – knowledge graph", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Digital competences for Danish municipal staff: DigComp 2.2 and 3.0, DigCompEdu, ESCO's "
                "DigComp concepts, KL's competence wheel, disciplines, organisational levels, citizen "
                "groups, "
                "best practice, and example profiles and courses (marked dkk:status dkk:Example).",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, URIRef(LICENCE_CC_BY_4)))
    g.add((ds, DCTERMS.publisher, ns.ID["agent/dkk-project"]))
    g.add((ds, OWL.versionInfo, Literal(__version__)))
    if built:
        g.add((ds, DCTERMS.modified, Literal(built, datatype=XSD.dateTime)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{server}/sparql")))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for vocab in ("dkk", "skos", "esco", "elm", "schema", "org", "prov", "dct"):
        g.add((ds, VOID.vocabulary, URIRef(ns.PREFIXES[vocab])))
    for example in EXAMPLES:
        g.add((ds, VOID.exampleResource, ns.ID[example]))
    g.add((ds, FOAF.homepage, URIRef(f"{server}/")))

    service = URIRef(f"{server}/sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, ds))
    g.add((ds, DCAT.distribution, _sparql_distribution(g, service)))

    for fmt in DUMP_FORMATS.values():
        url = URIRef(f"{server}/dumps/dkk.{fmt.ext}")
        dist = BNode(f"dump-{fmt.ext}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add(
            (dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}"))
        )
        g.add((dist, DCTERMS.title, Literal(fmt.name, lang="en")))
        g.add((dist, DCTERMS.license, URIRef(LICENCE_CC_BY_4)))

    for r in select(store, "dataset_sources").rows:
        g.add((ds, DCTERMS.source, r["source"]))
    examples = {str(r["graph"]) for r in select(store, "example_graphs", lang=Literal("en")).rows}
    for name, triples in sizes.items():
        graph = URIRef(name)
        g.add((ds, VOID.subset, graph))
        g.add((graph, RDF.type, VOID.Dataset))
        g.add((graph, VOID.triples, Literal(triples, datatype=XSD.integer)))
        g.add((graph, DCTERMS.title, Literal(str(graph).rsplit("/graph/", 1)[-1])))
        if str(graph) in examples:
            g.add((graph, ns.DKK.status, ns.DKK.Example))
    return g


def _sparql_distribution(g: Graph, service: URIRef) -> BNode:
    dist = BNode("sparql")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCAT.accessURL, service))
    g.add((dist, DCTERMS.title, Literal("SPARQL 1.1 endpoint (read-only)", lang="en")))
    return dist


def example_graphs(store: GraphStore, lang: str) -> list[dict[str, str]]:
    """The graphs of made-up example data, each with what it shows (in ``lang`` where there is one)."""
    rows = select(store, "example_graphs", lang=Literal(lang)).rows
    return [{"graph": str(r["graph"]), "description": str(r.get("description", ""))} for r in rows]
