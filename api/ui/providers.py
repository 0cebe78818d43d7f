"""Providers' pages: the list, the catalogue upload form with its report row by row, and coverage.

The form posts to the server and goes through the same checks and the same atomic write
as ``POST /providers/{id}/courses`` (api.writes.check_and_write); the key is a
form field instead of a header. "Check only" validates without writing.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from kg.core.errors import refused
from kg.services import provider_views
from kg.services.problems import Problem

from ..deps import catalogue_of, lookups_of, settings_of, store_of
from ..memo import memo
from ..problems import ProblemError
from ..writes import authorize_token, check_and_write
from .render import paged, render

router = APIRouter(include_in_schema=False)


def _providers(request: Request) -> list[dict[str, Any]]:
    """Every provider with its course count, once per data version (registering one adds an owner's
    file, which is a new version)."""
    contrib_dir = settings_of(request).contrib_dir_resolved()
    return memo(request, "providers", lambda: provider_views.provider_list(store_of(request), contrib_dir))


def _page(request: Request, chosen: str, status: int = 200, offset: int = 0, **context: Any) -> Response:
    providers = _providers(request)
    return render(
        request,
        "providers.html",
        status=status,
        providers=providers,
        page=paged(providers, offset, "/ui/providers", provider=chosen or None),
        chosen=chosen,
        **context,
    )


@router.get("/ui/providers", response_class=HTMLResponse)
def provider_list(
    request: Request, provider: str = Query("", max_length=63), offset: int = Query(0, ge=0)
) -> Response:
    """``?provider=`` preselects a provider in the upload form."""
    return _page(request, provider, offset=offset)


@router.post("/ui/providers/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    form = await request.form()
    provider_id = str(form.get("provider") or "").strip()
    dry_run = form.get("action") != "upload"
    partial = form.get("partial") == "1"
    mode = "merge" if form.get("mode") == "merge" else "replace"
    sent = form.get("file")
    filename = sent.filename or "" if isinstance(sent, UploadFile) else ""
    context: dict[str, Any] = {"mode": mode, "dry_run": dry_run, "filename": filename}
    try:
        if not provider_id:
            raise refused(422, "upload.no_provider", field="provider")
        if not isinstance(sent, UploadFile) or not filename:
            raise refused(422, "upload.no_file", field="file")
        key_id = authorize_token(settings_of(request), str(form.get("key") or "").strip(), provider_id)
        data = await sent.read()
        result = await check_and_write(
            request, provider_id, key_id, data, filename, sent.content_type, mode, dry_run
        )
    except ProblemError as exc:
        problems = [Problem(**p) for p in exc.extra.get("problems", [])]
        error = {
            "status": exc.status,
            "title": exc.title,
            "detail": exc.detail,
            "field": exc.extra.get("field"),
        }
        return await run_in_threadpool(
            _answer, request, provider_id, partial, exc.status, error=error, problems=problems, **context
        )
    return await run_in_threadpool(_answer, request, provider_id, partial, result=result, **context)


def _answer(request: Request, chosen: str, partial: bool, status: int = 200, **context: Any) -> Response:
    """The providers page with the outcome, or for a check made in place only the outcome: the form
    around it keeps the key and the file the person chose, ready for "Check and upload"."""
    if partial:
        return render(request, "upload_outcome.html", status=status, chosen=chosen, **context)
    return _page(request, chosen, status, **context)


@router.get("/ui/providers/{provider_id:path}/coverage", response_class=HTMLResponse)
def coverage(provider_id: str, request: Request) -> Response:
    """What a provider's courses teach, framework by framework, and which competences none teaches."""
    store = store_of(request)
    data = provider_views.provider_coverage(store, provider_id, catalogue_of(request), lookups_of(request))
    frameworks = provider_views.coverage_by_framework(store, data)
    known = {p["iri"]: p for p in _providers(request)}  # (provider_coverage checked it is open)
    provider = known.get(data["provider"]["iri"]) or data["provider"]
    return render(request, "coverage.html", provider=provider, frameworks=frameworks, data=data)
