"""The embedded store: Oxigraph (pyoxigraph), persistent on disk."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.terms import OxTerm, to_ox, to_ox_quad, to_rdflib
from kg.store.base import QueryResult, SelectResult, StoreError, Triple
from kg.store.concatenated import concatenated
from kg.store.errors import syntax_message
from kg.store.rdf_formats import FORMATS, TRIPLE_FORMATS, serialize_dataset

DB_DIR = "oxigraph"


def _triple(q: ox.Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object} ."


def _has_blank(t: ox.Quad) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


class OxigraphStore:
    def __init__(self, store: ox.Store, path: Path | None = None, *, read_only: bool = False) -> None:
        self._store = store
        self.path = path
        self.read_only = read_only
        # Called with each committed SPARQL Update (the serving copies of kg.store.query_pool follow it).
        self.on_update: list[Callable[[str], None]] = []
        self._count: int | None = None  # Oxigraph counts by scanning (0.25 s at a million): kept

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> OxigraphStore:
        db = path / DB_DIR
        if not db.is_dir():
            raise StoreError(f"No store at {path}. Run `dkk build` (or `make run`) to build it.")
        try:
            store = ox.Store.read_only(str(db)) if read_only else ox.Store(str(db))
        except OSError as exc:
            raise StoreError(
                f"Cannot open the store at {path}: {exc}. Is another process writing to it?"
            ) from exc
        return cls(store, path, read_only=read_only)

    @classmethod
    def create(cls, path: Path) -> OxigraphStore:
        """A new, empty store at ``path`` (which must not exist yet)."""
        (path / DB_DIR).mkdir(parents=True)
        return cls(ox.Store(str(path / DB_DIR)), path)

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        return cls(ox.Store())

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union_default_graph: bool = True,
    ) -> QueryResult:
        subs: dict[ox.Variable, OxTerm] = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(
                sparql,
                use_default_graph_as_union=union_default_graph,
                substitutions=subs or None,
                prefixes=ns.PREFIXES,
            )
        except SyntaxError as exc:
            raise StoreError(syntax_message(str(exc), sparql)[0]) from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = []
            for sol in result:
                row = {}
                for name in variables:
                    term = sol[name]
                    if term is not None:
                        row[name] = to_rdflib(term)
                rows.append(row)
            return SelectResult(variables, rows)
        return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result]

    def load_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> int:
        """Bulk-load into a fresh store (not atomic against readers; used by the build)."""
        count = 0

        def quads() -> Iterator[ox.Quad]:  # streamed: no list of millions of quads in memory
            nonlocal count
            for g, triples in graphs.items():
                name = ox.NamedNode(g)
                for s, p, o in triples:
                    count += 1
                    yield to_ox_quad(s, p, o, name)

        self._store.bulk_extend(quads())
        self._count = None
        return count

    def load_files(self, paths: list[Path], fmt: str, graph: str | None = None) -> None:
        """Bulk-load files of one format that concatenate into one document (N-Quads keep their
        graphs; triples go to ``graph``) as they are, in one bulk load read from the kernel
        (kg.store.concatenated); for the build's fresh store."""
        to_graph = ox.NamedNode(graph) if graph else None
        with concatenated(paths) as stream:
            self._store.bulk_load(path=stream, format=FORMATS[fmt], to_graph=to_graph)
        self._count = None

    def update_fresh(self, update: str) -> None:
        """A SPARQL Update of the build's own, on the build's fresh store (no serving copy follows it:
        writes that serve go through :meth:`replace_graphs`)."""
        self._store.update(update)
        self._count = None

    def load_quads(self, quads: Iterable[ox.Quad], batch: int = 100_000) -> None:
        """Bulk-load quads in batches (bulk_extend holds what it is given: a whole generator of
        half a million quads took 220 MB); for the build's fresh store."""
        it = iter(quads)
        while chunk := list(islice(it, batch)):
            self._store.bulk_extend(chunk)
        self._count = None

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> None:
        """Make each named graph hold exactly ``triples``, in one SPARQL Update (one transaction).

        Only the difference is written: re-uploading a catalogue changes a few triples per
        course (its import record), and RocksDB pays per quad deleted or inserted, so a full
        DROP + INSERT of 20k triples cost 0.6 s where the difference costs a few ms.
        """
        drop: list[str] = []
        delete: list[str] = []
        insert: list[str] = []
        for g, triples in graphs.items():
            name = ox.NamedNode(g)
            new = {to_ox_quad(s, p, o, name) for s, p, o in triples}
            old = set(self._store.quads_for_pattern(None, None, None, name))
            gone, added = old - new, new - old
            if any(_has_blank(t) for t in gone):  # DELETE DATA takes no blank nodes: replace whole
                drop.append(f"DROP SILENT GRAPH {name}")
                gone, added = set(), new
            if gone:
                delete.append(f"GRAPH {name} {{\n" + "\n".join(_triple(q) for q in gone) + "\n}")
            if added:
                insert.append(f"GRAPH {name} {{\n" + "\n".join(_triple(q) for q in added) + "\n}")
        ops = list(drop)
        if delete:
            ops.append("DELETE DATA {\n" + "\n".join(delete) + "\n}")
        if insert:
            ops.append("INSERT DATA {\n" + "\n".join(insert) + "\n}")
        if ops:
            update = " ;\n".join(ops)
            self._store.update(update)
            self._count = None
            for listener in self.on_update:
                listener(update)

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """One named graph's content, as Oxigraph streams it."""
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def triple_count(self, graph: str | None = None) -> int:
        if graph is None:
            if self._count is None:
                self._count = len(self._store)
            return self._count
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def dump(self, rdf_format: str = "nq") -> bytes:
        if rdf_format in TRIPLE_FORMATS or rdf_format not in FORMATS:
            return serialize_dataset(self._store, rdf_format)
        buf = io.BytesIO()  # Oxigraph streams the whole store itself: no list of quads in Python
        fmt = FORMATS[rdf_format]
        if fmt == ox.RdfFormat.TRIG:
            self._store.dump(buf, format=fmt, prefixes=ns.PREFIXES)
        else:
            self._store.dump(buf, format=fmt)
        return buf.getvalue()

    def optimize(self) -> None:
        self._store.optimize()

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store
