"""The query pool's serving copy: kept in step with committed writes, shared by forked workers.

These drive a real QueryPool (template and forked worker processes) on a real
Oxigraph store in a temporary directory; writes go through the store's one
write path, as the API's do.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.query_pool import QueryPool, QueryRequest, QueryTimeout
from kg.store.oxigraph import DB_DIR, OxigraphStore

JSON = "application/sparql-results+json"
G = "https://w3id.org/dkk/graph/test"
S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")
VALUES = f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }} ORDER BY ?o"


def _values(answer: object) -> list[str]:
    body = json.loads(answer.body)  # type: ignore[attr-defined]
    return [b["o"]["value"] for b in body["results"]["bindings"]]


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore.create(tmp_path / "store")
    s.load_graphs({G: [(S, P, Literal("before"))]})
    s._store.flush()
    yield s
    s.close()


def _pool(store: OxigraphStore, timeout: float = 30.0, size: int = 2) -> QueryPool:
    pool = QueryPool(Path(store.path) / DB_DIR, size, timeout)  # type: ignore[arg-type]
    store.on_update.append(pool.record_update)
    return pool


async def _ask(pool: QueryPool, query: str = VALUES) -> object:
    return await pool.run(QueryRequest(query, JSON, 100))


async def _in_memory(pool: QueryPool) -> None:
    """Until the copy is loaded, workers answer from disk; wait for the switch."""
    for _ in range(200):
        if pool._from_memory and all(w.generation == pool._generation for w in pool._all):
            return
        await _ask(pool)  # an answer from a retired worker makes way for its replacement
        await asyncio.sleep(0.05)
    raise AssertionError("the pool never switched to its in-memory copy")


def test_writes_reach_every_worker_without_reloading(store: OxigraphStore) -> None:
    async def scenario() -> None:
        pool = _pool(store)
        pool.start()
        try:
            await _in_memory(pool)
            first = [await _ask(pool) for _ in range(4)]  # both workers answer at least once
            assert all(_values(a) == ["before"] for a in first)
            pids = sorted(w.pid for w in pool._all)
            template = pool._template.process.pid  # type: ignore[union-attr]

            store.replace_graphs({G: [(S, P, Literal("after")), (S, P, Literal("also"))]})
            answers = await asyncio.gather(*(_ask(pool) for _ in range(6)))
            assert all(_values(a) == ["after", "also"] for a in answers)
            # The same processes answered: the copies followed the update, nothing was reloaded.
            assert sorted(w.pid for w in pool._all) == pids
            assert pool._template.process.pid == template  # type: ignore[union-attr]
        finally:
            pool.close()

    asyncio.run(scenario())


def test_a_killed_worker_is_replaced_from_the_template_with_every_write(store: OxigraphStore) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o2 }"

    async def scenario() -> None:
        store.load_graphs(
            {G + "/big": [(URIRef(f"http://example.org/n{i}"), P, Literal(i)) for i in range(300)]}
        )
        pool = _pool(store, timeout=1.0, size=1)
        pool.start()
        try:
            await _in_memory(pool)
            store.replace_graphs({G: [(S, P, Literal("written before the kill"))]})
            killed = pool._all[0].pid
            with pytest.raises(QueryTimeout):
                await _ask(pool, runaway)
            answer = await _ask(pool)  # waits for the replacement
            assert _values(answer) == ["written before the kill"]
            assert pool._all[0].pid != killed
            with pytest.raises(ProcessLookupError):
                os.kill(killed, 0)  # really gone
        finally:
            pool.close()

    asyncio.run(scenario())


def test_disk_workers_are_replaced_after_a_write(store: OxigraphStore) -> None:
    # Read-only disk handles see the store as it was when opened (DKK_SPARQL_IN_MEMORY=false, and
    # the first seconds of memory mode while the copy loads): the next query must see the write.
    async def scenario() -> None:
        pool = QueryPool(Path(store.path) / DB_DIR, 1, 30.0, in_memory=False)  # type: ignore[arg-type]
        store.on_update.append(pool.record_update)
        pool.start()
        try:
            assert _values(await _ask(pool)) == ["before"]
            for value in ("after", "again"):
                await asyncio.to_thread(store.replace_graphs, {G: [(S, P, Literal(value))]})
                assert _values(await _ask(pool)) == [value]
        finally:
            pool.close()

    asyncio.run(scenario())
