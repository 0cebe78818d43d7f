"""The RDF formats the stores read and write, and one writer for a whole dataset, whichever store holds it."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.core import namespaces as ns
from kg.store.base import StoreError

FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}
TRIPLE_FORMATS = frozenset({"ttl", "nt"})  # no graphs: the union of all graphs, each triple once


def serialize_dataset(quads: Iterable[ox.Quad], rdf_format: str) -> bytes:
    """``quads`` as "nq", "trig" or "jsonld" (with graphs), or "ttl" / "nt" (their union, sorted)."""
    if rdf_format not in FORMATS:
        raise StoreError(f"Unknown dump format {rdf_format!r}; use one of {sorted(FORMATS)}.")
    fmt = FORMATS[rdf_format]
    if rdf_format in TRIPLE_FORMATS:
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        return ox.serialize(triples, format=fmt, prefixes=ns.PREFIXES) or b""
    prefixes = ns.PREFIXES if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    return ox.serialize(list(quads), format=fmt, prefixes=prefixes) or b""
