"""Mapping sets for readers: coverage between two schemes, and exports (SSSOM, Turtle, JSON)."""

from __future__ import annotations

import io
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.store.base import GraphStore
from kg.store.templates import select


@dataclass
class Coverage:
    source: str
    target: str
    mapped: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=dict
    )  # concept -> (pred, other, dir)
    unmapped: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def by_predicate(self) -> Counter[str]:
        return Counter(p.rsplit("#", 1)[-1] for links in self.mapped.values() for p, _, _ in links)


def coverage(store: GraphStore, source: URIRef, target: URIRef) -> Coverage:
    res = select(store, "rest/mapping_coverage", source=source, target=target)
    cov = Coverage(str(source), str(target))
    links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    concepts = set()
    for r in res.rows:
        c = str(r["concept"])
        concepts.add(c)
        if "label" in r:
            cov.labels[c] = str(r["label"])
        if "other" in r:
            link = (str(r["predicate"]), str(r["other"]), str(r["direction"]))
            if link not in links[c]:
                links[c].append(link)
    cov.mapped = dict(links)
    cov.unmapped = sorted(concepts - set(links))
    return cov


def export(paths: list[Path], fmt: str) -> bytes:
    """All mapping sets as one SSSOM/TSV, SSSOM JSON or SSSOM/RDF in Turtle, merged and written by
    sssom-py (so that sssom-py and other SSSOM tools read each back as the same mappings)."""
    from sssom.parsers import parse_sssom_table
    from sssom.util import merge_msdf
    from sssom.writers import write_json, write_rdf, write_table

    logging.getLogger("sssom").setLevel(logging.ERROR)
    msdf = merge_msdf(*[parse_sssom_table(str(p)) for p in paths])
    msdf.metadata["mapping_set_id"] = "https://w3id.org/dkk/mappings/all"
    msdf.metadata["license"] = "https://creativecommons.org/licenses/by/4.0/"
    msdf.metadata["mapping_set_description"] = (
        "All DKK mapping sets merged. Rows whose mapping_provider is ESCO are ESCO's alignment and keep "
        "ESCO's terms (this service uses the ESCO classification of the European Commission); the other "
        "rows are the DKK project's proposals under CC BY 4.0. The separate sets are at /mappings/sets."
    )
    buf = io.StringIO()
    if fmt == "ttl":
        write_rdf(msdf, buf, "turtle")
    else:
        (write_json if fmt == "json" else write_table)(msdf, buf)
    return buf.getvalue().encode()
