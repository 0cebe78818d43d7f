"""The public query path for a remote store: the same contract as the worker pool, over the protocol.

``/sparql`` and the pooled reads of the REST API and the site call ``run`` on
whatever query service the store has (kg.store.services); with a remote endpoint
that is this one. The query has passed the same guard (kg.store.sparql_guard: no
SERVICE, no update, parsed before anything runs). Here it gets:

- the same fair scheduler as the workers (kg.store.scheduling), with ``size`` requests to
  the endpoint at once, so one client cannot take them all;
- the same time limit, waiting included: the request to the endpoint carries what is
  left of it as its socket timeout, and the caller stops waiting then (the endpoint may
  keep computing; most servers take their own limit, e.g. Fuseki's and Virtuoso's
  ``timeout``, which is sent too);
- the same caps: the endpoint's answer is read up to a byte budget, parsed by
  Oxigraph, and written again by our one result writer (kg.store.sparql_results),
  cut at the row and byte limits.

The only address this process connects to is the configured endpoint: nothing in a
request chooses where.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from kg.core.namespaces import sparql_prologue
from kg.store.base import StoreError
from kg.store.queries import QueryRequest, QueryResponse, QueryTimeout, StoreQuery
from kg.store.remote import RemoteSparqlStore
from kg.store.scheduling import FairScheduler
from kg.store.sparql_results import GRAPH_TYPES, Unwritable, serialize

RAW_FACTOR = 4  # the endpoint's answer may be this much larger than ours before we stop reading


class RemoteQueries:
    def __init__(
        self,
        store: RemoteSparqlStore,
        size: int,
        timeout: float,
        *,
        per_client: int | None = None,
        queue_per_client: int = 8,
        queue_total: int = 64,
    ) -> None:
        self.store = store
        self.size = size
        self.timeout = timeout
        self.copy_problem: str | None = None  # (no copies: the endpoint answers)
        self._sched: FairScheduler[int] = FairScheduler(
            per_client or max(1, size // 2), queue_per_client, queue_total, max(1, round(timeout))
        )

    @property
    def status(self) -> str:
        return "remote"

    @property
    def sandbox(self) -> dict[str, object]:
        """Queries run on the endpoint, not here; this process connects only to it."""
        return {"remote_endpoint": self.store.endpoint, "confined": True}

    def record_update(self, sparql_update: str) -> None:
        """The endpoint sees its own writes: nothing to replay."""

    def start(self) -> None:
        for slot in range(self.size):
            self._sched.offer(slot)

    def close(self) -> None:
        return None

    async def run(
        self, req: QueryRequest | StoreQuery, client: str = "", timeout: float | None = None
    ) -> QueryResponse:
        loop = asyncio.get_running_loop()
        started = loop.time()
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        slot = await self._sched.acquire(client, limit)
        try:
            left = limit - (loop.time() - started)
            if left <= 0:
                raise QueryTimeout(f"The query did not start within {limit:g} s.")
            work = asyncio.to_thread(self._answer, req, left)
            try:
                return await asyncio.wait_for(work, left)
            except TimeoutError as exc:
                raise QueryTimeout(f"The query did not finish within {limit:g} s and was stopped.") from exc
        finally:
            self._sched.done(client)
            self._sched.offer(slot)

    def _answer(self, req: QueryRequest | StoreQuery, timeout: float) -> QueryResponse:
        if isinstance(req, StoreQuery):
            try:
                value = self.store.query(
                    req.sparql, dict(req.bindings), union_default_graph=req.union_default_graph
                )
            except StoreError as exc:
                return QueryResponse("error", message=str(exc))
            return QueryResponse("ok", value=value)
        return self._forward(req, timeout)

    def _forward(self, req: QueryRequest, timeout: float) -> QueryResponse:
        graph = req.media_type in GRAPH_TYPES
        base = f"BASE <{req.base_iri}>\n" if req.base_iri else ""
        form = [("query", base + sparql_prologue() + req.query), ("timeout", str(max(1, int(timeout))))]
        # The dataset goes as protocol parameters, the query's FROM clauses too: a server set to query
        # the union of its graphs by default (Oxigraph's --union-default-graph) ignores FROM otherwise.
        protocol = bool(req.default_graphs or req.named_graphs)
        defaults = req.default_graphs if protocol else req.from_graphs
        named = req.named_graphs if protocol else req.from_named
        form += [("default-graph-uri", g) for g in defaults]
        form += [("named-graph-uri", g) for g in named]
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        request = urllib.request.Request(
            self.store.endpoint,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        budget = req.max_bytes * RAW_FACTOR
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                body = resp.read(budget + 1)
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode(errors="replace").strip()
            if exc.code == 400:
                return QueryResponse("syntax", message=f"The SPARQL endpoint refused the query: {detail}")
            # A server error for a query that passed our guard: most often the store's own limits (Virtuoso
            # refuses a query whose estimated time passes its limit before running it).
            return QueryResponse(
                "resources", message=f"The SPARQL store refused the query ({exc.code}): {detail}"
            )
        except TimeoutError:
            raise QueryTimeout(f"The query did not finish within {timeout:g} s and was stopped.") from None
        except OSError as exc:  # URLError, a connection the server dropped
            reason = getattr(exc, "reason", exc)
            return QueryResponse("resources", message=f"The SPARQL endpoint cannot be reached: {reason}")
        if len(body) > budget:
            return QueryResponse(
                "resources", message="The endpoint's answer passed the size an answer may have."
            )
        try:
            result: ox.QueryBoolean | ox.QuerySolutions | list[ox.Triple]
            if graph:
                result = [
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                ]
            else:
                result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            out, rows, cut = serialize(result, req.media_type, req.limit, max_bytes=req.max_bytes)
        except Unwritable as exc:
            return QueryResponse("unwritable", message=str(exc))
        except (SyntaxError, ValueError, OSError) as exc:
            return QueryResponse("error", message=f"The endpoint's answer could not be read: {exc}")
        return QueryResponse("ok", out, req.media_type, rows, cut)
