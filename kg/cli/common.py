"""What every `dkk` command module shares: opening the store, or saying why not."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import typer
from rich.console import Console
from rich.table import Table

from kg.core.files import write_atomic
from kg.core.settings import get_settings
from kg.services.problems import UploadRejected
from kg.services.providers import ProviderError
from kg.store import GraphStore, StoreError, open_store

err = Console(stderr=True)
console = Console()
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


def emit(data: bytes, output: Path | None = None, stream: BinaryIO | None = None) -> None:
    """``data`` to ``output`` (whole or not at all: a temporary file, then renamed) or to stdout.

    One ``write`` on a pipe takes at most about 2 GiB on Linux and says how much it took: a 10M-triple
    N-Quads dump (2.1 GB) written in one call came out cut mid-line, with exit status 0. Writing until
    every byte is taken is what makes `dkk export > file` and `dkk export | ...` whole."""
    if output is not None:
        write_atomic(output, data)
        return
    out = stream if stream is not None else sys.stdout.buffer
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]
    out.flush()


def report_and_exit(exc: UploadRejected | ProviderError, lang: str = "en") -> None:
    """Every problem of a rejected write (row, column, value, message in ``lang``), then exit 1."""
    if isinstance(exc, UploadRejected):
        table = Table(title=f"{len(exc.problems)} problems; nothing was changed", show_lines=True)
        for col in ("row", "column", "value", "problem"):
            table.add_column(col, overflow="fold")
        for p in exc.problems:
            table.add_row(
                str(p.row or ""),
                p.column or p.field or "",
                p.value or "",
                p.message_da if lang == "da" else p.message_en,
            )
        err.print(table)
    else:
        err.print(f"[red]{exc}[/red]")
    raise typer.Exit(1) from exc


def reconcile_now() -> None:
    """Bring the store level with the contributed files (kg.services.courses.service.reconcile) when this
    process can open it; while a server holds it, the server does so at its next write or start."""
    from kg.services.contributions import reconcile  # (the write layer; most commands never need it)

    try:
        store = open_store(get_settings())
    except StoreError:
        console.print(
            "The store is not open to this command (a server holds it, or it is not built yet): "
            "the change is taken in at the server's next write or start."
        )
        return
    try:
        reconcile(store, get_settings().contrib_dir_resolved())
    finally:
        store.close()
