"""Gap analysis on the example profile, and the SVG chart, over real HTTP."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
from rdflib import URIRef

from kg.services.profiles import resolve
from kg.store import OxigraphStore
from kg.store.templates import select

SVG_NS = "{http://www.w3.org/2000/svg}"
LOCAL = "example/profile/eksempelkommune-sosu"


def test_gap_analysis_with_recommendations(http: httpx.Client) -> None:
    resp = http.post(
        "/gap",
        json={
            "profile": LOCAL,
            "current": {
                "digcomp3:4.2": "Basic",
                "digcomp3:1.1": "Advanced",
                "kl:data-og-informationssikkerhed": "Mellem",
            },
        },
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    rows = {r["competence"]["id"]: r for r in body["requirements"]}
    assert len(rows) == 15  # inherited requirements included
    assert rows["digcomp3/1.1"]["gap"] == 0 and not rows["digcomp3/1.1"]["courses"]  # already above
    privacy = rows["digcomp3/4.2"]
    assert privacy["required"]["rank"] == 3 and privacy["current"] == 1 and privacy["gap"] == 2
    first = privacy["courses"][0]
    assert first["id"] == "example/course/professionshoejskole/sundhedsdata-sosu" and first["reachesRequired"]
    assert (
        "required 3" in first["reason"] and first["provider"]["id"] == "example/provider/professionshoejskole"
    )
    assert any(not c["reachesRequired"] for c in privacy["courses"])  # partial steps come after
    assert [p["id"] for p in privacy["practices"]] == ["practice/aarhus-digital-kultur"]
    assert body["totals"]["https://w3id.org/dkk/id/digcomp3/4"]["withGap"] >= 1
    assert rows["kl-wheel/data-og-informationssikkerhed"]["gap"] == 0  # "Mellem" = Intermediate


def test_team_csv(http: httpx.Client) -> None:
    csv = "competence;level;person\r\ndigcomp3:4.2;Basic;Anna\r\ndigcomp3:4.2;Advanced;Bo\r\n"
    resp = http.post(
        "/gap",
        params={"profile": "example/profile/generisk"},
        content=csv.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert resp.status_code == 200, resp.text
    privacy = next(r for r in resp.json()["requirements"] if r["competence"]["id"] == "digcomp3/4.2")
    assert resp.json()["members"] == 2 and privacy["current"] == 2.0 and privacy["membersBelow"] == 1


def test_bad_levels_are_reported(http: httpx.Client) -> None:
    resp = http.post("/gap", json={"profile": LOCAL, "current": {"digcomp3:4.2": "Expert", "x:1": "Basic"}})
    assert resp.status_code == 422
    fields = {p["field"] for p in resp.json()["problems"]}
    assert fields == {"level", "competence"}
    assert http.post("/gap", json={"profile": "example/profile/nope"}).status_code == 404


def _svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == SVG_NS + "svg" and root.get("role") == "img"
    return root


def test_chart_has_every_requirement(http: httpx.Client) -> None:
    profile = http.get(f"/profiles/{LOCAL}").json()
    resp = http.get(f"/profiles/{LOCAL}/chart.svg")
    assert resp.headers["content-type"].startswith("image/svg+xml")
    root = _svg(resp.text)
    labelled = {t.get("data-competence") for t in root.iter(SVG_NS + "text") if t.get("data-competence")}
    assert labelled == {r["competence"]["iri"] for r in profile["requirements"]}
    assert root.find(SVG_NS + "title") is not None and root.find(SVG_NS + "desc") is not None
    polygons = {p.get("class") for p in root.iter(SVG_NS + "polygon") if p.get("class")}
    assert polygons == {"required"}
    danish = _svg(http.get(f"/profiles/{LOCAL}/chart.svg?lang=da").text)
    assert "Beskyttelse af persondata og privatliv" in "".join(danish.itertext())


def test_chart_with_current_levels_from_gap(http: httpx.Client) -> None:
    resp = http.post(
        "/gap",
        json={"profile": LOCAL, "current": {"digcomp3:4.2": "Basic"}},
        headers={"Accept": "image/svg+xml"},
    )
    assert resp.headers["content-type"].startswith("image/svg+xml")
    root = _svg(resp.text)
    assert {p.get("class") for p in root.iter(SVG_NS + "polygon") if p.get("class")} == {
        "required",
        "current",
    }


def test_competence_first_templates_agree_with_the_general_courses_query(store: OxigraphStore) -> None:
    """coverage_courses.rq and gap_courses.rq are fast paths; rest/courses.rq is the reference."""
    any_ = URIRef("urn:dkk:any")
    checked = 0
    for profile in {r["profile"] for r in select(store, "rest/profiles").rows}:
        resolved = resolve(store, profile)
        assert resolved is not None
        for q in resolved.requirements:
            competence, level = URIRef(q.competence), URIRef(q.level)
            general = select(store, "rest/courses", competence=competence, minLevel=level, provider=any_)
            fast = select(store, "coverage_courses", competence=competence, minLevel=level)
            assert {str(r["course"]) for r in general.rows} == {str(r["course"]) for r in fast.rows}
            same = {q.competence} | {
                str(r["match"]) for r in select(store, "exact_matches", concept=competence).rows
            }
            general = select(store, "rest/courses", competence=competence, minLevel=any_, provider=any_)
            outcomes = {
                (str(r["course"]), str(r["level"])) for r in general.rows if str(r.get("taught")) in same
            }
            fast = select(store, "gap_courses", competence=competence)
            assert outcomes == {(str(r["course"]), str(r["level"])) for r in fast.rows}
            checked += 1
    assert checked >= 50
