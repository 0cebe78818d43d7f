"""Read SSSOM/TSV mapping sets into RDF: SKOS mapping triples plus one record per mapping.

SSSOM (https://mapping-commons.github.io/sssom/) is where mappings are authored:
a YAML metadata block in ``#`` lines (mapping_set_id, license, curie_map, ...),
then one row per mapping. Each row becomes the mapping triple itself (so SKOS
queries see it) and an ``owl:Axiom`` annotating that triple with the row's
justification, confidence, author and comment, the way SSSOM's RDF form does.
Errors name the file, row and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from kg.core import namespaces as ns
from kg.core.files import write_atomic
from kg.core.namespaces import STANDARD
from kg.core.tables import Table

SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"
REQUIRED_META = ("mapping_set_id", "license", "curie_map")
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
PREDICATES = {
    STANDARD["skos"] + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}


class SssomError(Exception):
    """A mapping file that cannot be read; the message names file, row and column."""


def _split(text: str) -> tuple[str, str]:
    meta = "".join(line[1:] + "\n" for line in text.splitlines() if line.startswith("#"))
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return meta, body


def read(path: Path) -> tuple[dict, list[dict[str, str]]]:
    meta_text, body = _split(path.read_text(encoding="utf-8"))
    try:
        meta = yaml.safe_load(meta_text) or {}
    except yaml.YAMLError as exc:
        raise SssomError(f"{path}: the metadata block is not valid YAML: {exc}") from exc
    missing = [k for k in REQUIRED_META if k not in meta]
    if missing:
        raise SssomError(f"{path}: metadata lacks {', '.join(missing)}.")
    rows = [row for _, row in Table(body, delimiter="\t").rows()]
    absent = [c for c in REQUIRED_COLUMNS if rows and c not in rows[0]]
    if absent:
        raise SssomError(f"{path}: columns {', '.join(absent)} are missing from the header.")
    return meta, rows


def expand(curie: str, curie_map: dict[str, str], where: str) -> URIRef:
    if curie.startswith(("http://", "https://")):
        return URIRef(curie)
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in curie_map:
        raise SssomError(f"{where}: {curie!r} uses a prefix that curie_map does not declare.")
    return URIRef(curie_map[prefix] + local)


def to_graph(path: Path) -> Graph:
    meta, rows = read(path)
    curie_map = {**meta["curie_map"], "semapv": SEMAPV, "skos": ns.PREFIXES["skos"]}
    g = Graph()
    mset = URIRef(meta["mapping_set_id"])
    g.add((mset, RDF.type, URIRef(SSSOM + "MappingSet")))
    g.add((mset, DCTERMS.license, URIRef(meta["license"])))
    if meta.get("mapping_set_title"):
        g.add((mset, DCTERMS.title, Literal(meta["mapping_set_title"], lang="en")))
    if meta.get("mapping_set_description"):
        g.add((mset, DCTERMS.description, Literal(meta["mapping_set_description"], lang="en")))
    for creator in meta.get("creator_id", []) or []:
        g.add((mset, DCTERMS.creator, expand(creator, curie_map, f"{path}: creator_id")))
    for slot in ("subject_source", "object_source"):
        if meta.get(slot):
            g.add((mset, DCTERMS.source, expand(str(meta[slot]), curie_map, f"{path}: {slot}")))
    if meta.get("mapping_date"):
        g.add((mset, DCTERMS.created, Literal(str(meta["mapping_date"]), datatype=XSD.date)))
    creators = {str(expand(c, curie_map, f"{path}: creator_id")) for c in meta.get("creator_id", []) or []}
    if str(ns.ID["agent/dkk-project"]) in creators:  # our own mappings are proposals, not the publishers'
        g.add((mset, ns.DKK.status, ns.DKK.Proposed))
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        where = f"{path.name}, row {n}"
        s = expand(row["subject_id"].strip(), curie_map, f"{where}, column subject_id")
        p = expand(row["predicate_id"].strip(), curie_map, f"{where}, column predicate_id")
        o = expand(row["object_id"].strip(), curie_map, f"{where}, column object_id")
        if str(p) not in PREDICATES:
            raise SssomError(
                f"{where}, column predicate_id: {row['predicate_id']} is not a SKOS "
                "mapping property (exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch)."
            )
        g.add((s, p, o))
        key = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
        rec = ns.ID[f"mapping/{key}"]
        g.add((rec, RDF.type, OWL.Axiom))
        g.add((rec, OWL.annotatedSource, s))
        g.add((rec, OWL.annotatedProperty, p))
        g.add((rec, OWL.annotatedTarget, o))
        g.add((rec, URIRef(SSSOM + "mapping_set_id"), mset))
        g.add(
            (
                rec,
                URIRef(SSSOM + "mapping_justification"),
                expand(
                    row["mapping_justification"].strip(), curie_map, f"{where}, column mapping_justification"
                ),
            )
        )
        if row.get("confidence", "").strip():
            try:
                value = float(row["confidence"])
            except ValueError as exc:
                raise SssomError(
                    f"{where}, column confidence: {row['confidence']!r} is not a number."
                ) from exc
            if not 0 <= value <= 1:
                raise SssomError(f"{where}, column confidence: {value} is outside 0..1.")
            g.add((rec, URIRef(SSSOM + "confidence"), Literal(value, datatype=XSD.double)))
        for author in filter(None, (a.strip() for a in row.get("author_id", "").split("|"))):
            g.add((rec, URIRef(SSSOM + "author_id"), expand(author, curie_map, f"{where}, column author_id")))
        if row.get("comment", "").strip():
            g.add((rec, RDFS.comment, Literal(row["comment"].strip(), lang="en")))
    return g


def write_tsv(path: Path, meta: dict, rows: list[dict[str, str]], columns: list[str]) -> int:
    """Write an SSSOM/TSV file: the YAML metadata block in '#' lines, then the rows."""
    block = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    lines = [f"#{line}" if line.startswith(" ") else f"# {line}" for line in block.splitlines()]
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=columns, delimiter="\t", lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, ("\n".join(lines) + "\n" + buf.getvalue()).encode())
    return len(rows)
