"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, no outbound requests, bounded.

Queries arrive by GET ``?query=``, POST form or POST ``application/sparql-query``.
Before a query reaches a worker it is parsed and inspected (kg.store.sparql_guard):
what does not parse, updates and SERVICE are refused, FROM / FROM NAMED /
default-graph-uri / named-graph-uri may name only our graphs. The worker pool
(kg.store.query_pool) runs it in a worker that cannot reach the network, under the time
and memory limits, handed out fairly between clients; answers are cut at the
result limits (rows and bytes) and say so in headers.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kg.core import namespaces as ns
from kg.core.errors import ServiceError, refused
from kg.core.settings import Settings
from kg.services import service_description
from kg.services.research_queries import all_queries
from kg.store.pooled_reads import unless_gone
from kg.store.queries import QueryRequest, QueryResponse, QueryTimeout
from kg.store.sparql_guard import Inspection, SparqlRefused, check_graphs, inspect
from kg.store.sparql_results import GRAPH_TYPES, RESULT_TYPES

from ..app_settings import settings_of
from ..negotiation import choose
from ..problems import described
from ..reads import budget_of, client_of
from ..ui.render import render
from .linked_data import RDFLIB_FORMAT, rdf_response

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
_PARSE_LOCK = threading.Lock()  # rdflib's grammar is shared module state: one parse at a time
_MEMO_LOCK = threading.Lock()  # the decisions' table (held for a lookup, never across a parse)
Decision = Inspection | tuple[int, str, str, dict]
_DECIDED: OrderedDict[bytes, Decision] = OrderedDict()
DECIDED_MAX = 4096  # decisions remembered, by the query's hash (a parse costs 2-20 ms; queries repeat)


def _key(query: str, limit: int) -> bytes:
    return hashlib.blake2b(f"{limit}\n{query}".encode(), digest_size=16).digest()


def _remembered(key: bytes) -> Decision | None:
    """The decision taken on this text before, if any: a lookup the event loop makes itself (a
    thread hop for every repeated query cost more than the lookup: measured on 8 clients)."""
    with _MEMO_LOCK:
        decided = _DECIDED.get(key)
        if decided is not None:
            _DECIDED.move_to_end(key)
        return decided


def _decide(key: bytes, query: str, limit: int) -> Decision:
    """The guard's decision on a text not seen before (in a worker thread: a parse takes milliseconds)."""
    try:
        with _PARSE_LOCK:
            decided: Decision = inspect(query, ns.PREFIXES, limit)
    except SparqlRefused as exc:  # (kept as its parts: each answer raises a fresh one)
        decided = (exc.status, exc.title, exc.detail, exc.extra)
    with _MEMO_LOCK:
        _DECIDED[key] = decided
        if len(_DECIDED) > DECIDED_MAX:
            _DECIDED.popitem(last=False)
    return decided


async def _inspect(query: str, limit: int) -> Inspection:
    """The guard's decision on ``query``, remembered: the same text always gets the same decision."""
    key = _key(query, limit)
    decided = _remembered(key)
    if decided is None:
        decided = await run_in_threadpool(_decide, key, query, limit)
    if isinstance(decided, tuple):
        status, title, detail, extra = decided
        raise ServiceError(status, title, detail, **extra)
    return decided


async def _protocol_params(request: Request) -> tuple[str | None, list[str], list[str]]:
    """(query, default-graph-uri values, named-graph-uri values) per the SPARQL 1.1 Protocol."""
    qp = request.query_params
    defaults, named = qp.getlist("default-graph-uri"), qp.getlist("named-graph-uri")
    if "update" in qp:  # (an update by GET is the protocol's mistake twice over: refused the same)
        raise refused(403, "sparql.update_refused", field="update")
    if request.method in ("GET", "HEAD"):
        return _one_query(qp.getlist("query")), defaults, named
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == FORM:
        form = await request.form()
        if "update" in form:
            raise refused(403, "sparql.update_refused", field="update")
        return (
            _one_query([str(v) for v in form.getlist("query")] + qp.getlist("query")),
            defaults + [str(v) for v in form.getlist("default-graph-uri")],
            named + [str(v) for v in form.getlist("named-graph-uri")],
        )
    if ctype == QUERY_BODY:
        try:
            return (await request.body()).decode("utf-8"), defaults, named
        except UnicodeDecodeError as exc:
            raise refused(400, "sparql.not_utf8", {"byte": exc.start}, field="body") from exc
    if ctype == UPDATE_BODY:
        raise refused(403, "sparql.update_refused", field="Content-Type")
    raise refused(415, "sparql.media_type", {"form": FORM, "body": QUERY_BODY}, field="Content-Type")


def _one_query(given: list[str]) -> str | None:
    """The protocol's one query string; two are a client's mistake, not a choice for us to make."""
    if len(given) > 1:
        raise refused(400, "sparql.query_twice", {"n": len(given)}, field="query")
    return given[0] if given else None


def _form(request: Request) -> Response:
    """The endpoint's own page, for a browser that opens /sparql without a query."""
    return render(
        request,
        "sparql_form.html",
        prefixes=", ".join(ns.PREFIXES),
        example=next(iter(all_queries(settings_of(request).queries_dir)), None),
        formats=["json", "xml", "csv", "tsv", "ttl", "jsonld", "nt", "rdfxml"],
    )


def _refuse_unless_ok(answer: QueryResponse, settings: Settings) -> None:
    """A worker's (or the remote's) refusal as the problem the client reads."""
    if answer.status == "syntax":
        line, column = answer.position
        raise refused(
            400, "sparql.store_syntax", {"message": answer.message}, field="query", line=line, column=column
        )
    if answer.status == "resources":
        raise refused(
            503,
            "sparql.resources",
            {"why": answer.message},
            memory_limit_mb=settings.sparql_worker_memory_mb or None,
        )
    if answer.status == "unwritable":
        raise refused(406, "sparql.unwritable", {"why": answer.message}, field="Accept")
    if answer.status != "ok":
        raise refused(400, "sparql.failed", {"message": answer.message}, field="query")


SPARQL_ROUTE: dict[str, Any] = {
    "summary": "SPARQL 1.1 query endpoint (read-only)",
    "description": (
        "SPARQL 1.1 Protocol. SELECT/ASK answer as SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE "
        "as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by Accept or `format`. The default graph "
        "is the union of the named graphs. Updates and SERVICE are refused; queries are stopped "
        "at the time limit (503) and answers cut at the result limit (header DKK-Truncated)."
    ),
    "response_class": Response,
    "responses": {
        403: described("Updates and SERVICE are refused: this endpoint is read-only and connects nowhere."),
        415: described("POST a query as application/x-www-form-urlencoded or application/sparql-query."),
    },
}


# One handler, two operations (each with its own id, so that generated clients get two methods).
@router.get("/sparql", operation_id="sparqlQueryGet", **SPARQL_ROUTE)
@router.post("/sparql", operation_id="sparqlQueryPost", **SPARQL_ROUTE)
async def sparql(request: Request) -> Response:
    query, defaults, named = await _protocol_params(request)
    if not query:  # a browser gets the form, any other client the endpoint's service description
        if "text/html" in request.headers.get("accept", ""):
            return _form(request)
        if request.method == "POST":
            raise refused(400, "sparql.missing", field="query")
        settings = settings_of(request)
        described = service_description.describe(
            settings.public_url,
            request.app.state.known_graphs,
            settings.sparql_result_limit,
            settings.sparql_timeout,
        )
        return rdf_response(list(described), choose(request, list(RDFLIB_FORMAT)))
    state = request.app.state
    settings = settings_of(request)
    found = await _inspect(query, settings.sparql_max_query_chars)
    check_graphs(found.from_graphs + found.from_named + defaults + named, state.known_graphs)
    offered = list(GRAPH_TYPES) if found.returns_graph else list(RESULT_TYPES)
    media_type = choose(request, offered)
    pool = state.query_pool
    if pool is None:
        raise refused(503, "sparql.store_closed")
    if settings.sparql_require_sandbox and not pool.sandbox["confined"]:
        raise refused(503, "sparql.no_sandbox")
    req = QueryRequest(
        query,
        media_type,
        settings.sparql_result_limit,
        tuple(defaults),
        tuple(named),
        has_dataset_clause=bool(found.from_graphs or found.from_named),
        from_graphs=tuple(found.from_graphs),
        from_named=tuple(found.from_named),
        max_bytes=settings.sparql_result_bytes,
        base_iri=settings.base_iri,
    )
    try:
        work = pool.run(req, client_of(request.scope))
        budget = budget_of(request)  # a GET whose client leaves stops its query (api.reads)
        answer = await (unless_gone(work, budget) if budget is not None else work)
    except QueryTimeout as exc:
        raise refused(
            503, "sparql.timeout", {"why": str(exc)}, timeout_seconds=settings.sparql_timeout
        ) from exc
    _refuse_unless_ok(answer, settings)
    headers = {
        "Vary": "Accept",
        "DKK-Result-Limit": str(settings.sparql_result_limit),
        "DKK-Truncated": "true" if answer.truncated else "false",
    }
    ctype = media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")
    return Response(answer.body, media_type=ctype, headers=headers)
