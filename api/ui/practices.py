"""The catalogue of best practice: staff development and citizens' digital readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from kg.services import browse, read_models

from ..deps import store_of
from ..memo import memo
from .render import render

router = APIRouter(include_in_schema=False)


@router.get("/ui/practices", response_class=HTMLResponse)
def practices(request: Request) -> Response:
    items = memo(request, ("practices", None, None), lambda: read_models.practices(store_of(request)))[:1000]
    labels = memo(request, "practice labels", lambda: browse.term_labels(store_of(request), "practice"))
    tracks: dict[str, list[dict]] = {}
    for item in items:
        tracks.setdefault(item["track"], []).append(item)
    return render(request, "practices.html", tracks=sorted(tracks.items()), labels=labels)
