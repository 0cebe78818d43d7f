"""Check mapping sets: valid SSSOM, terms that exist, no contradictions, and their cardinality.

- SSSOM: sssom-py parses and validates each file (JSON schema, prefix map, CURIEs).
- Terms: every subject and object is a resource of the graph or an ESCO IRI.
- Contradictions, over all sets together: one pair both exactMatch and broad/narrowMatch;
  an exactMatch chain that makes two different concepts of one scheme the same.
- Cardinality: each mapping is 1:1, 1:n, n:1 or n:n within its set.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.namespaces import STANDARD
from kg.pipeline.sssom import SEMAPV, SssomError, expand, read
from kg.store.base import GraphStore
from kg.store.templates import select

SKOS = STANDARD["skos"]
ESCO_IRI = re.compile(r"^http://data\.europa\.eu/esco/(skill|occupation|isco|concept-scheme)/")
HIERARCHICAL = {SKOS + "broadMatch", SKOS + "narrowMatch"}


@dataclass(frozen=True)
class Issue:
    kind: str  # sssom | unknown-term | contradiction | merge
    file: str
    message: str
    row: int | None = None


@dataclass
class Mapping:
    file: str
    row: int
    subject: str
    predicate: str
    obj: str
    justification: str


@dataclass
class MappingReport:
    issues: list[Issue] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    cardinality: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues


def _sssom_py(path: Path) -> list[Issue]:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    logging.getLogger("sssom").setLevel(logging.ERROR)
    try:
        msdf = parse_sssom_table(str(path))
        reports = validate(msdf, fail_on_error=False)
    except Exception as exc:  # sssom-py raises many kinds; each is a finding about the file
        return [Issue("sssom", path.name, f"sssom-py cannot read the file: {exc}")]
    return [
        Issue("sssom", path.name, f"{kind.value}: {result}")
        for kind, report in reports.items()
        for result in getattr(report, "results", [])
    ]


def _read_mappings(path: Path, report: MappingReport) -> None:
    try:
        meta, rows = read(path)
    except SssomError as exc:
        report.issues.append(Issue("sssom", path.name, str(exc)))
        return
    curie_map = {**meta["curie_map"], "semapv": SEMAPV, "skos": SKOS}
    for n, row in enumerate(rows, start=2):
        try:
            report.mappings.append(
                Mapping(
                    path.name,
                    n,
                    str(expand(row["subject_id"], curie_map, f"{path.name} row {n}")),
                    str(expand(row["predicate_id"], curie_map, f"{path.name} row {n}")),
                    str(expand(row["object_id"], curie_map, f"{path.name} row {n}")),
                    row["mapping_justification"],
                )
            )
        except SssomError as exc:
            report.issues.append(Issue("sssom", path.name, str(exc), n))


def _known_terms(store: GraphStore) -> tuple[set[str], dict[str, str]]:
    res = select(store, "known_terms")
    return {str(r["x"]) for r in res.rows}, {str(r["x"]): str(r["scheme"]) for r in res.rows if "scheme" in r}


def check(paths: list[Path], store: GraphStore) -> MappingReport:
    report = MappingReport()
    for path in paths:
        report.issues += _sssom_py(path)
        _read_mappings(path, report)
    known, scheme_of = _known_terms(store)
    for m in report.mappings:
        for term in (m.subject, m.obj):
            if term not in known and not ESCO_IRI.match(term):
                report.issues.append(
                    Issue("unknown-term", m.file, f"{term} is not in the graph (nor an ESCO IRI).", m.row)
                )
    pairs: dict[frozenset[str], set[str]] = defaultdict(set)
    for m in report.mappings:
        pairs[frozenset((m.subject, m.obj))].add(m.predicate)
    for pair, predicates in pairs.items():
        if SKOS + "exactMatch" in predicates and predicates & HIERARCHICAL:
            a, b = sorted(pair)
            report.issues.append(
                Issue(
                    "contradiction",
                    "*",
                    f"{a} and {b} are both exactMatch and "
                    f"{'/'.join(sorted(p.rsplit('#')[-1] for p in predicates & HIERARCHICAL))}.",
                )
            )
    report.issues += _merges(report.mappings, scheme_of)
    report.cardinality = _cardinality(report.mappings)
    return report


def _merges(mappings: list[Mapping], scheme_of: dict[str, str]) -> list[Issue]:
    """Concepts that exactMatch chains make equal; two of them in one scheme is a merge."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in mappings:
        if m.predicate == SKOS + "exactMatch":
            parent[find(m.subject)] = find(m.obj)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    issues = []
    for members in groups.values():
        by_scheme: dict[str, list[str]] = defaultdict(list)
        for x in members:
            if x in scheme_of:
                by_scheme[scheme_of[x]].append(x)
        for scheme, same in by_scheme.items():
            if len(same) > 1:
                issues.append(
                    Issue(
                        "merge",
                        "*",
                        f"exactMatch chains make {', '.join(sorted(same))} the same, "
                        f"though they are different concepts of {scheme}.",
                    )
                )
    return issues


def _cardinality(mappings: list[Mapping]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    by_file: dict[str, list[Mapping]] = defaultdict(list)
    for m in mappings:
        by_file[m.file].append(m)
    for file, ms in by_file.items():
        subjects = Counter(m.subject for m in ms)
        objects = Counter(m.obj for m in ms)
        out[file] = Counter(
            f"{'1' if subjects[m.subject] == 1 else 'n'}:{'1' if objects[m.obj] == 1 else 'n'}" for m in ms
        )
    return out


def mapping_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "mappings").glob("*.sssom.tsv"))


__all__ = ["Issue", "MappingReport", "check", "mapping_files"]
