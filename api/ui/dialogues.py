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
from ..deps import levels_of, lookups_of, practices_of, profiles_of, store_of
from .profiles import gap_result, level_choices
from .render import private_page

router = APIRouter(include_in_schema=False)


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
    made = dialogues.start(database_of(request), who.account, organisation, resolved.profile, title, people)
    return RedirectResponse(f"/ui/dialogues/{made}", status_code=303)


def _levels(request: Request, round_info: dialogues.RoundInfo) -> tuple[Any, dict[str, list[Any]]]:
    resolved = resolve_profile(store_of(request), round_info.profile, "profile")
    lookups = lookups_of(request)
    return resolved, level_choices(lookups.book, resolved, lookups.labels)


def _form_context(request: Request, info: dialogues.RoundInfo) -> dict[str, Any]:
    """What the rating form shows for the round's profile: requirements, choices, and what levels mean."""
    resolved, choices = _levels(request, info)
    lookups = lookups_of(request)
    scales = {lookups.book.scale_for(URIRef(q.competence)) for q in resolved.requirements}
    return {
        "resolved": resolved,
        "choices": choices,
        "guide": {s: levels for s, levels in levels_of(request).items() if s in scales},
        "labels": lookups.labels,
        "practice_labels": {p["iri"]: p["label"] for p in practices_of(request)},
    }


def _views(request: Request, rated: dict[str, dict[str, str]], prefix: str) -> dict[str, tuple[str, str]]:
    """{competence: (level name, comment)} of one side of a person's ratings: their own, or 'manager'."""
    book = lookups_of(request).book
    key, note = (f"{prefix}Level", f"{prefix}Comment") if prefix else ("level", "comment")
    return {c: (book.notation(r[key]), r.get(note, "")) for c, r in rated.items() if key in r}


def _result(request: Request, resolved: Any, rated: dict[str, dict[str, str]]) -> Any:
    """A person's gaps, from their own ratings (the levels as stored)."""
    current = {c: URIRef(r["level"]) for c, r in rated.items() if "level" in r}
    return gap_result(request, resolved, [current]) if current else None


@router.get("/ui/dialogues/{round_id}", response_class=HTMLResponse)
def dialogue(round_id: int, request: Request) -> Response:
    who = require_sign_in(request)
    database = database_of(request)
    info = dialogues.visible(database, who.account, round_id)
    rated = (
        dialogues.ratings(database, who.account, round_id, who.account.id)
        if info.takes_part(who.account)
        else {}
    )
    context = _form_context(request, info)
    own, manager = _views(request, rated, ""), _views(request, rated, "manager")
    settings = settings_of(request)
    return private_page(
        request,
        "dialogue.html",
        round=info,
        me=who.account,
        selected={c: v[0] for c, v in own.items()},
        comments={c: v[1] for c, v in own.items()},
        manager_view=manager,
        result=_result(request, context["resolved"], rated),
        min_group=settings.team_min_group,
        retention=settings.assessment_retention_days,
        **context,
    )


@router.get("/ui/dialogues/{round_id}/people/{person}", response_class=HTMLResponse)
def person_view(round_id: int, person: int, request: Request) -> Response:
    """A person's own ratings, for the manager who leads the round (or the administrator), with a form
    for the manager's view; reading it is in the audit log."""
    who = require_sign_in(request)
    database = database_of(request)
    info = dialogues.visible(database, who.account, round_id)
    found = next((p for p in info.participants if p[0] == person), None)
    if not info.leads(who.account) or found is None:
        raise accounts.AccountError(404, "no_round", "There is no such result for you.")
    rated = dialogues.ratings(database, who.account, round_id, person)
    context = _form_context(request, info)
    own, manager = _views(request, rated, ""), _views(request, rated, "manager")
    return private_page(
        request,
        "dialogue_person.html",
        round=info,
        me=who.account,
        person=found,
        own=own,
        selected={c: v[0] for c, v in manager.items()},
        comments={c: v[1] for c, v in manager.items()},
        result=_result(request, context["resolved"], rated),
        **context,
    )


@router.post("/ui/dialogues/{round_id}", response_class=HTMLResponse)
async def save(round_id: int, request: Request) -> Response:
    who = require_sign_in(request)
    form = await request.form()
    check_form(request, str(form.get("csrf") or ""))
    # The profile is read from the store: in a worker thread, through the query pool (api.reads).
    return await run_in_threadpool(_save, request, who.account, round_id, form, None)


@router.post("/ui/dialogues/{round_id}/people/{person}", response_class=HTMLResponse)
async def save_view(round_id: int, person: int, request: Request) -> Response:
    who = require_sign_in(request)
    form = await request.form()
    check_form(request, str(form.get("csrf") or ""))
    return await run_in_threadpool(_save, request, who.account, round_id, form, person)


def _save(
    request: Request, account: accounts.Account, round_id: int, form: Any, person: int | None
) -> Response:
    database = database_of(request)
    info = dialogues.visible(database, account, round_id)
    resolved, _ = _levels(request, info)
    book = lookups_of(request).book
    levels: dict[str, str] = {}
    comments: dict[str, str] = {}
    for i, q in enumerate(resolved.requirements):
        name = str(form.get(f"level-{i}") or "")
        level = book.level(URIRef(q.competence), name) if name else None
        levels[q.competence] = str(level) if level else ""
        comments[q.competence] = str(form.get(f"comment-{i}") or "")[:2000]
    dialogues.rate(database, account, round_id, levels, comments, person)
    back = f"/ui/dialogues/{round_id}/people/{person}" if person else f"/ui/dialogues/{round_id}"
    return RedirectResponse(f"{back}#gap-result", status_code=303)


@router.post("/ui/dialogues/{round_id}/forget", response_class=HTMLResponse)
def forget(round_id: int, request: Request, csrf: str = Form("", max_length=200)) -> Response:
    return _forget(request, round_id, None, csrf)


@router.post("/ui/dialogues/{round_id}/people/{person}/forget", response_class=HTMLResponse)
def forget_person(
    round_id: int, person: int, request: Request, csrf: str = Form("", max_length=200)
) -> Response:
    return _forget(request, round_id, person, csrf)


def _forget(request: Request, round_id: int, person: int | None, csrf: str) -> Response:
    who = require_sign_in(request)
    check_form(request, csrf)
    dialogues.forget(database_of(request), who.account, round_id, person)
    return RedirectResponse(f"/ui/dialogues/{round_id}", status_code=303)


@router.post("/ui/dialogues/{round_id}/delete", response_class=HTMLResponse)
def remove(round_id: int, request: Request, csrf: str = Form("", max_length=200)) -> Response:
    who = require_sign_in(request)
    check_form(request, csrf)
    dialogues.remove(database_of(request), who.account, round_id)
    return RedirectResponse("/ui/dialogues", status_code=303)
