"""What the rest of the code may ask of a store.

Everything above this layer (build, CLI, API) talks to :class:`GraphStore`, so the
embedded Oxigraph store can be swapped for a remote SPARQL 1.1 endpoint (Fuseki,
GraphDB, an Oxigraph server) without touching callers. Results come back as
rdflib terms so callers never see engine-specific types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class StoreError(Exception):
    """The store refused or failed an operation; the message says what to do."""


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Node]]


QueryResult = SelectResult | bool | list[Triple]


class GraphStore(Protocol):
    # Called with each committed change (a SPARQL Update text): the query service's copies and the
    # dumps' cache follow the store through it, whichever store it is.
    on_update: list[Callable[[str], None]]

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union_default_graph: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables (never pasted into the text)."""
        ...

    def replace_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> None:
        """Replace each named graph's content, all graphs in one atomic step."""
        ...

    def named_graphs(self) -> list[str]: ...

    def triple_count(self, graph: str | None = None) -> int: ...

    def dump(self, rdf_format: str = "nq") -> bytes:
        """The dataset as "nq", "trig" or "jsonld" (with graphs), or "ttl" / "nt" (their union)."""
        ...

    def close(self) -> None: ...
