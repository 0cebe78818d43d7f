"""The store interface holds: the same site on a remote SPARQL 1.1 server (a real Oxigraph server, started
here from the `oxigraph` package) answers /sparql under the same guard, limits and fairness, serves dumps
streamed from the remote graphs, and answers the REST API and pages as on the embedded store."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.pipeline.build import BuildResult
from kg.services import providers
from kg.store import OxigraphStore

from .conftest import start_server
from .remote_servers import DKK, OXIGRAPH, Endpoints, oxigraph_server, publish

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (dev dependency) is missing")


@dataclass
class Remote:
    endpoint: Endpoints
    site: str
    published: str  # what `dkk publish` said


@pytest.fixture(scope="module")
def remote(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    tmp = tmp_path_factory.mktemp("remote")
    server = oxigraph_server(tmp / "db")
    endpoint = server.endpoints
    published = publish(built, endpoint).stdout
    env = {
        **os.environ,
        **endpoint.env(),
        "DKK_STORE_PATH": str(tmp / "cache"),
        "DKK_CONTRIB_DIR": str(tmp / "contrib"),
        "DKK_SPARQL_TIMEOUT": "3",
        "DKK_SPARQL_RESULT_LIMIT": "5",
    }
    proc, url = start_server(env)
    yield Remote(endpoint, url, published)
    proc.terminate()
    proc.wait(timeout=10)
    server.stop()


def _quads(endpoint: Endpoints) -> set[tuple[str, str, str, str]]:
    body = httpx.post(
        endpoint.query,
        data={"query": "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/tab-separated-values"},
        timeout=120,
    ).text
    return {tuple(line.split("\t")) for line in body.splitlines()[1:]}  # type: ignore[misc]


def test_publish_by_graph_store_protocol_and_by_chunked_updates(
    remote: Remote, built: BuildResult, store: OxigraphStore, tmp_path: Path
) -> None:
    """Both ways of loading give the remote every graph of the build, quad for quad (blank nodes as
    skolem IRIs), leave no staging graph behind, and a second `--if-stale` run sends nothing."""
    assert (
        "by gsp" in remote.published and f"Published {len(store.named_graphs())} graphs" in remote.published
    )
    server = oxigraph_server(tmp_path / "db")
    endpoint = server.endpoints
    try:
        by_updates = publish(built, endpoint, graph_store=False).stdout
        assert "by update" in by_updates
        gsp, updates = _quads(remote.endpoint), _quads(endpoint)
        assert gsp == updates and len(gsp) == store.triple_count()
        assert {q[3] for q in gsp} == {f"<{g}>" for g in store.named_graphs()}  # no staging graph is left
        assert not any(part.startswith("_:") for q in gsp for part in q)
        again = publish(built, endpoint, "--if-stale").stdout
        assert "left as it is: it holds this build" in again
    finally:
        server.stop()


def test_health_names_the_remote(remote: Remote) -> None:
    health = httpx.get(f"{remote.site}/health").json()
    assert health["status"] == "ok" and health["sparql"] == "remote" and health["triples"] > 10_000


def test_sparql_is_forwarded_with_the_same_answers_and_limits(remote: Remote, http: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?c a dkk:Competence }"
    ours = http.get("/sparql", params={"query": count}).json()
    theirs = httpx.get(f"{remote.site}/sparql", params={"query": count})
    assert theirs.status_code == 200, theirs.text
    assert theirs.json()["results"]["bindings"] == ours["results"]["bindings"]
    rows = httpx.get(f"{remote.site}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert rows.headers["DKK-Truncated"] == "true" and len(rows.json()["results"]["bindings"]) == 5
    ask = httpx.get(f"{remote.site}/sparql", params={"query": "ASK { ?s a dkk:Competence }"}).json()
    assert ask["boolean"] is True
    graph = httpx.get(
        f"{remote.site}/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a dkk:Competence }"},
        headers={"Accept": "text/turtle"},
    )
    assert graph.status_code == 200 and graph.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(graph.content, format=ox.RdfFormat.TURTLE))) == 5
    for csv_row in httpx.get(
        f"{remote.site}/sparql", params={"query": "SELECT ?s WHERE { ?s a dkk:Competence }", "format": "csv"}
    ).text.splitlines()[1:]:
        assert csv_row.startswith("https://w3id.org/dkk/id/")


def test_the_guard_and_the_time_limit_hold(remote: Remote) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    assert httpx.get(f"{remote.site}/sparql", params={"query": service}).status_code == 403
    assert httpx.get(f"{remote.site}/sparql", params={"query": "SELEC nonsense"}).status_code == 400
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    resp = httpx.get(f"{remote.site}/sparql", params={"query": heavy}, timeout=60)
    assert resp.status_code == 503 and resp.headers["content-type"].startswith("application/problem+json")
    assert time.monotonic() - started < 10
    assert httpx.get(f"{remote.site}/health").status_code == 200  # and the site still answers


def test_dumps_stream_the_remote_graphs(remote: Remote, store: OxigraphStore) -> None:
    resp = httpx.get(f"{remote.site}/dumps/dkk.nq", timeout=120)
    assert resp.status_code == 200
    quads = list(ox.parse(resp.content, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == store.triple_count()
    assert {q.graph_name.value for q in quads} == set(store.named_graphs())
    ttl = httpx.get(f"{remote.site}/dumps/dkk.ttl", timeout=120)
    assert ttl.status_code == 200 and len(list(ox.parse(ttl.content, format=ox.RdfFormat.TURTLE))) > 10_000


def test_rest_and_pages_answer_as_on_the_embedded_store(remote: Remote, http: httpx.Client) -> None:
    for path in ("/competences/digcomp3:4.2", "/frameworks/digcomp3/concepts", "/profiles"):
        theirs = httpx.get(remote.site + path)
        assert theirs.status_code == 200, (path, theirs.text)
        ours = http.get(path).json()
        if "items" in ours:
            assert theirs.json()["total"] == ours["total"], path
        else:
            assert (
                theirs.json()["iri" if "iri" in ours else "framework"]
                == ours["iri" if "iri" in ours else "framework"]
            )
    for page in ("/", "/ui/concept?id=digcomp3:4.2", "/ui/data"):
        assert httpx.get(remote.site + page).status_code == 200, page


def _site_on(endpoint: Endpoints, tmp: Path, contrib: Path) -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        **endpoint.env(),
        "DKK_STORE_PATH": str(tmp),
        "DKK_CONTRIB_DIR": str(contrib),
    }
    return start_server(env)


def _upload(url: str, key: str, provider: str, course: str, mode: str = "merge") -> httpx.Response:
    header = "course_id;title_da;hours;competence_1;level_1\r\n"  # (hours: an xsd:duration in the store)
    body = f"{header}{course};Kursus {course};7,5;digcomp3:4.2;Basic\r\n"
    return httpx.post(
        f"{url}/providers/{provider}/courses",
        params={"mode": mode},
        headers={"Authorization": f"Bearer {key}", "Content-Type": "text/csv"},
        content=body.encode(),
        timeout=60,
    )


def _remote_courses(endpoint: Endpoints, provider: str) -> set[str]:
    q = (
        "SELECT ?c WHERE { ?c a <https://w3id.org/dkk/ontology#CourseOffering> ; "
        f"<https://w3id.org/dkk/ontology#offeredBy> <https://w3id.org/dkk/id/provider/{provider}> }}"
    )
    rows = httpx.post(endpoint.query, data={"query": q}, headers={"Accept": "application/json"}).json()
    return {b["c"]["value"].rsplit("/", 1)[-1] for b in rows["results"]["bindings"]}


def test_a_write_the_remote_does_not_take_changes_nothing(built: BuildResult, tmp_path: Path) -> None:
    """Remote down during an upload: 503, the provider's file as it was, and once the remote is back the
    next write brings file and store together."""
    server = oxigraph_server(tmp_path / "db")
    endpoint = server.endpoints
    publish(built, endpoint)
    contrib = tmp_path / "contrib"
    providers.add_provider(contrib, "alpha", "Alpha Akademi", example=True)
    key = providers.create_key(contrib, "alpha")
    site, url = _site_on(endpoint, tmp_path / "cache", contrib)
    try:
        assert _upload(url, key, "alpha", "first").status_code == 200
        file = contrib / "providers" / "alpha.nq"
        before = file.read_bytes()
        server.stop()
        refused = _upload(url, key, "alpha", "second")
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert file.read_bytes() == before  # nothing acknowledged, nothing kept
        server = oxigraph_server(tmp_path / "db")
        endpoint = server.endpoints  # the same data, on a new port
        site.terminate()
        site.wait(timeout=10)
        site, url = _site_on(endpoint, tmp_path / "cache", contrib)
        assert _remote_courses(endpoint, "alpha") == {"first"}
        assert _upload(url, key, "alpha", "third").status_code == 200
        assert _remote_courses(endpoint, "alpha") == {"first", "third"}
    finally:
        site.terminate()
        site.wait(timeout=10)
        server.stop()


def test_two_instances_share_one_remote_store(built: BuildResult, tmp_path: Path) -> None:
    """Two API instances, one remote store and one contributed-data folder: concurrent writes through
    either all land, in the files and the store, and each instance's dumps show the other's writes."""
    server = oxigraph_server(tmp_path / "db")
    endpoint = server.endpoints
    publish(built, endpoint)
    contrib = tmp_path / "contrib"
    keys = {}
    for who in ("alpha", "beta"):
        providers.add_provider(contrib, who, f"{who.title()} Akademi", example=True)
        keys[who] = providers.create_key(contrib, who)
    first, url_a = _site_on(endpoint, tmp_path / "a", contrib)
    second, url_b = _site_on(endpoint, tmp_path / "b", contrib)
    try:
        assert _upload(url_b, keys["beta"], "beta", "warm").status_code == 200
        httpx.get(f"{url_a}/dumps/dkk.nq", timeout=120)  # instance A caches a dump now
        jobs = [
            (url, who, f"c{n}")
            for n in range(8)
            for url, who in [((url_a, url_b)[n % 2], ("alpha", "beta")[n % 2])]
        ]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda job: _upload(job[0], keys[job[1]], job[1], job[2]), jobs))
        assert [a.status_code for a in answers] == [200] * 8
        assert _remote_courses(endpoint, "alpha") == {"c0", "c2", "c4", "c6"}
        assert _remote_courses(endpoint, "beta") == {"warm", "c1", "c3", "c5", "c7"}
        dump = httpx.get(f"{url_a}/dumps/dkk.nq", timeout=120).text
        assert "provider/beta/course/c7" in dump  # written through B, seen in A's dump
    finally:
        for proc in (first, second):
            proc.terminate()
            proc.wait(timeout=10)
        server.stop()


def test_templates_answer_alike_on_both_stores(remote: Remote, http: httpx.Client) -> None:
    """Pages whose templates take parameters inside optional parts say the same on both stores (the
    example graphs' descriptions were lost on a remote store when ?lang sat in a nested group)."""
    for path in ("/ui/data?lang=da", "/ui/data?lang=en", "/profiles/example/profile/eksempelkommune-sosu"):
        ours, theirs = http.get(path), httpx.get(remote.site + path)
        assert ours.status_code == theirs.status_code == 200, path
        if path.startswith("/profiles"):
            assert theirs.json()["requirements"] == ours.json()["requirements"]
    page = httpx.get(remote.site + "/ui/data?lang=da").text
    assert "et opdigtet kursuskatalog fra tre opdigtede udbydere" in page


def test_export_reads_the_remote_store(remote: Remote, store: OxigraphStore, tmp_path: Path) -> None:
    """`dkk export` with a remote store configured writes the remote's graphs (it used to die)."""
    env = {**os.environ, **remote.endpoint.env(), "DKK_STORE_PATH": str(tmp_path)}
    out = tmp_path / "dkk.nq"
    run = subprocess.run(
        [DKK, "export", "--format", "nq", "--output", str(out)], env=env, capture_output=True
    )
    assert run.returncode == 0, run.stderr
    assert len(list(ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS))) == store.triple_count()
