"""Gap analysis and charts: a profile against current levels, in JSON or as an SVG radar chart.

Registered before the REST router, whose /profiles/{id} route would otherwise take
/profiles/{id}/chart.svg.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from rdflib import URIRef

from kg.core.errors import refused
from kg.services import gap
from kg.services.chart import profile_chart
from kg.services.codes import CodeBook
from kg.services.embedded import embedded
from kg.services.profiles import ResolvedProfile
from kg.services.refs import q_key, ref, resolve_profile

from .. import schemas
from ..deps import book_of, catalogue_of, lookups_of, store_of, ui_lang
from ..negotiation import choose

router = APIRouter(tags=["Gap analysis"])
SVG = "image/svg+xml"
# Bodies read as a table (competence;level[;person]): CSV, TSV, and what Excel labels its CSV.
TABLE_TYPES = ("text/csv", "text/tab-separated-values", "application/vnd.ms-excel", "text/plain")


def _chart(book: CodeBook, profile: ResolvedProfile, rows: list[gap.GapRow] | None, lang: str) -> Response:
    return Response(profile_chart(book, profile, rows, lang), media_type=SVG)


@router.get(
    "/profiles/{profile_id:path}/chart.svg",
    summary="A profile as a radar chart (SVG)",
    response_class=Response,
    responses={200: {"content": {SVG: {}}}},
)
def chart_of_profile(profile_id: str, request: Request) -> Response:
    book = book_of(request)
    return _chart(book, resolve_profile(store_of(request), profile_id, "profile"), None, ui_lang(request))


@router.post(
    "/gap",
    summary="Gap analysis: a profile against a person's or a team's current levels",
    response_class=Response,
    responses={200: {"model": schemas.Gap, "content": {"application/json": {}, SVG: {}}}},
)
async def gap_analysis(
    request: Request, profile: str | None = Query(None, description="With a CSV body.")
) -> Response:
    """JSON body ``{"profile": "...", "current": {"digcomp3:4.2": "Basic", ...}}`` (a list of such
    objects for a team), or a CSV body (competence;level[;person]) with ``?profile=``. Answers JSON,
    or the chart with current levels for ``Accept: image/svg+xml``."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    payload: Any
    if ctype in TABLE_TYPES:
        payload, profile_id = body, profile  # the one table reader decodes it (kg.core.tables)
    else:
        try:
            doc = json.loads(body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise refused(400, "invalid_json", {"why": str(exc)}, field="body") from exc
        if not isinstance(doc, dict):
            raise refused(422, "gap.invalid_body", field="body")
        payload, profile_id = doc.get("current", {}), doc.get("profile") or profile
    if not profile_id:
        raise refused(422, "gap.missing_profile", field="profile")
    # The analysis reads the store: in a worker thread, through the query pool (api.reads).
    return await run_in_threadpool(_answer, request, str(profile_id), payload)


def _answer(request: Request, profile_id: str, payload: Any) -> Response:
    store = store_of(request)
    resolved = resolve_profile(store, profile_id, "profile")
    lookups = lookups_of(request)
    book = lookups.book
    members, problems = gap.read_current(payload, book)
    if problems:
        raise refused(422, "gap.levels", {"n": len(problems)}, problems=[p.as_dict() for p in problems])
    rows = gap.analyse(store, resolved, members, lookups, catalogue_of(request))
    media_type = choose(request, ["application/json", SVG])
    if media_type == SVG:
        return _chart(book, resolved, rows, ui_lang(request))
    return JSONResponse(
        {
            **ref(URIRef(resolved.profile)),
            "members": len(members),
            "requirements": [
                {
                    "competence": {**ref(URIRef(r.requirement.competence)), "label": r.requirement.labels},
                    "required": {**ref(URIRef(r.requirement.level)), "rank": r.requirement.rank},
                    "current": r.current,
                    "gap": r.gap,
                    "membersBelow": r.members_below,
                    "area": ref(URIRef(r.area)) if r.area else None,
                    "courses": embedded(
                        [
                            {
                                **ref(URIRef(c.course)),
                                "title": c.title,
                                "provider": ref(URIRef(c.provider)),
                                "level": {**ref(URIRef(c.level)), "rank": c.rank},
                                "mode": c.mode,
                                "reachesRequired": c.reaches_required,
                                "example": c.example,
                                "reason": c.reason,
                                "reasonDa": c.reason_da,
                            }
                            for c in r.courses
                        ],
                        "/courses?" + urlencode({"competence": q_key(r.requirement.competence)}),
                        r.courses_total,
                        shown=gap.RECOMMENDED,
                    ),
                    "practices": embedded(
                        [ref(URIRef(p)) for p in r.practices],
                        "/practices?" + urlencode({"competence": q_key(r.requirement.competence)}),
                        r.practices_total,
                        shown=gap.RECOMMENDED,
                    ),
                }
                for r in rows
            ],
            "totals": gap.totals(rows),
            "chart": f"/profiles/{ref(URIRef(resolved.profile)).get('id', '')}/chart.svg",
        }
    )
