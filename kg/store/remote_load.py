"""Putting graphs into a remote SPARQL 1.1 store: whole graphs, atomically per graph, blank nodes skolemised.

Two ways, by what the server offers:

- the SPARQL 1.1 Graph Store Protocol (``PUT <store>?graph=<g>`` with N-Triples): one
  request a graph, which the server applies atomically (Oxigraph, Fuseki, GraphDB);
- SPARQL 1.1 Update otherwise (Virtuoso, whose Graph Store endpoint needs a login):
  the graph is written in chunks of ``chunk`` triples into a staging graph, and one
  ``MOVE`` replaces the graph with it, so readers see the old graph or the new one,
  never half; one big ``INSERT DATA`` would pass such a server's limits.

Blank nodes are sent as skolem IRIs under ``<base>.well-known/genid/`` (RFC 7511's
place for them): a server may rename blank nodes between requests, which would split
one node sent in two chunks, and some refuse them in ``INSERT DATA`` at all.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.terms import to_ox
from kg.store.base import StoreError

CHUNK = 5_000  # triples an update request carries
STAGING = "#dkk-staging"  # appended to a graph's IRI for its staging graph


@dataclass(frozen=True)
class Target:
    """Where and how to write: the update endpoint, and the Graph Store Protocol endpoint if any."""

    update_endpoint: str
    graph_store_endpoint: str | None = None
    timeout: float = 600
    chunk: int = CHUNK


def skolem(graph: str, label: str) -> str:
    """The IRI a blank node of ``graph`` is sent as (stable for one label within one graph)."""
    digest = hashlib.sha256(f"{graph} {label}".encode()).hexdigest()[:24]
    return f"{ns.BASE}.well-known/genid/{digest}"


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, graph: str) -> str:
    if isinstance(term, ox.BlankNode):
        return f"<{skolem(graph, term.value)}>"
    return str(term)


def ntriples(quads: Iterable[tuple[object, object, object]], graph: str) -> Iterator[str]:
    """Oxigraph or rdflib triples as N-Triples lines, blank nodes skolemised."""
    for s, p, o in quads:
        terms = [to_ox(t) if isinstance(t, Node) else t for t in (s, p, o)]
        yield " ".join(_term(t, graph) for t in terms) + " ."  # type: ignore[arg-type]


def _request(url: str, data: bytes, content_type: str, method: str, timeout: float) -> int:
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 405, 501) and method == "PUT":
            return exc.code  # no Graph Store Protocol here: the caller falls back to updates
        detail = exc.read(500).decode(errors="replace")
        raise StoreError(f"{url} answered {exc.code}: {detail}") from exc
    except OSError as exc:  # URLError, a timeout, a connection the server dropped (RemoteDisconnected)
        raise StoreError(f"Cannot reach {url}: {getattr(exc, 'reason', exc)}") from exc


def update(target: Target, text: str) -> None:
    data = urllib.parse.urlencode({"update": text}).encode()
    _request(target.update_endpoint, data, "application/x-www-form-urlencoded", "POST", target.timeout)


def put_graph(target: Target, graph: str, lines: list[str]) -> str:
    """Replace ``graph`` with ``lines``; returns how ("gsp" or "update")."""
    if target.graph_store_endpoint:
        url = target.graph_store_endpoint + "?" + urllib.parse.urlencode({"graph": graph})
        status = _request(url, "\n".join(lines).encode(), "application/n-triples", "PUT", target.timeout)
        if status < 300:
            return "gsp"
    staging = graph + STAGING
    update(target, f"DROP SILENT GRAPH <{staging}>")
    for start in range(0, len(lines), target.chunk):
        body = "\n".join(lines[start : start + target.chunk])
        update(target, f"INSERT DATA {{ GRAPH <{staging}> {{\n{body}\n}} }}")
    if lines:
        update(target, f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>")
    else:
        update(target, f"DROP SILENT GRAPH <{graph}>")
    return "update"


def put_graphs(
    target: Target, graphs: dict[str, list[str]], progress: Callable[[str, int], None] | None = None
) -> dict[str, str]:
    """Replace each graph: by the Graph Store Protocol where the server has it (each graph atomically;
    its parser also takes what some update parsers refuse, such as Virtuoso's and xsd:duration), else
    small changes in one update request (which a server applies at once) and large ones graph by graph.
    Returns how each graph was written. (A write interrupted between graphs is redone from the owner's
    file: kg.services.contributions keeps its intent until the store holds all of it.)"""
    total = sum(len(lines) for lines in graphs.values())
    if total <= target.chunk and not target.graph_store_endpoint:  # one request, all graphs at once
        ops = []
        for g, lines in graphs.items():
            ops.append(f"DROP SILENT GRAPH <{g}>")
            if lines:
                ops.append(f"INSERT DATA {{ GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}}")
        if ops:
            update(target, " ;\n".join(ops))
        return dict.fromkeys(graphs, "update")
    how = {}
    for g, lines in graphs.items():
        how[g] = put_graph(target, g, lines)
        if progress:
            progress(g, len(lines))
    return how


def drop_graphs(target: Target, graphs: Iterable[str]) -> None:
    names = list(graphs)
    if names:
        update(target, " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names))
