"""What every `dkk` command module shares: opening the store, or saying why not."""

from __future__ import annotations

import typer
from rich.console import Console

from .settings import get_settings
from .store import GraphStore, StoreError, open_store

err = Console(stderr=True)
SERVER_HOLDS_STORE = (
    "If the API server is running it holds the store: write through the API "
    "(POST /providers/{id}/courses, POST /municipalities/{id}/profiles) or stop the server."
)


def store_or_exit(*, writable: bool = False) -> GraphStore:
    """The configured store; on failure, the reason (and for writes the likely cause), exit 1."""
    try:
        return open_store(get_settings(), read_only=not writable)
    except StoreError as exc:
        err.print(f"[red]{exc}[/red]" + (f" {SERVER_HOLDS_STORE}" if writable else ""))
        raise typer.Exit(1) from exc
