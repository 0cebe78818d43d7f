"""No request can make the server connect anywhere (SSRF), in two layers tested apart.

1. The endpoint decides on the parsed query (kg.store.sparql_guard): SERVICE anywhere in
   the algebra, updates (LOAD), remote FROM graphs and texts our parser cannot read
   are refused before a worker sees them.
2. The query workers cannot open sockets (kg.store.sandbox): a SERVICE query handed to a
   worker directly, past the guard, still connects nowhere.

Each attack points at a loopback listener that counts connections.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.store.oxigraph import DB_DIR
from kg.store.query_pool import QueryPool, QueryRequest

from .conftest import Listener, Site

SERVICE = "SERVICE <{url}/sparql> {{ ?a ?b ?c }}"
ATTACKS = {
    "plain": "SELECT * WHERE {{ " + SERVICE + " }}",
    "lowercase-silent": "select * where {{ service silent <{url}/sparql> {{ ?a ?b ?c }} }}",
    "after-a-literal": 'SELECT * WHERE {{ ?s ?p "x".' + SERVICE + " }}",
    "after-a-number": "SELECT * WHERE {{ ?s ?p 1." + SERVICE + " }}",
    "after-an-iri": "SELECT * WHERE {{ ?s ?p <urn:x>." + SERVICE + " }}",
    "after-a-comment": "SELECT * WHERE {{ ?s ?p ?o #x\n." + SERVICE + " }}",
    "escaped": "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?a ?b ?c }} }}",
    "escaped-long": "SELECT * WHERE {{ \\U00000053ERVICE <{url}/sparql> {{ ?a ?b ?c }} }}",
    "in-optional": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ " + SERVICE + " }} }} LIMIT 1",
    "in-filter-exists": "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ " + SERVICE + " }} }} LIMIT 1",
    "in-filter-not-exists": "ASK {{ ?s ?p ?o FILTER NOT EXISTS {{ " + SERVICE + " }} }}",
    "in-bind-exists": "SELECT * WHERE {{ BIND(EXISTS {{ " + SERVICE + " }} AS ?x) }}",
    "in-minus": "SELECT * WHERE {{ ?s ?p ?o MINUS {{ " + SERVICE + " }} }} LIMIT 1",
    "in-union": "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ " + SERVICE + " }} }} LIMIT 1",
    "in-graph": "SELECT * WHERE {{ GRAPH ?g {{ " + SERVICE + " }} }}",
    "in-subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ " + SERVICE + " }} }} }}",
    "variable-endpoint": "SELECT * WHERE {{ VALUES ?e {{ <{url}/sparql> }} SERVICE ?e {{ ?a ?b ?c }} }}",
    "construct": "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ " + SERVICE + " }}",
    "describe": "DESCRIBE ?a WHERE {{ " + SERVICE + " }}",
    "rdf-star-unparsed": "SELECT * WHERE {{ << ?s ?p ?o >> ?q ?z . " + SERVICE + " }}",
    "load": "LOAD <{url}/data.ttl>",
    "load-into": "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
    "remote-from": "SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "remote-from-named": "SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
}


def _settle(listener: Listener) -> int:
    time.sleep(0.3)  # a connection the server started would have arrived by now
    return listener.connections


@pytest.mark.parametrize("name", sorted(ATTACKS))
@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_the_endpoint_refuses_every_outbound_query(
    http: httpx.Client, listener: Listener, name: str, how: str
) -> None:
    query = ATTACKS[name].format(url=listener.url)
    if how == "get":
        resp = http.get("/sparql", params={"query": query})
    elif how == "form":
        resp = http.post("/sparql", data={"query": query})
    else:
        resp = http.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["field"] == "query"
    assert _settle(listener) == 0, "the server connected out"


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_graph_parameters_name_only_our_graphs(
    http: httpx.Client, listener: Listener, param: str
) -> None:
    resp = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }", param: listener.url + "/g.ttl"})
    assert resp.status_code == 400 and "not a graph of this dataset" in resp.json()["detail"]
    assert _settle(listener) == 0


def test_health_says_the_workers_are_off_the_network(http: httpx.Client) -> None:
    sandbox = http.get("/health").json()["sandbox"]
    if not sys.platform.startswith("linux"):
        pytest.skip("the workers' network confinement is Linux only")
    assert sandbox["confined"] is True, sandbox
    assert sandbox["seccomp"] is True, f"seccomp not applied: {sandbox['seccomp']}"


@pytest.mark.parametrize("name", ["plain", "lowercase-silent", "variable-endpoint", "in-union"])
def test_a_worker_makes_no_connection_even_past_the_guard(
    built: object, listener: Listener, name: str
) -> None:
    """The second layer alone: the query goes straight to a worker, no guard in front."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the workers' network confinement is Linux only")
    query = ATTACKS[name].format(url=listener.url)

    async def scenario() -> tuple[str, dict]:
        pool = QueryPool(Path(built.store_path) / DB_DIR, size=1, timeout=20.0, in_memory=False)  # type: ignore[attr-defined]
        pool.start()
        try:
            answer = await pool.run(QueryRequest(query, "application/sparql-results+json", 10))
            return answer.status, pool.sandbox
        finally:
            pool.close()

    status, sandbox = asyncio.run(scenario())
    assert sandbox["confined"] is True, sandbox
    assert status in ("error", "ok")  # refused its socket: an error, or nothing under SILENT
    assert _settle(listener) == 0, "a confined worker connected out"


@pytest.mark.parametrize(
    "context",
    [
        "{url}/context.jsonld",
        ["{url}/context.jsonld"],
        {"@import": "{url}/context.jsonld"},
        {"knows": {"@id": "http://schema.org/knows", "@context": "{url}/scoped.jsonld"}},
    ],
    ids=["string", "list", "import", "scoped"],
)
def test_uploads_fetch_no_remote_json_ld_context(site: Site, listener: Listener, context: object) -> None:
    text = json.dumps(context).replace("{url}", listener.url)
    doc = {"@context": json.loads(text), "@id": "x", "@type": "http://schema.org/Course"}
    resp = httpx.post(
        f"{site.url}/providers/alpha/courses?mode=merge&dry_run=true",
        headers={**site.auth("alpha"), "Content-Type": "application/ld+json"},
        content=json.dumps(doc).encode(),
    )
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert _settle(listener) == 0
