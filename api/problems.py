"""RFC 9457 problem details: every error the API returns is application/problem+json.

The site's own pages (/ and /ui/...) answer the same problems as an HTML page instead, so a
person who submits a form sees what went wrong in the page's language, not JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.core.errors import ServiceError, refused, said

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(BaseModel):
    """RFC 9457 problem details, as every error answers; members beyond these name the field, row or
    triple at fault (``field``, ``problems``, ``line``...)."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    field: str | None = None


def described(text: str) -> dict[str, Any]:
    return {"description": text, "model": Problem, "content": {PROBLEM_JSON: {}}}


# Declared for every operation in the OpenAPI document: what any request may be answered with.
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: described("Bad request: a parameter or the query cannot be read (the problem names it)."),
    404: described("Not found."),
    406: described("None of the media types in Accept can be produced."),
    413: described("The request body or query is over its limit."),
    422: described("Invalid parameters or content; every problem is named (field, row, triple)."),
    429: described("Too many requests from this address; see Retry-After."),
    503: described("Busy, over a time or memory limit, or the store is not available; see Retry-After."),
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: described("A key is needed (Authorization: Bearer <key>)."),
    403: described("The key is not this owner's."),
}


# Raise anywhere in a request to answer with a problem+json body; the services raise the same class.
ProblemError = ServiceError


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


HtmlProblem = Callable[[Request, int, str, str, dict[str, Any]], Response]


def is_site_page(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith("/ui/")


def install(app: FastAPI, html: HtmlProblem | None = None) -> None:
    """Problem handlers; ``html`` renders a problem as a page for the site's own paths."""

    def answer(
        request: Request,
        status: int,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> Response:
        if html is not None and is_site_page(request):
            response = html(request, status, title, detail, extra)
            response.headers.update(headers or {})
            return response
        return problem(status, title, detail, headers, instance=str(request.url.path), **extra)

    @app.exception_handler(ProblemError)
    async def raised(request: Request, exc: ProblemError) -> Response:
        return answer(request, exc.status, exc.title, exc.detail, exc.headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Starlette's own (no route, wrong method): the words of the status, in both languages."""
        status = exc.status_code
        key = f"http.{status}" if status in HTTP_STATUSES else "http.other"
        words: ServiceError = refused(status, key, {"status": status, "reason": str(exc.detail)})
        return answer(request, status, words.title, words.detail, dict(exc.headers or {}), **words.extra)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """A bug, not the client's fault: still problem+json (or a page), and logged with its trace."""
        log.exception("Unhandled error on %s %s", request.method, request.url.path)
        words: ServiceError = refused(500, "server_error")
        return answer(request, 500, words.title, words.detail, **words.extra)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """Each parameter at fault by name, with what is wrong in English (pydantic's words) and in Danish
        (ours for the usual kinds of fault, problem.field.*)."""
        errors = [
            {
                "field": ".".join(str(p) for p in e["loc"]),
                "message": e["msg"],
                "message_da": _field_da(e),
            }
            for e in exc.errors()
        ]
        faults = {
            lang: "; ".join(f"{e['field']}: {e['message' if lang == 'en' else 'message_da']}" for e in errors)
            for lang in ("en", "da")
        }
        words: ServiceError = refused(422, "invalid_request", {"faults": faults["en"]})
        words.extra["detail_da"] = said("problem.invalid_request.detail", "da", {"faults": faults["da"]})
        return answer(request, 422, words.title, words.detail, errors=errors, **words.extra)


# The statuses Starlette answers by itself that have words of their own (problem.http.<status>).
HTTP_STATUSES = (404, 405)
# The kinds of pydantic fault said in Danish (problem.field.<type>); any other keeps pydantic's words.
FIELD_FAULTS = (
    "missing",
    "string_too_long",
    "string_too_short",
    "int_parsing",
    "float_parsing",
    "bool_parsing",
    "greater_than_equal",
    "less_than_equal",
    "literal_error",
    "enum",
)


def _field_da(error: Any) -> str:
    kind = error.get("type", "")
    if kind not in FIELD_FAULTS:
        return str(error["msg"])
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        return said(f"problem.field.{kind}", "da", ctx)
    except KeyError:  # a fault without the limit its words name
        return str(error["msg"])
