"""What many answers look up and only a build or a write changes: levels and codes, each
competence's area, the practices addressing each competence.

A gap analysis or a profile page used to ask the store for these one requirement at a time
(three queries per requirement: about 60 for a municipal profile, 1.4 s at 1M triples through
the query pool). Read whole, they are a few thousand rows; the API keeps one ``Lookups`` per
data version (api.memo), so a request asks nothing of the store for them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.services.codes import CodeBook
from kg.services.refs import collect_labels
from kg.store.base import GraphStore
from kg.store.templates import select


@dataclass(frozen=True)
class Lookups:
    book: CodeBook
    areas: dict[str, str] = field(default_factory=dict)  # competence -> its area
    members: dict[str, frozenset[str]] = field(default_factory=dict)  # area -> all it is broader of
    practices: dict[str, list[str]] = field(default_factory=dict)  # competence -> practices, IRI order
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # concept -> language -> label

    @classmethod
    def load(cls, store: GraphStore) -> Lookups:
        areas: dict[str, str] = {}
        members: dict[str, set[str]] = defaultdict(set)
        settled: set[str] = set()  # competences whose area is in their own framework
        for r in select(store, "competence_areas").rows:  # in IRI order: the first such area wins
            competence, area = str(r["competence"]), str(r["area"])
            members[area].add(competence)
            if competence in settled:
                continue
            areas.setdefault(competence, area)
            if str(r["sameScheme"]) == "true":
                areas[competence] = area
                settled.add(competence)
        practices: dict[str, list[str]] = defaultdict(list)
        for r in select(store, "practice_uses").rows:
            practices[str(r["competence"])].append(str(r["practice"]))
        frozen = {area: frozenset(under) for area, under in members.items()}
        labels = collect_labels(select(store, "concept_labels").rows, [("concept", "label")])
        return cls(CodeBook.load(store), areas, frozen, dict(practices), dict(labels))

    def area(self, competence: str) -> str | None:
        return self.areas.get(competence)
