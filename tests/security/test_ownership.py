"""Writers stay in their own namespace, in meaning as well as in name (kg.services.ownership).

A provider tries to pass a "course" off as a DigComp competence, to write about
DigComp's concepts, to link where it may not, and to make inference write for it.
Each attempt is refused with a 422 naming the triple, and the public views (REST,
site, search, SPARQL) are as they were.
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.core.namespaces import DKK
from kg.services import ownership

from .conftest import Site

ID = "https://w3id.org/dkk/id/"
PREFIXES = """@prefix dkk: <https://w3id.org/dkk/ontology#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
OUTCOME = f"""dkk:hasOutcome [ a dkk:CourseOutcome ; dkk:teachesCompetence <{ID}digcomp3/4.2> ;
    dkk:targetLevel <{ID}digcomp3/level/basic> ]"""
ATTACKS = {
    "course-as-digcomp-competence": f"""<evil> a dkk:CourseOffering , dkk:Competence ; dct:title "Evil"@da ;
        skos:inScheme <{ID}digcomp3> ; skos:broader <{ID}digcomp3/4> ;
        skos:prefLabel "Evil"@en ; {OUTCOME} .""",
    "about-a-digcomp-concept": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ; {OUTCOME} .
        <{ID}digcomp3/4.2> skos:prefLabel "Hijacked"@en .""",
    "about-another-provider": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ; {OUTCOME} .
        <{ID}provider/beta/course/x> dct:title "Hijacked"@da .""",
    "unknown-property": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ; skos:broader <{ID}digcomp3/4> ;
        {OUTCOME} .""",
    "javascript-url": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ; schema:url <javascript:alert(1)> ;
        {OUTCOME} .""",
    "data-url": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ;
        schema:url <data:text/html,hi> ; {OUTCOME} .""",
    "teaches-another-providers-course": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ;
        dkk:hasOutcome [ a dkk:CourseOutcome ; dkk:teachesCompetence <{ID}provider/beta/course/x> ;
        dkk:targetLevel <{ID}digcomp3/level/basic> ] .""",
    "outcome-also-a-profile": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ;
        dkk:hasOutcome <ok/o> . <ok/o> a dkk:CourseOutcome , dkk:CompetenceProfile ;
        dkk:teachesCompetence <{ID}digcomp3/4.2> ; dkk:targetLevel <{ID}digcomp3/level/basic> .""",
    "source-forged": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ;
        dct:source <https://joint-research-centre.ec.europa.eu/> ; {OUTCOME} .""",
    "generated-by-someone-else": f"""<ok> a dkk:CourseOffering ; dct:title "OK"@da ;
        prov:wasGeneratedBy <{ID}provider/beta/import/1> ; {OUTCOME} .""",
}


def _upload(site: Site, ttl: str, who: str = "alpha", **params: str) -> httpx.Response:
    return httpx.post(
        f"{site.url}/providers/{who}/courses",
        params={"mode": "merge", **params},
        headers=site.auth(who),
        files={"file": ("c.ttl", (PREFIXES + ttl).encode(), "text/turtle")},
        timeout=60,
    )


def _digcomp_view(site: Site) -> tuple[object, object, bool]:
    """DigComp 3.0 as the REST tree, search and the site's tree show it (JSON compared as data:
    key order may differ between the workers that answer)."""
    tree = httpx.get(f"{site.url}/frameworks/digcomp3/concepts").json()
    search = httpx.get(f"{site.url}/competences", params={"q": "Evil"}).json()
    page = httpx.get(f"{site.url}/ui/frameworks/digcomp3").text
    return tree, search, any(word in page for word in ("Evil", "Hijacked", "/provider/"))


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_an_upload_cannot_write_outside_its_kinds(site: Site, name: str) -> None:
    before = _digcomp_view(site)
    file = site.tmp / "contrib" / "providers" / "alpha.nq"
    file_before = file.read_bytes() if file.exists() else b""
    resp = _upload(site, ATTACKS[name])
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    problems = resp.json()["problems"]
    assert problems and all(p["field"] == "triple" for p in problems), problems
    assert all(p["value"].startswith("<") for p in problems), problems  # the triple is named
    assert all(p["message_da"] and p["message_en"] for p in problems)  # in Danish and English
    assert _digcomp_view(site) == before
    assert (file.read_bytes() if file.exists() else b"") == file_before


def test_the_injection_names_each_offending_triple(site: Site) -> None:
    problems = _upload(site, ATTACKS["course-as-digcomp-competence"]).json()["problems"]
    values = " ".join(p["value"] for p in problems)
    assert f"{DKK.Competence}" in values


def test_a_good_upload_infers_only_about_its_own_resources(site: Site) -> None:
    resp = _upload(
        site,
        f"""<good> a dkk:CourseOffering ; dct:title "God"@da ;
        schema:url <https://example.org/kursus> ; {OUTCOME} .""",
    )
    assert resp.status_code == 200, resp.text
    query = f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/dkk/graph/providers/alpha/inferred>
        {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?s), "{ID}provider/alpha/")) }}"""
    n = httpx.get(f"{site.url}/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]
    assert n["value"] == "0"
    inferred = "ASK { GRAPH <https://w3id.org/dkk/graph/providers/alpha/inferred> { ?s ?p ?o } }"
    assert httpx.get(f"{site.url}/sparql", params={"query": inferred}).json()["boolean"] is True
    page = httpx.get(f"{site.url}/ui/course", params={"id": f"{ID}provider/alpha/course/good"})
    assert 'href="https://example.org/kursus"' in page.text


def test_inference_is_cut_to_the_contributors_namespace() -> None:
    g = Graph()
    mine, theirs = URIRef(ID + "provider/alpha/course/a"), URIRef(ID + "digcomp3/4")
    g.add((mine, RDF.type, DKK.CourseOffering))
    g.add((theirs, SKOS.narrower, mine))
    kept = ownership.own_inferences(g, "alpha", "providers")
    assert set(kept) == {(mine, RDF.type, DKK.CourseOffering)}


def test_a_municipality_profile_is_held_to_its_kinds() -> None:
    g = Graph()
    profile = URIRef(ID + "municipality/aarhus/profile/p")
    g.add((profile, RDF.type, DKK.CompetenceProfile))
    g.add((profile, SKOS.broader, URIRef(ID + "digcomp3/4")))
    g.add((URIRef(ID + "digcomp3/4"), SKOS.prefLabel, URIRef(ID + "x")))
    problems = ownership.breaches(g, "aarhus", "municipalities")
    assert len(problems) == 2 and all(p.field == "triple" for p in problems)
