"""The public query path's requests and answers, whichever store serves them, and how one is answered on an
Oxigraph store (what each query worker does): the dataset the protocol asks for, the one result writer,
and errors turned into answers a client can read."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.store.base import QueryResult, StoreError
from kg.store.errors import syntax_message
from kg.store.oxigraph import OxigraphStore
from kg.store.sparql_results import Unwritable, serialize


@dataclass(frozen=True)
class QueryRequest:
    query: str
    media_type: str
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    has_dataset_clause: bool = False  # the query's own FROM / FROM NAMED
    from_graphs: tuple[str, ...] = ()  # (which, for a store that needs them as protocol parameters)
    from_named: tuple[str, ...] = ()
    max_bytes: int = 50_000_000  # the answer is cut before it grows past this
    base_iri: str | None = None  # what relative IRIs in the query resolve against (the dataset's base)


@dataclass(frozen=True)
class StoreQuery:
    """A read of the REST API or the site (a reviewed template with bound values), answered as the
    store interface answers (kg.store.base.QueryResult, rdflib terms), under the same limits."""

    sparql: str
    bindings: tuple[tuple[str, Node], ...] = ()
    union_default_graph: bool = True


@dataclass
class QueryResponse:
    # "ok" | "syntax" | "error" | "resources" (the worker died: its memory limit) | "unwritable" (the
    # answer holds characters the asked format cannot carry)
    status: str
    body: bytes = b""
    media_type: str = ""
    rows: int = 0
    truncated: bool = False
    message: str = ""
    position: tuple[int | None, int | None] = field(default=(None, None))
    value: QueryResult | None = None  # the answer to a StoreQuery


class QueryTimeout(Exception):
    """The query ran past the time limit and its worker was stopped."""


def execute(store: ox.Store, req: QueryRequest) -> QueryResponse:
    """Run one query against ``store``; used by the workers and directly in tests."""
    kwargs: dict = {"prefixes": ns.PREFIXES}
    if req.base_iri:
        kwargs["base_iri"] = req.base_iri
    # Protocol parameters override the query's dataset clause; without either, the
    # default graph is the union of the named graphs.
    if req.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    elif not req.has_dataset_clause:
        kwargs["use_default_graph_as_union"] = True
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        result = store.query(req.query, **kwargs)
        body, rows, cut = serialize(
            result,
            req.media_type,
            req.limit,
            rerun=lambda: store.query(req.query, **kwargs),
            max_bytes=req.max_bytes,
        )
    except Unwritable as exc:
        return QueryResponse("unwritable", message=str(exc))
    except SyntaxError as exc:
        message, line, col = syntax_message(str(exc), req.query)
        return QueryResponse("syntax", message=message, position=(line, col))
    except MemoryError:
        return QueryResponse("resources", message="The query needed more memory than a query may use.")
    except (OSError, RuntimeError, ValueError) as exc:
        return QueryResponse("error", message=f"The query failed: {exc}")
    return QueryResponse("ok", body, req.media_type, rows, cut)


def answer_store_query(store: ox.Store, req: StoreQuery) -> QueryResponse:
    try:
        value = OxigraphStore(store).query(
            req.sparql, dict(req.bindings), union_default_graph=req.union_default_graph
        )
    except MemoryError:
        return QueryResponse("resources", message="The read needed more memory than a query may use.")
    except (StoreError, OSError, RuntimeError, ValueError) as exc:
        return QueryResponse("error", message=str(exc))
    return QueryResponse("ok", value=value)
