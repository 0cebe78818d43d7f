"""Shared fixtures: one real build of the shipped graph into a temporary store.

The store path, the contributions and the accounts database are set in the environment before any
``kg`` module reads its settings, so the CLI, the API and the library under test all use the same
temporary store, contributions and database, never the developer's ``var/``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="dkk-test-"))
os.environ["DKK_STORE_PATH"] = str(_TMP / "store")
os.environ["DKK_DATABASE_URL"] = f"sqlite:///{_TMP / 'accounts.db'}"  # never the developer's var/dkk.db
os.environ["DKK_CONTRIB_DIR"] = str(_TMP / "contrib")  # nor var/contrib, which the server would take in
# The suite makes thousands of requests from one address; tests/security/test_limits.py sets a low rate.
os.environ["DKK_RATE_LIMIT"] = "1000000/minute"
os.environ.pop("DKK_SPARQL_ENDPOINT", None)

import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from kg.core.settings import ROOT, get_settings  # noqa: E402
from kg.pipeline.build import BuildResult, build  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402

SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    return build(get_settings())


@pytest.fixture(scope="session")
def store(built: BuildResult) -> OxigraphStore:
    return OxigraphStore.open(built.store_path, read_only=True)


# A real server on loopback, as `make run` starts it, with a short time limit and a
# small result cap so that the limits can be tested quickly.
SERVER_TIMEOUT = 3.0
SERVER_RESULT_LIMIT = 1000


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`uvicorn --factory api.app:create_app` on a free loopback port, once /health answers 200."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    # The server's log goes to a file: a pipe nobody reads would block the server once it filled.
    log = tempfile.NamedTemporaryFile(prefix="dkk-server-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [uvicorn, "--factory", "api.app:create_app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(Path(log.name).read_text(errors="replace")[-5000:] or "server exited")
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 60 s")
        time.sleep(0.2)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store",
        default="embedded",
        choices=("embedded", "oxigraph", "virtuoso"),
        help="The store the session's server reads: the embedded one, a real Oxigraph server started here "
        "(`make test` runs the HTTP suite on both), or Virtuoso (`make test-virtuoso`).",
    )


@pytest.fixture(scope="session")
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--store"))


@pytest.fixture(scope="session")
def server(built: BuildResult, store_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site and API on the session's build, on the store ``--store`` names (the same data on each:
    a remote store gets the build by `dkk publish`)."""
    env = {
        **os.environ,
        "DKK_SPARQL_TIMEOUT": str(SERVER_TIMEOUT),
        "DKK_SPARQL_RESULT_LIMIT": str(SERVER_RESULT_LIMIT),
        "DKK_SPARQL_WORKERS": "2",
    }
    remote = None
    if store_kind != "embedded":
        from .remote_servers import start_remote

        remote = start_remote(store_kind, built, tmp_path_factory.mktemp("remote"))
        env.update(remote.endpoints.env(), DKK_STORE_PATH=str(tmp_path_factory.mktemp("cache")))
    proc, url = start_server(env)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    if remote is not None:
        remote.stop()


@dataclass
class Town:
    """A server of its own for the tests that write (tailoring, dialogues' published counts, privacy):
    its own build and contributions, so the shared ``server`` keeps the shipped data the read tests count.
    Two example municipalities (testby, andenby) and a provider (skole), each with a key."""

    url: str
    keys: dict[str, str]
    env: dict[str, str]

    @property
    def contrib_dir(self) -> Path:
        return Path(self.env["DKK_CONTRIB_DIR"])


def dkk(env: dict[str, str], *args: str) -> str:
    run = subprocess.run(
        [str(Path(sys.executable).with_name("dkk")), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.fixture(scope="session")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Town]:
    tmp = tmp_path_factory.mktemp("town")
    env = {**os.environ, "DKK_STORE_PATH": str(tmp / "store"), "DKK_CONTRIB_DIR": str(tmp / "contrib")}
    dkk(env, "build")
    keys = {}
    for town_id in ("testby", "andenby"):
        dkk(env, "municipalities", "add", town_id, "--name", town_id.title(), "--example")
        keys[town_id] = dkk(env, "keys", "create", town_id, "--municipality")
    dkk(env, "providers", "add", "skole", "--name", "Skole", "--example")
    keys["provider"] = dkk(env, "keys", "create", "skole")
    proc, url = start_server(env)
    yield Town(url, keys, env)
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def http(server: str) -> Iterator[httpx.Client]:
    """A client shared by many tests, so it keeps no cookies: the site's language switch
    (?lang= sets a cookie) must not leak from one test into the next."""
    # (an English browser: the site's default is Danish, and most read tests check the English words)
    with httpx.Client(base_url=server, timeout=30, headers={"Accept-Language": "en"}) as client:
        client.event_hooks["response"] = [lambda response: client.cookies.clear()]
        yield client


# Browser tests (tests/browser.py): the Chromium fixture, and a loud line at the end of the run
# when they were skipped, so that a green `make test` without Chromium is not mistaken for a full one.
from .browser import SKIPPED, chromium  # noqa: E402, F401


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SKIPPED:
        terminalreporter.write_sep(
            "!", f"BROWSER TESTS SKIPPED: {SKIPPED[0]}. The web UI was not tested.", yellow=True, bold=True
        )
