"""Without a Chromium, `make test` passes but says loudly that the browser tests were skipped;
with DKK_REQUIRE_BROWSER=1 (as .ci/run sets) the same run fails instead."""

from __future__ import annotations

import os
import subprocess
import sys

from kg.core.settings import ROOT

ONE_BROWSER_TEST = "tests/test_browser.py::test_skip_link_is_the_first_stop"


def _run(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DKK_REQUIRE_BROWSER"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=ROOT,
        env={**environ, "DKK_CHROMIUM": "/nonexistent/chromium", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_chromium_the_run_says_it_skipped_the_browser_tests() -> None:
    run = _run()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
    assert "BROWSER TESTS SKIPPED: no Chromium found" in run.stdout


def test_ci_never_skips_them() -> None:
    run = _run(DKK_REQUIRE_BROWSER="1")
    assert run.returncode != 0
    assert "CI never skips the browser tests" in run.stdout
