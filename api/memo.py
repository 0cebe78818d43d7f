"""Read models kept per version of the data: the same answer until a build or a contributor's write.

Some answers read every practice or profile (hundreds of rows at 1M triples) and change only
when the data does: a build (the store's stamp) or a write to a contributed file (this
instance's or another's; kg.pipeline.contrib.version). They are kept here, at most
``SIZE`` of them, and computed again after either changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request

from kg.pipeline import contrib
from kg.pipeline.build import build_info

from .app_settings import settings_of

T = TypeVar("T")
SIZE = 512
_lock = threading.Lock()


def version(request: Request) -> tuple[Any, tuple[int, ...]]:
    """The data's version: the build's stamp and the contributed data's (kg.pipeline.contrib.version),
    read once per request."""
    known = getattr(request.state, "data_version", None)
    if known is None:
        settings = settings_of(request)
        built = (build_info(settings.store_path_resolved()) or {}).get("built")
        known = request.state.data_version = (built, contrib.version(settings.contrib_dir_resolved()))
    return known


def memo(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s answer for ``key`` at the data's current version (errors are not kept)."""
    state = request.app.state
    now = version(request)
    with _lock:
        kept: OrderedDict[Hashable, Any] | None = getattr(state, "memo", None)
        if kept is None or getattr(state, "memo_version", None) != now:
            kept = state.memo = OrderedDict()
            state.memo_version = now
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    value = compute()
    with _lock:
        if getattr(state, "memo_version", None) == now:
            kept[key] = value
            while len(kept) > SIZE:
                kept.popitem(last=False)
    return value
