"""Security headers on every response, and CORS only where it is meant (the public SPARQL endpoint)."""

from __future__ import annotations

import httpx
import pytest

ORIGIN = "https://researcher.example"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/frameworks", "json"),
        ("/id/digcomp3/4.2", "rdf"),
        ("/", "html"),
        ("/no/such/thing", "problem"),
        ("/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", "sparql"),
        ("/profiles/nope/chart.svg", "problem"),
    ],
)
def test_every_response_has_the_security_headers(http: httpx.Client, path: str, kind: str) -> None:
    resp = http.get(path, headers={"Accept": "text/turtle"} if kind == "rdf" else {})
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    csp = resp.headers["Content-Security-Policy"]
    if kind == "html":
        assert "default-src 'self'" in csp
    else:  # JSON, RDF, SVG, XML opened in a browser run nothing and load nothing
        assert "default-src 'none'" in csp and "sandbox" in csp


def test_a_refused_body_has_them_too(http: httpx.Client) -> None:
    resp = http.post("/gap", content=b"x" * 21_000_001, headers={"Content-Type": "text/csv"})
    assert resp.status_code == 413 and resp.headers["X-Content-Type-Options"] == "nosniff"


def test_405_says_what_is_allowed(http: httpx.Client) -> None:
    resp = http.delete("/frameworks")
    assert resp.status_code == 405 and resp.headers["Allow"] == "GET"
    assert resp.headers["content-type"] == "application/problem+json"


def test_sparql_is_open_to_other_origins_without_credentials(http: httpx.Client) -> None:
    preflight = http.options(
        "/sparql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    answer = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Origin": ORIGIN})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/providers/alpha/courses", "/municipalities/x/profiles", "/gap"])
def test_write_endpoints_send_no_cors_headers(http: httpx.Client, path: str) -> None:
    preflight = http.options(path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    post = http.post(path, headers={"Origin": ORIGIN}, content=b"")
    assert "Access-Control-Allow-Origin" not in post.headers
