"""The FastAPI application: health and landing page on the built store.

The store is opened once at start-up. A missing store does not crash the
server: /health answers 503 with what to do, so `make run` failures are readable.
"""

from __future__ import annotations

import html
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from rdflib import Literal

from kg import __version__
from kg.build import build_info
from kg.courses.validate import schema_and_shapes
from kg.query_pool import QueryPool
from kg.settings import get_settings
from kg.stats import stats
from kg.store import GraphStore, OxigraphStore, SelectResult, StoreError, open_store
from kg.store.oxigraph import DB_DIR
from kg.templates import select

from . import problems
from .routes import coverage, dataset, gap, linked_data, mappings, municipalities, providers, rest, sparql


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    app.state.query_pool = None
    app.state.known_graphs = set()
    app.state.writable = False
    try:
        # One process may write (RocksDB's rule). The first server takes the write handle; a
        # second process sharing the store still serves reads, and refuses writes with 503.
        app.state.store = open_store(settings)
        app.state.writable = True
        app.state.store_error = None
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
        if isinstance(app.state.store, OxigraphStore):
            pool = QueryPool(
                settings.store_path_resolved() / DB_DIR,
                settings.sparql_workers,
                settings.sparql_timeout,
                settings.sparql_in_memory,
                settings.sparql_memory_workers,
            )
            app.state.store.on_update.append(pool.record_update)  # the copies follow each write
            pool.start()
            app.state.query_pool = pool
    yield
    if app.state.query_pool is not None:
        app.state.query_pool.close()
    if app.state.store is not None:
        app.state.store.close()


app = FastAPI(
    title="DKK – digitalt kompetente kommuner",
    version=__version__,
    description="A knowledge graph of digital competences for Danish municipalities, linked to "
    "DigComp 2.2/3.0 and ESCO. Graphs under /graph/examples/ hold made-up example data "
    "(dkk:status dkk:Example).",
    lifespan=lifespan,
)
problems.install(app)
app.include_router(sparql.router)
app.include_router(coverage.router)
app.include_router(gap.router)
app.include_router(municipalities.router)
app.include_router(rest.router)
app.include_router(dataset.router)
app.include_router(mappings.router)
app.include_router(providers.router)
app.include_router(linked_data.router)


def _store(request: Request) -> GraphStore | None:
    return getattr(request.app.state, "store", None)


@app.get("/health/live", summary="Is the process up? (cheap: for liveness probes)")
def live() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@app.get("/health", summary="Is the store built and readable?")
def health(request: Request) -> JSONResponse:
    store = _store(request)
    if store is None:
        return problems.problem(
            503, "Store not available", request.app.state.store_error or "The store is not open."
        )
    info = build_info(get_settings().store_path_resolved()) or {}
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "triples": store.triple_count(),
            "built": info.get("built"),
            "graphs": len(store.named_graphs()),
            "sparql": pool.status if (pool := request.app.state.query_pool) is not None else None,
        }
    )


def _example_graphs(store: GraphStore, lang: str) -> SelectResult:
    return select(store, "example_graphs", lang=Literal(lang))


@app.get("/", response_class=HTMLResponse, include_in_schema=False)
def landing(request: Request) -> HTMLResponse:
    store = _store(request)
    esc = html.escape
    if store is None:
        body = f"<p>The store is not built yet: {esc(request.app.state.store_error or '')}</p>"
    else:
        s = stats(store)
        graph_rows = "".join(
            f"<tr><td><code>{esc(str(r['graph']))}</code></td><td>{esc(str(r['triples']))}</td></tr>"
            for r in s.graphs.rows
        )
        examples = "".join(
            f"<li><code>{esc(str(r['graph']))}</code>: {esc(str(r.get('description', '')))}</li>"
            for r in _example_graphs(store, "en").rows
        )
        body = f"""
<p>{s.total} triples in {len(s.graphs.rows)} named graphs.</p>
<section aria-labelledby="ex"><h2 id="ex">Example data</h2>
<p>These graphs hold made-up data that shows how the graph is used; they are not KL's,
the EU's, a municipality's or a provider's (<code>dkk:status dkk:Example</code>):</p>
<ul>{examples}</ul></section>
<section aria-labelledby="gr"><h2 id="gr">Named graphs</h2>
<table><thead><tr><th scope="col">graph</th><th scope="col">triples</th></tr></thead>
<tbody>{graph_rows}</tbody></table></section>"""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DKK knowledge graph</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>Digitalt kompetente kommuner – knowledge graph</h1>
<p lang="da">En vidensgraf over digitale kompetencer i danske kommuner, koblet til DigComp og ESCO.</p>
<p>A knowledge graph of digital competences for Danish municipalities, linked to DigComp 2.2/3.0 and ESCO.</p>
<nav aria-label="main"><ul>
<li><a href="/sparql">SPARQL endpoint</a> (read-only SPARQL 1.1) and
  <a href="/queries">example research queries</a></li>
<li><a href="/dataset">Dataset description</a> (VoID, DCAT) and dumps:
  <a href="/dumps/dkk.ttl">Turtle</a>, <a href="/dumps/dkk.nt">N-Triples</a>,
  <a href="/dumps/dkk.nq">N-Quads</a>, <a href="/dumps/dkk.trig">TriG</a>,
  <a href="/dumps/dkk.jsonld">JSON-LD</a></li>
<li><a href="/ontology">Ontology</a> and <a href="/shapes">SHACL shapes</a></li>
<li>Frameworks: <a href="/id/kl-wheel">KL's competence wheel</a>, <a href="/id/digcomp3">DigComp 3.0</a>,
  <a href="/id/digcomp22">DigComp 2.2</a>, <a href="/id/digcompedu">DigCompEdu</a>
  (REST: <a href="/frameworks">/frameworks</a>)</li>
<li><a href="/docs">REST API documentation</a> (OpenAPI) · <a href="/health">/health</a></li>
</ul></nav>
{body}
</main></body></html>"""
    return HTMLResponse(page)


# Last: every other path under the base dereferences as Linked Data (or 404).
app.include_router(linked_data.fallback)
