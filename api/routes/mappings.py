"""Mappings: the records behind every SKOS mapping, coverage between schemes, SSSOM downloads."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from rdflib import URIRef

from kg.core.errors import refused
from kg.pipeline.mapping_check import mapping_files
from kg.services import read_models
from kg.services.mapping_views import coverage, export
from kg.services.refs import existing, ref

from .. import schemas
from ..deps import settings_of, store_of
from ..rest_support import Page, describedby, page

router = APIRouter(tags=["Mappings"])


@router.get("/mappings", response_model=Page, summary="Mappings with their SSSOM records")
def mappings(
    request: Request,
    response: Response,
    subject: str | None = Query(None, description="A concept id or IRI."),
    object: str | None = Query(None, description="A concept id or IRI."),
    predicate: str | None = Query(None, description="e.g. skos:exactMatch or its IRI."),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> Page:
    items = read_models.mappings(store_of(request), subject, object, predicate)
    return page(request, response, items, limit, offset, describedby(response, ["mappings"]))


@router.get(
    "/mappings/coverage",
    response_model=schemas.MappingCoverage,
    summary="Which concepts of one scheme are mapped to another, and how",
)
def mapping_coverage(
    request: Request,
    response: Response,
    source: str = Query(..., description="A framework id, e.g. kl-wheel, or 'esco'."),
    target: str = Query(..., description="A framework id, e.g. digcomp3, or 'esco'."),
) -> dict[str, Any]:
    store = store_of(request)
    cov = coverage(
        store,
        existing(store, source, "source", "framework", 404),
        existing(store, target, "target", "framework", 404),
    )
    total = len(cov.mapped) + len(cov.unmapped)
    if not total:
        raise refused(404, "nothing_to_cover", {"source": source}, field="source")
    return {
        "source": cov.source,
        "target": cov.target,
        "concepts": total,
        "mapped": len(cov.mapped),
        "byPredicate": dict(cov.by_predicate()),
        "mappings": [
            {
                "concept": ref(URIRef(c)),
                "links": [{"predicate": p, "other": ref(URIRef(o)), "direction": d} for p, o, d in links],
            }
            for c, links in sorted(cov.mapped.items())
        ],
        "unmapped": [ref(URIRef(c)) for c in cov.unmapped],
        "queries": describedby(response, ["mapping_coverage"]),
    }


@router.get("/mappings/sets", summary="The SSSOM mapping sets")
def mapping_sets(request: Request) -> list[dict[str, str]]:
    return [
        {"name": p.name, "href": f"/mappings/sets/{p.name}"}
        for p in mapping_files(settings_of(request).data_dir)
    ]


@router.get(
    "/mappings/sets/{name}", summary="Download one SSSOM/TSV mapping set", response_class=FileResponse
)
def mapping_set(name: str, request: Request) -> FileResponse:
    files = {p.name: p for p in mapping_files(settings_of(request).data_dir)}
    if not re.match(r"^[a-z0-9-]+\.sssom\.tsv$", name) or name not in files:
        raise refused(404, "unknown_mapping_set", {"name": name}, field="name")
    return FileResponse(files[name], media_type="text/tab-separated-values", filename=name)


@router.get(
    "/mappings/export.{fmt}",
    summary="All mapping sets as SSSOM/TSV (sssom), SSSOM JSON or SSSOM/RDF in Turtle (ttl), by sssom-py",
    response_class=Response,
)
def mapping_export(fmt: str, request: Request) -> Response:
    types = {"sssom": "text/tab-separated-values", "json": "application/json", "ttl": "text/turtle"}
    if fmt not in types:
        raise refused(404, "unknown_export", field="fmt")
    return Response(export(mapping_files(settings_of(request).data_dir), fmt), media_type=types[fmt])
