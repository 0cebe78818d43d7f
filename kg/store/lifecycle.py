"""Who may replace the store directory, and how a replacement interrupted halfway is finished.

``dkk build`` builds a new store beside the old one and swaps it in. A server that
has the old one open would go on writing into a directory that the swap removes:
writes acknowledged after the build would vanish at the next start. So every
process that serves from the store holds a shared lock on ``<store>.lock`` for as
long as it runs, and the build takes it exclusively, without waiting: while a
server runs, the build refuses with a message that says what to do.

The swap is two renames (store -> store.old, store.new -> store). A process killed
between them leaves no store; :func:`recover` (called before any open) finishes
the swap when the new store is complete (its BUILT stamp is written before the
swap) and puts the old one back otherwise.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.store.base import StoreError

STAMP = "BUILT"


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


def hold_shared(store: Path) -> IO[bytes]:
    """A shared lock on the store for this process's lifetime (keep the returned file open)."""
    path = lock_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("ab")
    fcntl.flock(fh, fcntl.LOCK_SH)
    return fh


@contextmanager
def exclusive(store: Path) -> Iterator[None]:
    """The store to oneself (to replace it); StoreError at once when a server is using it."""
    path = lock_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"A server is using the store at {store}. Stop it and build again, or build into "
                "another directory (DKK_STORE_PATH=... dkk build) and start the server on that one."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` survive a crash of the machine."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap(fresh: Path, target: Path) -> None:
    """Put the complete new store ``fresh`` in place of ``target``; the old one goes after the rename."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    fsync_dir(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Finish a swap that a killed build left halfway (see the module docstring)."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    if target.exists():
        return
    if (fresh / STAMP).is_file():
        fresh.rename(target)
    elif old.exists():
        old.rename(target)
    else:
        return
    fsync_dir(target.parent)
    shutil.rmtree(old, ignore_errors=True)
