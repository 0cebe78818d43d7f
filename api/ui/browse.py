"""Browsing pages: the home page, each framework as a tree, a page per concept, and search.

The pages read the graph through the same read models as the REST answers (kg.services),
so a page and its JSON twin never disagree; the tree and search have templates of their own
(kg/sparql/ui/) because they also cover ESCO's collection, which is not a DKK framework.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import Literal, URIRef

from kg.core.frameworks import order as framework_order
from kg.core.settings import get_settings
from kg.core.terms import integer
from kg.services import read_models
from kg.services.refs import collect_labels, ref, tree
from kg.store import GraphStore
from kg.store.templates import select

from ..deps import store_of, ui_lang
from ..html import pick_with_lang
from ..problems import ProblemError
from ..rest_support import template_path
from .render import render

router = APIRouter(include_in_schema=False)

SEARCH_LIMIT = 50


def schemes(store: GraphStore) -> list[dict[str, Any]]:
    rows = select(store, "ui/schemes").rows
    labels = collect_labels(rows, [("scheme", "label"), ("publisher", "publisherLabel")])
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        scheme = ref(r["scheme"], labels)
        out.setdefault(
            scheme["iri"],
            {
                **scheme,
                "key": scheme.get("id") or "esco-" + scheme["iri"].rsplit("/", 1)[-1],
                "version": str(r.get("version", "")),
                "license": str(r.get("license", "")),
                "rights": str(r.get("rights", "")),
                "publisher": ref(r["publisher"], labels) if "publisher" in r else None,
                "concepts": integer(r["concepts"]),
            },
        )
    order = framework_order()  # the registry's: KL's wheel first, ESCO last
    rank = {key: i for i, key in enumerate(order)}
    return sorted(out.values(), key=lambda s: (rank.get(s["key"], len(order)), s["key"]))


def _scheme(known: list[dict[str, Any]], key: str) -> dict[str, Any]:
    for s in known:
        if s["key"] == key:
            return s
    raise ProblemError(404, "Unknown framework", f"There is no framework {key!r}.", field="framework")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    if request.app.state.store is None:
        return render(request, "unavailable.html", status=503, detail=request.app.state.store_error or "")
    return render(request, "home.html", schemes=schemes(store_of(request)))


@router.get("/ui/frameworks", response_class=HTMLResponse)
def frameworks(request: Request) -> Response:
    return render(request, "frameworks.html", schemes=schemes(store_of(request)))


@router.get("/ui/frameworks/{key}", response_class=HTMLResponse)
def framework(key: str, request: Request) -> Response:
    store = store_of(request)
    known = schemes(store)
    scheme = _scheme(known, key)
    rows = select(store, "ui/tree", scheme=URIRef(scheme["iri"])).rows
    labels = collect_labels(rows, [("concept", "label"), ("match", "matchLabel")])
    nodes: dict[str, dict[str, Any]] = {}
    parent: dict[str, str] = {}
    for r in rows:
        iri = str(r["concept"])
        node = nodes.setdefault(
            iri,
            {
                **ref(r["concept"], labels),
                "notation": str(r.get("notation", "")),
                "children": [],
                "matches": [],
            },
        )
        if "broader" in r:
            parent[iri] = str(r["broader"])
        if "match" in r:
            match = {**ref(r["match"], labels), "scheme": str(r["matchScheme"])}
            if match not in node["matches"]:
                node["matches"].append(match)
    roots = tree(nodes, parent)
    lang = ui_lang(request)

    def order(items: list[dict[str, Any]]) -> None:
        items.sort(key=lambda n: (notation_key(n["notation"]), pick_with_lang(n["label"], lang)[0].lower()))
        for n in items:
            order(n["children"])

    order(roots)
    names = {s["iri"]: s for s in known}
    return render(request, "framework.html", scheme=scheme, roots=roots, schemes_by_iri=names)


def notation_key(notation: str) -> tuple:
    """1.10 after 1.9; notations without numbers after the numbered ones."""
    parts = notation.replace("-", ".").split(".") if notation else []
    return (not parts, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


@router.get("/ui/concept", response_class=HTMLResponse)
def concept(request: Request, id: str = Query(..., min_length=1, max_length=2000)) -> Response:
    data = read_models.competence(store_of(request), id)
    data["queries"] = [template_path(f"rest/{n}") for n in read_models.COMPETENCE_QUERIES]
    store = store_of(request)
    scheme_iri = (data.get("framework") or {}).get("iri")
    scheme = next((s for s in schemes(store) if s["iri"] == scheme_iri), None)
    outcomes: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for o in sorted(data["outcomes"], key=lambda o: (o["level"]["rank"], notation_key(o["notation"]))):
        outcomes[(o["level"]["rank"], o["level"]["label"])].append(o)
    rows = select(store, "ui/hierarchy", concept=URIRef(data["iri"])).rows
    labels = collect_labels(rows, [("other", "label")])
    near: dict[str, dict[str, dict[str, Any]]] = {"broader": {}, "narrower": {}}
    for r in rows:
        near[str(r["relation"])][str(r["other"])] = {
            **ref(r["other"], labels),
            "notation": str(r.get("notation", "")),
        }
    narrower = sorted(near["narrower"].values(), key=lambda n: notation_key(n["notation"]))
    return render(
        request,
        "concept.html",
        c=data,
        trail=list(near["broader"].values()),
        narrower=narrower,
        scheme=scheme,
        outcomes=sorted(outcomes.items()),
        levels=sorted(data["levels"], key=lambda lv: lv["rank"]),
        ours=str(data["iri"]).startswith(get_settings().base_iri),
    )


@router.get("/ui/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = Query("", max_length=200),
    partial: bool = Query(False, description="Only the result list (for search as you type)."),
) -> Response:
    store = store_of(request)
    query = q.strip()
    results = _search(store, query, ui_lang(request)) if len(query) >= 2 else []
    names = {s["iri"]: s for s in schemes(store)}
    return render(
        request,
        "search_results.html" if partial else "search.html",
        q=query,
        results=results[:SEARCH_LIMIT],
        total=len(results),
        schemes_by_iri=names,
    )


def _search(store: GraphStore, q: str, lang: str) -> list[dict[str, Any]]:
    rows = select(store, "ui/search", q=Literal(q)).rows
    labels = collect_labels(rows, [("concept", "label")])
    found: dict[str, dict[str, Any]] = {}
    needle = q.lower()
    for r in rows:
        hit, hit_lang = str(r["hit"]), getattr(r["hit"], "language", None) or ""
        text = hit.lower()
        # Best first: the whole label or notation, then a word that starts with the query, then inside.
        score = 0.0 if text == needle else 1.0 if text.startswith(needle) or f" {needle}" in text else 2.0
        if not str(r["hitKind"]).endswith("prefLabel"):
            score += 0.5
        item = found.setdefault(
            str(r["concept"]),
            {
                **ref(r["concept"], labels),
                "notation": str(r.get("notation", "")),
                "scheme": str(r["scheme"]),
                "score": score,
                "hit": hit,
                "hit_lang": hit_lang,
            },
        )
        if score < item["score"]:
            item.update(score=score, hit=hit, hit_lang=hit_lang)
    return sorted(found.values(), key=lambda i: (i["score"], pick_with_lang(i["label"], lang)[0].lower()))
