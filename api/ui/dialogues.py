"""Competence dialogues on the site: a manager starts a round for a profile; each employee rates their
current level per requirement and sees their own gaps; the manager sees the team's, from a minimum
group size on. Signed-in pages only; every form repeats its CSRF token (api.accounts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from rdflib import URIRef

from kg.services import accounts, dialogues
from kg.services.refs import resolve_profile

from ..accounts import check_form, database_of, require_sign_in
from ..app_settings import settings_of
from ..deps import lookups_of, practices_of, profiles_of, store_of
from .profiles import gap_result, level_choices
from .render import private_page

router = APIRouter(include_in_schema=False)


def _refused(request: Request, exc: accounts.AccountError) -> Response:
    return private_page(request, "refused.html", status=exc.status, error=exc, back="/ui/dialogues")


@router.get("/ui/dialogues", response_class=HTMLResponse)
def rounds(request: Request) -> Response:
    who = require_sign_in(request)
    leads = sorted({o for r in dialogues.LEADS for o in who.account.organisations(r)})
    return private_page(
        request,
        "dialogues.html",
        rounds=dialogues.mine(database_of(request), who.account),
        leads=leads,
        profiles=sorted(profiles_of(request), key=lambda p: p["iri"]),
        me=who.account,
    )


@router.post("/ui/dialogues", response_class=HTMLResponse)
def start(
    request: Request,
    organisation: str = Form("", max_length=100),
    profile: str = Form("", max_length=2000),
    title: str = Form("", max_length=200),
    emails: str = Form("", max_length=20000),
    csrf: str = Form("", max_length=200),
) -> Response:
    who = require_sign_in(request)
    check_form(request, csrf)
    resolved = resolve_profile(store_of(request), profile, "profile")  # 404 for an unknown profile
    people = [e for line in emails.splitlines() for e in line.replace(",", " ").split()]
    try:
        made = dialogues.start(
            database_of(request), who.account, organisation, resolved.profile, title, people
        )
    except accounts.AccountError as exc:
        return _refused(request, exc)
    return RedirectResponse(f"/ui/dialogues/{made}", status_code=303)


def _levels(request: Request, round_info: dialogues.RoundInfo) -> tuple[Any, dict[str, list[str]]]:
    resolved = resolve_profile(store_of(request), round_info.profile, "profile")
    return resolved, level_choices(lookups_of(request).book, resolved)


@router.get("/ui/dialogues/{round_id}", response_class=HTMLResponse)
def dialogue(round_id: int, request: Request) -> Response:
    who = require_sign_in(request)
    database = database_of(request)
    try:
        info = dialogues.visible(database, who.account, round_id)
        mine = (
            dialogues.ratings(database, who.account, round_id, who.account.id)
            if info.takes_part(who.account)
            else {}
        )
    except accounts.AccountError as exc:
        return _refused(request, exc)
    resolved, choices = _levels(request, info)
    book = lookups_of(request).book
    names = {level: name for scale in book.levels.values() for name, level in scale.items()}
    selected = {c: _notation(book, c, r["level"]) for c, r in mine.items() if "level" in r}
    result = None
    if mine:
        current = {c: URIRef(r["level"]) for c, r in mine.items() if "level" in r}
        result = gap_result(request, resolved, [current])
    return private_page(
        request,
        "dialogue.html",
        round=info,
        me=who.account,
        resolved=resolved,
        choices=choices,
        selected=selected,
        comments={c: r.get("comment", "") for c, r in mine.items()},
        result=result,
        practice_labels={p["iri"]: p["label"] for p in practices_of(request)},
        names=names,
        min_group=settings_of(request).team_min_group,
    )


def _notation(book: Any, competence: str, level: str) -> str:
    scale = book.scale_for(URIRef(competence))
    return next(
        (n for n in book.level_names.get(scale, []) if book.levels[scale].get(n.lower()) == level), ""
    )


@router.post("/ui/dialogues/{round_id}", response_class=HTMLResponse)
async def save(round_id: int, request: Request) -> Response:
    who = require_sign_in(request)
    form = await request.form()
    check_form(request, str(form.get("csrf") or ""))
    # The profile is read from the store: in a worker thread, through the query pool (api.reads).
    return await run_in_threadpool(_save, request, who.account, round_id, form)


def _save(request: Request, account: accounts.Account, round_id: int, form: Any) -> Response:
    database = database_of(request)
    try:
        info = dialogues.visible(database, account, round_id)
    except accounts.AccountError as exc:
        return _refused(request, exc)
    resolved, _ = _levels(request, info)
    book = lookups_of(request).book
    levels: dict[str, str] = {}
    comments: dict[str, str] = {}
    for i, q in enumerate(resolved.requirements):
        name = str(form.get(f"level-{i}") or "")
        level = book.level(URIRef(q.competence), name) if name else None
        levels[q.competence] = str(level) if level else ""
        comments[q.competence] = str(form.get(f"comment-{i}") or "")[:2000]
    try:
        dialogues.rate(database, account, round_id, levels, comments)
    except accounts.AccountError as exc:
        return _refused(request, exc)
    return RedirectResponse(f"/ui/dialogues/{round_id}#gap-result", status_code=303)


@router.post("/ui/dialogues/{round_id}/forget", response_class=HTMLResponse)
def forget(round_id: int, request: Request, csrf: str = Form("", max_length=200)) -> Response:
    who = require_sign_in(request)
    check_form(request, csrf)
    try:
        dialogues.forget(database_of(request), who.account, round_id)
    except accounts.AccountError as exc:
        return _refused(request, exc)
    return RedirectResponse(f"/ui/dialogues/{round_id}", status_code=303)


@router.get("/ui/dialogues/{round_id}/team", response_class=HTMLResponse)
def team(round_id: int, request: Request) -> Response:
    who = require_sign_in(request)
    database = database_of(request)
    try:
        info = dialogues.visible(database, who.account, round_id)
        members = dialogues.team(database, who.account, round_id, settings_of(request).team_min_group)
    except accounts.AccountError as exc:
        return _refused(request, exc)
    resolved, _ = _levels(request, info)
    result = gap_result(request, resolved, [{c: URIRef(v) for c, v in m.items()} for m in members])
    return private_page(
        request,
        "dialogue_team.html",
        round=info,
        result=result,
        practice_labels={p["iri"]: p["label"] for p in practices_of(request)},
    )
