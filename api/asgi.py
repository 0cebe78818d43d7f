"""The one shape of this API's middleware: plain ASGI, acting on HTTP requests it applies to.

Plain ASGI rather than Starlette's BaseHTTPMiddleware, which runs the route in a
task group and turns an error raised while reading the body into a 500.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


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


class HeadAsGet(HttpMiddleware):
    """HEAD wherever GET is (RFC 9110: the same status and headers, no content). FastAPI routes a GET
    operation for GET only; this answers HEAD by running the GET and sending its headers alone."""

    def applies(self, scope: Scope) -> bool:
        return scope["method"] == "HEAD"

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
