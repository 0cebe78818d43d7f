"""Nothing acknowledged is lost, and file and store never disagree, whatever is killed when.

The server is killed (SIGKILL) at several points of a large upload, and ``dkk build``
at several points of a build; after each, a restarted server must hold exactly what
the contributed files hold, every acknowledged upload included. A build while a
server runs is refused, so it cannot swap the store out from under later writes.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import threading
import time

import httpx
import pyoxigraph as ox
import pytest

from kg.pipeline import contrib
from kg.store.oxigraph import DB_DIR

from ..conftest import start_server
from .conftest import DKK, Site, make_site

COURSES = 1500


def _catalogue(tag: str) -> bytes:
    rows = [f"k{i};Kursus {i} {tag};digcomp3:{1 + i % 5}.1;Intermediate" for i in range(COURSES)]
    return ("course_id;title_da;competence_1;level_1\n" + "\n".join(rows) + "\n").encode()


def _file_quads(site: Site) -> set[ox.Quad]:
    """The file's quads as a store holds them (Oxigraph keeps typed values, not their spelling:
    "...+00:00" and "...Z" are one dateTime)."""
    path = contrib.owner_file(site.tmp / "contrib", "alpha")
    memory = ox.Store()
    if path.exists():
        memory.load(path.read_bytes(), format=ox.RdfFormat.N_QUADS)
    return set(memory)


def _store_quads(site: Site) -> set[ox.Quad]:
    """alpha's asserted graphs as the store holds them (read beside the running server)."""
    store = ox.Store.read_only(str(site.tmp / "store" / DB_DIR))
    names = contrib.graph_names("alpha")
    return {
        q
        for name in (names["about"], names["data"], names["imports"])
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
    }


def _restart(site: Site) -> None:
    site.proc, site.url = start_server(site.env)


@pytest.fixture(scope="module")
def crash_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One site for the module (each test leaves it serving): building a site costs more than a test."""
    site = make_site(tmp_path_factory.mktemp("crash"))
    yield site
    if site.proc.poll() is None:
        site.proc.kill()
        site.proc.wait()


def test_kill_during_uploads_loses_nothing_acknowledged(crash_site: Site) -> None:
    site = crash_site
    start = time.monotonic()
    first = site.upload_csv(_catalogue("first"))
    assert first.status_code == 200
    took = time.monotonic() - start  # the kills below spread over this (parse, check, file, store)
    acknowledged: list[str] = [first.json()["checksum"]]
    for n, delay in enumerate(took * f for f in (0.05, 0.3, 0.6, 0.9, 2.0)):
        tag = f"v{n}"
        answer: dict[str, httpx.Response] = {}

        def upload(tag: str = tag, answer: dict[str, httpx.Response] = answer) -> None:
            with contextlib.suppress(httpx.HTTPError):  # killed before it answered: not acknowledged
                answer["r"] = site.upload_csv(_catalogue(tag))

        thread = threading.Thread(target=upload)
        thread.start()
        time.sleep(delay)
        site.proc.send_signal(signal.SIGKILL)
        site.proc.wait()
        thread.join()
        if "r" in answer and answer["r"].status_code == 200:
            acknowledged.append(answer["r"].json()["checksum"])
        _restart(site)  # reconciles what the kill cut short
        assert _store_quads(site) == _file_quads(site), f"file and store disagree after a kill at {delay} s"
        imports = {str(q.object) for q in _file_quads(site) if q.predicate.value.endswith("identifier")}
        assert {f'"{c}"' for c in acknowledged} <= imports, "an acknowledged upload was lost"
    assert len(acknowledged) > 1, "no upload finished before its kill: make the delays longer"
    assert len(acknowledged) < 6, "every upload finished before its kill: make the delays shorter"
    print(f"kills during uploads: 5, acknowledged {len(acknowledged) - 1}, lost 0, file == store after each")


def test_kill_during_a_build_leaves_a_store_that_serves(crash_site: Site) -> None:
    site = crash_site
    resp = site.upload_csv(_catalogue("built"))
    assert resp.status_code == 200
    site.proc.terminate()
    site.proc.wait()
    for delay in (0.5, 1.5, 2.5):  # loading, reasoning and validating, writing the new store
        build = subprocess.Popen(
            [DKK, "build"], env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        _restart(site)  # finishes or undoes a half-done swap
        assert httpx.get(f"{site.url}/health").status_code == 200
        assert _store_quads(site) == _file_quads(site)
        site.proc.terminate()
        site.proc.wait()
    _restart(site)


def test_a_build_while_a_server_runs_is_refused_and_later_writes_survive(crash_site: Site) -> None:
    site = crash_site
    run = subprocess.run([DKK, "build"], env=site.env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert "A server is using the store" in run.stderr
    resp = site.upload_csv(_catalogue("after"))
    assert resp.status_code == 200
    site.proc.terminate()
    site.proc.wait()
    _restart(site)
    count = "SELECT (COUNT(?c) AS ?n) WHERE { ?c dkk:offeredBy <https://w3id.org/dkk/id/provider/alpha> }"
    answer = httpx.get(f"{site.url}/sparql", params={"query": count}, timeout=30).json()
    assert answer["results"]["bindings"][0]["n"]["value"] == str(COURSES)
    assert _store_quads(site) == _file_quads(site)


def test_concurrent_uploads_all_land_and_file_and_store_agree(crash_site: Site) -> None:
    """Eight merges at once, to two providers: each acknowledged course is there, once."""
    site = crash_site
    answers: list[tuple[str, str, int]] = []

    def merge(who: str, n: int) -> None:
        data = f"course_id;title_da;competence_1;level_1\nc{n};Kursus {n};digcomp3:2.1;Basic\n".encode()
        resp = httpx.post(
            f"{site.url}/providers/{who}/courses",
            params={"mode": "merge"},
            headers={**site.auth(who), "Content-Type": "text/csv"},
            content=data,
            timeout=120,
        )
        answers.append((who, f"c{n}", resp.status_code))

    threads = [threading.Thread(target=merge, args=("alpha" if n % 2 else "beta", n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {code for _, _, code in answers} == {200}
    for who, course, _ in answers:
        iri = f"https://w3id.org/dkk/id/provider/{who}/course/{course}"
        ask = httpx.get(f"{site.url}/sparql", params={"query": f"ASK {{ <{iri}> a dkk:CourseOffering }}"})
        assert ask.json()["boolean"] is True, f"{iri} was acknowledged but is not in the store"
    assert _store_quads(site) == _file_quads(site)
