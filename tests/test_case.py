"""CASE 1.1: every framework and profile as a CFPackage that 1EdTech's JSON Schema accepts, with UUIDs
computable from our IRIs, served on CASE's REST paths; a package taken back in as a new framework keeps
its concepts, hierarchy and mappings and passes our shapes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.services.case_import import framework_from_package
from kg.services.problems import UploadRejected
from kg.store import OxigraphStore

from .standards import FIXTURES
from .test_courses import DKK

CASE = "/ims/case/v1p1"
SCHEMA = json.loads((FIXTURES / "case" / "case-v1p1-cfpackage-schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
DIGCOMP3 = "https://w3id.org/dkk/id/digcomp3"


def _id(iri: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def _errors(package: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in VALIDATOR.iter_errors(package)
    ]


def test_every_framework_and_profile_is_a_valid_cf_package(server: str) -> None:
    documents = httpx.get(f"{server}{CASE}/CFDocuments").json()["CFDocuments"]
    uris = {d["uri"] for d in documents}
    assert {DIGCOMP3, "https://w3id.org/dkk/id/kl-wheel", "https://w3id.org/dkk/id/digcompedu"} <= uris
    assert any("/profile/" in u for u in uris)
    for doc in documents:
        assert doc["identifier"] == _id(doc["uri"])
        for lang in ("en", "da"):
            package = httpx.get(
                f"{server}{CASE}/CFPackages/{doc['identifier']}", params={"lang": lang}
            ).json()
            assert _errors(package) == [], doc["uri"]
            assert package["CFItems"], doc["uri"]
            children = {
                a["originNodeURI"]["uri"]
                for a in package["CFAssociations"]
                if a["associationType"] == "isChildOf"
            }
            assert children == {i["uri"] for i in package["CFItems"]}, doc["uri"]


def test_schema_validation_can_fail(server: str) -> None:
    package = httpx.get(f"{server}{CASE}/CFPackages/{_id(DIGCOMP3)}").json()
    package["CFItems"][0]["identifier"] = "not-a-uuid"
    package["CFAssociations"][0]["associationType"] = "isCousinOf"
    del package["CFDocument"]["creator"]
    assert len(_errors(package)) == 3


def test_framework_package_holds_codes_mappings_and_levels(server: str, store: OxigraphStore) -> None:
    package = httpx.get(f"{server}{CASE}/CFPackages/{_id(DIGCOMP3)}").json()
    codes = {i["humanCodingScheme"] for i in package["CFItems"]}
    assert {"1", "1.1", "4.2", "5.4"} <= codes
    item = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "4.2")
    assert item["identifier"] == _id(f"{DIGCOMP3}/4.2") and item["uri"] == f"{DIGCOMP3}/4.2"
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert {"isChildOf", "isRelatedTo"} <= kinds
    closes = [a for a in package["CFAssociations"] if a.get("notes") == "SKOS closeMatch"]
    asked = store.query(
        f"SELECT ?a ?b WHERE {{ ?a <{SKOS.inScheme}> <{DIGCOMP3}> ; <{SKOS.closeMatch}> ?b }}"
    )
    assert len(closes) == len(asked.rows) > 0
    (rubric,) = package["CFRubrics"]
    levels = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [lv["position"] for lv in levels] == list(range(1, len(levels) + 1)) and len(levels) >= 4
    esco = httpx.get(f"{server}{CASE}/CFPackages/{_id('https://w3id.org/dkk/id/digcomp22')}").json()
    assert any(a["associationType"] == "exactMatchOf" for a in esco["CFAssociations"])


def test_items_and_documents_by_identifier(server: str) -> None:
    item = httpx.get(f"{server}{CASE}/CFItems/{_id(DIGCOMP3 + '/4.2')}", params={"lang": "da"}).json()
    assert item["humanCodingScheme"] == "4.2" and item["CFDocumentURI"]["uri"] == DIGCOMP3
    doc = httpx.get(f"{server}{CASE}/CFDocuments/{_id(DIGCOMP3)}").json()
    assert doc["uri"] == DIGCOMP3 and doc["caseVersion"] == "1.1" and doc["licenseURI"]["uri"]
    package = httpx.get(f"{server}{CASE}/CFPackages/{_id(DIGCOMP3)}").json()
    association = package["CFAssociations"][0]
    served = httpx.get(association["uri"].replace("https://w3id.org/dkk", server)).json()
    assert served["identifier"] == association["identifier"] and served["CFDocumentURI"]["uri"] == DIGCOMP3
    profile = next(
        d for d in httpx.get(f"{server}{CASE}/CFDocuments").json()["CFDocuments"] if "/profile/" in d["uri"]
    )
    requirement = httpx.get(f"{server}{CASE}/CFPackages/{profile['identifier']}").json()["CFItems"][0]
    assert (
        httpx.get(f"{server}{CASE}/CFItems/{requirement['identifier']}").json()["uri"] == requirement["uri"]
    )
    for path in (
        f"CFItems/{uuid.uuid4()}",
        f"CFPackages/{uuid.uuid4()}",
        f"CFDocuments/{uuid.uuid4()}",
        f"CFAssociations/{uuid.uuid4()}",
    ):
        r = httpx.get(f"{server}{CASE}/{path}")
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_case_package_imports_as_a_new_framework(server: str, store: OxigraphStore) -> None:
    package = httpx.get(f"{server}{CASE}/CFPackages/{_id(DIGCOMP3)}").content
    g = framework_from_package(store, package, "digcomp3-case")
    scheme = URIRef("https://w3id.org/dkk/id/digcomp3-case")

    def described(graph: Graph, of: URIRef, notation_of) -> set:
        concepts = set(graph.subjects(SKOS.inScheme, of))
        return {
            (
                str(graph.value(c, SKOS.notation)),
                str(graph.value(c, SKOS.prefLabel)),
                str(notation_of(graph.value(c, SKOS.broader))),
            )
            for c in concepts
        }

    ours = Graph()
    for r in store.query(
        f"SELECT ?s ?p ?o WHERE {{ ?s <{SKOS.inScheme}> <{DIGCOMP3}> ; ?p ?o . "
        f"FILTER(?p IN (<{SKOS.inScheme}>, <{SKOS.notation}>, <{SKOS.broader}>) || "
        f"(?p = <{SKOS.prefLabel}> && LANG(?o) = 'en')) }}"
    ).rows:
        ours.add((r["s"], r["p"], r["o"]))
    code = lambda graph: lambda c: graph.value(c, SKOS.notation)  # noqa: E731
    assert described(g, scheme, code(g)) == described(ours, URIRef(DIGCOMP3), code(ours))
    mapped = {(str(g.value(s, SKOS.notation)), str(o)) for s, o in g.subject_objects(SKOS.closeMatch)}
    asked = store.query(
        f"SELECT ?n ?b WHERE {{ ?a <{SKOS.inScheme}> <{DIGCOMP3}> ; <{SKOS.notation}> ?n ; "
        f"<{SKOS.closeMatch}> ?b }}"
    )
    assert mapped == {(str(r["n"]), str(r["b"])) for r in asked.rows}


def test_case_import_refuses_what_it_cannot_keep(store: OxigraphStore, server: str) -> None:
    package = httpx.get(f"{server}{CASE}/CFPackages/{_id(DIGCOMP3)}").json()
    del package["CFDocument"]["licenseURI"]
    with pytest.raises(UploadRejected) as refused:
        framework_from_package(store, json.dumps(package).encode(), "x-case")
    assert "licenseURI" in refused.value.problems[0].message_en
    with pytest.raises(UploadRejected):
        framework_from_package(store, b"<xml/>", "x-case")


def test_cli_case_export_and_import(built, tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "en"}
    out = tmp_path / "digcomp3.json"
    subprocess.run(
        [DKK, "frameworks", "export-case", "digcomp3", "--output", str(out)], env=env, check=True, timeout=120
    )
    assert _errors(json.loads(out.read_text())) == []
    ttl = tmp_path / "digcomp3-case.ttl"
    run = subprocess.run(
        [DKK, "frameworks", "import-case", str(out), "--key", "digcomp3-case", "--output", str(ttl)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "kg/core/frameworks.toml" in run.stderr
    assert (
        len(set(Graph().parse(ttl).subjects(SKOS.inScheme, URIRef("https://w3id.org/dkk/id/digcomp3-case"))))
        == 26
    )


def test_pages_link_the_exchange_formats(server: str) -> None:
    """A course and a provider's coverage link their ELM, a framework its CASE package, and the links
    answer in those formats."""
    pages = {
        "/ui/course?id=example/course/akademi/gdpr-i-praksis": ("format=elm-jsonld", "application/ld+json"),
        "/ui/providers/example/provider/akademi/coverage": ("format=elm-ttl", "text/turtle"),
        "/ui/frameworks/digcomp3": ("/ims/case/v1p1/CFPackages/", "application/json"),
    }
    for page, (marker, media_type) in pages.items():
        html = httpx.get(server + page).text
        hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html) if marker in h]
        assert hrefs, page
        r = httpx.get(server + hrefs[0])
        assert r.status_code == 200 and r.headers["content-type"].startswith(media_type), (page, hrefs[0])
