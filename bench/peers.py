"""The benchmark's peers: the same queries on a remote Oxigraph server (``oxigraph serve``, the
`oxigraph` package), straight and through our API, and many clients at once on the light queries."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable

import httpx

from bench.measure import BIN, BUDGET_S, Ways, dkk, interleaved, start_server, stop, throughput
from bench.queries import queries

REMOTE_RUNS = 5  # the remote rows' runs a query (the first 1M run spent over 20 min on 20 runs each)

LIGHT_QUERIES = ("competence-search", "competence-detail", "profiles-per-discipline", "08-level-crosswalk")


def light(url: str, method: str) -> Callable[[httpx.Client, int], object]:
    """The light queries in turn, sent to ``url`` (ours: GET /sparql; a peer: POST, with the prologue)."""
    from kg.core.namespaces import sparql_prologue

    texts = [queries()[name] for name in LIGHT_QUERIES]
    if method == "POST":
        texts = [sparql_prologue() + t for t in texts]

    send = post_query if method == "POST" else get_query

    def ask(client: httpx.Client, n: int) -> object:
        return send(client, url, texts[n % len(texts)])()

    return ask


def post_query(client: httpx.Client, url: str, text: str) -> Callable[[], object]:
    """A SPARQL query as a POSTed form, the way peers are asked."""
    accept = {"Accept": "application/sparql-results+json"}
    return lambda: client.post(url, data={"query": text}, headers=accept).raise_for_status()


def get_query(client: httpx.Client, url: str, text: str) -> Callable[[], object]:
    """A SPARQL query in the URL, the way our endpoint is asked (``url`` may be relative to the
    client's base)."""
    return lambda: client.get(url, params={"query": text}).raise_for_status()


def remote_rows(env: dict[str, str], rows: dict[str, dict]) -> dict:
    """The same queries on a remote Oxigraph server (the `oxigraph` package): sent straight to it, and
    through our API serving from it; and how long `dkk publish` took to load it."""
    from kg.core.namespaces import sparql_prologue

    server = shutil.which("oxigraph", path=str(BIN))
    if server is None:
        return {"remote": "skipped: the oxigraph server is not installed (pip install oxigraph)"}
    with tempfile.TemporaryDirectory(prefix="dkk-bench-remote-") as tmp:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [
                server,
                "serve",  # in memory (no --location), as the peers in issue 15's table were measured
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
                "--timeout-s",  # queries our API stopped waiting for stop there too
                "30",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        remote = {
            "DKK_SPARQL_ENDPOINT": f"{base}/query",
            "DKK_SPARQL_UPDATE_ENDPOINT": f"{base}/update",
            "DKK_SPARQL_GRAPH_STORE_ENDPOINT": f"{base}/store",
        }
        out: dict = {}
        try:
            for _ in range(300):
                with contextlib.suppress(httpx.HTTPError):
                    httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
                    break
                time.sleep(0.1)
            start = time.perf_counter()
            dkk(["publish"], {**env, **remote})
            out["remote_publish_seconds"] = round(time.perf_counter() - start, 1)
            api, url = start_server({**env, **remote, "DKK_STORE_PATH": f"{tmp}/cache"})
            try:
                with httpx.Client(timeout=120) as client:
                    for name, text in queries().items():
                        straight = post_query(client, f"{base}/query", sparql_prologue() + text)
                        ours = get_query(client, f"{url}/sparql", text)
                        # Fewer runs than in memory: the server answers from disk, seconds a query at 1M;
                        # the server and our API on it in turn, as the engine and the API in memory.
                        ways: Ways = {"direct_remote": (straight, BUDGET_S), "api_remote": (ours, BUDGET_S)}
                        rows[name].update(interleaved(ways, runs=REMOTE_RUNS, warmup=1))
            finally:
                stop(api)
            # Last: at full speed from 8 clients `oxigraph serve` answers some requests with 500
            # ("Resource temporarily unavailable") and goes on failing for a while after.
            out["peer_throughput"] = throughput(light(f"{base}/query", "POST"))
        finally:
            stop(proc)
    return out
