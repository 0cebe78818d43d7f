"""The security suite's fixtures: a loopback listener that counts connections, and a writable site.

Attacks are sent to real servers on loopback (never elsewhere). The listener is
what an attacker would point the server at: if anything connects to it, the
server was made to connect out.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..sites import Site, make_site, serve_site, writable_env  # noqa: F401 (used by the suite's modules)

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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One writable site for the suite's modules (each test compares before and after itself)."""
    yield from serve_site(tmp_path_factory, "security-site")
