"""How pages name things: the label to show in the reader's language, and where on this server an IRI
of ours is served. Every page, the Linked Data views included, is rendered by the one templating path
(api.ui.render, Jinja)."""

from __future__ import annotations

from kg.core import namespaces as ns
from kg.services.refs import pick_with_lang

__all__ = ["local_path", "pick_with_lang"]


def local_path(iri: str) -> str | None:
    """The path on this server that serves ``iri``, if it is one of ours."""
    base = ns.BASE
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    for prefix in ("ontology#", "shapes#"):
        if rest.startswith(prefix):
            return "/" + rest.split("#")[0] + "#" + rest.split("#", 1)[1]
    return "/" + rest
