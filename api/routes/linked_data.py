"""Linked Data: every IRI under the base dereferences here, as HTML or RDF by content negotiation.

``https://w3id.org/dkk/<path>`` is served at ``/<path>``: resources under /id/,
named graphs under /graph/, the ontology at /ontology (its terms are fragments
of it) and the shapes at /shapes. Machines get Turtle by default; browsers,
which ask for text/html first, get a readable page.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import Graph, URIRef

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.core.terms import is_iri
from kg.services import linked_data, releases

from ..deps import dataset_of, settings_of, store_of, ui_lang
from ..labels import pick_with_lang
from ..negotiation import choose
from ..ui.i18n import text
from ..ui.render import render

router = APIRouter(tags=["Linked Data"])

LD_TYPES = ["text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml"]
RDFLIB_FORMAT = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMAT_PARAM = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}


def rdf_response(triples: list[tuple], media_type: str) -> Response:
    g = Graph()
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    for t in triples:
        g.add(t)
    body = g.serialize(format=RDFLIB_FORMAT[media_type])
    ctype = media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")
    return Response(body, media_type=ctype, headers={"Vary": "Accept"})


def alternates(request: Request) -> list[tuple[str, str]]:
    path = request.url.path
    return [(t, f"{path}?format={FORMAT_PARAM[t]}") for t in RDFLIB_FORMAT]


@router.get(
    "/id/{path:path}",
    summary="Dereference a resource IRI",
    response_class=Response,
    responses={200: {"content": {t: {} for t in LD_TYPES}}},
)
def resource(path: str, request: Request) -> Response:
    iri = URIRef(ns.BASE + "id/" + path)
    return describe(request, iri)


def describe(request: Request, iri: URIRef) -> Response:
    if not is_iri(str(iri)):  # a path no resource of ours can have (spaces, control characters, <>)
        raise refused(404, "ld.no_resource", {"iri": repr(str(iri))}, field="path")
    media_type = choose(request, LD_TYPES)
    found = linked_data.describe(store_of(request), iri, incoming=media_type == "text/html")
    if found is None:
        raise refused(404, "ld.not_described", {"iri": str(iri)}, field="path")
    if media_type != "text/html":
        return rdf_response(sorted(found.triples), media_type)
    title = pick_with_lang(found.labels.get(str(iri), {}), ui_lang(request))[0] or str(iri)
    page = render(request, "ld_resource.html", title=title, d=found, alternates=alternates(request))
    page.headers["Vary"] = "Accept, Cookie"
    return page


def _graph_response(request: Request, graph_iri: str, title: str, kind: str) -> Response:
    media_type = choose(request, LD_TYPES)
    triples = linked_data.graph_triples(store_of(request), graph_iri)
    if not triples:
        raise refused(404, "ld.no_graph", {"graph": graph_iri}, field="path")
    if media_type != "text/html":
        return rdf_response(triples, media_type)
    items: list[Any]
    if kind == "ontology":
        items = linked_data.ontology_terms(triples)
    elif kind == "shapes":
        items = linked_data.shape_list(triples)
    else:
        items = linked_data.subjects(triples)
    page = render(
        request,
        "ld_graph.html",
        title=title,
        kind=kind,
        items=items,
        labels=linked_data.labels_of(triples),
        triples=len(triples),
        alternates=alternates(request),
    )
    page.headers["Vary"] = "Accept, Cookie"
    return page


@router.get("/ontology", summary="The DKK ontology", response_class=Response)
def ontology(request: Request) -> Response:
    return _graph_response(
        request, str(ns.ONTOLOGY_GRAPH), text("ld.ontology.title", ui_lang(request)), "ontology"
    )


@router.get(
    "/ontology/{version}",
    summary="A version of the ontology",
    response_class=Response,
    include_in_schema=False,
)
def ontology_version(version: str, request: Request) -> Response:
    """A released version is the release's stamped ontology (303: another document describes it);
    the version being worked on is the live one; any other IRI under ontology/ is described."""
    from kg import __version__

    if version in releases.versions(settings_of(request).releases_dir_resolved()):
        return RedirectResponse(f"/releases/{version}/ontology.ttl", status_code=303)
    if version != __version__:  # another IRI under ontology/, e.g. ontology/external
        return describe(request, URIRef(ns.BASE + "ontology/" + version))
    return ontology(request)


@router.get("/shapes", summary="The SHACL shapes", response_class=Response)
def shapes(request: Request) -> Response:
    return _graph_response(request, str(ns.SHAPES_GRAPH), text("ld.shapes.title", ui_lang(request)), "shapes")


@router.get(
    "/graph/{name:path}",
    summary="A named graph: its description (VoID/DCAT), or with view=content its triples",
    response_class=Response,
)
def named_graph(name: str, request: Request) -> Response:
    """The graph's IRI names the graph: machines get what the dataset description says of it (size,
    licence, rights, sources, makers, date) and ``void:dataDump``, the link to its content
    (``?view=content``); a browser gets the graph's page, which lists the content and links it."""
    iri = str(ns.GRAPH[name])
    if not is_iri(iri):
        raise refused(404, "ld.no_graph_named", {"name": repr(name)})
    media_type = choose(request, LD_TYPES)
    if request.query_params.get("view") == "content" or media_type == "text/html":
        title = text("ld.graph.title", ui_lang(request), name=name)
        return _graph_response(request, iri, title, "graph")
    described = linked_data.graph_description(dataset_of(request), URIRef(iri))
    if described is None:
        raise refused(404, "ld.no_graph", {"graph": iri}, field="path")
    return rdf_response(sorted(described), media_type)


# Registered last (see api/app.py): any other IRI under the base, such as mapping sets
# (/mappings/...), dereferences to its description; unknown ones are 404.
fallback = APIRouter(tags=["Linked Data"])


@fallback.get("/{path:path}", include_in_schema=False, response_class=Response)
def any_iri(path: str, request: Request) -> Response:
    return describe(request, URIRef(ns.BASE + path))
