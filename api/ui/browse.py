"""Browsing pages: the home page, each framework as a tree, a page per concept, and search.

The pages read the graph through the same read models as the REST answers (kg.services),
so a page and its JSON twin never disagree; the tree, hierarchy and search are read models of
their own (kg.services.browse) because they also cover ESCO's collection, which is not a DKK
framework.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import URIRef

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.services import browse, case, concept_page, read_models
from kg.services.provenance import provenance

from ..deps import catalogue_of, lookups_of, store_of, ui_lang
from ..labels import pick_with_lang
from ..memo import memo
from ..rest_support import template_path
from .render import render

router = APIRouter(include_in_schema=False)

SEARCH_LIMIT = 50


def _scheme(known: list[dict[str, Any]], key: str) -> dict[str, Any]:
    for s in known:
        if s["key"] == key:
            return s
    raise refused(404, "unknown_framework_key", {"key": repr(key)}, field="framework")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    if request.app.state.store is None:
        return render(request, "unavailable.html", status=503, detail=request.app.state.store_error or "")
    return render(request, "home.html", schemes=schemes_of(request))


@router.get("/ui/frameworks", response_class=HTMLResponse)
def frameworks(request: Request) -> Response:
    return render(request, "frameworks.html", schemes=schemes_of(request))


@router.get("/ui/frameworks/{key}", response_class=HTMLResponse)
def framework(key: str, request: Request) -> Response:
    store = store_of(request)
    known = schemes_of(request)
    scheme = _scheme(known, key)
    roots = browse.framework_tree(store, scheme["iri"])
    lang = ui_lang(request)

    def order(items: list[dict[str, Any]]) -> None:
        items.sort(
            key=lambda n: (browse.notation_key(n["notation"]), pick_with_lang(n["label"], lang)[0].lower())
        )
        for n in items:
            order(n["children"])

    order(roots)
    names = {s["iri"]: s for s in known}
    prov = provenance(store, URIRef(scheme["iri"]))
    return render(
        request,
        "framework.html",
        scheme=scheme,
        roots=roots,
        schemes_by_iri=names,
        prov=prov,
        case_id=case.case_id(scheme["iri"]),
    )


@router.get("/ui/concept", response_class=HTMLResponse)
def concept(
    request: Request,
    id: str = Query(..., min_length=1, max_length=2000),
    partial: bool = Query(False, description="Only the summary the framework page's detail panel shows."),
) -> Response:
    catalogue = catalogue_of(request)
    data = dict(
        memo(request, ("competence", id), lambda: read_models.competence(store_of(request), id, catalogue))
    )
    data["queries"] = [template_path(f"rest/{n}") for n in read_models.COMPETENCE_QUERIES]
    store = store_of(request)
    scheme_iri = (data.get("framework") or {}).get("iri")
    known = schemes_of(request)
    scheme = next((s for s in known if s["iri"] == scheme_iri), None)
    trail, narrower = browse.hierarchy(store, data["iri"])
    return render(
        request,
        "concept_panel.html" if partial else "concept.html",
        c=data,
        trail=trail,
        narrower=narrower,
        scheme=scheme,
        statements=concept_page.by_level(data["outcomes"], "CompetenceStatement"),
        outcomes=concept_page.by_level(data["outcomes"], "LearningOutcome"),
        mappings=concept_page.mapping_groups(data["mappings"], {s["iri"]: s for s in known}),
        levels=sorted(data["levels"], key=lambda lv: lv["rank"]),
        level_labels=lookups_of(request).labels,
        ours=str(data["iri"]).startswith(ns.BASE),
    )


def schemes_of(request: Request) -> list[dict[str, Any]]:
    """The browsable schemes with their counts, once per data version (every page's framework menu)."""
    return memo(request, "schemes", lambda: browse.schemes(store_of(request)))


@router.get("/ui/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = Query("", max_length=200),
    framework: str = Query("", max_length=200, description="Only concepts of this framework (its key)."),
    kind: str = Query("", max_length=20, description="Only areas, competences or ESCO skills."),
    partial: bool = Query(False, description="Only the result list (for search as you type)."),
) -> Response:
    store = store_of(request)
    query = q.strip()
    lang = ui_lang(request)
    known = schemes_of(request)
    scheme = next((s["iri"] for s in known if s["key"] == framework), None)
    kind = kind if kind in browse.KINDS.values() else ""  # an unknown filter narrows nothing
    index = memo(request, "search index", lambda: browse.search_index(store)) if len(query) >= 2 else None
    found = browse.search(index, query, lang) if index is not None else []
    results = [
        r for r in found if (scheme is None or r["scheme"] == scheme) and (not kind or r["kind"] == kind)
    ]
    return render(
        request,
        "search_results.html" if partial else "search.html",
        q=query,
        results=results[:SEARCH_LIMIT],
        total=len(results),
        unfiltered=len(found),
        schemes=known,
        schemes_by_iri={s["iri"]: s for s in known},
        framework=framework if scheme else "",
        kind=kind,
        kinds=list(browse.KINDS.values()),
    )
