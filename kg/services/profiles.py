"""Competence profiles: resolve a profile's requirements through its derivation chain.

A profile derives from at most one base (generic -> discipline -> local). Its
effective requirements are the base's, then each profile down the chain in turn
overrides a competence's requirement by stating its own, or drops it with
dkk:removesCompetence: the nearest statement wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from kg.core.terms import integer
from kg.store.base import GraphStore, SelectResult
from kg.store.templates import select


@dataclass
class Requirement:
    competence: str
    level: str
    rank: int
    stated_in: str
    importance: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    level_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class ResolvedProfile:
    profile: str
    chain: list[str]  # from the root base down to the profile itself
    requirements: list[Requirement]
    removed: list[str]


MAX_CHAIN = 16  # derivations deeper than this are a loop or a mistake


def _statements(store: GraphStore, profile: URIRef) -> tuple[list[str], list[dict[str, Node]]]:
    """The chain from the root base down to ``profile``, and what each member states itself."""
    chain: list[str] = []
    rows: list[dict[str, Node]] = []
    member: str | None = str(profile)
    while member is not None and member not in chain and len(chain) < MAX_CHAIN:
        found = select(store, "rest/profile_requirements", member=URIRef(member)).rows
        if not found:
            break
        chain.append(member)
        rows += found
        member = next((str(r["memberBase"]) for r in found if "memberBase" in r), None)
    return list(reversed(chain)), rows


def resolve(store: GraphStore, profile: URIRef) -> ResolvedProfile | None:
    chain, rows = _statements(store, profile)
    if not chain:
        return None
    res = SelectResult([], rows)
    by_member: dict[str, dict[str, Requirement]] = {m: {} for m in chain}
    removals: dict[str, set[str]] = {m: set() for m in chain}
    for r in res.rows:
        member = str(r["member"])
        if "removed" in r:
            removals[member].add(str(r["removed"]))
        if "competence" not in r:
            continue
        req = by_member[member].setdefault(
            str(r["competence"]),
            Requirement(
                competence=str(r["competence"]),
                level=str(r["level"]),
                rank=integer(r["rank"]),
                stated_in=member,
                importance=str(r["importance"]) if "importance" in r else None,
            ),
        )
        for key, target in (("competenceLabel", req.labels), ("levelLabel", req.level_labels)):
            if key in r:
                target.setdefault(getattr(r[key], "language", None) or "", str(r[key]))
    effective: dict[str, Requirement] = {}
    removed: list[str] = []
    for member in chain:
        for competence in removals[member]:
            if effective.pop(competence, None) is not None:
                removed.append(competence)
        effective.update(by_member[member])
    ordered = sorted(effective.values(), key=lambda q: q.competence)
    return ResolvedProfile(str(profile), chain, ordered, sorted(removed))
