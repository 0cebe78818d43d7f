"""The query pool: in-memory copies kept in step with committed writes, disk workers beside them.

These drive a real QueryPool (real worker processes) on a real Oxigraph store in
a temporary directory; writes go through the store's one write path, as the
API's do.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.store.oxigraph import DB_DIR, OxigraphStore
from kg.store.query_pool import QueryPool, QueryRequest, QueryTimeout

JSON = "application/sparql-results+json"
G = "https://w3id.org/dkk/graph/test"
S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")
VALUES = f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }} ORDER BY ?o"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o2 }"


def _values(answer: object) -> list[str]:
    body = json.loads(answer.body)  # type: ignore[attr-defined]
    return [b["o"]["value"] for b in body["results"]["bindings"]]


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore.create(tmp_path / "store")
    s.load_graphs({G: [(S, P, Literal("before"))]})
    # enough for RUNAWAY to run for ever (300^5 rows)
    s.load_graphs({G + "/big": [(URIRef(f"http://example.org/n{i}"), P, Literal(i)) for i in range(300)]})
    yield s
    s.close()


def _pool(store: OxigraphStore, **kwargs: object) -> QueryPool:
    # per_client: these tests are about copies and writes, not fairness (one client asks everything)
    pool = QueryPool(Path(store.path) / DB_DIR, **{"size": 2, "timeout": 30.0, "per_client": 2, **kwargs})  # type: ignore[arg-type]
    store.on_update.append(pool.record_update)
    return pool


async def _ask(pool: QueryPool, query: str = VALUES) -> object:
    return await pool.run(QueryRequest(query, JSON, 100))


async def _write(store: OxigraphStore, *values: str) -> None:
    await asyncio.to_thread(store.replace_graphs, {G: [(S, P, Literal(v)) for v in values]})


async def _copies_ready(pool: QueryPool, n: int) -> None:
    for _ in range(300):
        if sum(w.copy and w.ready for w in pool._all) >= n:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the copies never loaded")


def test_copies_follow_writes_without_reloading(store: OxigraphStore) -> None:
    async def scenario() -> None:
        pool = _pool(store, memory_workers=2)
        pool.start()
        try:
            await _copies_ready(pool, 2)
            assert pool.status == "memory"
            assert all(
                _values(a) == ["before"] for a in await asyncio.gather(*(_ask(pool) for _ in range(4)))
            )
            pids = sorted(w.process.pid for w in pool._all)
            await _write(store, "after", "also")
            await _write(store, "after", "also", "more")
            answers = await asyncio.gather(*(_ask(pool) for _ in range(6)))
            assert all(_values(a) == ["after", "also", "more"] for a in answers)
            assert sorted(w.process.pid for w in pool._all) == pids  # the same processes: no reload
            assert pool._log == []  # both copies applied both updates: nothing is kept
        finally:
            pool.close()

    asyncio.run(scenario())


def test_default_pool_holds_one_copy_and_a_disk_worker(store: OxigraphStore) -> None:
    async def scenario() -> None:
        pool = _pool(store)  # size 2, one in-memory copy: about one copy of memory
        pool.start()
        try:
            await _copies_ready(pool, 1)
            await _ask(pool)
            assert sorted(w.copy for w in pool._all) == [False, True]
            # While the copy is busy, a disk worker answers; both see every write.
            slow = asyncio.ensure_future(_ask(pool, RUNAWAY))
            await asyncio.sleep(0.3)
            await _write(store, "written")
            assert _values(await _ask(pool)) == ["written"]
            slow.cancel()  # a cancelled request's worker is replaced, never reused mid-query
            with pytest.raises(asyncio.CancelledError):
                await slow
        finally:
            pool.close()

    asyncio.run(scenario())


def test_a_killed_copy_is_replaced_and_misses_no_write(store: OxigraphStore) -> None:
    async def scenario() -> None:
        pool = _pool(store, size=1, timeout=1.0)
        pool.start()
        try:
            await _copies_ready(pool, 1)
            await _write(store, "written before the kill")
            killed = next(w.process for w in pool._all if w.copy)
            with pytest.raises(QueryTimeout):
                await _ask(pool, RUNAWAY)
            assert not killed.is_alive()
            # A disk worker answers while the new copy loads; then the copy; both have the write.
            assert _values(await _ask(pool)) == ["written before the kill"]
            await _copies_ready(pool, 1)
            assert _values(await _ask(pool)) == ["written before the kill"]
        finally:
            pool.close()

    asyncio.run(scenario())


def test_disk_workers_are_replaced_after_a_write(store: OxigraphStore) -> None:
    # Read-only disk handles see the store as it was when opened: the next query must see the write.
    async def scenario() -> None:
        pool = _pool(store, size=1, in_memory=False)
        pool.start()
        try:
            assert pool.status == "disk"
            assert _values(await _ask(pool)) == ["before"]
            for value in ("after", "again"):
                await _write(store, value)
                assert _values(await _ask(pool)) == [value]
        finally:
            pool.close()

    asyncio.run(scenario())


def test_a_copy_that_would_not_fit_its_memory_limit_gives_way_to_disk_workers(store: OxigraphStore) -> None:
    """At 10M triples a copy needs ~4 GB, over the 2 GB default limit: the pool answers from disk and
    says why, where it used to load the copy, die at the limit and start again for ever."""

    async def scenario() -> None:
        pool = _pool(store, memory_mb=2048, copy_bytes_per_triple=10**10)  # 301 triples: ~2.8 TB
        pool.start()
        try:
            assert _values(await _ask(pool)) == ["before"]
            for _ in range(200):
                if pool.status == "disk":
                    break
                await asyncio.sleep(0.05)
            assert pool.status == "disk"
            assert pool.copy_problem is not None and "DKK_SPARQL_WORKER_MEMORY_MB" in pool.copy_problem
            await _write(store, "after")
            assert _values(await _ask(pool)) == ["after"]
            for _ in range(300):  # the write replaces the disk workers: wait for both to be back
                if len([w for w in pool._all if w.ready]) == 2:
                    break
                await asyncio.sleep(0.05)
            assert not any(w.copy for w in pool._all)  # nothing tries the copy again
            assert len([w for w in pool._all if w.ready]) == 2
        finally:
            pool.close()

    asyncio.run(scenario())
