"""Which file goes into which named graph.

One named graph per source file is how we keep provenance queryable: a SPARQL
``GRAPH ?g`` tells a researcher which publication a triple comes from, and
example data stays separable from real data. The graph IRI is derived from the
path, so adding a data file needs no code change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.core import namespaces as ns
from kg.core.settings import Settings


@dataclass(frozen=True)
class GraphFile:
    path: Path
    graph: str
    kind: str  # "ontology" | "shapes" | "data" | "example" | "contrib"


SSSOM_SUFFIX = ".sssom.tsv"


def data_graph_iri(data_dir: Path, path: Path) -> str:
    rel = path.relative_to(data_dir).as_posix()
    for suffix in (SSSOM_SUFFIX, ".ttl"):
        rel = rel.removesuffix(suffix)
    return str(ns.GRAPH[rel])


def iter_graph_files(settings: Settings) -> Iterator[GraphFile]:
    for path in sorted(settings.ontology_dir.glob("*.ttl")):
        yield GraphFile(path, str(ns.ONTOLOGY_GRAPH), "ontology")
    for path in sorted(settings.shapes_dir.glob("*.ttl")):
        yield GraphFile(path, str(ns.SHAPES_GRAPH), "shapes")
    data_files = [*settings.data_dir.rglob("*.ttl"), *settings.data_dir.rglob("*" + SSSOM_SUFFIX)]
    for path in sorted(data_files):
        rel = path.relative_to(settings.data_dir)
        kind = "example" if rel.parts[0] == "examples" else "data"
        yield GraphFile(path, data_graph_iri(settings.data_dir, path), kind)
    # Contributed data: one N-Quads file per provider or municipality, several graphs each
    # (kg.pipeline.contrib).
    for kind in ("providers", "municipalities"):
        for path in sorted((settings.contrib_dir_resolved() / kind).glob("*.nq")):
            yield GraphFile(path, "", "contrib")
