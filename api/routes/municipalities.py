"""Municipalities tailor profiles: derive from a generic or discipline profile, and see the diff.

Writes need the municipality's key (as providers' do). /profiles/{id}/diff is
registered before the REST router's /profiles/{id}.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from rdflib import URIRef

from kg.core.errors import refused
from kg.services import profile_versions
from kg.services.profiles import resolve
from kg.services.refs import ref, resolve_profile, to_iri
from kg.services.tailoring import Derivation, diff

from .. import schemas
from ..accounts import database_of
from ..deps import lookups_of, store_of
from ..problems import WRITE_RESPONSES
from ..writes import KEYED, authorize, write

router = APIRouter(tags=["Local tailoring"])


class Requirement(BaseModel):
    competence: str = Field(description="A code (digcomp3:4.2, kl:dataanvendelse) or IRI.")
    level: str = Field(description="A level on the competence's scale, e.g. Intermediate or Mellem.")
    importance: str | None = Field(None, pattern="^(essential|optional)$")


class LocalCompetence(BaseModel):
    id: str = Field(pattern="^[a-z0-9][a-z0-9-]{0,62}$")
    label_da: str
    label_en: str | None = None
    level: str = Field(description="Required level on DigComp 3.0's scale.")


class DerivationIn(BaseModel):
    id: str = Field(description="The profile's id (a-z, 0-9, '-').")
    version: int | None = Field(
        None,
        description="The version this edits (the newest); none for a new profile. A save on top of an "
        "older version is refused with 409, naming the newer one: nothing is overwritten unseen.",
    )
    reason: str = Field("", max_length=2000, description="Why: kept with the version.")
    base: str = Field(description="The profile to derive from, e.g. example/profile/sosu.")
    label_da: str
    label_en: str | None = None
    set: list[Requirement] = Field(default_factory=list, description="Requirements added or changed.")
    remove: list[str] = Field(default_factory=list, description="Competences not to inherit.")
    local: list[LocalCompetence] = Field(default_factory=list, description="Local competences to add.")


@router.post(
    "/municipalities/{municipality_id}/profiles",
    response_model=schemas.Derived,
    summary="Derive a local profile",
    responses=WRITE_RESPONSES,
    dependencies=KEYED,
)
async def derive_profile(municipality_id: str, body: DerivationIn, request: Request) -> dict[str, Any]:
    key_id = authorize(request, municipality_id, "municipalities")
    spec = Derivation(
        body.id,
        body.base,
        body.label_da,
        body.label_en,
        [(r.competence, r.level, r.importance) for r in body.set],
        body.remove,
        [(c.id, c.label_da, c.label_en, c.level) for c in body.local],
    )
    profile, number = await write(
        request,
        profile_versions.save,
        database_of(request),
        municipality_id,
        spec,
        f"key/{key_id}",
        body.reason,
        body.version,
        rejected="rejected.profile",
        field="municipality_id",
    )
    return {
        **ref(profile),
        "version": number,
        "diff": f"/profiles/{ref(profile)['id']}/diff",
        "versions": f"/municipalities/{municipality_id}/profiles/{body.id}/versions",
    }


@router.delete(
    "/municipalities/{municipality_id}/profiles/{profile_id}",
    summary="Retire a tailored profile (out of the graph; its versions stay)",
    responses=WRITE_RESPONSES,
    dependencies=KEYED,
)
async def retire_profile(
    municipality_id: str,
    profile_id: str,
    request: Request,
    version: int | None = Query(None, description="The newest version, which this retires."),
    reason: str = Query("", max_length=2000),
) -> dict[str, Any]:
    key_id = authorize(request, municipality_id, "municipalities")
    number = await write(
        request,
        profile_versions.take_out,
        database_of(request),
        municipality_id,
        profile_id,
        f"key/{key_id}",
        reason,
        version,
        rejected="rejected.nothing_changed",
        field="profile_id",
    )
    return {"profile": profile_id, "version": number, "retired": True}


@router.get(
    "/municipalities/{municipality_id}/profiles/{profile_id}/versions",
    summary="A tailored profile's versions: who saved each, when and why",
)
def versions(municipality_id: str, profile_id: str, request: Request) -> list[dict[str, Any]]:
    return profile_versions.history(database_of(request), municipality_id, profile_id)


@router.get(
    "/municipalities/{municipality_id}/profiles/{profile_id}/versions/compare",
    summary="What changed between two versions, with labels and levels",
)
def compare_versions(
    municipality_id: str,
    profile_id: str,
    request: Request,
    a: int = Query(..., alias="from", ge=1),
    b: int = Query(..., alias="to", ge=1),
) -> dict[str, Any]:
    return profile_versions.compare(
        database_of(request), lookups_of(request), municipality_id, profile_id, a, b
    )


@router.get(
    "/municipalities/{municipality_id}/profiles/{profile_id}/versions/{number}",
    summary="One version of a tailored profile, as it was saved",
)
def one_version(municipality_id: str, profile_id: str, number: int, request: Request) -> dict[str, Any]:
    return asdict(profile_versions.version(database_of(request), municipality_id, profile_id, number))


class RestoreIn(BaseModel):
    version: int | None = Field(None, description="The newest version, on top of which the old one is saved.")
    reason: str = Field("", max_length=2000)


@router.post(
    "/municipalities/{municipality_id}/profiles/{profile_id}/versions/{number}/restore",
    summary="Save an old version again, as the newest",
    responses=WRITE_RESPONSES,
    dependencies=KEYED,
)
async def restore_version(
    municipality_id: str, profile_id: str, number: int, body: RestoreIn, request: Request
) -> dict[str, Any]:
    key_id = authorize(request, municipality_id, "municipalities")
    profile, made = await write(
        request,
        profile_versions.restore,
        database_of(request),
        municipality_id,
        profile_id,
        number,
        f"key/{key_id}",
        body.reason,
        body.version,
        rejected="rejected.nothing_changed",
        field="profile_id",
    )
    return {**ref(profile), "version": made}


@router.get(
    "/profiles/{profile_id:path}/diff",
    response_model=schemas.Diff,
    summary="What a profile changes relative to a base",
)
def profile_diff(
    profile_id: str,
    request: Request,
    base: str | None = Query(None, description="Default: the profile it derives from."),
) -> dict[str, Any]:
    store = store_of(request)
    mine = resolve_profile(store, profile_id, "profile_id")
    base_iri = to_iri(base, "base") if base else (URIRef(mine.chain[-2]) if len(mine.chain) > 1 else None)
    theirs = resolve(store, base_iri) if base_iri is not None else None
    if theirs is None or base_iri is None:
        raise refused(404, "no_base", field="base")
    d = diff(mine, theirs)
    return {
        "profile": ref(URIRef(mine.profile)),
        "base": ref(base_iri),
        "added": [ref(URIRef(c)) for c in d.added],
        "removed": [ref(URIRef(c)) for c in d.removed],
        "changed": [{"competence": ref(URIRef(c)), "baseRank": a, "rank": b} for c, a, b in d.changed],
        "unchanged": d.same,
    }
