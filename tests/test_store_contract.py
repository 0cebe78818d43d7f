"""One store interface, two implementations: embedded Oxigraph and a remote SPARQL 1.1 endpoint.

The remote side is exercised against a small SPARQL 1.1 Protocol server run here
on loopback (a stand-in for Fuseki or GraphDB, which this machine cannot install):
it answers queries and updates with pyoxigraph, as an Oxigraph server would.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.store import GraphStore, OxigraphStore, RemoteSparqlStore, SelectResult, StoreError

G1, G2 = "https://w3id.org/dkk/graph/test-a", "https://w3id.org/dkk/graph/test-b"
EX = "http://example.org/"


def _protocol_server(backend: ox.Store) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            return

        def do_POST(self) -> None:
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            try:
                if "update" in form:
                    backend.update(form["update"][0])
                    body, ctype = b"", "text/plain"
                else:
                    res = backend.query(form["query"][0], use_default_graph_as_union=True)
                    if isinstance(res, ox.QueryTriples):
                        body, ctype = (
                            res.serialize(format=ox.RdfFormat.N_TRIPLES),
                            "application/n-triples",
                        )
                    else:
                        body = res.serialize(format=ox.QueryResultsFormat.JSON)
                        ctype = "application/sparql-results+json"
            except SyntaxError as exc:
                self.send_response(400)
                self.end_headers()
                self.wfile.write(str(exc).encode())
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(params=["oxigraph", "remote"])
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    if request.param == "oxigraph":
        yield OxigraphStore.in_memory()
        return
    server = _protocol_server(ox.Store())
    yield RemoteSparqlStore(f"http://127.0.0.1:{server.server_address[1]}/sparql")
    server.shutdown()


def _triples(n: int, tag: str) -> list:
    return [
        (URIRef(f"{EX}{tag}{i}"), URIRef(f"{EX}label"), Literal(f"{tag} {i}", lang="da")) for i in range(n)
    ]


def test_replace_query_count(any_store: GraphStore) -> None:
    any_store.replace_graphs({G1: _triples(3, "a"), G2: _triples(2, "b")})
    assert any_store.named_graphs() == [G1, G2]
    assert any_store.triple_count(G1) == 3
    any_store.replace_graphs({G1: _triples(1, "c")})  # replaces, does not append
    assert any_store.triple_count(G1) == 1
    assert any_store.triple_count(G2) == 2


def test_bindings_are_values_not_text(any_store: GraphStore) -> None:
    any_store.replace_graphs({G1: _triples(3, "a")})
    q = f"SELECT ?s ?label WHERE {{ ?s <{EX}label> ?label }}"
    res = any_store.query(q, {"label": Literal("a 1", lang="da")})
    assert isinstance(res, SelectResult)
    assert [str(r["s"]) for r in res.rows] == [f"{EX}a1"]
    # a hostile value is just a literal that matches nothing
    evil = any_store.query(q, {"label": Literal('x" } ; DROP ALL ; #')})
    assert isinstance(evil, SelectResult) and evil.rows == []
    assert any_store.triple_count() == 3


def test_ask_and_construct(any_store: GraphStore) -> None:
    any_store.replace_graphs({G1: _triples(2, "a")})
    assert any_store.query(f"ASK {{ <{EX}a0> ?p ?o }}") is True
    triples = any_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(triples, list) and len(triples) == 2


def test_syntax_error_is_a_store_error(any_store: GraphStore) -> None:
    with pytest.raises(StoreError):
        any_store.query("SELECT WHERE {")
