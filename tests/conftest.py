"""Shared fixtures: one real build of the shipped graph into a temporary store.

The store path is set in the environment before any ``kg`` module reads its
settings, so the CLI, the API and the library under test all use the same
temporary store, never the developer's ``var/store``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="dkk-test-"))
os.environ["DKK_STORE_PATH"] = str(_TMP / "store")
os.environ.pop("DKK_SPARQL_ENDPOINT", None)

import pytest  # noqa: E402

from kg.build import BuildResult, build  # noqa: E402
from kg.settings import ROOT, get_settings  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402

SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    return build(get_settings())


@pytest.fixture(scope="session")
def store(built: BuildResult) -> OxigraphStore:
    return OxigraphStore.open(built.store_path, read_only=True)
