"""Competence dialogues: rounds in which employees rate their current level against a profile, and a
team's view of them. Personal data: kept in the relational database, seen only by the person, the
manager who started the round, and the municipality's administrator, every reading and change in the
audit log; a team's view only for groups of at least ``min_group`` people, so no one stands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session as DbSession

from kg.services.accounts import Account, AccountError, audit
from kg.store.db import Database
from kg.store.db.schema import Membership, Participant, Rating, Round, User

LEADS = ("manager", "municipality_admin")  # who may start a round in their municipality


@dataclass(frozen=True)
class RoundInfo:
    id: int
    organisation: str
    profile: str
    title: str
    created_by: int | None
    participants: tuple[tuple[int, str, str], ...]  # (user id, e-mail, name)
    answered: frozenset[int]  # user ids with ratings of their own
    created_at: datetime

    def leads(self, account: Account) -> bool:
        return account.id == self.created_by or account.has("municipality_admin", self.organisation)

    def takes_part(self, account: Account) -> bool:
        return any(uid == account.id for uid, _, _ in self.participants)


def _now() -> datetime:
    return datetime.now(UTC)


def start(
    database: Database, by: Account, organisation: str, profile: str, title: str, emails: list[str]
) -> int:
    """A new round of ``profile`` for the named people of ``organisation``; 403 unless ``by`` leads there,
    422 naming an address with no account in the municipality."""
    if not any(by.has(role, organisation) for role in LEADS):
        raise AccountError(403, "forbidden", f"You may not start a dialogue round in {organisation}.")
    wanted = sorted({e.strip().lower() for e in emails if e.strip()})
    if not wanted:
        raise AccountError(422, "no_people", "Name at least one person to take part.", field="emails")
    with database.transaction() as db:
        found = dict(
            db.execute(
                select(User.email, User.id).where(
                    User.email.in_(wanted), User.id.in_(_in_organisation(organisation))
                )
            ).all()
        )
        missing = [e for e in wanted if e not in found]
        if missing:
            raise AccountError(
                422,
                "not_member",
                f"No account in {organisation} for: {', '.join(missing)}.",
                field="emails",
                value=", ".join(missing),
            )
        row = Round(
            organisation=organisation,
            profile=profile,
            title=title.strip() or profile,
            created_by=by.id,
            created_at=_now(),
        )
        db.add(row)
        db.flush()
        for uid in found.values():
            db.add(Participant(round_id=row.id, user_id=uid))
        audit(db, by.id, "round.started", title, organisation, f"{len(found)}")
        return row.id


def _in_organisation(organisation: str) -> Select[Any]:  # (the ids of its members)
    return select(Membership.user_id).where(Membership.organisation == organisation)


def _round(db: DbSession, round_id: int) -> RoundInfo | None:
    row = db.get(Round, round_id)
    if row is None:
        return None
    people = db.execute(
        select(User.id, User.email, User.name)
        .join(Participant, Participant.user_id == User.id)
        .where(Participant.round_id == round_id)
        .order_by(User.email)
    ).all()
    answered = set(
        db.scalars(
            select(Participant.user_id)
            .join(Rating, Rating.participant_id == Participant.id)
            .where(Participant.round_id == round_id, Rating.by_manager.is_(False))
        )
    )
    return RoundInfo(
        row.id,
        row.organisation,
        row.profile,
        row.title,
        row.created_by,
        tuple((int(i), e, n) for i, e, n in people),
        frozenset(answered),
        row.created_at,
    )


def visible(database: Database, account: Account, round_id: int) -> RoundInfo:
    """The round, for someone who takes part in it or leads it; 404 for anyone else (its existence is
    not theirs to learn)."""
    with database.transaction() as db:
        found = _round(db, round_id)
    if found is None or not (found.takes_part(account) or found.leads(account)):
        raise AccountError(404, "no_round", "There is no such dialogue round for you.")
    return found


def mine(database: Database, account: Account) -> list[RoundInfo]:
    """The rounds ``account`` takes part in or leads, newest first."""
    with database.transaction() as db:
        ids = set(db.scalars(select(Participant.round_id).where(Participant.user_id == account.id)))
        ids |= set(db.scalars(select(Round.id).where(Round.created_by == account.id)))
        for org in account.organisations("municipality_admin"):
            ids |= set(db.scalars(select(Round.id).where(Round.organisation == org)))
        rounds = [_round(db, i) for i in sorted(ids, reverse=True)]
    return [r for r in rounds if r is not None]


def rate(
    database: Database,
    account: Account,
    round_id: int,
    levels: dict[str, str],
    comments: dict[str, str],
    person: int | None = None,
) -> None:
    """Save ``account``'s own ratings (or, with ``person``, the leading manager's view of that person)."""
    info = visible(database, account, round_id)
    by_manager = person is not None and person != account.id
    target = person if by_manager else account.id
    if by_manager and not info.leads(account):  # (another's result is not theirs to learn of: 404)
        raise AccountError(404, "no_round", "There is no such result for you.")
    if not any(uid == target for uid, _, _ in info.participants):
        raise AccountError(404, "no_round", "That person does not take part in this round.")
    with database.transaction() as db:
        part = db.scalar(
            select(Participant).where(Participant.round_id == round_id, Participant.user_id == target)
        )
        assert part is not None
        for competence, level in levels.items():
            old = db.scalar(
                select(Rating).where(
                    Rating.participant_id == part.id,
                    Rating.competence == competence,
                    Rating.by_manager.is_(by_manager),
                )
            )
            if not level:
                if old is not None:
                    db.delete(old)
                continue
            if old is None:
                old = Rating(participant_id=part.id, competence=competence, by_manager=by_manager)
                db.add(old)
            old.level, old.comment, old.updated_at = level, comments.get(competence, "")[:2000], _now()
        audit(db, account.id, "assessment.saved", str(target), info.organisation, info.title)


def ratings(database: Database, account: Account, round_id: int, person: int) -> dict[str, dict[str, str]]:
    """{competence: {level, comment, managerLevel, managerComment}} of one person: for that person, the
    round's manager, or the municipality's administrator; 404 for anyone else."""
    info = visible(database, account, round_id)
    if person != account.id and not info.leads(account):
        raise AccountError(404, "no_round", "There is no such result for you.")
    out: dict[str, dict[str, str]] = {}
    with database.transaction() as db:
        rows = db.execute(
            select(Rating.competence, Rating.level, Rating.comment, Rating.by_manager)
            .join(Participant, Participant.id == Rating.participant_id)
            .where(Participant.round_id == round_id, Participant.user_id == person)
        ).all()
        if person != account.id:
            audit(db, account.id, "assessment.read", str(person), info.organisation, info.title)
    for competence, level, comment, by_manager in rows:
        entry = out.setdefault(competence, {})
        prefix = "manager" if by_manager else ""
        entry[f"{prefix}Level" if prefix else "level"] = level
        entry[f"{prefix}Comment" if prefix else "comment"] = comment
    return out


def team(database: Database, account: Account, round_id: int, min_group: int) -> list[dict[str, str]]:
    """Everyone's own levels ({competence: level}, one dict a person, in no order that names anyone),
    for the round's leader, only if at least ``min_group`` people have answered."""
    info = _team_round(database, account, round_id, min_group)
    with database.transaction() as db:
        people = _own_levels(db, round_id)
        audit(db, account.id, "team.read", "", info.organisation, info.title)
    return people


def _team_round(database: Database, account: Account, round_id: int, min_group: int) -> RoundInfo:
    """The round, if ``account`` may see its team view: 404 for anyone but its leaders, 403 (saying how
    many more answers it needs) while fewer than ``min_group`` have answered."""
    info = visible(database, account, round_id)
    if not info.leads(account):
        raise AccountError(404, "no_round", "There is no such team view for you.")
    if len(info.answered) < min_group:
        raise AccountError(
            403,
            "group_small",
            f"Only {len(info.answered)} have answered; a team view needs at least {min_group}, "
            "so that no one stands out.",
            answered=len(info.answered),
            needed=min_group,
        )
    return info


def _own_levels(db: DbSession, round_id: int) -> list[dict[str, str]]:
    people: dict[int, dict[str, str]] = {}
    for pid, competence, level in db.execute(
        select(Participant.id, Rating.competence, Rating.level)
        .join(Rating, Rating.participant_id == Participant.id)
        .where(Participant.round_id == round_id, Rating.by_manager.is_(False))
    ):
        people.setdefault(pid, {})[competence] = level
    return sorted(people.values(), key=lambda d: sorted(d.items()))


def forget(database: Database, account: Account, round_id: int, person: int | None = None) -> None:
    """Delete a person's ratings in a round: one's own, or (the municipality's administrator) anyone's."""
    info = visible(database, account, round_id)
    target = person or account.id
    if target != account.id and not account.has("municipality_admin", info.organisation):
        raise AccountError(
            403, "forbidden", "Only the person or the municipality's administrator deletes results."
        )
    with database.transaction() as db:
        parts = select(Participant.id).where(Participant.round_id == round_id, Participant.user_id == target)
        db.execute(delete(Rating).where(Rating.participant_id.in_(parts)))
        audit(db, account.id, "assessment.deleted", str(target), info.organisation, info.title)


def remove(database: Database, account: Account, round_id: int) -> None:
    """Delete a round with everyone's answers in it: the municipality's administrator only."""
    info = visible(database, account, round_id)
    if not account.has("municipality_admin", info.organisation):
        raise AccountError(403, "forbidden", "Only the municipality's administrator deletes a whole round.")
    with database.transaction() as db:
        db.execute(delete(Round).where(Round.id == round_id))  # participants and ratings cascade
        audit(db, account.id, "round.deleted", info.title, info.organisation, f"{len(info.answered)}")


def series(
    database: Database, account: Account, round_id: int, min_group: int
) -> tuple[RoundInfo, list[tuple[int, str, datetime, list[dict[str, str]]]]]:
    """The round, and the rounds of the same profile in the same municipality that ``account`` leads, up
    to and with this one, oldest first, each as (id, title, started, everyone's own levels): the team's
    trend. A round with fewer answers than ``min_group`` is left out, as its team view is; this one's is
    refused. The look is in the audit log, as a team view's is."""
    info = _team_round(database, account, round_id, min_group)
    with database.transaction() as db:
        ids = db.scalars(
            select(Round.id)
            .where(
                Round.organisation == info.organisation,
                Round.profile == info.profile,
                Round.created_at <= info.created_at,
            )
            .order_by(Round.created_at, Round.id)
        ).all()
        out = []
        for rid in ids:
            other = _round(db, rid)
            if other is not None and other.leads(account) and len(other.answered) >= min_group:
                out.append((rid, other.title, other.created_at, _own_levels(db, rid)))
        audit(db, account.id, "team.read", "", info.organisation, info.title)
    return info, out


def expire(database: Database, days: int) -> int:
    """Delete the rounds started more than ``days`` ago, with their answers (the retention setting);
    0 keeps them. Each deletion is in the audit log, under the round's municipality."""
    if days <= 0:
        return 0
    cutoff = _now() - timedelta(days=days)
    with database.transaction() as db:
        old = db.execute(
            select(Round.id, Round.organisation, Round.title).where(Round.created_at < cutoff)
        ).all()
        for rid, organisation, title in old:
            db.execute(delete(Round).where(Round.id == rid))
            audit(db, None, "round.expired", title, organisation, f"older than {days} days")
    return len(old)
