"""The website: browse, search, profiles, gap analysis, uploads, coverage and SPARQL, in da and en."""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    account,
    browse,
    courses,
    dialogues,
    mappings,
    practices,
    profiles,
    providers,
    query,
    tailoring,
    team,
)

router = APIRouter(include_in_schema=False)
for module in (
    account,
    browse,
    dialogues,
    team,
    tailoring,
    courses,
    mappings,
    practices,
    profiles,
    providers,
    query,
):
    router.include_router(module.router)
