"""`dkk bench --scale 100k|1m`: build, query, upload and start-up, measured on a synthetic graph.

Builds run in child processes so that each peak RSS is the build's own. Queries
are timed on the same SPARQL text five ways: pyoxigraph at its fastest (an
in-memory Store loaded from the dump) and on our durable on-disk store; our HTTP
API (a real server on loopback, /sparql) serving from its in-memory copy (the
default) and from disk; and rdflib in memory as the baseline (skipped, and said
so, past a time budget). Results and the issue's targets, met or not, go to
bench/results/<scale>.json and .md (kg/bench/report.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench import user_paths
from bench.measure import (
    BUDGET_S,
    Ways,
    child,
    dkk,
    interleaved,
    memory_mb,
    peak_by_stage,
    start_server,
    stop,
    throughput,
    timed,
)
from bench.peers import get_query, light, remote_rows
from bench.queries import queries
from bench.report import markdown, targets
from kg.store.query_pool import COPY_BYTES_PER_TRIPLE

MB = 2**20
SCALES = {"100k": 100_000, "1m": 1_000_000, "5m": 5_000_000, "10m": 10_000_000}
LONG = {"5m", "10m"}  # growth runs: no rdflib baseline (minutes to load, GBs) and no remote rows
UPLOAD_RUNS = 3
BUILD = """
import json, resource
from kg.pipeline.build import build
from kg.core.settings import get_settings
rss = {}
def step(s): rss[s] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
r = build(get_settings(), step); step("done")
print(json.dumps({"triples": r.triples, "inferred": r.inferred,
    "seconds": {k: round(v, 2) for k, v in r.seconds.items()}, "rss_mb_when_stage_started": rss}))
"""


def run(scale: str, out_dir: Path, progress: Callable[[str], None] = lambda _: None) -> dict:
    target = SCALES[scale]
    tmp = Path(tempfile.mkdtemp(prefix=f"dkk-bench-{scale}-"))
    env = {
        **os.environ,
        "DKK_STORE_PATH": str(tmp / "store"),
        "DKK_CONTRIB_DIR": str(tmp / "contrib"),
        "DKK_SPARQL_RESULT_LIMIT": "100000",
        "DKK_MAX_UPLOAD_BYTES": "50000000",
        "DKK_RATE_LIMIT": "1000000/minute",  # one client asks every user path 21 times in a row
        # Room for the in-memory copy (~430 bytes a triple; inference adds ~20%) past the 2 GB default,
        # which holds up to ~3M triples: above that the server would answer from disk (and say so).
        "DKK_SPARQL_WORKER_MEMORY_MB": str(max(2048, int(target * 1.3 * COPY_BYTES_PER_TRIPLE / MB) + 512)),
    }
    result: dict = {"scale": scale, "target_triples": target, "machine": f"{os.cpu_count()} cores"}
    try:
        long = scale in LONG
        if not long:
            progress("build of the shipped graph (3 runs)")
            result["shipped_build"] = _shipped_build(env, tmp)

        progress("generate")
        result["generate"] = child(
            f"import json,time; from pathlib import Path; from bench.synth import generate\n"
            f"t=time.perf_counter(); p=generate(Path({str(tmp / 'contrib')!r}), {target})\n"
            f"print(json.dumps({{'seconds': round(time.perf_counter()-t, 2), 'providers': p.providers, "
            f"'courses': p.courses, 'municipalities': 98, "
            f"'profiles_per_municipality': p.profiles_per_municipality, "
            f"'practices_per_municipality': p.practices_per_municipality}}))",
            env,
        )

        progress("build")
        result["build"] = child(BUILD, env)
        result["build"]["peak_rss_mb_by_stage"] = peak_by_stage(result["build"]["rss_mb_when_stage_started"])
        dkk(["providers", "add", "bench", "--name", "Bench", "--example"], env)
        key = dkk(["keys", "create", "bench"], env).strip()

        progress("queries")
        result["queries"] = _query_timings(env, long)

        progress("cold start, user paths and upload")
        result.update(_server_timings(env, key))
        result["targets"] = targets(result)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{scale}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out_dir / f"{scale}.md").write_text(markdown(result))
    return result


def _shipped_build(env: dict[str, str], tmp: Path) -> dict:
    """`dkk build` of what a clone ships (no contributed data), three times."""
    shipped = {**env, "DKK_STORE_PATH": str(tmp / "shipped-store"), "DKK_CONTRIB_DIR": str(tmp / "none")}
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        out = child(BUILD, shipped)
        out["wall_seconds"] = round(time.perf_counter() - start, 2)  # with interpreter start and imports
        runs.append(out)
    return {
        "triples": runs[-1]["triples"],
        "wall_seconds": [r["wall_seconds"] for r in runs],
        "median_wall_seconds": statistics.median(r["wall_seconds"] for r in runs),
        "seconds": runs[-1]["seconds"],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def _query_timings(env: dict[str, str], long: bool = False) -> dict:
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.core.namespaces import PREFIXES, sparql_prologue

    dump = Path(env["DKK_STORE_PATH"]).parent / "dump.nq"  # a file: at 10M the dump is 2.1 GB
    dkk(["export", "--format", "nq", "--output", str(dump)], env)
    memory = ox.Store()
    memory.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    # A second copy, loaded the same way: two equal in-memory stores differ by up to ~20% on a
    # query (memory layout), which is the noise floor for "API over direct". (Not in long runs:
    # at 10M a copy is 4 GB, beside the server's own.)
    twin = None
    if not long:
        twin = ox.Store()
        twin.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    disk = ox.Store.read_only(str(Path(env["DKK_STORE_PATH"]) / "oxigraph"))
    start = time.perf_counter()
    rdf = Dataset(default_union=True)
    if not long:
        rdf.parse(str(dump), format="nquads")
    out: dict = {"rdflib_load_seconds": round(time.perf_counter() - start, 1) if not long else None}
    dump.unlink()

    def direct(store: ox.Store, text: str) -> Callable[[], object]:
        def run() -> object:
            result = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
            return list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)

        return run

    def over_rdflib(graph: Dataset, text: str) -> Callable[[], object]:
        return lambda: list(graph.query(sparql_prologue() + text))

    rows: dict[str, dict] = {}
    for name, text in queries().items():  # the baseline alone: its runs take seconds
        rows[name] = {
            "rdflib": timed(over_rdflib(rdf, text), budget=BUDGET_S) if not long else {"skipped": "long run"}
        }
    del rdf
    for mode, in_memory in (("api", "true"), ("api_disk", "false")):
        proc, url = start_server({**env, "DKK_SPARQL_IN_MEMORY": in_memory})
        try:
            with httpx.Client(base_url=url, timeout=120) as client:
                await_copy(client)  # the copy loads on start; each query is warmed up
                if mode == "api":  # the HTTP round trip alone, for what no query can go under
                    out["http_floor"] = timed(lambda: client.get("/health/live").raise_for_status(), runs=100)
                    out["throughput"] = throughput(light(f"{url}/sparql", "GET"))
                for name, text in queries().items():
                    # the engine and the API on the same query, run by run in turn (bench.measure)
                    ours = get_query(client, "/sparql", text)
                    ways: Ways = {"direct_disk": (direct(disk, text), BUDGET_S), "api_disk": (ours, BUDGET_S)}
                    if mode == "api":
                        ways = {"direct": (direct(memory, text), None), "api": (ours, BUDGET_S)}
                        if twin is not None:
                            ways["direct_twin"] = (direct(twin, text), None)
                    rows[name].update(interleaved(ways))
                    rows[name].setdefault("direct_twin", {"skipped": "long run"})
            out[f"{mode}_memory_mb"] = memory_mb(proc.pid)
        finally:
            stop(proc)
    del memory, twin
    if not long:
        out.update(remote_rows(env, rows))
    for row in rows.values():
        d, api, rd = row["direct"], row["api"], row["rdflib"]
        if "p50_ms" in api:
            row["api_over_direct"] = round(api["p50_ms"] / max(d["p50_ms"], 0.01), 2)
            row["api_minus_direct_ms"] = round(api["p50_ms"] - d["p50_ms"], 2)
            if "p50_ms" in rd:
                row["rdflib_over_api"] = round(rd["p50_ms"] / max(api["p50_ms"], 0.01), 1)
                row["rdflib_over_direct"] = round(rd["p50_ms"] / max(d["p50_ms"], 0.01), 1)
    out.update(rows)
    return out


def await_copy(client: httpx.Client, seconds: float = 600) -> None:
    """Until the in-memory copy is loaded, the workers answer from disk, and until the course index is,
    the store answers course lists: wait for both (GET /health says)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        health = client.get("/health").json()
        if health.get("sparql") in ("memory", "disk") and health.get("catalogue") in ("ready", None):
            return
        time.sleep(0.1)
    raise RuntimeError("the query workers never finished loading")


HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs to the time limit


def _light_under_load(url: str, heavy: int, runs: int = 20) -> dict:
    """p50/p95 of a light SPARQL ASK and a light REST read from one client while ``heavy`` runaway
    queries from another client keep the server busy (what the fair scheduler is for)."""
    stop_at = threading.Event()

    def hammer() -> None:
        while not stop_at.is_set():
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(
                    f"{url}/sparql",
                    params={"query": HEAVY},
                    headers={"X-Forwarded-For": "198.51.100.1"},
                    timeout=60,
                )

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(heavy)]
    for t in threads:
        t.start()
    time.sleep(1.0 if heavy else 0)
    other = {"X-Forwarded-For": "198.51.100.2"}
    try:
        with httpx.Client(base_url=url, headers=other, timeout=60) as client:
            ask = timed(lambda: client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}), runs, warmup=1)
            rest = timed(lambda: client.get("/frameworks"), runs, warmup=1)
    finally:
        stop_at.set()
    return {"sparql_ask": ask, "rest_frameworks": rest}


def _server_timings(env: dict[str, str], key: str) -> dict:
    from bench.synth import upload_csv

    start = time.perf_counter()
    proc, url = start_server(env)
    cold = time.perf_counter() - start
    try:
        httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=120).raise_for_status()
        first_answer = time.perf_counter() - start
        with httpx.Client(base_url=url, timeout=600) as client:
            await_copy(client)
        copy_ready = time.perf_counter() - start
        paths = user_paths.measure(url)
        data = upload_csv(1000)

        def upload(dry_run: bool) -> float:
            t = time.perf_counter()
            resp = httpx.post(
                f"{url}/providers/bench/courses",
                params={"dry_run": str(dry_run).lower()},
                headers={"Authorization": f"Bearer {key}"},
                files={"file": ("k.csv", data, "text/csv")},
                timeout=600,
            )
            resp.raise_for_status()
            return time.perf_counter() - t

        checks = [upload(True) for _ in range(UPLOAD_RUNS)]
        writes = [upload(False) for _ in range(UPLOAD_RUNS)]
        fairness = {str(n): _light_under_load(url, n) for n in (0, 2, 4)}
    finally:
        stop(proc)
    return {
        "light_query_under_heavy_load": fairness,
        "cold_start_seconds": round(cold, 2),
        "first_sparql_answer_seconds": round(first_answer, 2),
        "in_memory_copy_ready_seconds": round(copy_ready, 2),
        "user_paths": paths,
        "upload_1000_courses_seconds": {
            "runs": [round(u, 2) for u in writes],
            "median": round(statistics.median(writes), 2),
            "validation_only_runs": [round(u, 2) for u in checks],
            "validation_only_median": round(statistics.median(checks), 2),
        },
    }
