"""A provider's catalogue, or one course, as ELM 3.1 (kg.services.courses.elm): read from the store
(what the public sees), so an export is the catalogue as published."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.services.courses.elm import elm_context, to_elm
from kg.services.graph_catalogue import agent_names
from kg.services.lookups import Lookups
from kg.services.refs import existing, to_iri
from kg.store.base import GraphStore
from kg.store.templates import select

FORMATS = {"elm-jsonld": "json-ld", "elm-ttl": "turtle"}


def _ours(store: GraphStore, provider: URIRef) -> Graph:
    g = Graph()
    for r in select(store, "provider_courses", provider=provider).rows:
        g.add((r["s"], r["p"], r["o"]))
    return g


def provider_elm(store: GraphStore, provider: str, lookups: Lookups | None = None) -> Graph:
    """The provider's catalogue in ELM; 422 when ``provider`` names no provider."""
    iri = existing(store, provider, "provider", "provider")
    return _elm(store, iri, _ours(store, iri), lookups)


def course_elm(store: GraphStore, course_id: str, lookups: Lookups | None = None) -> Graph:
    """One course in ELM (with its provider); 404 when there is no such course."""
    iri = to_iri(course_id, "course_id")
    provider = next(iter(r["offeredBy"] for r in select(store, "rest/course", course=iri).rows), None)
    if not isinstance(provider, URIRef):
        raise refused(404, "unknown_course", {"iri": str(iri)}, field="course_id")
    whole = _ours(store, provider)
    ours = Graph()
    for outcome in [iri, *whole.objects(iri, ns.DKK.hasOutcome)]:
        for p, o in whole.predicate_objects(outcome):
            ours.add((outcome, p, o))
    if (iri, RDF.type, ns.DKK.CourseOffering) not in ours:
        raise refused(404, "unknown_course", {"iri": str(iri)}, field="course_id")
    return _elm(store, provider, ours, lookups)


def _elm(store: GraphStore, provider: URIRef, ours: Graph, lookups: Lookups | None) -> Graph:
    labels = (lookups or Lookups.load(store)).labels
    names: list[Literal] = agent_names(store).get(str(provider), [])
    return to_elm(ours, provider, names, labels)


def serialise(g: Graph, fmt: str) -> bytes:
    """ELM as JSON-LD (ELM's names, the context inline) or Turtle."""
    if FORMATS[fmt] == "json-ld":
        return g.serialize(format="json-ld", context=elm_context(), auto_compact=True).encode()
    return g.serialize(format="turtle").encode()
