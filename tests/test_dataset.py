"""The dataset description, the dumps, the research queries and the landing page, over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, VOID
from typer.testing import CliRunner

from kg.cli import app
from kg.core.settings import ROOT
from kg.services.research_queries import all_queries
from kg.store import OxigraphStore

DS = URIRef("https://w3id.org/dkk/dataset")


def test_void_and_dcat_description(http: httpx.Client, server: str, store: OxigraphStore) -> None:
    g = Graph().parse(data=http.get("/dataset", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (DS, VOID.sparqlEndpoint, URIRef(f"{server}/sparql")) in g
    assert (DS, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert int(g.value(DS, VOID.triples)) == store.triple_count()
    assert len(list(g.objects(DS, VOID.dataDump))) == 5
    assert len(list(g.objects(DS, VOID.exampleResource))) >= 3
    assert (DS, DCTERMS.source, URIRef("https://doi.org/10.2760/0001149")) in g
    subsets = {str(s): int(g.value(s, VOID.triples)) for s in g.objects(DS, VOID.subset)}
    assert subsets["https://w3id.org/dkk/graph/digcomp3"] > 7000
    example = URIRef("https://w3id.org/dkk/graph/examples/courses")
    assert (
        example,
        URIRef("https://w3id.org/dkk/ontology#status"),
        URIRef("https://w3id.org/dkk/ontology#Example"),
    ) in g
    assert any(g.objects(None, URIRef("http://www.w3.org/ns/dcat#endpointURL")))
    html = http.get("/dataset", headers={"Accept": "text/html"})
    assert "/dumps/dkk.nq" in html.text


@pytest.mark.parametrize(
    "ext, parse",
    [
        ("ttl", "turtle"),
        ("nt", "nt"),
        ("nq", "nquads"),
        ("trig", "trig"),
        ("jsonld", "json-ld"),
    ],
)
def test_dumps_download_and_parse(http: httpx.Client, store: OxigraphStore, ext: str, parse: str) -> None:
    resp = http.get(f"/dumps/dkk.{ext}")
    assert resp.status_code == 200
    assert f'filename="dkk.{ext}"' in resp.headers["content-disposition"]
    if ext in ("ttl", "nt"):
        g = Graph().parse(data=resp.text, format=parse)
        assert (URIRef("https://w3id.org/dkk/id/digcomp3/4.2"), None, None) in g
        return
    ds = Dataset().parse(data=resp.text, format=parse)
    assert sum(len(ctx) for ctx in ds.graphs()) == store.triple_count()
    assert URIRef("https://w3id.org/dkk/graph/examples/profiles") in {c.identifier for c in ds.graphs()}


def test_cli_export(tmp_path: Path, store: OxigraphStore) -> None:
    out = tmp_path / "dkk.nq"
    result = CliRunner().invoke(app, ["export", "--format", "nq", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == store.triple_count()
    bad = CliRunner().invoke(app, ["export", "--format", "xlsx"])
    assert bad.exit_code == 2


def test_at_least_ten_documented_research_queries() -> None:
    queries = all_queries(ROOT / "queries")
    assert len(queries) >= 10
    for q in queries:
        assert q.title != q.name and len(q.description) > 40, q.name


@pytest.mark.parametrize("query", all_queries(ROOT / "queries"), ids=lambda q: q.name)
def test_research_query_answers_on_the_shipped_graph(http: httpx.Client, query) -> None:
    resp = http.get("/sparql", params={"query": query.text})
    assert resp.status_code == 200, resp.text
    assert resp.json()["results"]["bindings"], f"{query.name} returned no rows"


def test_research_query_results(http: httpx.Client) -> None:
    def rows(name: str) -> list[dict]:
        text = http.get(f"/queries/{name}.rq").text
        return http.get("/sparql", params={"query": text}).json()["results"]["bindings"]

    kl = rows("01-intermediate-outcomes-for-kl-data-security")
    assert {r["competence"]["value"].rsplit("/", 1)[-1] for r in kl} == {"4.1", "4.2"}
    assert all("/outcome/LO4." in r["outcome"]["value"] for r in kl)
    crosswalk = rows("08-level-crosswalk")
    assert [(r["level3"]["value"], r["step"]["value"]) for r in crosswalk][:2] == [
        ("Basic", "A1"),
        ("Basic", "A2"),
    ]
    assert len(crosswalk) == 8
    vulnerable = {
        r["practice"]["value"].rsplit("/", 1)[-1]
        for r in rows("03-practices-for-digitally-vulnerable-citizens")
    }
    assert vulnerable == {"fremfaerd-digital-inklusion"}
    assert len(rows("07-retitled-competences")) == 16


def _links_to(http: httpx.Client, path: str, hrefs: list[str]) -> str:
    page = http.get(path, headers={"Accept": "text/html"}).text
    assert [h for h in hrefs if f'href="{h}"' not in page] == []
    return page


def test_site_links_everything(http: httpx.Client) -> None:
    site = ["/ui/frameworks", "/ui/profiles", "/ui/gap", "/ui/practices", "/ui/providers", "/ui/query"]
    home = _links_to(http, "/?lang=en", [*site, "/ui/data", "/docs"])
    assert "made-up example data" in home
    data = ["/sparql", "/queries", "/dataset", "/dumps/dkk.ttl", "/dumps/dkk.nq", "/ontology", "/shapes"]
    page = _links_to(http, "/ui/data?lang=en", [*data, "/docs", "/frameworks", "/id/kl-wheel"])
    assert "Example data" in page
    listing = http.get("/queries", headers={"Accept": "text/html"})
    assert listing.status_code == 200 and "run (CSV)" in listing.text
