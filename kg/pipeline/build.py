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
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

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
from kg.pipeline.shacl.checks import KEPT, keep
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
    late: list[ox.Quad] = field(default_factory=list)  # inferred after validation (domain, range)


def _load(settings: Settings, files: list[GraphFile]) -> tuple[LoadedGraphs, dict[Path, list[str]], ox.Store]:
    """Shipped files through rdflib (owlrl and the shapes need it; they are small); everything
    but the shapes also into an in-memory store, contributed N-Quads streamed straight there."""
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


LATE = "urn:dkk:build:inferred-late"  # the second pass's triples, before they join the inferred graph


def prepare(
    settings: Settings,
    progress: Progress = lambda _: None,
    hierarchy_done: Callable[[ox.Store], None] = lambda _: None,
    files: list[GraphFile] | None = None,
) -> Prepared:
    """Load, reason and validate; raises :class:`BuildError` on the first failing stage.

    Validation sees the asserted data plus the class and property hierarchy entailments (see
    kg.pipeline.reasoning.materialise); the domain and range typing is added after it.
    ``hierarchy_done`` sees the store once the hierarchy entailments are in (the build starts
    storing them meanwhile); what comes after is ``Prepared.late``. ``files``: the graph files,
    as the caller listed them (default: listed here)."""
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    progress("load")
    loaded, contributed, memory = _load(
        settings, list(iter_graph_files(settings)) if files is None else files
    )
    seconds["load"] = time.perf_counter() - t

    t = time.perf_counter()
    progress("reason")
    ent = Entailments.from_closed_schema(close_schema(loaded.union(["ontology"])))
    inferred = infer_in(memory, ent, str(ns.INFERRED_GRAPH), domain_range=False)
    hierarchy_done(memory)
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
    inferred += infer_in(memory, ent, LATE, hierarchy_closed=True)  # now domain and range
    target = ox.NamedNode(str(ns.INFERRED_GRAPH))
    late = [
        ox.Quad(q.subject, q.predicate, q.object, target)
        for q in memory.quads_for_pattern(None, None, None, ox.NamedNode(LATE))
    ]
    memory.update(f"ADD <{LATE}> TO {target} ; DROP SILENT GRAPH <{LATE}>")
    seconds["reason"] += time.perf_counter() - t
    return Prepared(loaded, contributed, memory, inferred, seconds, late)


def _give_back_memory() -> None:
    """Return freed heap to the system (glibc keeps it otherwise): the bulk load's threads
    allocate from arenas of their own and would not reuse it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


# The literals validation shielded from Oxigraph's integer normalisation (kg.pipeline.shacl.checks.KEPT)
# get their own datatypes back: the stored graph is Oxigraph's reading of the data.
def _kept_in() -> str:
    """A pattern: literals of the inferred graph that validation shielded (read when called: the base
    IRI is the settings')."""
    graph = f"<{ns.INFERRED_GRAPH}>"
    return f'GRAPH {graph} {{ ?s ?p ?o }} FILTER(isLiteral(?o) && STRSTARTS(STR(DATATYPE(?o)), "{KEPT}"))'


def _unkeep() -> str:
    """The update that gives those literals their own datatypes back."""
    graph = f"<{ns.INFERRED_GRAPH}>"
    return (
        f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} INSERT {{ GRAPH {graph} {{ ?s ?p ?shown }} }} "
        f'WHERE {{ {_kept_in()} BIND(STRDT(STR(?o), IRI(STRAFTER(STR(DATATYPE(?o)), "{KEPT}"))) AS ?shown) }}'
    )


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
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    store = OxigraphStore.create(fresh)
    # The bulk of a large graph goes into the fresh store beside the other stages, on the core that
    # reasoning (one Rust thread) and validation (Python) leave idle, one bulk load after the other:
    # the contributed files as they are, from the start, then the hierarchy entailments as Oxigraph
    # dumps them, while validation runs (at 10M triples two minutes off the build's time).
    files = list(iter_graph_files(settings))  # (once: the memory and the fresh store load the same)
    loads: list[Future[None]] = []
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="dkk-build-store") as beside,
        tempfile.TemporaryDirectory(prefix="dkk-inferred-", dir=fresh.parent) as tmp,
    ):
        loads.append(beside.submit(store.load_files, [f.path for f in files if f.kind == "contrib"], "nq"))

        def store_hierarchy(memory: ox.Store) -> None:
            dumped = Path(tmp) / "inferred.nt"
            inferred = ox.NamedNode(str(ns.INFERRED_GRAPH))
            memory.dump(str(dumped), format=ox.RdfFormat.N_TRIPLES, from_graph=inferred)
            loads.append(beside.submit(store.load_files, [dumped], "nt", inferred.value))

        try:
            prepared = prepare(settings, progress, store_hierarchy, files)
            t = time.perf_counter()
            progress("store")
            for load_ in loads:
                load_.result()
        except BaseException:
            wait(loads)  # (a bulk load cannot be stopped halfway)
            store.close()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return _finish(settings, target, started, prepared, store, fresh, t)


def _finish(
    settings: Settings,
    target: Path,
    started: datetime,
    prepared: Prepared,
    store: OxigraphStore,
    fresh: Path,
    t: float,
) -> BuildResult:
    """The fresh store, which holds the contributed files: add the inferred and shipped graphs and the
    build's provenance, stamp it and swap it in."""
    loaded, seconds = prepared.loaded, prepared.seconds
    store.load_quads(prepared.late)
    if prepared.memory.query(f"ASK {{ {_kept_in()} }}"):  # (rare: an inferred literal validation shielded)
        store.update_fresh(_unkeep())
    counts = _counts(prepared.memory)  # every graph but the shapes
    prepared.memory = ox.Store()  # the copy is no longer needed: free it before the shipped graphs
    _give_back_memory()
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
