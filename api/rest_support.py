"""What the REST routes add to the services' answers: pagination, and links to the templates behind them."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from pydantic import BaseModel, Field


class Page(BaseModel):
    """A page of results; ``queries`` are the SPARQL templates that computed them."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    queries: list[str] = Field(description="Paths of the SPARQL templates behind this answer.")


def template_path(name: str) -> str:
    return f"/sparql/templates/{name}.rq"


def describedby(response: Response, names: list[str]) -> list[str]:
    paths = [template_path(f"rest/{n}") for n in names]
    response.headers["Link"] = ", ".join(
        f'<{p}>; rel="describedby"; type="application/sparql-query"' for p in paths
    )
    return paths


def page(items: list[dict[str, Any]], limit: int, offset: int, queries: list[str]) -> Page:
    return Page(
        items=items[offset : offset + limit], total=len(items), limit=limit, offset=offset, queries=queries
    )
