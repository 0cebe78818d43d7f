"""Profile pages and the gap-analysis form.

A profile page shows what the REST answers give (requirements with inheritance, the
derivation chain, the diff to its base, coverage by courses) plus the radar chart inline,
so it reads without JavaScript and screen readers get the chart's title and description.
The gap form posts back to the server, which answers with the chart and recommendations,
or with every problem in the levels by row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from rdflib import URIRef
from starlette.datastructures import UploadFile

from kg.core.errors import refused
from kg.services import browse, coverage, gap
from kg.services.chart import profile_charts
from kg.services.codes import CodeBook
from kg.services.profiles import ResolvedProfile, resolve
from kg.services.refs import pick_with_lang, ref, resolve_profile
from kg.services.tailoring import diff
from kg.store import GraphStore

from ..deps import book_of, catalogue_of, lookups_of, practices_of, profiles_of, store_of, ui_lang
from .render import paged, render

router = APIRouter(include_in_schema=False)
MAX_CSV_BYTES = 1_000_000


def _profiles(request: Request) -> dict[str, dict[str, Any]]:
    """Every profile by IRI, read once per data version (the same list as GET /profiles)."""
    return {p["iri"]: p for p in profiles_of(request)}


def _by_area(
    store: GraphStore, items: list[Any], area: Callable[[Any], str | None]
) -> list[tuple[dict, list[Any]]]:
    """Items grouped under their area (KL's wheel, DigComp's areas), in profile order."""
    areas: dict[str | None, list[Any]] = defaultdict(list)
    for item in items:
        areas[area(item)].append(item)
    labels = browse.pref_labels(store, {a for a in areas if a})
    return [({"iri": a, "label": labels.get(a, {})} if a else {}, rows) for a, rows in areas.items()]


def _area_of(grouped: list[tuple[dict, list[Any]]], competence: Callable[[Any], str], lang: str) -> Any:
    """Each competence's area by name in the reader's language, for the chart to group its bars by."""
    names = {
        competence(item): pick_with_lang(area.get("label"), lang)[0]
        for area, items in grouped
        for item in items
    }
    return names.get


@router.get("/ui/profiles", response_class=HTMLResponse)
def profiles(request: Request, offset: int = Query(0, ge=0)) -> Response:
    known = _profiles(request)
    items = sorted(known.values(), key=lambda p: (p["derivedFrom"] is not None, p["iri"]))
    names = {iri: p["label"] for iri, p in known.items()}  # a base by its name, not its id
    return render(request, "profiles.html", page=paged(items, offset, "/ui/profiles"), names=names)


@router.get("/ui/profile", response_class=HTMLResponse)
def profile(request: Request, id: str = Query(..., min_length=1, max_length=2000)) -> Response:
    store = store_of(request)
    resolved = resolve_profile(store, id, "id")
    known = _profiles(request)
    lookups = lookups_of(request)
    book = lookups.book
    covered = {
        c.requirement.competence: c.total
        for c in coverage.profile_coverage(store, resolved, 0, catalogue_of(request))
    }
    base = None
    changes = None
    if len(resolved.chain) > 1:
        base = resolve(store, URIRef(resolved.chain[-2]))
        if base is not None:
            changes = diff(resolved, base)
    labels = {q.competence: q.labels for q in resolved.requirements}
    if base is not None:
        labels.update({q.competence: q.labels for q in base.requirements})
    lang = ui_lang(request)
    shown = known.get(resolved.profile) or ref(URIRef(resolved.profile))
    areas = _by_area(store, resolved.requirements, lambda q: lookups.area(q.competence))
    return render(
        request,
        "profile.html",
        p=shown,
        resolved=resolved,
        chain=[known.get(m) or ref(URIRef(m)) for m in resolved.chain],
        areas=areas,
        covered=covered,
        changes=changes,
        base=known.get(base.profile) if base is not None else None,
        labels=labels,
        chart=profile_charts(
            book,
            resolved,
            None,
            lang,
            ids="profile-",
            name=pick_with_lang(shown.get("label"), lang)[0] or None,
            area_of=_area_of(areas, lambda q: q.competence, lang),
        ),
    )


def level_choices(
    book: CodeBook, resolved: ResolvedProfile, labels: dict[str, dict[str, str]]
) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """For each requirement, the levels a reader may pick (see level_options)."""
    return level_options(book, [q.competence for q in resolved.requirements], labels)


def level_options(
    book: CodeBook, competences: list[str], labels: dict[str, dict[str, str]]
) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """For each competence, the levels of its scale: the name a form sends, and the level's labels, which
    the reader sees in their language."""
    out: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for competence in competences:
        scale = book.scale_for(URIRef(competence))
        names = book.levels.get(scale, {})
        out[competence] = [
            (n, labels.get(names.get(n.lower(), ""), {})) for n in book.level_names.get(scale, [])
        ]
    return out


def _gap_page(
    request: Request,
    resolved: ResolvedProfile | None,
    status: int = 200,
    book: CodeBook | None = None,
    **context: Any,
) -> Response:
    book = book or book_of(request)
    context = {"selected": {}, "problems": [], "result": None, **context}
    return render(
        request,
        "gap.html",
        status=status,
        profiles=sorted(_profiles(request).values(), key=lambda p: p["iri"]),
        resolved=resolved,
        choices=level_choices(book, resolved, lookups_of(request).labels) if resolved else {},
        practice_labels={p["iri"]: p["label"] for p in practices_of(request)},
        **context,
    )


@router.get("/ui/gap", response_class=HTMLResponse)
def gap_form(request: Request, profile: str | None = Query(None, max_length=2000)) -> Response:
    resolved = resolve_profile(store_of(request), profile, "profile") if profile else None
    return _gap_page(request, resolved)


@router.get("/ui/gap/levels.csv")
def levels_template(request: Request, profile: str = Query(..., max_length=2000)) -> Response:
    """A CSV to fill in: one row per requirement of the profile, the level left blank."""
    store = store_of(request)
    resolved = resolve_profile(store, profile, "profile")
    book = book_of(request)
    rows = ["competence;level;person"] + [f"{book.code(q.competence)};;" for q in resolved.requirements]
    name = resolved.profile.rsplit("/", 1)[-1]
    return Response(
        "\r\n".join(rows) + "\r\n",
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="levels-{name}.csv"'},
    )


@router.post("/ui/gap", response_class=HTMLResponse)
async def gap_submit(request: Request) -> Response:
    form = await request.form()
    profile_id = str(form.get("profile") or "")
    if not profile_id:
        raise refused(422, "gap.no_profile", field="profile")
    upload = form.get("file")
    data: bytes | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_CSV_BYTES + 1)
        if len(data) > MAX_CSV_BYTES:
            raise refused(413, "gap.file_too_large", field="file")
    # The analysis reads the store: in a worker thread, through the query pool (api.reads).
    return await run_in_threadpool(_gap_answer, request, profile_id, form, data)


def _gap_answer(request: Request, profile_id: str, form: Any, data: bytes | None) -> Response:
    store = store_of(request)
    resolved = resolve_profile(store, profile_id, "profile")
    lookups = lookups_of(request)
    book = lookups.book
    selected: dict[str, str] = {}
    payload: dict[str, str] | str
    if data is not None:
        try:
            payload = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            payload = data.decode("cp1252", errors="replace")  # Excel's Danish CSV
        if not payload.strip():
            payload = {}
    else:
        for i, q in enumerate(resolved.requirements):
            value = str(form.get(f"level-{i}") or "")
            if value:
                selected[q.competence] = value
        payload = dict(selected)
    members, problems = gap.read_current(payload, book) if payload else ([{}], [])
    if problems:
        return _gap_page(request, resolved, 422, book, selected=selected, problems=problems)
    result = gap_result(request, resolved, members)
    return _gap_page(request, resolved, book=book, selected=selected, result=result)


def gap_result(
    request: Request, resolved: ResolvedProfile, members: list[dict[str, URIRef]]
) -> dict[str, Any]:
    """What gap_result.html shows: the chart, and each area's requirements with their gaps and courses
    (the gap page, and the dialogues' own and team results)."""
    store, lookups = store_of(request), lookups_of(request)
    rows = gap.analyse(store, resolved, members, lookups, catalogue_of(request))
    areas = _by_area(store, rows, lambda r: r.area)  # gap.analyse found each row's area
    lang = ui_lang(request)
    return {
        "members": len(members),
        "areas": areas,
        "totals": gap.totals(rows),
        "chart": profile_charts(
            lookups.book,
            resolved,
            rows,
            lang,
            ids="gap-",
            name=pick_with_lang(_profiles(request).get(resolved.profile, {}).get("label"), lang)[0] or None,
            area_of=_area_of(areas, lambda r: r.requirement.competence, lang),
        ),
    }
