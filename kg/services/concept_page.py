"""How a concept page arranges a competence's read model (kg.services.read_models.competence).

A framework's competence statements (what a person can do at a level) and its learning outcomes (typed as
knowledge, skill or attitude) are different things that the read model returns in one list; a reader
needs them apart, each by level. Mappings are grouped by what they say from this concept's side: a
mapping stated the other way round ("B narrowMatch A" on A's page) is A's broadMatch to B.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kg.services.browse import notation_key

# skos:broadMatch and narrowMatch are each other's inverse; the others are symmetric.
INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}
# From the closest link to the loosest: the order a reader weighs them in.
RELATIONS = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
KSA_ORDER = {"Knowledge": 0, "Skill": 1, "Attitude": 2}


@dataclass
class LevelGroup:
    rank: int
    level: str  # the level's IRI, named in the reader's words by the page
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class MappingGroup:
    relation: str  # exactMatch … relatedMatch, as seen from the concept of the page
    items: list[dict[str, Any]] = field(default_factory=list)


def by_level(items: list[dict[str, Any]], kind: str) -> list[LevelGroup]:
    """The items of one kind (CompetenceStatement or LearningOutcome) by level, lowest first; outcomes
    of a level knowledge first, then skills, then attitudes (DigComp's order)."""
    groups: dict[tuple[int, str], LevelGroup] = {}
    for item in items:
        if item["type"] != kind:
            continue
        rank, level = item["level"]["rank"], item["level"]["iri"]
        groups.setdefault((rank, level), LevelGroup(rank, level)).items.append(item)
    for group in groups.values():
        group.items.sort(key=lambda o: (KSA_ORDER.get(o.get("ksa") or "", 3), notation_key(o["notation"])))
    return [groups[key] for key in sorted(groups)]


def short_names(labels: dict[str, str]) -> dict[str, str]:
    """A framework's name without its subtitle ("DigComp 3.0: EU's referenceramme …" → "DigComp 3.0"):
    the schemes' titles all put the name before a colon, and a tag beside each link needs only the name."""
    return {lang: label.split(": ", 1)[0] for lang, label in (labels or {}).items()}


def mapping_groups(mappings: list[dict[str, Any]], scheme_names: dict[str, Any]) -> list[MappingGroup]:
    """Mappings by relation from this concept's side, each with the framework the other concept is in
    (``framework``: the first of its schemes the site knows, else None), by framework then label."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for m in mappings:
        relation = m["predicate"].rsplit("#", 1)[-1]
        if m["direction"] == "to":
            relation = INVERSE.get(relation, relation)
        if (relation, m["other"]["iri"]) in seen:  # stated both ways, or in two sets: listed once
            continue
        seen.add((relation, m["other"]["iri"]))
        scheme = next((scheme_names[s] for s in m.get("schemes", []) if s in scheme_names), None)
        framework = {"iri": scheme["iri"], "label": short_names(scheme["label"])} if scheme else None
        groups[relation].append({**m, "relation": relation, "framework": framework})
    order = {key: i for i, key in enumerate(scheme_names)}
    for items in groups.values():
        items.sort(
            key=lambda m: (
                order.get(m["framework"]["iri"], len(order)) if m["framework"] else len(order),
                m["other"]["iri"],
            )
        )
    return [MappingGroup(r, groups[r]) for r in RELATIONS if r in groups]
