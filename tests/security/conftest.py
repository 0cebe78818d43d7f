"""The security suite's fixtures: a loopback listener that counts connections, and a writable site.

Attacks are sent to real servers on loopback (never elsewhere). The listener is
what an attacker would point the server at: if anything connects to it, the
server was made to connect out.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from ..conftest import start_server

DKK = str(Path(sys.executable).with_name("dkk"))


@dataclass
class Listener:
    """A loopback TCP port, and how many connections it has accepted."""

    sock: socket.socket
    connections: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    found = Listener(sock)
    thread = threading.Thread(target=found.serve, daemon=True)
    thread.start()
    yield found
    found._stop.set()
    thread.join(timeout=2)
    sock.close()


def dkk(env: dict[str, str], *args: str) -> str:
    run = subprocess.run([DKK, *args], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@dataclass
class Site:
    url: str
    keys: dict[str, str]
    tmp: Path
    env: dict[str, str]
    proc: subprocess.Popen

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def upload_csv(self, data: bytes, who: str = "alpha", timeout: float = 120) -> httpx.Response:
        """Replace ``who``'s catalogue with a CSV, as a provider's script would."""
        return httpx.post(
            f"{self.url}/providers/{who}/courses",
            headers={**self.auth(who), "Content-Type": "text/csv"},
            content=data,
            timeout=timeout,
        )


def writable_env(tmp: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DKK_STORE_PATH": str(tmp / "store"),
        "DKK_CONTRIB_DIR": str(tmp / "contrib"),
        "DKK_SPARQL_TIMEOUT": "3",
        **extra,
    }


def make_site(tmp: Path, **extra: str) -> Site:
    """Its own store and contributed files, providers alpha and beta with keys, a server on them."""
    env = writable_env(tmp, **extra)
    dkk(env, "build")
    keys = {}
    for provider in ("alpha", "beta"):
        dkk(env, "providers", "add", provider, "--name", f"{provider.title()} Akademi", "--example")
        keys[provider] = dkk(env, "keys", "create", provider)
    proc, url = start_server(env)
    return Site(url, keys, tmp, env, proc)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    found = make_site(tmp_path_factory.mktemp("security-site"))
    yield found
    found.proc.terminate()
    found.proc.wait(timeout=10)
