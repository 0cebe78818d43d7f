"""Lists inside an answer (a competence's profiles, courses and practices; coverage's and a gap's
courses): the first few items, how many there are, and the list endpoint that has them all, so that
no answer grows with the catalogue."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from kg.services.catalogue import Catalogue
from kg.services.course_views import CourseFilter, courses
from kg.services.refs import collect_labels, ref, run
from kg.store import GraphStore
from kg.store.templates import select

EMBEDDED = 10  # the items a list inside an answer shows before its link to the rest


def embedded(
    items: list[dict[str, Any]], href: str, total: int | None = None, shown: int = EMBEDDED
) -> dict[str, Any]:
    """A list inside an answer: its first ``shown`` items, how many there are, and the list endpoint
    that pages through all of them (``href``) from the first item not shown (``next``)."""
    total = len(items) if total is None else total
    sep = "&" if "?" in href else "?"
    return {
        "items": items[:shown],
        "total": total,
        "href": href,
        "next": f"{href}{sep}offset={shown}&limit=50" if total > shown else None,
    }


def as_use(item: dict[str, Any]) -> dict[str, Any]:
    return {k: item[k] for k in ("iri", "id", "curie", "href", "label", "example") if k in item}


def competence_profiles(store: GraphStore, iri: URIRef) -> list[dict[str, Any]]:
    """The profiles that state a requirement of the competence (not inherited ones), with the level."""
    rows = run(store, "competence_profiles", competence=iri)
    labels = collect_labels(rows, [("item", "label"), ("level", "levelLabel")])
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(
            str(r["item"]),
            {
                **ref(r["item"], labels),
                "example": str(r.get("status", "")).endswith("#Example"),
                "level": ref(r["level"], labels),
            },
        )
    return list(out.values())


def competence_courses(
    store: GraphStore,
    iri: URIRef,
    key: str,
    level_labels: dict[str, dict[str, str]],
    catalogue: Catalogue | None = None,
) -> dict[str, Any]:
    """The first courses teaching the competence (exact matches count, as in /courses?competence=), each
    with the highest level at which it does, and how many there are (the course list's own page)."""
    page, total = courses(store, CourseFilter(competence=iri), EMBEDDED, 0, catalogue)
    same = {str(iri)} | {str(r["match"]) for r in select(store, "exact_matches", concept=iri).rows}
    items = []
    for detail in page:
        taught = [
            {**o["level"], "label": level_labels.get(o["level"]["iri"], {})}
            for o in detail["outcomes"]
            if o["competence"]["iri"] in same
        ]
        items.append(
            {
                **ref(URIRef(detail["iri"])),
                "label": detail["title"],
                "example": detail["example"],
                "level": max(taught, key=lambda lv: lv["rank"]) if taught else None,
            }
        )
    return embedded(items, f"/courses?competence={key}", total)
