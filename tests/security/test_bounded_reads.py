"""REST and site reads are bounded like /sparql: a deadline, and they stop when the client goes.

The site's reads run in the query pool's workers (kg.store.pooled_reads), so a heavy
read is stopped at the time limit (503), a query whose client has gone is stopped
and its worker freed, and one client's heavy reads do not hold every worker.
The heavy read here is the course listing over a 1,500-course catalogue (slow from
the disk store; the in-memory copy may answer it in time).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from .conftest import Site, make_site
from .test_crash import _catalogue

TIMEOUT = 4.0
HEAVY = "/courses?limit=5"
LIGHT = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = make_site(tmp_path_factory.mktemp("reads"), DKK_SPARQL_TIMEOUT=str(TIMEOUT))
    resp = site.upload_csv(_catalogue("reads"))
    assert resp.status_code == 200
    yield site
    site.proc.terminate()
    site.proc.wait(timeout=10)


def _who(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"203.0.113.{n}"}


def test_a_rest_read_stops_at_the_deadline(loaded: Site) -> None:
    start = time.monotonic()
    resp = httpx.get(loaded.url + HEAVY, headers=_who(1), timeout=60)
    seconds = time.monotonic() - start
    assert seconds < TIMEOUT + 1.5, f"a read ran {seconds:.1f} s past a {TIMEOUT} s deadline"
    if resp.status_code != 200:  # (a faster listing may finish in time: the bound is what is tested)
        assert resp.status_code == 503 and resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["timeout_seconds"] == TIMEOUT


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_query_whose_client_left_frees_its_worker(loaded: Site) -> None:
    """The client gives up on a runaway query after half a second; the same client (one query at a
    time) then asks something light and is answered at once: the runaway was stopped, not left to
    run to the deadline. (REST reads stop the same way, at their next query or mid-query.)"""
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(loaded.url + "/sparql", params={"query": RUNAWAY}, headers=_who(2), timeout=0.5)
    start = time.monotonic()
    resp = httpx.get(loaded.url + "/sparql", params={"query": LIGHT}, headers=_who(2), timeout=30)
    assert resp.status_code == 200
    waited = time.monotonic() - start
    assert waited < 1.5, f"the abandoned query held the client's worker for {waited:.1f} s"


def test_heavy_reads_of_one_client_leave_workers_for_others(loaded: Site) -> None:
    threads = [
        threading.Thread(target=lambda: httpx.get(loaded.url + HEAVY, headers=_who(3), timeout=60))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    time.sleep(0.5)
    start = time.monotonic()
    resp = httpx.get(loaded.url + "/sparql", params={"query": LIGHT}, headers=_who(4), timeout=30)
    waited = time.monotonic() - start
    for t in threads:
        t.join()
    assert resp.status_code == 200
    assert waited < 1.5, f"another client's light query waited {waited:.1f} s behind one client's reads"
