"""The HTTP app: in-process for detail, and one real server on loopback as `make run` starts it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import app
from kg.build import BuildResult
from kg.store import OxigraphStore


def test_health_and_landing(store: OxigraphStore) -> None:
    with TestClient(app) as client:
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["triples"] == store.triple_count()
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "Example data" in page.text
        assert "https://w3id.org/dkk/graph/examples/courses" in page.text


def test_errors_are_problem_json(store: OxigraphStore) -> None:
    with TestClient(app) as client:
        missing = client.get("/no/such/page")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["status"] == 404


def test_missing_store_gives_503_with_next_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.settings import get_settings

    monkeypatch.setattr(get_settings(), "store_path", tmp_path / "nothing")
    with TestClient(app) as client:
        health = client.get("/health")
    assert health.status_code == 503
    assert "dkk build" in health.json()["detail"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_server_on_loopback(built: BuildResult) -> None:
    port = _free_port()
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    proc = subprocess.Popen(
        [uvicorn, "api.app:app", "--host", "127.0.0.1", "--port", str(port)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not answer within 30 s"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
