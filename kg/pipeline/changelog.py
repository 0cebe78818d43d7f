"""What changed between two releases: concepts, labels, mappings and profiles added, removed, changed.

Computed from the two releases' quads, so it says what the data says, not what someone remembered
to write down. The inferred graph is left out: a change there is the echo of a change elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.core import namespaces as ns

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MAPPING_PREDICATES = tuple(
    SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)


@dataclass
class Snapshot:
    """The parts of a release a changelog compares."""

    concepts: set[str] = field(default_factory=set)
    labels: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    mappings: dict[tuple[str, str], str] = field(default_factory=dict)  # (subject, object) -> predicate
    profiles: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> Snapshot:
        snap = cls()
        inferred = str(ns.GRAPH["inferred"])
        requirement: dict[str, dict[str, str]] = defaultdict(dict)
        has_requirement: list[tuple[str, str]] = []
        profile_type = str(ns.DKK.CompetenceProfile)
        for q in quads:
            graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            if graph == inferred or not isinstance(q.subject, ox.NamedNode):
                continue
            s, p, o = q.subject.value, q.predicate.value, q.object
            if p == SKOS + "inScheme":
                snap.concepts.add(s)
            elif p == SKOS + "prefLabel" and isinstance(o, ox.Literal):
                snap.labels[(s, o.language or "")].add(o.value)
            elif p in MAPPING_PREDICATES and isinstance(o, ox.NamedNode):
                snap.mappings[(s, o.value)] = p.removeprefix(SKOS)
            elif p == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value == profile_type:
                snap.profiles.setdefault(s, set())
            elif p == str(ns.DKK.hasRequirement) and isinstance(o, ox.NamedNode):
                has_requirement.append((s, o.value))
            elif p in (str(ns.DKK.competence), str(ns.DKK.requiredLevel)) and isinstance(o, ox.NamedNode):
                requirement[s][p.rsplit("#", 1)[-1]] = o.value
        for profile, req in has_requirement:
            r = requirement.get(req, {})
            snap.profiles[profile].add((r.get("competence", req), r.get("requiredLevel", "")))
        snap.labels = {k: v for k, v in snap.labels.items() if k[0] in snap.concepts}
        return snap


def changelog(old: Snapshot | None, new: Snapshot) -> dict[str, Any]:
    """The changes from ``old`` (None for a first release: everything is added) to ``new``."""
    before = old or Snapshot()
    labels_changed = [
        {"concept": c, "lang": lang, "old": sorted(before.labels[(c, lang)]), "new": sorted(v)}
        for (c, lang), v in sorted(new.labels.items())
        if (c, lang) in before.labels and before.labels[(c, lang)] != v
    ]
    mappings_changed = [
        {"subject": s, "object": o, "old": before.mappings[(s, o)], "new": p}
        for (s, o), p in sorted(new.mappings.items())
        if (s, o) in before.mappings and before.mappings[(s, o)] != p
    ]
    profiles_changed = [
        {
            "profile": p,
            "added": [list(r) for r in sorted(reqs - before.profiles[p])],
            "removed": [list(r) for r in sorted(before.profiles[p] - reqs)],
        }
        for p, reqs in sorted(new.profiles.items())
        if p in before.profiles and before.profiles[p] != reqs
    ]

    def triples(m: dict[tuple[str, str], str], keys: set[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"subject": s, "predicate": m[(s, o)], "object": o} for s, o in sorted(keys)]

    return {
        "first": old is None,
        "concepts": {
            "added": sorted(new.concepts - before.concepts),
            "removed": sorted(before.concepts - new.concepts),
        },
        "labels": {
            "added": [
                {"concept": c, "lang": lang, "new": sorted(v)}
                for (c, lang), v in sorted(new.labels.items())
                if (c, lang) not in before.labels and c in before.concepts
            ],
            "removed": [
                {"concept": c, "lang": lang, "old": sorted(v)}
                for (c, lang), v in sorted(before.labels.items())
                if (c, lang) not in new.labels and c in new.concepts
            ],
            "changed": labels_changed,
        },
        "mappings": {
            "added": triples(new.mappings, set(new.mappings) - set(before.mappings)),
            "removed": triples(before.mappings, set(before.mappings) - set(new.mappings)),
            "changed": mappings_changed,
        },
        "profiles": {
            "added": sorted(set(new.profiles) - set(before.profiles)),
            "removed": sorted(set(before.profiles) - set(new.profiles)),
            "changed": profiles_changed,
        },
    }


def counts(log: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {
        part: {kind: len(items) for kind, items in log[part].items()}
        for part in ("concepts", "labels", "mappings", "profiles")
    }


def markdown(version: str, previous: str | None, log: dict[str, Any], limit: int = 200) -> str:
    """The changelog for people: counts first, then the changes (each list cut at ``limit``; the
    JSON beside it has them all)."""
    lines = [f"# Changes in {version}", ""]
    lines.append(
        f"Compared with release {previous}." if previous else "The first release: everything in it is new."
    )
    lines.append("")
    lines.append("| | added | removed | changed |")
    lines.append("| --- | ---: | ---: | ---: |")
    for part, n in counts(log).items():
        lines.append(f"| {part} | {n.get('added', 0)} | {n.get('removed', 0)} | {n.get('changed', '')} |")
    for part in ("concepts", "labels", "mappings", "profiles"):
        for kind, items in log[part].items():
            if not items or (log["first"] and kind == "added"):
                continue
            lines += ["", f"## {part.capitalize()} {kind}", ""]
            for item in items[:limit]:
                lines.append(f"- {_line(item)}")
            if len(items) > limit:
                lines.append(f"- ... and {len(items) - limit} more (changelog.json lists them all)")
    return "\n".join(lines) + "\n"


def _line(item: object) -> str:
    if isinstance(item, str):
        return f"<{item}>"
    if isinstance(item, dict):
        return "; ".join(f"{k}: {v}" for k, v in item.items())
    return str(item)
