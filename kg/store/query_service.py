"""The public query path of whichever store is configured: what ``/sparql`` and the bounded reads call.

Callers get a :class:`QueryService` from :func:`open_query_service` and never learn
which store is behind it: the embedded store's worker pool (kg.store.query_pool:
sandboxed processes that are killed at the time limit) or a remote endpoint's
forwarder (kg.store.remote_queries). Both take the same requests, schedule them
fairly, stop them at the same deadline and cut their answers at the same limits.
"""

from __future__ import annotations

from typing import Protocol

from kg.core.settings import Settings
from kg.store.base import GraphStore
from kg.store.oxigraph import DB_DIR, OxigraphStore
from kg.store.queries import QueryRequest, QueryResponse, StoreQuery
from kg.store.query_pool import QueryPool
from kg.store.remote import RemoteSparqlStore
from kg.store.remote_queries import RemoteQueries


class QueryService(Protocol):
    copy_problem: str | None  # why answers come from disk although a copy was meant (for /health)

    @property
    def status(self) -> str: ...

    @property
    def sandbox(self) -> dict[str, object]: ...

    def start(self) -> None: ...

    def close(self) -> None: ...

    def record_update(self, sparql_update: str) -> None: ...

    async def run(
        self, req: QueryRequest | StoreQuery, client: str = "", timeout: float | None = None
    ) -> QueryResponse: ...


def open_query_service(store: GraphStore, settings: Settings) -> QueryService:
    """The query service for ``store``, following its writes; call ``start`` on the event loop."""
    service: QueryService
    if isinstance(store, RemoteSparqlStore):
        service = RemoteQueries(
            store,
            settings.sparql_workers,
            settings.sparql_timeout,
            per_client=settings.sparql_client_concurrency,
            queue_per_client=settings.sparql_queue_per_client,
            queue_total=settings.sparql_queue_total,
        )
    elif isinstance(store, OxigraphStore):
        service = QueryPool(
            settings.store_path_resolved() / DB_DIR,
            settings.sparql_workers,
            settings.sparql_timeout,
            settings.sparql_in_memory,
            settings.sparql_memory_workers,
            memory_mb=settings.sparql_worker_memory_mb,
            per_client=settings.sparql_client_concurrency,
            queue_per_client=settings.sparql_queue_per_client,
            queue_total=settings.sparql_queue_total,
        )
    else:
        raise TypeError(f"no query service for {type(store).__name__}")
    store.on_update.append(service.record_update)  # the workers' copies follow each write
    return service
