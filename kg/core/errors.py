"""What a service refuses, in terms every interface can answer in: a status, a title, what to do.

The REST API and the site answer it as problem+json or as a page (api.problems);
the CLI prints it. The status is HTTP's vocabulary because it is the one every
caller already speaks (404 unknown, 422 invalid, 503 unavailable).

Its words come from the catalogue (kg.core.i18n) by key: ``refused(422, "upload.no_file")`` reads
``problem.upload.no_file`` (the title) and ``problem.upload.no_file.detail`` in English and Danish, so a
translator works on them with the site's words; the answer carries both (``title``/``detail`` in English,
``title_da``/``detail_da`` in Danish).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from kg.core.i18n import text


class ServiceError(Exception):
    """Raise anywhere below the interfaces; ``extra`` names the field, row or triple at fault."""

    def __init__(
        self, status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = headers or {}


E = TypeVar("E", bound=ServiceError)


def refused(
    status: int,
    key: str,
    values: Mapping[str, object] | None = None,
    headers: dict[str, str] | None = None,
    cls: type[E] = ServiceError,  # type: ignore[assignment]
    **extra: Any,
) -> E:
    """The refusal ``key`` of the catalogue, its detail's placeholders filled from ``values``; ``extra``
    names what is at fault (``field``, ``problems``, ``line``...); ``cls`` a kind of refusal a caller
    catches apart (SparqlRefused, Busy)."""
    return cls(
        status,
        said(f"problem.{key}", "en", values),
        said(f"problem.{key}.detail", "en", values),
        headers,
        title_da=said(f"problem.{key}", "da", values),
        detail_da=said(f"problem.{key}.detail", "da", values),
        **extra,
    )


def said(key: str, lang: str, values: Mapping[str, object] | None = None) -> str:
    """A message of the catalogue with its placeholders filled (kg.core.i18n.text; a count ``n`` also
    picks a plural form)."""
    rest = dict(values or {})
    count = rest.get("n")
    if isinstance(count, int):
        del rest["n"]
        return text(key, lang, count, **rest)
    return text(key, lang, None, **rest)
