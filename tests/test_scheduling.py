"""The fair scheduler on its own (kg.store.scheduling): fairness, limits, deadlines, cancellation."""

from __future__ import annotations

import asyncio

import pytest

from kg.store.scheduling import Busy, FairScheduler


def _sched(per_client: int = 1, queue: int = 8) -> FairScheduler[str]:
    s: FairScheduler[str] = FairScheduler(per_client, queue, 64, retry_after=3)
    s.idle = ["w1", "w2"]
    return s


def test_a_freed_worker_goes_to_the_client_with_fewest_running() -> None:
    async def scenario() -> list[str]:
        s = _sched(per_client=2)
        order: list[str] = []
        await s.acquire("heavy", 1)
        await s.acquire("heavy", 1)  # heavy holds both workers

        async def ask(client: str) -> None:
            await s.acquire(client, 5)
            order.append(client)

        tasks = [asyncio.ensure_future(ask(c)) for c in ("heavy", "light")]
        await asyncio.sleep(0)
        s.done("heavy")
        s.offer("w1")  # heavy waited first, but light has none running
        await asyncio.sleep(0)
        s.done("heavy")
        s.offer("w2")
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["light", "heavy"]


def test_one_client_runs_at_most_its_share_and_its_next_waits() -> None:
    async def scenario() -> None:
        s = _sched(per_client=1)
        await s.acquire("a", 1)
        waiting = asyncio.ensure_future(s.acquire("a", 5))
        await asyncio.sleep(0.01)
        assert not waiting.done() and s.idle == ["w2"]  # an idle worker, but not for a's second
        assert await s.acquire("b", 1) == "w2"  # another client gets it at once
        s.done("a")  # a's first finishes (its worker is being replaced): a's second gets an idle one
        s.offer("w1")
        assert await waiting == "w1"

    asyncio.run(scenario())


def test_waiting_counts_against_the_deadline_and_full_queues_refuse() -> None:
    async def scenario() -> None:
        s = _sched(per_client=1, queue=1)
        s.idle = ["w1"]
        await s.acquire("a", 1)
        with pytest.raises(Busy) as late:
            await s.acquire("b", 0.05)
        assert late.value.retry_after == 3
        first = asyncio.ensure_future(s.acquire("c", 5))
        await asyncio.sleep(0)
        with pytest.raises(Busy):  # c may have one waiting
            await s.acquire("c", 5)
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        assert s.waiting() == 0

    asyncio.run(scenario())
