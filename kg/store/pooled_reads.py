"""The store as an anonymous read sees it: every query in a killable worker, under one deadline.

pyoxigraph cannot stop a query it has started, so a REST or site read that ran its
queries in the server process could run for minutes and hold a thread after its
client was gone. Reads of the API and the site therefore go through this wrapper
of the store interface: each query runs in the query pool (kg.store.query_pool: the same
confined, memory-limited workers as /sparql, handed out by the same fair
scheduler), all queries of one request share one deadline, and a request whose
client has gone stops at its next query. Writes are not here: writers use the
store itself.

Calls come from the worker threads that run the routes (``anyio.from_thread``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import anyio.from_thread
from rdflib.term import Node

from kg.core.errors import ServiceError, refused
from kg.store.base import GraphStore, QueryResult, StoreError, Triple
from kg.store.queries import QueryTimeout, StoreQuery
from kg.store.query_service import QueryService

T = TypeVar("T")


class ReadStopped(ServiceError):
    """The read was stopped (503): past its deadline, its client gone, or over a resource limit."""


@dataclass
class ReadBudget:
    """One request's allowance: a deadline, and whether its client is still there (``gone`` for
    threads, ``gone_on_loop`` for the event loop, set together)."""

    seconds: float
    client: str = ""
    started: float = field(default_factory=time.monotonic)
    gone: threading.Event = field(default_factory=threading.Event)
    gone_on_loop: asyncio.Event = field(default_factory=asyncio.Event)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def leave(self) -> None:
        self.gone.set()
        self.gone_on_loop.set()


async def unless_gone(work: Awaitable[T], budget: ReadBudget) -> T:
    """``work``, cancelled as soon as the client goes (a query cancelled so is stopped: the pool
    replaces its worker); raises ReadStopped("gone") then."""
    task = asyncio.ensure_future(work)
    left = asyncio.ensure_future(budget.gone_on_loop.wait())
    try:
        await asyncio.wait({task, left}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        left.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        raise refused(503, "read.gone", cls=ReadStopped)
    return task.result()


class PooledReads:
    """A GraphStore whose queries run in the pool; everything else is the store's own."""

    def __init__(self, store: GraphStore, pool: QueryService, budget: ReadBudget) -> None:
        self.store, self.pool, self.budget = store, pool, budget
        self.on_update: list[Callable[[str], None]] = store.on_update  # (the same listeners)

    def _past_deadline(self) -> ReadStopped:
        return refused(
            503,
            "read.deadline",
            {"seconds": f"{self.budget.seconds:g}"},
            cls=ReadStopped,
            timeout_seconds=self.budget.seconds,
        )

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union_default_graph: bool = True,
    ) -> QueryResult:
        if self.budget.gone.is_set():
            raise refused(503, "read.gone", cls=ReadStopped)
        left = self.budget.left()
        if left <= 0:
            raise self._past_deadline()
        req = StoreQuery(sparql, tuple((bindings or {}).items()), union_default_graph)

        try:
            answer = anyio.from_thread.run(
                unless_gone, self.pool.run(req, self.budget.client, left), self.budget
            )
        except QueryTimeout as exc:
            raise self._past_deadline() from exc
        if answer.status == "resources":
            raise refused(503, "read.resources", {"why": answer.message}, cls=ReadStopped)
        if answer.status != "ok" or answer.value is None:
            raise StoreError(answer.message)
        return answer.value

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> None:
        raise StoreError("Reads cannot write; writers use the store itself.")

    def named_graphs(self) -> list[str]:
        return self.store.named_graphs()

    def triple_count(self, graph: str | None = None) -> int:
        return self.store.triple_count(graph)

    def dump(self, rdf_format: str = "nq") -> bytes:
        return self.store.dump(rdf_format)

    def close(self) -> None:
        """(The store belongs to the server, not to one read.)"""
