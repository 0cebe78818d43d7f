"""Providers write their own catalogues: upload (replace or merge), delete, history, template.

Writes need ``Authorization: Bearer <key>``; a key writes only its own provider
(401 without a valid key, 403 for another provider's catalogue). Reads are public.
An upload with problems answers 422 with every problem (row, column, field, da/en)
and changes nothing.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from rdflib import URIRef
from starlette.datastructures import UploadFile

from kg.core.errors import refused
from kg.services import provider_views
from kg.services.courses.elm import elm_context
from kg.services.courses.export import provider_elm
from kg.services.courses.rdf_import import context
from kg.services.courses.service import ImportResult, delete_course
from kg.services.courses.template import template_csv
from kg.services.providers import exists
from kg.services.refs import ref

from .. import schemas
from ..course_formats import ELM_TYPES, elm_format, elm_response
from ..deps import catalogue_of, lookups_of, settings_of, store_of
from ..problems import WRITE_RESPONSES
from ..rest_support import next_page
from ..writes import KEYED, authorize, check_and_write, write

router = APIRouter(tags=["Providers"])


def _result(result: ImportResult) -> dict:
    return {
        "provider": result.provider,
        "mode": result.mode,
        "dryRun": result.dry_run,
        "courses": [ref(URIRef(c)) for c in result.courses],
        "totalCourses": result.total_courses,
        "import": result.record,
        "checksum": f"sha256:{result.checksum}" if result.checksum else None,
    }


@router.post(
    "/providers/{provider_id}/courses",
    response_model=schemas.ImportResult,
    summary="Upload a course catalogue (CSV, Turtle, JSON-LD)",
    responses=WRITE_RESPONSES,
    dependencies=KEYED,
)
async def upload_courses(
    provider_id: str,
    request: Request,
    mode: str = Query(
        "replace",
        pattern="^(replace|merge)$",
        description="replace: the upload becomes the catalogue; merge: its courses are added "
        "or replace the courses with the same id.",
    ),
    dry_run: bool = Query(False, description="Validate only; change nothing."),
) -> JSONResponse:
    key_id = authorize(request, provider_id)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form()
        sent = form.get("file")
        if not isinstance(sent, UploadFile):
            raise refused(422, "upload.no_file_field", field="file")
        data, filename, media_type = await sent.read(), sent.filename or "upload", sent.content_type
    else:
        data, filename, media_type = await request.body(), "request body", ctype
    result = await check_and_write(request, provider_id, key_id, data, filename, media_type, mode, dry_run)
    return JSONResponse(_result(result))


@router.delete(
    "/providers/{provider_id}/courses/{course_id}",
    response_model=schemas.ImportResult,
    summary="Delete one course",
    responses=WRITE_RESPONSES,
    dependencies=KEYED,
)
async def remove_course(provider_id: str, course_id: str, request: Request) -> JSONResponse:
    key_id = authorize(request, provider_id)
    result = await write(
        request,
        delete_course,
        provider_id,
        course_id,
        f"key/{key_id}",
        rejected="rejected.nothing_changed",
        field="course_id",
    )
    return JSONResponse(_result(result))


@router.get(
    "/providers/{provider_id:path}/courses",
    summary="A provider's catalogue in ELM 3.1 (JSON-LD or Turtle), or as JSON",
    response_class=Response,
    responses={200: {"content": {"application/json": {}, **{t: {} for t in ELM_TYPES}}}},
)
def catalogue(
    provider_id: str,
    request: Request,
    limit: int = Query(25, ge=1, le=500, description="Courses per page."),
    offset: int = Query(0, ge=0),
) -> Response:
    """The catalogue as published: ELM 3.1 by content negotiation (``Accept: application/ld+json`` or
    ``text/turtle``, or ``format=elm-jsonld|elm-ttl``), a page of courses at a time in /courses' order
    (``Link: rel="next"`` while there are more); JSON otherwise (303 to /courses?provider=)."""
    fmt = elm_format(request)
    if fmt is None:
        return RedirectResponse(f"/courses?provider={quote(provider_id, safe='')}", status_code=303)
    graph, total = provider_elm(
        store_of(request), provider_id, lookups_of(request), limit, offset, catalogue_of(request)
    )
    answer = elm_response(graph, fmt, provider_id.rsplit("/", 1)[-1])
    answer.headers["X-Total-Count"] = str(total)
    next_page(request, answer, limit, offset, total)
    return answer


@router.get(
    "/providers/{provider_id}/imports",
    response_model=schemas.Imports,
    summary="A provider's import history (PROV)",
)
def imports(provider_id: str, request: Request) -> JSONResponse:
    if not exists(settings_of(request).contrib_dir_resolved(), provider_id):
        raise refused(404, "no_provider", {"id": provider_id}, field="provider_id")
    return JSONResponse(provider_views.provider_imports(store_of(request), provider_id))


@router.get(
    "/templates/courses.csv", summary="The CSV template for course catalogues", response_class=Response
)
def courses_template() -> Response:
    return Response(
        template_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="courses.csv"'},
    )


@router.get(
    "/contexts/courses.jsonld", summary="JSON-LD context for course catalogues", response_class=Response
)
def courses_context() -> Response:
    return Response(json.dumps({"@context": context()}, indent=1), media_type="application/ld+json")


@router.get(
    "/contexts/elm.jsonld", summary="The JSON-LD context of our ELM 3.1 documents", response_class=Response
)
def elm_jsonld_context() -> Response:
    return Response(json.dumps({"@context": elm_context()}, indent=1), media_type="application/ld+json")
