"""A provider uploads a catalogue through the website, in headless Chromium on a real server.

This writes, so it gets its own store, contributed-data folder and server (as tests/test_courses.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .browser import Watch, open_page, screenshot
from .conftest import start_server
from .test_courses import _setup

HEADER = "course_id;title_da;title_en;hours;mode;competence_1;level_1\n"
BAD = HEADER + (
    "gdpr;GDPR i hverdagen;GDPR at work;7;blandet;digcomp3:4.2;Mellem\n"
    "ai;AI for alle;AI for all;3;online;digcomp3:9.9;Basic\n"
    "data;Data;Data;14;fremmøde;digcomp3:1.3;Supergod\n"
)
GOOD = HEADER + "gdpr;GDPR i hverdagen;GDPR at work;7,5;blandet;digcomp3:4.2;Mellem\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    env, keys = _setup(tmp_path_factory.mktemp("browser-upload"))
    proc, url = start_server(env)
    yield url, keys
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(chromium: Any, site: tuple[str, dict[str, str]], request: pytest.FixtureRequest) -> Iterator[Any]:
    yield from open_page(chromium, site[0], request)


def _upload(p: Any, folder: Path, key: str, text: str, button: str, lang: str = "en") -> None:
    file = folder / "kurser.csv"
    file.write_text(text, encoding="utf-8")
    p.goto(f"/ui/providers?lang={lang}")
    p.select_option("#up-provider", "alpha")
    p.fill("#up-key", key)
    p.set_input_files("#up-file", str(file))
    p.get_by_role("button", name=button).click()
    p.wait_for_load_state()


def _courses(url: str) -> int:
    return httpx.get(f"{url}/courses", params={"provider": "provider/alpha"}).json()["total"]


def test_upload_with_errors_shows_them_by_row(
    page: tuple[Any, Watch], site: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    p, watch = page
    watch.allowed_statuses.add(422)
    _upload(p, tmp_path, site[1]["alpha"], BAD, "Check and upload")
    report = p.locator("#upload-problems")
    report.wait_for()
    rows = p.locator("#upload-problems tbody tr")
    by_row = {
        rows.nth(i).locator("td").nth(0).inner_text(): rows.nth(i).inner_text() for i in range(rows.count())
    }
    assert set(by_row) == {"3", "4"}
    assert "digcomp3:9.9" in by_row["3"] and "Supergod" in by_row["4"]
    assert "Nothing was changed" in report.inner_text()
    assert _courses(site[0]) == 0  # atomic: the good row was not written either
    screenshot(p, "upload-report-by-row")


def test_upload_in_danish_check_then_write_then_coverage(
    page: tuple[Any, Watch], site: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    p, _ = page
    _upload(p, tmp_path, site[1]["alpha"], GOOD, "Kontrollér kun", "da")
    p.locator("#upload-result").wait_for()
    assert "har ingen problemer" in p.inner_text("#upload-result")
    assert _courses(site[0]) == 0  # only checked
    # the check came in above the form, which still holds the key and the file: upload with one click
    assert p.input_value("#up-key") == site[1]["alpha"]
    assert p.evaluate("document.getElementById('up-file').files.length") == 1
    assert p.evaluate("document.activeElement.id") == "outcome"  # a screen reader hears the outcome
    screenshot(p, "upload-checked-form-kept-da")
    p.get_by_role("button", name="Kontrollér og upload").click()
    p.wait_for_load_state()
    assert "blev uploadet" in p.inner_text("#upload-result")
    assert _courses(site[0]) == 1
    p.get_by_role("link", name="Dækning").first.click()
    p.wait_for_load_state()
    assert p.get_by_role("link", name="4.2 Beskyttelse af persondata og privatliv").count() == 1
    p.get_by_role("link", name="4.2 Beskyttelse af persondata og privatliv").click()
    p.get_by_role("link", name="GDPR i hverdagen").click()  # the concept page lists the new course
    p.wait_for_load_state()
    facts = p.inner_text("dl.facts")
    assert "Alpha Akademi" in facts and "7,5" in facts  # the hours the provider wrote as 7,5, in Danish
    assert p.get_by_role("link", name="4.2 Beskyttelse af persondata og privatliv").count() == 1


def test_upload_with_another_providers_key_is_refused(
    page: tuple[Any, Watch], site: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    p, watch = page
    watch.allowed_statuses.add(403)
    _upload(p, tmp_path, site[1]["beta"], GOOD, "Check and upload")
    assert "Not your catalogue" in p.inner_text("#upload-problems")
