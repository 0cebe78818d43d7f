"""Health: is the process up (cheap, for liveness probes), and is the store built and readable."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from kg import __version__
from kg.pipeline.build import build_info

from .. import problems, schemas
from ..deps import settings_of

router = APIRouter(tags=["Health"])


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
    pool = request.app.state.query_pool
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "triples": store.triple_count(),
            "built": info.get("built"),
            "graphs": len(store.named_graphs()),
            "sparql": pool.status if pool is not None else None,
            "sandbox": pool.sandbox if pool is not None else None,
        }
    )
