"""The relational database: accounts, sessions, invitations and the audit log (personal data, which
never enters the graph store). SQLite by default, embedded and needing no set-up; PostgreSQL in
production (``DKK_DATABASE_URL``). The schema is Alembic's to change: ``migrate`` brings any database
up to the newest revision, and the app and the CLI call it before they use one."""

from kg.store.db.engine import Database, migrate, open_database

__all__ = ["Database", "migrate", "open_database"]
