"""`dkk bench --scale 100k|1m`: build, query, upload and start-up, measured on a synthetic graph.

Each stage runs in child processes so that peak RSS is the stage's own. Queries
are timed three ways on the same SPARQL text: pyoxigraph at its fastest (an
in-memory Store loaded from the dump), our HTTP API (a real server on loopback,
/sparql), and rdflib in memory as the baseline (skipped, and said so, past a
time budget). Results go to bench/results/<scale>.json and .md.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from ..settings import ROOT

SCALES = {"100k": 100_000, "1m": 1_000_000}
RUNS = 20
RDFLIB_BUDGET_S = 5.0  # one rdflib run slower than this: the rest of that query's rdflib runs are skipped
QUERIES = {
    "competence-search": "SELECT ?c ?l WHERE { ?c a dkk:Competence ; skos:prefLabel ?l . "
    'FILTER(CONTAINS(LCASE(STR(?l)), "data")) }',
    "competence-detail": "SELECT ?p ?o WHERE { <https://w3id.org/dkk/id/digcomp3/4.2> ?p ?o }",
    "courses-for-competence": "SELECT ?course ?level WHERE { ?course dkk:hasOutcome ?o . "
    "?o dkk:teachesCompetence <https://w3id.org/dkk/id/digcomp3/4.2> ; dkk:targetLevel ?level }",
    "courses-for-profile": (
        "SELECT ?req (COUNT(DISTINCT ?course) AS ?n) WHERE { "
        "<https://w3id.org/dkk/id/example/profile/sosu> dkk:derivedFrom* ?p . ?p dkk:hasRequirement ?req . "
        "?req dkk:competence ?c ; dkk:requiredLevel ?l . ?l dkk:rank ?r . "
        "OPTIONAL { ?course dkk:hasOutcome ?o . ?o dkk:teachesCompetence ?c ; dkk:targetLevel ?tl . "
        "?tl dkk:rank ?tr . FILTER(?tr >= ?r) } } GROUP BY ?req"
    ),
    "profiles-per-discipline": (
        "SELECT ?base (COUNT(?p) AS ?n) WHERE { ?p dkk:derivedFrom ?base } GROUP BY ?base"
    ),
}
RESEARCH = (
    "02-courses-per-competence-area",
    "03-practices-for-digitally-vulnerable-citizens",
    "04-ai-labels-per-area",
    "08-level-crosswalk",
)


def _queries() -> dict[str, str]:
    out = dict(QUERIES)
    for name in RESEARCH:
        out[name] = (ROOT / "queries" / f"{name}.rq").read_text()
    return out


def _pct(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))] * 1000, 2),
        "runs": len(values),
    }


def _child(code: str, env: dict[str, str]) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object; add its peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = round(max(peak, before) / 1024, 1)
    return result


def _time(fn: Callable[[], object], runs: int = RUNS, budget: float | None = None) -> dict | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if budget and times[-1] > budget:
            return {
                "skipped": f"one run took {times[-1]:.1f} s, over the {budget:.0f} s budget",
                "runs": len(times),
            }
    return _pct(times)


def run(scale: str, out_dir: Path, progress: Callable[[str], None] = lambda _: None) -> dict:
    target = SCALES[scale]
    tmp = Path(tempfile.mkdtemp(prefix=f"dkk-bench-{scale}-"))
    env = {
        **os.environ,
        "DKK_STORE_PATH": str(tmp / "store"),
        "DKK_CONTRIB_DIR": str(tmp / "contrib"),
        "DKK_SPARQL_RESULT_LIMIT": "100000",
        "DKK_MAX_UPLOAD_BYTES": "50000000",
    }
    result: dict = {"scale": scale, "target_triples": target, "machine": f"{os.cpu_count()} cores"}

    progress("generate")
    result["generate"] = _child(
        f"import json,time; from pathlib import Path; from kg.bench.synth import generate\n"
        f"t=time.perf_counter(); p=generate(Path({str(tmp / 'contrib')!r}), {target})\n"
        f"print(json.dumps({{'seconds': round(time.perf_counter()-t, 2), 'providers': p.providers, "
        f"'courses': p.courses, 'municipalities': 98, "
        f"'profiles_per_municipality': p.profiles_per_municipality}}))",
        env,
    )

    progress("build")
    result["build"] = _child(
        "import json,resource; from kg.build import build; from kg.settings import get_settings\n"
        "rss={}\n"
        "def step(s): rss[s]=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024,1)\n"
        "r=build(get_settings(), step); step('done')\n"
        "print(json.dumps({'triples': r.triples, 'inferred': r.inferred, "
        "'seconds': {k: round(v, 2) for k, v in r.seconds.items()}, 'rss_mb_when_stage_started': rss}))",
        env,
    )
    subprocess.run(
        [
            str(Path(sys.executable).with_name("dkk")),
            "providers",
            "add",
            "bench",
            "--name",
            "Bench",
            "--example",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    key = subprocess.run(
        [str(Path(sys.executable).with_name("dkk")), "keys", "create", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    progress("queries")
    result["queries"] = _query_timings(env, tmp)

    progress("cold start and upload")
    result.update(_server_timings(env, key))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{scale}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out_dir / f"{scale}.md").write_text(markdown(result))
    return result


def _query_timings(env: dict[str, str], tmp: Path) -> dict:
    import pyoxigraph as ox
    from rdflib import Dataset

    from ..namespaces import PREFIXES, sparql_prologue

    dump = subprocess.run(
        [str(Path(sys.executable).with_name("dkk")), "export", "--format", "nq"],
        env=env,
        check=True,
        capture_output=True,
    ).stdout
    memory = ox.Store()
    memory.bulk_load(dump, format=ox.RdfFormat.N_QUADS)
    start = time.perf_counter()
    rdf = Dataset(default_union=True)
    rdf.parse(data=dump.decode(), format="nquads")
    rdflib_load = time.perf_counter() - start
    proc, url = _start(env)
    out: dict = {"rdflib_load_seconds": round(rdflib_load, 1)}
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            for _ in range(4):  # warm up: the workers load their in-memory copies on start
                client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).raise_for_status()
            for name, text in _queries().items():
                direct = _time(
                    lambda text=text: list(
                        memory.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
                    )
                )
                api = _time(
                    lambda text=text: client.get("/sparql", params={"query": text}).raise_for_status()
                )
                baseline = _time(
                    lambda text=text: list(rdf.query(sparql_prologue() + text)), budget=RDFLIB_BUDGET_S
                )
                row = {"direct": direct, "api": api, "rdflib": baseline}
                if direct and api and "p50_ms" in api:
                    row["api_over_direct"] = round(api["p50_ms"] / max(direct["p50_ms"], 0.01), 2)
                    row["api_minus_direct_ms"] = round(api["p50_ms"] - direct["p50_ms"], 2)
                if baseline and "p50_ms" in baseline and api:
                    row["rdflib_over_api"] = round(baseline["p50_ms"] / max(api["p50_ms"], 0.01), 1)
                out[name] = row
            out["server_rss_mb"] = _rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return out


def _rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of the server process and of its query workers, from ps."""

    def rss(args: list[str]) -> list[int]:
        out = subprocess.run(["ps", "-o", "rss=", *args], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]

    server, workers = rss(["-p", str(pid)]), rss(["--ppid", str(pid)])
    return {
        "server": round(sum(server) / 1024, 1),
        "workers": round(sum(workers) / 1024, 1),
        "total": round((sum(server) + sum(workers)) / 1024, 1),
    }


def _start(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("uvicorn")),
            "api.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the server did not start")


def _server_timings(env: dict[str, str], key: str) -> dict:
    from .synth import upload_csv

    start = time.perf_counter()
    proc, url = _start(env)
    cold = time.perf_counter() - start
    try:
        data = upload_csv(1000)
        uploads = []
        for _ in range(3):
            t = time.perf_counter()
            resp = httpx.post(
                f"{url}/providers/bench/courses",
                headers={"Authorization": f"Bearer {key}"},
                files={"file": ("k.csv", data, "text/csv")},
                timeout=600,
            )
            resp.raise_for_status()
            uploads.append(time.perf_counter() - t)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return {
        "cold_start_seconds": round(cold, 2),
        "upload_1000_courses_seconds": {
            "runs": [round(u, 2) for u in uploads],
            "median": round(statistics.median(uploads), 2),
        },
    }


def markdown(r: dict) -> str:
    b = r["build"]
    lines = [
        f"### {r['scale']}: {b['triples']:,} triples ({b['inferred']:,} inferred), {r['machine']}",
        "",
        "| stage | seconds | RSS when it started (MB) |",
        "| --- | ---: | ---: |",
    ]
    for stage, secs in b["seconds"].items():
        lines.append(f"| {stage} | {secs} | {b['rss_mb_when_stage_started'].get(stage, '')} |")
    lines += [
        f"| build total | {round(sum(b['seconds'].values()), 2)} | peak {b['peak_rss_mb']} |",
        "",
        "| query | direct p50/p95 ms | API p50/p95 ms | API/direct | rdflib p50 ms | rdflib/API |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, q in r["queries"].items():
        if not isinstance(q, dict) or "direct" not in q:
            continue
        rd = q["rdflib"]
        lines.append(
            f"| {name} | {q['direct']['p50_ms']}/{q['direct']['p95_ms']} | {q['api']['p50_ms']}/"
            f"{q['api']['p95_ms']} | {q.get('api_over_direct', '')} | "
            f"{rd.get('p50_ms', 'skipped') if rd else ''} | {q.get('rdflib_over_api', '')} |"
        )
    up = r["upload_1000_courses_seconds"]
    rss = r["queries"].get("server_rss_mb", {})
    lines += [
        "",
        f"Upload of 1,000 courses: median {up['median']} s ({up['runs']}); cold start "
        f"{r['cold_start_seconds']} s; rdflib load {r['queries']['rdflib_load_seconds']} s; server RSS "
        f"{rss.get('server')} MB + query workers {rss.get('workers')} MB = {rss.get('total')} MB.",
        "",
    ]
    return "\n".join(lines)
