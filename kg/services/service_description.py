"""The SPARQL 1.1 Service Description of the public endpoint: what a client may ask of it, said in RDF
(https://www.w3.org/TR/sparql11-service-description/), answered at GET /sparql without a query.

It says what the endpoint does and does not do, so that a generic client need not find out by trial:
SPARQL 1.1 Query only (no Update, no SERVICE), the default graph as the union of the named graphs, the
result formats it writes, its named graphs, and where the dataset's VoID/DCAT description is.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.core.i18n import written

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")
# What /sparql writes (kg.store.sparql_results), by the W3C's names for the formats.
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
GRAPH_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def describe(public_url: str, graphs: Iterable[str], result_limit: int, timeout_seconds: float) -> Graph:
    """The endpoint at ``public_url``/sparql, its dataset's named ``graphs`` and its limits."""
    base = public_url.rstrip("/")
    rows_da = written({"rows": result_limit}, "da")["rows"]  # 10.000
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(f"{base}/sparql")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, DCTERMS.title, Literal("DKK – digitale kompetencer (SPARQL)", lang="da")))
    g.add((service, DCTERMS.title, Literal("DKK digital competences (SPARQL)", lang="en")))
    g.add(
        (
            service,
            DCTERMS.description,
            Literal(
                f"Read-only SPARQL 1.1 Query: no Update and no SERVICE (the endpoint connects nowhere). "
                f"Answers stop at {result_limit:,} rows (header DKK-Truncated) and queries at "
                f"{timeout_seconds:g} s.",
                lang="en",
            ),
        )
    )
    g.add(
        (
            service,
            DCTERMS.description,
            Literal(
                f"Skrivebeskyttet SPARQL 1.1-forespørgsel: ingen opdateringer og ingen SERVICE (endpointet "
                f"forbinder sig ingen steder hen). Svar stopper ved {rows_da} rækker (headeren "
                f"DKK-Truncated) og forespørgsler efter {timeout_seconds:g} s.",
                lang="da",
            ),
        )
    )
    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))  # described in full by VoID and DCAT at /dataset
    g.add((dataset, DCTERMS.source, URIRef(f"{base}/dataset")))
    default = BNode("default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for i, name in enumerate(sorted(graphs)):
        named = BNode(f"graph-{i}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return g
