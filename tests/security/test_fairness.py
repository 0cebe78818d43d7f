"""One client cannot take every SPARQL worker, and no query grows without bound.

Real servers: one client's runaway queries leave a worker for another client;
a client that queues too much is told 503 with Retry-After; a query that grows a
worker's memory past its limit gets 503 and the worker is replaced; answers are
cut in bytes as well as rows.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from ..conftest import start_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIGHT = "ASK { ?s ?p ?o }"
# Each BIND quadruples a string: 4^16 characters is 4 GB, far past any worker's memory limit.
DOUBLING = (
    'SELECT (STRLEN(?x16) AS ?n) WHERE { BIND("a" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}, ?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(16))
    + " }"
)


@pytest.fixture(scope="module")
def bounded(built: object) -> Iterator[str]:
    """A second (read-only) server on the session's store with small limits."""
    env = {
        **os.environ,
        "DKK_SPARQL_TIMEOUT": "4",
        "DKK_SPARQL_WORKERS": "2",
        "DKK_SPARQL_WORKER_MEMORY_MB": "700",
        "DKK_SPARQL_RESULT_BYTES": "100000",
        "DKK_SPARQL_RESULT_LIMIT": "1000000",
        "DKK_SPARQL_QUEUE_PER_CLIENT": "2",
    }
    proc, url = start_server(env)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _who(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"198.51.100.{n}"}


def test_runaways_of_one_client_leave_a_worker_for_another(bounded: str) -> None:
    codes: list[int] = []

    def runaway() -> None:
        resp = httpx.get(f"{bounded}/sparql", params={"query": RUNAWAY}, headers=_who(1), timeout=60)
        codes.append(resp.status_code)

    threads = [threading.Thread(target=runaway) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    waits = []
    for _ in range(5):
        start = time.monotonic()
        resp = httpx.get(f"{bounded}/sparql", params={"query": LIGHT}, headers=_who(2), timeout=30)
        waits.append(time.monotonic() - start)
        assert resp.status_code == 200
    for t in threads:
        t.join()
    assert max(waits) < 1.0, f"the other client's light queries waited up to {max(waits):.1f} s"
    # the runaway client ran one query at a time: the time limit, busy (503 + Retry-After), or queued
    assert set(codes) <= {503}


def test_a_client_that_queues_too_much_is_told_to_retry(bounded: str) -> None:
    answers: list[httpx.Response] = []

    def runaway() -> None:
        answers.append(httpx.get(f"{bounded}/sparql", params={"query": RUNAWAY}, headers=_who(3), timeout=60))

    threads = [threading.Thread(target=runaway) for _ in range(5)]  # 1 running + 2 waiting allowed
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    busy = [a for a in answers if a.json()["title"] == "Server busy"]
    assert len(busy) >= 2
    assert all(1 <= int(a.headers["Retry-After"]) <= 60 for a in busy)


def test_a_query_past_the_memory_limit_is_stopped_and_its_worker_replaced(bounded: str) -> None:
    start = time.monotonic()
    resp = httpx.get(f"{bounded}/sparql", params={"query": DOUBLING}, headers=_who(4), timeout=60)
    assert resp.status_code == 503, resp.text
    assert resp.json()["title"] in ("Query resource limit reached", "Query time limit reached")
    assert time.monotonic() - start < 6
    after = httpx.get(f"{bounded}/sparql", params={"query": LIGHT}, headers=_who(4), timeout=30)
    assert after.status_code == 200


def test_answers_are_cut_in_bytes(bounded: str) -> None:
    resp = httpx.get(
        f"{bounded}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=_who(5), timeout=30
    )
    assert resp.status_code == 200 and resp.headers["DKK-Truncated"] == "true"
    assert len(resp.content) < 200_000
