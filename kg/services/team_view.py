"""A team's levels per requirement, counted: the team page's distribution, its trend across rounds, the
CSV download and the aggregate a municipality may publish all come from here.

Counts only: no row names a person, and the rounds given here have already passed the minimum group
size (kg.services.dialogues.team refuses smaller ones). As in the gap analysis, a requirement someone
did not rate counts as below the required level, and the distribution shows how many did not rate it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import URIRef

from kg.services.codes import CodeBook
from kg.services.profiles import ResolvedProfile
from kg.services.refs import pick_with_lang


@dataclass
class TeamRow:
    competence: str
    labels: dict[str, str]
    required: str  # the required level's IRI
    level_labels: dict[str, str]  # the required level's labels
    scale: list[str]  # the scale's levels, lowest first
    counts: dict[str, int]  # level IRI -> people at it
    unrated: int
    below: int
    people: int

    @property
    def share_below(self) -> float:
        return self.below / self.people if self.people else 0.0


def count(book: CodeBook, resolved: ResolvedProfile, members: list[dict[str, str]]) -> list[TeamRow]:
    """Per requirement of ``resolved``: how many of ``members`` ({competence: level IRI}) are at each
    level of its scale, how many did not rate it, and how many are below the required level."""
    rows = []
    for q in resolved.requirements:
        scale = book.scale_for(URIRef(q.competence))
        levels = sorted(
            {lvl for lvl in book.levels.get(scale, {}).values()},
            key=lambda lvl: book.rank_of.get(lvl, (0, "")),
        )
        counts = dict.fromkeys(levels, 0)
        unrated = below = 0
        for member in members:
            level = member.get(q.competence)
            if level is None:
                unrated += 1
                below += 1
                continue
            counts[level] = counts.get(level, 0) + 1
            if book.rank_of.get(level, (0, ""))[0] < q.rank:
                below += 1
        rows.append(
            TeamRow(
                q.competence, q.labels, q.level, q.level_labels, levels, counts, unrated, below, len(members)
            )
        )
    return rows


@dataclass
class TrendPoint:
    round_id: int
    title: str
    at: datetime
    rows: dict[str, TeamRow]  # competence -> its counts in that round


def trend(
    book: CodeBook, resolved: ResolvedProfile, rounds: list[tuple[int, str, datetime, list[dict[str, str]]]]
) -> list[TrendPoint]:
    """The rounds ((id, title, started, members), oldest first) counted against today's profile, so that
    rounds compare on the same requirements."""
    return [
        TrendPoint(rid, title, at, {r.competence: r for r in count(book, resolved, members)})
        for rid, title, at, members in rounds
    ]


def table(book: CodeBook, points: list[TrendPoint], lang: str) -> tuple[list[str], list[list[object]]]:
    """The trend as a table to download: one row per round, requirement and level (an empty level: not
    rated), with the people at it, and the requirement's count below the required level out of all."""

    header = ["round", "started", "competence", "label", "required_level", "level", "people", "below", "of"]
    rows: list[list[object]] = []
    for point in points:
        for row in point.rows.values():
            first = [
                point.title,
                point.at.date().isoformat(),
                book.code(row.competence),
                pick_with_lang(row.labels, lang)[0],
            ]
            required = book.notation(row.required) or row.required
            last = [row.below, row.people]
            for level in row.scale:
                rows.append(
                    [*first, required, book.notation(level) or level, row.counts.get(level, 0), *last]
                )
            rows.append([*first, required, "", row.unrated, *last])  # (the people who did not rate it)
    return header, rows
