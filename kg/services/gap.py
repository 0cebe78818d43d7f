"""Gap analysis: a profile's requirements against a person's or a team's current levels.

For each requirement: required rank, current rank (a team's is the mean of its
members; a competence not stated counts as 0), and the gap. Gaps are summed per
competence area. For each gap, courses are ranked: first those that reach the
required level on the same scale, the closest fit first, then those that at least
raise the level; each with the reason. Practices that address the competence (or
an equivalent one) are listed too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import said
from kg.core.tables import Table
from kg.core.terms import integer
from kg.services.catalogue import Catalogue
from kg.services.codes import CodeBook, unknown_competence, unknown_level
from kg.services.course_views import course
from kg.services.lookups import Lookups
from kg.services.problems import Problem
from kg.services.profiles import Requirement, ResolvedProfile
from kg.store.base import GraphStore
from kg.store.templates import select, select_page


@dataclass
class Recommendation:
    course: str
    title: dict[str, str]
    provider: str
    level: str
    rank: int
    mode: str | None
    reaches_required: bool
    example: bool
    reason: str  # in English
    reason_da: str


@dataclass
class GapRow:
    requirement: Requirement
    current: float
    gap: float
    area: str | None
    members_below: int = 0
    courses: list[Recommendation] = field(default_factory=list)
    courses_total: int = 0
    practices: list[str] = field(default_factory=list)
    practices_total: int = 0


def _members(payload: dict | list | str | bytes) -> tuple[list[dict[str, str]], list[Problem]]:
    """The members' {code: level name} as sent; a table's rows keep their record number."""
    if not isinstance(payload, (str, bytes)):
        members = payload if isinstance(payload, list) else [payload]
        if all(isinstance(m, dict) for m in members):
            return members, []
        return [], [Problem.of("gap.current", field="current")]
    table = Table(payload, fold_header=True)
    if table.empty:
        return [], [Problem.of("file_empty", row=1, field="file")]
    missing = table.missing(("competence", "level"))
    if missing:
        return [], [Problem.of("gap.header", {"missing": ", ".join(missing)}, row=1, field="file")]
    people: dict[str, dict[str, str]] = defaultdict(dict)
    for n, row in table.rows():
        people[row.get("person", "") or "-"][row.get("competence", "")] = row.get("level", "")
        people[row.get("person", "") or "-"].setdefault("__row__" + row.get("competence", ""), str(n))
    return list(people.values()), []


def read_current(
    payload: dict | list | str | bytes, book: CodeBook
) -> tuple[list[dict[str, URIRef]], list[Problem]]:
    """Members' levels: {competence: level} for one person, a list of those for a team, or CSV text
    (columns competence;level, optionally person; any encoding and delimiter the table reader knows)."""
    members, problems = _members(payload)
    if problems:
        return [], problems
    out = []
    for i, member in enumerate(members):
        levels: dict[str, URIRef] = {}
        for code, name in member.items():
            if code.startswith("__row__"):
                continue
            line = int(str(member.get("__row__" + code, 0))) or None
            competence = book.competence(code)
            if competence is None:
                problems.append(unknown_competence(code, row=line, field="competence"))
                continue
            level = book.level(competence, str(name))
            if level is None:
                problems.append(
                    unknown_level(
                        book,
                        code,
                        competence,
                        str(name),
                        row=line,
                        field="level",
                        course=None if line else f"member {i + 1}",
                    )
                )
                continue
            levels[str(competence)] = level
        out.append(levels)
    return out, problems


def analyse(
    store: GraphStore,
    profile: ResolvedProfile,
    members: list[dict[str, URIRef]],
    lookups: Lookups,
    catalogue: Catalogue | None = None,
) -> list[GapRow]:
    """Each requirement's gap; courses and practices for those with one. Areas and practices come
    from ``lookups`` (kept per data version), courses from the catalogue's index when it is loaded."""
    levels = lookups.book.rank_of
    rows = []
    for req in profile.requirements:
        current_ranks = [levels.get(str(m.get(req.competence)), (0, ""))[0] for m in members] or [0]
        current = round(sum(current_ranks) / len(current_ranks), 2)
        row = GapRow(
            req,
            current,
            round(max(0.0, req.rank - current), 2),
            lookups.area(req.competence),
            sum(1 for r in current_ranks if r < req.rank),
        )
        if row.gap > 0:
            row.courses, row.courses_total = _courses(store, req, current, levels, catalogue)
            practices = lookups.practices.get(req.competence, [])
            row.practices, row.practices_total = practices[:RECOMMENDED], len(practices)
        rows.append(row)
    return rows


RECOMMENDED = 5  # the courses each gap lists; the count and /courses?competence= give the rest


def _courses(
    store: GraphStore,
    req: Requirement,
    current: float,
    levels: dict[str, tuple[int, str]],
    catalogue: Catalogue | None = None,
) -> tuple[list[Recommendation], int]:
    """The best ``RECOMMENDED`` courses for a gap, and how many courses would help at all: ranked by the
    catalogue's index when it is loaded, else by the store (gap_courses.rq); only the courses listed
    are read in full."""
    if catalogue is not None:  # the index has what a recommendation shows: no query per course
        best, total = catalogue.recommend(req.competence, req.level, current, RECOMMENDED)
        found = [
            (
                c.iri,
                dict(c.title),
                c.provider,
                c.mode.rsplit("#")[-1] if c.mode else None,
                c.example,
                level,
                rank,
            )
            for c, level, rank in best
        ]
    else:
        chosen, total = _ranked_by_store(store, req, current, levels)
        found = []
        for iri, level, rank in chosen:
            detail = course(store, URIRef(iri))
            if detail is not None:
                provider = detail["provider"]["iri"]
                found.append((iri, detail["title"], provider, detail["mode"], detail["example"], level, rank))
    out = []
    for iri, title, provider, mode, example, level, rank in found:
        reaches = rank >= req.rank
        reason = {
            lang: said(
                "gap.reason.api.reaches" if reaches else "gap.reason.api.raises",
                lang,
                {
                    "rank": rank,
                    "required": req.rank,
                    "mode": f"; {said('mode.' + mode, lang)}" if mode else "",
                    "provider": provider.rsplit("/", 1)[-1],
                },
            )
            for lang in ("en", "da")
        }
        out.append(
            Recommendation(
                iri,
                title,
                provider,
                level,
                rank,
                mode,
                reaches,
                example,
                reason["en"],
                reason["da"],
            )
        )
    return out, total


def _ranked_by_store(
    store: GraphStore, req: Requirement, current: float, levels: dict[str, tuple[int, str]]
) -> tuple[list[tuple[str, str, int]], int]:
    """The store ranks and counts (gap_courses.rq); each listed course's best step is found here."""
    params = {
        "competence": URIRef(req.competence),
        "required": URIRef(req.level),
        "current": Literal(Decimal(str(current)), datatype=XSD.decimal),
    }
    counted = select(store, "gap_course_count", **params).rows
    total = integer(counted[0]["courses"]) if counted else 0
    if not total:
        return [], 0
    scale = levels.get(req.level, (0, ""))[1]
    same = {req.competence} | {
        str(r["match"]) for r in select(store, "exact_matches", concept=URIRef(req.competence)).rows
    }
    chosen = []
    for row in select_page(store, "gap_courses", RECOMMENDED, 0, **params).rows:
        detail = course(store, URIRef(str(row["course"]))) or {"outcomes": []}
        steps = [
            (
                o["level"]["rank"] >= req.rank,
                -abs(o["level"]["rank"] - req.rank),
                o["level"]["iri"],
                o["level"]["rank"],
            )
            for o in detail["outcomes"]
            if o["competence"]["iri"] in same
            and levels.get(o["level"]["iri"], (0, ""))[1] == scale
            and o["level"]["rank"] > current
        ]
        if steps:
            _, _, level, rank = max(steps)
            chosen.append((str(row["course"]), level, rank))
    return chosen, total


def totals(rows: list[GapRow]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(lambda: {"requirements": 0, "withGap": 0, "gap": 0.0})
    for row in rows:
        t = out[row.area or "(no area)"]
        t["requirements"] += 1
        t["withGap"] += 1 if row.gap > 0 else 0
        t["gap"] = round(t["gap"] + row.gap, 2)
    return dict(out)


__all__ = ["GapRow", "ResolvedProfile", "analyse", "read_current", "totals"]
