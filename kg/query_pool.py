"""Run public SPARQL queries in worker processes that can be killed at the time limit.

pyoxigraph cannot interrupt a running query, and a runaway query (a cross
product over the whole store) would hold a thread and a core for ever. So each
query runs in one of a few worker processes, each holding a read-only handle on
the store. When the time limit passes, the worker is killed and replaced; the
client gets a clear error, and the other workers keep answering.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .sparql_results import serialize
from .store.errors import syntax_message

_CTX = mp.get_context("spawn")  # no fork of a threaded server process


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


def _worker(conn: Connection, db_path: str, in_memory: bool = True) -> None:
    store = ox.Store.read_only(db_path)
    if in_memory:
        # Oxigraph answers analytic queries several times faster from memory than from its
        # on-disk store; the copy is taken at start, and workers are replaced after each write.
        copy = ox.Store()
        copy.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        store = copy
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        conn.send(execute(store, req))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    generation: int = 0


class QueryPool:
    def __init__(self, db_path: Path, size: int, timeout: float, in_memory: bool = True) -> None:
        self.db_path = str(db_path)
        self.in_memory = in_memory
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: list[_Worker] = []
        self._generation = 0  # bumped by refresh(); older workers are replaced when next idle

    def _spawn(self) -> _Worker:
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(
            target=_worker, args=(child, self.db_path, self.in_memory), daemon=True, name="dkk-sparql-worker"
        )
        proc.start()
        child.close()
        worker = _Worker(proc, parent, self._generation)
        self._all.append(worker)
        return worker

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn())

    async def run(self, req: QueryRequest) -> QueryResponse:
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(req)
            ready = await loop.run_in_executor(None, worker.conn.poll, self.timeout)
            if not ready:
                self._kill(worker)
                worker = self._spawn()
                raise QueryTimeout(f"The query did not finish within {self.timeout:g} s and was stopped.")
            return worker.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._kill(worker)
            worker = self._spawn()
            return QueryResponse("error", message="The query worker stopped unexpectedly; try again.")
        finally:
            if worker.generation != self._generation:
                self._kill(worker)
                worker = self._spawn()
            self._idle.put_nowait(worker)

    def refresh(self) -> None:
        """After a write: replace the workers, whose read-only handles see the store as it was."""
        self._generation += 1
        idle = []
        while not self._idle.empty():
            idle.append(self._idle.get_nowait())
        for worker in idle:
            self._kill(worker)
            self._idle.put_nowait(self._spawn())

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._all.remove(worker)

    def close(self) -> None:
        for worker in list(self._all):
            self._kill(worker)
