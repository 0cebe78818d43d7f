"""One identifier scheme for every entry point.

A concept, level, provider or municipality can be named three ways, and every
interface (REST paths and parameters, CSV and JSON uploads, ``/gap``, mappings,
the site, the CLI) accepts all three:

- the short id: the path after ``<base>id/`` (``digcomp3/4.2``, ``provider/myschool``);
- a CURIE with a framework prefix from the registry (``digcomp3:4.2``, ``kl:dataanvendelse``);
- the full IRI.

Providers and municipalities may also be named by their bare id (``myschool``),
which is how their owners know them, and a framework by its registry key or prefix
(``digcomp3``, ``kl``, ``esco``). Exports write the CURIE (the registry's
written prefix). Whether a well-formed identifier names something in the graph is
the services' question (``kg.services.refs``); this module only spells.
"""

from __future__ import annotations

from kg.core.frameworks import by_prefix, stems
from kg.core.terms import is_iri

IRI_SCHEMES = ("http://", "https://", "urn:")
FORBIDDEN = set('<>"{}|\\^` \t\r\n')
# Kinds whose bare id is read under their own path: ``myschool`` as a provider is provider/myschool.
OWNER_PATHS = {"provider": "provider/", "municipality": "municipality/"}


class Malformed(ValueError):
    """Not an IRI, a short id or a CURIE with a known prefix; ``reason`` says which part is wrong."""

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(f"{value!r}: {reason}")
        self.value = value
        self.reason = reason


def expand(value: str, base_iri: str, kind: str | None = None) -> str:
    """The IRI ``value`` names, or Malformed."""
    value = value.strip()
    if not value:
        raise Malformed(value, "empty")
    if value.startswith(IRI_SCHEMES):
        if not is_iri(value):
            raise Malformed(value, "not a valid IRI")
        return value
    if FORBIDDEN & set(value) or any(ord(c) < 32 for c in value):
        raise Malformed(value, "contains a character an identifier cannot hold")
    prefix, sep, local = value.partition(":")
    if kind == "framework" and not sep and value.lower() in by_prefix():
        return by_prefix()[value.lower()].scheme_iri(base_iri)  # digcomp3, kl, esco
    if sep:
        fw = by_prefix().get(prefix.lower())
        if fw is None:
            raise Malformed(value, f"the prefix {prefix!r} is not a framework's")
        iri = fw.concept_base(base_iri) + local.strip().lstrip("/")
    else:
        path = value.lstrip("/")
        owner = OWNER_PATHS.get(kind or "")
        if owner and "/" not in path:
            path = owner + path
        iri = base_iri + "id/" + path
    if not is_iri(iri):
        raise Malformed(value, "not a valid IRI")
    return iri


def short_id(iri: str, base_iri: str) -> str | None:
    base = base_iri + "id/"
    return iri[len(base) :] if iri.startswith(base) else None


def curie(iri: str, base_iri: str) -> str | None:
    """The CURIE exports write for ``iri`` (digcomp3:4.2), or None when no framework holds it."""
    for stem, prefix in stems(base_iri):
        if iri.startswith(stem) and len(iri) > len(stem):
            return f"{prefix}:{iri[len(stem) :]}"
    return None


def examples() -> str:
    """How to write an identifier, for error messages."""
    return "digcomp3/4.2, digcomp3:4.2 or the full IRI"
