"""Run public SPARQL queries in worker processes that can be killed at the time limit.

pyoxigraph cannot interrupt a running query, and a runaway query (a cross
product over the whole store) would hold a thread and a core for ever. So each
query runs in one of a few worker processes. When the time limit passes, the
worker is killed and replaced; the client gets a clear error, and the other
workers keep answering.

Oxigraph answers analytic queries several times faster from memory than from its
on-disk store, so by default the workers serve from an in-memory copy, without
giving up the durable on-disk store:

- one *template* process (spawned, so it inherits nothing from the threaded
  server) loads the copy once; workers are ``fork()``-ed from it and share its
  pages copy-on-write, so N workers cost about one copy of memory, and a worker
  killed at the time limit is replaced at once, without reloading;
- every committed write reaches the pool as the SPARQL Update the store applied
  (:meth:`QueryPool.record_update`); a worker applies the updates it has not yet
  seen before its next query, and the template before its next fork, so the copy
  stays in step with the disk at the cost of the change, not of the store.
  Replaying an update on a copy that already has it changes nothing (DELETE DATA
  and INSERT DATA are idempotent, and the last update touching a triple decides),
  so a copy may start from the disk at any point after the log's start.

With ``in_memory=False`` the forked workers open read-only handles on the disk
store instead; those see the store as of opening, so writes recycle them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing as mp
import os
import signal
import socket
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from multiprocessing import reduction
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph as ox

from .namespaces import PREFIXES
from .sparql_results import serialize
from .store.errors import syntax_message

_CTX = mp.get_context("spawn")  # the template inherits nothing from the threaded server
TEMPLATE_TIMEOUT_S = 600.0  # loading the copy of a large store takes a while; past this, something is wrong
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryRequest:
    query: str
    media_type: str
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    has_dataset_clause: bool = False  # the query's own FROM / FROM NAMED


@dataclass
class QueryResponse:
    status: str  # "ok" | "syntax" | "error"
    body: bytes = b""
    media_type: str = ""
    rows: int = 0
    truncated: bool = False
    message: str = ""
    position: tuple[int | None, int | None] = field(default=(None, None))


class QueryTimeout(Exception):
    """The query ran past the time limit and its worker was stopped."""


def execute(store: ox.Store, req: QueryRequest) -> QueryResponse:
    """Run one query against ``store``; used by the workers and directly in tests."""
    kwargs: dict = {"prefixes": PREFIXES}
    # Protocol parameters override the query's dataset clause; without either, the
    # default graph is the union of the named graphs.
    if req.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    elif not req.has_dataset_clause:
        kwargs["use_default_graph_as_union"] = True
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        result = store.query(req.query, **kwargs)
        body, rows, cut = serialize(result, req.media_type, req.limit)
    except SyntaxError as exc:
        message, line, col = syntax_message(str(exc), req.query)
        return QueryResponse("syntax", message=message, position=(line, col))
    except (OSError, RuntimeError, ValueError) as exc:
        return QueryResponse("error", message=f"The query failed: {exc}")
    return QueryResponse("ok", body, req.media_type, rows, cut)


# ---------------------------------------------------------------- in the child processes


def _serve(conn: Connection, store: ox.Store, copy: bool) -> None:
    """A worker: apply the updates that come with a request (to a copy; a disk handle is
    replaced instead), then answer it."""
    while True:
        try:
            updates, req = conn.recv()
        except (EOFError, OSError):
            return
        if copy:
            for text in updates:
                store.update(text)
        conn.send(execute(store, req))


def _template(control: Connection, db_path: str, in_memory: bool) -> None:
    """Hold the serving copy and fork workers from it on request."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the forked workers
    store: ox.Store | None = None
    if in_memory:
        disk = ox.Store.read_only(db_path)
        store = ox.Store()
        store.bulk_load(disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        del disk
    control.send("ready")
    while True:
        try:
            kind, updates = control.recv()
        except (EOFError, OSError):
            return
        if store is not None:
            for text in updates:
                store.update(text)
        if kind != "fork":
            continue
        fd = reduction.recv_handle(control)
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            # Keep only its own connection: an inherited fd (the template's control socket, the
            # pipe by which the server sees the template exit) would outlive the template.
            os.closerange(3, fd)
            os.closerange(fd + 1, os.sysconf("SC_OPEN_MAX"))
            _serve(Connection(fd), store or ox.Store.read_only(db_path), copy=store is not None)
            os._exit(0)
        os.close(fd)
        control.send(pid)


# ---------------------------------------------------------------- in the server


@dataclass
class _Template:
    process: BaseProcess
    conn: Connection
    applied: int  # position in the update log its copy has reached
    generation: int
    in_memory: bool
    ready: bool = False  # it said "ready": its copy is loaded (at once for disk templates)


@dataclass
class _Worker:
    pid: int
    conn: Connection
    applied: int
    generation: int
    pidfd: int | None = None  # kills by pidfd cannot hit a process that reused a dead worker's pid

    @classmethod
    def forked(cls, pid: int, conn: Connection, applied: int, generation: int) -> _Worker:
        try:
            pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):  # not Linux >= 5.3, or already gone
            pidfd = None
        return cls(pid, conn, applied, generation, pidfd)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
                os.close(self.pidfd)
            else:
                os.kill(self.pid, signal.SIGKILL)
        self.conn.close()


class QueryPool:
    def __init__(self, db_path: os.PathLike | str, size: int, timeout: float, in_memory: bool = True) -> None:
        self.db_path = str(db_path)
        self.in_memory = in_memory
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: list[_Worker] = []
        self._generation = 0  # bumped by reload(); older workers are replaced when next idle
        self._template: _Template | None = None
        self._template_lock = asyncio.Lock()  # one conversation with the template at a time
        self._tasks: set[asyncio.Task] = set()
        self._log: list[str] = []  # committed updates, oldest first (in-memory mode)
        self._log_lock = threading.Lock()  # writes record from the write thread
        # In memory mode, workers serve from disk until the copy is loaded (seconds at a million
        # triples), so the endpoint answers from the moment the server is up.
        self._from_memory = False
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def status(self) -> str:
        """Where answers come from: "memory", "disk", or "loading" (from disk while the copy loads)."""
        if not self.in_memory:
            return "disk"
        return "memory" if self._from_memory else "loading"

    # -- updates

    def record_update(self, sparql_update: str) -> None:
        """A write was committed to the disk store as ``sparql_update`` (called on the writing thread).

        Copies apply it before their next query or fork. Workers on read-only disk handles see the
        store as it was when they opened it, so they are replaced; the loop runs that before the
        write's own response is sent, so the writer's next query sees its write."""
        with self._log_lock:
            self._log.append(sparql_update)
        if not self._from_memory and self._loop is not None:
            self._loop.call_soon_threadsafe(self.reload)

    def _pending(self, applied: int) -> tuple[list[str], int]:
        with self._log_lock:
            return self._log[applied:], len(self._log)

    # -- processes

    def _start_template(self, in_memory: bool) -> _Template:
        parent, child = _CTX.Pipe()
        with self._log_lock:
            start = len(self._log)  # taken before the copy is read from disk: see the module docstring
        proc = _CTX.Process(
            target=_template, args=(child, self.db_path, in_memory), daemon=True, name="dkk-sparql-template"
        )
        proc.start()
        child.close()
        return _Template(proc, parent, start, self._generation, in_memory)

    async def _ready(self, tpl: _Template) -> bool:
        if not tpl.ready:
            if not await self._readable(tpl.conn, TEMPLATE_TIMEOUT_S) or tpl.conn.recv() != "ready":
                return False
            tpl.ready = True
        return True

    async def _switch_to_memory(self) -> None:
        """Load the copy beside the disk workers; once it is in, fork from it and retire those."""
        tpl = self._start_template(in_memory=True)
        try:
            ready = await self._ready(tpl)
        except (EOFError, OSError):
            ready = False
        if not ready:
            log.error("SPARQL: the in-memory copy did not load; answering from disk")
            tpl.process.kill()
            return
        async with self._template_lock:
            self._stop_template()
            self._generation += 1
            tpl.generation = self._generation
            self._template = tpl
            self._from_memory = True
        self._retire_idle()

    async def _fork(self) -> _Worker:
        async with self._template_lock:
            for attempt in (1, 2):
                tpl = self._template
                if tpl is None or tpl.generation != self._generation or not tpl.process.is_alive():
                    self._stop_template()
                    tpl = self._template = self._start_template(self._from_memory)
                updates, upto = self._pending(tpl.applied)
                ours, theirs = socket.socketpair()
                try:
                    if not await self._ready(tpl):
                        raise OSError("the query template did not start")
                    tpl.conn.send(("fork", updates))
                    reduction.send_handle(tpl.conn, theirs.fileno(), tpl.process.pid)
                    # The template answers once its copy is loaded (seconds at a million triples).
                    if not await self._readable(tpl.conn, TEMPLATE_TIMEOUT_S):
                        raise OSError("the query template did not answer")
                    pid = tpl.conn.recv()
                except (EOFError, OSError):
                    ours.close()
                    self._stop_template()
                    if attempt == 2:
                        raise
                    continue
                finally:
                    theirs.close()
                tpl.applied = upto
                worker = _Worker.forked(pid, Connection(ours.detach()), upto, tpl.generation)
                self._all.append(worker)
                return worker
        raise AssertionError("unreachable")

    async def _add_worker(self) -> None:
        try:
            self._idle.put_nowait(await self._fork())
        except Exception:  # a query waiting for a worker would wait for ever: say why, and stop here
            log.exception("SPARQL: could not start a query worker")
            raise

    def _in_background(self, coro: Coroutine[object, object, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def start(self) -> None:
        """Start the workers in the background (call on the event loop); queries wait for the first."""
        self._loop = asyncio.get_running_loop()
        for _ in range(self.size):
            self._in_background(self._add_worker())
        if self.in_memory:
            self._in_background(self._switch_to_memory())

    async def _readable(self, conn: Connection, timeout: float) -> bool:
        """Wait on the event loop (no thread hop) until ``conn`` has data, or ``timeout``."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        loop.add_reader(conn.fileno(), lambda: ready.done() or ready.set_result(True))
        try:
            await asyncio.wait_for(ready, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            loop.remove_reader(conn.fileno())

    async def run(self, req: QueryRequest) -> QueryResponse:
        worker = await self._idle.get()
        replace = False
        try:
            updates, upto = self._pending(worker.applied)
            worker.conn.send((updates, req))
            worker.applied = upto
            if not await self._readable(worker.conn, self.timeout):
                replace = True
                raise QueryTimeout(f"The query did not finish within {self.timeout:g} s and was stopped.")
            return worker.conn.recv()
        except (EOFError, OSError):
            replace = True
            return QueryResponse("error", message="The query worker stopped unexpectedly; try again.")
        finally:
            if replace or worker.generation != self._generation:
                self._kill(worker)
                self._in_background(self._add_worker())  # forked from the template: milliseconds
            else:
                self._idle.put_nowait(worker)

    def reload(self) -> None:
        """Replace every worker (and the template) with ones that read the store afresh."""
        self._generation += 1
        self._retire_idle()

    def _retire_idle(self) -> None:
        """Replace the idle workers of older generations now (busy ones when they come back)."""
        keep = []
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            if worker.generation == self._generation:
                keep.append(worker)
            else:
                self._kill(worker)
                self._in_background(self._add_worker())
        for worker in keep:
            self._idle.put_nowait(worker)

    def _kill(self, worker: _Worker) -> None:
        worker.kill()
        self._all.remove(worker)

    def _stop_template(self) -> None:
        if self._template is not None:
            self._template.process.kill()
            self._template.process.join(timeout=5)
            self._template.conn.close()
            self._template = None

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            self._kill(worker)
        self._stop_template()
