"""Coverage: which requirements of a profile the course catalogues meet, and where the gaps are.

A requirement is met by a course with an outcome teaching the competence (or an
exact match of it) at or above the required level on the same scale. Levels on
different scales are not compared here (DigComp 3.0's 4 levels and 2.2's 8 are
aligned by skos:narrowMatch, which gap analysis can use later).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from kg.services.profiles import Requirement, ResolvedProfile
from kg.store.base import GraphStore
from kg.store.templates import select


@dataclass
class RequirementCoverage:
    requirement: Requirement
    courses: list[dict[str, Node]] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.courses)


def profile_coverage(store: GraphStore, profile: ResolvedProfile) -> list[RequirementCoverage]:
    out = []
    for req in profile.requirements:
        res = select(store, "coverage_courses", competence=URIRef(req.competence), minLevel=URIRef(req.level))
        courses: dict[str, dict[str, Node]] = {}
        for r in res.rows:
            courses.setdefault(str(r["course"]), r)
        out.append(RequirementCoverage(req, list(courses.values())))
    return out
