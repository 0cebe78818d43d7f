"""Signing in and out, one's account, and (for a municipality's administrator) inviting its people and
reading its audit log. Every form repeats a CSRF token (api.accounts)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from kg.services import accounts, providers

from ..accounts import (
    SESSION_COOKIE,
    check_form,
    database_of,
    end_session,
    policy_of,
    require_sign_in,
    safe_next,
    signed_in,
    start_session,
)
from ..app_settings import settings_of
from .render import private_page

router = APIRouter(include_in_schema=False)


@router.get("/ui/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str | None = Query(None, max_length=2000)) -> Response:
    if signed_in(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return private_page(request, "sign_in.html", next=safe_next(next), email="", error=None)


@router.post("/ui/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    email: str = Form("", max_length=320),
    password: str = Form("", max_length=1000),
    csrf: str = Form("", max_length=200),
    next: str = Form("/ui/account", max_length=2000),
) -> Response:
    check_form(request, csrf)
    try:
        who = accounts.sign_in(database_of(request), email, password, policy_of(request))
    except accounts.AccountError as exc:
        return private_page(
            request, "sign_in.html", status=exc.status, next=safe_next(next), email=email, error=exc
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    assert who.token is not None
    start_session(request, response, who.token)
    return response


@router.post("/ui/sign-out")
def sign_out(request: Request, csrf: str = Form("", max_length=200)) -> Response:
    check_form(request, csrf)
    accounts.sign_out(database_of(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    end_session(response)
    return response


def _account_page(request: Request, status: int = 200, **extra: object) -> Response:
    who = require_sign_in(request)
    administered = who.account.organisations("municipality_admin")
    people = {org: accounts.members(database_of(request), org) for org in administered}
    contrib_dir = settings_of(request).contrib_dir_resolved()
    keys = {(kind, org): providers.keys_of(contrib_dir, org, kind) for kind, org in _key_owners(who.account)}
    return private_page(
        request,
        "account.html",
        status=status,
        who=who.account,
        people=people,
        keys=keys,
        invitable=sorted(accounts.INVITES["municipality_admin"]),
        **extra,
    )


def _key_owners(account: accounts.Account) -> list[tuple[str, str]]:
    """The owners whose API keys this person manages: their municipality (its administrator) or their
    provider."""
    return [("municipalities", o) for o in account.organisations("municipality_admin")] + [
        ("providers", o) for o in account.organisations("provider")
    ]


@router.post("/ui/account/keys", response_class=HTMLResponse)
def manage_key(
    request: Request,
    action: str = Form("", pattern="^(create|revoke|rotate)$"),
    kind: str = Form("", pattern="^(municipalities|providers)$"),
    owner: str = Form("", max_length=100),
    key_id: str = Form("", max_length=20),
    csrf: str = Form("", max_length=200),
) -> Response:
    """Create, revoke or rotate one of one's own organisation's API keys; a new key is shown once, here."""
    who = require_sign_in(request)
    check_form(request, csrf)
    if (kind, owner) not in _key_owners(who.account):
        return _account_page(request, status=403, error=accounts.AccountError(403, "forbidden", "Not yours."))
    contrib_dir = settings_of(request).contrib_dir_resolved()
    try:
        if action == "revoke":
            providers.revoke_key(contrib_dir, owner, key_id, kind)
            token = None
        elif action == "rotate":
            token = providers.rotate_key(contrib_dir, owner, key_id, kind)
        else:
            token = providers.create_key(contrib_dir, owner, kind)
    except providers.ProviderError:
        return _account_page(request, status=404, error=accounts.AccountError(404, "no_key", "No such key."))
    accounts.record(
        database_of(request),
        who.account.id,
        f"key.{action}",
        key_id or "",
        owner if kind == "municipalities" else "",
    )
    if token is None:
        return RedirectResponse("/ui/account#keys", status_code=303)
    return _account_page(request, new_key={"owner": owner, "token": token})


@router.get("/ui/account", response_class=HTMLResponse)
def account(request: Request, invited: str | None = Query(None, max_length=200)) -> Response:
    """One's account; with ``invited``, the link of an invitation just made (while it is open)."""
    shown = None
    if invited and signed_in(request) is not None:
        try:
            pending = accounts.pending_invite(database_of(request), invited)
            link = f"{settings_of(request).public_url.rstrip('/')}/ui/invite?token={invited}"
            shown = {"email": pending.email, "link": link}
        except accounts.AccountError:
            shown = None
    return _account_page(request, invited=shown)


@router.post("/ui/account/invites", response_class=HTMLResponse)
def create_invite(
    request: Request,
    email: str = Form("", max_length=320),
    role: str = Form("", max_length=40),
    organisation: str = Form("", max_length=100),
    csrf: str = Form("", max_length=200),
) -> Response:
    who = require_sign_in(request)
    check_form(request, csrf)
    try:
        token = accounts.invite(
            database_of(request), who.account, email, role, organisation, policy_of(request)
        )
    except accounts.AccountError as exc:
        return _account_page(request, status=exc.status, error=exc)
    # Post, then redirect: reloading the page shows the link again and makes no second invitation.
    return RedirectResponse(f"/ui/account?invited={token}", status_code=303)


@router.get("/ui/account/audit", response_class=HTMLResponse)
def audit(request: Request, organisation: str = Query(..., max_length=100)) -> Response:
    who = require_sign_in(request)
    if not who.account.has("municipality_admin", organisation):
        raise accounts.AccountError(403, "forbidden", "Not this person's municipality.")
    return private_page(
        request,
        "audit.html",
        organisation=organisation,
        entries=accounts.audit_log(database_of(request), organisation),
    )


@router.get("/ui/invite", response_class=HTMLResponse)
def invite_page(request: Request, token: str = Query(..., max_length=200)) -> Response:
    try:
        pending = accounts.pending_invite(database_of(request), token)
    except accounts.AccountError as exc:
        return private_page(request, "invite.html", status=exc.status, token=token, pending=None, error=exc)
    return private_page(request, "invite.html", token=token, pending=pending, error=None)


@router.post("/ui/invite", response_class=HTMLResponse)
def accept_invite(
    request: Request,
    token: str = Form("", max_length=200),
    name: str = Form("", max_length=200),
    password: str = Form("", max_length=1000),
    csrf: str = Form("", max_length=200),
) -> Response:
    check_form(request, csrf)
    try:
        who = accounts.accept_invite(database_of(request), token, name, password, policy_of(request))
    except accounts.AccountError as exc:
        try:
            pending = accounts.pending_invite(database_of(request), token)
        except accounts.AccountError:
            pending = None
        return private_page(
            request, "invite.html", status=exc.status, token=token, pending=pending, error=exc
        )
    response = RedirectResponse("/ui/account", status_code=303)
    assert who.token is not None
    start_session(request, response, who.token)
    return response
