"""A readable page per course offering: what it is, who offers it, and what it teaches at which level."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from kg.services import browse
from kg.services.courses.csv_import import duration_to_hours

from ..deps import store_of
from .render import render

router = APIRouter(include_in_schema=False)


@router.get("/ui/course", response_class=HTMLResponse)
def course(request: Request, id: str = Query(..., min_length=1, max_length=2000)) -> Response:
    data = browse.course(store_of(request), id)
    values = data["values"]
    return render(
        request,
        "course.html",
        course=data["course"],
        values=values,
        taught=data["taught"],
        example=data["example"],
        hours=duration_to_hours(str(values.get("volumeOfLearning", ""))),
    )
