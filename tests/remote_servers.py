"""Real SPARQL servers for the tests, started by the tests themselves: an Oxigraph server from the
`oxigraph` package (a dev dependency), or Virtuoso (tests/virtuoso.py, `make test-virtuoso`), loaded
with the session's build by `dkk publish`, as an operator would load it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

from kg.pipeline.build import BuildResult

DKK = str(Path(sys.executable).with_name("dkk"))
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent))


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers queries and updates, and its Graph Store Protocol URL if it has one."""

    query: str
    update: str
    store: str | None = None

    def env(self, graph_store: bool = True) -> dict[str, str]:
        out = {"DKK_SPARQL_ENDPOINT": self.query, "DKK_SPARQL_UPDATE_ENDPOINT": self.update}
        if graph_store and self.store:
            out["DKK_SPARQL_GRAPH_STORE_ENDPOINT"] = self.store
        return out


class Remote(Protocol):
    endpoints: Endpoints

    def stop(self) -> None: ...


@dataclass
class Oxigraph:
    proc: subprocess.Popen
    endpoints: Endpoints

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    url: str, params: dict[str, str], seconds: float = 60, proc: subprocess.Popen | None = None
) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url, params=params, timeout=2).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline or (proc is not None and proc.poll() is not None):
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(0.3)


def oxigraph_server(location: Path) -> Oxigraph:
    """An Oxigraph server (the `oxigraph` package's binary) on ``location``, on a free loopback port."""
    assert OXIGRAPH is not None
    port = free_port()
    proc = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query", {"query": "ASK {}"}, 30, proc)
    except RuntimeError:
        proc.kill()
        raise
    return Oxigraph(proc, Endpoints(f"{base}/query", f"{base}/update", f"{base}/store"))


def publish(
    built: BuildResult, endpoints: Endpoints, *args: str, graph_store: bool = True
) -> subprocess.CompletedProcess:
    """`dkk publish` of the session's build to a server, as an operator runs it."""
    env = {**os.environ, "DKK_STORE_PATH": str(built.store_path), **endpoints.env(graph_store)}
    run = subprocess.run([DKK, "publish", *args], env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr + run.stdout
    return run


def start_remote(kind: str, built: BuildResult, tmp: Path) -> Remote:
    """A server of ``kind`` holding the session's build."""
    remote: Remote
    if kind == "oxigraph":
        if OXIGRAPH is None:
            raise RuntimeError(
                "--store=oxigraph needs the oxigraph server (a dev dependency: make test installs it)"
            )
        remote = oxigraph_server(tmp / "db")
    elif kind == "virtuoso":
        from .virtuoso import start_virtuoso

        remote = start_virtuoso(tmp)
    else:
        raise ValueError(kind)
    publish(built, remote.endpoints)
    return remote
