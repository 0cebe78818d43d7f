"""The SPARQL 1.1 Protocol endpoint, through real HTTP on the session's server."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.dom.minidom

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import SERVER_RESULT_LIMIT, SERVER_TIMEOUT

PRIVACY = "https://w3id.org/dkk/id/digcomp3/4.2"
LABEL_Q = f"SELECT ?label WHERE {{ <{PRIVACY}> skos:prefLabel ?label FILTER(LANG(?label) = 'en') }}"
PREFIXED_Q = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + LABEL_Q
EXPECTED = "Protecting personal data and privacy"


def _label(resp: httpx.Response) -> str:
    return resp.json()["results"]["bindings"][0]["label"]["value"]


def test_get_post_form_and_post_body_agree(http: httpx.Client) -> None:
    got = http.get("/sparql", params={"query": LABEL_Q})
    form = http.post("/sparql", data={"query": LABEL_Q})
    body = http.post("/sparql", content=LABEL_Q, headers={"Content-Type": "application/sparql-query"})
    for resp in (got, form, body):
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"].startswith("application/sparql-results+json")
        assert _label(resp) == EXPECTED


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_in_every_result_format(server: str, fmt: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(PREFIXED_Q)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        value = result["results"]["bindings"][0]["label"]["value"]
    elif fmt == XML:
        assert isinstance(result, xml.dom.minidom.Document)
        value = result.getElementsByTagName("literal")[0].firstChild.data
    elif fmt == CSV:
        value = list(csv.reader(io.StringIO(result.decode())))[1][0]
    else:
        value = result.decode().splitlines()[1]
        assert value == f'"{EXPECTED}"@en'
        value = EXPECTED
    assert value == EXPECTED


def test_sparqlwrapper_construct_as_turtle(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(f"CONSTRUCT {{ <{PRIVACY}> ?p ?o }} WHERE {{ <{PRIVACY}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    g = Graph().parse(data=client.query().convert().decode(), format="turtle")
    assert (
        URIRef(PRIVACY),
        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal(EXPECTED, lang="en"),
    ) in g


@pytest.mark.parametrize(
    "accept, check",
    [
        ("application/sparql-results+json", lambda t: json.loads(t)["results"]["bindings"]),
        ("application/sparql-results+xml", lambda t: '<literal xml:lang="en">' in t),
        ("text/csv", lambda t: t.startswith("label\r\n")),
        ("text/tab-separated-values", lambda t: t.startswith("?label\n")),
    ],
)
def test_select_by_accept(http: httpx.Client, accept: str, check) -> None:
    resp = http.get("/sparql", params={"query": LABEL_Q}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == accept
    assert check(resp.text)


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_by_accept(http: httpx.Client, accept: str, rdflib_format: str) -> None:
    query = f"CONSTRUCT {{ <{PRIVACY}> ?p ?o }} WHERE {{ <{PRIVACY}> ?p ?o }}"
    resp = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=resp.text, format=rdflib_format)
    assert (
        URIRef(PRIVACY),
        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal(EXPECTED, lang="en"),
    ) in g


def test_describe_and_format_parameter(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": f"DESCRIBE <{PRIVACY}>", "format": "nt"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/n-triples"
    assert f"<{PRIVACY}>" in resp.text
    csv_resp = http.get("/sparql", params={"query": LABEL_Q, "format": "csv"})
    assert csv_resp.headers["content-type"].startswith("text/csv")


def test_unproducible_type_is_406(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": LABEL_Q}, headers={"Accept": "image/png"})
    assert resp.status_code == 406
    assert resp.headers["content-type"] == "application/problem+json"
    graph_q = http.get("/sparql", params={"query": f"DESCRIBE <{PRIVACY}>"}, headers={"Accept": "text/csv"})
    assert graph_q.status_code == 406


def test_default_graph_is_the_union_and_graph_parameters_are_honoured(http: httpx.Client) -> None:
    count = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a dkk:Competence }"
    union = http.get("/sparql", params={"query": count}).json()
    assert int(union["results"]["bindings"][0]["n"]["value"]) == 81
    kl = "https://w3id.org/dkk/graph/kl-wheel"
    only_kl = http.get("/sparql", params={"query": count, "default-graph-uri": kl}).json()
    assert int(only_kl["results"]["bindings"][0]["n"]["value"]) == 17  # 9 sub-areas + 8 underlying
    named = http.post(
        "/sparql", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": kl}
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [kl]
    from_clause = http.get("/sparql", params={"query": count.replace("WHERE", f"FROM <{kl}> WHERE")})
    assert int(from_clause.json()["results"]["bindings"][0]["n"]["value"]) == 17


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {"method": "POST", "content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "GET", "params": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
    ],
    ids=["form-update", "update-body", "insert-as-query", "load"],
)
def test_updates_are_refused(http: httpx.Client, request_kwargs: dict) -> None:
    before = http.get("/health").json()["triples"]
    method = request_kwargs.pop("method")
    resp = http.request(method, "/sparql", **request_kwargs)
    assert resp.status_code == 403
    assert resp.headers["content-type"] == "application/problem+json"
    assert "read-only" in resp.json()["detail"]
    assert http.get("/health").json()["triples"] == before


# Outbound requests (SERVICE, LOAD, remote FROM) are tested in tests/security/test_ssrf.py.


def test_runaway_query_is_stopped_while_others_are_answered(server: str, store_kind: str) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result: dict = {}

    def run() -> None:
        start = time.monotonic()
        result["resp"] = httpx.get(f"{server}/sparql", params={"query": runaway}, timeout=60)
        result["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)  # the runaway query is now running in a worker
    start = time.monotonic()
    # Another client (the server trusts X-Forwarded-For from loopback, as behind a local proxy):
    # one client's own queries queue behind each other (tests/security/test_fairness.py).
    other = {"X-Forwarded-For": "203.0.113.7"}
    quick = httpx.get(f"{server}/sparql", params={"query": LABEL_Q}, headers=other, timeout=30)
    quick_seconds = time.monotonic() - start
    assert quick.status_code == 200 and _label(quick) == EXPECTED
    assert quick_seconds < 1.5, f"a simple query waited {quick_seconds:.1f} s"
    refused_up_front = store_kind == "virtuoso"  # it estimates the cost and refuses before running
    assert thread.is_alive() or refused_up_front, "the runaway query should still be running"
    thread.join(timeout=SERVER_TIMEOUT + 30)
    resp = result["resp"]
    assert resp.status_code == 503
    assert resp.headers["content-type"] == "application/problem+json"
    if refused_up_front:
        assert "limit" in resp.json()["title"].lower() and result["seconds"] < SERVER_TIMEOUT
    else:
        assert "time limit" in resp.json()["title"].lower()
        assert SERVER_TIMEOUT - 0.1 <= result["seconds"] <= SERVER_TIMEOUT + 2.5
    after = httpx.get(f"{server}/sparql", params={"query": LABEL_Q}, timeout=30)
    assert after.status_code == 200  # the killed worker was replaced


def test_result_cap_says_when_it_cut(http: httpx.Client) -> None:
    big = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert big.headers["DKK-Truncated"] == "true"
    assert big.headers["DKK-Result-Limit"] == str(SERVER_RESULT_LIMIT)
    assert len(big.json()["results"]["bindings"]) == SERVER_RESULT_LIMIT
    small = http.get("/sparql", params={"query": LABEL_Q})
    assert small.headers["DKK-Truncated"] == "false"


def test_syntax_error_gives_message_and_position(http: httpx.Client) -> None:
    bad = "SELECT ?x WHERE {\n  ?x a ?y ?z }"
    resp = http.get("/sparql", params={"query": bad})
    assert resp.status_code == 400
    body = resp.json()
    assert resp.headers["content-type"] == "application/problem+json"
    assert body["line"] == 2 and body["column"] > 0 and body["field"] == "query"
    again = http.get("/sparql", params={"query": bad})  # the remembered decision, not a second parse
    assert again.status_code == 400 and again.json() == body
    unknown = http.get("/sparql", params={"query": "SELECT ?x WHERE {\n  ?x a nope:Thing }"})
    assert unknown.status_code == 400 and "nope" in unknown.json()["detail"]


SD = "http://www.w3.org/ns/sparql-service-description#"


def test_without_a_query_a_browser_gets_the_form_and_a_client_the_service_description(
    http: httpx.Client,
) -> None:
    """W3C SPARQL 1.1 Service Description at GET /sparql, by content negotiation; a POST without a query
    is still a client's mistake."""
    page = http.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<form" in page.text
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("*/*", "turtle")):
        answer = http.get("/sparql", headers={"Accept": accept})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(
            accept.replace("*/*", "text/turtle")
        )
        g = Graph().parse(data=answer.text, format=fmt)
        [(service, endpoint)] = list(g.subject_objects(URIRef(SD + "endpoint")))
        assert str(endpoint).endswith("/sparql")
        assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
        assert (service, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in g
        names = {str(n) for n in g.objects(None, URIRef(SD + "name"))}
        assert "https://w3id.org/dkk/graph/digcomp3" in names and len(names) > 10
    assert http.post("/sparql", data={"default-graph-uri": "urn:x"}).status_code == 400


def test_one_query_a_request(http: httpx.Client) -> None:
    """Two query parameters are the client's mistake (the protocol takes one), not ours to choose from."""
    twice = http.get("/sparql", params=[("query", "ASK {}"), ("query", "SELECT * WHERE {}")])
    assert twice.status_code == 400 and twice.json()["field"] == "query"
    form = http.post("/sparql", data={"query": ["ASK {}", "ASK {}"]})
    assert form.status_code == 400


def test_relative_iris_resolve_against_the_dataset_base(http: httpx.Client) -> None:
    answer = http.post(
        "/sparql",
        data={"query": "CONSTRUCT { <a> <b> <c> } WHERE {}"},
        headers={"Accept": "application/n-triples"},
    )
    assert answer.status_code == 200, answer.text
    assert (
        answer.text.strip() == "<https://w3id.org/dkk/a> <https://w3id.org/dkk/b> <https://w3id.org/dkk/c> ."
    )


@pytest.mark.parametrize(
    "path",
    [
        "/id/digcomp3/4.2",
        "/competences",
        "/ui/concept?id=digcomp3/4.2",
        "/sparql?query=ASK%7B%7D",
        "/dataset",
    ],
)
def test_head_wherever_get(http: httpx.Client, path: str) -> None:
    got, head = http.get(path), http.head(path)
    assert head.status_code == got.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"] and head.content == b""


def test_every_character_in_xml_and_csv_results(http: httpx.Client) -> None:
    """A CR inside a literal survives SPARQL XML (written &#13;, or a reader makes it LF); a control
    character XML 1.0 cannot carry is refused with 406 naming the way out, never ill-formed XML with 200;
    an IRI or literal with a comma or a quote is quoted in CSV."""
    xml_type = {"Accept": "application/sparql-results+xml"}
    cr = http.post("/sparql", data={"query": 'SELECT ?x WHERE { BIND("a\\rb" AS ?x) }'}, headers=xml_type)
    assert cr.status_code == 200
    [literal] = xml.dom.minidom.parseString(cr.content).getElementsByTagName("literal")
    assert literal.firstChild.data == "a\rb"
    control = http.post(
        "/sparql", data={"query": 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }'}, headers=xml_type
    )
    assert control.status_code == 406 and "U+0001" in control.json()["detail"]
    assert control.json()["field"] == "Accept"
    as_csv = http.post(
        "/sparql",
        data={
            "query": 'SELECT ?x ?y WHERE { BIND(<http://ex.org/a,b> AS ?x) BIND("say \\"hi\\", then" AS ?y) }'
        },
        headers={"Accept": "text/csv"},
    )
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["x", "y"], ["http://ex.org/a,b", 'say "hi", then']]
