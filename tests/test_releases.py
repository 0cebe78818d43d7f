"""Releases (issue 16): frozen, immutable, summed, described in DCAT, with a changelog against the last one;
the shipped release 0.2.0 is served at /releases."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, OWL

from kg.core import namespaces as ns
from kg.core.settings import ROOT, Settings
from kg.pipeline.changelog import Snapshot, changelog
from kg.pipeline.release import ReleaseError, make_release
from kg.services.releases import graph_terms
from kg.store import OxigraphStore

SHIPPED = ROOT / "releases"
PROVIDER_GRAPH = "https://w3id.org/dkk/graph/providers/acme"
MUNICIPALITY_GRAPH = "https://w3id.org/dkk/graph/municipalities/testby"


def _copy_with_contributions(store: OxigraphStore) -> OxigraphStore:
    """The build, plus a provider's and a municipality's graph, as a running server holds them."""
    copy = ox.Store()
    copy.load(store.dump("nq"), format=ox.RdfFormat.N_QUADS)
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    for graph, subject in (
        (PROVIDER_GRAPH, "https://w3id.org/dkk/id/provider/acme/course/1"),
        (MUNICIPALITY_GRAPH, "https://w3id.org/dkk/id/municipality/testby/profile/p"),
    ):
        copy.add(ox.Quad(ox.NamedNode(subject), title, ox.Literal("contributed"), ox.NamedNode(graph)))
    return OxigraphStore(copy)


def _quads(folder: Path, version: str) -> list[ox.Quad]:
    return list(
        ox.parse(gzip.decompress((folder / f"dkk-{version}.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS)
    )


def test_a_release_is_the_public_graph_frozen_summed_and_described(
    tmp_path: Path, store: OxigraphStore
) -> None:
    settings = Settings(releases_dir=tmp_path)
    live = _copy_with_contributions(store)
    folder = make_release(settings, live, "1.0.0", graph_terms(live))
    quads = _quads(folder, "1.0.0")
    graphs = {getattr(q.graph_name, "value", "") for q in quads}
    assert PROVIDER_GRAPH not in graphs and MUNICIPALITY_GRAPH not in graphs  # contributions stay out
    assert str(ns.GRAPH["digcomp3"]) in graphs and str(ns.GRAPH["examples/profiles"]) in graphs
    assert len(quads) == store.triple_count()  # the build's quads (versionIRI and versionInfo restamped)
    # every file's sum is right, as `sha256sum -c` would find
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        sha, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha, name
    # the ontology carries the release's version IRI
    onto = Graph().parse(folder / "ontology.ttl")
    assert (URIRef(ns.BASE + "ontology"), OWL.versionIRI, URIRef(ns.BASE + "ontology/1.0.0")) in onto
    # DCAT: a version of the dataset, each file a distribution with its checksum; each graph its terms
    desc = Graph().parse(folder / "release.ttl")
    rel = URIRef(ns.BASE + "releases/1.0.0")
    assert (rel, OWL.versionIRI, rel) in desc and len(list(desc.objects(rel, DCAT.distribution))) == 5
    esco = URIRef(str(ns.GRAPH["esco-digcomp"]))
    assert list(desc.objects(esco, URIRef("http://purl.org/dc/terms/license")))
    log = json.loads((folder / "changelog.json").read_text())
    assert log["first"] and len(log["concepts"]["added"]) > 300 and log["previous"] is None
    # the same data gives the same bytes: the dump of a second release is identical but for the stamp
    with pytest.raises(ReleaseError, match="never rewritten"):
        make_release(settings, live, "1.0.0", graph_terms(live))
    with pytest.raises(ReleaseError, match="older than"):
        make_release(settings, live, "0.9.0", graph_terms(live))
    with pytest.raises(ReleaseError, match="three numbers"):
        make_release(settings, live, "1.1", graph_terms(live))

    # a second release: the changelog is the diff, and the ontology names its prior version
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    live.update_fresh(
        f'DELETE {{ GRAPH ?g {{ ?c {label} ?l }} }} INSERT {{ GRAPH ?g {{ ?c {label} "Renamed"@en }} }} '
        f"WHERE {{ GRAPH ?g {{ ?c {label} ?l }} "
        'FILTER(?c = <https://w3id.org/dkk/id/digcomp3/4.2> && LANG(?l) = "en") }'
    )
    live.update_fresh(
        "DELETE WHERE { GRAPH ?g { <https://w3id.org/dkk/id/digcomp22/4.2> "
        "<http://www.w3.org/2004/02/skos/core#closeMatch> <https://w3id.org/dkk/id/digcomp3/4.2> } }"
    )
    second = make_release(settings, live, "1.1.0", graph_terms(live))
    log = json.loads((second / "changelog.json").read_text())
    assert log["previous"] == "1.0.0" and not log["first"]
    assert log["labels"]["changed"] == [
        {
            "concept": "https://w3id.org/dkk/id/digcomp3/4.2",
            "lang": "en",
            "old": ["Protecting personal data and privacy"],
            "new": ["Renamed"],
        }
    ]
    assert {m["object"] for m in log["mappings"]["removed"]} == {"https://w3id.org/dkk/id/digcomp3/4.2"}
    assert log["concepts"] == {"added": [], "removed": []}
    assert "Renamed" in (second / "CHANGELOG.md").read_text()
    onto = Graph().parse(second / "ontology.ttl")
    assert (URIRef(ns.BASE + "ontology"), OWL.priorVersion, URIRef(ns.BASE + "ontology/1.0.0")) in onto


def test_changelog_of_profiles_and_mapping_predicates() -> None:
    """Profiles added, removed and changed (a requirement's level), and a mapping whose relation changed."""

    def snap(turtle: str) -> Snapshot:
        prologue = (
            "@base <https://ex.org/> . @prefix dkk: <https://w3id.org/dkk/ontology#> . "
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
        )
        triples = ox.parse(io.BytesIO((prologue + turtle).encode()), format=ox.RdfFormat.TURTLE)
        g = ox.NamedNode("https://w3id.org/dkk/graph/x")
        return Snapshot.of(ox.Quad(t.subject, t.predicate, t.object, g) for t in triples)

    profile = "<p1> a dkk:CompetenceProfile ; dkk:hasRequirement <r1> . <r1> dkk:competence <c> ; "
    old = snap(profile + "dkk:requiredLevel <l1> . <p2> a dkk:CompetenceProfile . <a> skos:exactMatch <b> .")
    new = snap(profile + "dkk:requiredLevel <l2> . <p3> a dkk:CompetenceProfile . <a> skos:closeMatch <b> .")
    log = changelog(old, new)
    assert log["profiles"]["added"] == ["https://ex.org/p3"] and log["profiles"]["removed"] == [
        "https://ex.org/p2"
    ]
    assert log["profiles"]["changed"][0]["profile"] == "https://ex.org/p1"
    assert log["mappings"]["changed"] == [
        {
            "subject": "https://ex.org/a",
            "object": "https://ex.org/b",
            "old": "exactMatch",
            "new": "closeMatch",
        }
    ]


def test_cli_release_says_what_to_do_on_a_used_version(tmp_path: Path, store: OxigraphStore) -> None:
    """The command as a user runs it (its own process, so it reads DKK_RELEASES_DIR afresh)."""
    (tmp_path / "2.0.0").mkdir()
    (tmp_path / "2.0.0" / "SHA256SUMS").write_text("")
    dkk = str(Path(sys.executable).with_name("dkk"))
    env = {**os.environ, "DKK_RELEASES_DIR": str(tmp_path), "COLUMNS": "200"}
    result = subprocess.run([dkk, "release", "2.0.0"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "choose the next version (2.1.0)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.0.0"]  # nothing written


def test_shipped_release_is_served_whole_and_cacheable(http: httpx.Client) -> None:
    """/releases lists 0.2.0 with its dumps, sums and changelog; files are immutable and verifiable."""
    listed = http.get("/releases").json()
    release = next(r for r in listed if r["version"] == "0.2.0")
    names = {f["name"] for f in release["files"]}
    assert {"dkk-0.2.0.nq.gz", "dkk-0.2.0.ttl.gz", "CHANGELOG.md", "SHA256SUMS", "release.ttl"} <= names
    for f in release["files"]:
        if f["sha256"]:
            got = http.get(f["href"])
            assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == f["sha256"], f[
                "name"
            ]
            assert "immutable" in got.headers["cache-control"] and got.headers["etag"] == f'"{f["sha256"]}"'
            again = http.get(f["href"], headers={"If-None-Match": got.headers["etag"]})
            assert again.status_code == 304
    dcat = Graph().parse(
        data=http.get("/releases/0.2.0", headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    rel = URIRef("https://w3id.org/dkk/releases/0.2.0")
    assert (rel, OWL.versionIRI, rel) in dcat
    page = http.get("/releases/0.2.0", headers={"Accept": "text/html"}, params={"lang": "da"}).text
    assert "Udgave 0.2.0" in page and "sha256sum -c SHA256SUMS" in page
    assert "0.2.0" in http.get("/releases", headers={"Accept": "text/html"}).text
    # the release's ontology answers its version IRI
    onto = http.get("/ontology/0.2.0", follow_redirects=False)
    assert onto.status_code == 303 and onto.headers["location"] == "/releases/0.2.0/ontology.ttl"
    # nothing outside what a release lists is served
    for path in ("/releases/0.2.0/..%2F..%2Fpyproject.toml", "/releases/0.2.0/nope.txt", "/releases/9.9.9"):
        bad = http.get(path)
        assert bad.status_code == 404 and bad.headers["content-type"].startswith("application/problem+json")


@pytest.mark.skipif(not (SHIPPED / "0.2.0").is_dir(), reason="release 0.2.0 is not in this checkout")
def test_shipped_release_holds_no_contributed_graph() -> None:
    graphs = {getattr(q.graph_name, "value", "") for q in _quads(SHIPPED / "0.2.0", "0.2.0")}
    assert not any("/graph/providers/" in g or "/graph/municipalities/" in g for g in graphs)
