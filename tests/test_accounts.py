"""Signing in (issue 17): accounts in the real database, through the real server, as a browser posts forms.

Each abuse the issue names gets its clear answer and changes nothing: a wrong password, a locked
account, a form without its CSRF token, an expired or forged session, an invitation to another
municipality, a used invitation.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from kg.core.settings import get_settings
from kg.services import accounts, providers
from kg.store.db import open_database
from kg.store.db.schema import AuditEntry, Session, User

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def database():  # type: ignore[no-untyped-def]
    return open_database(get_settings().database_url_resolved())


def _admin(database, municipality: str) -> str:  # type: ignore[no-untyped-def]
    email = f"admin-{secrets.token_hex(4)}@{municipality}.dk"
    accounts.create_user(database, email, "Ada Admin", PASSWORD, "municipality_admin", municipality)
    return email


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the form carries no CSRF token"
    return found.group(1)


def _sign_in(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/ui/sign-in", params={"lang": "da"})
    return client.post(
        "/ui/sign-in",
        data={"email": email, "password": password, "csrf": _csrf(form.text), "next": "/ui/account"},
    )


def test_sign_in_and_out_with_secure_cookies(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        done = _sign_in(client, email)
        assert done.status_code == 303 and done.headers["location"] == "/ui/account"
        cookie = done.headers["set-cookie"]
        assert "dkk_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        page = client.get("/ui/account")
        assert page.status_code == 200 and email in page.text and "Kommunal administrator" in page.text
        assert page.headers["cache-control"] == "no-store"
        token = client.cookies["dkk_session"]
        with database.transaction() as db:  # only the token's hash is kept
            assert db.get(Session, accounts.digest(token)) is not None
            assert db.scalar(select(Session).where(Session.token_hash == token)) is None
        out = client.post("/ui/sign-out", data={"csrf": _csrf(page.text)})
        assert out.status_code == 303
        assert client.get("/ui/account").status_code == 303  # back to the sign-in page


def test_wrong_password_and_unknown_address_read_the_same_and_lock_after_five(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        unknown = _sign_in(client, "nobody@testby.dk", "whatever it is")
        wrong = _sign_in(client, email, "not the password")
        assert unknown.status_code == wrong.status_code == 401
        assert (
            "Forkert e-mailadresse eller adgangskode." in unknown.text
            and "Forkert e-mailadresse" in wrong.text
        )
        for _ in range(4):
            _sign_in(client, email, "not the password")
        locked = _sign_in(client, email)  # the right password, but locked now
        assert locked.status_code == 423 and "låst" in locked.text
        assert "dkk_session" not in client.cookies
    with database.transaction() as db:
        actions = list(db.scalars(select(AuditEntry.action).where(AuditEntry.subject == email)))
    assert actions.count("signin.failed") == 5 and "account.locked" in actions and "signin.locked" in actions


def test_a_form_without_its_csrf_token_changes_nothing(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        refused = client.post("/ui/sign-in", data={"email": email, "password": PASSWORD, "csrf": "forged"})
        assert refused.status_code == 403 and "dkk_session" not in client.cookies
        assert _sign_in(client, email).status_code == 303
        invite = client.post(
            "/ui/account/invites",
            data={"email": "x@testby.dk", "role": "employee", "organisation": "testby", "csrf": "forged"},
        )
        assert invite.status_code == 403
    with database.transaction() as db:
        assert db.scalar(select(AuditEntry).where(AuditEntry.subject == "x@testby.dk")) is None


def test_a_forged_or_expired_session_signs_nobody_in(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        client.cookies.set("dkk_session", secrets.token_urlsafe(32))
        assert client.get("/ui/account").status_code == 303
        client.cookies.clear()
        _sign_in(client, email)
        token = client.cookies["dkk_session"]
        with database.transaction() as db:
            from datetime import UTC, datetime, timedelta

            db.get(Session, accounts.digest(token)).expires_at = datetime.now(UTC) - timedelta(minutes=1)
        expired = client.get("/ui/account")
        assert expired.status_code == 303 and expired.headers["location"].startswith("/ui/sign-in?next=")


def test_an_administrator_invites_and_the_invited_person_joins(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    staff = f"emma-{secrets.token_hex(3)}@testby.dk"
    with httpx.Client(base_url=server) as admin:
        page = _sign_in(admin, email)
        page = admin.get("/ui/account")
        made = admin.post(
            "/ui/account/invites",
            data={"email": staff, "role": "employee", "organisation": "testby", "csrf": _csrf(page.text)},
        )
        assert made.status_code == 303  # post, redirect, get: a reload makes no second invitation
        shown = admin.get(made.headers["location"])
        link = re.search(r"(/ui/invite\?token=[\w-]+)", shown.text)
        assert link, shown.text
        # another municipality's people are not this administrator's to invite
        other = admin.post(
            "/ui/account/invites",
            data={
                "email": "z@andenby.dk",
                "role": "employee",
                "organisation": "andenby",
                "csrf": _csrf(page.text),
            },
        )
        assert other.status_code == 403
    with httpx.Client(base_url=server) as invited:
        form = invited.get(link.group(1) + "&lang=da")
        assert form.status_code == 200 and staff in form.text and "Medarbejder" in form.text
        short = invited.post(
            "/ui/invite",
            data={
                "token": link.group(1).split("=", 1)[1],
                "name": "Emma",
                "password": "short",
                "csrf": _csrf(form.text),
            },
        )
        assert short.status_code == 422 and "mindst 12 tegn" in short.text
        joined = invited.post(
            "/ui/invite",
            data={
                "token": link.group(1).split("=", 1)[1],
                "name": "Emma",
                "password": PASSWORD,
                "csrf": _csrf(form.text),
            },
        )
        assert joined.status_code == 303 and "dkk_session" in invited.cookies
        me = invited.get("/ui/account")
        assert "Emma" in me.text and "Medarbejder (testby)" in me.text
        again = invited.get(link.group(1))
        assert again.status_code == 404  # an invitation works once
    with database.transaction() as db:
        user = db.scalar(select(User).where(User.email == staff))
        assert user is not None and user.password_hash.startswith("$argon2id$")


def test_the_audit_log_is_the_administrators_alone(server: str, database) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(database, "testby")
    other = _admin(database, "andenby")
    with httpx.Client(base_url=server) as client:
        _sign_in(client, admin)
        own = client.get("/ui/account/audit", params={"organisation": "testby", "lang": "da"})
        assert own.status_code == 200 and "Loggede ind" in own.text
        assert client.get("/ui/account/audit", params={"organisation": "andenby"}).status_code == 403
    with httpx.Client(base_url=server) as client:
        _sign_in(client, other)
        assert client.get("/ui/account/audit", params={"organisation": "testby"}).status_code == 403


def test_next_goes_only_to_this_site(server: str, database) -> None:  # type: ignore[no-untyped-def]
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        form = client.get("/ui/sign-in")
        done = client.post(
            "/ui/sign-in",
            data={
                "email": email,
                "password": PASSWORD,
                "csrf": _csrf(form.text),
                "next": "//evil.example/steal",
            },
        )
        assert done.headers["location"] == "/ui/account"


def test_cli_creates_the_first_administrator(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'first.db'}"
    dkk = str(Path(sys.executable).with_name("dkk"))
    env = {
        "DKK_DATABASE_URL": url,
        "DKK_STORE_PATH": str(tmp_path / "store"),
        "DKK_CONTRIB_DIR": str(tmp_path / "contrib"),
        "PATH": "/usr/bin:/bin",
    }
    first = [dkk, "users", "create-admin", "first@testby.dk", "--municipality", "testby", "--password-stdin"]
    unnamed = subprocess.run(first, input=PASSWORD + "\n", env=env, capture_output=True, text=True)
    assert unnamed.returncode == 2 and "--municipality-name" in unnamed.stderr  # a new one needs its name
    made = subprocess.run(
        [*first, "--municipality-name", "Testby Kommune", "--example"],
        input=PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert providers.exists(tmp_path / "contrib", "testby", "municipalities")  # set up for tailoring
    again = subprocess.run(
        [dkk, "users", "create-admin", "first@testby.dk", "--municipality", "testby", "--password-stdin"],
        input=PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "already an account" in again.stderr
    database = open_database(url)
    assert accounts.sign_in(database, "first@testby.dk", PASSWORD, accounts.Policy()).account.has(
        "municipality_admin", "testby"
    )


def test_account_data_never_reaches_the_public_graph(server: str, database) -> None:  # type: ignore[no-untyped-def]
    """Accounts live in the relational database only: no SPARQL query, dump or page can return them."""
    email = _admin(database, "testby")
    with httpx.Client(base_url=server) as client:
        _sign_in(client, email)
        query = f'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{email}")) }}'
        found = client.get(
            "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
        )
        assert found.status_code == 200 and found.json()["results"]["bindings"] == []
        for ext in ("nq", "ttl"):
            assert email not in client.get(f"/dumps/dkk.{ext}").text
        assert client.get("/competences", params={"q": email}).json()["items"] == []
        assert email not in client.get("/dataset", headers={"Accept": "text/turtle"}).text
