"""An upload in the user's terms: its RDF and where each node came from, and its problems (where: row,
column, field; what; how to fix; in Danish and English)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from rdflib import Graph, URIRef

from kg.core.errors import said


@dataclass(frozen=True)
class Problem:
    message_en: str
    message_da: str
    row: int | None = None  # 1 = the header row of a CSV file
    column: str | None = None
    field: str | None = None
    value: str | None = None
    course: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def of(cls, key: str, values: Mapping[str, object] | None = None, **where: object) -> Problem:
        """The problem ``row.<key>`` of the catalogue in both languages, its placeholders filled from
        ``values``; ``where`` says where it is (row, column, field, value, course)."""
        return cls(said(f"row.{key}", "en", values), said(f"row.{key}", "da", values), **where)  # type: ignore[arg-type]


class UploadRejected(Exception):
    """The upload has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the upload; nothing was changed.")
        self.problems = problems


@dataclass
class Parsed:
    """RDF for an upload, and where each node came from, to report problems in the user's terms."""

    graph: Graph = field(default_factory=Graph)
    courses: list[URIRef] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # node IRI -> CSV row
    columns: dict[str, str] = field(default_factory=dict)  # outcome IRI -> competence_N column
    problems: list[Problem] = field(default_factory=list)
