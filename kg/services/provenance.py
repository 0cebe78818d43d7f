"""Whose a statement is, in one shape for every page and answer: the provenance block.

A resource's provenance is that of the graph stating it (kg.services.graph_catalogue: licence or
rights, who published or made it, on what status), with the resource's own sources where it names
them. Concept, framework, mapping and course answers carry it as ``provenance``, and the site shows
it with one macro (``provenance`` in macros.html).
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef

from kg.core import namespaces as ns
from kg.services.graph_catalogue import LICENCE_NAMES, GraphEntry, entry
from kg.store.base import GraphStore
from kg.store.templates import select


def provenance(store: GraphStore, resource: URIRef | None = None, graph: str | None = None) -> dict[str, Any]:
    """The block for ``resource`` (stated in the graph that types it, the publisher's before ours),
    or for everything in ``graph`` (a mapping set)."""
    own_sources: list[str] = []
    statuses: set[URIRef] = set()
    if resource is not None:
        rows = select(store, "resource_provenance", resource=resource).rows
        graphs = list(dict.fromkeys(str(r["graph"]) for r in rows))
        graph = graph or _home(graphs)
        own_sources = sorted({str(r["source"]) for r in rows if "source" in r})
        statuses = {URIRef(str(r["status"])) for r in rows if isinstance(r.get("status"), URIRef)}
    if graph is None:
        return {}
    return block(store, entry(store, graph), own_sources, statuses)


def _home(graphs: list[str]) -> str | None:
    """The graph a resource belongs to: the first that is neither a translation nor a description of
    ours (those graphs add words to a resource published elsewhere)."""
    added = ("/graph/translations-", "/graph/kl-wheel-descriptions", "/graph/search-terms")
    return next((g for g in graphs if not any(a in g for a in added)), graphs[0] if graphs else None)


def block(store: GraphStore, e: GraphEntry, own_sources: list[str], statuses: set[URIRef]) -> dict[str, Any]:
    def agent(iri: str | None) -> dict[str, Any] | None:
        if iri is None:
            return None
        names = [r["name"] for r in select(store, "agent_name", agent=URIRef(iri)).rows]
        return {"iri": iri, "label": {n.language or "": str(n) for n in names if isinstance(n, Literal)}}

    example = e.example or ns.DKK.Example in statuses
    status = (
        "example"
        if example
        else "contributed"
        if e.contributed_by
        else "proposed"
        if e.proposed or ns.DKK.Proposed in statuses
        else "published"
        if e.publishers
        else "compiled"
    )
    licence = min(e.licences) if e.licences else None
    return {
        "graph": e.iri,
        "sources": own_sources or e.sources,
        "license": licence,
        "licenseName": LICENCE_NAMES.get(licence or "", licence),
        "rights": {t.language or "": str(t) for t in e.rights if isinstance(t, Literal)},
        "publisher": agent(min(e.publishers) if e.publishers else None),
        "creator": agent(min(e.creators) if e.creators else None),
        "status": status,
        "unconfirmed": ns.DKK.Unconfirmed in statuses,
    }
