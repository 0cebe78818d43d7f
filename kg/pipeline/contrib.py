"""Contributed data: what providers upload, kept as files so that rebuilds keep it.

Each provider has one N-Quads file holding its graphs (about, courses, import
history). A write replaces the whole file with os.replace, which is atomic: a
process killed mid-write leaves the previous file. The build loads these files
like the rest of data/, and the live store is updated in one transaction after
the file is in place. The file is the record: an intent noted before the rename
and removed after the store transaction (:func:`begin`, :func:`end`) tells the
next process which owners' graphs to reload from their files, so file and store
never disagree, wherever a process is killed.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.core import namespaces as ns
from kg.core.terms import to_ox_quad, to_rdflib
from kg.store.lifecycle import fsync_dir

KINDS = ("providers", "municipalities")  # who may contribute: one folder and graph prefix each


def owner_file(contrib_dir: Path, owner: str, kind: str = "providers") -> Path:
    return contrib_dir / kind / f"{owner}.nq"


def graph_names(owner: str, kind: str = "providers") -> dict[str, str]:
    """about (the owner's record), data (its courses or profiles) and imports (its PROV history)."""
    data = str(ns.GRAPH[f"{kind}/{owner}"])
    return {"about": data + "/about", "data": data, "imports": data + "/imports"}


def read_graphs(path: Path, skip: frozenset[str] = frozenset()) -> dict[str, Graph]:
    """The owner's graphs by name; those in ``skip`` are not read (a catalogue's courses when
    an upload replaces them all: converting them to rdflib is most of the cost of a read)."""
    graphs: dict[str, Graph] = {}
    if not path.is_file():
        return graphs
    with path.open("rb") as fh:
        for q in ox.parse(fh, format=ox.RdfFormat.N_QUADS):
            if q.graph_name.value in skip:
                continue
            g = graphs.get(q.graph_name.value)
            if g is None:  # not setdefault: that would build a Graph for every quad
                g = graphs[q.graph_name.value] = Graph()
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graphs


def read_about(contrib_dir: Path, owner: str, kind: str = "providers") -> Graph | None:
    """The owner's own record (its file is the source of truth), without reading its data."""
    names = graph_names(owner, kind)
    skip = frozenset({names["data"], names["imports"]})
    return read_graphs(owner_file(contrib_dir, owner, kind), skip).get(names["about"])


def iter_quads(path: Path, names: set[str]) -> Iterator[ox.Quad]:
    """The owner's quads as Oxigraph reads them; the graph names seen are added to ``names``."""
    with path.open("rb") as fh:
        for q in ox.parse(fh, format=ox.RdfFormat.N_QUADS):
            names.add(q.graph_name.value)
            yield q


# -- the write journal: an intent is recorded before an owner's file is replaced and removed once
# the store has the same graphs, so a process killed in between leaves a note of what to redo.

PENDING = ".pending"


def _intent(contrib_dir: Path, owner: str, kind: str) -> Path:
    return contrib_dir / PENDING / f"{kind}--{owner}"


def begin(contrib_dir: Path, owner: str, kind: str) -> None:
    """Record, durably, that ``owner``'s file and its graphs in the store are about to change."""
    path = _intent(contrib_dir, owner, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.write(f"{kind} {owner}\n".encode())
        fh.flush()
        os.fsync(fh.fileno())
    fsync_dir(path.parent)


def end(contrib_dir: Path, owner: str, kind: str) -> None:
    """The store holds what the file holds: the intent is done."""
    _intent(contrib_dir, owner, kind).unlink(missing_ok=True)


def pending(contrib_dir: Path) -> list[tuple[str, str]]:
    """(owner, kind) of every write that was begun and not ended (the process died in between)."""
    folder = contrib_dir / PENDING
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        kind, _, owner = path.name.partition("--")
        if kind in KINDS and owner:
            found.append((owner, kind))
    return found


def write_graphs(path: Path, graphs: dict[str, Graph]) -> None:
    quads = [to_ox_quad(s, p, o, ox.NamedNode(name)) for name, g in sorted(graphs.items()) for s, p, o in g]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        ox.serialize(sorted(quads, key=str), fh, format=ox.RdfFormat.N_QUADS)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)  # the rename itself survives a crash


@contextmanager
def write_lock(contrib_dir: Path) -> Iterator[None]:
    """Writes to contributed data one at a time across processes, on this host or any that shares the
    folder (several API instances on one remote store): an exclusive lock on a file in it."""
    contrib_dir.mkdir(parents=True, exist_ok=True)
    with (contrib_dir / ".write.lock").open("a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def snapshot(path: Path) -> Path | None:
    """Keep an owner's file as it is (a hard link: no copy), to put back if its write cannot reach the
    store; None when there is no file yet."""
    if not path.is_file():
        return None
    kept = path.with_name(f".{path.name}.before")
    kept.unlink(missing_ok=True)  # (one a killed write left)
    os.link(path, kept)
    return kept


def restore(path: Path, kept: Path | None) -> None:
    """Put an owner's file back as :func:`snapshot` kept it, atomically."""
    if kept is None:
        path.unlink(missing_ok=True)
    else:
        kept.replace(path)
    fsync_dir(path.parent)


def discard(kept: Path | None) -> None:
    if kept is not None:
        kept.unlink(missing_ok=True)


def version(contrib_dir: Path) -> tuple[int, ...]:
    """The contributed data's version, from three stats whatever the number of owners: every write
    through :func:`write_graphs` or :func:`restore` renames a file into its kind's folder, and every
    write begins and ends with an intent in the journal's folder, so those folders' times change with
    each write (any instance's), and once more when the store has it (the intent removed): an answer
    computed mid-write is not kept past the write's end. A file edited in place by hand is not seen
    until a restart or a build (contributed files are written through ``dkk`` or the API)."""
    times = []
    for name in (*KINDS, PENDING):
        try:
            times.append((contrib_dir / name).stat().st_mtime_ns)
        except FileNotFoundError:
            times.append(0)
    return tuple(times)


def last_write(contrib_dir: Path) -> float:
    """When contributed data last changed (any instance's write), in seconds: dumps older than this
    are stale."""
    return max(version(contrib_dir)) / 1e9


def owner_files(contrib_dir: Path, kind: str = "providers") -> dict[str, float]:
    """Each owner of ``kind`` with a file here, and when the file last changed."""
    folder = contrib_dir / kind
    return {p.stem: p.stat().st_mtime for p in folder.glob("*.nq")} if folder.is_dir() else {}
