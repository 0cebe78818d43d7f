"""The dataset as a whole: its VoID/DCAT description, dumps, and the example research queries."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from kg.core.errors import refused
from kg.pipeline.build import build_info
from kg.pipeline.contrib import last_write
from kg.services.graph_catalogue import graph_rows
from kg.services.research_queries import all_queries, find
from kg.store.dumps import DUMP_FORMATS, dump_path

from .. import schemas
from ..deps import dataset_of, settings_of, sizes_of, store_of, ui_lang
from ..memo import memo
from ..negotiation import choose
from ..ui.render import render
from .linked_data import LD_TYPES, rdf_response

router = APIRouter(tags=["Dataset"])


@router.get("/dataset", summary="VoID and DCAT description of the dataset", response_class=Response)
def dataset(request: Request) -> Response:
    info = build_info(settings_of(request).store_path_resolved()) or {}
    g = dataset_of(request)
    media_type = choose(request, LD_TYPES)
    if media_type != "text/html":
        # (serialising the description of every graph: seconds at 1M; kept per data version)
        answer = memo(request, ("dataset", media_type), lambda: rdf_response(list(g), media_type))
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})
    return render(
        request,
        "dataset.html",
        version=info.get("version", "?"),
        built=info.get("built", "?"),
        triples=info.get("triples", "?"),
        dumps=list(DUMP_FORMATS.values()),
        graphs=memo(
            request,
            ("graph rows", ui_lang(request)),
            lambda: graph_rows(store_of(request), sizes_of(request), ui_lang(request)),
        ),
        alternates=[
            (t, f"/dataset?format={f}")
            for t, f in (("text/turtle", "ttl"), ("application/ld+json", "jsonld"))
        ],
    )


@router.get("/dumps", response_model=list[schemas.Dump], summary="The available dumps")
def dumps() -> JSONResponse:
    return JSONResponse(
        [
            {
                "href": f"/dumps/dkk.{f.ext}",
                "mediaType": f.media_type,
                "name": f.name,
                "namedGraphs": f.graphs,
            }
            for f in DUMP_FORMATS.values()
        ]
    )


@router.get("/dumps/dkk.{ext}", summary="Download the whole dataset", response_class=FileResponse)
def dump(ext: str, request: Request) -> FileResponse:
    fmt = DUMP_FORMATS.get(ext)
    if fmt is None:
        raise refused(404, "unknown_dump", {"ext": ext, "formats": ", ".join(DUMP_FORMATS)}, field="ext")
    settings = settings_of(request)
    changed = last_write(settings.contrib_dir_resolved())  # (any instance's write)
    path = dump_path(settings.store_path_resolved(), store_of(request), ext, changed)
    return FileResponse(path, media_type=fmt.media_type, filename=f"dkk.{ext}")


@router.get(
    "/queries",
    response_model=list[schemas.ResearchQuery],
    summary="Example research queries",
    responses={200: {"content": {"text/html": {}}}},
)
def queries(request: Request) -> Response:
    items = all_queries(settings_of(request).queries_dir)
    if "text/html" in request.headers.get("accept", "") and request.query_params.get("format") != "json":
        return render(request, "queries.html", queries=items)
    return JSONResponse(
        [
            {"name": q.name, "title": q.title, "description": q.description, "href": f"/queries/{q.name}.rq"}
            for q in items
        ]
    )


@router.get("/queries/{name}.rq", summary="One example research query", response_class=Response)
def research_query(name: str, request: Request) -> Response:
    q = find(settings_of(request).queries_dir, name)
    if q is None:
        raise refused(404, "unknown_query", {"name": name}, field="name")
    return Response(q.text, media_type="application/sparql-query")
