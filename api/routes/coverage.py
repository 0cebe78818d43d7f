"""Mapping help and coverage: suggestions for a course text; what catalogues cover of a profile.

Registered before the REST router, whose /profiles/{id} route would otherwise take
/profiles/{id}/coverage.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from rdflib import URIRef

from kg.services import coverage, provider_views
from kg.services.embedded import embedded
from kg.services.refs import existing, q_key, ref, resolve_profile
from kg.services.suggest import Index

from .. import schemas
from ..deps import catalogue_of, lookups_of, store_of
from ..rest_support import describedby

router = APIRouter(tags=["Mapping help and coverage"])


@router.get(
    "/profiles/{profile_id:path}/coverage",
    response_model=schemas.ProfileCoverage,
    summary="Courses that meet each requirement, and the gaps",
)
def profile_coverage(profile_id: str, request: Request, response: Response) -> dict[str, Any]:
    store = store_of(request)
    resolved = resolve_profile(store, profile_id, "profile_id")
    iri = URIRef(resolved.profile)
    rows = []
    for cov in coverage.profile_coverage(store, resolved, catalogue=catalogue_of(request)):
        q = cov.requirement
        rows.append(
            {
                "competence": {**ref(URIRef(q.competence)), "label": q.labels},
                "level": {**ref(URIRef(q.level)), "label": q.level_labels, "rank": q.rank},
                "covered": cov.covered,
                "courses": embedded(
                    cov.first,
                    "/courses?" + urlencode({"competence": q_key(q.competence), "min_level": q_key(q.level)}),
                    cov.total,
                    shown=coverage.FIRST,
                ),
            }
        )
    gaps = [r["competence"] for r in rows if not r["covered"]]
    met = len(rows) - len(gaps)
    return {
        **ref(iri),
        "requirements": rows,
        "gaps": gaps,
        "covered": met,
        "total": len(rows),
        "share": round(met / len(rows), 3) if rows else None,
        "queries": describedby(response, ["profile_requirements", "course_count_level", "course_page_level"]),
    }


@router.get(
    "/providers/{provider_id:path}/coverage",
    response_model=schemas.ProviderCoverage,
    summary="Competences and levels a provider's courses teach",
)
def provider_coverage(provider_id: str, request: Request, response: Response) -> dict[str, Any]:
    data = provider_views.provider_coverage(
        store_of(request), provider_id, catalogue_of(request), lookups_of(request)
    )
    return {**data, "queries": describedby(response, ["provider_coverage"])}


@router.get(
    "/suggest",
    response_model=schemas.Suggestions,
    summary="Suggest competences and learning outcomes for a course text",
)
def suggest(
    request: Request,
    text: str = Query(
        ..., min_length=3, max_length=5000, description="Course title and description, da or en."
    ),
    framework: str | None = Query(None, description="Only this framework, e.g. digcomp3."),
    limit: int = Query(5, ge=1, le=50),
) -> dict[str, Any]:
    state = request.app.state
    if getattr(state, "suggest_index", None) is None:
        state.suggest_index = Index.build(store_of(request))
    index: Index = state.suggest_index
    fw = str(existing(store_of(request), framework, "framework", "framework")) if framework else None
    found = index.competences(text, fw, limit)
    outcomes = index.learning_outcomes(text, [c.iri for c in found], limit)
    return {
        "competences": [
            {
                "competence": ref(URIRef(c.iri)),
                "framework": ref(URIRef(c.framework)),
                "score": c.score,
                "evidence": c.evidence,
            }
            for c in found
        ],
        "learningOutcomes": [
            {
                **ref(URIRef(o.iri)),
                "competence": ref(URIRef(o.competence or "")),
                "level": o.level,
                "text": o.text,
                "score": o.score,
                "evidence": o.evidence,
            }
            for o in outcomes
        ],
    }
