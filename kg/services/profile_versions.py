"""Versions of tailored profiles: every save is kept (who, when, why); nothing is overwritten unseen.

The writers take (store, contrib_dir, ...) first, as every contributed write does (api.writes.write).

A save names the version it edits. If someone saved in between, it is refused (409) and says whose
save that was, so that nothing is lost: the editor looks at the newer version and saves on top of it.
The version row is written first, in the same database transaction that then writes the graph: two
saves of the same version cannot both pass (the second waits for the first's row and finds the number
taken), and a graph write that fails takes its row with it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import URIRef
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DbSession

from kg.core.errors import ServiceError, refused
from kg.services.lookups import Lookups
from kg.services.tailoring import Derivation, derive, retire
from kg.services.tailoring_form import changes, requirements
from kg.store.base import GraphStore
from kg.store.db import Database
from kg.store.db.schema import ProfileVersion


def _latest(db: DbSession, municipality: str, profile_id: str) -> ProfileVersion | None:
    return db.scalar(
        select(ProfileVersion)
        .where(ProfileVersion.organisation == municipality, ProfileVersion.profile_id == profile_id)
        .order_by(ProfileVersion.version.desc())
        .limit(1)
    )


def _conflict(latest: ProfileVersion | None, expected: int | None) -> ServiceError | None:
    current = latest.version if latest is not None else None
    if current == expected or (current is None and not expected):
        return None
    if current is None:
        return refused(409, "no_such_version", {"version": expected}, field="version", current=None)
    assert latest is not None
    return refused(
        409,
        "edited_meanwhile",
        {
            "version": latest.version,
            "author": latest.author,
            "at": f"{latest.created_at:%Y-%m-%d %H:%M} UTC",
            "why": f"{latest.action}{': ' + latest.reason if latest.reason else ''}",
        },
        field="version",
        current=latest.version,
        by=latest.author,
    )


def _record(
    db: DbSession,
    municipality: str,
    profile_id: str,
    number: int,
    action: str,
    spec: Derivation,
    author: str,
    reason: str,
) -> None:
    db.add(
        ProfileVersion(
            organisation=municipality,
            profile_id=profile_id,
            version=number,
            action=action,
            spec=json.dumps(asdict(spec), ensure_ascii=False),
            author=author,
            reason=reason[:2000],
            created_at=datetime.now(UTC),
        )
    )
    try:
        db.flush()  # takes the database's write lock, and the number, before the graph is touched
    except IntegrityError as exc:
        raise refused(409, "saved_same_moment", field="version") from exc


def save(
    store: GraphStore,
    contrib_dir: Path,
    database: Database,
    municipality: str,
    spec: Derivation,
    author: str,
    reason: str,
    version: int | None,
    action: str = "save",
    agent: str | None = None,
) -> tuple[URIRef, int]:
    """Save ``spec`` as the next version of the profile, if ``version`` is the newest (None: a new one).
    ``author`` is kept with the version (in the database); the graph's record names ``agent`` (default
    ``author``): the site passes the municipality, so no person's address reaches the public graph."""
    with database.transaction() as db:
        latest = _latest(db, municipality, spec.profile_id)
        if (refused := _conflict(latest, version)) is not None:
            raise refused
        number = (latest.version if latest is not None else 0) + 1
        _record(db, municipality, spec.profile_id, number, action, spec, author, reason)
        profile = derive(
            store, contrib_dir, municipality, spec, agent or author
        )  # a refusal rolls back the row
    return profile, number


def take_out(
    store: GraphStore,
    contrib_dir: Path,
    database: Database,
    municipality: str,
    profile_id: str,
    author: str,
    reason: str,
    version: int | None,
    agent: str | None = None,
) -> int:
    """Retire the profile (out of the graph; its history stays), if ``version`` is the newest."""
    with database.transaction() as db:
        latest = _latest(db, municipality, profile_id)
        if latest is not None and (refused := _conflict(latest, version)) is not None:
            raise refused
        number = (latest.version if latest is not None else 0) + 1
        spec = _spec(latest) if latest is not None else Derivation(profile_id, "", "")
        _record(db, municipality, profile_id, number, "retire", spec, author, reason)
        retire(store, contrib_dir, municipality, profile_id, agent or author)
    return number


def _spec(row: ProfileVersion) -> Derivation:
    data = json.loads(row.spec)
    return Derivation(
        data["profile_id"],
        data["base"],
        data["label_da"],
        data.get("label_en"),
        [tuple(x) for x in data.get("set", [])],
        list(data.get("remove", [])),
        [tuple(x) for x in data.get("local", [])],
    )


def latest(database: Database, municipality: str, profile_id: str) -> tuple[int, Derivation] | None:
    """The newest version's number and content; none for a profile never saved with versions."""
    with database.transaction() as db:
        row = _latest(db, municipality, profile_id)
        return (row.version, _spec(row)) if row is not None else None


def history(database: Database, municipality: str, profile_id: str) -> list[dict[str, Any]]:
    with database.transaction() as db:
        rows = db.scalars(
            select(ProfileVersion)
            .where(ProfileVersion.organisation == municipality, ProfileVersion.profile_id == profile_id)
            .order_by(ProfileVersion.version)
        ).all()
        out = [
            {
                "version": r.version,
                "action": r.action,
                "author": r.author,
                "reason": r.reason,
                "at": r.created_at.isoformat(),
            }
            for r in rows
        ]
    if not out:
        raise refused(
            404, "no_saved_profile", {"municipality": municipality, "profile": profile_id}, field="profile_id"
        )
    return out


def version(database: Database, municipality: str, profile_id: str, number: int) -> Derivation:
    with database.transaction() as db:
        row = db.scalar(
            select(ProfileVersion).where(
                ProfileVersion.organisation == municipality,
                ProfileVersion.profile_id == profile_id,
                ProfileVersion.version == number,
            )
        )
        if row is None:
            raise refused(404, "unknown_version", {"profile": profile_id, "version": number}, field="version")
        return _spec(row)


def restore(
    store: GraphStore,
    contrib_dir: Path,
    database: Database,
    municipality: str,
    profile_id: str,
    number: int,
    author: str,
    reason: str,
    current: int | None,
    agent: str | None = None,
) -> tuple[URIRef, int]:
    """Save version ``number``'s content again, as a new version on top of ``current``."""
    spec = version(database, municipality, profile_id, number)
    return save(
        store,
        contrib_dir,
        database,
        municipality,
        spec,
        author,
        reason or f"restore version {number}",
        current,
        action="restore",
        agent=agent,
    )


def compare(
    database: Database,
    lookups: Lookups,
    municipality: str,
    profile_id: str,
    a: int,
    b: int,
) -> dict[str, Any]:
    """What changed from version ``a`` to ``b`` in what each states: requirements added, removed and
    changed (competences and levels with their labels), removals, local competences, base and names."""
    old, new = version(database, municipality, profile_id, a), version(database, municipality, profile_id, b)
    book = lookups.book
    return {
        "from": a,
        "to": b,
        "base": {"from": old.base, "to": new.base} if old.base != new.base else None,
        "labels": {"from": old.label_da, "to": new.label_da} if old.label_da != new.label_da else None,
        **changes(requirements(book, old, {}), requirements(book, new, {}), lookups.labels, book),
        "notInherited": {
            "added": sorted(set(new.remove) - set(old.remove)),
            "dropped": sorted(set(old.remove) - set(new.remove)),
        },
        "local": {
            "added": sorted({x[0] for x in new.local} - {x[0] for x in old.local}),
            "removed": sorted({x[0] for x in old.local} - {x[0] for x in new.local}),
        },
    }
