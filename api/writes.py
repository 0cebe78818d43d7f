"""Writes through the API: who may write (keys), where (the one writer process), and how.

Providers and municipalities write the same way: a key for their own data, the
work in a thread on the process that holds the store's write handle, problems as
422 with every problem, an unknown owner or item as 404, and the query workers
refreshed afterwards so /sparql sees the change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPBearer

from kg.core.errors import refused
from kg.core.settings import Settings
from kg.services.courses.service import ImportResult, format_of, import_courses
from kg.services.problems import UploadRejected
from kg.services.providers import ProviderError, key_for_token
from kg.store import GraphStore, StoreError

from .app_settings import settings_of
from .catalogue import catalogue_of

# Declares the key in the OpenAPI document (and so in generated clients); ``authorize`` checks it, with
# answers that say what to do rather than FastAPI's bare 403.
BEARER = HTTPBearer(
    scheme_name="providerKey",
    description="A provider's or municipality's key, created by an administrator with `dkk keys create`.",
    auto_error=False,
)
KEYED = [Depends(BEARER)]


def authorize(request: Request, provider: str, kind: str = "providers") -> str:
    """The key id of a valid key for ``provider`` (or a municipality, by ``kind``); 401 or 403 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return authorize_token(
        settings_of(request), token.strip() if scheme.lower() == "bearer" else "", provider, kind
    )


def authorize_token(settings: Settings, token: str, provider: str, kind: str = "providers") -> str:
    """As ``authorize``, for a key given another way (the site's upload form has a key field)."""
    key = key_for_token(settings.contrib_dir_resolved(), token) if token else None
    if key is None:
        raise refused(401, "key_required", field="Authorization")
    if key.provider != provider or key.kind != kind:
        raise refused(
            403, "not_your_catalogue", {"owner": key.provider, "provider": provider}, field="Authorization"
        )
    return key.key_id


def writer(request: Request) -> GraphStore:
    if not request.app.state.writable:
        raise refused(503, "read_only_server")
    store = request.app.state.store  # the store itself: writers are authorised, and write
    if store is None:
        raise refused(503, "store_unavailable", {"why": request.app.state.store_error or ""})
    return store


async def write(
    request: Request,
    fn: Callable[..., Any],
    *args: Any,
    rejected: str,
    field: str,
    refresh: bool = True,
    **kwargs: Any,
) -> Any:
    """Run ``fn(store, contrib_dir, *args, **kwargs)``, mapping its errors to problem responses."""
    store = writer(request)
    try:
        result = await run_in_threadpool(
            fn, store, settings_of(request).contrib_dir_resolved(), *args, **kwargs
        )
    except UploadRejected as exc:
        raise refused(
            422, rejected, {"n": len(exc.problems)}, problems=[p.as_dict() for p in exc.problems]
        ) from exc
    except ProviderError as exc:
        raise refused(404, exc.key, exc.values, field=field) from exc
    except StoreError as exc:
        raise refused(503, "write_not_taken", {"why": str(exc)}, headers={"Retry-After": "30"}) from exc
    if refresh:
        after_write(request)
        # The course index takes the write in now, in the writer's request (about 1 s at 10M
        # triples), where the next reader would otherwise wait for it.
        await run_in_threadpool(catalogue_of, request)
    return result


def after_write(request: Request) -> None:
    """Renew what the server derived from the store: the graph list that FROM clauses are checked
    against, the suggestion index. (The query workers follow each write by themselves: the store
    hands every committed update to the pool, see kg.store.query_pool.)"""
    state = request.app.state
    state.known_graphs = set(state.store.named_graphs())
    state.suggest_index = None


async def check_and_write(
    request: Request,
    provider_id: str,
    key_id: str,
    data: bytes,
    filename: str,
    media_type: str | None,
    mode: str,
    dry_run: bool,
) -> ImportResult:
    """Check and (unless ``dry_run``) write a catalogue; the API route and the site's form share it."""
    limit = settings_of(request).max_upload_bytes
    if len(data) > limit:
        raise refused(413, "upload_too_large", {"size": len(data), "limit": limit}, field="file")
    try:
        fmt = format_of(filename, media_type)
    except UploadRejected as exc:
        raise refused(422, "upload_unknown_type", problems=[p.as_dict() for p in exc.problems]) from exc
    return await write(
        request,
        import_courses,
        provider_id,
        data,
        filename,
        fmt,
        mode=mode,
        dry_run=dry_run,
        agent=f"key/{key_id}",
        rejected="rejected.upload",
        field="provider_id",
        refresh=not dry_run,
    )
