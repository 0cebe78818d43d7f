"""The tables, as SQLAlchemy models (the migrations in ``migrations/versions`` create them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, always read back as UTC-aware: SQLite keeps no zone and hands back naive datetimes, which
    would not compare with the aware ones the code makes. (The column is DateTime(timezone=True).)"""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id; none until set
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Membership(Base):
    """A role a user holds, in an organisation (a municipality or provider id; none for KL editors and
    operators)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "role", "organisation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    organisation: Mapped[str] = mapped_column(String(100), default="")


class Session(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is kept here."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Invite(Base):
    """An invitation to join an organisation in a role; the link holds a token, only its hash is kept."""

    __tablename__ = "invites"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(40))
    organisation: Mapped[str] = mapped_column(String(100), default="")
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuditEntry(Base):
    """Who did what to whom, when: every sign-in, change and access to personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation: Mapped[str] = mapped_column(String(100), default="", index=True)
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(320), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class Round(Base):
    """A round of competence dialogues: a manager invites employees to rate themselves against a profile."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(100), index=True)
    profile: Mapped[str] = mapped_column(String(2000))  # the profile's IRI
    title: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Rating(Base):
    """A person's current level for one requirement: their own view, or their manager's."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("participant_id", "competence", "by_manager"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    competence: Mapped[str] = mapped_column(String(2000))
    level: Mapped[str] = mapped_column(String(2000))
    comment: Mapped[str] = mapped_column(Text, default="")
    by_manager: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProfileVersion(Base):
    """One save of a municipality's tailored profile: what it said (the derivation, as JSON), who saved
    it, when and why. The graph holds the newest; this keeps every one, for history, diffs and restore."""

    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("organisation", "profile_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation: Mapped[str] = mapped_column(String(100))
    profile_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # save, restore, retire
    spec: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(320))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
