"""What every `dkk` command module shares: opening the store, or saying why not."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.core.errors import ServiceError, said
from kg.core.files import write_atomic
from kg.core.settings import get_settings
from kg.services.problems import UploadRejected
from kg.services.providers import ProviderError
from kg.store import GraphStore, StoreError, open_store

err = Console(stderr=True)
console = Console()


def language() -> str:
    """The reader's language as gettext finds it: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG
    that is set; Danish when it starts with "da", else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def refusal(exc: ServiceError | ProviderError) -> str:
    """What a service refused, in the reader's language (its Danish words where it has them)."""
    if isinstance(exc, ProviderError):
        return escape(exc.in_language(language()))
    danish = exc.extra.get("detail_da") if language() == "da" else None
    return escape(str(danish or exc.detail))


def say(key: str, **values: object) -> str:
    """The CLI's message ``cli.<key>`` in the reader's language, escaped for rich's markup (a message
    may show [brackets]); numbers written the language's way."""
    return escape(said(f"cli.{key}", language(), values))


def store_or_exit(*, writable: bool = False) -> GraphStore:
    """The configured store; on failure, the reason (and for writes the likely cause), exit 1."""
    try:
        return open_store(get_settings(), read_only=not writable)
    except StoreError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]" + (f" {say('server_holds_store')}" if writable else ""))
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


def report_and_exit(exc: UploadRejected | ProviderError, lang: str | None = None) -> None:
    """Every problem of a rejected write (row, column, value, message in ``lang``, by default the
    reader's), then exit 1."""
    lang = lang or language()
    if isinstance(exc, UploadRejected):
        table = Table(title=say("rejected", n=len(exc.problems)), show_lines=True)
        for heading in (say("column.row"), say("column.column"), say("column.value"), say("column.problem")):
            table.add_column(heading, overflow="fold")
        for p in exc.problems:
            table.add_row(
                str(p.row or ""),
                p.column or p.field or "",
                p.value or "",
                escape(p.message_da if lang == "da" else p.message_en),
            )
        err.print(table)
    else:
        err.print(f"[red]{escape(exc.in_language(lang))}[/red]")
    raise typer.Exit(1) from exc


def reconcile_now() -> None:
    """Bring the store level with the contributed files (kg.services.courses.service.reconcile) when this
    process can open it; while a server holds it, the server does so at its next write or start."""
    from kg.services.contributions import reconcile  # (the write layer; most commands never need it)

    try:
        store = open_store(get_settings())
    except StoreError:
        console.print(say("reconcile_later"))
        return
    try:
        reconcile(store, get_settings().contrib_dir_resolved())
    finally:
        store.close()
