"""A dialogue round's team view for the manager who leads it and the municipality's administrator: the
gap chart, each requirement's distribution of levels, the trend across the rounds of the same profile,
the counts as CSV, and (the administrator, on purpose) the counts published in the public graph.

Counts only, from the minimum group size on (kg.services.dialogues.series refuses smaller rounds), and
every look at them in the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Form, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from rdflib import URIRef

from kg.core import tables
from kg.services import accounts, aggregates, dialogues, team_view
from kg.services.profiles import ResolvedProfile
from kg.services.refs import resolve_profile

from ..accounts import check_form, database_of, require_sign_in
from ..app_settings import settings_of
from ..deps import lookups_of, practices_of, store_of, ui_lang
from ..labels import local_path
from ..writes import write
from .profiles import gap_result
from .render import private_page

router = APIRouter(include_in_schema=False)


@dataclass
class Counted:
    round: dialogues.RoundInfo
    account: accounts.Account
    resolved: ResolvedProfile
    members: list[dict[str, str]]  # this round's, one dict a person, in no order that names anyone
    points: list[team_view.TrendPoint]  # oldest first, this round last


def _counted(request: Request, round_id: int) -> Counted:
    who = require_sign_in(request)
    database = database_of(request)
    info, rounds = dialogues.series(database, who.account, round_id, settings_of(request).team_min_group)
    resolved = resolve_profile(store_of(request), info.profile, "profile")
    points = team_view.trend(lookups_of(request).book, resolved, rounds)
    return Counted(info, who.account, resolved, rounds[-1][3], points)


@router.get("/ui/dialogues/{round_id}/team", response_class=HTMLResponse)
def team(round_id: int, request: Request, published: int = 0) -> Response:
    counted = _counted(request, round_id)
    info = counted.round
    lookups = lookups_of(request)
    members = [{c: URIRef(v) for c, v in m.items()} for m in counted.members]
    return private_page(
        request,
        "dialogue_team.html",
        round=info,
        me=counted.account,
        result=gap_result(request, counted.resolved, members),
        rows=list(counted.points[-1].rows.values()),
        scales=_by_scale(list(counted.points[-1].rows.values())),
        points=counted.points,
        labels=lookups.labels,
        book=lookups.book,
        min_group=settings_of(request).team_min_group,
        published=local_path(str(aggregates.iri(info.organisation, info.id))) if published else None,
        practice_labels={p["iri"]: p["label"] for p in practices_of(request)},
    )


def _by_scale(rows: list[team_view.TeamRow]) -> list[tuple[list[str], list[team_view.TeamRow]]]:
    """The requirements grouped by their scale, so each scale's levels head one table."""
    groups: dict[tuple[str, ...], list[team_view.TeamRow]] = {}
    for row in rows:
        groups.setdefault(tuple(row.scale), []).append(row)
    return [(list(scale), members) for scale, members in groups.items()]


@router.get("/ui/dialogues/{round_id}/team.csv")
def team_csv(round_id: int, request: Request) -> Response:
    """The counts of this round and the earlier ones of its profile, for a spreadsheet."""
    counted = _counted(request, round_id)
    header, rows = team_view.table(lookups_of(request).book, counted.points, ui_lang(request))
    return Response(
        tables.write(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="team-{round_id}.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/ui/dialogues/{round_id}/team/publish", response_class=HTMLResponse)
async def publish(
    round_id: int,
    request: Request,
    title: str = Form("", max_length=200),
    csrf: str = Form("", max_length=200),
) -> Response:
    """The administrator publishes the counts in the municipality's public graph, under a public title."""
    check_form(request, csrf)
    counted = await run_in_threadpool(_counted, request, round_id)
    if not counted.account.has("municipality_admin", counted.round.organisation):
        raise accounts.AccountError(
            403, "forbidden", "Only the municipality's administrator publishes a team's counts."
        )
    info = counted.round
    await write(
        request,
        aggregates.publish,
        info.organisation,
        info.id,
        title,
        info.profile,
        list(counted.points[-1].rows.values()),
        settings_of(request).team_min_group,
        rejected="rejected.counts",
        field="municipality",
    )
    await run_in_threadpool(
        lambda: accounts.record(
            database_of(request), counted.account.id, "team.published", title, info.organisation
        )
    )
    return RedirectResponse(f"/ui/dialogues/{round_id}/team?published=1", status_code=303)
