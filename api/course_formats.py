"""Courses in ELM 3.1 on the read paths that also answer JSON (a provider's catalogue, one course):
which one the client asked for, and the ELM answer."""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.responses import Response
from rdflib import Graph

from kg.core.errors import refused
from kg.services.courses.export import serialise

from .negotiation import best

ELM_TYPES = {"application/ld+json": "elm-jsonld", "text/turtle": "elm-ttl"}
ELM_FORMATS = {"elm-jsonld": "elm-jsonld", "jsonld": "elm-jsonld", "elm-ttl": "elm-ttl", "ttl": "elm-ttl"}


def elm_format(request: Request) -> str | None:
    """ELM when the client asks for it (``format=elm-jsonld|elm-ttl``, or Accept preferring JSON-LD or
    Turtle to JSON); None for our JSON."""
    fmt = request.query_params.get("format")
    if fmt:
        if fmt.lower() == "json":
            return None
        if fmt.lower() in ELM_FORMATS:
            return ELM_FORMATS[fmt.lower()]
        offered = "json, " + ", ".join(ELM_FORMATS)
        raise refused(406, "format_not_offered", {"format": fmt, "offered": offered}, field="format")
    chosen = best(request.headers.get("accept"), ["application/json", *ELM_TYPES])
    return ELM_TYPES.get(chosen or "")


def elm_response(graph: Graph, fmt: str, name: str) -> Response:
    """The ELM document; ``name`` (from the path) names the file, in the characters a header can carry."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:100] or "courses"
    media_type = "application/ld+json" if fmt == "elm-jsonld" else "text/turtle; charset=utf-8"
    ext = "jsonld" if fmt == "elm-jsonld" else "ttl"
    return Response(
        serialise(graph, fmt),
        media_type=media_type,
        headers={"Vary": "Accept", "Content-Disposition": f'inline; filename="{name}.elm.{ext}"'},
    )
