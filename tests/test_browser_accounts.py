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


def _sign_in(p: Any, email: str) -> None:
    p.goto("/ui/sign-in?lang=da")
    p.get_by_label("E-mailadresse").fill(email)
    p.get_by_label("Adgangskode").fill(PASSWORD)
    p.get_by_role("button", name="Log ind").last.click()
    p.wait_for_url("**/ui/account")


def test_a_dialogue_round_in_the_browser(page: tuple[Any, Watch], chromium: Any, server: str) -> None:
    p, watch = page
    watch.allowed_statuses.add(403)  # the team view of one person is refused, on purpose
    database = open_database(get_settings().database_url_resolved())
    org = f"dialog{secrets.token_hex(3)}"
    manager, employee = f"leder@{org}.dk", f"medarbejder@{org}.dk"
    accounts.create_user(database, manager, "Lise Leder", PASSWORD, "manager", org)
    accounts.create_user(database, employee, "Mette Medarbejder", PASSWORD, "employee", org)
    _sign_in(p, manager)
    p.goto("/ui/dialogues?lang=da")
    p.get_by_label("Titel").fill("Udviklingssamtaler forår")
    p.get_by_label("Profil").select_option(
        label="Eksempelkommune: lokal profil for social- og sundhedsassistenter"
    )
    p.get_by_label("Hvem deltager (e-mailadresser)").fill(employee)
    p.get_by_role("button", name="Start runden").click()
    p.wait_for_url("**/ui/dialogues/*")
    screenshot(p, "dialogue-1-round-started-da")
    other = chromium.new_context(base_url=server, viewport={"width": 390, "height": 844})  # a phone
    q = other.new_page()
    try:
        _sign_in(q, employee)
        q.goto(p.url.split(server, 1)[-1] + "?lang=da")
        for select in q.locator("select[id^=level-]").all():
            select.select_option(index=1)
        q.get_by_role("button", name="Gem mine svar").click()
        q.wait_for_load_state()
        assert q.get_by_role("heading", name="Resultat").is_visible() or q.locator("#gap-result").is_visible()
        screenshot(q, "dialogue-2-own-result-phone-da")
        assert q.get_by_role("heading", name="Opsummering til udviklingssamtalen").is_visible()
        q.emulate_media(media="print")  # what the printed summary holds: no site header, no forms
        assert not q.get_by_role("button", name="Gem mine svar").is_visible()
        assert q.get_by_role("heading", name="Opsummering til udviklingssamtalen").is_visible()
        screenshot(q, "dialogue-2b-printed-summary-da")
    finally:
        other.close()
    p.goto(p.url.split("?")[0].split("#")[0] + "/team?lang=da")
    assert p.get_by_text("For få har svaret endnu").is_visible()
    screenshot(p, "dialogue-3-team-too-small-da")
