"""Linked Data: every IRI under the base dereferences here, as HTML or RDF by content negotiation.

``https://w3id.org/dkk/<path>`` is served at ``/<path>``: resources under /id/,
named graphs under /graph/, the ontology at /ontology (its terms are fragments
of it) and the shapes at /shapes. Machines get Turtle by default; browsers,
which ask for text/html first, get a readable page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.core import namespaces as ns
from kg.core.namespaces import SH
from kg.core.settings import get_settings
from kg.core.terms import is_iri
from kg.store import SelectResult
from kg.store.templates import select

from ..deps import store_of, ui_lang
from ..html import esc, page, pick, term_html
from ..negotiation import choose
from ..problems import ProblemError

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
Labels = dict[str, dict[str, str]]


def rdf_response(triples: list[tuple], media_type: str) -> Response:
    g = Graph()
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    for t in triples:
        g.add(t)
    body = g.serialize(format=RDFLIB_FORMAT[media_type])
    ctype = media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")
    return Response(body, media_type=ctype, headers={"Vary": "Accept"})


def _alternates(request: Request) -> list[tuple[str, str]]:
    path = request.url.path
    return [(t, f"{path}?format={FORMAT_PARAM[t]}") for t in RDFLIB_FORMAT]


def _add_label(labels: Labels, term: object, label: object) -> None:
    if isinstance(label, Literal):
        labels.setdefault(str(term), {}).setdefault(label.language or "", str(label))


@router.get(
    "/id/{path:path}",
    summary="Dereference a resource IRI",
    response_class=Response,
    responses={200: {"content": {t: {} for t in LD_TYPES}}},
)
def resource(path: str, request: Request) -> Response:
    iri = URIRef(get_settings().base_iri + "id/" + path)
    return describe(request, iri)


def describe(request: Request, iri: URIRef) -> Response:
    if not is_iri(str(iri)):  # a path no resource of ours can have (spaces, control characters, <>)
        raise ProblemError(404, "Not found", f"No resource {str(iri)!r} here.", field="path")
    store = store_of(request)
    media_type = choose(request, LD_TYPES)
    out = select(store, "describe", s=iri)
    if not out.rows:
        raise ProblemError(404, "Not found", f"{iri} is not described in this dataset.", field="path")
    triples = {(iri, r["p"], r["o"]) for r in out.rows}
    if media_type != "text/html":
        return rdf_response(sorted(triples), media_type)
    lang = ui_lang(request)
    labels: Labels = {}
    graphs: dict[tuple, set[str]] = defaultdict(set)
    for r in out.rows:
        _add_label(labels, r["p"], r.get("plabel"))
        _add_label(labels, r["o"], r.get("olabel"))
        graphs[(r["p"], r["o"])].add(str(r["g"]))
        if r["p"] in (SKOS.prefLabel, RDFS.label):
            _add_label(labels, iri, r["o"])
    incoming = select(store, "describe_incoming", s=iri)
    for r in incoming.rows:
        _add_label(labels, r["x"], r.get("xlabel"))
        _add_label(labels, r["p"], r.get("plabel"))
    return HTMLResponse(
        _resource_page(request, iri, triples, graphs, incoming, labels, lang), headers={"Vary": "Accept"}
    )


def _resource_page(
    request: Request,
    iri: URIRef,
    triples: set,
    graphs: dict,
    incoming: SelectResult,
    labels: Labels,
    lang: str,
) -> str:
    title = pick(labels.get(str(iri), {}), lang, str(iri))
    example = any("/graph/examples/" in g for gs in graphs.values() for g in gs)
    rows = []
    for p, o in sorted({(p, o) for _, p, o in triples}, key=lambda t: (str(t[0]), str(t[1]))):
        where = ", ".join(sorted(g.rsplit("/graph/", 1)[-1] for g in graphs[(p, o)]))
        rows.append(
            f"<tr><th scope=row>{term_html(p, labels, lang)}</th>"
            f"<td>{term_html(o, labels, lang)}</td><td class=muted>{esc(where)}</td></tr>"
        )
    inbound = "".join(
        f"<li>{term_html(r['x'], labels, lang)} "
        f"<span class=muted>({term_html(r['p'], labels, lang)})</span></li>"
        for r in incoming.rows
    )
    note = (
        (
            '<p class="example">Example data: made up to show how the graph is used; not from KL, '
            "the EU, a municipality or a provider.</p>"
        )
        if example
        else ""
    )
    concept = any(p == RDF.type and o == SKOS.Concept for _, p, o in triples)
    readable = (
        f'<p><a href="/ui/concept?{urlencode({"id": str(iri)})}">Open the readable page of this concept</a>'
        "</p>"
        if concept
        else ""
    )
    body = (
        f"{note}{readable}<p><code>{esc(iri)}</code></p>"
        f"<table><thead><tr><th scope=col>property</th><th scope=col>value</th>"
        f"<th scope=col>graph</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    if inbound:
        body += f"<h2>Linked from</h2><ul>{inbound}</ul>"
    return page(title, body, lang, _alternates(request))


def _graph_response(
    request: Request, graph_iri: str, title: str, html_body: Callable[[list[tuple], str], str]
) -> Response:
    store = store_of(request)
    media_type = choose(request, LD_TYPES)
    rows = select(store, "graph_triples", g=URIRef(graph_iri)).rows
    if not rows:
        raise ProblemError(404, "Not found", f"There is no graph {graph_iri}.", field="path")
    triples = [(r["s"], r["p"], r["o"]) for r in rows]
    if media_type != "text/html":
        return rdf_response(triples, media_type)
    lang = ui_lang(request)
    return HTMLResponse(
        page(title, html_body(triples, lang), lang, _alternates(request)), headers={"Vary": "Accept"}
    )


def _labels_of(triples: list[tuple]) -> Labels:
    labels: Labels = {}
    for s, p, o in triples:
        if p in (RDFS.label, SKOS.prefLabel):
            _add_label(labels, s, o)
    return labels


def _ontology_html(triples: list[tuple], lang: str) -> str:
    labels = _labels_of(triples)
    defs: Labels = {}
    kinds: dict[str, str] = {}
    for s, p, o in triples:
        if p == SKOS.definition:
            _add_label(defs, s, o)
        if p == RDF.type and str(s).startswith(ns.PREFIXES["dkk"]):
            kinds.setdefault(str(s), str(o).rsplit("#", 1)[-1])
    items = []
    for term in sorted(kinds, key=lambda t: (kinds[t], t)):
        local = term.split("#", 1)[1]
        items.append(
            f'<dt id="{esc(local)}"><code>dkk:{esc(local)}</code> – '
            f"{esc(pick(labels.get(term, {}), lang, local))} "
            f'<span class="muted">({esc(kinds[term])})</span></dt>'
            f"<dd>{esc(pick(defs.get(term, {}), lang, ''))}</dd>"
        )
    return f"<p>Classes, properties and controlled values of the DKK ontology.</p><dl>{''.join(items)}</dl>"


def _shapes_html(triples: list[tuple], lang: str) -> str:
    messages: Labels = {}
    shapes = set()
    for s, p, o in triples:
        if p == SH.message:
            _add_label(messages, s, o)
        if p == RDF.type and o in (SH.NodeShape, SH.PropertyShape):
            shapes.add(str(s))
    items = "".join(
        f'<li id="{esc(s.split("#")[-1])}"><code>{esc(s.split("#")[-1])}</code>'
        f"{(': ' + esc(pick(messages[s], lang, ''))) if s in messages else ''}</li>"
        for s in sorted(shapes)
    )
    return f"<p>The SHACL shapes every piece of data is validated against.</p><ul>{items}</ul>"


def _graph_html(triples: list[tuple], lang: str) -> str:
    labels = _labels_of(triples)
    subjects = sorted({s for s, _, _ in triples if isinstance(s, URIRef)}, key=str)
    items = "".join(f"<li>{term_html(s, labels, lang)}</li>" for s in subjects[:2000])
    more = f"<p>… and {len(subjects) - 2000} more.</p>" if len(subjects) > 2000 else ""
    return f"<p>{len(triples)} triples about {len(subjects)} resources.</p><ul>{items}</ul>{more}"


@router.get("/ontology", summary="The DKK ontology", response_class=Response)
def ontology(request: Request) -> Response:
    return _graph_response(request, str(ns.ONTOLOGY_GRAPH), "DKK ontology", _ontology_html)


@router.get(
    "/ontology/{version}",
    summary="A version of the ontology",
    response_class=Response,
    include_in_schema=False,
)
def ontology_version(version: str, request: Request) -> Response:
    from kg import __version__

    if version != __version__:  # another IRI under ontology/, e.g. ontology/external
        return describe(request, URIRef(get_settings().base_iri + "ontology/" + version))
    return ontology(request)


@router.get("/shapes", summary="The SHACL shapes", response_class=Response)
def shapes(request: Request) -> Response:
    return _graph_response(request, str(ns.SHAPES_GRAPH), "DKK SHACL shapes", _shapes_html)


@router.get("/graph/{name:path}", summary="A named graph's content", response_class=Response)
def named_graph(name: str, request: Request) -> Response:
    if not is_iri(str(ns.GRAPH[name])):
        raise ProblemError(404, "Not found", f"No graph named {name!r}; the graphs are listed at /dataset.")
    return _graph_response(request, str(ns.GRAPH[name]), f"Graph {name}", _graph_html)


# Registered last (see api/app.py): any other IRI under the base, such as mapping sets
# (/mappings/...), dereferences to its description; unknown ones are 404.
fallback = APIRouter(tags=["Linked Data"])


@fallback.get("/{path:path}", include_in_schema=False, response_class=Response)
def any_iri(path: str, request: Request) -> Response:
    return describe(request, URIRef(get_settings().base_iri + path))
