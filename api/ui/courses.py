"""A readable page per course offering: what it is, who offers it, and what it teaches at which level."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import Literal

from kg.core.terms import integer
from kg.services.courses.csv_import import duration_to_hours
from kg.services.refs import collect_labels, local_name, ref, to_iri
from kg.store.templates import select

from ..deps import store_of
from ..problems import ProblemError
from .browse import notation_key
from .render import render

router = APIRouter(include_in_schema=False)


@router.get("/ui/course", response_class=HTMLResponse)
def course(request: Request, id: str = Query(..., min_length=1, max_length=2000)) -> Response:
    store = store_of(request)
    iri = to_iri(id, "id")
    rows = select(store, "ui/course", course=iri).rows
    if not rows:
        raise ProblemError(404, "Unknown course", f"{iri} is not a course offering in the graph.", field="id")
    labels = collect_labels(rows, [("o", "olabel")])
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    values: dict[str, Any] = {}
    for r in rows:
        key = local_name(str(r["p"]))
        o = r["o"]
        if isinstance(o, Literal) and o.language:
            texts[key][o.language] = str(o)
        else:
            values[key] = ref(o, labels) if not isinstance(o, Literal) else str(o)
    outcomes = select(store, "ui/course_outcomes", course=iri).rows
    out_labels = collect_labels(outcomes, [("competence", "competenceLabel"), ("level", "levelLabel")])
    taught: list[dict[str, Any]] = [
        {
            "competence": {**ref(r["competence"], out_labels), "notation": str(r.get("notation", ""))},
            "framework": ref(r["framework"]) if "framework" in r else None,
            "level": ref(r["level"], out_labels),
            "rank": integer(r["rank"]) if "rank" in r else None,
        }
        for r in {(str(r["competence"]), str(r["level"])): r for r in outcomes}.values()
    ]
    taught.sort(
        key=lambda t: (
            str(t["framework"] and t["framework"]["iri"]),
            notation_key(t["competence"]["notation"]),
        ),
    )
    return render(
        request,
        "course.html",
        course={**ref(iri), "title": texts.get("title", {}), "description": texts.get("description", {})},
        values=values,
        taught=taught,
        example=str(values.get("status", {}).get("iri", "")).endswith("#Example"),
        hours=duration_to_hours(str(values.get("volumeOfLearning", ""))),
    )
