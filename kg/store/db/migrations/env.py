"""Alembic's environment: run with the connection ``kg.store.db.engine.migrate`` hands it."""

from __future__ import annotations

from alembic import context

from kg.store.db.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
