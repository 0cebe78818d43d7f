"""One identifier scheme on every entry point: the short id, the CURIE and the full IRI name the same
thing on REST, in CSV uploads, in /gap and on the site; an unknown value is a 4xx that names it and
suggests the nearest spellings, never an empty 200."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from .sites import Site, serve_site

IRI = "https://w3id.org/dkk/id/digcomp3/4.2"
FORMS = ["digcomp3/4.2", "digcomp3:4.2", IRI]
PROFILE = "example/profile/eksempelkommune-sosu"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from serve_site(tmp_path_factory, "identifiers")


@pytest.mark.parametrize("form", FORMS)
def test_rest_answers_the_same_competence_for_every_form(site: Site, form: str) -> None:
    body = httpx.get(f"{site.url}/competences/{form}").json()
    assert (body["iri"], body["id"], body["curie"]) == (IRI, "digcomp3/4.2", "digcomp3:4.2")
    courses = httpx.get(f"{site.url}/courses", params={"competence": form, "limit": 1000}).json()
    assert courses["total"] > 0
    assert courses["total"] == httpx.get(f"{site.url}/courses", params={"competence": IRI}).json()["total"]
    practices = httpx.get(f"{site.url}/practices", params={"competence": form}).json()
    assert [p["id"] for p in practices["items"]] == ["practice/aarhus-digital-kultur"]


@pytest.mark.parametrize("form", FORMS)
def test_site_shows_the_same_concept_for_every_form(site: Site, form: str) -> None:
    page = httpx.get(f"{site.url}/ui/concept", params={"id": form, "lang": "en"})
    assert page.status_code == 200
    assert "Protecting personal data and privacy" in page.text


@pytest.mark.parametrize("form", FORMS)
def test_gap_reads_every_form(site: Site, form: str) -> None:
    as_json = httpx.post(f"{site.url}/gap", json={"profile": PROFILE, "current": {form: "Basic"}})
    csv = f"competence;level\r\n{form};Basic\r\n".encode()
    as_csv = httpx.post(
        f"{site.url}/gap", params={"profile": PROFILE}, content=csv, headers={"Content-Type": "text/csv"}
    )
    for resp in (as_json, as_csv):
        assert resp.status_code == 200, resp.text
        rows = {r["competence"]["id"]: r for r in resp.json()["requirements"]}
        assert rows["digcomp3/4.2"]["current"] == 1


def test_csv_upload_reads_every_form(site: Site) -> None:
    rows = "".join(
        f"c{i};Kursus {i};;7;;online;{form};Intermediate\r\n" for i, form in enumerate(FORMS, start=1)
    )
    data = ("course_id;title_da;title_en;hours;ects;mode;competence_1;level_1\r\n" + rows).encode()
    resp = httpx.post(
        f"{site.url}/providers/alpha/courses",
        params={"dry_run": "true"},
        headers={**site.auth("alpha"), "Content-Type": "text/csv"},
        content=data,
    )
    assert resp.status_code == 200, resp.text
    assert len(resp.json()["courses"]) == 3


def test_providers_by_bare_id(site: Site) -> None:
    data = b"course_id;title_da;competence_1;level_1\r\nx;Kursus;digcomp3:4.2;Basic\r\n"
    assert site.upload_csv(data).status_code == 200
    for form in ("alpha", "provider/alpha", "https://w3id.org/dkk/id/provider/alpha"):
        found = httpx.get(f"{site.url}/courses", params={"provider": form}).json()
        assert found["total"] == 1, form
        coverage = httpx.get(f"{site.url}/providers/{form}/coverage")
        assert coverage.status_code == 200 and coverage.json()["competences"], form


@pytest.mark.parametrize(
    ("path", "params", "field", "suggestion"),
    [
        ("/courses", {"competence": "digcomp3:4.22"}, "competence", "digcomp3:4.2"),
        ("/courses", {"competence": "digcomp3/99"}, "competence", None),
        ("/courses", {"provider": "akademi"}, "provider", "example/provider/akademi"),
        ("/courses", {"min_level": "Expert"}, "min_level", None),
        ("/courses", {"competence": "digcomp3:4.2", "min_level": "Expert"}, "min_level", None),
        ("/mappings", {"subject": "digcomp22:1.11"}, "subject", "digcomp22:1.1"),
        ("/mappings", {"predicate": "skos:sameMatch"}, "predicate", None),
        ("/practices", {"group": "nobody"}, "group", None),
        ("/competences", {"framework": "digcomp4"}, "framework", "digcomp3"),
        ("/competences", {"framework": "nope:x"}, "framework", None),
    ],
)
def test_unknown_filter_values_are_4xx_naming_them(
    site: Site, path: str, params: dict[str, str], field: str, suggestion: str | None
) -> None:
    resp = httpx.get(site.url + path, params=params)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    problem = resp.json()
    assert problem["field"] == field
    assert repr(params[field]) in problem["detail"]
    if suggestion:
        assert suggestion in problem["suggestions"], problem


def test_levels_by_notation_or_label(site: Site) -> None:
    by = {
        form: httpx.get(
            f"{site.url}/courses", params={"competence": "digcomp3:4.2", "min_level": form}
        ).json()["total"]
        for form in (
            "Intermediate",
            "intermediate",
            "digcomp3/level/intermediate",
            "digcomp3:level/intermediate",
        )
    }
    assert len(set(by.values())) == 1 and next(iter(by.values())) > 0, by
    ambiguous = httpx.get(f"{site.url}/courses", params={"min_level": "Intermediate"})
    assert ambiguous.status_code in (200, 422)  # unique or named as ambiguous, never a guess


@pytest.mark.parametrize(
    ("path", "suggestion"),
    [("/competences/digcomp3/4.22", "digcomp3:4.2"), ("/frameworks/digcomp4/concepts", "digcomp3")],
)
def test_unknown_resources_are_404_with_suggestions(site: Site, path: str, suggestion: str) -> None:
    resp = httpx.get(site.url + path)
    assert resp.status_code == 404
    assert suggestion in resp.json()["suggestions"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 422),
        ("competence;level\r\ndigcomp3:4.2;Grundlæggende\r\n".encode("cp1252"), 200),
        (b"competence\tlevel\r\ndigcomp3:4.2\tBasic\r\n", 200),
        ("\ufeffcompetence,level\r\ndigcomp3:4.2,Basic\r\n".encode(), 200),
        (b"kompetence;niveau\r\ndigcomp3:4.2;Basic\r\n", 422),
        (b"\xff\xfe\x00\x01", 422),
    ],
    ids=["empty", "windows-1252", "tab-separated", "utf-8-bom-comma", "wrong-header", "binary"],
)
def test_gap_csv_is_never_a_server_error(site: Site, body: bytes, status: int) -> None:
    for ctype in ("text/csv", "text/tab-separated-values"):
        resp = httpx.post(
            f"{site.url}/gap", params={"profile": PROFILE}, content=body, headers={"Content-Type": ctype}
        )
        assert resp.status_code == status, resp.text
        if status == 200:
            rows = {r["competence"]["id"]: r for r in resp.json()["requirements"]}
            assert rows["digcomp3/4.2"]["current"] == 1
