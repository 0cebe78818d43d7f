"""A readable page per course offering: what it is, who offers it, and what it teaches at which level."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import URIRef

from kg.services import browse, course_views
from kg.services.courses.csv_import import duration_to_hours
from kg.services.provenance import provenance
from kg.services.refs import ref

from ..deps import catalogue_of, store_of
from .render import PAGE, page_href, paged, render

router = APIRouter(include_in_schema=False)


@router.get("/ui/course", response_class=HTMLResponse)
def course(request: Request, id: str = Query(..., min_length=1, max_length=2000)) -> Response:
    data = browse.course(store_of(request), id)
    values = data["values"]
    prov = provenance(store_of(request), URIRef(data["course"]["iri"]))
    return render(
        request,
        "course.html",
        course=data["course"],
        values=values,
        taught=data["taught"],
        example=data["example"],
        hours=duration_to_hours(str(values.get("volumeOfLearning", ""))),
        prov=prov,
    )


@router.get("/ui/courses", response_class=HTMLResponse)
def courses(
    request: Request,
    competence: str | None = Query(None, max_length=2000),
    min_level: str | None = Query(None, max_length=2000),
    provider: str | None = Query(None, max_length=2000),
    offset: int = Query(0, ge=0),
) -> Response:
    """The courses behind a count on a concept, profile or coverage page, a page at a time."""
    store = store_of(request)
    f = course_views.course_filter(store, competence, min_level, provider)
    items, total = course_views.courses(store, f, PAGE, offset, catalogue_of(request))
    params = {"competence": competence, "min_level": min_level, "provider": provider}
    return render(
        request,
        "courses.html",
        page=paged(items, offset, "/ui/courses", total, PAGE, **params),
        competence=ref(f.competence) if f.competence else None,
        labels=browse.pref_labels(store, {str(x) for x in (f.competence, f.min_level, f.provider) if x}),
        level=ref(f.min_level) if f.min_level else None,
        provider=ref(f.provider) if f.provider else None,
        json=page_href("/courses", **params, offset=offset or None, limit=PAGE),
    )
