"""What the REST routes add to the services' answers: pagination, and links to the templates behind them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from pydantic import BaseModel, Field


class Page(BaseModel):
    """A page of results; ``queries`` are the SPARQL templates that computed them."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: str | None = Field(
        None, description="The next page (path and query, on this server), when there is one."
    )
    queries: list[str] = Field(description="Paths of the SPARQL templates behind this answer.")


def template_path(name: str) -> str:
    return f"/sparql/templates/{name}.rq"


def describedby(response: Response, names: list[str]) -> list[str]:
    paths = [template_path(f"rest/{n}") for n in names]
    response.headers["Link"] = ", ".join(
        f'<{p}>; rel="describedby"; type="application/sparql-query"' for p in paths
    )
    return paths


def next_page(request: Request, response: Response, limit: int, offset: int, total: int) -> str | None:
    """The path and query of the next page (also sent as a ``Link`` rel="next"), or None on the last.
    Relative, so that the answer does not depend on the Host header a client sent."""
    if offset + limit >= total:
        return None
    params = {**request.query_params, "limit": str(limit), "offset": str(offset + limit)}
    link = f"{request.url.path}?{urlencode(params)}"
    previous = response.headers.get("Link")
    response.headers["Link"] = ", ".join(filter(None, [previous, f'<{link}>; rel="next"']))
    return link


def page(
    request: Request,
    response: Response,
    items: list[dict[str, Any]],
    limit: int,
    offset: int,
    queries: list[str],
    total: int | None = None,
) -> Page:
    """A page of ``items``: the whole list cut here, or (with ``total``) a page the service cut already."""
    if total is None:
        total, items = len(items), items[offset : offset + limit]
    return Page(
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        next=next_page(request, response, limit, offset, total),
        queries=queries,
    )
