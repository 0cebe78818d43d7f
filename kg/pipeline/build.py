"""``dkk build``: ontology + data -> OWL-RL reasoning -> SHACL validation -> Oxigraph store.

The data lives in an in-memory Oxigraph store while it is reasoned over (SPARQL
updates, kg.pipeline.reasoning) and validated (kg.pipeline.shacl): at a million triples
that is ~0.5 GB where rdflib graphs and Python sets took 2.7 GB. The new store
is built beside the old one and swapped in only when every stage has passed, so
a failed build (a parse error, a SHACL violation) leaves the previous store
serving as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kg import __version__
from kg.core import namespaces as ns
from kg.core.settings import Settings
from kg.pipeline import contrib
from kg.pipeline import provenance as provenance_record
from kg.pipeline.graph_files import GraphFile, iter_graph_files
from kg.pipeline.loader import LoadedGraphs, load_files
from kg.pipeline.reasoning import Entailments, close_schema, infer_in
from kg.pipeline.shacl import load
from kg.pipeline.shacl.checks import keep, unkeep
from kg.pipeline.validation import Report, validate_memory, validate_shapes
from kg.store import lifecycle
from kg.store.oxigraph import OxigraphStore

STAMP = lifecycle.STAMP

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


def provenance(files: dict[str, list[GraphFile]], started: datetime, ended: datetime) -> Graph:
    """A PROV record of this build: when, by which version, from which files."""
    act = ns.ID[f"build/{started.strftime('%Y%m%dT%H%M%SZ')}"]
    g = provenance_record.activity(act, started, ended=ended, description=f"dkk build, version {__version__}")
    for graph_iri, sources in files.items():
        g.add((URIRef(graph_iri), PROV.wasGeneratedBy, act))
        for f in sources:
            name = f"{f.path.parent.name}/{f.path.name}"
            file = provenance_record.used(g, act, ns.ID[f"file/{name}"], name, _sha256(f.path))
            g.add((URIRef(graph_iri), PROV.wasDerivedFrom, file))
    return g


@dataclass
class Prepared:
    """What the build stages made: the shipped graphs (rdflib, small), the contributed files and
    their graphs, and an in-memory Oxigraph store with every data graph and the inferred one."""

    loaded: LoadedGraphs
    contrib: dict[Path, list[str]]
    memory: ox.Store
    inferred: int
    seconds: dict[str, float]


def _load(settings: Settings) -> tuple[LoadedGraphs, dict[Path, list[str]], ox.Store]:
    """Shipped files through rdflib (owlrl and the shapes need it; they are small); everything
    but the shapes also into an in-memory store, contributed N-Quads streamed straight there."""
    files = list(iter_graph_files(settings))
    loaded = load_files([f for f in files if f.kind != "contrib"], settings.base_iri)
    memory = ox.Store()
    for name, graph in loaded.graphs.items():
        if not any(f.kind == "shapes" for f in loaded.files[name]):
            load(memory, graph, name)
    contributed: dict[Path, list[str]] = {}
    for f in files:
        if f.kind == "contrib":
            names: set[str] = set()
            memory.bulk_extend(
                ox.Quad(q.subject, q.predicate, keep(q.object), q.graph_name)
                for q in contrib.iter_quads(f.path, names)
            )
            contributed[f.path] = sorted(names)
    return loaded, contributed, memory


def prepare(settings: Settings, progress: Progress = lambda _: None) -> Prepared:
    """Load, reason and validate; raises :class:`BuildError` on the first failing stage.

    Validation sees the asserted data plus the class and property hierarchy entailments (see
    kg.pipeline.reasoning.materialise); the domain and range typing is added after it."""
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    progress("load")
    loaded, contributed, memory = _load(settings)
    seconds["load"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("reason")
    ent = Entailments.from_closed_schema(close_schema(loaded.union(["ontology"])))
    inferred = infer_in(memory, ent, str(ns.INFERRED_GRAPH), domain_range=False)
    seconds["reason"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("validate")
    shapes = loaded.union(["shapes"])
    meta = validate_shapes(shapes)
    if not meta.conforms:
        raise BuildError("The SHACL shapes themselves are not valid SHACL.", meta)
    report = validate_memory(memory, shapes)
    seconds["validate"] = time.perf_counter() - t
    if not report.conforms:
        raise BuildError(
            f"The graph does not conform to the shapes: {len(report.violations)} problems.", report
        )
    t = time.perf_counter()
    inferred += infer_in(memory, ent, str(ns.INFERRED_GRAPH))  # now with domain and range typing
    seconds["reason"] += time.perf_counter() - t
    return Prepared(loaded, contributed, memory, inferred, seconds)


def _give_back_memory() -> None:
    """Return freed heap to the system (glibc keeps it otherwise): the bulk load's threads
    allocate from arenas of their own and would not reuse it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class _Concat(io.RawIOBase):
    """Files read one after another as one stream (N-Quads files concatenate into N-Quads)."""

    def __init__(self, paths: list[Path]) -> None:
        self._paths = paths
        self._fh: io.BufferedReader | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while True:
            if self._fh is None:
                if not self._paths:
                    return 0
                self._fh = self._paths.pop(0).open("rb")
            n = self._fh.readinto(buffer)
            if n:
                return n
            self._fh.close()
            self._fh = None


def _counts(memory: ox.Store) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return {s["g"].value: int(s["n"].value) for s in memory.query(q)}  # type: ignore[union-attr]


def build(settings: Settings, progress: Progress = lambda _: None) -> BuildResult:
    """Build the store anew; refuses (StoreError) while a server uses it (kg.store.lifecycle)."""
    target = settings.store_path_resolved()
    lifecycle.recover(target)
    with lifecycle.exclusive(target):
        return _build(settings, target, progress)


def _build(settings: Settings, target: Path, progress: Progress) -> BuildResult:
    started = datetime.now(UTC).replace(microsecond=0)
    prepared = prepare(settings, progress)
    loaded, seconds = prepared.loaded, prepared.seconds

    t = time.perf_counter()
    progress("store")
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    store = OxigraphStore.create(fresh)
    inferred = ox.NamedNode(str(ns.INFERRED_GRAPH))
    store.load_quads(
        ox.Quad(q.subject, q.predicate, unkeep(q.object), inferred)
        for q in prepared.memory.quads_for_pattern(None, None, None, inferred)
    )
    counts = _counts(prepared.memory)  # every graph but the shapes
    prepared.memory = ox.Store()  # the copy is no longer needed: free it before the bulk load
    _give_back_memory()
    # Contributed files as they are, Rust end to end, in one bulk load: the bulk of a large graph.
    store.load_stream(cast(IO[bytes], _Concat(list(prepared.contrib))), "nq")  # reads like a file
    files = dict(loaded.files)
    for path, names in prepared.contrib.items():
        for name in names:
            files.setdefault(name, []).append(GraphFile(path, name, "contrib"))
    store.load_graphs(loaded.graphs)  # the shipped graphs, as parsed
    prov = provenance(files, started, datetime.now(UTC).replace(microsecond=0))
    store.load_graphs({str(ns.GRAPH["build"]): prov})
    counts.update({g: len(v) for g, v in loaded.graphs.items() if g not in counts})
    counts[str(ns.GRAPH["build"])] = len(prov)
    total = sum(counts.values())
    store.optimize()
    store.close()
    seconds["store"] = time.perf_counter() - t

    result = BuildResult(target, total, prepared.inferred, counts, seconds)
    stamp = fresh / STAMP  # written before the swap: a complete new store is one with its stamp
    stamp.write_text(
        json.dumps(
            {
                "version": __version__,
                "built": started.isoformat(),
                "triples": total,
                "inferred": prepared.inferred,
                "graphs": counts,
                "seconds": seconds,
                "base_iri": settings.base_iri,
            },
            indent=2,
        )
    )
    with stamp.open("rb") as fh:
        os.fsync(fh.fileno())
    lifecycle.swap(fresh, target)
    return result


def build_info(store_path: Path) -> dict | None:
    stamp = store_path / STAMP
    return json.loads(stamp.read_text()) if stamp.is_file() else None
