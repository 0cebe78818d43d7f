"""`dkk release X.Y.Z`: freeze the public graph into an immutable, citable release.

A release is a folder ``<releases>/X.Y.Z/`` that is never written again once it exists:

- ``dkk-X.Y.Z.nq.gz`` (every public graph, named) and ``dkk-X.Y.Z.ttl.gz`` (their union), sorted and
  gzipped without a timestamp, so the same data gives the same bytes and the same SHA-256;
- ``ontology.ttl``: the ontology stamped for the release (owl:versionIRI <base>ontology/X.Y.Z,
  owl:versionInfo, owl:priorVersion), as OBO's release tools stamp theirs;
- ``release.ttl``: the DCAT description (each graph's terms, each file's size and checksum);
- ``changelog.json`` and ``CHANGELOG.md``: the diff against the previous release (kg.pipeline.changelog);
- ``SHA256SUMS``: every other file's sum, in the format `sha256sum -c` checks.

The public graph is the build's: graphs that contributors write (providers' and municipalities') are
left out, and personal data (accounts, assessments) lives outside the store altogether. The folder is
written beside its final place and renamed into it, after every file is on disk: a release is there
whole or not at all.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, XSD

from kg.core import namespaces as ns
from kg.core.settings import Settings
from kg.pipeline import changelog, contrib
from kg.store.base import GraphStore
from kg.store.lifecycle import fsync_dir

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
SPDX = "http://spdx.org/rdf/terms#"
SUMS = "SHA256SUMS"
DESCRIPTION = "release.ttl"


class ReleaseError(Exception):
    """A release that may not be made (bad or used version); the message says what to do."""


@dataclass(frozen=True)
class ReleaseFile:
    name: str
    media_type: str
    title: str


def files(version: str) -> list[ReleaseFile]:
    return [
        ReleaseFile(
            f"dkk-{version}.nq.gz", "application/n-quads", "N-Quads, every public graph named (gzip)"
        ),
        ReleaseFile(f"dkk-{version}.ttl.gz", "text/turtle", "Turtle, the union of the public graphs (gzip)"),
        ReleaseFile("ontology.ttl", "text/turtle", "The ontology, stamped with this release's version IRI"),
        ReleaseFile("changelog.json", "application/json", "Changes since the previous release (JSON)"),
        ReleaseFile("CHANGELOG.md", "text/markdown", "Changes since the previous release"),
    ]


def key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def existing(releases_dir: Path) -> list[str]:
    """The versions released here, oldest first (folders with a SHA256SUMS: whole releases)."""
    if not releases_dir.is_dir():
        return []
    found = [p.name for p in releases_dir.iterdir() if VERSION.match(p.name) and (p / SUMS).is_file()]
    return sorted(found, key=key)


def public(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads of the public graph: every graph but those contributors write."""
    private = tuple(str(ns.GRAPH[f"{kind}/"]) for kind in contrib.KINDS)
    return [
        q
        for q in quads
        if isinstance(q.graph_name, ox.NamedNode) and not q.graph_name.value.startswith(private)
    ]


def stamp(quads: list[ox.Quad], version: str, previous: str | None) -> list[ox.Quad]:
    """The ontology's version triples set for this release."""
    onto = ox.NamedNode(ns.BASE + "ontology")
    graph = ox.NamedNode(str(ns.ONTOLOGY_GRAPH))
    version_iri, info = ox.NamedNode(str(OWL.versionIRI)), ox.NamedNode(str(OWL.versionInfo))
    prior = ox.NamedNode(str(OWL.priorVersion))
    kept = [q for q in quads if not (q.subject == onto and q.predicate in (version_iri, info, prior))]
    kept.append(ox.Quad(onto, version_iri, ox.NamedNode(f"{ns.BASE}ontology/{version}"), graph))
    kept.append(ox.Quad(onto, info, ox.Literal(version), graph))
    if previous:
        kept.append(ox.Quad(onto, prior, ox.NamedNode(f"{ns.BASE}ontology/{previous}"), graph))
    return kept


def _gzip(data: bytes) -> bytes:
    """gzip without a name or timestamp in the header: the same data, the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _turtle(triples: Iterable[ox.Triple]) -> bytes:
    out = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=ns.PREFIXES)
    assert out is not None  # (bytes whenever no output file is given)
    return out


def _sorted_nquads(quads: list[ox.Quad]) -> bytes:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    lines = data.decode().splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode()


def _previous_quads(releases_dir: Path, previous: str | None) -> list[ox.Quad] | None:
    if previous is None:
        return None
    data = gzip.decompress((releases_dir / previous / f"dkk-{previous}.nq.gz").read_bytes())
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def check_version(releases_dir: Path, version: str) -> str | None:
    """The previous release, if ``version`` may be released here; else ReleaseError saying why."""
    if not VERSION.match(version):
        raise ReleaseError(f"{version!r} is not a version: use three numbers, as in 0.2.0.")
    done = existing(releases_dir)
    if version in done or (releases_dir / version).exists():
        raise ReleaseError(
            f"Release {version} exists and is never rewritten: choose the next version ({_next(done)})."
        )
    if done and key(version) < key(done[-1]):
        raise ReleaseError(f"{version} is older than the last release, {done[-1]}: choose a later one.")
    return done[-1] if done else None


def _next(done: list[str]) -> str:
    if not done:
        return "0.1.0"
    major, minor, _ = key(done[-1])
    return f"{major}.{minor + 1}.0"


def make_release(
    settings: Settings,
    store: GraphStore,
    version: str,
    describe: Callable[[Graph, str, list[ox.Quad], dict[str, tuple[int, str]]], None],
    progress: Callable[[str], None] = lambda _: None,
    issued: datetime | None = None,
) -> Path:
    """Write release ``version`` of ``store``'s public graph; returns its folder.

    ``describe`` adds the per-graph terms to the release description (the graph catalogue lives in
    the services layer, above this one)."""
    releases_dir = settings.releases_dir_resolved()
    previous = check_version(releases_dir, version)
    progress("reading the public graph")
    quads = stamp(public(ox.parse(store.dump("nq"), format=ox.RdfFormat.N_QUADS)), version, previous)
    progress("comparing with " + (f"release {previous}" if previous else "nothing (first release)"))
    old = _previous_quads(releases_dir, previous)
    log = changelog.changelog(
        changelog.Snapshot.of(old) if old is not None else None, changelog.Snapshot.of(quads)
    )
    when = (issued or datetime.now(UTC)).replace(microsecond=0)
    log["version"], log["previous"], log["issued"] = version, previous, when.isoformat()

    progress("writing the files")
    onto_graph = str(ns.ONTOLOGY_GRAPH)
    ontology = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in quads
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == onto_graph
    ]
    content = {
        f"dkk-{version}.nq.gz": _gzip(_sorted_nquads(quads)),
        f"dkk-{version}.ttl.gz": _gzip(_turtle({ox.Triple(q.subject, q.predicate, q.object) for q in quads})),
        "ontology.ttl": _turtle(ontology),
        "changelog.json": (json.dumps(log, indent=1, ensure_ascii=False) + "\n").encode(),
        "CHANGELOG.md": changelog.markdown(version, previous, log).encode(),
    }
    sums = {name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in content.items()}
    g = description(version, previous, when, sums)
    describe(g, version, quads, sums)
    content[DESCRIPTION] = g.serialize(format="turtle").encode()
    sums[DESCRIPTION] = (len(content[DESCRIPTION]), hashlib.sha256(content[DESCRIPTION]).hexdigest())
    content[SUMS] = "".join(f"{sha}  {name}\n" for name, (_, sha) in sorted(sums.items())).encode()

    tmp = releases_dir / f".{version}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, data in content.items():
        with open(tmp / name, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    fsync_dir(tmp)
    tmp.rename(releases_dir / version)  # fails if a concurrent release took the name
    fsync_dir(releases_dir)
    progress(f"release {version}: {len(quads):,} quads in {releases_dir / version}")
    return releases_dir / version


ABOUT = {
    "da": (
        "Digitalt kompetente kommuner – vidensgraf, udgave {version}",
        "Udgave {version} af vidensgrafens offentlige del, frosset og uforanderlig; ændringerne står i "
        "CHANGELOG.md.",
    ),
    "en": (
        "Digitally competent municipalities – knowledge graph, release {version}",
        "Release {version} of the knowledge graph's public part, frozen and immutable; the changes are in "
        "CHANGELOG.md.",
    ),
}


def release_iri(version: str) -> URIRef:
    return URIRef(f"{ns.BASE}releases/{version}")


def description(
    version: str, previous: str | None, issued: datetime, sums: dict[str, tuple[int, str]]
) -> Graph:
    """DCAT for the release: a version of the dataset, with a distribution per file and its checksum."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("spdx", SPDX)
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    rel = release_iri(version)
    g.add((rel, RDF.type, DCAT.Dataset))
    for lang, (title, text) in ABOUT.items():
        g.add((rel, DCTERMS.title, Literal(title.format(version=version), lang=lang)))
        g.add((rel, DCTERMS.description, Literal(text.format(version=version), lang=lang)))
    g.add((rel, OWL.versionIRI, rel))
    g.add((rel, OWL.versionInfo, Literal(version)))
    g.add((rel, URIRef(f"{DCAT}version"), Literal(version)))  # DCAT 3 terms rdflib does not list yet
    g.add((rel, DCTERMS.isVersionOf, URIRef(ns.BASE + "dataset")))
    g.add((rel, DCTERMS.issued, Literal(issued.date().isoformat(), datatype=XSD.date)))
    g.add((rel, DCTERMS.publisher, ns.ID["agent/dkk-project"]))
    if previous:
        g.add((rel, OWL.priorVersion, release_iri(previous)))
        g.add((rel, URIRef(f"{DCAT}previousVersion"), release_iri(previous)))
    for f in files(version):
        if f.name not in sums:
            continue
        size, sha = sums[f.name]
        url = URIRef(f"{rel}/{f.name}")
        dist = URIRef(f"{url}#distribution")
        g.add((rel, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f.title, lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{f.media_type}")))
        if f.name.endswith(".gz"):
            g.add(
                (
                    dist,
                    DCAT.compressFormat,
                    URIRef("https://www.iana.org/assignments/media-types/application/gzip"),
                )
            )
        g.add((dist, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
        checksum = URIRef(f"{url}#sha256")
        g.add((dist, URIRef(SPDX + "checksum"), checksum))
        g.add((checksum, RDF.type, URIRef(SPDX + "Checksum")))
        g.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
        g.add((checksum, URIRef(SPDX + "checksumValue"), Literal(sha, datatype=XSD.hexBinary)))
    return g
