"""The HTTP app: in-process for detail, and one real server on loopback as `make run` starts it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.store import OxigraphStore

from . import reading


def test_health_and_landing(store: OxigraphStore) -> None:
    with TestClient(create_app()) as client:
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["triples"] == store.triple_count()
        assert health.json()["sparql"] in ("loading", "memory")  # from disk until the copy is in
        assert client.get("/health/live").json() == {"status": "ok"}
        page = client.get("/?lang=en")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "made-up example data" in page.text
        data = client.get("/ui/data?lang=en")
        assert "Example data" in data.text
        assert "https://w3id.org/dkk/graph/examples/courses" in data.text


def test_errors_are_problem_json(store: OxigraphStore) -> None:
    with TestClient(create_app()) as client:
        missing = client.get("/no/such/page")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["status"] == 404


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        ("GET", "/competences/digcomp3/9.9", None, 404, "competence_id"),
        ("GET", "/competences/digcomp3/4.2x", None, 404, "competence_id"),  # with "did you mean"
        ("GET", "/competences?limit=many", None, 422, None),  # pydantic's fault, said in Danish too
        ("GET", "/no/such/page", None, 404, None),
        ("GET", "/sparql?query=INSERT%20DATA%20%7B%7D", None, 403, "query"),
        (
            "GET",
            "/sparql?query=SELECT%20*%20WHERE%20%7B%20SERVICE%20%3Chttp://x%3E%20%7B%7D%20%7D",
            None,
            403,
            "query",
        ),
        ("POST", "/gap", {"current": {}}, 422, "profile"),
        ("POST", "/gap", {"profile": "example/profile/sosu", "current": 5}, 422, None),
        ("GET", "/dumps/dkk.exe", None, 404, "ext"),
        ("POST", "/providers/nobody/courses", b"x", 401, "Authorization"),
        ("DELETE", "/competences", None, 405, None),
    ],
)
def test_every_refusal_in_danish_and_english(
    http: httpx.Client, method: str, path: str, body: object, status: int, field: str | None
) -> None:
    """Bad input gets problem+json in both languages (title/detail in English, title_da/detail_da in
    Danish, from the one catalogue), naming the field at fault; the Danish reads as Danish throughout."""
    kwargs: dict = {"json": body} if isinstance(body, dict) else {"content": body} if body else {}
    resp = http.request(method, path, **kwargs)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    problem = resp.json()
    assert problem["title"] and problem["detail"] and problem["title_da"] and problem["detail_da"]
    assert problem["title_da"] != problem["title"]
    if field:
        assert problem.get("field") == field
    for rows in problem.get("problems", []):  # rows of a rejected body: each in both languages
        assert rows["message_da"] and rows["message_en"]
    danish = " ".join(
        [problem["title_da"], problem["detail_da"], *(p["message_da"] for p in problem.get("problems", []))]
    )
    assert reading.foreign_words(reading.words_of(danish), "da") == {}, danish


def test_missing_store_gives_503_with_next_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "store_path", tmp_path / "nothing")
    with TestClient(create_app()) as client:
        health = client.get("/health")
        home = client.get("/?lang=en")
        page = client.get("/ui/providers?lang=en")
    assert health.status_code == 503
    assert "dkk build" in health.json()["detail"]
    assert home.status_code == 503 and "The graph is not built yet" in home.text
    assert page.status_code == 503 and "text/html" in page.headers["content-type"]


def test_real_server_on_loopback(http: httpx.Client) -> None:
    health = http.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"


def test_answers_match_the_models_the_openapi_document_declares(http: httpx.Client) -> None:
    """The JSON answers written directly (not through a response model) still have the declared shape, so
    a client generated from /openapi.json reads them."""
    from pydantic import TypeAdapter

    from api import schemas

    doc = http.get("/openapi.json").json()
    declared = {
        ("/health", "get"): schemas.Health,
        ("/health/live", "get"): schemas.Live,
        ("/dumps", "get"): list[schemas.Dump],
        ("/queries", "get"): list[schemas.ResearchQuery],
    }
    for (path, method), model in declared.items():
        assert doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        TypeAdapter(model).validate_python(http.get(path, headers={"Accept": "application/json"}).json())
    gap = http.post(
        "/gap", json={"profile": "example/profile/eksempelkommune-sosu", "current": {"digcomp3:4.2": "Basic"}}
    )
    schemas.Gap.model_validate(gap.json())
    assert doc["components"]["securitySchemes"]["providerKey"]["scheme"] == "bearer"
