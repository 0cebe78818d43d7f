"""The app's settings, for routes and middlewares: ``create_app`` keeps them in ``app.state``."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from fastapi import Request

from kg.core.settings import Settings


def settings_of(request: Request | MutableMapping[str, Any]) -> Settings:
    """The app's settings, from a request or (in a middleware) an ASGI scope."""
    app = request.app if isinstance(request, Request) else request["app"]
    settings: Settings = app.state.settings
    return settings
