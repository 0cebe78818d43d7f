"""REST answers to the common questions, as paginated JSON.

Each answer is computed by SPARQL templates kept in ``kg/sparql/rest/*.rq``; the
response names them in a ``Link`` header (rel="describedby") and in ``queries``,
so a researcher can fetch the template from /sparql/templates/ and run it at
/sparql (with the parameters bound as described in its comments).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from rdflib import Literal, URIRef

from kg.services import read_models
from kg.services.refs import collect_labels, optional_iri, ref, resolve_profile, run, to_iri, tree
from kg.store.templates import template

from ..deps import store_of
from ..problems import ProblemError
from ..rest_support import Page, describedby, page

router = APIRouter(tags=["REST"])


Limit = Query(50, ge=1, le=1000, description="Page size.")
Offset = Query(0, ge=0, description="Items to skip.")


@router.get("/frameworks", response_model=Page, summary="Competence frameworks")
def frameworks(request: Request, response: Response, limit: int = Limit, offset: int = Offset) -> Page:
    rows = run(store_of(request), "frameworks")
    labels = collect_labels(rows, [("framework", "label")])
    items = {}
    for r in rows:
        items.setdefault(
            str(r["framework"]),
            {
                **ref(r["framework"], labels),
                "version": str(r["version"]),
                "issued": str(r["issued"]),
                "license": str(r["license"]),
                "publisher": str(r.get("publisher", "")) or None,
                "scale": ref(r["scale"]) if "scale" in r else None,
                "concepts": int(r["concepts"]),
            },
        )
    return page(list(items.values()), limit, offset, describedby(response, ["frameworks"]))


@router.get("/frameworks/{framework_id}/concepts", summary="A framework's areas and competences as a tree")
def framework_concepts(framework_id: str, request: Request, response: Response) -> dict[str, Any]:
    framework = to_iri(framework_id, "framework_id")
    rows = run(store_of(request), "concepts", framework=framework)
    if not rows:
        raise ProblemError(
            404, "Unknown framework", f"{framework} has no areas or competences.", field="framework_id"
        )
    labels = collect_labels(rows, [("concept", "label")])
    nodes: dict[str, dict[str, Any]] = {}
    parent: dict[str, str] = {}
    for r in rows:
        key = str(r["concept"])
        nodes.setdefault(
            key,
            {
                **ref(r["concept"], labels),
                "kind": str(r["kind"]).rsplit("#")[-1],
                "notation": str(r.get("notation", "")) or None,
                "children": [],
            },
        )
        if "broader" in r:
            parent[key] = str(r["broader"])
    return {
        "framework": ref(framework),
        "concepts": tree(nodes, parent),
        "queries": describedby(response, ["concepts"]),
    }


@router.get("/competences", response_model=Page, summary="Search competences by label or notation")
def competences(
    request: Request,
    response: Response,
    q: str = Query("", max_length=200, description="Text in a label or notation (case-insensitive)."),
    lang: str = Query("", pattern="^(|da|en)$", description="Only labels in this language."),
    framework: str | None = Query(None, description="A framework id (e.g. digcomp3) or IRI."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    fw = optional_iri(framework, "framework")
    rows = run(store_of(request), "competences", q=Literal(q), lang=Literal(lang), framework=fw)
    labels = collect_labels(rows, [("competence", "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        items.setdefault(
            str(r["competence"]),
            {
                **ref(r["competence"], labels),
                "kind": str(r["kind"]).rsplit("#")[-1],
                "notation": str(r.get("notation", "")) or None,
                "framework": ref(r["fw"]),
            },
        )
    return page(list(items.values()), limit, offset, describedby(response, ["competences"]))


@router.get("/competences/{competence_id:path}", summary="One competence with levels, outcomes, mappings")
def competence(competence_id: str, request: Request, response: Response) -> dict[str, Any]:
    data = read_models.competence(store_of(request), competence_id)
    return {**data, "queries": describedby(response, read_models.COMPETENCE_QUERIES)}


@router.get("/profiles", response_model=Page, summary="Competence profiles")
def profiles(request: Request, response: Response, limit: int = Limit, offset: int = Offset) -> Page:
    items = read_models.profiles(store_of(request))
    return page(items, limit, offset, describedby(response, ["profiles"]))


@router.get("/profiles/{profile_id:path}", summary="A profile's requirements, inherited ones included")
def profile(profile_id: str, request: Request, response: Response) -> dict[str, Any]:
    resolved = resolve_profile(store_of(request), profile_id, "profile_id")
    iri = URIRef(resolved.profile)
    return {
        **ref(iri),
        "chain": [ref(URIRef(m)) for m in resolved.chain],
        "requirements": [
            {
                "competence": {**ref(URIRef(q.competence)), "label": q.labels},
                "level": {**ref(URIRef(q.level)), "label": q.level_labels, "rank": q.rank},
                "importance": q.importance.rsplit("#")[-1] if q.importance else None,
                "statedIn": ref(URIRef(q.stated_in)),
                "inherited": q.stated_in != str(iri),
            }
            for q in resolved.requirements
        ],
        "removed": [ref(URIRef(c)) for c in resolved.removed],
        "queries": describedby(response, ["profile_requirements"]),
    }


def _simple_list(
    request: Request, response: Response, name: str, key: str, extra: str | None, limit: int, offset: int
) -> Page:
    rows = run(store_of(request), name)
    labels = collect_labels(rows, [(key, "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(str(r[key]), {**ref(r[key], labels)})
        if extra and extra in r:
            item.setdefault(extra, [])
            if str(r[extra]) not in item[extra]:
                item[extra].append(str(r[extra]))
    return page(list(items.values()), limit, offset, describedby(response, [name]))


@router.get("/disciplines", response_model=Page, summary="Disciplines (fagligheder)")
def disciplines(request: Request, response: Response, limit: int = Limit, offset: int = Offset) -> Page:
    return _simple_list(request, response, "disciplines", "discipline", "match", limit, offset)


@router.get("/organisational-levels", response_model=Page, summary="Organisational levels")
def organisational_levels(
    request: Request, response: Response, limit: int = Limit, offset: int = Offset
) -> Page:
    return _simple_list(request, response, "organisational_levels", "level", None, limit, offset)


@router.get("/practices", response_model=Page, summary="Best practices")
def practices(
    request: Request,
    response: Response,
    competence: str | None = Query(None, description="A competence id or IRI (equivalents count)."),
    group: str | None = Query(None, description="A target group id or IRI (broader groups count)."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    items = read_models.practices(store_of(request), competence, group)
    return page(items, limit, offset, describedby(response, ["practices"]))


@router.get("/courses", response_model=Page, summary="Course offerings")
def courses(
    request: Request,
    response: Response,
    competence: str | None = Query(None, description="A competence id or IRI (exact matches count)."),
    min_level: str | None = Query(
        None, description="A level id or IRI; outcomes on the same scale at or above it."
    ),
    provider: str | None = Query(None, description="A provider id or IRI."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    rows = run(
        store_of(request),
        "courses",
        competence=optional_iri(competence, "competence"),
        minLevel=optional_iri(min_level, "min_level"),
        provider=optional_iri(provider, "provider"),
    )
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(
            str(r["course"]),
            {
                **ref(r["course"]),
                "title": {},
                "provider": ref(r["offeredBy"]),
                "mode": str(r["mode"]).rsplit("#")[-1] if "mode" in r else None,
                "example": str(r.get("status", "")).endswith("#Example"),
                "outcomes": [],
            },
        )
        if isinstance(r.get("title"), Literal):
            item["title"][r["title"].language or ""] = str(r["title"])
        if "outcome" in r:
            outcome = {"competence": ref(r["taught"]), "level": {**ref(r["level"]), "rank": int(r["rank"])}}
            if outcome not in item["outcomes"]:
                item["outcomes"].append(outcome)
    return page(list(items.values()), limit, offset, describedby(response, ["courses"]))


def _template_names() -> set[str]:
    root = resources.files("kg").joinpath("sparql")
    names = {p.name[:-3] for p in root.iterdir() if p.name.endswith(".rq")}
    names |= {"rest/" + p.name[:-3] for p in root.joinpath("rest").iterdir() if p.name.endswith(".rq")}
    return names


@router.get(
    "/sparql/templates/{name:path}.rq", summary="A SPARQL template behind an answer", response_class=Response
)
def sparql_template(name: str) -> Response:
    if name not in _template_names():
        raise ProblemError(404, "Unknown template", f"There is no template {name}.rq.", field="name")
    return Response(template(name), media_type="application/sparql-query")
