"""Writable sites for tests: each its own store (a copy of one cached build) and contributed files, with
providers alpha and beta and their keys, and a real server on them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import httpx
import pytest

from kg.core.settings import get_settings
from kg.pipeline.build import build
from kg.services import providers

from .conftest import start_server


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


def serve_site(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Site]:
    """A fixture's body: a writable site for the fixture's scope, stopped afterwards."""
    found = make_site(tmp_path_factory.mktemp(name))
    yield found
    found.proc.terminate()
    found.proc.wait(timeout=10)
