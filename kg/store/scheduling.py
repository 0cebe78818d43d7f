"""Hand out a few workers fairly among many anonymous clients.

With a plain queue, a client that sends as many slow queries as there are workers
holds them all, and everyone else waits behind it. Here:

- a client runs at most ``per_client`` queries at once; its further queries wait;
- a freed worker goes to the waiting client that has the fewest queries running
  (the oldest request among equals), so a light client is served between a heavy
  client's queries;
- the time spent waiting counts against the caller's deadline, and a request that
  cannot get a worker by then, or that finds the queue full, is refused with
  :class:`Busy` (the endpoint answers 503 with Retry-After).

Single-threaded: every method is called on the event loop.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.core.errors import ServiceError, refused

W = TypeVar("W")


class Busy(ServiceError):
    """No worker for this request in time (503); its Retry-After is a fair guess in seconds."""

    @property
    def retry_after(self) -> int:
        return int(self.headers["Retry-After"])


@dataclass(order=True)
class _Waiter(Generic[W]):
    seq: int
    client: str = field(compare=False)
    future: asyncio.Future[W] = field(compare=False)


class FairScheduler(Generic[W]):
    def __init__(self, per_client: int, queue_per_client: int, queue_total: int, retry_after: int) -> None:
        self.per_client = per_client
        self.queue_per_client = queue_per_client
        self.queue_total = queue_total
        self.retry_after = retry_after
        self.idle: list[W] = []
        self.running: Counter[str] = Counter()
        self._waiters: list[_Waiter[W]] = []
        self._seq = itertools.count()

    def waiting(self, client: str | None = None) -> int:
        return sum(1 for w in self._waiters if client is None or w.client == client)

    def _take_idle(self, prefer: list[W]) -> W:
        worker = prefer[0] if prefer else self.idle[0]
        self.idle.remove(worker)
        return worker

    async def acquire(self, client: str, timeout: float, prefer: list[W] | None = None) -> W:
        """A worker for ``client`` within ``timeout`` seconds; ``prefer`` orders idle workers."""
        if self.idle and self.running[client] < self.per_client and not self._eligible():
            self.running[client] += 1
            return self._take_idle([w for w in (prefer or []) if w in self.idle])
        if self.waiting(client) >= self.queue_per_client or len(self._waiters) >= self.queue_total:
            raise refused(503, "busy.queue_full", headers={"Retry-After": str(self.retry_after)}, cls=Busy)
        waiter = _Waiter(next(self._seq), client, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            raise refused(
                503,
                "busy.no_worker",
                {"seconds": f"{timeout:g}"},
                headers={"Retry-After": str(self.retry_after)},
                cls=Busy,
            ) from None
        except asyncio.CancelledError:  # the client went away while it waited
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            elif waiter.future.done() and not waiter.future.cancelled():
                self.release(client, waiter.future.result())  # handed over just as it gave up
            raise

    def _eligible(self) -> list[_Waiter[W]]:
        """Waiters that may run now (a waiter whose time ran out is still listed until its task
        wakes, with its future cancelled: it is passed over)."""
        return [w for w in self._waiters if not w.future.done() and self.running[w.client] < self.per_client]

    def done(self, client: str) -> None:
        """``client``'s query has finished (its worker comes back through :meth:`offer`); its own
        waiting query may now take an idle worker."""
        self.running[client] -= 1
        if self.running[client] <= 0:
            del self.running[client]
        while self.idle and self._eligible():
            self.offer(self.idle.pop(0))

    def release(self, client: str, worker: W) -> None:
        """Give back a worker that was handed out but not used."""
        self.done(client)
        self.offer(worker)

    def offer(self, worker: W) -> None:
        """A worker is free: to the fairest waiting client, or idle."""
        eligible = self._eligible()
        if eligible:
            waiter = min(eligible, key=lambda w: (self.running[w.client], w.seq))
            self._waiters.remove(waiter)
            self.running[waiter.client] += 1
            waiter.future.set_result(worker)
            return
        self.idle.append(worker)

    def remove(self, worker: W) -> None:
        if worker in self.idle:
            self.idle.remove(worker)
