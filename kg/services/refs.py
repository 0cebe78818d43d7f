"""How services name things to their callers: ids, IRIs, labels, trees, and the REST templates.

A resource is answered as ``{"iri", "id", "href"}`` (the id is the path after
``<base>/id/``), with its labels by language where they are known. Parameters come
in as ids or IRIs and are checked before they become query bindings.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.core.errors import ServiceError
from kg.core.settings import get_settings
from kg.core.terms import is_iri
from kg.services.profiles import ResolvedProfile, resolve
from kg.store import GraphStore
from kg.store.templates import select

ANY = URIRef("urn:dkk:any")  # the templates' "no filter" value for an IRI parameter


def run(store: GraphStore, name: str, **bindings: Node) -> list[dict[str, Node]]:
    return select(store, f"rest/{name}", **bindings).rows


def local_name(iri: str) -> str:
    """The last part of an IRI, after # or /: the key a property or a value is known by in JSON."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def short_id(iri: str) -> str | None:
    base = get_settings().base_iri + "id/"
    return iri[len(base) :] if iri.startswith(base) else None


def to_iri(value: str, field: str) -> URIRef:
    """Accept a full IRI or our short id (the path after /id/, e.g. digcomp3/4.2); 422 naming ``field``
    for anything that is neither (spaces, control characters, ``<>``...)."""
    value = value.strip()
    iri = value if value.startswith(("http://", "https://", "urn:")) else None
    if iri is None and value and not any(c in value for c in '<>"{}|\\^` '):
        iri = get_settings().base_iri + "id/" + value.lstrip("/")
    if iri is None or not is_iri(iri):
        raise ServiceError(
            422,
            "Invalid identifier",
            f"{field}={value!r} is not an IRI or an id; ids look like digcomp3/4.2 (see GET /competences).",
            field=field,
        )
    return URIRef(iri)


def resolve_profile(store: GraphStore, profile_id: str, field: str) -> ResolvedProfile:
    """The profile named by ``profile_id`` (id or IRI) with inheritance resolved; 404 if there is none."""
    iri = to_iri(profile_id, field)
    resolved = resolve(store, iri)
    if resolved is None:
        raise ServiceError(404, "Unknown profile", f"{iri} is not a profile in the graph.", field=field)
    return resolved


def ref(iri: Node, labels: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"iri": str(iri)}
    sid = short_id(str(iri))
    if sid is not None:
        out["id"] = sid
        out["href"] = f"/id/{sid}"
    if labels is not None:
        out["label"] = labels.get(str(iri), {})
    return out


def collect_labels(rows: list[dict[str, Node]], pairs: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        for term_key, label_key in pairs:
            label = r.get(label_key)
            if term_key in r and isinstance(label, Literal):
                labels[str(r[term_key])].setdefault(label.language or "", str(label))
    return labels


def tree(nodes: dict[str, dict[str, Any]], parent: dict[str, str]) -> list[dict[str, Any]]:
    """Hang each node under its parent's ``children``; the roots are those whose parent is not a node."""
    roots: list[dict[str, Any]] = []
    for key, node in nodes.items():
        (nodes[parent[key]]["children"] if parent.get(key) in nodes else roots).append(node)
    return roots


def optional_iri(value: str | None, field: str) -> URIRef:
    """A filter parameter: the IRI it names, or ANY when it is not given."""
    return to_iri(value, field) if value else ANY
