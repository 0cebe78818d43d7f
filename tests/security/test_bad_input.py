"""The inputs that gave 500s (found by fuzzing) give a 4xx problem naming the field."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/competences", {"framework": "digcomp3\x01"}, "framework"),
        ("/courses", {"provider": "provider/x\x1b"}, "provider"),
        ("/courses", {"min_level": "\x1bX"}, "min_level"),
        ("/practices", {"group": "a b\x7f"}, "group"),
        ("/practices", {"competence": "\x8e"}, "competence"),
        ("/mappings", {"predicate": "\x9a"}, "predicate"),
        ("/competences/B%F3%86%A6%BEji%03", {}, "competence_id"),
        ("/profiles/%0F%C2%BF/coverage", {}, "profile_id"),
    ],
)
def test_parameters_that_cannot_be_iris_are_422(
    http: httpx.Client, path: str, params: dict, field: str
) -> None:
    resp = http.get(path, params=params)
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.json()["field"] == field


@pytest.mark.parametrize("path", ["/id/a%20b", "/id/%3E%F3%8D%A4%BB", "/graph/%01x"])
def test_paths_that_cannot_be_iris_are_404(http: httpx.Client, path: str) -> None:
    resp = http.get(path)
    assert resp.status_code == 404 and resp.headers["content-type"] == "application/problem+json"


def test_a_bad_escape_in_a_query_is_400(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": 'SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }'})
    assert resp.status_code == 400 and resp.json()["field"] == "query"


def test_a_non_utf8_query_body_is_400_and_the_connection_goes_on(server: str) -> None:
    with httpx.Client(base_url=server) as client:  # one connection for both requests
        bad = client.post(
            "/sparql", content=b"SELECT \xff\xfe", headers={"Content-Type": "application/sparql-query"}
        )
        assert bad.status_code == 400 and bad.json()["field"] == "body"
        good = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert good.status_code == 200
