"""Publishing a build to the configured remote store: every graph of the embedded build, replaced graph by
graph, and the remote's graphs that the build no longer has dropped.

The embedded store is where a build is made, reasoned and validated (kg.pipeline.build);
a deployment that serves from a remote store then publishes it. The remote's copy of
the build's PROV graph (``<base>graph/build``, with the build's start time) says which
build it holds, so publishing can be skipped when the remote already has this build, and
is refused when it has a newer one (another machine published after us).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.core import namespaces as ns
from kg.core.settings import Settings
from kg.pipeline.build import build_info
from kg.store import OxigraphStore, RemoteSparqlStore, StoreError, open_store, remote_load
from kg.store.templates import select


@dataclass
class Published:
    build: str | None  # the build the remote holds now
    graphs: dict[str, int] = field(default_factory=dict)  # graph -> triples sent
    how: dict[str, str] = field(default_factory=dict)  # graph -> "gsp" | "update"
    dropped: list[str] = field(default_factory=list)
    skipped: str | None = None  # why nothing was sent: "same" (it holds this build) or "newer"
    seconds: float = 0.0


def remote_build(remote: RemoteSparqlStore) -> str | None:
    """The start time of the build the remote holds (from its copy of the build's PROV graph)."""
    rows = select(remote, "remote_build", g=ns.GRAPH["build"]).rows
    return str(rows[0]["t"]) if rows else None


def publish(
    settings: Settings, *, if_stale: bool = False, progress: Callable[[str, int], None] | None = None
) -> Published:
    """Send the embedded build to ``settings.sparql_endpoint``; ``if_stale``: only when the remote holds
    no build or an older one."""
    if not settings.sparql_endpoint:
        raise StoreError(
            "No remote store is configured (DKK_SPARQL_ENDPOINT); there is nothing to publish to."
        )
    info = build_info(settings.store_path_resolved())
    if info is None:
        raise StoreError("There is no build to publish: run `dkk build` first.")
    remote = open_store(settings)
    assert isinstance(remote, RemoteSparqlStore)
    held = remote_build(remote)
    ours = str(info["built"])
    if if_stale and held is not None and held >= ours:
        return Published(held, skipped="same" if held == ours else "newer")
    started = time.perf_counter()
    out = Published(ours)
    source = OxigraphStore.open(settings.store_path_resolved(), read_only=True)
    target = remote.target(timeout=600)
    try:
        graphs = source.named_graphs()
        for g in graphs:
            lines = list(
                remote_load.ntriples(((q.subject, q.predicate, q.object) for q in source.graph_quads(g)), g)
            )
            out.how[g] = remote_load.put_graph(target, g, lines)
            out.graphs[g] = len(lines)
            if progress:
                progress(g, len(lines))
    finally:
        source.close()
    ours_prefix = str(ns.GRAPH)
    out.dropped = [g for g in remote.named_graphs() if g.startswith(ours_prefix) and g not in out.graphs]
    remote_load.drop_graphs(target, out.dropped)
    out.seconds = time.perf_counter() - started
    return out
