"""The one shape of this API's middleware: plain ASGI, acting on HTTP requests it applies to.

Plain ASGI rather than Starlette's BaseHTTPMiddleware, which runs the route in a
task group and turns an error raised while reading the body into a 500.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpMiddleware:
    """Pass everything but the HTTP requests :meth:`applies` to straight on; :meth:`handle` the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def applies(self, scope: Scope) -> bool:
        return True

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.applies(scope):
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)
