"""The requests people make, timed on a running server: every REST read and the main site pages.

Each path is requested as a browser or client would (GET over loopback, answer read
to the end): p50/p95 ms and the bytes of the answer. A path slower than the budget on
one run is cut there and said so, so that one slow path cannot hold up the run. The ids
are those of the benchmark's synthetic graph (bench.synth), with the shipped DigComp 3.0.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable

import httpx

from bench.measure import pct

COMPETENCE = "digcomp3/4.2"
LEVEL = "digcomp3/level/intermediate"
PROVIDER = "syntetisk-001"
PROFILE = "municipality/syntetisk-01/profile/p1"
COURSE = "provider/syntetisk-001/course/k1"
DIGCOMP3_CASE = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/dkk/id/digcomp3")  # (kg.services.case)
GAP = json.dumps({"profile": PROFILE, "current": {"digcomp3:1.1": "Basic", "digcomp3:4.2": "Basic"}})

REST = {
    "GET /frameworks": "/frameworks",
    "GET /frameworks/digcomp3/concepts": "/frameworks/digcomp3/concepts",
    "GET /frameworks/digcomp3/course-counts": "/frameworks/digcomp3/course-counts",
    "GET /competences?q=data": "/competences?q=data",
    f"GET /competences/{COMPETENCE}": f"/competences/{COMPETENCE}",
    "GET /profiles": "/profiles",
    "GET /profiles/{id}": f"/profiles/{PROFILE}",
    "GET /profiles/{id}/coverage": f"/profiles/{PROFILE}/coverage",
    "GET /profiles/{id}/chart.svg": f"/profiles/{PROFILE}/chart.svg",
    "GET /disciplines": "/disciplines",
    "GET /organisational-levels": "/organisational-levels",
    "GET /practices": "/practices",
    "GET /practices?competence=": f"/practices?competence={COMPETENCE}",
    "GET /courses?limit=20": "/courses?limit=20",
    "GET /courses?limit=20&offset=20000": "/courses?limit=20&offset=20000",
    "GET /courses?competence=&limit=20": f"/courses?competence={COMPETENCE}&limit=20",
    "GET /courses?competence=&min_level=&limit=20": (
        f"/courses?competence={COMPETENCE}&min_level={LEVEL}&limit=20"
    ),
    "GET /courses?provider=&limit=20": f"/courses?provider={PROVIDER}&limit=20",
    "GET /mappings": "/mappings",
    "GET /mappings/coverage": "/mappings/coverage?source=kl-wheel&target=digcomp3",
    "GET /providers/{id}/coverage": f"/providers/{PROVIDER}/coverage",
    "GET /providers/{id}/imports": f"/providers/{PROVIDER}/imports",
    "GET /providers/{id}/courses (ELM JSON-LD)": f"/providers/{PROVIDER}/courses?format=elm-jsonld",
    "GET /courses/{id} (ELM Turtle)": f"/courses/{COURSE}?format=elm-ttl",
    "GET CASE CFPackages/{digcomp3}": f"/ims/case/v1p1/CFPackages/{DIGCOMP3_CASE}",
    "GET /graph/{name} (description)": "/graph/digcomp3",
    "GET /dataset": "/dataset",
    "GET /health": "/health",
}
PAGES = {
    "page /": "/",
    "page framework tree": "/ui/frameworks/digcomp3",
    "page concept": f"/ui/concept?id={COMPETENCE}",
    "page courses of a concept": f"/ui/courses?competence={COMPETENCE}",
    "page profile": f"/ui/profile?id={PROFILE}",
    "page profiles": "/ui/profiles",
    "page provider coverage": f"/ui/providers/{PROVIDER}/coverage",
    "page providers": "/ui/providers",
    "page course": f"/ui/course?id={COURSE}",
    "page search": "/ui/search?q=data",
    "page practices": "/ui/practices",
    "page mappings": "/ui/mappings",
    "page data": "/ui/data",
}


def timed_request(send: Callable[[], httpx.Response], runs: int, budget: float) -> dict:
    """p50/p95 and bytes of a request; cut after one run over ``budget`` seconds (said so)."""
    times: list[float] = []
    size = status = 0
    for i in range(runs + 1):  # the first is a warm-up
        start = time.perf_counter()
        try:
            resp = send()
        except httpx.TimeoutException:
            return {"skipped": f"no answer within {budget:.0f} s", "runs": len(times)}
        took = time.perf_counter() - start
        size, status = len(resp.content), resp.status_code
        if i:
            times.append(took)
        if took > budget:
            out = {"skipped": f"one run took {took:.1f} s, over the {budget:.0f} s budget"}
            return {**out, "runs": len(times), "bytes": size, "status": status, "seconds": round(took, 1)}
    return {**pct(times), "bytes": size, "status": status}


def measure(url: str, runs: int = 20, budget: float = 10.0) -> dict[str, dict]:
    """Every REST read, POST /gap and the site pages on the server at ``url``."""
    out: dict[str, dict] = {}
    with httpx.Client(base_url=url, timeout=budget * 3, headers={"Accept-Language": "da"}) as client:
        for name, path in {**REST, **PAGES}.items():
            out[name] = timed_request(lambda p=path: client.get(p), runs, budget)  # type: ignore[misc]
        out["POST /gap"] = timed_request(
            lambda: client.post("/gap", content=GAP, headers={"Content-Type": "application/json"}),
            runs,
            budget,
        )
    return out
