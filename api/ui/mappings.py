"""The mapping sets between frameworks, row by row with their SSSOM justification, for review.

KL's wheel -> DigComp mappings and DigComp 2.2 <-> 3.0 are the project's proposals; ESCO's
alignment is ESCO's. The page says which is which, as the SSSOM files do.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from kg.pipeline.mapping_check import mapping_files
from kg.services import browse, read_models

from ..deps import settings_of, store_of
from .render import render

router = APIRouter(include_in_schema=False)


@router.get("/ui/mappings", response_class=HTMLResponse)
def mapping_sets(request: Request) -> Response:
    store = store_of(request)
    rows = read_models.mappings(store)[:1000]
    labels = browse.term_labels(store, "mapped")
    sets: dict[str, dict[str, Any]] = {}
    for r in rows:
        name = (r["mappingSet"] or r["graph"]).rsplit("/", 1)[-1]
        entry = sets.setdefault(name, {"name": name, "rows": [], "file": None})
        entry["rows"].append(r)
    for path in mapping_files(settings_of(request).data_dir):
        stem = path.name.removesuffix(".sssom.tsv")
        if stem in sets:
            sets[stem]["file"] = f"/mappings/sets/{path.name}"
    return render(
        request, "mappings.html", sets=sorted(sets.values(), key=lambda s: s["name"]), labels=labels
    )
