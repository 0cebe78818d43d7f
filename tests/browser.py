"""Driving the real server in headless Chromium (Debian's package) through Playwright.

Every page a test opens is watched: a console error, an uncaught script error, a failed
request to this server, or any request to another host fails the test; a screenshot of the
page is saved as a test artefact (``test-artifacts/screenshots/``, or ``DKK_TEST_ARTIFACTS``).

Without a Chromium the browser tests are skipped, and the run says so at the end. CI sets
``DKK_REQUIRE_BROWSER=1`` (see .ci/run), which turns that skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.core.settings import ROOT

ARTIFACTS = Path(os.environ.get("DKK_TEST_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every page of the site (checked in both languages) and the other HTML pages of the server.
ESCO_SKILL = (
    "http://data.europa.eu/esco/skill/14832d87-2f2f-4895-b290-e4760ebae42a"  # solve technical problems
)
SITE_PAGES = [
    "/",
    "/ui/frameworks",
    "/ui/frameworks/kl-wheel",
    "/ui/frameworks/digcomp3",
    "/ui/frameworks/digcomp22",
    "/ui/frameworks/digcompedu",
    "/ui/frameworks/esco-digcomp",
    "/ui/concept?id=digcomp3/4.2",
    "/ui/concept?id=kl-wheel/data-og-informationssikkerhed",
    f"/ui/concept?id={ESCO_SKILL}",
    "/ui/search?q=sikkerhed",
    "/ui/profiles",
    "/ui/profile?id=example/profile/eksempelkommune-sosu",
    "/ui/gap",
    "/ui/gap?profile=example/profile/sosu",
    "/ui/mappings",
    "/ui/practices",
    "/ui/course?id=example/course/akademi/digital-grundpakke",
    "/ui/providers",
    "/ui/providers/example/provider/akademi/coverage",
    "/ui/query",
    "/ui/data",
]
OTHER_PAGES = [
    "/docs",
    "/id/digcomp3/4.2",
    "/sparql",
    "/queries",
    "/dataset",
    "/ontology",
    "/releases",
    "/releases/0.2.0",
]
SKIPPED: list[str] = []  # why browser tests were skipped, for the end-of-run summary


def chromium_path() -> str | None:
    """``DKK_CHROMIUM`` if set (and only it), else a Chromium on the PATH."""
    if chosen := os.environ.get("DKK_CHROMIUM"):
        return chosen if Path(chosen).is_file() else None
    return next((p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None)


def skip_or_fail(reason: str) -> None:
    if os.environ.get("DKK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (DKK_REQUIRE_BROWSER=1: CI never skips the browser tests)")
    SKIPPED.append(reason)
    pytest.skip(reason)


@dataclass
class Watch:
    """What went wrong on a page while a test used it."""

    base: str
    problems: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("request", self._request)
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error" and not self._expected(message.text):
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _expected(self, text: str) -> bool:
        # Chromium logs every 4xx response as a console error; a test that provokes one says so.
        found = re.search(r"status of (\d{3})", text)
        return bool(found) and int(found.group(1)) in self.allowed_statuses

    def _request(self, request: Any) -> None:
        url = request.url
        if not (url.startswith(self.base) or url.startswith(("data:", "blob:", "about:"))):
            self.problems.append(f"request outside the server: {url}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.problems.append(f"HTTP {response.status} for {response.url}")


# Per module: Playwright's sync API keeps an event loop running while it is open, which
# would break the asyncio.run() of tests in later modules.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        skip_or_fail("no Chromium found (install Debian's 'chromium' package, or set DKK_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:  # Playwright gives Chromium a new, empty profile directory
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_page(
    chromium: Any, base: str, request: pytest.FixtureRequest, javascript: bool = True, width: int = 1280
) -> Iterator[tuple[Any, Watch]]:
    """A fresh browser context on ``base``; at the end, a screenshot and no problems allowed."""
    context = chromium.new_context(
        base_url=base, viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    yield page, watch
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)


def screenshot(page: Any, name: str) -> None:
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
