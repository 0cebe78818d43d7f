"""Reads of the API and the site under the same bounds as /sparql (kg.store.pooled_reads).

A request's read budget (the SPARQL time limit, counted from when it arrived) is
made by :class:`ReadDeadline`, which also notices when a GET's client goes away
(the ASGI server sends ``http.disconnect``) so that the read stops at its next
query. Routes get the store through :func:`read_store`; a stopped read raises a
ServiceError (503, with Retry-After when the server was busy).
"""

from __future__ import annotations

import asyncio

from fastapi import Request
from starlette.types import Message, Receive, Scope, Send

from kg.core.errors import refused
from kg.store import GraphStore
from kg.store.pooled_reads import PooledReads, ReadBudget

from .app_settings import settings_of
from .asgi import HttpMiddleware

BUDGET = "dkk_read_budget"


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "?"


class ReadDeadline(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        budget = ReadBudget(settings_of(scope).sparql_timeout, client_of(scope))
        scope.setdefault("state", {})[BUDGET] = budget
        if scope["method"] not in ("GET", "HEAD"):  # (a body to read: the route reads it itself)
            await self.app(scope, receive, send)
            return
        first: Message = await receive()  # a GET's one (empty) request message
        gone = budget.gone_on_loop

        async def listen() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            budget.leave()

        listener = asyncio.get_running_loop().create_task(listen())
        delivered = False

        async def app_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return first
            await gone.wait()
            return {"type": "http.disconnect"}

        try:
            await self.app(scope, app_receive, send)
        finally:
            listener.cancel()
            gone.set()  # (releases an app_receive still waiting; the read is over)


def budget_of(request: Request) -> ReadBudget | None:
    return request.scope.get("state", {}).get(BUDGET)


def read_store(request: Request) -> GraphStore:
    """The store for this request's reads: through the query pool, under its budget."""
    state = request.app.state
    store = state.store
    if store is None:
        raise refused(503, "store_unavailable", {"why": state.store_error or ""})
    pool = state.query_pool
    budget = budget_of(request)
    if pool is None or budget is None:  # (outside a request's read: the store itself)
        return store
    return PooledReads(store, pool, budget)
