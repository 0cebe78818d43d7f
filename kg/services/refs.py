"""How services name things to their callers: ids, IRIs, labels, trees, and the REST templates.

A resource is answered as ``{"iri", "id", "curie", "href"}`` (the id is the path after
``<base>/id/``; the CURIE is the registry's, where a framework holds it), with its
labels by language where they are known. Parameters come in as any of the forms
``kg.core.identifiers`` reads, and are checked before they become query bindings: a
malformed one is a 422, one that names nothing of its kind a 404 (a path) or 422
(a filter) that names it and suggests the nearest spellings.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.core import identifiers
from kg.core import namespaces as ns
from kg.core.errors import ServiceError, refused, said
from kg.core.namespaces import ESCO
from kg.core.settings import get_settings
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
    return identifiers.short_id(iri, get_settings().base_iri)


def to_iri(value: str, field: str, kind: str | None = None) -> URIRef:
    """The IRI a short id, CURIE or IRI names; 422 naming ``field`` for anything else (spaces,
    control characters, ``<>``, a prefix no framework has...). ``kind`` "provider" or "municipality"
    also reads a bare id (myschool)."""
    try:
        return URIRef(identifiers.expand(value, get_settings().base_iri, kind))
    except identifiers.Malformed as exc:
        raise refused(
            422,
            "invalid_identifier",
            {"field": field, "value": repr(value), "reason": exc.reason, "examples": identifiers.examples()},
            field=field,
            value=value,
        ) from None


def kinds() -> dict[str, tuple[URIRef, ...]]:
    """The classes a parameter of each kind must name one of."""
    return {
        "competence": (ns.DKK.Competence, ns.DKK.CompetenceArea, ESCO.Skill),
        "concept": (SKOS.Concept, ns.DKK.Competence, ns.DKK.CompetenceArea, ESCO.Skill),
        "level": (ns.DKK.ProficiencyLevel,),
        "framework": (ns.DKK.CompetenceFramework, SKOS.ConceptScheme),
        "provider": (ns.DKK.Provider,),
        "municipality": (ns.DKK.Municipality,),
        "group": (ns.DKK.TargetGroup,),
        "profile": (ns.DKK.CompetenceProfile,),
    }


# What an unknown identifier was taken for: a kind of kinds(), or the noun a caller names ("competence"
# for a concept asked for as a competence); each has its own words in the catalogue (problem.unknown.*),
# since Danish nouns differ in gender ("et begreb", "en kompetence").
UNKNOWN = ("concept", "competence", "level", "framework", "provider", "municipality", "group", "profile")


def members(store: GraphStore, kind: str) -> set[str]:
    """Every IRI of ``kind`` in the graph."""
    return {str(r["x"]) for cls in kinds()[kind] for r in select(store, "of_class", **{"class": cls}).rows}


def spellings(iri: str, kind: str) -> list[str]:
    """How a person would write ``iri``: its CURIE, its short id, and an owner's bare id."""
    base = get_settings().base_iri
    out = [s for s in (identifiers.curie(iri, base), identifiers.short_id(iri, base)) if s]
    if kind in identifiers.OWNER_PATHS and out:
        out.append(out[-1].rsplit("/", 1)[-1])  # the bare id its owner knows it by
    return out or [iri]


def unknown(
    value: str, field: str, kind: str, known: set[str], status: int = 422, noun: str | None = None
) -> ServiceError:
    """The answer for a well-formed identifier that names nothing of its kind, with near spellings."""
    written = {s: iri for iri in known for s in spellings(iri, kind)}
    near = difflib.get_close_matches(value.strip(), list(written), n=3, cutoff=0.6)
    near = list(dict.fromkeys(spellings(written[n], kind)[0] for n in near))
    key = f"unknown.{noun or kind}"
    error: ServiceError = refused(
        status, key, {"field": field, "value": repr(value)}, field=field, value=value, suggestions=near
    )
    if near:  # "Did you mean …?" after the detail, in both languages
        error.detail += " " + said("problem.did_you_mean", "en", {"near": ", ".join(near)})
        error.extra["detail_da"] += " " + said("problem.did_you_mean", "da", {"near": ", ".join(near)})
    return error


def existing(store: GraphStore, value: str, field: str, kind: str, status: int = 422) -> URIRef:
    """The IRI ``value`` names, which must be a ``kind`` in the graph (404/422 otherwise)."""
    iri = to_iri(value, field, kind)
    if not is_a(store, iri, kind):  # (every member is listed only to suggest spellings for a miss)
        raise unknown(value, field, kind, members(store, kind), status)
    return iri


def is_a(store: GraphStore, iri: URIRef, kind: str) -> bool:
    return any(select(store, "of_class", **{"class": cls, "x": iri}).rows for cls in kinds()[kind])


def resolve_profile(store: GraphStore, profile_id: str, field: str) -> ResolvedProfile:
    """The profile named by ``profile_id`` (id or IRI) with inheritance resolved; 404 if there is none."""
    iri = to_iri(profile_id, field)
    resolved = resolve(store, iri)
    if resolved is None:
        raise unknown(profile_id, field, "profile", members(store, "profile"), 404)
    return resolved


def ref(iri: Node, labels: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"iri": str(iri)}
    base = get_settings().base_iri
    sid = identifiers.short_id(str(iri), base)
    if sid is not None:
        out["id"] = sid
        out["href"] = f"/id/{sid}"
    cid = identifiers.curie(str(iri), base)
    if cid is not None:
        out["curie"] = cid
    if labels is not None:
        out["label"] = labels.get(str(iri), {})
    return out


def q_key(iri: str) -> str:
    """How a link's query names a term: its short id, else its IRI."""
    return ref(URIRef(iri)).get("id") or iri


def pick_with_lang(labels: dict[str, str] | None, lang: str) -> tuple[str, str]:
    """The label to show and its language: the reader's, else English, Danish, any; ("", "") if none."""
    labels = labels or {}
    for code in (lang, "en", "da"):
        if labels.get(code):
            return labels[code], code
    return next(((value, code) for code, value in labels.items() if value), ("", ""))


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
    """A parameter that may name something not (yet) in the graph: its IRI, or ANY when not given."""
    return to_iri(value, field) if value else ANY


def filter_by(store: GraphStore, value: str | None, field: str, kind: str) -> URIRef:
    """A filter parameter: ANY when not given, else the ``kind`` it names (422 when it names none), so
    a filter with an unknown value is never an empty 200."""
    return existing(store, value, field, kind) if value else ANY
