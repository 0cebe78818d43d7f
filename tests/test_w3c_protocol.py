"""The W3C SPARQL 1.1 Protocol test suite (tests/fixtures/w3c-sparql-protocol), run against the real
server: each test's requests as the manifest writes them (method, path, headers, body and its encoding),
its data graphs mapped onto ours, its expectations (status class, boolean, result format) checked from
the manifest. Query tests must pass as written; update tests must be refused with 4xx (the public
endpoint is read-only), and those that expect 4xx anyway must get it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from .standards import FIXTURES

MANIFEST = FIXTURES / "w3c-sparql-protocol" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
# The suite's graphs, each a graph that describes itself (`<g> a ?type` in <g>), and ours that do too.
GRAPHS = {
    "http://kasei.us/2009/09/sparql/data/data0.rdf": "https://w3id.org/dkk/graph/agents",
    "http://kasei.us/2009/09/sparql/data/data1.rdf": "https://w3id.org/dkk/graph/examples/courses",
    "http://kasei.us/2009/09/sparql/data/data2.rdf": "https://w3id.org/dkk/graph/courses-public",
    "http://kasei.us/2009/09/sparql/data/data3.rdf": "https://w3id.org/dkk/graph/practices",
}
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    boolean: bool | None = None
    fmt: str | None = None


@dataclass
class Case:
    name: str
    title: str
    requests: list[Request] = field(default_factory=list)

    @property
    def update(self) -> bool:
        return self.name.startswith(("update_", "bad_update_"))


def _mapped(text: str) -> str:
    for theirs, ours in GRAPHS.items():
        text = text.replace(theirs, ours).replace(quote(theirs, safe=""), quote(ours, safe=""))
    return text


def _cases() -> list[Case]:
    g = Graph().parse(MANIFEST)
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    out = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        case = Case(str(test).rsplit("#", 1)[-1], str(g.value(test, MF.name)))
        action = g.value(test, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            for h in Collection(g, g.value(req, HT.headers)) if g.value(req, HT.headers) else []:
                headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = g.value(req, HT.body)
            data = None
            if body is not None:
                encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
                data = _mapped(str(g.value(body, CNT.chars))).encode(encoding)
            resp = g.value(req, HT.resp)
            boolean = g.value(resp, MF.expectedBoolean)
            case.requests.append(
                Request(
                    str(g.value(req, HT.methodName)),
                    _mapped(str(g.value(req, HT.absolutePath))).replace("/sparql/", "/sparql", 1),
                    headers,
                    data,
                    {str(s).rsplit("StatusCode", 1)[-1] for s in g.objects(resp, MF.expectedStatus)},
                    None if boolean is None else boolean.toPython(),
                    str(g.value(resp, MF.expectedFormat) or "") or None,
                )
            )
        out.append(case)
    return out


CASES = _cases()


def _boolean(r: httpx.Response) -> bool:
    ctype = r.headers["content-type"].split(";")[0]
    assert ctype in BOOLEAN_TYPES, ctype
    if ctype.endswith("json"):
        return bool(json.loads(r.text)["boolean"])
    return "<boolean>true</boolean>" in r.text


def _check_format(r: httpx.Response, fmt: str) -> None:
    ctype = r.headers["content-type"].split(";")[0]
    if fmt == "boolean":
        _boolean(r)
    elif fmt == "tabular":
        assert ctype in TABULAR_TYPES, ctype
    else:
        assert ctype in RDF_TYPES, ctype
        Graph().parse(data=r.content, format=RDF_TYPES[ctype])


def test_the_suite_is_whole() -> None:
    assert len(CASES) == 34
    assert sum(not c.update for c in CASES) == 21 and sum(c.update for c in CASES) == 13


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol(server: str, case: Case) -> None:
    """One test of the suite, as its manifest states it (case.title)."""
    with httpx.Client(base_url=server, timeout=30) as client:
        first, *rest = case.requests
        r = client.request(first.method, first.path, headers=first.headers, content=first.body)
        if case.update:  # read-only: every update is refused, whatever the suite expects of a writer
            assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
            assert r.headers["content-type"].startswith("application/problem+json")
            return
        for req, resp in [(first, r)] + [
            (req, client.request(req.method, req.path, headers=req.headers, content=req.body)) for req in rest
        ]:
            assert f"{resp.status_code // 100}xx" in req.statuses, (resp.status_code, resp.text[:300])
            if req.fmt and resp.status_code < 300:
                _check_format(resp, req.fmt)
            if req.boolean is not None:
                assert _boolean(resp) is req.boolean
