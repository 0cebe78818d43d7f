"""Run public SPARQL queries in worker processes that can be killed at the time limit.

pyoxigraph cannot interrupt a running query, and a runaway query (a cross
product over the whole store) would hold a thread and a core for ever. So each
query runs in one of a few worker processes. When the time limit passes, the
worker is killed and replaced; the client gets a clear error, and the other
workers keep answering.

Oxigraph answers analytic queries 2-4x faster from memory than from its on-disk
store, and an in-memory copy costs about 400 bytes a triple in each process that
holds one (forked processes do not share it for long: reading touches its
reference counts, which copies the pages). So:

- ``memory_workers`` of the workers (default one) answer from an in-memory copy;
  the rest answer from read-only handles on the disk store. A query goes to an
  idle copy when there is one, else to an idle disk worker: one user's queries
  run at in-memory speed, concurrent ones still get answers, and the memory
  stays about one copy.
- Every committed write reaches the pool as the SPARQL Update the store applied
  (:meth:`QueryPool.record_update`); a copy applies the updates it has not seen
  before its next query, so it stays in step with the disk at the cost of the
  change, not of the store. A copy may start from the disk at any point after the
  log position noted when it was started: replaying an update it already has
  changes nothing (DELETE DATA and INSERT DATA are idempotent, and the last
  update touching a triple decides).
- Disk handles see the store as it was when opened, so a write replaces the
  idle disk workers (busy ones when they come back), before the write's response
  is sent.
- A copy takes seconds to load at a million triples; until one is ready (at
  start, after a kill), queries go to the disk workers. A pool whose only worker
  loads a copy keeps one disk worker beside it for that time.

Every worker confines itself before its first query (kg.store.sandbox: no sockets, no
network, a memory limit); a worker that dies mid-query (the memory limit) is
replaced like one stopped at the time limit. Workers are handed out by a fair
scheduler (kg.store.scheduling): one client cannot hold them all, and the time a query
waits for a worker counts against its time limit.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import os
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph as ox

from kg.store import sandbox
from kg.store.queries import (
    QueryRequest,
    QueryResponse,
    QueryTimeout,
    StoreQuery,
    answer_store_query,
    execute,
)
from kg.store.scheduling import Busy, FairScheduler

__all__ = ["Busy", "QueryPool", "QueryRequest", "QueryResponse", "QueryTimeout", "StoreQuery", "execute"]

_CTX = mp.get_context("spawn")  # no fork of a threaded server process
LOAD_TIMEOUT_S = 900.0  # loading a copy of a large store takes a while; past this, something is wrong
log = logging.getLogger(__name__)


# ---------------------------------------------------------------- in the worker processes


COPY_BYTES_PER_TRIPLE = 430  # an in-memory copy's growth of the data segment (1M triples: 420 MB)


def _room_for_copy(store: ox.Store, memory_mb: int, per_triple: int) -> str | None:
    """Why a copy would not fit under the worker's memory limit (None: it fits, or no limit).

    Past the limit the load dies after minutes of work (10M triples need ~4 GB, the default limit is
    2 GB), and a pool that started it again would do so for ever: the worker says so first instead."""
    if memory_mb <= 0:
        return None
    triples = len(store)
    need = triples * per_triple / 2**20
    used = sandbox.data_segment_mb()
    if used + need <= memory_mb:
        return None
    return (
        f"an in-memory copy of {triples:,} triples needs about {need:,.0f} MB beside the {used:,.0f} MB "
        f"a worker uses, over its limit of {memory_mb:,} MB: answering from the disk store (raise "
        "DKK_SPARQL_WORKER_MEMORY_MB, or set DKK_SPARQL_IN_MEMORY=false to say so)"
    )


def _worker(conn: Connection, db_path: str, copy: bool, memory_mb: int, per_triple: int) -> None:
    """Confine itself, open the store (or load a copy of it), say "ready" with what confinement it
    got, then answer requests. A copy applies the updates that come with a request first; disk
    workers get none (they are replaced). A copy that would not fit its memory limit says
    "no copy" and why, and ends."""
    report: dict[str, bool | str] = sandbox.confine()
    report["memory_limit"] = sandbox.limit_memory(memory_mb) or True
    store = ox.Store.read_only(db_path)
    if copy:
        if (why := _room_for_copy(store, memory_mb, per_triple)) is not None:
            conn.send(("no copy", why))
            return
        memory = ox.Store()
        # Quad by quad from the disk store: as fast as a dump and a parse (11 s at 1M, where those took
        # 12.9 s) without the dump's bytes beside the copy (225 MB less at its peak at 1M, ~2 GB at 10M).
        memory.bulk_extend(store.quads_for_pattern(None, None, None, None))
        store = memory
    conn.send(("ready", report))
    while True:
        try:
            updates, req = conn.recv()
        except (EOFError, OSError):
            return
        for text in updates:
            store.update(text)
        conn.send(answer_store_query(store, req) if isinstance(req, StoreQuery) else execute(store, req))


# ---------------------------------------------------------------- in the server


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    copy: bool  # answers from an in-memory copy (else from a read-only disk handle)
    applied: int  # position in the update log its copy has reached
    generation: int  # disk workers older than the pool's disk generation are replaced
    temporary: bool = False  # a disk worker that serves only until a copy is ready
    ready: bool = False
    sandbox: dict[str, bool | str] = field(default_factory=dict)


class QueryPool:
    def __init__(
        self,
        db_path: os.PathLike | str,
        size: int,
        timeout: float,
        in_memory: bool = True,
        memory_workers: int = 1,
        *,
        memory_mb: int = 0,
        copy_bytes_per_triple: int = COPY_BYTES_PER_TRIPLE,
        per_client: int | None = None,
        queue_per_client: int = 8,
        queue_total: int = 64,
    ) -> None:
        self.db_path = str(db_path)
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.copy_bytes_per_triple = copy_bytes_per_triple
        self.copy_problem: str | None = None  # why the copies gave way to disk workers, for /health
        self.copies = min(memory_workers, size) if in_memory else 0
        self._sched: FairScheduler[_Worker] = FairScheduler(
            per_client or max(1, size // 2), queue_per_client, queue_total, max(1, round(timeout))
        )
        self._all: list[_Worker] = []
        self._disk_generation = 0
        self._tasks: set[asyncio.Task] = set()
        self._log: list[str] = []  # committed updates not yet applied by every copy, oldest first
        self._log_base = 0  # the position of _log[0] among all updates since start
        self._log_lock = threading.Lock()  # writes record from the write thread
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def status(self) -> str:
        """Where answers come from: "memory", "disk", or "loading" (from disk while a copy loads)."""
        if not self.copies:
            return "disk"  # (disk workers get no updates: they are replaced after writes)
        return "memory" if any(w.copy and w.ready for w in self._all) else "loading"

    @property
    def sandbox(self) -> dict[str, object]:
        """What confinement the ready workers got (kg.store.sandbox), for /health: ``confined`` is true
        when every ready worker is unable to reach the network."""
        reports = [w.sandbox for w in self._all if w.ready]
        merged: dict[str, object] = {}
        for key in ("seccomp", "network_namespace", "memory_limit"):
            failures = sorted({str(r.get(key)) for r in reports} - {"True"})  # why not, where it did not take
            merged[key] = failures[0] if failures else (True if reports else None)
        merged["confined"] = bool(reports) and all(sandbox.is_confined(r) for r in reports)
        merged["memory_limit_mb"] = self.memory_mb or None
        return merged

    # -- updates

    def record_update(self, sparql_update: str) -> None:
        """A write was committed to the disk store as ``sparql_update`` (called on the writing thread).

        Copies apply it before their next query; disk workers are replaced, on the event loop,
        before the write's own response is sent, so the writer's next query sees its write."""
        with self._log_lock:
            self._log.append(sparql_update)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._renew_disk_workers)

    def _end(self) -> int:
        with self._log_lock:
            return self._log_base + len(self._log)

    def _catch_up(self, worker: _Worker) -> list[str]:
        """The updates ``worker``'s copy has not applied (it will, with its next request); what
        every copy has applied leaves the log."""
        with self._log_lock:
            pending = self._log[worker.applied - self._log_base :]
            worker.applied = self._log_base + len(self._log)
            oldest = min(w.applied for w in self._all if w.copy)
            if (drop := oldest - self._log_base) > 0:
                del self._log[:drop]
                self._log_base += drop
            return pending

    # -- workers

    async def _start(self, copy: bool, temporary: bool = False) -> None:
        """Start a worker and make it available once it says it is ready (a copy: once loaded)."""
        parent, child = _CTX.Pipe()
        start = self._end()  # noted before the copy is read from disk: see the module docstring
        proc = _CTX.Process(
            target=_worker,
            args=(child, self.db_path, copy, self.memory_mb, self.copy_bytes_per_triple),
            daemon=True,
            name="dkk-sparql-worker",
        )
        proc.start()
        child.close()
        worker = _Worker(proc, parent, copy, start, self._disk_generation, temporary)
        self._all.append(worker)
        hello: object = None  # (a worker that died before saying anything)
        try:
            hello = parent.recv() if await self._readable(parent, LOAD_TIMEOUT_S) else None
            ok = isinstance(hello, tuple) and hello[0] == "ready"
        except (EOFError, OSError):
            ok = False
        if not ok and copy:  # did not fit, or died loading: a copy started again would do the same
            self._kill(worker)
            self.copies = max(0, self.copies - 1)
            self.copy_problem = (
                str(hello[1])
                if isinstance(hello, tuple) and hello[0] == "no copy"
                else "an in-memory copy did not load (its worker stopped, at its memory limit or "
                "LOAD_TIMEOUT_S): answering from the disk store"
            )
            log.error("SPARQL: %s", self.copy_problem)
            self._in_background(self._start(False))
            return
        if not ok:
            log.error("SPARQL: a query worker did not start; starting another")
            self._kill(worker)
            self._in_background(self._start(copy, temporary))
            return
        worker.ready = True
        worker.sandbox = hello[1] if isinstance(hello, tuple) else {}
        if not sandbox.is_confined(worker.sandbox):
            log.warning("SPARQL: a query worker could not be kept off the network: %s", worker.sandbox)
        if copy:
            self._retire_temporary()
        self._back(worker)

    def _back(self, worker: _Worker, failed: bool = False) -> None:
        """A worker is free again: make it available, or replace it (failed, or stale)."""
        stale = not worker.copy and worker.generation != self._disk_generation
        if worker.temporary and self.status != "loading":
            self._kill(worker)  # its job (answering while a copy loads) is done
        elif failed or stale:
            self._kill(worker)
            self._in_background(self._start(worker.copy, worker.temporary))
            if worker.copy and self.status == "loading" and all(w.copy for w in self._all):
                self._in_background(self._start(False, temporary=True))  # answers while it reloads
        else:
            self._sched.offer(worker)

    def _in_background(self, coro: Coroutine[object, object, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def start(self) -> None:
        """Start the workers in the background (call on the event loop); queries wait for the first.

        Without a disk worker, a temporary one answers while the copies load."""
        self._loop = asyncio.get_running_loop()
        disk = self.size - self.copies
        for copy in [True] * self.copies + [False] * disk:
            self._in_background(self._start(copy))
        if self.copies and not disk:
            self._in_background(self._start(False, temporary=True))

    async def _readable(self, conn: Connection, timeout: float) -> bool:
        """Wait on the event loop (no thread hop) until ``conn`` has data, or ``timeout``."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(True)

        loop.add_reader(conn.fileno(), wake)
        try:
            await asyncio.wait_for(ready, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            loop.remove_reader(conn.fileno())

    async def run(
        self, req: QueryRequest | StoreQuery, client: str = "", timeout: float | None = None
    ) -> QueryResponse:
        """Answer ``req`` for ``client`` (its address) within ``timeout`` (default: the pool's time
        limit): raises :class:`Busy` when no worker is free for it in time, :class:`QueryTimeout`
        at the time limit (waiting included)."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        worker = await self._sched.acquire(client, limit, prefer=[w for w in self._sched.idle if w.copy])
        answered = False  # anything else (time limit, a dead worker, a cancelled request) replaces it
        try:
            worker.conn.send((self._catch_up(worker) if worker.copy else [], req))
            left = limit - (loop.time() - started)
            if left <= 0 or not await self._readable(worker.conn, left):
                raise QueryTimeout(f"The query did not finish within {limit:g} s and was stopped.")
            answer = worker.conn.recv()
            answered = True
            return answer
        except (EOFError, OSError):
            mb = f" ({self.memory_mb} MB)" if self.memory_mb else ""
            return QueryResponse(
                "resources",
                message=f"The query stopped its worker, most likely by passing the memory limit{mb}.",
            )
        finally:
            self._sched.done(client)
            self._back(worker, failed=not answered)

    def _renew_disk_workers(self) -> None:
        """After a write: disk handles show the store as it was, so idle disk workers are replaced
        now and busy ones when they come back (see _back)."""
        self._disk_generation += 1
        for worker in [w for w in self._sched.idle if not w.copy]:
            self._sched.remove(worker)
            self._back(worker)

    def _retire_temporary(self) -> None:
        for worker in [w for w in self._sched.idle if w.temporary]:
            self._sched.remove(worker)
            self._kill(worker)

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        if worker in self._all:
            self._all.remove(worker)
        self._sched.remove(worker)

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            self._kill(worker)
