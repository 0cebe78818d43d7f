"""Linked Data: IRIs under the base dereference, with content negotiation, over real HTTP."""

from __future__ import annotations

import re
from collections import defaultdict

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, VOID

from kg.store import OxigraphStore, SelectResult

BASE = "https://w3id.org/dkk/"
PRIVACY = URIRef(BASE + "id/digcomp3/4.2")
LABEL = (PRIVACY, SKOS.prefLabel, Literal("Protecting personal data and privacy", lang="en"))


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_resource_in_each_rdf_type(http: httpx.Client, accept: str, rdflib_format: str) -> None:
    resp = http.get("/id/digcomp3/4.2", headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == accept
    assert "Accept" in resp.headers["vary"]
    g = Graph().parse(data=resp.text, format=rdflib_format)
    assert LABEL in g
    assert (PRIVACY, RDF.type, URIRef(BASE + "ontology#Competence")) in g


def test_resource_as_html_for_browsers(http: httpx.Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    resp = http.get("/id/digcomp3/4.2", headers={"Accept": browser, "Accept-Language": "da"})
    assert resp.headers["content-type"].startswith("text/html")
    assert '<html lang="da">' in resp.text
    assert "<h1>Beskyttelse af persondata og privatliv</h1>" in resp.text
    assert 'href="/id/digcomp3/4"' in resp.text  # links to related resources stay on this server
    assert "Linket fra" in resp.text and "Linked from" not in resp.text  # the view is Danish throughout
    english = http.get("/id/digcomp3/4.2?lang=en", headers={"Accept": "text/html"})
    assert "<h1>Protecting personal data and privacy</h1>" in english.text and "Linked from" in english.text


def test_example_resources_say_so(http: httpx.Client) -> None:
    resp = http.get("/id/example/course/akademi/gdpr-i-praksis", headers={"Accept": "text/html"})
    assert "Example data" in resp.text


def test_format_parameter_and_406(http: httpx.Client) -> None:
    assert http.get("/id/digcomp3/4.2?format=jsonld").headers["content-type"] == "application/ld+json"
    resp = http.get("/id/digcomp3/4.2", headers={"Accept": "application/pdf"})
    assert resp.status_code == 406 and resp.headers["content-type"] == "application/problem+json"


def test_unknown_resource_is_404(http: httpx.Client) -> None:
    resp = http.get("/id/no/such/thing")
    assert resp.status_code == 404 and resp.json()["status"] == 404


def test_every_kind_of_iri_dereferences(http: httpx.Client, store: OxigraphStore) -> None:
    res = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{BASE}')) }}")
    assert isinstance(res, SelectResult)
    kinds: dict[str, list[str]] = defaultdict(list)
    for row in res.rows:
        iri = str(row["s"])
        kind = re.sub(r"[^/#]+$", "", iri[len(BASE) :])  # the IRI minus its last segment
        kinds[kind].append(iri)
    assert len(kinds) > 20
    for kind, iris in sorted(kinds.items()):
        for iri in sorted(iris)[:3]:
            path = "/" + iri[len(BASE) :]
            if "#" in path:  # ontology#Term, shapes#Shape: the document, with an anchor for the term
                doc, fragment = path.split("#", 1)
                resp = http.get(doc, headers={"Accept": "text/html"})
                assert resp.status_code == 200, iri
                assert f'id="{fragment}"' in resp.text, f"{iri}: no anchor in {doc}"
                continue
            resp = http.get(path, headers={"Accept": "text/turtle"})
            assert resp.status_code == 200, f"{iri} ({kind}) -> {resp.status_code}"


def test_ontology_shapes_and_graphs(http: httpx.Client) -> None:
    onto = Graph().parse(data=http.get("/ontology", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (URIRef(BASE + "ontology#Competence"), SKOS.definition, None) in onto
    from kg import __version__

    versioned = http.get(f"/ontology/{__version__}", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert versioned.status_code == 200 and "owl:versionIRI" in versioned.text
    shapes = Graph().parse(data=http.get("/shapes", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert len(list(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 20
    kl = http.get("/graph/kl-wheel", params={"view": "content"}, headers={"Accept": "application/n-triples"})
    assert kl.status_code == 200 and "kl-wheel/dataanvendelse" in kl.text
    assert http.get("/graph/nope").status_code == 404


def test_a_named_graph_dereferences_to_its_description(http: httpx.Client) -> None:
    """The graph's IRI names the graph: its description (size, licence, makers, sources) and a link to
    its content, which is where the link says."""
    graph = URIRef(BASE + "graph/kl-wheel")
    described = Graph().parse(data=http.get("/graph/kl-wheel", headers={"Accept": "text/turtle"}).text)
    assert int(described.value(graph, VOID.triples)) > 50
    rights = described.value(graph, DCTERMS.rights)  # KL's wheel: KL's, with no licence of ours
    assert described.value(graph, DCTERMS.license) is None and any(described.objects(rights, None))
    assert described.value(graph, DCTERMS.source) is not None
    assert not any(described.subjects(SKOS.inScheme, None))  # the description, not the content
    dump = str(described.value(graph, VOID.dataDump))
    assert dump == f"{graph}?view=content"
    content = http.get(dump.replace(BASE, "/"), headers={"Accept": "text/turtle"})
    assert "kl-wheel/dataanvendelse" in content.text
    assert http.get("/graph/nope", headers={"Accept": "text/turtle"}).status_code == 404
    page = http.get("/graph/kl-wheel", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "?view=content" in page.text
