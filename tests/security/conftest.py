"""The security suite's fixtures: a loopback listener that counts connections, and a writable site.

Attacks are sent to real servers on loopback (never elsewhere). The listener is
what an attacker would point the server at: if anything connects to it, the
server was made to connect out.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import httpx
import pytest

from kg.core.settings import get_settings
from kg.pipeline.build import build
from kg.services import providers

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


@cache
def _template_store() -> Path:
    """One build of the shipped graph for every site of the suite (each gets a copy)."""
    tmp = Path(tempfile.mkdtemp(prefix="dkk-security-template-"))
    build(get_settings().model_copy(update={"store_path": tmp / "store", "contrib_dir": tmp / "contrib"}))
    return tmp / "store"


def make_site(tmp: Path, **extra: str) -> Site:
    """Its own store and contributed files, providers alpha and beta with keys, a server on them
    (which takes the registrations into the store as it starts)."""
    env = writable_env(tmp, **extra)
    shutil.copytree(_template_store(), tmp / "store")
    keys = {}
    for provider in ("alpha", "beta"):
        providers.add_provider(tmp / "contrib", provider, f"{provider.title()} Akademi", example=True)
        keys[provider] = providers.create_key(tmp / "contrib", provider)
    proc, url = start_server(env)
    return Site(url, keys, tmp, env, proc)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One writable site for the suite's modules (each test compares before and after itself)."""
    found = make_site(tmp_path_factory.mktemp("security-site"))
    yield found
    found.proc.terminate()
    found.proc.wait(timeout=10)
