"""A problem in an upload, in the user's terms: where (row, column, field), what, how to fix, da + en."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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


class UploadRejected(Exception):
    """The upload has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the upload; nothing was changed.")
        self.problems = problems
