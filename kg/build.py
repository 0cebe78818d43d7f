"""``dkk build``: ontology + data -> OWL-RL reasoning -> SHACL validation -> Oxigraph store.

The new store is built beside the old one and swapped in only when every stage
has passed, so a failed build (a parse error, a SHACL violation) leaves the
previous store serving as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from . import __version__
from .catalog import iter_graph_files
from .loader import LoadedGraphs, load_files
from .namespaces import GRAPH, ID, INFERRED_GRAPH
from .reasoning import Entailments, add_hierarchy_entailments, close_schema, materialise
from .settings import Settings
from .store.oxigraph import OxigraphStore
from .validation import Report, validate, validate_shapes

STAMP = "BUILT"
BUILD_GRAPH = GRAPH["build"]

Progress = Callable[[str], None]


class BuildError(Exception):
    """A stage failed; ``report`` holds SHACL violations when validation was the cause."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class BuildResult:
    store_path: Path
    triples: int
    inferred: int
    graphs: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(loaded: LoadedGraphs, started: datetime, ended: datetime) -> Graph:
    """A PROV record of this build: when, by which version, from which files."""
    g = Graph()
    act = ID[f"build/{started.strftime('%Y%m%dT%H%M%SZ')}"]
    g.add((act, RDF.type, PROV.Activity))
    g.add((act, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    g.add((act, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    g.add((act, DCTERMS.description, Literal(f"dkk build, version {__version__}", lang="en")))
    for graph_iri, files in loaded.files.items():
        g.add((URIRef(graph_iri), PROV.wasGeneratedBy, act))
        for f in files:
            used = ID[f"file/{f.path.parent.name}/{f.path.name}"]
            g.add((act, PROV.used, used))
            g.add((used, DCTERMS.identifier, Literal(f"sha256:{_sha256(f.path)}")))
            g.add((used, DCTERMS.title, Literal(f"{f.path.parent.name}/{f.path.name}")))
            g.add((URIRef(graph_iri), PROV.wasDerivedFrom, used))
    return g


def prepare(settings: Settings, progress: Progress = lambda _: None) -> tuple[LoadedGraphs, set, dict]:
    """Load, reason and validate; raises :class:`BuildError` on the first failing stage."""
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    progress("load")
    loaded = load_files(iter_graph_files(settings), settings.base_iri)
    seconds["load"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("reason")
    schema = loaded.union(["ontology"])
    data = loaded.union(["ontology", "data", "example", "contrib"])
    ent = Entailments.from_closed_schema(close_schema(schema))
    inferred = materialise(data, ent)
    seconds["reason"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("validate")
    shapes = loaded.union(["shapes"])
    meta = validate_shapes(shapes)
    if not meta.conforms:
        raise BuildError("The SHACL shapes themselves are not valid SHACL.", meta)
    # `data` is this function's own union copy: it becomes the validation view in place
    # (no second copy of a graph that reaches millions of triples).
    report = validate(add_hierarchy_entailments(data, ent), shapes)
    seconds["validate"] = time.perf_counter() - t
    if not report.conforms:
        raise BuildError(
            f"The graph does not conform to the shapes: {len(report.violations)} problems.", report
        )
    return loaded, inferred, seconds


def build(settings: Settings, progress: Progress = lambda _: None) -> BuildResult:
    started = datetime.now(UTC).replace(microsecond=0)
    loaded, inferred, seconds = prepare(settings, progress)

    t = time.perf_counter()
    progress("store")
    target = settings.store_path_resolved()
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    store = OxigraphStore.create(fresh)
    graphs: dict[str, object] = dict(loaded.graphs)
    graphs[str(INFERRED_GRAPH)] = inferred
    graphs[str(BUILD_GRAPH)] = provenance(loaded, started, datetime.now(UTC).replace(microsecond=0))
    total = store.load_graphs(graphs)  # type: ignore[arg-type]
    store.optimize()
    counts = {g: len(v) for g, v in graphs.items()}  # type: ignore[arg-type]
    store.close()
    seconds["store"] = time.perf_counter() - t

    _swap(fresh, target)
    result = BuildResult(target, total, len(inferred), counts, seconds)
    (target / STAMP).write_text(
        json.dumps(
            {
                "version": __version__,
                "built": started.isoformat(),
                "triples": total,
                "inferred": len(inferred),
                "graphs": counts,
                "seconds": seconds,
                "base_iri": settings.base_iri,
            },
            indent=2,
        )
    )
    return result


def _swap(fresh: Path, target: Path) -> None:
    """Put the new store in place; the old one is removed only after the rename."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_info(store_path: Path) -> dict | None:
    stamp = store_path / STAMP
    return json.loads(stamp.read_text()) if stamp.is_file() else None
