"""The course read model: offerings filtered by competence (exact matches count), by a level on the
competence's scale, and by provider; and how a level parameter is read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.core.errors import refused
from kg.core.terms import integer
from kg.services.codes import CodeBook
from kg.services.provenance import provenance
from kg.services.refs import ANY, filter_by, local_name, ref, run, to_iri
from kg.store import GraphStore
from kg.store.templates import select_page

if TYPE_CHECKING:
    from kg.services.catalogue import Catalogue


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
        raise refused(
            422,
            "ambiguous_level",
            {
                "field": field,
                "value": repr(value),
                "choices": ", ".join(sorted(filter(None, (ref(URIRef(c)).get("id") for c in candidates)))),
            },
            field=field,
            value=value,
            suggestions=sorted(filter(None, (ref(URIRef(c)).get("id") for c in candidates))),
        )
    names = (
        book.level_names.get(scale, [])
        if scale
        else sorted({n for ns in book.level_names.values() for n in ns})
    )
    raise refused(
        422,
        "unknown_level_on_scale" if scale else "unknown_level",
        {
            "field": field,
            "value": repr(value),
            "code": book.code(str(competence)),
            "choices": ", ".join(names),
        },
        field=field,
        value=value,
        suggestions=names,
    )


@dataclass(frozen=True)
class CourseFilter:
    """What a course list is filtered by (None: not filtered); each combination has its own pair of
    templates (a page and a count) that start from the most selective bound term."""

    competence: URIRef | None = None
    min_level: URIRef | None = None
    provider: URIRef | None = None

    @property
    def shape(self) -> str:
        if self.competence is not None:
            return "_level" if self.min_level is not None else "_teaching"
        return "_at_level" if self.min_level is not None else ""

    @property
    def bindings(self) -> dict[str, Node]:
        named = {"competence": self.competence, "minLevel": self.min_level, "provider": self.provider}
        return {k: v for k, v in named.items() if v is not None}

    @property
    def templates(self) -> list[str]:
        return [f"course_page{self.shape}", f"course_count{self.shape}", "course"]


def course_filter(
    store: GraphStore, competence: str | None, min_level: str | None, provider: str | None
) -> CourseFilter:
    """The filter the parameters name; 422 naming the parameter when one names nothing of its kind."""
    competence_iri = filter_by(store, competence, "competence", "competence")
    level = level_filter(store, min_level, "min_level", competence_iri)
    provider_iri = filter_by(store, provider, "provider", "provider")
    return CourseFilter(
        None if competence_iri == ANY else competence_iri,
        None if level == ANY else level,
        None if provider_iri == ANY else provider_iri,
    )


def count_courses(store: GraphStore, f: CourseFilter, catalogue: Catalogue | None = None) -> int:
    """How many courses pass the filter: from the catalogue's index when it is loaded, else counted per
    provider by the store and added up here."""
    if catalogue is not None:
        return catalogue.count(f)
    return sum(integer(r["courses"]) for r in run(store, f"course_count{f.shape}", **f.bindings))


def course_page(
    store: GraphStore, f: CourseFilter, limit: int, offset: int, catalogue: Catalogue | None = None
) -> list[dict[str, Any]]:
    """One page of the courses that pass the filter, in IRI order: the course, its provider and whether
    it is example data. A slice of the catalogue's index when it is loaded; else the store sorts and
    cuts the page, so only the page crosses to Python."""
    if catalogue is not None:
        return [
            {**ref(URIRef(c.iri)), "provider": ref(URIRef(c.provider)), "example": c.example}
            for c in catalogue.page(f, limit, offset)
        ]
    rows = select_page(store, f"rest/course_page{f.shape}", limit, offset, **f.bindings).rows
    return [
        {
            **ref(r["course"]),
            "provider": ref(r["provider"]),
            "example": str(r.get("status", "")).endswith("#Example"),
        }
        for r in rows
    ]


def course(store: GraphStore, iri: URIRef) -> dict[str, Any] | None:
    """One course offering with its titles, mode and outcomes; None when the graph has no such course."""
    rows = run(store, "course", course=iri)
    if not rows:
        return None
    first = rows[0]
    item: dict[str, Any] = {
        **ref(iri),
        "title": {},
        "provider": ref(first["offeredBy"]),
        "mode": local_name(str(first["mode"])) if "mode" in first else None,
        "example": str(first.get("status", "")).endswith("#Example"),
        "outcomes": [],
    }
    for r in rows:
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
    return item


def indexed(c: Any, levels: dict[str, tuple[int, str]]) -> dict[str, Any]:
    """A course of the index (kg.services.catalogue.Course) as :func:`course` answers it."""
    outcomes = [  # in the index's order (the outcomes' IRIs), deduplicated there already
        {"competence": ref(URIRef(taught)), "level": {**ref(URIRef(level)), "rank": levels[level][0]}}
        for taught, level in c.outcomes
        if level in levels  # (rest/course.rq needs the level's rank too)
    ]
    return {
        **ref(URIRef(c.iri)),
        "title": dict(c.title),
        "provider": ref(URIRef(c.provider)),
        "mode": local_name(c.mode) if c.mode else None,
        "example": c.example,
        "outcomes": outcomes,
    }


def courses(
    store: GraphStore, f: CourseFilter, limit: int = 50, offset: int = 0, catalogue: Catalogue | None = None
) -> tuple[list[dict[str, Any]], int]:
    """A page of course offerings with their outcomes, and how many pass the filter; a course qualifies
    when one of its outcomes teaches the competence (or an exact match of it) at ``min_level`` or
    above on the same scale. The work follows the page: from the catalogue's index, a slice; from the
    store, one sorted and cut query, one count, and one query for each course on the page."""
    total = count_courses(store, f, catalogue)
    if catalogue is not None:  # the index has every field of the answer: no query per course
        return [indexed(c, catalogue.levels) for c in catalogue.page(f, limit, offset)], total
    items = []
    for row in course_page(store, f, limit, offset, catalogue) if offset < total else []:
        detail = course(store, URIRef(row["iri"]))
        if detail is not None:
            items.append(detail)
    return items, total


def course_detail(store: GraphStore, course_id: str) -> dict[str, Any]:
    """One course offering with whose it is (the provenance block); 404 when there is none."""
    iri = to_iri(course_id, "course_id")
    item = course(store, iri)
    if item is None:
        raise refused(404, "unknown_course", {"iri": str(iri)}, field="course_id")
    return {**item, "provenance": provenance(store, iri)}
