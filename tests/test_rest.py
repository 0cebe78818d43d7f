"""REST answers: JSON, paginated, in the OpenAPI document, reproducible from their SPARQL templates."""

from __future__ import annotations

import re

import httpx
import pytest

from kg.core.settings import ROOT

PATHS = [
    "/frameworks",
    "/frameworks/digcomp3/concepts",
    "/frameworks/digcomp3/course-counts",
    "/competences?q=privacy",
    "/competences/digcomp3/4.2",
    "/profiles",
    "/profiles/example/profile/generisk",
    "/disciplines",
    "/organisational-levels",
    "/practices",
    "/courses",
]


@pytest.mark.parametrize("path", PATHS)
def test_answer_links_to_its_templates(http: httpx.Client, path: str) -> None:
    resp = http.get(path)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/json"
    links = re.findall(r"<([^>]+)>; rel=\"describedby\"", resp.headers["link"])
    assert links and links == resp.json()["queries"]
    for link in links:
        tpl = http.get(link)
        assert tpl.status_code == 200 and tpl.headers["content-type"] == "application/sparql-query"
        assert "SELECT" in tpl.text


def test_answer_reproduces_at_the_sparql_endpoint(http: httpx.Client) -> None:
    answer = http.get("/frameworks").json()
    template = http.get(answer["queries"][0]).text
    rows = http.get("/sparql", params={"query": template}).json()["results"]["bindings"]
    assert {r["framework"]["value"] for r in rows} == {f["iri"] for f in answer["items"]}


def test_openapi_lists_every_rest_path(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    for p in (
        "/frameworks",
        "/frameworks/{framework_id}/concepts",
        "/frameworks/{framework_id}/course-counts",
        "/competences",
        "/competences/{competence_id}",
        "/profiles",
        "/profiles/{profile_id}",
        "/disciplines",
        "/organisational-levels",
        "/practices",
        "/courses",
        "/sparql",
        "/dataset",
    ):
        assert p in paths, p


def test_frameworks_and_tree(http: httpx.Client) -> None:
    items = {f["id"]: f for f in http.get("/frameworks").json()["items"]}
    assert set(items) == {"digcomp22", "digcomp3", "digcompedu", "kl-wheel", "kl-underlying"}
    assert items["digcomp3"]["version"] == "3.0" and items["digcomp3"]["scale"]["id"] == "digcomp3/levels"
    assert items["digcomp3"]["publisher"] == "https://w3id.org/dkk/id/agent/jrc"
    assert items["digcomp3"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    kl = items["kl-wheel"]  # compiled by us from KL's pages: KL made it, KL did not publish it (issue 16)
    assert kl["creator"] == "https://w3id.org/dkk/id/agent/kl"
    assert kl["publisher"] is None and kl["license"] is None and kl["issued"] is None
    assert "KL has not published this compilation" in kl["rights"]
    tree = http.get("/frameworks/kl-wheel/concepts").json()["concepts"]
    assert len(tree) == 4
    assert sorted(len(area["children"]) for area in tree) == [1, 2, 3, 3]
    assert http.get("/frameworks/nope/concepts").status_code == 404


def test_courses_per_area_are_the_research_query_s_counts(http: httpx.Client) -> None:
    """The REST answer (from the course index) and research query 02 at /sparql count alike."""
    answer = http.get("/frameworks/digcomp3/course-counts").json()
    text = (ROOT / "queries" / "02-courses-per-competence-area.rq").read_text()
    rows = http.get("/sparql", params={"query": text}).json()["results"]["bindings"]
    assert {a["iri"]: a["courses"] for a in answer["items"]} == {
        r["area"]["value"]: int(r["courses"]["value"]) for r in rows
    }
    assert all(a["label"] for a in answer["items"]) and sum(a["courses"] for a in answer["items"]) > 0
    assert http.get("/frameworks/nothing/course-counts").status_code == 404


def test_competence_search_and_pagination(http: httpx.Client) -> None:
    found = http.get("/competences", params={"q": "privacy", "lang": "en"}).json()
    assert {"digcomp22/4.2", "digcomp3/4.2"} <= {c["id"] for c in found["items"]}
    danish = http.get("/competences", params={"q": "persondata", "lang": "da"}).json()
    assert "digcomp3/4.2" in {c["id"] for c in danish["items"]}
    by_code = http.get("/competences", params={"q": "4.2", "framework": "digcomp3"}).json()
    assert [c["id"] for c in by_code["items"]] == ["digcomp3/4.2"]
    everything = http.get("/competences", params={"limit": 10, "offset": 5}).json()
    assert everything["total"] == 101 and len(everything["items"]) == 10 and everything["offset"] == 5
    bad = http.get("/competences", params={"lang": "fr"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["errors"][0]["field"] == "query.lang"


def test_competence_detail(http: httpx.Client) -> None:
    c = http.get("/competences/digcomp3/4.2").json()
    assert c["label"]["en"] == "Protecting personal data and privacy"
    assert c["ourTranslations"] == ["da"]  # the JRC publishes English only: the Danish name is ours
    kl = http.get("/competences/kl-wheel/technology-assessment").json()
    assert kl["ourTranslations"] == ["da"] and "not yet confirmed" in kl["notes"]["en"]
    own = http.get("/competences/kl-wheel/dataanvendelse").json()
    assert own["ourTranslations"] == []  # KL's own name
    assert own["ourDescriptions"] == ["da", "en"] and "god kvalitet" in own["description"]["da"]  # our words
    assert c["ourDescriptions"] == []  # DigComp's descriptions are the JRC's
    assert [lv["rank"] for lv in c["levels"]] == [1, 2, 3, 4]
    outcomes = [o for o in c["outcomes"] if o["type"] == "LearningOutcome"]
    assert outcomes and all(o["ksa"] in ("Knowledge", "Skill", "Attitude") for o in outcomes)
    mapped = {(m["direction"], m["predicate"].rsplit("#")[-1], m["other"]["iri"]) for m in c["mappings"]}
    assert ("to", "closeMatch", "https://w3id.org/dkk/id/digcomp22/4.2") in mapped  # same title, new text
    assert ("to", "narrowMatch", "https://w3id.org/dkk/id/kl-wheel/data-og-informationssikkerhed") in mapped
    # the KL sub-area is a mapping, never a parent: the hierarchy is the publisher's own (issue 16)
    assert [b["iri"] for b in c["broader"]] == ["https://w3id.org/dkk/id/digcomp3/4"]
    area = http.get("/competences/digcomp3/4").json()
    assert all(n["iri"].startswith("https://w3id.org/dkk/id/digcomp3/") for n in area["narrower"])
    assert "example/profile/generisk" in {p["id"] for p in c["profiles"]["items"]}
    # the lists inside the answer are bounded: the first items, the total, and the list with all of them
    courses = c["courses"]
    assert len(courses["items"]) == min(courses["total"], 10)
    everything = http.get(courses["href"] + "&limit=1000").json()
    assert everything["total"] == courses["total"]
    assert [x["id"] for x in everything["items"][:10]] == [x["id"] for x in courses["items"]]
    assert "example/course/akademi/gdpr-i-praksis" in {x["id"] for x in everything["items"]}
    practices = http.get(c["practices"]["href"]).json()
    assert practices["total"] == c["practices"]["total"]
    profiles = http.get(c["profiles"]["href"] + "&limit=1000").json()
    assert profiles["total"] == c["profiles"]["total"] > 0
    assert http.get("/competences/digcomp3/9.9").status_code == 404


def test_profile_with_inherited_requirements(http: httpx.Client) -> None:
    p = http.get("/profiles/example/profile/eksempelkommune-sosu").json()
    assert [x["id"] for x in p["chain"]] == [
        "example/profile/generisk",
        "example/profile/sosu",
        "example/profile/eksempelkommune-sosu",
    ]
    reqs = {r["competence"]["id"]: r for r in p["requirements"]}
    assert reqs["digcomp3/4.3"]["level"]["id"] == "digcomp3/level/advanced"  # local override
    assert not reqs["digcomp3/4.3"]["inherited"]
    assert reqs["digcomp3/4.2"]["statedIn"]["id"] == "example/profile/sosu"  # discipline override
    assert reqs["digcomp3/1.1"]["inherited"]  # from the generic profile
    assert "digcomp3/5.4" not in reqs and [r["id"] for r in p["removed"]] == ["digcomp3/5.4"]
    listing = {x["id"]: x for x in http.get("/profiles").json()["items"]}
    assert listing["example/profile/sosu"]["derivedFrom"]["id"] == "example/profile/generisk"
    assert all(x["example"] for x in listing.values())


def test_disciplines_levels_practices_courses(http: httpx.Client) -> None:
    disciplines = http.get("/disciplines").json()["items"]
    assert len(disciplines) == 4 and all(d["match"] for d in disciplines)
    assert len(http.get("/organisational-levels").json()["items"]) == 3
    older = http.get("/practices", params={"group": "citizen-group/aeldre"}).json()["items"]
    assert {p["id"] for p in older} == {
        "practice/fremfaerd-digital-inklusion",
        "practice/rodovre-borgerudvalg",
    }
    privacy = http.get("/practices", params={"competence": "digcomp3/4.2"}).json()["items"]
    assert [p["id"] for p in privacy] == ["practice/aarhus-digital-kultur"]  # via 2.2 <-> 3.0 match
    advanced = http.get(
        "/courses", params={"competence": "digcomp3/4.2", "min_level": "digcomp3/level/advanced"}
    ).json()["items"]
    assert [c["id"] for c in advanced] == ["example/course/professionshoejskole/sundhedsdata-sosu"]
    by_provider = http.get("/courses", params={"provider": "example/provider/konsulenthus"}).json()
    assert by_provider["total"] == 11 and all(c["example"] for c in by_provider["items"])


def test_profile_coverage_and_gaps(http: httpx.Client) -> None:
    cov = http.get("/profiles/example/profile/eksempelkommune-sosu/coverage").json()
    assert cov["total"] == 15 and cov["covered"] + len(cov["gaps"]) == 15
    by_id = {r["competence"]["id"]: r for r in cov["requirements"]}
    # 4.3 is required at Advanced locally; the example catalogue teaches it at Intermediate at most
    assert not by_id["digcomp3/4.3"]["covered"] and "digcomp3/4.3" in {g["id"] for g in cov["gaps"]}
    meeting = by_id["digcomp3/4.2"]["courses"]  # a count, the first 3, and the /courses query with all
    assert meeting["total"] >= len(meeting["items"]) and len(meeting["items"]) <= 3
    every = http.get(meeting["href"] + "&limit=1000").json()
    assert every["total"] == meeting["total"]
    assert "example/course/professionshoejskole/sundhedsdata-sosu" in {c["id"] for c in every["items"]}
    assert all(r["covered"] == (r["courses"]["total"] > 0) for r in cov["requirements"])
    assert http.get("/profiles/example/profile/nope/coverage").status_code == 404


def test_provider_coverage(http: httpx.Client) -> None:
    cov = http.get("/providers/example/provider/akademi/coverage").json()
    taught = {(c["competence"]["id"], c["maxRank"]) for c in cov["competences"]}
    assert ("digcomp3/4.2", 2) in taught  # GDPR i praksis: Intermediate
    assert all(c["courses"] >= 1 for c in cov["competences"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("GDPR og databeskyttelse for sagsbehandlere", "digcomp3/4.2"),
        ("Copyright and Creative Commons licences for teachers", "digcomp3/3.3"),
    ],
)
def test_suggest_ranks_competences_with_evidence(http: httpx.Client, text: str, expected: str) -> None:
    got = http.get("/suggest", params={"text": text, "framework": "digcomp3", "limit": 3}).json()
    top = got["competences"][0]
    assert top["competence"]["id"] == expected
    assert top["score"] > 0 and top["evidence"]
    if expected == "digcomp3/3.3":  # English text also finds learning outcomes, with their level
        assert got["learningOutcomes"] and got["learningOutcomes"][0]["level"] in (
            "Basic",
            "Intermediate",
            "Advanced",
            "Highly advanced",
        )
    assert http.get("/suggest", params={"text": ""}).status_code == 422


def test_course_pages_follow_their_next_links_to_every_course(http: httpx.Client) -> None:
    """Pages of 3, by the ``next`` link (and the Link header): every course once, in IRI order."""
    whole = http.get("/courses", params={"limit": 1000}).json()
    seen: list[str] = []
    path: str | None = "/courses?limit=3"
    while path:
        resp = http.get(path)
        body = resp.json()
        assert body["total"] == whole["total"] and len(body["items"]) <= 3
        seen += [c["iri"] for c in body["items"]]
        path = body["next"]
        assert (path is None) == ('rel="next"' not in resp.headers.get("link", ""))
    assert seen == [c["iri"] for c in whole["items"]] == sorted(seen)
    assert len(seen) == whole["total"] > 3
    past = http.get("/courses", params={"offset": whole["total"] + 5}).json()
    assert past["items"] == [] and past["total"] == whole["total"] and past["next"] is None
