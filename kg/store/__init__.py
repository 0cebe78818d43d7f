"""The store interface and its implementations; callers use :func:`open_store`."""

from __future__ import annotations

from kg.core.settings import Settings
from kg.store import dumps
from kg.store.base import GraphStore, QueryResult, SelectResult, StoreError, Triple
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteSparqlStore


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """The configured store: a remote endpoint when one is set, else the embedded one."""
    store: GraphStore
    if settings.sparql_endpoint:
        store = RemoteSparqlStore(
            settings.sparql_endpoint,
            settings.sparql_update_endpoint,
            graph_store_endpoint=settings.sparql_graph_store_endpoint,
        )
    else:
        store = OxigraphStore.open(settings.store_path_resolved(), read_only=read_only)
    dumps.follow(store, settings.store_path_resolved())
    return store


__all__ = [
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "RemoteSparqlStore",
    "SelectResult",
    "StoreError",
    "Triple",
    "open_store",
]
