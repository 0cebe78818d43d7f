"""A provider's catalogue, or one course, as ELM 3.1 (kg.services.courses.elm): read from the store
(what the public sees), so an export is the catalogue as published. A catalogue is read a page of
courses at a time, in the order of /courses, so that no answer grows with the catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.core.terms import to_ox_quad
from kg.services.course_views import CourseFilter, count_courses, course_page
from kg.services.courses.elm import ELM_PREFIXES, elm_context, to_elm
from kg.services.lookups import Lookups
from kg.services.refs import existing, to_iri
from kg.store.base import GraphStore
from kg.store.templates import select

if TYPE_CHECKING:
    from kg.services.catalogue import Catalogue

FORMATS = {"elm-jsonld": "json-ld", "elm-ttl": "turtle"}
PAGE = 500  # courses a CLI export reads at a time


def _add_course(store: GraphStore, course: URIRef, into: Graph) -> None:
    for r in select(store, "course_triples", course=course).rows:
        into.add((course, r["p"], r["o"]))
    for r in select(store, "course_outcome_triples", course=course).rows:
        into.add((r["s"], r["p"], r["o"]))


def provider_elm(
    store: GraphStore,
    provider: str,
    lookups: Lookups | None = None,
    limit: int | None = None,
    offset: int = 0,
    catalogue: Catalogue | None = None,
) -> tuple[Graph, int]:
    """Courses ``offset`` to ``offset + limit`` of the provider's catalogue in ELM (all of them without a
    limit), and how many it has; 422 when ``provider`` names no provider."""
    iri = existing(store, provider, "provider", "provider")
    wanted = CourseFilter(provider=iri)
    total = count_courses(store, wanted, catalogue)
    ours = Graph()
    for start in range(offset, total if limit is None else min(total, offset + limit), PAGE):
        size = PAGE if limit is None else min(PAGE, offset + limit - start)
        for row in course_page(store, wanted, size, start, catalogue):
            _add_course(store, URIRef(row["iri"]), ours)
    return _elm(store, iri, ours, lookups), total


def course_elm(store: GraphStore, course_id: str, lookups: Lookups | None = None) -> Graph:
    """One course in ELM (with its provider); 404 when there is no such course."""
    iri = to_iri(course_id, "course_id")
    ours = Graph()
    _add_course(store, iri, ours)
    provider = ours.value(iri, ns.DKK.offeredBy)
    if (iri, RDF.type, ns.DKK.CourseOffering) not in ours or not isinstance(provider, URIRef):
        raise refused(404, "unknown_course", {"iri": str(iri)}, field="course_id")
    return _elm(store, provider, ours, lookups)


def _elm(store: GraphStore, provider: URIRef, ours: Graph, lookups: Lookups | None) -> Graph:
    labels = (lookups or Lookups.load(store)).labels
    names = [
        r["name"] for r in select(store, "agent_name", agent=provider).rows if isinstance(r["name"], Literal)
    ]
    return to_elm(ours, provider, names, labels)


def serialise(g: Graph, fmt: str) -> bytes:
    """ELM as JSON-LD (ELM's names, the context inline: rdflib compacts it) or Turtle (Oxigraph's
    writer, a third of rdflib's time on a page of courses)."""
    if FORMATS[fmt] == "json-ld":
        return g.serialize(format="json-ld", context=elm_context(), auto_compact=True).encode()
    quads = (to_ox_quad(s, p, o, ox.DefaultGraph()) for s, p, o in g)
    triples = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in quads), key=str)
    prefixes = {prefix: str(space) for prefix, space in g.namespaces() if prefix in ELM_PREFIXES}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
