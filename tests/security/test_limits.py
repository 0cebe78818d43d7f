"""Bounded work for anonymous clients and for uploads: bodies, rows, nesting, rates, memory.

Measured on real servers: a body over the limit is refused before it is read, a
1,000,000-row CSV is refused in seconds without the server's memory moving much,
deep JSON-LD is a 422 (not a crash), and an address over its rate gets 429.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from ..conftest import start_server
from .conftest import Site


def _hwm_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def test_a_body_over_the_limit_is_refused_before_it_is_read(site: Site) -> None:
    host = urlsplit(site.url)
    with socket.create_connection((host.hostname, host.port), timeout=10) as sock:
        sock.sendall(
            b"POST /providers/alpha/courses HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
            + f"Authorization: Bearer {site.keys['alpha']}\r\n".encode()
            + b"Content-Length: 1000000000\r\n\r\ncourse_id;title_da\r\n"
        )
        start = time.monotonic()
        answer = b""
        while chunk := sock.recv(65536):  # the server closes after its answer
            answer += chunk
        assert time.monotonic() - start < 5  # not waiting for the gigabyte it announced
    answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "application/problem+json" in answer and '"field": "file"' in answer


def test_a_chunked_body_is_cut_at_the_limit(site: Site) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b"course_id;title_da\r\n"
        for _ in range(200):  # 200 MB if it were all read
            sent += 1
            yield b"x" * 1_000_000

    try:
        resp = httpx.post(
            f"{site.url}/providers/alpha/courses",
            headers={**site.auth("alpha"), "Content-Type": "text/csv"},
            content=chunks(),
            timeout=60,
        )
    except httpx.HTTPError:  # the server may close while we still send: that too is a refusal
        assert sent < 200
        return
    assert resp.status_code == 413 and resp.json()["field"] == "file"


def test_a_million_row_csv_is_refused_in_seconds_with_memory_barely_moving(site: Site) -> None:
    body = b"course_id;title_da\r\n" + b"".join(b"%x;t\r\n" % i for i in range(1_000_000))
    assert len(body) < 20_000_000  # under the byte limit: the row limit has to catch it
    before = _hwm_mb(site.proc.pid)
    start = time.monotonic()
    resp = httpx.post(
        f"{site.url}/providers/alpha/courses",
        params={"dry_run": "true"},
        headers={**site.auth("alpha"), "Content-Type": "text/csv"},
        content=body,
        timeout=120,
    )
    seconds = time.monotonic() - start
    assert resp.status_code == 422, resp.text[:500]
    stop = resp.json()["problems"][-1]  # reading stopped: at the row limit, or at enough problems
    assert "stopped" in stop["message_en"] or "5,000 rows" in stop["message_en"], stop
    assert stop["row"] <= 5_002
    assert seconds < 10, f"took {seconds:.1f} s"
    grown = _hwm_mb(site.proc.pid) - before
    print(f"1,000,000-row CSV: refused in {seconds:.2f} s; server peak memory grew {grown:.0f} MB")
    assert grown < 250, f"the server's peak memory grew {grown:.0f} MB"


def test_deep_json_ld_is_a_422(site: Site) -> None:
    deep = '{"@id": "x", "a": ' * 100_000 + "1" + "}" * 100_000
    resp = httpx.post(
        f"{site.url}/providers/alpha/courses?dry_run=true",
        headers={**site.auth("alpha"), "Content-Type": "application/ld+json"},
        content=deep.encode(),
        timeout=60,
    )
    assert resp.status_code == 422 and resp.json()["problems"][0]["field"] == "file"
    nested: object = 1
    for _ in range(40):  # deeper than the limit (32), far from any recursion limit
        nested = [nested]
    shallow_but_over = json.dumps({"@id": "x", "a": nested})
    resp = httpx.post(
        f"{site.url}/providers/alpha/courses?dry_run=true",
        headers={**site.auth("alpha"), "Content-Type": "application/ld+json"},
        content=shallow_but_over.encode(),
    )
    assert resp.status_code == 422 and "levels deep" in resp.json()["problems"][0]["message_en"]


@pytest.fixture(scope="module")
def limited(built: object) -> Iterator[str]:
    """A second, read-only server on the session's store with a low rate limit."""
    proc, url = start_server({**os.environ, "DKK_RATE_LIMIT": "5/minute"})
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_an_address_over_its_rate_gets_429_and_others_do_not(limited: str) -> None:
    me = {"X-Forwarded-For": "203.0.113.10"}
    codes = [httpx.get(f"{limited}/frameworks", headers=me).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    refused = httpx.get(f"{limited}/frameworks", headers=me)
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    other = httpx.get(f"{limited}/frameworks", headers={"X-Forwarded-For": "203.0.113.11"})
    assert other.status_code == 200
    assert httpx.get(f"{limited}/health", headers=me).status_code == 200  # probes are not counted
