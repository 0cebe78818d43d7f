"""Health: is the process up (cheap, for liveness probes), and is the store built and readable."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from kg import __version__
from kg.pipeline.build import build_info
from kg.pipeline.stats import counted
from kg.store import GraphStore

from .. import problems, schemas
from ..deps import settings_of, sizes_of
from ..memo import version

router = APIRouter(tags=["Health"])
_counting = threading.Lock()


def counts(request: Request, store: GraphStore, info: dict) -> tuple[int, int]:
    """Triples and graphs in the store. A store we built has its graphs' sizes in the build's stamp,
    with owners written since counted again (kg.pipeline.stats.graph_sizes): the first answer after a
    start needs no count of the whole store (1.5 s at 10M triples). Otherwise (a remote store without
    our stamp) the store is counted once per build and write (counting reads every triple: seconds at
    1M on a remote store), by one request at a time: while one counts, the others answer with the
    last counts (or the build's) instead of starting more of the same work."""
    if counted(info):
        sizes = sizes_of(request)
        return sum(sizes.values()), len(sizes)
    state = request.app.state
    key = version(request)
    cached = getattr(state, "health_counts", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    if not _counting.acquire(blocking=False):
        return cached[1] if cached is not None else (info.get("triples", 0), len(info.get("graphs", {})))
    try:
        value = (store.triple_count(), len(store.named_graphs()))
        state.health_counts = (key, value)
        return value
    finally:
        _counting.release()


@router.get(
    "/health/live", response_model=schemas.Live, summary="Is the process up? (cheap: for liveness probes)"
)
def live() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/health", response_model=schemas.Health, summary="Is the store built and readable?")
def health(request: Request) -> JSONResponse:
    store = getattr(request.app.state, "store", None)
    if store is None:
        return problems.problem(
            503, "Store not available", request.app.state.store_error or "The store is not open."
        )
    info = build_info(settings_of(request).store_path_resolved()) or {}
    triples, graphs = counts(request, store, info)
    pool = request.app.state.query_pool
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "triples": triples,
            "built": info.get("built"),
            "graphs": graphs,
            "sparql": pool.status if pool is not None else None,
            "sandbox": pool.sandbox if pool is not None else None,
            "sparqlCopy": pool.copy_problem if pool is not None else None,  # why no copy, if one was meant
            "catalogue": "ready" if getattr(request.app.state, "catalogue", None) else "loading",
        }
    )
