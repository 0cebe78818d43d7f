"""Measuring tools of the benchmark: timed runs, child processes with their peak memory, a server."""

from __future__ import annotations

import json
import math
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx

from kg.core.settings import ROOT

RUNS = 20
BUDGET_S = 5.0  # one run slower than this (rdflib, disk): the rest of that query's runs are skipped
BIN = Path(sys.executable).parent


def pct(values: list[float]) -> dict[str, float]:
    """Median and nearest-rank 95th percentile (the ceil(0.95 n)-th smallest) in ms. The results of
    2026-12-06 and before took index int(0.95 n): for 20 runs the slowest, so one outlier decided."""
    values = sorted(values)
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(values[max(0, math.ceil(len(values) * 0.95) - 1)] * 1000, 2),
        "runs": len(values),
    }


def timed(fn: Callable[[], object], runs: int = RUNS, budget: float | None = None, warmup: int = 3) -> dict:
    """p50/p95 of ``runs`` calls after ``warmup`` untimed ones (the first runs of a query on a store
    are up to 40% slower: caches, page tables); past ``budget`` seconds for one call, or refused by
    the API, the rest are skipped and said so."""
    return interleaved({"it": (fn, budget)}, runs, warmup)["it"]


Ways = dict[str, tuple[Callable[[], object], float | None]]  # name -> (a call, its budget in seconds)


def interleaved(fns: Ways, runs: int = RUNS, warmup: int = 3) -> dict[str, dict]:
    """``timed`` for several ways of asking the same thing, run by run in turn (the order rotating), so
    that a moment when the machine is busy falls on all of them alike: timed one after another, a
    loaded minute made the API look faster than the engine it runs on. Each value is (call, budget)."""
    out: dict[str, dict] = {}
    times: dict[str, list[float]] = {name: [] for name in fns}
    for n in range(warmup + runs):
        names = list(fns)
        names = names[n % len(names) :] + names[: n % len(names)]
        for name in names:
            if name in out:
                continue  # over its budget: said so, not run again
            fn, budget = fns[name]
            start = time.perf_counter()
            refused = _refusal(fn)
            took = time.perf_counter() - start
            if refused:
                out[name] = {"skipped": refused, "runs": 0}
                continue
            if n >= warmup:
                times[name].append(took)
            if budget and took > budget:
                over = f"one run took {took:.1f} s, over the {budget:.0f} s budget"
                out[name] = {"skipped": over, "runs": 0}
    return {name: out.get(name) or pct(times[name]) for name in fns}


def _refusal(fn: Callable[[], object]) -> str | None:
    """Run ``fn``; if the API refuses (a 503 past its time or memory limit, say), what it answered."""
    try:
        fn()
    except httpx.HTTPStatusError as exc:
        title = exc.response.headers.get("content-type", "").startswith("application/problem+json")
        detail = exc.response.json().get("title", "") if title else ""
        return f"the API answered {exc.response.status_code} {detail}".strip()
    return None


def throughput(
    ask: Callable[[httpx.Client, int], object], clients: int = 8, seconds: float = 10.0
) -> dict[str, float]:
    """Answers a second and their p50/p95 with ``clients`` clients asking at once, each on its own
    connection, for ``seconds``; ``ask(client, n)`` sends the client's n-th request."""
    stop_at = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients

    def client_loop(i: int) -> None:
        with httpx.Client(timeout=60) as client:
            n = 0
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                try:
                    ask(client, n)
                    latencies[i].append(time.perf_counter() - start)
                except httpx.HTTPError:  # an error is no answer: counted apart, not in the rate
                    failures[i] += 1
                n += 1

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - began
    every = [x for lat in latencies for x in lat]
    return {
        "clients": clients,
        "answers_per_second": round(len(every) / took, 1),
        "failures": sum(failures),
        **(pct(every) if every else {"runs": 0}),
    }


def child(code: str, env: dict[str, str]) -> dict:
    """Run ``code`` in a fresh interpreter (it prints one JSON object) and add the child's peak RSS.

    Each call is a new process, so the peak is this child's own (RUSAGE_CHILDREN keeps the
    largest of all waited-for children: the child reports its own ru_maxrss instead)."""
    wrapped = (
        code
        + "\nimport resource as _r, json as _j\n"
        + "print(_j.dumps({'_peak_kb': _r.getrusage(_r.RUSAGE_SELF).ru_maxrss}))\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapped], env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark step failed:\n{out.stderr[-3000:]}")
    lines = out.stdout.strip().splitlines()
    result = json.loads(lines[-2])
    result["peak_rss_mb"] = round(json.loads(lines[-1])["_peak_kb"] / 1024, 1)
    return result


def dkk(args: list[str], env: dict[str, str], *, raw: bool = False) -> Any:
    """What ``dkk ARGS`` prints: text, or bytes with ``raw``."""
    out = subprocess.run([str(BIN / "dkk"), *args], env=env, check=True, capture_output=True).stdout
    return out if raw else out.decode()


def memory_mb(pid: int) -> dict[str, float]:
    """RSS and PSS of the server and of its child processes (the query workers).

    RSS counts a page shared by several processes once in each; PSS divides it among them,
    so the PSS total is what the processes together take from the machine."""

    def children(p: int) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(p)], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]

    def read(p: int) -> tuple[int, int]:
        rss = pss = 0
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
        except OSError:
            pass
        return rss, pss

    procs, todo = [], children(pid)
    while todo:  # workers, and anything they started
        p = todo.pop()
        procs.append(p)
        todo += children(p)
    server = read(pid)
    workers = [read(p) for p in procs]
    w_rss, w_pss = sum(r for r, _ in workers), sum(p for _, p in workers)
    return {
        "server_rss": round(server[0] / 1024, 1),
        "workers_rss": round(w_rss / 1024, 1),
        "total_rss": round((server[0] + w_rss) / 1024, 1),
        "server_pss": round(server[1] / 1024, 1),
        "workers_pss": round(w_pss / 1024, 1),
        "total_pss": round((server[1] + w_pss) / 1024, 1),
        "processes": 1 + len(procs),
    }


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(BIN / "uvicorn"), "--factory", "api.app:create_app", "--host", "127.0.0.1", "--port", str(port)],
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
            time.sleep(0.02)
    proc.kill()
    raise RuntimeError("the server did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def peak_by_stage(rss_at_start: dict[str, float]) -> dict[str, float]:
    """ru_maxrss noted as each stage starts is the peak so far: the next stage's note is this one's peak."""
    names = list(rss_at_start)
    return {a: rss_at_start[b] for a, b in pairwise(names)}
