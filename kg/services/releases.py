"""Releases as readers see them: the list, one release, one of its files (kg.pipeline.release writes them).

Only what a release's SHA256SUMS lists is served, so no request names a path of its own making.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.core import namespaces as ns
from kg.core.errors import ServiceError, refused
from kg.pipeline import changelog
from kg.pipeline.release import SUMS, VERSION, existing, files
from kg.services.dataset import subset
from kg.services.graph_catalogue import catalogue
from kg.store.base import GraphStore


def sums(folder: Path) -> dict[str, str]:
    """name -> SHA-256, as the release's SHA256SUMS says."""
    out = {}
    for line in (folder / SUMS).read_text().splitlines():
        sha, _, name = line.partition("  ")
        if sha and name:
            out[name.strip()] = sha
    return out


def summary(releases_dir: Path, version: str) -> dict[str, Any]:
    folder = releases_dir / version
    listed = sums(folder)
    log = json.loads((folder / "changelog.json").read_text())
    media = {f.name: f.media_type for f in files(version)} | {"release.ttl": "text/turtle"}
    return {
        "version": version,
        "iri": f"{ns.BASE}releases/{version}",
        "href": f"/releases/{version}",
        "issued": log.get("issued"),
        "previous": log.get("previous"),
        "changes": changelog.counts(log),
        "files": [
            {
                "name": name,
                "href": f"/releases/{version}/{name}",
                "sha256": sha,
                "bytes": (folder / name).stat().st_size,
                "mediaType": media.get(name, "application/octet-stream"),
            }
            for name, sha in listed.items()
        ]
        + [
            {
                "name": SUMS,
                "href": f"/releases/{version}/{SUMS}",
                "sha256": None,
                "bytes": None,
                "mediaType": "text/plain",
            }
        ],
    }


def versions(releases_dir: Path) -> list[str]:
    """The versions released, oldest first."""
    return existing(releases_dir)


def all_releases(releases_dir: Path) -> list[dict[str, Any]]:
    """Every release, newest first."""
    return [summary(releases_dir, v) for v in reversed(existing(releases_dir))]


def _unknown(version: str, releases_dir: Path) -> ServiceError:
    known = existing(releases_dir)
    return refused(
        404,
        "unknown_release" if known else "no_release_yet",
        {"version": version, "releases": ", ".join(known)},
        field="version",
        value=version,
        suggestions=known,
    )


def release(releases_dir: Path, version: str) -> dict[str, Any]:
    if not VERSION.match(version) or version not in existing(releases_dir):
        raise _unknown(version, releases_dir)
    return summary(releases_dir, version)


def release_file(releases_dir: Path, version: str, name: str) -> Path:
    """A file the release lists (or its SHA256SUMS); 404 for anything else."""
    info = release(releases_dir, version)
    if name not in {f["name"] for f in info["files"]}:
        raise refused(
            404,
            "unknown_release_file",
            {"version": version, "name": repr(name), "files": ", ".join(f["name"] for f in info["files"])},
            field="name",
            value=name,
        )
    return releases_dir / version / name


def graph_terms(store: GraphStore) -> Any:
    """The release description's per-graph part: each released graph's licence or rights, sources and
    makers (the graph catalogue, read from ``store``, which the release is frozen from)."""

    def describe(g: Graph, version: str, quads: list[ox.Quad], _sums: dict[str, tuple[int, str]]) -> None:
        sizes = Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode))
        rel = URIRef(f"{ns.BASE}releases/{version}")
        for entry in catalogue(store, dict(sorted(sizes.items()))):
            g.add((rel, URIRef("http://rdfs.org/ns/void#subset"), URIRef(entry.iri)))
            subset(g, entry, ns.ID["agent/dkk-project"], None)

    return describe


def changelog_view(text: str, limit: int = 50) -> dict[str, Any]:
    """A release's changes for its page: the counts, and the first ``limit`` items of each list."""
    log = json.loads(text)
    parts = ("concepts", "labels", "mappings", "profiles")
    return {
        "first": log.get("first", False),
        "counts": changelog.counts(log),
        "lists": {p: {k: v[:limit] for k, v in log[p].items() if v} for p in parts},
    }
