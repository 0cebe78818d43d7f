"""Coverage: which requirements of a profile the course catalogues meet, and where the gaps are.

A requirement is met by a course with an outcome teaching the competence (or an
exact match of it) at or above the required level on the same scale. Levels on
different scales are not compared here (DigComp 3.0's 4 levels and 2.2's 8 are
aligned by skos:narrowMatch, which gap analysis can use later).

Each requirement gets a count and the first few courses (in IRI order), never the
whole list: the list grows with the catalogues, and ``/courses`` with the same
filter pages through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kg.services.catalogue import Catalogue
from kg.services.course_views import CourseFilter, count_courses, course_page
from kg.services.profiles import Requirement, ResolvedProfile
from kg.store.base import GraphStore

FIRST = 3  # the courses each requirement shows


@dataclass
class RequirementCoverage:
    requirement: Requirement
    total: int = 0
    first: list[dict[str, Any]] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return self.total > 0


def profile_coverage(
    store: GraphStore, profile: ResolvedProfile, first: int = FIRST, catalogue: Catalogue | None = None
) -> list[RequirementCoverage]:
    """Per requirement, how many courses meet it and the first ``first`` of them (0: counts only)."""
    out = []
    for req in profile.requirements:
        f = CourseFilter(competence=URIRef(req.competence), min_level=URIRef(req.level))
        total = count_courses(store, f, catalogue)
        page = course_page(store, f, first, 0, catalogue) if total and first else []
        out.append(RequirementCoverage(req, total, page))
    return out
