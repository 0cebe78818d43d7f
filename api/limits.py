"""Bounds that hold before a route runs: request bodies, and anonymous clients' request rates.

Both are plain ASGI middleware, so they act on the byte stream itself:

- **Bodies.** A request whose ``Content-Length`` is over the limit is refused
  with 413 before one byte of it is read; a body sent without a length (chunked)
  is counted as it streams and refused the moment it passes the limit, so a
  large body is never held in memory. Uploads get ``max_upload_bytes``; every
  other body (a SPARQL query, a gap form) a small fixed bound.
- **Rates.** Requests without credentials are counted per client address with
  the ``limits`` library's sliding window counter (two counters a client: its moving window kept
  an entry per request, so a generous rate made every request copy a list of thousands, and a
  timer thread started every 10 ms to expire them); past the configured rate they get 429
  with ``Retry-After``. Writers (who send a key) are not counted here: their keys
  are theirs to spend. Health probes and static assets are not counted.
"""

from __future__ import annotations

import json
import time
from typing import Any

from limits import RateLimitItem, parse_many, storage, strategies
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.core.errors import ServiceError, refused

from .app_settings import settings_of
from .asgi import HttpMiddleware
from .problems import PROBLEM_JSON
from .reads import client_of

SMALL_BODY = 1_000_000  # a SPARQL query, a form: far more than any needs
UPLOAD_PATHS = ("/providers/", "/ui/providers", "/gap", "/ui/gap", "/municipalities/")
UNCOUNTED = ("/health", "/static/")


async def _send_problem(send: Send, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
    payload = json.dumps({"type": "about:blank", "status": status, **body}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(payload)).encode()),
                (b"x-content-type-options", b"nosniff"),
                *((k.lower().encode(), v.encode()) for k, v in headers.items()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _too_large(limit: int) -> ServiceError:
    return refused(413, "request_too_large", {"limit": limit}, field="file", limit_bytes=limit)


def _body(error: ServiceError, path: str) -> dict[str, Any]:
    """A refusal as problem+json members, for an answer sent before any route runs."""
    return {"title": error.title, "detail": error.detail, "instance": path, **error.extra}


class BodyLimit(HttpMiddleware):
    """(The limits are read from the settings on each request, never at import.)"""

    def applies(self, scope: Scope) -> bool:
        return scope["method"] not in ("GET", "HEAD", "OPTIONS")

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        limit = settings_of(scope).max_upload_bytes if path.startswith(UPLOAD_PATHS) else SMALL_BODY
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _send_problem(send, 413, _body(_too_large(limit), path), {"Connection": "close"})
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # the route sees a ProblemError, which answers 413
                    raise _too_large(limit)
            return message

        await self.app(scope, counted, send)


class RateLimit(HttpMiddleware):
    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.limiter = strategies.SlidingWindowCounterRateLimiter(storage.MemoryStorage())
        self._items: list[RateLimitItem] | None = None

    def items(self, scope: Scope) -> list[RateLimitItem]:
        """The app's rates, parsed once (the settings do not change while it runs)."""
        if self._items is None:
            rate = settings_of(scope).rate_limit
            self._items = parse_many(rate) if rate else []
        return self._items

    def applies(self, scope: Scope) -> bool:
        """Anonymous requests, but for probes and static files (writers spend their keys' own)."""
        anonymous = all(name != b"authorization" for name, _ in scope["headers"])
        return bool(self.items(scope)) and anonymous and not scope["path"].startswith(UNCOUNTED)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = client_of(scope)
        for item in self.items(scope):
            if not self.limiter.hit(item, key):
                reset = self.limiter.get_window_stats(item, key).reset_time
                retry = max(1, int(reset - time.time() + 0.999))
                error: ServiceError = refused(
                    429, "too_many_requests", {"rate": str(item), "retry": retry}, retry_after=retry
                )
                body = _body(error, scope["path"])
                await _send_problem(send, 429, body, {"Retry-After": str(retry)})
                return
        await self.app(scope, receive, send)
