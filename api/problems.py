"""RFC 9457 problem details: every error the API returns is application/problem+json.

The site's own pages (/ and /ui/...) answer the same problems as an HTML page instead, so a
person who submits a form sees what went wrong in the page's language, not JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem+json body."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


HtmlProblem = Callable[[Request, int, str, str, dict[str, Any]], Response]


def is_site_page(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith("/ui/")


def install(app: FastAPI, html: HtmlProblem | None = None) -> None:
    """Problem handlers; ``html`` renders a problem as a page for the site's own paths."""

    def answer(request: Request, status: int, title: str, detail: str, **extra: Any) -> Response:
        if html is not None and is_site_page(request):
            return html(request, status, title, detail, extra)
        return problem(status, title, detail, instance=str(request.url.path), **extra)

    @app.exception_handler(ProblemError)
    async def raised(request: Request, exc: ProblemError) -> Response:
        return answer(request, exc.status, exc.title, exc.detail, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return answer(
            request,
            exc.status_code,
            str(exc.detail) if exc.status_code < 500 else "Server error",
            str(exc.detail),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        return answer(
            request,
            422,
            "Invalid request",
            "; ".join(f"{e['field']}: {e['message']}" for e in errors),
            errors=errors,
        )
