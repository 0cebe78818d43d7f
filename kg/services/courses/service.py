"""Import, merge and delete a provider's courses: parsed and validated here (nothing touched), then
written all-or-nothing, with a PROV record, through ``kg.services.contributions``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kg.core import namespaces as ns
from kg.pipeline import contrib
from kg.services import ownership, upload_checks
from kg.services.codes import CodeBook
from kg.services.contributions import commit, make_record, record_iri, subtree, without
from kg.services.courses.csv_import import course_namespace, parse_csv
from kg.services.courses.rdf_import import parse_rdf
from kg.services.problems import Parsed, Problem, UploadRejected
from kg.services.providers import ProviderError, exists
from kg.store.base import GraphStore


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
    raise UploadRejected([Problem.of("file_type", field="file")])


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
        parsed.problems = upload_checks.check(parsed, store, about)
    return parsed


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
        raise UploadRejected([Problem.of("mode", field="mode", value=mode)])
    if not exists(contrib_dir, provider):
        raise ProviderError("no_provider", {"id": provider})
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
    total = len(set(courses.subjects(RDF.type, ns.DKK.CourseOffering)))
    result = ImportResult(
        provider, mode, dry_run, [str(c) for c in parsed.courses], total, str(rec), checksum
    )
    return result


def delete_course(
    store: GraphStore, contrib_dir: Path, provider: str, course_id: str, agent: str = "admin"
) -> ImportResult:
    course = URIRef(course_namespace(provider) + course_id)

    def change(current: Graph) -> Graph:
        if not subtree(current, course):
            raise ProviderError("no_course", {"provider": provider, "course": course_id})
        return without(current, [course])

    rec, now = record_iri(provider)
    record = make_record(rec, now, agent, f"delete {course_id}", "", "delete", "delete", 1)
    courses = commit(store, contrib_dir, provider, change, record)
    total = len(set(courses.subjects(RDF.type, ns.DKK.CourseOffering)))
    return ImportResult(provider, "delete", False, [str(course)], total, str(rec))
