"""Who is signed in, for pages and routes: the session cookie, CSRF tokens, and role checks.

The session cookie is HttpOnly and SameSite=Lax, and Secure whenever the public address is HTTPS.
Every form carries a CSRF token: the session's own once signed in; before that (the sign-in and
invitation forms) a random one in a cookie of its own, which the form must repeat.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from kg.core.errors import refused
from kg.services import accounts
from kg.store.db import Database

from .app_settings import settings_of

SESSION_COOKIE = "dkk_session"
CSRF_COOKIE = "dkk_csrf"


def database_of(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def policy_of(request: Request) -> accounts.Policy:
    s = settings_of(request)
    return accounts.Policy(s.session_hours, s.login_max_failures, s.login_lock_minutes)


def signed_in(request: Request) -> accounts.SignedIn | None:
    """The session's account, looked up once per request."""
    if not hasattr(request.state, "signed_in"):
        token = request.cookies.get(SESSION_COOKIE)
        request.state.signed_in = accounts.session(database_of(request), token) if token else None
    found: accounts.SignedIn | None = request.state.signed_in
    return found


def form_token(request: Request) -> str:
    """The CSRF token a form on this page carries (see the module docstring)."""
    who = signed_in(request)
    if who is not None:
        return who.csrf
    if not hasattr(request.state, "csrf"):
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    token: str = request.state.csrf
    return token


def keep_form_token(request: Request, response: Response) -> Response:
    """Set the pre-sign-in CSRF cookie a page's form relies on."""
    if signed_in(request) is None and getattr(request.state, "csrf", None):
        response.set_cookie(
            CSRF_COOKIE,
            request.state.csrf,
            httponly=True,
            samesite="strict",
            secure=settings_of(request).cookies_secure(),
            path="/ui/",
        )
    return response


def check_form(request: Request, given: str | None) -> None:
    """403 unless the form repeats its page's CSRF token."""
    who = signed_in(request)
    expected = who.csrf if who is not None else request.cookies.get(CSRF_COOKIE)
    if not accounts.csrf_ok(expected, given):
        raise refused(
            403,
            "form_expired",
            field="csrf",
            reason="csrf",
        )


def start_session(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings_of(request).cookies_secure(),
        max_age=settings_of(request).session_hours * 3600,
        path="/",
    )
    response.delete_cookie(CSRF_COOKIE, path="/ui/")


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


class SignInRequired(Exception):
    """Raised by a page that needs a signed-in person; the app answers with ``response``."""

    def __init__(self, response: RedirectResponse) -> None:
        super().__init__("sign-in required")
        self.response = response


def require_sign_in(request: Request) -> accounts.SignedIn:
    """The signed-in person, or (for anyone else) a redirect to sign in and back: one line a page."""
    who = signed_in(request)
    if who is None:
        raise SignInRequired(to_sign_in(request))
    return who


async def answer_sign_in_required(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return exc.response


def to_sign_in(request: Request) -> RedirectResponse:
    """Where a page that needs a signed-in person sends one who is not (and back afterwards)."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/ui/sign-in?next={quote(back)}", status_code=303)


def safe_next(value: str | None) -> str:
    """A local path to go on to after signing in; anything else (another site, //host) goes home."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/ui/account"
