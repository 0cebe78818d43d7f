"""What every route and page asks of the request: the settings, the store to read, the reader's language.

The settings are the app's (``create_app`` put them in ``app.state``): routes and
middlewares take them from here, never from the environment.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from rdflib import Graph

from kg.pipeline.build import build_info
from kg.pipeline.stats import graph_sizes
from kg.services import levels, read_models
from kg.services.codes import CodeBook
from kg.services.dataset import describe
from kg.services.lookups import Lookups
from kg.store import GraphStore

from .app_settings import settings_of
from .catalogue import catalogue_of
from .memo import memo
from .reads import read_store

__all__ = [
    "LANG_COOKIE",
    "book_of",
    "catalogue_of",
    "dataset_of",
    "lookups_of",
    "practices_of",
    "profiles_of",
    "settings_of",
    "sizes_of",
    "store_of",
    "ui_lang",
]

LANG_COOKIE = "dkk_lang"


def store_of(request: Request) -> GraphStore:
    """The store for reads: through the query pool, under the request's deadline (api.reads)."""
    return read_store(request)


def lookups_of(request: Request) -> Lookups:
    """Levels, codes, areas and practices by competence, read once per data version (api.memo)."""
    return memo(request, "lookups", lambda: Lookups.load(store_of(request)))


def levels_of(request: Request) -> dict[str, levels.Scale]:
    """What each scale's levels mean (kg.services.levels), once per data version."""
    return memo(request, "level guide", lambda: levels.guide(store_of(request)))


def profiles_of(request: Request, competence: str | None = None) -> list[dict[str, Any]]:
    """Every profile (or those stating ``competence``), once per data version: GET /profiles and the
    site's pages share one list."""
    return memo(
        request, ("profiles", competence), lambda: read_models.profiles(store_of(request), competence)
    )


def practices_of(
    request: Request, competence: str | None = None, group: str | None = None
) -> list[dict[str, Any]]:
    """Every practice (or those for ``competence`` and ``group``), once per data version."""
    return memo(
        request,
        ("practices", competence, group),
        lambda: read_models.practices(store_of(request), competence, group),
    )


def sizes_of(request: Request) -> dict[str, int]:
    """Triples per graph (the build's counts, owners written since counted again), per data version."""
    settings = settings_of(request)
    info = build_info(settings.store_path_resolved())
    return memo(
        request, "graph sizes", lambda: graph_sizes(store_of(request), info, settings.contrib_dir_resolved())
    )


def dataset_of(request: Request) -> Graph:
    """The VoID/DCAT description of the dataset and of each graph, kept per data version (only a build
    or a contributor's write changes it)."""
    settings = settings_of(request)
    built = (build_info(settings.store_path_resolved()) or {}).get("built")
    return memo(
        request, ("dataset",), lambda: describe(store_of(request), settings, built, sizes_of(request))
    )


def book_of(request: Request) -> CodeBook:
    """How people name competences and levels, read once per data version."""
    return lookups_of(request).book


def ui_lang(request: Request) -> str:
    """The reader's language: ?lang=, else the site's switch (a cookie), else Accept-Language, else Danish."""
    for lang in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if lang in ("da", "en"):
            return lang
    return preferred(request.headers.get("accept-language", ""))


def preferred(accept_language: str) -> str:
    """The first of da and en a browser's Accept-Language ranks highest; Danish when it states neither (the
    site is for Danish municipalities: a browser that says nothing, or only German, gets Danish)."""
    ranked = []
    for n, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, n, tag.split("-", 1)[0].lower()))
    return next((lang for q, _, lang in sorted(ranked) if lang in ("da", "en") and q < 0), "da")
