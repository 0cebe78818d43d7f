"""ESCO's digital skills collection: its own graph with ESCO's IRIs, labels and licence, found by the
site's search, and accepted where courses name competences (CSV, and ELM's relatedESCOSkill)."""

from __future__ import annotations

import httpx

from kg.store import OxigraphStore

DIGITAL = "http://data.europa.eu/esco/concept-scheme/6c930acd-c104-4ece-acf7-f44fd7333036"
HASKELL = "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02"
ESCO_LICENCE = "https://esco.ec.europa.eu/en/about-esco/data-science-and-esco/esco-licence"


def test_collection_is_its_own_graph_with_esco_terms(store: OxigraphStore) -> None:
    rows = store.query(
        f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX esco: <http://data.europa.eu/esco/model#>
        SELECT (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?typed) AS ?typed) (SAMPLE(?g) AS ?graph) WHERE {{
          GRAPH ?g {{ ?s skos:inScheme <{DIGITAL}> ; skos:prefLabel ?label . FILTER(LANG(?label) = "en") }}
          OPTIONAL {{ ?s esco:skillType ?t ; esco:skillReuseLevel ?r . BIND(?s AS ?typed) }}
          FILTER(STRSTARTS(STR(?s), "http://data.europa.eu/esco/skill/"))
        }}"""
    ).rows[0]
    assert int(rows["n"]) == 1284 and int(rows["typed"]) > 1200
    assert str(rows["graph"]) == "https://w3id.org/dkk/graph/esco-digital"
    terms = store.query(
        f"SELECT ?l ?r WHERE {{ <{DIGITAL}> <http://purl.org/dc/terms/license> ?l ; "
        f"<http://purl.org/dc/terms/rights> ?r }}"
    ).rows
    assert {str(r["l"]) for r in terms} == {ESCO_LICENCE}
    assert any("ESCO classification of the European Commission" in str(r["r"]) for r in terms)


def test_search_finds_esco_digital_skills(http: httpx.Client) -> None:
    page = http.get("/ui/search", params={"q": "Haskell", "framework": "esco-digital"}).text
    assert "000f1d3d-220f-4789-9c0a-cc742521fb02" in page
    assert '<option value="esco-digital" selected>' in page  # the registry's key names the filter
    data = http.get("/ui/search", params={"q": "data", "framework": "esco-digital", "lang": "en"}).text
    everything = http.get("/ui/search", params={"q": "data", "lang": "en"}).text
    assert "digcomp3%2F" in everything and "digcomp3%2F" not in data and "esco" in data
    concept = http.get("/ui/concept", params={"id": HASKELL})
    assert concept.status_code == 200 and "ESCO" in concept.text
