"""Headers every response carries: security headers, and CORS for the public SPARQL endpoint.

- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy`` on every response;
  a Content-Security-Policy on every response too: HTML pages may load from this
  server only (a page that sets its own, like /docs, keeps it); anything else
  (JSON, RDF, SVG, XML opened in a browser) may load nothing and run no script.
- ``/sparql`` may be called from any origin without credentials, as public SPARQL
  endpoints are (Starlette's CORSMiddleware answers the preflight). Write
  endpoints send no CORS headers, so browsers keep other sites from calling them.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .asgi import HttpMiddleware
from .ui.render import SECURITY_HEADERS

NOT_HTML = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
CORS_PATHS = ("/sparql",)


class SecurityHeaders(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").startswith("text/html")
                for name, value in (SECURITY_HEADERS if html else NOT_HTML).items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


class PublicCORS(HttpMiddleware):
    """CORS for the public read endpoint only."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            allow_credentials=False,
            expose_headers=["DKK-Truncated", "DKK-Result-Limit", "Retry-After"],
            max_age=86400,
        )

    def applies(self, scope: Scope) -> bool:
        return scope["path"] in CORS_PATHS

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.cors(scope, receive, send)
