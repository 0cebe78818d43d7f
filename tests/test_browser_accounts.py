"""An administrator signs in with the keyboard, invites an employee, who joins, in headless Chromium."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from kg.core.settings import get_settings
from kg.services import accounts
from kg.store.db import open_database

from .browser import Watch, open_page, screenshot

PASSWORD = "correct horse battery staple"


@pytest.fixture
def page(chromium: Any, server: str, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    yield from open_page(chromium, server, request)


def test_sign_in_invite_and_join_with_the_keyboard(
    page: tuple[Any, Watch], chromium: Any, server: str
) -> None:
    p, _ = page
    database = open_database(get_settings().database_url_resolved())
    admin = f"hr-{secrets.token_hex(3)}@browserby.dk"
    accounts.create_user(database, admin, "Hanne HR", PASSWORD, "municipality_admin", "browserby")
    p.goto("/?lang=da")
    p.get_by_role("link", name="Log ind").click()
    p.get_by_label("E-mailadresse").fill(admin)
    p.get_by_label("Adgangskode").fill(PASSWORD)
    p.keyboard.press("Enter")  # the form submits from the keyboard
    p.wait_for_url("**/ui/account")
    assert p.get_by_role("heading", name="Din konto").is_visible()
    screenshot(p, "accounts-1-signed-in-da")
    staff = f"medarbejder-{secrets.token_hex(3)}@browserby.dk"
    p.get_by_label("E-mailadresse").fill(staff)
    p.get_by_label("Rolle").select_option("employee")
    p.get_by_role("button", name="Opret invitation").click()
    link = re.search(r"/ui/invite\?token=[\w-]+", p.content())
    assert link
    screenshot(p, "accounts-2-invitation-made-da")
    other = chromium.new_context(base_url=server)
    q = other.new_page()
    try:
        q.goto(link.group(0) + "&lang=da")
        q.get_by_label("Navn").fill("Mads Medarbejder")
        q.get_by_label("Adgangskode").fill(PASSWORD)
        q.get_by_role("button", name="Tag imod, og log ind").click()
        q.wait_for_url("**/ui/account")
        assert q.get_by_text("Medarbejder (browserby)").is_visible()
        screenshot(q, "accounts-3-invited-employee-joined-da")
    finally:
        other.close()
    p.goto("/ui/account")
    assert p.get_by_role("cell", name=staff).is_visible()
    p.get_by_role("button", name="Log ud").click()
    p.wait_for_url("**/")
    assert p.get_by_role("link", name="Log ind").is_visible()
