"""Competence dialogues (issue 17): employees rate themselves, a manager sees the team only from the
minimum group size on, no one sees another's answers, and nothing of it reaches the public graph."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from kg.core.settings import get_settings
from kg.core.tables import Table
from kg.services import accounts, dialogues, providers
from kg.store.db import open_database
from kg.store.db.schema import AuditEntry, Rating, Round

from .conftest import Town
from .test_accounts import PASSWORD, _csrf, _sign_in

PROFILE = "https://w3id.org/dkk/id/example/profile/eksempelkommune-sosu"


@pytest.fixture(scope="module")
def org(town: Town) -> dict[str, object]:
    """A municipality with a manager, six employees and someone from another municipality."""
    database = open_database(get_settings().database_url_resolved())
    org = f"dialog{secrets.token_hex(3)}"
    made = {"org": org, "manager": f"leder@{org}.dk", "staff": [f"m{i}@{org}.dk" for i in range(6)]}
    accounts.create_user(database, str(made["manager"]), "Lene Leder", PASSWORD, "manager", org)
    for email in made["staff"]:  # type: ignore[attr-defined]
        accounts.create_user(database, email, email.split("@")[0], PASSWORD, "employee", org)
    accounts.create_user(database, f"x@other{org}.dk", "Ole Other", PASSWORD, "employee", f"other{org}")
    made["admin"] = f"hr@{org}.dk"
    accounts.create_user(database, str(made["admin"]), "Helle HR", PASSWORD, "municipality_admin", org)
    providers.add_municipality(town.contrib_dir, org, f"Dialogby {org}", example=True)
    made["database"] = database
    made["url"] = town.url
    return made


def _start(server: str, town: dict, title: str = "Forår") -> tuple[httpx.Client, str]:
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
            "title": title,
            "emails": "\n".join(town["staff"]),
        },
    )
    assert started.status_code == 303, started.text
    return manager, started.headers["location"]


def _answer(server: str, email: str, where: str, comment: str = "", pick: int = 1) -> httpx.Client:
    person = httpx.Client(base_url=server)
    _sign_in(person, email)
    page = person.get(where, params={"lang": "da"})
    assert page.status_code == 200 and "Dit nuværende niveau" in page.text
    options = re.findall(
        r'<select id="level-(\d+)" name="level-\d+"><option value="">[^<]*</option>'
        + rf'(?:<option value="[^"]+">[^<]+</option>){{{pick - 1}}}<option value="([^"]+)">',
        page.text,
    )
    assert options
    form = {"csrf": _csrf(page.text)} | {f"level-{i}": name for i, name in options}
    form["comment-0"] = comment
    saved = person.post(where, data=form)
    assert saved.status_code == 303
    return person


def test_a_round_from_start_to_team_view(org: dict) -> None:
    server, town = org["url"], org
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


def test_a_round_only_for_people_of_the_municipality(org: dict) -> None:
    server, town = org["url"], org
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


def _people(page: str) -> dict[str, str]:
    """Each participant's address and the link to the manager's view of them."""
    return dict(re.findall(r'\(([^()\s]+@[^()\s]+)\): [^<]*<a href="(/ui/dialogues/\d+/people/\d+)"', page))


def test_levels_explained_and_the_managers_view_of_a_person(org: dict) -> None:
    server, town = org["url"], org
    manager, where = _start(server, town, "Efterår")
    person = _answer(server, town["staff"][0], where, comment="egen-vurdering-1")
    page = person.get(where, params={"lang": "da"}).text
    assert "Sådan er niveauerne beskrevet" in page  # the scale in plain Danish, before the form
    assert "husker man og udfører enkle opgaver" in page
    assert "beskrevet: DigComp 3.0: færdighedsniveauer (4)" in page  # the scale by its name
    links = _people(manager.get(where, params={"lang": "da"}).text)
    view = manager.get(links[town["staff"][0]], params={"lang": "da"})
    assert view.status_code == 200 and "Egen vurdering" in view.text and "egen-vurdering-1" in view.text
    form = {"csrf": _csrf(view.text), "level-0": "Advanced", "comment-0": "lederens-syn-7"}
    assert manager.post(links[town["staff"][0]], data=form).status_code == 303
    mine = person.get(where, params={"lang": "da"}).text
    assert "Din leders vurdering" in mine and "lederens-syn-7" in mine
    # a colleague, or the person themself, cannot open the manager's view of anyone
    colleague = _answer(server, town["staff"][1], where)
    assert colleague.get(links[town["staff"][0]]).status_code == 404
    assert person.get(links[town["staff"][0]]).status_code == 404
    token = _csrf(colleague.get(where).text)
    tried = colleague.post(links[town["staff"][0]], data={"csrf": token, "level-0": "Basic"})
    assert tried.status_code == 404
    with town["database"].transaction() as db:
        read = db.scalars(select(AuditEntry.action).where(AuditEntry.organisation == town["org"])).all()
    assert "assessment.read" in read


def test_team_counts_over_rounds_csv_publishing_and_deleting(org: dict) -> None:
    """Two rounds of the same profile: the team view counts levels per requirement and shows the trend;
    the CSV holds counts and no one's address; the administrator publishes the counts, marked as an
    aggregate, and deletes a round with everyone's answers."""
    server, town = org["url"], org
    rounds = []
    for title, pick in (("Runde 1", 1), ("Runde 2", 2)):
        manager, where = _start(server, town, title)
        for email in town["staff"][:5]:
            _answer(server, email, where, pick=pick)
        rounds.append(where)
    team = manager.get(rounds[1] + "/team", params={"lang": "da"})
    assert team.status_code == 200 and "Niveauer pr. krav" in team.text and "Over tid" in team.text
    trend = team.text.split('id="trend-h"', 1)[1]
    assert trend.index("Runde 1") < trend.index("Runde 2")
    assert "Offentliggør" not in team.text  # the manager does not publish; the administrator may
    csv = manager.get(rounds[1] + "/team.csv", params={"lang": "da"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    table = list(Table(csv.content).rows())
    assert {row["round"] for _, row in table} == {"Runde 1", "Runde 2"}
    assert all(row["of"] == "5" for _, row in table)
    assert not any("@" in value for _, row in table for value in row.values())
    admin = httpx.Client(base_url=server)
    _sign_in(admin, town["admin"])
    page = admin.get(rounds[1] + "/team", params={"lang": "da"})
    assert "Offentliggør i den offentlige graf" in page.text
    published = admin.post(rounds[1] + "/team/publish", data={"csrf": _csrf(page.text), "title": "Team X"})
    assert published.status_code == 303, published.text
    aggregate = f"https://w3id.org/dkk/id/municipality/{town['org']}/aggregate/{rounds[1].rsplit('/', 1)[1]}"
    ask = f'ASK {{ <{aggregate}> a dkk:TeamAggregate ; dkk:respondents 5 ; rdfs:label "Team X"@da }}'
    assert httpx.get(f"{server}/sparql", params={"query": ask}).json()["boolean"] is True
    # deleting a round: the administrator only, with all its answers
    token = _csrf(manager.get("/ui/account").text)
    assert manager.post(rounds[0] + "/delete", data={"csrf": token}).status_code == 403
    token = _csrf(admin.get(rounds[0]).text)
    assert admin.post(rounds[0] + "/delete", data={"csrf": token}).status_code == 303
    assert manager.get(rounds[0]).status_code == 404


def test_rounds_past_the_retention_period_are_deleted(org: dict) -> None:
    town = org
    database = town["database"]
    with database.transaction() as db:
        old = Round(
            organisation=town["org"],
            profile=PROFILE,
            title="Gammel",
            created_by=None,
            created_at=datetime.now(UTC) - timedelta(days=800),
        )
        db.add(old)
        db.flush()
        old_id = old.id
    assert dialogues.expire(database, 0) == 0  # 0 keeps everything
    assert dialogues.expire(database, 730) >= 1
    with database.transaction() as db:
        assert db.get(Round, old_id) is None
        assert db.scalar(select(AuditEntry).where(AuditEntry.action == "round.expired")) is not None
