"""Many files read as one, by a reader that wants a path: a named pipe that a thread fills.

The build bulk-loads a thousand contributed N-Quads files into its fresh store as one stream
(one bulk load per file was three times slower: each writes and ingests its own sorted files).
Handed a Python file object, Oxigraph calls back into Python for every 8 KB it reads, and each
call waits for the interpreter lock, which the build's validation, running meanwhile, holds: the
load crawled. Through a named pipe Oxigraph reads from the kernel, and the thread that fills the
pipe copies whole files with ``os.sendfile``, without the lock.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHUNK = 1 << 20  # bytes a sendfile call moves: the writer looks for a stop between chunks


@contextmanager
def concatenated(paths: list[Path]) -> Iterator[Path]:
    """A path to read ``paths`` from, one after another, once. Raises on leaving if a file could not
    be read whole (the reader then saw less than all of them, and must not count on what it read).
    A reader that stops early, or never opens the path, leaves no writer waiting."""
    with tempfile.TemporaryDirectory(prefix="dkk-concat-") as tmp:
        fifo = Path(tmp) / "stream"
        os.mkfifo(fifo, 0o600)
        failed: list[BaseException] = []
        stop = threading.Event()

        def fill() -> None:
            with fifo.open("wb", buffering=0) as out:  # (waits for the reader to open its end)
                try:
                    for path in paths:
                        with path.open("rb") as src:
                            size, sent = os.fstat(src.fileno()).st_size, 0
                            while sent < size and not stop.is_set():
                                n = os.sendfile(out.fileno(), src.fileno(), sent, min(CHUNK, size - sent))
                                if n == 0:
                                    raise OSError(f"{path} ended at byte {sent} of {size}")
                                sent += n
                except BrokenPipeError:
                    pass  # the reader left: what it read is its business
                except BaseException as exc:  # (kept for the caller before the reader sees the end)
                    if not stop.is_set():  # (not the failure of a writer told to stop)
                        failed.append(exc)

        writer = threading.Thread(target=fill, name="dkk-concat", daemon=True)
        writer.start()
        try:
            yield fifo
        finally:
            if writer.is_alive():  # the reader stopped early, or never opened: let the writer end
                stop.set()
                fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # (a reader: the writer's open returns)
                try:
                    while writer.is_alive():  # (a full pipe: the writer's chunk must go somewhere)
                        try:
                            os.read(fd, CHUNK)
                        except BlockingIOError:
                            writer.join(0.01)
                finally:
                    os.close(fd)
            writer.join()
    if failed:
        raise failed[0]
