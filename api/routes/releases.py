"""Frozen releases (`dkk release X.Y.Z`): the list, each release's description, its files.

A release never changes, so its answers may be kept anywhere for a year (Cache-Control immutable),
and each file's ETag is its SHA-256.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from rdflib import Graph

from kg.services import releases

from ..deps import settings_of
from ..negotiation import choose
from ..ui.render import render
from .linked_data import LD_TYPES, rdf_response

router = APIRouter(tags=["Releases"])
IMMUTABLE = "public, max-age=31536000, immutable"
MEDIA = {
    ".gz": "application/gzip",
    ".ttl": "text/turtle; charset=utf-8",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    "SHA256SUMS": "text/plain; charset=utf-8",
}


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") and request.query_params.get("format") != "json"


RDF_OR_PAGE: dict[str, dict] = {t: {} for t in LD_TYPES} | {"application/json": {}}
FILES: dict[str, dict] = {m.split(";")[0]: {} for m in MEDIA.values()} | {"application/octet-stream": {}}


@router.get(
    "/releases",
    summary="The frozen, citable releases, newest first",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def release_list(request: Request) -> Response:
    items = releases.all_releases(settings_of(request).releases_dir_resolved())
    if _wants_html(request):
        return render(request, "releases.html", releases=items)
    return JSONResponse(items)


@router.get(
    "/releases/{version}",
    summary="One release: its DCAT description, files, sums and changes",
    responses={200: {"content": RDF_OR_PAGE}, 304: {"description": "Not modified"}},
)
def release(version: str, request: Request) -> Response:
    folder = settings_of(request).releases_dir_resolved()
    info = releases.release(folder, version)
    if request.query_params.get("format") == "json" or "application/json" in request.headers.get(
        "accept", ""
    ):
        return JSONResponse(info, headers={"Cache-Control": IMMUTABLE})
    media_type = choose(request, LD_TYPES)
    if media_type == "text/html":
        log = (folder / version / "changelog.json").read_text()
        return render(request, "release.html", release=info, changelog=releases.changelog_view(log))
    g = Graph().parse(releases.release_file(folder, version, "release.ttl"), format="turtle")
    answer = rdf_response(list(g), media_type)
    answer.headers["Cache-Control"] = IMMUTABLE
    return answer


@router.get(
    "/releases/{version}/{name}",
    summary="A file of a release",
    response_class=FileResponse,
    responses={
        200: {"content": FILES},
        304: {"description": "Not modified: the file is the one named by ETag"},
    },
)
def release_file(version: str, name: str, request: Request) -> Response:
    folder = settings_of(request).releases_dir_resolved()
    path = releases.release_file(folder, version, name)
    sha = releases.sums(folder / version).get(name)
    media = next((m for suffix, m in MEDIA.items() if name.endswith(suffix)), "application/octet-stream")
    headers = {"Cache-Control": IMMUTABLE}
    if sha:
        headers["ETag"] = f'"{sha}"'
        if request.headers.get("if-none-match") == f'"{sha}"':
            return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=media, filename=name, headers=headers)
