"""People who sign in: accounts, roles, passwords, sessions, invitations, lock-out, and the audit log.

Personal data, kept in the relational database (kg.store.db), never in the graph. Passwords are
hashed with argon2id (argon2-cffi, its defaults, rehashed when they change). A session cookie holds a
random token of which only the SHA-256 is stored, so a copy of the database signs nobody in; each
session has its own CSRF token. After ``Policy.max_failures`` wrong passwords in a row an account is
locked for ``Policy.lock_minutes``; the answer never says whether an e-mail address has an account.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from kg.core.errors import ServiceError, said
from kg.store.db import Database
from kg.store.db.schema import AuditEntry, Invite, Membership, Session, User

# Roles, and whether each belongs to an organisation (municipality or provider) or to the whole service.
ROLES: dict[str, bool] = {
    "municipality_admin": True,
    "manager": True,
    "employee": True,
    "provider": True,
    "kl_editor": False,
    "operator": False,
}
# Who may invite whom: a municipality's administrator its own staff; an operator anyone.
INVITES: dict[str, set[str]] = {
    "municipality_admin": {"municipality_admin", "manager", "employee"},
    "operator": set(ROLES),
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
_hasher = PasswordHasher()


@cache
def _dummy() -> str:
    """A hash to verify unknown addresses against (made on first use: argon2 work kept off start-up)."""
    return _hasher.hash("not a password of anyone's")


@dataclass(frozen=True)
class Policy:
    session_hours: int = 8
    max_failures: int = 5
    lock_minutes: int = 15
    invite_days: int = 7


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    name: str
    roles: tuple[tuple[str, str], ...]  # (role, organisation)

    def has(self, role: str, organisation: str | None = None) -> bool:
        return any(r == role and (organisation is None or o == organisation) for r, o in self.roles)

    def organisations(self, *roles: str) -> list[str]:
        return sorted({o for r, o in self.roles if r in roles and o})


@dataclass(frozen=True)
class SignedIn:
    account: Account
    csrf: str
    token: str | None = None  # only when the session was just made: the cookie's value


class AccountError(ServiceError):
    """A refusal the site words for people: ``reason`` is the key of its message in both languages
    (account.error.<reason>); ``detail`` the English words an API client or a log reads."""

    def __init__(self, status: int, reason: str, detail: str, **extra: Any) -> None:
        super().__init__(
            status,
            said("problem.account", "en"),
            detail,
            None,
            reason=reason,
            title_da=said("problem.account", "da"),
            detail_da=said(f"account.error.{reason}", "da"),
            **extra,
        )
        self.reason = reason


def _now() -> datetime:
    return datetime.now(UTC)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _norm_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise AccountError(422, "email", f"{email!r} is not an e-mail address.", field="email")
    return email


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            422, "password_short", f"A password needs at least {MIN_PASSWORD} characters.", field="password"
        )


def _check_role(role: str, organisation: str) -> str:
    if role not in ROLES:
        raise AccountError(422, "role", f"Unknown role {role!r}; roles: {', '.join(ROLES)}.", field="role")
    if ROLES[role] != bool(organisation):
        need = "needs an organisation" if ROLES[role] else "belongs to no organisation"
        raise AccountError(422, "role", f"The role {role} {need}.", field="organisation")
    return organisation if ROLES[role] else ""


def _account(db: DbSession, user: User) -> Account:
    rows = db.execute(select(Membership.role, Membership.organisation).where(Membership.user_id == user.id))
    return Account(user.id, user.email, user.name, tuple(sorted((r, o) for r, o in rows)))


def audit(
    db: DbSession, actor: int | None, action: str, subject: str = "", organisation: str = "", detail: str = ""
) -> None:
    db.add(
        AuditEntry(
            at=_now(), actor=actor, organisation=organisation, action=action, subject=subject, detail=detail
        )
    )


def record(
    database: Database,
    actor: int | None,
    action: str,
    subject: str = "",
    organisation: str = "",
    detail: str = "",
) -> None:
    """An audit entry of its own (for a change made elsewhere: a key file, a graph write)."""
    with database.transaction() as db:
        audit(db, actor, action, subject, organisation, detail)


def create_user(
    database: Database, email: str, name: str, password: str, role: str, organisation: str = ""
) -> Account:
    """A new account with one role (the CLI's `dkk users create-admin`, and accepted invitations)."""
    email = _norm_email(email)
    _check_password(password)
    organisation = _check_role(role, organisation)
    with database.transaction() as db:
        if db.scalar(select(User).where(User.email == email)) is not None:
            raise AccountError(409, "exists", f"There is already an account for {email}.", field="email")
        user = User(
            email=email, name=name.strip() or email, password_hash=_hasher.hash(password), created_at=_now()
        )
        db.add(user)
        db.flush()
        db.add(Membership(user_id=user.id, role=role, organisation=organisation))
        audit(db, None, "user.created", email, organisation, role)
        db.flush()
        return _account(db, user)


def sign_in(database: Database, email: str, password: str, policy: Policy) -> SignedIn:
    """A new session for the right e-mail and password; else 401 (wrong) or 423 (locked), the same
    words whether or not the address has an account. A refusal is recorded (failures counted, the
    audit entry kept) before it is raised."""
    wrong = AccountError(401, "wrong", "Wrong e-mail address or password.", field="password")
    try:
        email = _norm_email(email)
    except AccountError:
        raise wrong from None
    refusal: AccountError | None = None
    with database.transaction() as db:
        user = db.scalar(select(User).where(User.email == email))
        if user is None or user.password_hash is None or user.disabled_at is not None:
            _verify(_dummy(), password)  # the same work as for an account, so time tells nothing
            audit(db, None, "signin.failed", email)
            refusal = wrong
        elif (locked := user.locked_until) is not None and locked > _now():
            audit(db, user.id, "signin.locked", email, _organisation(db, user.id))
            refusal = AccountError(
                423,
                "locked",
                f"Too many wrong passwords: try again after {locked:%H:%M} UTC.",
                until=locked.isoformat(),
            )
        elif not _verify(user.password_hash, password):
            user.failed_logins += 1
            org = _organisation(db, user.id)
            if user.failed_logins >= policy.max_failures:
                user.locked_until, user.failed_logins = _now() + timedelta(minutes=policy.lock_minutes), 0
                audit(db, user.id, "account.locked", email, org)
            audit(db, user.id, "signin.failed", email, org)
            refusal = wrong
        else:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            user.failed_logins, user.locked_until = 0, None
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            expires = _now() + timedelta(hours=policy.session_hours)
            db.add(
                Session(
                    token_hash=digest(token),
                    user_id=user.id,
                    csrf=csrf,
                    created_at=_now(),
                    expires_at=expires,
                )
            )
            audit(db, user.id, "signin", email, _organisation(db, user.id))
            return SignedIn(_account(db, user), csrf, token)
    raise refusal


def _organisation(db: DbSession, user_id: int) -> str:
    """The organisation an entry about this user is filed under (its administrator reads it)."""
    return (
        db.scalar(
            select(Membership.organisation).where(Membership.user_id == user_id).order_by(Membership.id)
        )
        or ""
    )


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def session(database: Database, token: str | None) -> SignedIn | None:
    """The account signed in with ``token``, or None (no cookie, unknown, expired: all the same)."""
    if not token:
        return None
    with database.transaction() as db:
        row = db.get(Session, digest(token))
        if row is None:
            return None
        if row.expires_at <= _now():
            db.delete(row)
            return None
        user = db.get(User, row.user_id)
        if user is None or user.disabled_at is not None:
            return None
        return SignedIn(_account(db, user), row.csrf)


def sign_out(database: Database, token: str | None) -> None:
    if token:
        with database.transaction() as db:
            row = db.get(Session, digest(token))
            if row is not None:
                audit(db, row.user_id, "signout", "", _organisation(db, row.user_id))
                db.delete(row)


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def invite(database: Database, by: Account, email: str, role: str, organisation: str, policy: Policy) -> str:
    """An invitation link's token for ``email`` to join ``organisation`` as ``role``; only someone who
    may invite to that role there can make one (403 otherwise)."""
    email = _norm_email(email)
    organisation = _check_role(role, organisation)
    allowed = any(
        role in INVITES.get(r, set()) and (r == "operator" or o == organisation) for r, o in by.roles
    )
    if not allowed:
        raise AccountError(
            403, "forbidden", f"You may not invite a {role} to {organisation or 'the service'}."
        )
    token = secrets.token_urlsafe(32)
    with database.transaction() as db:
        db.add(
            Invite(
                token_hash=digest(token),
                email=email,
                role=role,
                organisation=organisation,
                invited_by=by.id,
                created_at=_now(),
                expires_at=_now() + timedelta(days=policy.invite_days),
            )
        )
        audit(db, by.id, "invite.created", email, organisation, role)
    return token


def _open_invite(db: DbSession, token: str) -> Invite:
    """The invitation ``token`` opens, if it is neither used nor expired; else 404."""
    row = db.get(Invite, digest(token))
    if row is None or row.accepted_at is not None or row.expires_at <= _now():
        raise AccountError(404, "invite", "This invitation is unknown, used or expired: ask for a new one.")
    return row


def pending_invite(database: Database, token: str) -> Invite:
    with database.transaction() as db:
        row = _open_invite(db, token)
        db.expunge(row)
        return row


def accept_invite(database: Database, token: str, name: str, password: str, policy: Policy) -> SignedIn:
    """The invited person's account (or a new role for an existing one, after its password), signed in."""
    _check_password(password)
    with database.transaction() as db:
        row = _open_invite(db, token)
        user = db.scalar(select(User).where(User.email == row.email))
        if user is None:
            user = User(
                email=row.email,
                name=name.strip() or row.email,
                password_hash=_hasher.hash(password),
                created_at=_now(),
            )
            db.add(user)
            db.flush()
        elif user.password_hash is None or not _verify(user.password_hash, password):
            raise AccountError(
                401, "wrong", "This address has an account: give its password to accept.", field="password"
            )
        exists = db.scalar(
            select(Membership).where(
                Membership.user_id == user.id,
                Membership.role == row.role,
                Membership.organisation == row.organisation,
            )
        )
        if exists is None:
            db.add(Membership(user_id=user.id, role=row.role, organisation=row.organisation))
        row.accepted_at = _now()
        audit(db, user.id, "invite.accepted", row.email, row.organisation, row.role)
    return sign_in(database, row.email, password, policy)


def members(database: Database, organisation: str) -> list[dict[str, object]]:
    """The people of an organisation with their roles, and its invitations not yet accepted."""
    with database.transaction() as db:
        rows = db.execute(
            select(User.email, User.name, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation == organisation)
            .order_by(User.email)
        ).all()
        invites = db.execute(
            select(Invite.email, Invite.role, Invite.expires_at)
            .where(Invite.organisation == organisation, Invite.accepted_at.is_(None))
            .order_by(Invite.created_at)
        ).all()
    return [{"email": e, "name": n, "role": r, "pending": False} for e, n, r in rows] + [
        {"email": e, "name": "", "role": r, "pending": True, "expires": x} for e, r, x in invites
    ]


def audit_log(database: Database, organisation: str, limit: int = 200) -> list[dict[str, object]]:
    with database.transaction() as db:
        rows = db.execute(
            select(AuditEntry.at, User.email, AuditEntry.action, AuditEntry.subject, AuditEntry.detail)
            .outerjoin(User, User.id == AuditEntry.actor)
            .where(AuditEntry.organisation == organisation)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        ).all()
    return [
        {"at": a, "actor": who or "", "action": act, "subject": s, "detail": d} for a, who, act, s, d in rows
    ]


def has_accounts(database: Database) -> bool:
    with database.transaction() as db:
        return db.scalar(select(User.id).limit(1)) is not None


def expire_sessions(database: Database) -> int:
    """Drop sessions past their time (run now and then: they are refused anyway)."""
    with database.transaction() as db:
        result = db.execute(delete(Session).where(Session.expires_at <= _now()))
        return int(getattr(result, "rowcount", 0) or 0)
