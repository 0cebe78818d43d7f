"""ELM 3.1 both ways: exports pass the EU's LOQ application profile (pySHACL, no violation); ELM
documents import with every competence and level kept, or are refused naming what cannot be kept; a
catalogue survives export and import as another provider."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.core.namespaces import ELM

from .conftest import SOURCES, start_server
from .standards import LOQ, loq_shapes
from .test_courses import DKK, _auth, _setup

AKADEMI = "example/provider/akademi"
TURTLE = {"Accept": "text/turtle"}
JSONLD = {"Accept": "application/ld+json"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], dict[str, str]]]:
    env, keys = _setup(tmp_path_factory.mktemp("elm-site"))
    proc, url = start_server(env)
    yield url, keys, env
    proc.terminate()
    proc.wait(timeout=10)


def _elm(url: str, provider: str, headers: dict[str, str]) -> Graph:
    r = httpx.get(f"{url}/providers/{provider}/courses", headers=headers)
    assert r.status_code == 200, r.text
    fmt = "json-ld" if "ld+json" in r.headers["content-type"] else "turtle"
    return Graph().parse(data=r.content, format=fmt)


def _violations(g: Graph) -> str:
    conforms, _, text = validate(g, shacl_graph=loq_shapes(), advanced=True)
    return "" if conforms else text


def _catalogue(g: Graph) -> dict[str, dict]:
    """What a user relies on in an ELM catalogue, by course id: titles, languages, mode, volume, credits
    and each outcome's skill and level (read along ELM's own path)."""
    rows = g.query(
        """PREFIX elm: <http://data.europa.eu/snb/model/elm/>
        PREFIX dc: <http://purl.org/dc/terms/>
        SELECT ?lo ?skill ?level WHERE {
          ?lo a elm:LearningOpportunity ; elm:learningAchievementSpecification ?las .
          ?las elm:learningOutcome ?out .
          ?out elm:relatedSkill|elm:relatedESCOSkill ?skill .
          OPTIONAL { ?out elm:additionalNote/dc:subject ?level }
        }"""
    )
    out: dict[str, dict] = {}
    for lo in g.subjects(RDF.type, ELM.LearningOpportunity):
        las = g.value(lo, ELM.learningAchievementSpecification)
        out[str(lo).rsplit("/", 1)[-1]] = {
            "titles": sorted((t.language, str(t)) for t in g.objects(lo, DCTERMS.title)),
            "descriptions": sorted((t.language, str(t)) for t in g.objects(lo, DCTERMS.description)),
            "mode": sorted(map(str, g.objects(lo, ELM.mode))),
            "languages": sorted(map(str, g.objects(las, DCTERMS.language))),
            "volume": sorted(map(str, g.objects(las, ELM.volumeOfLearning))),
            "credits": sorted(str(g.value(c, ELM.point)) for c in g.objects(las, ELM.creditPoint)),
            "outcomes": set(),
        }
    for r in rows:
        out[str(r.lo).rsplit("/", 1)[-1]]["outcomes"].add((str(r.skill), str(r.level)))
    return out


EXAMPLE_PROVIDERS = [AKADEMI, "example/provider/professionshoejskole", "example/provider/konsulenthus"]


@pytest.mark.parametrize("provider", EXAMPLE_PROVIDERS)
@pytest.mark.parametrize("headers", [TURTLE, JSONLD], ids=["turtle", "jsonld"])
def test_catalogue_export_passes_the_loq_profile(server: str, headers: dict[str, str], provider: str) -> None:
    g = _elm(server, provider, headers)
    courses = httpx.get(f"{server}/courses", params={"provider": provider, "limit": 1}).json()["total"]
    catalogue = _catalogue(g)
    assert len(catalogue) == courses > 5
    assert all(
        c["outcomes"] and all(level != "None" for _, level in c["outcomes"]) for c in catalogue.values()
    )
    assert _violations(g) == ""


def test_loq_sees_what_is_wrong(server: str) -> None:
    """The validation can fail: a course without its homepage, or with a term of ours, is a violation."""
    g = _elm(server, AKADEMI, TURTLE)
    course = next(iter(g.subjects(RDF.type, ELM.LearningOpportunity)))
    g.remove((course, URIRef("http://xmlns.com/foaf/0.1/homepage"), None))
    g.add((course, URIRef("https://w3id.org/dkk/ontology#mode"), Literal("online")))
    report = _violations(g)
    assert "MinCountConstraintComponent" in report and "ClosedConstraintComponent" in report


def test_one_course_by_content_negotiation(server: str) -> None:
    course = "example/course/akademi/gdpr-i-praksis"
    assert httpx.get(f"{server}/courses/{course}").json()["iri"].endswith(course)
    for headers, fmt in ((JSONLD, "json-ld"), (TURTLE, "turtle")):
        r = httpx.get(f"{server}/courses/{course}", headers=headers)
        g = Graph().parse(data=r.content, format=fmt)
        assert list(g.subjects(RDF.type, ELM.LearningOpportunity)) == [
            URIRef(f"https://w3id.org/dkk/id/{course}")
        ]
        assert _violations(g) == ""
    r = httpx.get(f"{server}/courses/{course}", params={"format": "elm-ttl"})
    assert r.headers["content-type"].startswith("text/turtle")
    assert httpx.get(f"{server}/courses/{course}", params={"format": "pdf"}).status_code == 406
    assert httpx.get(f"{server}/courses/example/course/akademi/nothing", headers=TURTLE).status_code == 404
    r = httpx.get(f"{server}/providers/nobody/courses", headers=TURTLE)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_example_data_says_so_in_elm(server: str) -> None:
    g = _elm(server, AKADEMI, TURTLE)
    notes = {str(n) for n in g.objects(None, ELM.noteLiteral) if "made-up" in str(n)}
    assert notes and all(
        any(g.objects(c, ELM.additionalNote)) for c in g.subjects(RDF.type, ELM.LearningOpportunity)
    )


def test_cli_export(site: tuple, tmp_path: Path) -> None:
    _, _, env = site
    out = tmp_path / "akademi.ttl"
    run = subprocess.run(
        [DKK, "courses", "export", "--provider", AKADEMI, "--format", "elm-ttl", "--output", str(out)],
        env={**env, "LANG": "en"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The server of this module holds the store; the CLI reads it alongside (read-only).
    assert run.returncode == 0, run.stderr
    assert "courses of example/provider/akademi as elm-ttl" in run.stderr
    g = Graph().parse(out)
    assert _violations(g) == "" and len(_catalogue(g)) > 5
    stdout = subprocess.run(
        [DKK, "courses", "export", "--provider", AKADEMI], env=env, capture_output=True, timeout=120
    ).stdout
    assert len(_catalogue(Graph().parse(data=stdout, format="json-ld"))) == len(_catalogue(g))
    bad = subprocess.run(
        [DKK, "courses", "export", "--provider", AKADEMI, "--format", "pdf"], env=env, capture_output=True
    )
    assert bad.returncode == 2


@pytest.mark.parametrize(
    ("provider", "headers", "filename"),
    [("alpha", JSONLD, "akademi.jsonld"), ("beta", TURTLE, "akademi.ttl")],
)
def test_round_trip_keeps_every_course_outcome_competence_and_level(
    site: tuple, provider: str, headers: dict[str, str], filename: str
) -> None:
    url, keys, _ = site
    exported = httpx.get(f"{url}/providers/{AKADEMI}/courses", headers=headers)
    r = httpx.post(
        f"{url}/providers/{provider}/courses",
        files={"file": (filename, exported.content, headers["Accept"])},
        headers=_auth(keys[provider]),
    )
    assert r.status_code == 200, r.text
    before = _catalogue(
        Graph().parse(data=exported.content, format="turtle" if "ttl" in filename else "json-ld")
    )
    after = _catalogue(_elm(url, provider, TURTLE))
    assert after == before
    assert sum(len(c["outcomes"]) for c in after.values()) > 10


ELM_DOC = {
    "@context": {
        "elm": "http://data.europa.eu/snb/model/elm/",
        "dc": "http://purl.org/dc/terms/",
        "title": {"@id": "dc:title", "@container": "@language"},
        "specifiedBy": {"@id": "elm:learningAchievementSpecification", "@type": "@id"},
        "learningOutcome": {"@id": "elm:learningOutcome", "@type": "@id"},
        "relatedSkill": {"@id": "elm:relatedSkill", "@type": "@id"},
        "relatedESCOSkill": {"@id": "elm:relatedESCOSkill", "@type": "@id"},
        "note": {"@id": "elm:additionalNote"},
        "subject": {"@id": "dc:subject", "@type": "@id"},
    },
    "@id": "urn:epass:learningOpportunity:1",
    "@type": "elm:LearningOpportunity",
    "title": {"da": "Sikker e-mail", "en": "Safe e-mail"},
    "specifiedBy": {
        "@id": "urn:epass:las:1",
        "@type": "elm:LearningAchievementSpecification",
        "title": {"en": "Safe e-mail"},
        "learningOutcome": [
            {
                "@id": "urn:epass:lo:1",
                "@type": "elm:LearningOutcome",
                "title": {"en": "Protects personal data"},
                "relatedSkill": "https://w3id.org/dkk/id/digcomp3/4.2",
                "note": {"subject": "https://w3id.org/dkk/id/digcomp3/level/intermediate"},
            },
            {
                "@id": "urn:epass:lo:2",
                "@type": "elm:LearningOutcome",
                "title": {"en": "Communicates through digital technologies"},
                "relatedESCOSkill": "http://data.europa.eu/esco/skill/2d3ae3d1-6c9c-4c4e-a9d0-6e7d9cb2bbb7",
            },
        ],
    },
}


def _upload(url: str, key: str, provider: str, doc: dict, dry_run: bool = True) -> httpx.Response:
    body = json.dumps(doc).encode()
    return httpx.post(
        f"{url}/providers/{provider}/courses",
        files={"file": ("elm.jsonld", body, "application/ld+json")},
        params={"mode": "merge", "dry_run": str(dry_run).lower()},
        headers=_auth(key),
    )


def test_native_elm_jsonld_keeps_every_competence_or_names_it(site: tuple) -> None:
    """A document in ELM's own terms (the case that used to be answered 200 with its competences
    dropped): an outcome whose ESCO skill the graph does not know is refused by name; without it, the
    course imports with its competence and level."""
    url, keys, _ = site
    r = _upload(url, keys["alpha"], "alpha", ELM_DOC)
    assert r.status_code == 422, r.text
    assert "2d3ae3d1" in r.text
    doc = json.loads(json.dumps(ELM_DOC))
    doc["specifiedBy"]["learningOutcome"].pop()
    r = _upload(url, keys["alpha"], "alpha", doc, dry_run=False)
    assert r.status_code == 200, r.text
    course = r.json()["courses"][0]["iri"]
    assert course == "https://w3id.org/dkk/id/provider/alpha/course/epass-learningopportunity-1"
    detail = httpx.get(f"{url}/courses/provider/alpha/course/epass-learningopportunity-1").json()
    assert [(o["competence"]["id"], o["level"]["id"]) for o in detail["outcomes"]] == [
        ("digcomp3/4.2", "digcomp3/level/intermediate")
    ]
    assert detail["title"] == {"da": "Sikker e-mail", "en": "Safe e-mail"}


def test_what_cannot_be_kept_is_refused_by_name(site: tuple) -> None:
    url, keys, _ = site
    doc = json.loads(json.dumps(ELM_DOC))
    doc["specifiedBy"]["learningOutcome"].pop()
    doc["specifiedBy"]["elm:ISCEDFCode"] = {"@id": "http://data.europa.eu/snb/isced-f/0611"}
    r = _upload(url, keys["alpha"], "alpha", doc)
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert any(p["field"] == "elm:ISCEDFCode" and "ISCEDFCode" in p["message_da"] for p in problems), problems
    doc["specifiedBy"].pop("elm:ISCEDFCode")
    outcome = doc["specifiedBy"]["learningOutcome"][0]
    outcome["relatedSkill"] = [outcome["relatedSkill"], "https://w3id.org/dkk/id/digcomp3/4.1"]
    r = _upload(url, keys["alpha"], "alpha", doc)
    assert r.status_code == 422 and "urn:epass:lo:1" in r.text
    outcome["relatedSkill"] = outcome["relatedSkill"][0]
    for field, value in (
        ("elm:creditPoint", {"elm:framework": {"@id": "http://example.org/credits"}, "elm:point": "5"}),
        ("elm:mode", {"@id": "http://data.europa.eu/snb/learning-assessment/729f3bed4b"}),  # work-based
        ("dc:language", {"@id": "http://id.loc.gov/vocabulary/iso639-1/da"}),  # not the EU's list
    ):
        doc["specifiedBy"][field] = value
        r = _upload(url, keys["alpha"], "alpha", doc)
        named = [p for p in r.json()["problems"] if p["field"] == field] if r.status_code == 422 else []
        assert named, (field, r.text)
        doc["specifiedBy"].pop(field)
    outcome["note"] = [outcome["note"], {"elm:noteLiteral": "Free text"}]
    r = _upload(url, keys["alpha"], "alpha", doc)
    assert r.status_code == 422 and any(p["field"] == "elm:additionalNote" for p in r.json()["problems"])


@pytest.mark.skipif(not (SOURCES / "elm").is_dir(), reason="needs ../shared/sources/elm (not in a clone)")
def test_committed_loq_profile_is_the_eus_unchanged() -> None:
    assert LOQ.read_bytes() == (SOURCES / "elm" / "LOQ-constraints.ttl").read_bytes()


HASKELL = "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02"


def test_esco_digital_skills_are_accepted_in_uploads(site: tuple) -> None:
    """A skill of ESCO's digital collection, by ELM's relatedESCOSkill and by CSV, as providers' systems
    tag courses; it comes back out as relatedESCOSkill."""
    url, keys, _ = site
    doc = json.loads(json.dumps(ELM_DOC))
    doc["@id"] = "urn:epass:learningOpportunity:2"
    outcome = doc["specifiedBy"]["learningOutcome"][1]
    outcome["relatedESCOSkill"] = HASKELL
    outcome["note"] = {"subject": "https://w3id.org/dkk/id/digcomp3/level/basic"}
    r = _upload(url, keys["beta"], "beta", doc, dry_run=False)
    assert r.status_code == 200, r.text
    csv = f"course_id;title_da;competence_1;level_1\r\nhaskell;Haskell for begyndere;{HASKELL};Basic\r\n"
    r = httpx.post(
        f"{url}/providers/beta/courses",
        files={"file": ("c.csv", csv.encode(), "text/csv")},
        params={"mode": "merge"},
        headers=_auth(keys["beta"]),
    )
    assert r.status_code == 200, r.text
    g = _elm(url, "beta", TURTLE)
    skilled = {
        str(o).split("/course/")[1].split("/")[0] for o in g.subjects(ELM.relatedESCOSkill, URIRef(HASKELL))
    }
    assert skilled == {"epass-learningopportunity-2", "haskell"}
    assert _violations(g) == ""


def test_catalogue_comes_a_page_at_a_time(server: str) -> None:
    """No answer grows with the catalogue: ELM pages follow /courses' order, linked with rel="next"."""
    seen: list[str] = []
    path: str | None = f"/providers/{AKADEMI}/courses?limit=4"
    while path:
        r = httpx.get(server + path, headers=TURTLE)
        g = Graph().parse(data=r.content, format="turtle")
        page = sorted(str(c) for c in g.subjects(RDF.type, ELM.LearningOpportunity))
        assert len(page) <= 4 and _violations(g) == ""
        seen += page
        total = int(r.headers["X-Total-Count"])
        link = r.headers.get("Link", "")
        path = link[link.index("<") + 1 : link.index(">")] if 'rel="next"' in link else None
    assert len(seen) == len(set(seen)) == total == len(_catalogue(_elm(server, AKADEMI, TURTLE)))
    listed = httpx.get(f"{server}/courses", params={"provider": AKADEMI, "limit": 100}).json()["items"]
    assert seen == [c["iri"] for c in listed]
