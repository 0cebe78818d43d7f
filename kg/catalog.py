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

from .namespaces import GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH
from .settings import Settings


@dataclass(frozen=True)
class GraphFile:
    path: Path
    graph: str
    kind: str  # "ontology" | "shapes" | "data" | "example"


def data_graph_iri(data_dir: Path, path: Path) -> str:
    rel = path.relative_to(data_dir).with_suffix("")
    return str(GRAPH[rel.as_posix()])


def iter_graph_files(settings: Settings) -> Iterator[GraphFile]:
    for path in sorted(settings.ontology_dir.glob("*.ttl")):
        yield GraphFile(path, str(ONTOLOGY_GRAPH), "ontology")
    for path in sorted(settings.shapes_dir.glob("*.ttl")):
        yield GraphFile(path, str(SHAPES_GRAPH), "shapes")
    for path in sorted(settings.data_dir.rglob("*.ttl")):
        rel = path.relative_to(settings.data_dir)
        kind = "example" if rel.parts[0] == "examples" else "data"
        yield GraphFile(path, data_graph_iri(settings.data_dir, path), kind)
