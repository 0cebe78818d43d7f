"""The FastAPI application, made by :func:`create_app` from one settings object.

The factory is the composition root: it takes the settings (read from the
environment only when none are given), sets the base our IRIs are minted on, and
wires the middlewares, routers and pages; every route and middleware reads the
settings from ``app.state.settings`` (api.deps.settings_of), never from the
environment. ``uvicorn --factory api.app:create_app`` serves it (what `make run`
does). The store is opened once at start-up; a missing store does not crash the
server: /health answers 503 with what to do, so `make run` failures are readable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles

from kg import __version__
from kg.core import namespaces
from kg.core.settings import Settings, get_settings
from kg.services import accounts, dialogues
from kg.services.contributions import reconcile
from kg.services.upload_checks import schema_and_shapes
from kg.store import StoreError, lifecycle, open_store
from kg.store.db import open_database
from kg.store.query_service import open_query_service

from . import catalogue, problems, ui
from .accounts import SignInRequired, answer_sign_in_required
from .asgi import HeadAsGet
from .headers import PublicCORS, SecurityHeaders
from .limits import BodyLimit, RateLimit
from .reads import ReadDeadline
from .routes import (
    case,
    coverage,
    dataset,
    gap,
    health,
    linked_data,
    mappings,
    municipalities,
    providers,
    releases,
    rest,
    sparql,
)
from .ui.render import STATIC, refused_page, render_problem

log = logging.getLogger(__name__)
TIDY_SECONDS = 3600


def _tidy(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    accounts.expire_sessions(app.state.database)
    gone = dialogues.expire(app.state.database, settings.assessment_retention_days)
    if gone:
        log.info(
            "Deleted %d dialogue round(s) past the retention of %d days.",
            gone,
            settings.assessment_retention_days,
        )


async def _housekeeping(app: FastAPI) -> None:
    """Hourly after the start's own tidying: sessions past their time, and dialogue rounds past the
    retention period (DKK_ASSESSMENT_RETENTION_DAYS) with everyone's answers in them, deleted."""
    while True:
        await asyncio.sleep(TIDY_SECONDS)
        try:
            await run_in_threadpool(_tidy, app)
        except Exception:  # a busy or briefly missing database: try again next hour, keep serving
            log.exception("Housekeeping failed; it runs again in an hour.")


async def _refused(request: Request, exc: Exception) -> Response:
    """What a person may not do or see (an AccountError a page lets through): on the site, the refusal in
    the reader's words; elsewhere, problem+json like every other refusal."""
    assert isinstance(exc, accounts.AccountError)
    if problems.is_site_page(request):
        return refused_page(request, exc)
    return problems.problem(exc.status, exc.title, exc.detail, instance=request.url.path, **exc.extra)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    app.state.database = open_database(settings.database_url_resolved())  # migrated to the newest schema
    _tidy(app)  # before the first request, so no expired answer is ever shown
    tidying = asyncio.create_task(_housekeeping(app))
    if not accounts.has_accounts(app.state.database):
        log.warning(
            "No accounts yet: create the first administrator with "
            "`dkk users create-admin EMAIL --municipality ID` (README, Accounts)."
        )
    app.state.query_pool = None
    app.state.known_graphs = set()
    app.state.writable = False
    app.state.store_lock = None
    app.state.catalogue = None
    if not settings.sparql_endpoint:  # the embedded store: finish a build's swap, keep builds off it
        lifecycle.recover(settings.store_path_resolved())
        app.state.store_lock = lifecycle.hold_shared(settings.store_path_resolved())
    try:
        # One process may write (RocksDB's rule). The first server takes the write handle; a
        # second process sharing the store still serves reads, and refuses writes with 503.
        app.state.store = open_store(settings)
        app.state.writable = True
        app.state.store_error = None
        reconcile(app.state.store, settings.contrib_dir_resolved())  # writes a kill cut short
        # The first upload would otherwise wait ~0.5 s for the schema closure and the shapes.
        threading.Thread(target=schema_and_shapes, name="dkk-warm-shapes", daemon=True).start()
    except StoreError:
        try:
            app.state.store = open_store(settings, read_only=True)
            app.state.store_error = None
        except StoreError as exc:
            app.state.store = None
            app.state.store_error = str(exc)
    if app.state.store is not None:
        app.state.known_graphs = set(app.state.store.named_graphs())
        pool = open_query_service(app.state.store, settings)  # whichever store: the same bounds
        pool.start()
        app.state.query_pool = pool
        catalogue.load(app)
    yield
    tidying.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await tidying
    if app.state.query_pool is not None:
        app.state.query_pool.close()
    if app.state.store is not None:
        app.state.store.close()
    if app.state.store_lock is not None:
        app.state.store_lock.close()
    app.state.database.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The site and API on ``settings`` (default: read from the environment, now)."""
    settings = settings or get_settings()
    namespaces.configure(settings.base_iri)
    app = FastAPI(
        title="DKK – digitalt kompetente kommuner",
        version=__version__,
        description="A knowledge graph of digital competences for Danish municipalities, linked to "
        "DigComp 2.2/3.0 and ESCO. Graphs under /graph/examples/ hold made-up example data "
        "(dkk:status dkk:Example).",
        lifespan=lifespan,
        responses=problems.RESPONSES,
        docs_url=None,  # served by api.ui.query from the vendored Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    problems.install(app, html=render_problem)
    app.add_exception_handler(SignInRequired, answer_sign_in_required)
    app.add_exception_handler(accounts.AccountError, _refused)
    # Last added runs first: headers on every answer (refusals too), then rates, CORS, bodies.
    app.add_middleware(HeadAsGet)
    app.add_middleware(ReadDeadline)
    app.add_middleware(BodyLimit)
    app.add_middleware(PublicCORS)
    app.add_middleware(RateLimit)  # a refused client costs no body read
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (
        ui.router,
        sparql.router,
        coverage.router,
        gap.router,
        municipalities.router,
        rest.router,
        dataset.router,
        releases.router,
        mappings.router,
        case.router,
        providers.router,
        linked_data.router,
        health.router,
        linked_data.fallback,  # last: every other path under the base dereferences as Linked Data (or 404)
    ):
        app.include_router(router)
    return app
