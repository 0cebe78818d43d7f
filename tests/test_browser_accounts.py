"""An administrator signs in with the keyboard, invites an employee, who joins, in headless Chromium."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from kg.core.settings import get_settings
from kg.services import accounts, providers
from kg.store.db import open_database

from . import reading
from .browser import Watch, open_page, screenshot
from .conftest import Town

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
    _seen_in_danish(p, "accounts-1-signed-in-da")
    staff = f"medarbejder-{secrets.token_hex(3)}@browserby.dk"
    p.get_by_label("E-mailadresse").fill(staff)
    p.get_by_label("Rolle").select_option("employee")
    p.get_by_role("button", name="Opret invitation").click()
    link = re.search(r"/ui/invite\?token=[\w-]+", p.content())
    assert link
    _seen_in_danish(p, "accounts-2-invitation-made-da")
    other = chromium.new_context(base_url=server)
    q = other.new_page()
    try:
        _join(q, link.group(0), "Mads Medarbejder")
        assert q.get_by_text("Medarbejder (browserby)").is_visible()
        _seen_in_danish(q, "accounts-3-invited-employee-joined-da")
    finally:
        other.close()
    p.goto("/ui/account")
    assert p.get_by_role("cell", name=staff).is_visible()
    p.get_by_role("button", name="Log ud").click()
    p.wait_for_url("**/")
    assert p.get_by_role("link", name="Log ind").is_visible()


def _seen_in_danish(page: Any, name: str) -> None:
    """A screenshot of a signed-in page, which must read in Danish throughout (tests/reading.py)."""
    screenshot(page, name)
    found = reading.read(page)
    assert reading.foreign_words(found, "da") == {}, name
    assert reading.misformatted_numbers(found, "da") == [], name


def _join(q: Any, link: str, name: str) -> None:
    """Take up an invitation: one's name and a password, from the link."""
    q.goto(link + "&lang=da")
    q.get_by_label("Navn").fill(name)
    q.get_by_label("Adgangskode").fill(PASSWORD)
    q.get_by_role("button", name="Tag imod, og log ind").click()
    q.wait_for_url("**/ui/account")


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
    _seen_in_danish(p, "dialogue-1-round-started-da")
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
        _seen_in_danish(q, "dialogue-2-own-result-phone-da")
        assert q.get_by_role("heading", name="Opsummering til udviklingssamtalen").is_visible()
        q.emulate_media(media="print")  # what the printed summary holds: no site header, no forms
        assert not q.get_by_role("button", name="Gem mine svar").is_visible()
        assert q.get_by_role("heading", name="Opsummering til udviklingssamtalen").is_visible()
        _seen_in_danish(q, "dialogue-2b-printed-summary-da")
    finally:
        other.close()
    p.goto(p.url.split("?")[0].split("#")[0] + "/team?lang=da")
    assert p.get_by_text("For få har svaret endnu").is_visible()
    _seen_in_danish(p, "dialogue-3-team-too-small-da")


def test_the_whole_flow_for_a_municipality(chromium: Any, town: Town, request: pytest.FixtureRequest) -> None:
    """Invite, sign in, tailor a profile and save it as a version, hold a dialogue round on it, see the
    team view, delete one's answers and the round: as the people who do it, in Danish, in Chromium."""
    from .test_dialogues import _answer

    server = town.url
    pages = open_page(chromium, server, request)  # on the server that takes writes (tests/conftest.py)
    p, watch = next(pages)
    try:
        watch.allowed_statuses.add(422)  # a round for someone who has not joined yet is refused, on purpose
        database = open_database(get_settings().database_url_resolved())
        org = f"flow{secrets.token_hex(3)}"
        providers.add_municipality(town.contrib_dir, org, f"Flowby {org}", example=True)
        admin = f"hr@{org}.dk"
        accounts.create_user(database, admin, "Hanne HR", PASSWORD, "municipality_admin", org)
        colleagues = [f"k{i}@{org}.dk" for i in range(4)]
        for email in colleagues:
            accounts.create_user(database, email, email.split("@")[0], PASSWORD, "employee", org)
        _sign_in(p, admin)
        # invite
        employee = f"ny@{org}.dk"
        p.get_by_label("E-mailadresse").fill(employee)
        p.get_by_label("Rolle").select_option("employee")
        p.get_by_role("button", name="Opret invitation").click()
        link = re.search(r"/ui/invite\?token=[\w-]+", p.content())
        assert link
        # tailor: start from SOSU, raise one level, see the change by name, save with a reason
        p.get_by_role("link", name="Lokalt tilpassede profiler").click()
        p.get_by_label("Tag udgangspunkt i").select_option(
            label="Digital kompetenceprofil for social- og sundhedsassistenter"
        )
        p.get_by_label("Kort navn i adressen").fill("hjemmeplejen")
        p.get_by_label("Navn på dansk").fill("Hjemmeplejen i Flowby")
        p.get_by_role("button", name="Åbn redigeringen").click()
        p.locator("select[id^=level-]").first.select_option("Highly advanced")
        p.get_by_role("button", name="Vis ændringer").click()
        changes = p.locator("#changes")
        assert changes.get_by_text("Meget avanceret").first.is_visible()
        _seen_in_danish(p, "flow-1-tailoring-changes-before-saving-da")
        p.get_by_label("Hvorfor (gemmes med versionen)").fill("Hjemmeplejen bruger flere digitale værktøjer")
        p.get_by_role("button", name="Gem som ny version").click()
        p.wait_for_url("**/history?saved=1")
        assert p.get_by_text("Gemt som version 1.").is_visible()
        _seen_in_danish(p, "flow-2-tailored-profile-version-1-da")
        # a round on the tailored profile, for the new employee and four colleagues
        p.goto("/ui/dialogues?lang=da")
        p.get_by_label("Titel").fill("Udviklingssamtaler 2027")
        p.get_by_label("Profil").select_option(label="Hjemmeplejen i Flowby")
        p.get_by_label("Hvem deltager (e-mailadresser)").fill("\n".join([employee, *colleagues]))
        with p.expect_response(lambda r: r.url.endswith("/ui/dialogues") and r.request.method == "POST"):
            p.get_by_role("button", name="Start runden").click()
        assert p.get_by_text("ingen konto i kommunen").is_visible()  # the invited one has not joined yet
        other = chromium.new_context(base_url=server, viewport={"width": 390, "height": 844})  # a phone
        q = other.new_page()
        try:
            _join(q, link.group(0), "Nana Ny")
            p.go_back()
            p.get_by_role("button", name="Start runden").click()
            p.wait_for_url("**/ui/dialogues/*")
            where = p.url.split(server, 1)[-1].split("?")[0]
            q.goto(where + "?lang=da")
            assert q.get_by_text("Sådan er niveauerne beskrevet").first.is_visible()
            for select in q.locator("select[id^=level-]").all():
                select.select_option(index=2)
            q.get_by_role("button", name="Gem mine svar").click()
            q.wait_for_load_state()
            _seen_in_danish(q, "flow-3-employee-result-phone-da")
            for email in colleagues:
                _answer(server, email, where)
            p.goto(where + "/team?lang=da")
            assert p.get_by_role("heading", name="Niveauer pr. krav").is_visible()
            assert p.get_by_role("heading", name="Over tid").is_visible()
            _seen_in_danish(p, "flow-4-team-view-da")
            # the employee deletes their answers; the administrator deletes the round
            q.goto(where + "?lang=da")
            q.get_by_role("button", name="Slet mine svar").click()
            q.wait_for_load_state()
            assert not q.get_by_role("heading", name="Opsummering til udviklingssamtalen").is_visible()
            _seen_in_danish(q, "flow-5-answers-deleted-phone-da")
        finally:
            other.close()
        p.goto(where + "?lang=da")
        p.get_by_role("button", name="Slet runden og alle svar i den").click()
        p.wait_for_url("**/ui/dialogues")
        assert not p.get_by_role("link", name="Udviklingssamtaler 2027").count()
        next(pages, None)  # the page's end: its screenshot, and no problem seen on it
    finally:
        pages.close()
