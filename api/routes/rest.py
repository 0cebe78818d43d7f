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

from kg.core.errors import refused
from kg.services import analytics, course_views, read_models
from kg.services.courses.export import course_elm
from kg.store.templates import template

from .. import schemas
from ..course_formats import elm_format, elm_response
from ..deps import catalogue_of, lookups_of, practices_of, profiles_of, store_of
from ..memo import memo
from ..rest_support import Page, describedby, page

router = APIRouter(tags=["REST"])


Limit = Query(50, ge=1, le=1000, description="Page size.")
Offset = Query(0, ge=0, description="Items to skip.")


@router.get("/frameworks", response_model=Page, summary="Competence frameworks")
def frameworks(request: Request, response: Response, limit: int = Limit, offset: int = Offset) -> Page:
    items = memo(request, "frameworks", lambda: read_models.frameworks(store_of(request)))
    return page(request, response, items, limit, offset, describedby(response, ["frameworks"]))


@router.get(
    "/frameworks/{framework_id}/concepts",
    response_model=schemas.FrameworkTree,
    summary="A framework's areas and competences as a tree",
)
def framework_concepts(framework_id: str, request: Request, response: Response) -> dict[str, Any]:
    data = read_models.framework_concepts(store_of(request), framework_id)
    return {**data, "queries": describedby(response, ["concepts"])}


@router.get(
    "/frameworks/{framework_id}/course-counts",
    response_model=schemas.AreaCounts,
    summary="How many courses teach each area of a framework",
)
def framework_course_counts(framework_id: str, request: Request, response: Response) -> dict[str, Any]:
    """Each area with the number of course offerings that have an outcome naming one of its
    competences (exact matches do not count): research query 02 for any framework, from the
    course index, kept per data version."""
    catalogue = catalogue_of(request)  # (brought up to date first: a write changes the version)
    data = memo(
        request,
        ("course counts", framework_id, catalogue is None),
        lambda: analytics.courses_per_area(store_of(request), framework_id, lookups_of(request), catalogue),
    )
    return {**data, "queries": describedby(response, ["concepts", "area_course_counts"])}


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
    items = read_models.competences(store_of(request), q, lang, framework)
    return page(request, response, items, limit, offset, describedby(response, ["competences"]))


@router.get(
    "/competences/{competence_id:path}",
    response_model=schemas.Competence,
    summary="One competence with levels, outcomes, mappings",
)
def competence(competence_id: str, request: Request, response: Response) -> dict[str, Any]:
    catalogue = catalogue_of(request)  # (brought up to date first: a write changes the version)
    data = memo(
        request,
        ("competence", competence_id),
        lambda: read_models.competence(store_of(request), competence_id, catalogue),
    )
    return {**data, "queries": describedby(response, read_models.COMPETENCE_QUERIES)}


@router.get("/profiles", response_model=Page, summary="Competence profiles")
def profiles(
    request: Request,
    response: Response,
    competence: str | None = Query(
        None, description="Only profiles that state a requirement of this competence (id, CURIE or IRI)."
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    items = profiles_of(request, competence)
    names = ["profiles", "competence_profiles"] if competence else ["profiles"]
    return page(request, response, items, limit, offset, describedby(response, names))


@router.get(
    "/profiles/{profile_id:path}",
    response_model=schemas.Profile,
    summary="A profile's requirements, inherited ones included",
)
def profile(profile_id: str, request: Request, response: Response) -> dict[str, Any]:
    data = read_models.profile(store_of(request), profile_id)
    return {**data, "queries": describedby(response, ["profile_requirements"])}


@router.get("/disciplines", response_model=Page, summary="Disciplines (fagligheder)")
def disciplines(request: Request, response: Response, limit: int = Limit, offset: int = Offset) -> Page:
    items = memo(
        request,
        "disciplines",
        lambda: read_models.vocabulary(store_of(request), "disciplines", "discipline", "match"),
    )
    return page(request, response, items, limit, offset, describedby(response, ["disciplines"]))


@router.get("/organisational-levels", response_model=Page, summary="Organisational levels")
def organisational_levels(
    request: Request, response: Response, limit: int = Limit, offset: int = Offset
) -> Page:
    items = memo(
        request,
        "organisational_levels",
        lambda: read_models.vocabulary(store_of(request), "organisational_levels", "level"),
    )
    return page(request, response, items, limit, offset, describedby(response, ["organisational_levels"]))


@router.get("/practices", response_model=Page, summary="Best practices")
def practices(
    request: Request,
    response: Response,
    competence: str | None = Query(None, description="A competence id, CURIE or IRI (equivalents count)."),
    group: str | None = Query(None, description="A target group id or IRI (broader groups count)."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    items = practices_of(request, competence, group)
    return page(request, response, items, limit, offset, describedby(response, ["practices"]))


@router.get("/courses", response_model=Page, summary="Course offerings")
def courses(
    request: Request,
    response: Response,
    competence: str | None = Query(
        None, description="A competence id (digcomp3/4.2), CURIE (digcomp3:4.2) or IRI; exact matches count."
    ),
    min_level: str | None = Query(
        None,
        description="A level id or IRI, or a level's notation or label on the competence's scale "
        "(Intermediate, 3); outcomes on the same scale at or above it.",
    ),
    provider: str | None = Query(None, description="A provider id (myschool) or IRI."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    f = course_views.course_filter(store_of(request), competence, min_level, provider)
    items, total = course_views.courses(store_of(request), f, limit, offset, catalogue_of(request))
    return page(request, response, items, limit, offset, describedby(response, f.templates), total)


@router.get(
    "/courses/{course_id:path}", summary="One course offering: titles, provider, outcomes, provenance"
)
def course(course_id: str, request: Request) -> Any:
    """JSON; ELM 3.1 by content negotiation (``Accept: application/ld+json`` or ``text/turtle``, or
    ``format=elm-jsonld|elm-ttl``)."""
    fmt = elm_format(request)
    if fmt is not None:
        graph = course_elm(store_of(request), course_id, lookups_of(request))
        return elm_response(graph, fmt, course_id.rsplit("/", 1)[-1])
    return memo(
        request,
        ("course detail", course_id),
        lambda: course_views.course_detail(store_of(request), course_id),
    )


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
        raise refused(404, "unknown_template", {"name": name}, field="name")
    return Response(template(name), media_type="application/sparql-query")
