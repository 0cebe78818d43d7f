"""Import, merge and delete a provider's courses: all-or-nothing, recorded with PROV.

Order of a write: parse and validate (nothing touched) -> build the provider's new
graphs -> replace the provider's file atomically -> replace the graphs in the
store in one transaction. A failure before the file rename changes nothing; the
file is the record, and the store is reloaded from the files by every build.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.core.namespaces import DKK, ID
from kg.pipeline import contrib, dumps
from kg.pipeline.reasoning import materialise
from kg.services import ownership
from kg.services.courses import validate
from kg.services.courses.codes import CodeBook
from kg.services.courses.csv_import import Parsed, course_namespace, parse_csv
from kg.services.courses.problems import Problem, UploadRejected
from kg.services.courses.rdf_import import parse_rdf
from kg.services.providers import ProviderError, exists
from kg.store.base import GraphStore

FORMATS = {"csv": "text/csv", "ttl": "text/turtle", "jsonld": "application/ld+json"}
_WRITE_LOCK = threading.Lock()  # one writer at a time within a process
log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    provider: str
    mode: str
    dry_run: bool
    courses: list[str]
    total_courses: int
    record: str | None = None
    checksum: str = ""
    problems: list[Problem] = field(default_factory=list)


def format_of(filename: str | None, media_type: str | None) -> str:
    name = (filename or "").lower()
    mt = (media_type or "").split(";")[0].strip().lower()
    if name.endswith(".csv") or mt in ("text/csv", "application/vnd.ms-excel"):
        return "csv"
    if name.endswith((".ttl", ".turtle")) or mt in ("text/turtle", "application/x-turtle"):
        return "ttl"
    if name.endswith((".jsonld", ".json")) or mt in ("application/ld+json", "application/json"):
        return "jsonld"
    raise UploadRejected(
        [
            Problem(
                "Unknown file type: send CSV (.csv, text/csv), Turtle (.ttl, text/turtle) or JSON-LD "
                "(.jsonld, application/ld+json).",
                "Ukendt filtype: send CSV (.csv), Turtle (.ttl) eller JSON-LD (.jsonld).",
                field="file",
            )
        ]
    )


def parse(
    store: GraphStore, provider: str, data: bytes, fmt: str, record: URIRef, about: Graph | None = None
) -> Parsed:
    """Parse and validate; ``record`` (the import activity) becomes each course's source."""
    book = CodeBook.load(store)
    parsed = parse_csv(data, provider, book) if fmt == "csv" else parse_rdf(data, fmt, provider, book)
    for course in parsed.courses:
        parsed.graph.add((course, DCTERMS.source, record))
        parsed.graph.add((course, PROV.wasGeneratedBy, record))
    if not parsed.problems:
        parsed.problems = ownership.breaches(parsed.graph, provider, "providers")
    if not parsed.problems:
        parsed.problems = validate.check(parsed, store, about)
    return parsed


def _subtree(g: Graph, node: URIRef) -> set[tuple]:
    """A course's or profile's triples and those of its outcomes or requirements."""
    out = set(g.triples((node, None, None)))
    for part in (*g.objects(node, DKK.hasOutcome), *g.objects(node, DKK.hasRequirement)):
        out |= set(g.triples((part, None, None)))
    return out


def without(current: Graph, nodes: list[URIRef]) -> Graph:
    """A copy of ``current`` without ``nodes`` and their parts (for merges and deletes)."""
    out = Graph()
    out += current
    for node in nodes:
        for t in _subtree(current, node):
            out.remove(t)
    return out


def record_iri(owner: str, kind: str = "providers") -> tuple[URIRef, datetime]:
    now = datetime.now(UTC)
    base = "provider" if kind == "providers" else "municipality"
    return ID[f"{base}/{owner}/import/{now.strftime('%Y%m%dT%H%M%S%fZ')}"], now


def make_record(
    rec: URIRef, now: datetime, agent: str, filename: str, checksum: str, fmt: str, mode: str, courses: int
) -> Graph:
    used = URIRef(f"{rec}/file")
    g = Graph()
    g.add((rec, RDF.type, PROV.Activity))
    g.add((rec, PROV.startedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    g.add((rec, PROV.wasAssociatedWith, URIRef(agent) if agent.startswith("http") else ID[f"agent/{agent}"]))
    g.add((rec, PROV.used, used))
    g.add((rec, DKK.importMode, Literal(mode)))
    g.add((rec, DKK.courseCount, Literal(courses, datatype=XSD.integer)))
    g.add((used, RDF.type, PROV.Entity))
    g.add((used, DCTERMS.title, Literal(filename)))
    g.add((used, DCTERMS.identifier, Literal(f"sha256:{checksum}")))
    g.add((used, DCTERMS.format, Literal(FORMATS.get(fmt, fmt))))
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
    with _WRITE_LOCK:
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
        contrib.begin(contrib_dir, owner, kind)
        contrib.write_graphs(path, graphs)
        _to_store(store, owner, kind, graphs)
        contrib.end(contrib_dir, owner, kind)
    return data


def _to_store(store: GraphStore, owner: str, kind: str, graphs: dict[str, Graph]) -> None:
    """Make the store hold the owner's graphs as ``graphs`` has them (and their inferences), in one
    transaction."""
    names = contrib.graph_names(owner, kind)
    data = graphs.get(names["data"], Graph())
    inferred = ownership.own_inferences(materialise(data, validate.schema_and_shapes()[2]), owner, kind)
    store.replace_graphs(
        {
            names["about"]: graphs.get(names["about"], Graph()),
            names["data"]: data,
            names["imports"]: graphs.get(names["imports"], Graph()),
            names["data"] + "/inferred": inferred,
        }
    )
    dumps.invalidate(getattr(store, "path", None))  # the dumps were of the old data


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
    with _WRITE_LOCK:
        done = _reconcile(store, contrib_dir)
    for owner, kind in done:
        log.warning(
            "Reconciled %s %s: its graphs were reloaded from its file after an interrupted write", kind, owner
        )
    return done


def import_courses(
    store: GraphStore,
    contrib_dir: Path,
    provider: str,
    data: bytes,
    filename: str,
    fmt: str,
    *,
    mode: str = "replace",
    dry_run: bool = False,
    agent: str = "admin",
) -> ImportResult:
    if mode not in ("replace", "merge"):
        raise UploadRejected(
            [
                Problem(
                    "mode must be replace or merge.",
                    "mode skal være replace eller merge.",
                    field="mode",
                    value=mode,
                )
            ]
        )
    if not exists(contrib_dir, provider):
        raise ProviderError(f"No provider {provider}; an administrator creates it with `dkk providers add`.")
    rec, now = record_iri(provider)
    about = contrib.read_about(contrib_dir, provider)
    parsed = parse(store, provider, data, fmt, rec, about)
    if parsed.problems:
        raise UploadRejected(parsed.problems)
    checksum = hashlib.sha256(data).hexdigest()

    def change(current: Graph) -> Graph:
        if mode == "replace":
            return parsed.graph  # ours alone from here on: no copy needed
        courses = without(current, parsed.courses)
        courses += parsed.graph
        return courses

    record = make_record(rec, now, agent, filename, checksum, fmt, mode, len(parsed.courses))
    courses = commit(
        store, contrib_dir, provider, change, record, dry_run=dry_run, replaces_all=mode == "replace"
    )
    total = len(set(courses.subjects(RDF.type, DKK.CourseOffering)))
    result = ImportResult(
        provider, mode, dry_run, [str(c) for c in parsed.courses], total, str(rec), checksum
    )
    return result


def delete_course(
    store: GraphStore, contrib_dir: Path, provider: str, course_id: str, agent: str = "admin"
) -> ImportResult:
    course = URIRef(course_namespace(provider) + course_id)

    def change(current: Graph) -> Graph:
        if not _subtree(current, course):
            raise ProviderError(f"Provider {provider} has no course {course_id}.")
        return without(current, [course])

    rec, now = record_iri(provider)
    record = make_record(rec, now, agent, f"delete {course_id}", "", "delete", "delete", 1)
    courses = commit(store, contrib_dir, provider, change, record)
    total = len(set(courses.subjects(RDF.type, DKK.CourseOffering)))
    return ImportResult(provider, "delete", False, [str(course)], total, str(rec))
