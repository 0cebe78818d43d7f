"""Tailoring on the site: a municipality's administrator derives a profile from a generic or discipline
one, changes, removes and adds requirements and local competences, sees what changes against the base
before saving, and saves versions (who, when, why) with history, comparison, restore and retire.

The pages translate to and from kg.services.tailoring_form and kg.services.profile_versions, the same
versions the REST API keeps. A save names the version it edits: if someone saved in between, the page
says whose save that was and keeps every field as typed, so nothing is lost. The graph's record of a
save names the municipality, never the person (whose address stays with the version, in the database).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from kg.core.errors import ServiceError
from kg.services import accounts, profile_versions, providers, tailoring_form
from kg.services.profiles import ResolvedProfile
from kg.services.refs import resolve_profile
from kg.services.tailoring import SLUG, Derivation, bad_id, municipality_iri, profile_iri

from ..accounts import check_form, database_of, require_sign_in
from ..app_settings import settings_of
from ..deps import lookups_of, profiles_of, store_of
from ..writes import write
from .profiles import level_options
from .render import private_page

router = APIRouter(include_in_schema=False)
BLANK_ROWS = 3  # empty rows for requirements and local competences to add


def _admin(request: Request, municipality: str) -> accounts.SignedIn:
    who = require_sign_in(request)
    if not who.account.has("municipality_admin", municipality):
        raise accounts.AccountError(404, "no_profile", "There is no such profile for you to tailor.")
    return who


@router.get("/ui/tailoring", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    """The municipalities one administers, each with its tailored profiles and a form to start one."""
    who = require_sign_in(request)
    mine = who.account.organisations("municipality_admin")
    if not mine:
        raise accounts.AccountError(403, "forbidden", "Only a municipality's administrator tailors.")
    everything = sorted(profiles_of(request), key=lambda p: p["iri"])
    contrib_dir = settings_of(request).contrib_dir_resolved()
    return private_page(
        request,
        "tailoring.html",
        municipalities=[
            {
                "id": m,
                "registered": providers.exists(contrib_dir, m, "municipalities"),
                "profiles": [p for p in everything if p["iri"].startswith(str(profile_iri(m, "")))],
            }
            for m in mine
        ],
        bases=everything,
    )


@router.get("/ui/tailoring/{municipality}/new", response_class=HTMLResponse)
def new(
    municipality: str,
    request: Request,
    base: str = Query(..., max_length=2000),
    id: str = Query("", max_length=63),
    label_da: str = Query("", max_length=200),
) -> Response:
    _admin(request, municipality)
    if profile_versions.latest(database_of(request), municipality, id) is not None:
        return RedirectResponse(f"/ui/tailoring/{municipality}/{id}", status_code=303)
    resolved = resolve_profile(store_of(request), base, "base")
    spec = Derivation(id, resolved.profile, label_da)
    return _editor(request, municipality, resolved, spec, None, new=True)


@router.get("/ui/tailoring/{municipality}/{profile_id}", response_class=HTMLResponse)
def edit(municipality: str, profile_id: str, request: Request) -> Response:
    _admin(request, municipality)
    found = profile_versions.latest(database_of(request), municipality, profile_id)
    if found is None:
        raise accounts.AccountError(404, "no_profile", "No saved profile by that id.")
    number, spec = found
    resolved = resolve_profile(store_of(request), spec.base, "base")
    return _editor(request, municipality, resolved, spec, number)


def _editor(
    request: Request,
    municipality: str,
    base: ResolvedProfile,
    spec: Derivation,
    version: int | None,
    status: int = 200,
    new: bool = False,
    **context: Any,
) -> Response:
    lookups = lookups_of(request)
    book = lookups.book
    model = tailoring_form.editor(book, lookups.labels, base, spec)
    known = {p["iri"]: p for p in profiles_of(request)}
    required = {q.competence for q in base.requirements}
    codes = sorted((book.code(c), lookups.labels.get(c, {})) for c in book.scale_of if c not in required)
    return private_page(
        request,
        "tailor.html",
        status=status,
        municipality=municipality,
        spec=spec,
        base=known.get(base.profile, {"iri": base.profile, "label": {}}),
        model=model,
        version=version,
        new=new,
        choices=level_options(book, [r.competence for r in model.rows], lookups.labels),
        labels=lookups.labels,
        scale_names=sorted({n for names in book.level_names.values() for n in names}),
        codes=codes,
        blank=BLANK_ROWS,
        **{"changes": None, "problems": [], "conflict": None, "reason": "", **context},
    )


async def _page(*args: Any, **kwargs: Any) -> Response:
    """The editor from an async handler: it reads the store, so in a worker thread (api.reads)."""
    return await run_in_threadpool(lambda: _editor(*args, **kwargs))


def _read(form: Any, book: Any, base: ResolvedProfile, profile_id: str) -> Derivation:
    """The derivation the posted form states (kg.services.tailoring_form.derivation)."""
    rows: list[tuple[str, str, str | None, bool]] = []
    i = 0
    while f"competence-{i}" in form:
        rows.append(
            (
                str(form.get(f"competence-{i}") or ""),
                str(form.get(f"level-{i}") or ""),
                str(form.get(f"importance-{i}") or "") or None,
                bool(form.get(f"remove-{i}")),
            )
        )
        i += 1
    for j in range(BLANK_ROWS):
        rows.append(
            (
                str(form.get(f"add-competence-{j}") or "").strip(),
                str(form.get(f"add-level-{j}") or ""),
                str(form.get(f"add-importance-{j}") or "") or None,
                False,
            )
        )
    local = []
    j = 0
    while f"local-id-{j}" in form:
        local_id = str(form.get(f"local-id-{j}") or "").strip()
        if local_id and not form.get(f"local-remove-{j}"):
            local.append(
                (
                    local_id,
                    str(form.get(f"local-da-{j}") or "").strip(),
                    str(form.get(f"local-en-{j}") or "").strip() or None,
                    str(form.get(f"local-level-{j}") or ""),
                )
            )
        j += 1
    return tailoring_form.derivation(
        book,
        base,
        profile_id,
        str(form.get("label_da") or "").strip(),
        str(form.get("label_en") or "").strip() or None,
        rows,
        local,
    )


@router.post("/ui/tailoring/{municipality}/{profile_id}", response_class=HTMLResponse)
async def post(municipality: str, profile_id: str, request: Request) -> Response:
    """``action=preview`` shows the changes against the base; ``action=save`` saves a version."""
    form = await request.form()
    check_form(request, str(form.get("csrf") or ""))
    who = _admin(request, municipality)
    base = await run_in_threadpool(resolve_profile, store_of(request), str(form.get("base") or ""), "base")
    book = (await run_in_threadpool(lookups_of, request)).book
    spec = _read(form, book, base, profile_id)
    raw = str(form.get("version") or "")
    version = int(raw) if raw.isdigit() else None
    reason = str(form.get("reason") or "")[:2000]
    context = {"reason": reason, "new": form.get("new") == "1"}
    if not SLUG.match(profile_id):
        return await _page(
            request,
            municipality,
            base,
            spec,
            version,
            422,
            **context,
            problems=[bad_id(profile_id).as_dict()],
        )
    if form.get("action") != "save":
        changes = await run_in_threadpool(_changes, request, base, spec)
        return await _page(request, municipality, base, spec, version, **context, changes=changes)
    try:
        number = await _versioned(
            request,
            who,
            "profile.saved",
            reason,
            profile_versions.save,
            municipality,
            spec,
            who.account.email,
            reason,
            version,
        )
    except ServiceError as exc:
        return await _page(
            request,
            municipality,
            base,
            spec,
            version,
            exc.status,  # (409 edited meanwhile, 422 problems, 404 not set up, 503 the store away)
            **context,
            changes=await run_in_threadpool(_changes, request, base, spec),
            conflict=exc.extra if exc.status == 409 else None,
            problems=exc.extra.get("problems")
            or ([] if exc.status == 409 else [{"message_en": exc.detail, "message_da": exc.detail}]),
        )
    return _to_history(municipality, profile_id, number)


def _changes(request: Request, base: ResolvedProfile, spec: Derivation) -> dict[str, Any]:
    lookups = lookups_of(request)
    inherited = tailoring_form.base_requirements(base)
    after = tailoring_form.requirements(lookups.book, spec, inherited)
    found = tailoring_form.changes(inherited, after, lookups.labels, lookups.book)
    return {**found, "local": spec.local, "count": sum(len(v) for v in found.values()) + len(spec.local)}


@router.get("/ui/tailoring/{municipality}/{profile_id}/history", response_class=HTMLResponse)
def history(
    municipality: str,
    profile_id: str,
    request: Request,
    a: int | None = Query(None, alias="from", ge=1),
    b: int | None = Query(None, alias="to", ge=1),
    saved: int | None = Query(None, ge=1),
) -> Response:
    _admin(request, municipality)
    versions = profile_versions.history(database_of(request), municipality, profile_id)
    newest = versions[-1]["version"]
    a = a or max(newest - 1, 1)
    b = b or newest
    compared = profile_versions.compare(
        database_of(request), lookups_of(request), municipality, profile_id, a, b
    )
    return private_page(
        request,
        "tailor_history.html",
        municipality=municipality,
        profile_id=profile_id,
        iri=str(profile_iri(municipality, profile_id)),
        versions=versions,
        newest=newest,
        retired=versions[-1]["action"] == "retire",
        compared=compared,
        saved=saved,
    )


@router.post("/ui/tailoring/{municipality}/{profile_id}/restore", response_class=HTMLResponse)
async def restore(
    municipality: str,
    profile_id: str,
    request: Request,
    number: int = Form(..., ge=1),
    current: int = Form(..., ge=1),
    csrf: str = Form("", max_length=200),
) -> Response:
    check_form(request, csrf)
    who = _admin(request, municipality)
    made = await _versioned(
        request,
        who,
        "profile.restored",
        str(number),
        profile_versions.restore,
        municipality,
        profile_id,
        number,
        who.account.email,
        "",
        current,
    )
    return _to_history(municipality, profile_id, made)


@router.post("/ui/tailoring/{municipality}/{profile_id}/retire", response_class=HTMLResponse)
async def retire(
    municipality: str,
    profile_id: str,
    request: Request,
    current: int = Form(..., ge=1),
    reason: str = Form("", max_length=2000),
    csrf: str = Form("", max_length=200),
) -> Response:
    check_form(request, csrf)
    who = _admin(request, municipality)
    made = await _versioned(
        request,
        who,
        "profile.retired",
        reason,
        profile_versions.take_out,
        municipality,
        profile_id,
        who.account.email,
        reason,
        current,
    )
    return _to_history(municipality, profile_id, made)


async def _versioned(
    request: Request, who: accounts.SignedIn, action: str, detail: str, fn: Any, municipality: str, *args: Any
) -> int:
    """A versioned write by a person on the site (``fn`` of kg.services.profile_versions): the graph's record
    names the municipality, the version and the audit log name the person. The new version's number."""
    made = await write(
        request,
        fn,
        database_of(request),
        municipality,
        *args,
        agent=str(municipality_iri(municipality)),
        rejected="rejected.nothing_changed",
        field="municipality",
    )
    subject = args[0].profile_id if isinstance(args[0], Derivation) else str(args[0])
    await run_in_threadpool(
        lambda: accounts.record(database_of(request), who.account.id, action, subject, municipality, detail)
    )
    return int(made[1] if isinstance(made, tuple) else made)


def _to_history(municipality: str, profile_id: str, number: int) -> RedirectResponse:
    return RedirectResponse(
        f"/ui/tailoring/{municipality}/{profile_id}/history?saved={number}", status_code=303
    )
