"""What a service refuses, in terms every interface can answer in: a status, a title, what to do.

The REST API and the site answer it as problem+json or as a page (api.problems);
the CLI prints it. The status is HTTP's vocabulary because it is the one every
caller already speaks (404 unknown, 422 invalid, 503 unavailable).
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Raise anywhere below the interfaces; ``extra`` names the field, row or triple at fault."""

    def __init__(
        self, status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = headers or {}
