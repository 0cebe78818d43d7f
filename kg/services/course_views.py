"""The course read model: offerings filtered by competence (exact matches count), by a level on the
competence's scale, and by provider; and how a level parameter is read."""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef

from kg.core.errors import ServiceError
from kg.core.terms import integer
from kg.services.codes import CodeBook
from kg.services.refs import ANY, filter_by, local_name, ref, run
from kg.store import GraphStore


def level_filter(store: GraphStore, value: str | None, field: str, competence: URIRef) -> URIRef:
    """A level parameter: by id, CURIE or IRI, or by notation or label on the competence's scale (any
    scale when no competence is given, as long as only one has it); 422 naming the levels otherwise."""
    if not value:
        return ANY
    book = CodeBook.load(store)
    if competence != ANY:
        found = book.level(competence, value)
        candidates = {str(found)} if found else set()
        scale = book.scale_for(competence)
    else:
        candidates = book.levels_named(value)
        scale = None
    if len(candidates) == 1:
        return URIRef(candidates.pop())
    if candidates:
        raise ServiceError(
            422,
            "Ambiguous level",
            f"{field}={value!r} names a level on several scales; give the competence, or one of: "
            + ", ".join(sorted(filter(None, (ref(URIRef(c)).get("id") for c in candidates))))
            + ".",
            field=field,
            value=value,
            suggestions=sorted(filter(None, (ref(URIRef(c)).get("id") for c in candidates))),
        )
    names = (
        book.level_names.get(scale, [])
        if scale
        else sorted({n for ns in book.level_names.values() for n in ns})
    )
    raise ServiceError(
        422,
        "Unknown level",
        f"{field}={value!r} names no level"
        + (f" on the scale of {book.code(str(competence))}" if scale else "")
        + f"; use a level's id or notation: {', '.join(names)}.",
        field=field,
        value=value,
        suggestions=names,
    )


def courses(
    store: GraphStore,
    competence: str | None = None,
    min_level: str | None = None,
    provider: str | None = None,
) -> list[dict[str, Any]]:
    """Course offerings with their outcomes; a course qualifies when one of its outcomes teaches the
    competence (or an exact match of it) at ``min_level`` or above on the same scale."""
    competence_iri = filter_by(store, competence, "competence", "competence")
    rows = run(
        store,
        "courses",
        competence=competence_iri,
        minLevel=level_filter(store, min_level, "min_level", competence_iri),
        provider=filter_by(store, provider, "provider", "provider"),
    )
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(
            str(r["course"]),
            {
                **ref(r["course"]),
                "title": {},
                "provider": ref(r["offeredBy"]),
                "mode": local_name(str(r["mode"])) if "mode" in r else None,
                "example": str(r.get("status", "")).endswith("#Example"),
                "outcomes": [],
            },
        )
        title = r.get("title")
        if isinstance(title, Literal):
            item["title"][title.language or ""] = str(title)
        if "outcome" in r:
            outcome = {
                "competence": ref(r["taught"]),
                "level": {**ref(r["level"]), "rank": integer(r["rank"])},
            }
            if outcome not in item["outcomes"]:
                item["outcomes"].append(outcome)
    return list(items.values())
