"""Competence dialogues (issue 17): employees rate themselves, a manager sees the team only from the
minimum group size on, no one sees another's answers, and nothing of it reaches the public graph."""

from __future__ import annotations

import re
import secrets

import httpx
import pytest
from sqlalchemy import select

from kg.core.settings import get_settings
from kg.services import accounts
from kg.store.db import open_database
from kg.store.db.schema import AuditEntry, Rating

from .test_accounts import PASSWORD, _csrf, _sign_in

PROFILE = "https://w3id.org/dkk/id/example/profile/eksempelkommune-sosu"


@pytest.fixture(scope="module")
def town(server: str) -> dict[str, object]:
    """A municipality with a manager, six employees and someone from another municipality."""
    database = open_database(get_settings().database_url_resolved())
    org = f"dialog{secrets.token_hex(3)}"
    made = {"org": org, "manager": f"leder@{org}.dk", "staff": [f"m{i}@{org}.dk" for i in range(6)]}
    accounts.create_user(database, str(made["manager"]), "Lene Leder", PASSWORD, "manager", org)
    for email in made["staff"]:  # type: ignore[attr-defined]
        accounts.create_user(database, email, email.split("@")[0], PASSWORD, "employee", org)
    accounts.create_user(database, f"x@other{org}.dk", "Ole Other", PASSWORD, "employee", f"other{org}")
    made["database"] = database
    return made


def _start(server: str, town: dict) -> tuple[httpx.Client, str]:
    manager = httpx.Client(base_url=server)
    _sign_in(manager, town["manager"])
    page = manager.get("/ui/dialogues", params={"lang": "da"})
    assert page.status_code == 200 and "Start en runde" in page.text
    started = manager.post(
        "/ui/dialogues",
        data={
            "csrf": _csrf(page.text),
            "organisation": town["org"],
            "profile": PROFILE,
            "title": "Forår",
            "emails": "\n".join(town["staff"]),
        },
    )
    assert started.status_code == 303, started.text
    return manager, started.headers["location"]


def _answer(server: str, email: str, where: str, comment: str = "") -> httpx.Client:
    person = httpx.Client(base_url=server)
    _sign_in(person, email)
    page = person.get(where, params={"lang": "da"})
    assert page.status_code == 200 and "Dit nuværende niveau" in page.text
    options = re.findall(
        r'<select id="level-(\d+)" name="level-\d+"><option value="">[^<]*</option><option>([^<]+)</option>',
        page.text,
    )
    assert options
    form = {"csrf": _csrf(page.text)} | {f"level-{i}": name for i, name in options}
    form["comment-0"] = comment
    saved = person.post(where, data=form)
    assert saved.status_code == 303
    return person


def test_a_round_from_start_to_team_view(server: str, town: dict) -> None:
    manager, where = _start(server, town)
    first = _answer(server, town["staff"][0], where, comment="hemmelig-kommentar-4711")
    mine = first.get(where, params={"lang": "da"})
    assert "Resultat" in mine.text or "gap-result" in mine.text
    assert "hemmelig-kommentar-4711" in mine.text and mine.headers["cache-control"] == "no-store"
    # a manager asking for a team of 1: refused, and told why
    small = manager.get(where + "/team", params={"lang": "da"})
    assert small.status_code == 403 and "For få har svaret" in small.text
    for email in town["staff"][1:5]:
        _answer(server, email, where)
    team = manager.get(where + "/team", params={"lang": "da"})
    assert team.status_code == 200 and "Teamet i Forår" in team.text
    assert "hemmelig-kommentar-4711" not in team.text and town["staff"][0] not in team.text
    # someone from another municipality, or not in the round, learns nothing
    outsider = httpx.Client(base_url=server)
    _sign_in(outsider, f"x@other{town['org']}.dk")
    assert outsider.get(where).status_code == 404
    assert outsider.get(where + "/team").status_code == 404
    # an employee cannot see the team view
    assert first.get(where + "/team").status_code == 404
    # the comment is nowhere in the public graph
    q = 'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "hemmelig-kommentar-4711")) }'
    found = httpx.get(
        f"{server}/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"}
    )
    assert found.json()["results"]["bindings"] == []
    assert "hemmelig-kommentar-4711" not in httpx.get(f"{server}/dumps/dkk.nq").text
    # the employee deletes their answers: gone from the database, and the deletion is logged
    page = first.get(where)
    gone = first.post(where + "/forget", data={"csrf": _csrf(page.text)})
    assert gone.status_code == 303
    database = town["database"]
    with database.transaction() as db:
        assert db.scalar(select(Rating).where(Rating.comment == "hemmelig-kommentar-4711")) is None
        actions = set(db.scalars(select(AuditEntry.action).where(AuditEntry.organisation == town["org"])))
    assert {"round.started", "assessment.saved", "team.read", "assessment.deleted"} <= actions


def test_a_round_only_for_people_of_the_municipality(server: str, town: dict) -> None:
    manager = httpx.Client(base_url=server)
    _sign_in(manager, town["manager"])
    page = manager.get("/ui/dialogues", params={"lang": "da"})
    refused = manager.post(
        "/ui/dialogues",
        data={
            "csrf": _csrf(page.text),
            "organisation": town["org"],
            "profile": PROFILE,
            "title": "X",
            "emails": f"x@other{town['org']}.dk",
        },
    )
    assert refused.status_code == 422 and "ingen konto i kommunen" in refused.text
    other = manager.post(
        "/ui/dialogues",
        data={
            "csrf": _csrf(page.text),
            "organisation": f"other{town['org']}",
            "profile": PROFILE,
            "title": "X",
            "emails": f"x@other{town['org']}.dk",
        },
    )
    assert other.status_code == 403
    employee = httpx.Client(base_url=server)
    _sign_in(employee, town["staff"][5])
    assert "Start en runde" not in employee.get("/ui/dialogues", params={"lang": "da"}).text
    page = employee.get("/ui/account")  # (a page with a form: its session's CSRF token)
    assert (
        employee.post(
            "/ui/dialogues",
            data={
                "csrf": _csrf(page.text),
                "organisation": town["org"],
                "profile": PROFILE,
                "title": "X",
                "emails": town["staff"][0],
            },
        ).status_code
        == 403
    )
