"""Contributed data's one write path: an owner's file, then its graphs in the store, all or nothing.

Course uploads and deletes, and tailored profiles, all change an owner's data
through ``commit``. Order of a write: the new data is computed from the current
file under the write lock -> the ownership contract is checked (whatever the
caller checked before) -> the file is replaced atomically -> the graphs are
replaced in the store in one transaction. A failure before the file's rename
changes nothing; the file is the record, and a write a killed process began is
redone from it at the next start (``reconcile``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.pipeline import contrib, provenance
from kg.pipeline.reasoning import materialise
from kg.services import ownership
from kg.services.problems import UploadRejected
from kg.services.upload_checks import schema_and_shapes
from kg.store.base import GraphStore, StoreError

_WRITE_LOCK = threading.Lock()  # one writer at a time within a process
log = logging.getLogger(__name__)


MEDIA_TYPES = {
    "csv": "text/csv",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json": "application/json",
}


def subtree(g: Graph, node: Node) -> set[tuple]:
    """A course's, profile's or aggregate's triples and those of its parts (outcomes, requirements, rows
    and their counts), all the way down."""
    parts = (ns.DKK.hasOutcome, ns.DKK.hasRequirement, ns.DKK.hasRow, ns.DKK.hasCount)
    out: set[tuple] = set()
    todo: list[Node] = [node]
    seen: set[Node] = set()
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        seen.add(here)
        out |= set(g.triples((here, None, None)))
        todo += [o for p in parts for o in g.objects(here, p)]
    return out


def without(current: Graph, nodes: list[URIRef]) -> Graph:
    """A copy of ``current`` without ``nodes`` and their parts (for merges and deletes)."""
    out = Graph()
    out += current
    for node in nodes:
        for t in subtree(current, node):
            out.remove(t)
    return out


def record_iri(owner: str, kind: str = "providers") -> tuple[URIRef, datetime]:
    now = datetime.now(UTC)
    base = "provider" if kind == "providers" else "municipality"
    return ns.ID[f"{base}/{owner}/import/{now.strftime('%Y%m%dT%H%M%S%fZ')}"], now


def make_record(
    rec: URIRef, now: datetime, agent: str, filename: str, checksum: str, fmt: str, mode: str, courses: int
) -> Graph:
    """The PROV record of one write by ``agent``: the file it sent (or what it did), how, how many items."""
    who = URIRef(agent) if agent.startswith("http") else ns.ID[f"agent/{agent}"]
    g = provenance.activity(rec, now, agent=who)
    g.add((rec, ns.DKK.importMode, Literal(mode)))
    g.add((rec, ns.DKK.courseCount, Literal(courses, datatype=XSD.integer)))
    provenance.used(g, rec, URIRef(f"{rec}/file"), filename, checksum, MEDIA_TYPES.get(fmt, fmt))
    return g


def commit(
    store: GraphStore,
    contrib_dir: Path,
    owner: str,
    change: Callable[[Graph], Graph],
    record: Graph,
    kind: str = "providers",
    *,
    dry_run: bool = False,
    replaces_all: bool = False,
) -> Graph:
    """Under the write lock: read the owner's file once, compute its new data from the current data with
    ``change``, and (unless ``dry_run``) write the file, then replace the graphs in one store transaction.
    ``replaces_all``: ``change`` ignores the current data, which is then not read. Returns the new data."""
    names = contrib.graph_names(owner, kind)
    path = contrib.owner_file(contrib_dir, owner, kind)
    with _WRITE_LOCK, contrib.write_lock(contrib_dir):
        _reconcile(store, contrib_dir)  # first what a killed process left undone
        graphs = contrib.read_graphs(path, skip=frozenset({names["data"]}) if replaces_all else frozenset())
        data = change(graphs.get(names["data"], Graph()))
        breaches = ownership.breaches(data, owner, kind)  # every writer, whatever it checked before
        if breaches:
            raise UploadRejected(breaches)
        if dry_run:
            return data
        imports = graphs.get(names["imports"], Graph())
        imports += record
        graphs[names["data"]] = data
        graphs[names["imports"]] = imports
        before = contrib.snapshot(path)
        contrib.begin(contrib_dir, owner, kind)
        contrib.write_graphs(path, graphs)
        try:
            _to_store(store, owner, kind, graphs)
        except StoreError:
            # The store did not take the write (a remote store that is down, say): the file goes back to
            # what it was, and the intent stays, so the next write or start makes the store hold the file
            # again, whatever part of the write reached it. Nothing was acknowledged.
            contrib.restore(path, before)
            raise
        contrib.discard(before)
        contrib.end(contrib_dir, owner, kind)
    return data


def _to_store(store: GraphStore, owner: str, kind: str, graphs: dict[str, Graph]) -> None:
    """Make the store hold the owner's graphs as ``graphs`` has them (and their inferences), in one
    transaction."""
    names = contrib.graph_names(owner, kind)
    data = graphs.get(names["data"], Graph())
    inferred = ownership.own_inferences(materialise(data, schema_and_shapes()[2]), owner, kind)
    store.replace_graphs(
        {
            names["about"]: graphs.get(names["about"], Graph()),
            names["data"]: data,
            names["imports"]: graphs.get(names["imports"], Graph()),
            names["data"] + "/inferred": inferred,
        }
    )


def _reconcile(store: GraphStore, contrib_dir: Path) -> list[tuple[str, str]]:
    done = contrib.pending(contrib_dir)
    for owner, kind in done:
        _to_store(store, owner, kind, contrib.read_graphs(contrib.owner_file(contrib_dir, owner, kind)))
        contrib.end(contrib_dir, owner, kind)
    return done


def reconcile(store: GraphStore, contrib_dir: Path) -> list[tuple[str, str]]:
    """Redo the store side of writes that a killed process began: each owner's graphs are reloaded
    from its file, which is the record (whether or not the kill came before the file's rename). Run
    at start by every process that writes; returns the (owner, kind) it reconciled."""
    with _WRITE_LOCK, contrib.write_lock(contrib_dir):
        done = _reconcile(store, contrib_dir)
    for owner, kind in done:
        log.warning(
            "Reconciled %s %s: its graphs were reloaded from its file after an interrupted write", kind, owner
        )
    return done
