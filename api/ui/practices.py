"""The catalogue of best practice: staff development and citizens' digital readiness."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from kg.services import browse

from ..deps import practices_of, store_of
from ..memo import memo
from .render import paged, render

router = APIRouter(include_in_schema=False)


@router.get("/ui/practices", response_class=HTMLResponse)
def practices(request: Request, offset: int = Query(0, ge=0)) -> Response:
    """A page of practices at a time, grouped by track (the same list as GET /practices)."""
    items = practices_of(request)
    labels = memo(request, "practice labels", lambda: browse.term_labels(store_of(request), "practice"))
    page = paged(sorted(items, key=lambda p: (p["track"], p["iri"])), offset, "/ui/practices")
    tracks: dict[str, list[dict]] = {}
    for item in page.items:
        tracks.setdefault(item["track"], []).append(item)
    return render(request, "practices.html", tracks=list(tracks.items()), labels=labels, page=page)
