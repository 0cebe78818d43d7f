"""The course catalogue's index (kg.services.catalogue) for this process: loaded after start-up in a
thread, reloaded after a new build, refreshed before each read that uses it.

Until it is loaded (or when it cannot be), reads get None and the services ask the store
instead: the same answers, only slower on a large catalogue.
"""

from __future__ import annotations

import gc
import logging
import threading

from fastapi import FastAPI, Request

from kg.pipeline.build import build_info
from kg.services.catalogue import Catalogue
from kg.store import StoreError

log = logging.getLogger("dkk.catalogue")
_loading = threading.Lock()


def _built(app: FastAPI) -> str | None:
    return (build_info(app.state.settings.store_path_resolved()) or {}).get("built")


def load(app: FastAPI) -> None:
    """Load the index in a thread (one load at a time; a second call while one runs does nothing)."""

    def run() -> None:
        if not _loading.acquire(blocking=False):
            return
        try:
            store = app.state.store
            if store is not None:
                app.state.catalogue = Catalogue(store, app.state.settings.contrib_dir_resolved(), _built(app))
                # The index is millions of objects at 10M triples, and they stay: out of the cyclic
                # collector's sight, which otherwise walked them all on every full collection (an
                # upload, allocating as it parses, paid over a second for it at 10M).
                gc.freeze()
        except Exception:  # (any: the store's error, or a bug) the services ask the store instead
            log.exception("the course index could not be loaded; course lists ask the store")
        finally:
            _loading.release()

    threading.Thread(target=run, name="dkk-catalogue", daemon=True).start()


def catalogue_of(request: Request) -> Catalogue | None:
    """The index, brought up to date with the contributed files; None while it loads."""
    app = request.app
    catalogue: Catalogue | None = getattr(app.state, "catalogue", None)
    if catalogue is None:
        return None
    if catalogue.built != _built(app):
        app.state.catalogue = None
        load(app)
        return None
    try:
        catalogue.refresh()
    except StoreError:
        return None
    return catalogue
