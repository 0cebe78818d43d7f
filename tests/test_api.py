"""The HTTP app: in-process for detail, and one real server on loopback as `make run` starts it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.store import OxigraphStore


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
