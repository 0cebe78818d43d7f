"""PROV records, one builder for every writer: a build, an upload, a delete, a derived profile.

Each record is a ``prov:Activity`` with its time, its agent where one acted, and the
files it used (a title, a SHA-256 and a media type), so a researcher can ask of any
graph or resource when and from what it was made, whoever wrote it.
"""

from __future__ import annotations

from datetime import datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD


def activity(
    iri: URIRef,
    started: datetime,
    *,
    ended: datetime | None = None,
    agent: URIRef | None = None,
    description: str | None = None,
) -> Graph:
    g = Graph()
    g.add((iri, RDF.type, PROV.Activity))
    g.add((iri, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    if ended is not None:
        g.add((iri, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    if agent is not None:
        g.add((iri, PROV.wasAssociatedWith, agent))
    if description:
        g.add((iri, DCTERMS.description, Literal(description, lang="en")))
    return g


def used(
    g: Graph, act: URIRef, entity: URIRef, title: str, checksum: str = "", media_type: str | None = None
) -> URIRef:
    """Record that ``act`` used the file ``entity`` (its title, sha256 and format, as far as known)."""
    g.add((act, PROV.used, entity))
    g.add((entity, RDF.type, PROV.Entity))
    g.add((entity, DCTERMS.title, Literal(title)))
    if checksum:
        g.add((entity, DCTERMS.identifier, Literal(f"sha256:{checksum}")))
    if media_type:
        g.add((entity, DCTERMS.format, Literal(media_type)))
    return entity
