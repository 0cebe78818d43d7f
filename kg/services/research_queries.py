"""The documented example research queries in queries/: title, description and text of each, with the
Danish title and description (``# title@da:``, ``# description@da:``) the site shows on Danish pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HEADER = re.compile(r"^#\s*(title|description)(@da)?:\s?(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class ResearchQuery:
    name: str
    title: str
    description: str
    text: str
    title_da: str = ""  # (# title@da: in the file's header)
    description_da: str = ""

    def in_language(self, lang: str) -> tuple[str, str, str]:
        """(title, description, their language): the Danish ones where the file has them."""
        if lang == "da" and self.title_da:
            return self.title_da, self.description_da or self.description, "da"
        return self.title, self.description, "en"


def parse(path: Path) -> ResearchQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if m := _HEADER.match(line):
            current = m[1] + (m[2] or "")
            fields[current] = m[3].strip()
        elif current and (m := _CONTINUATION.match(line)):
            fields[current] += " " + m[1].strip()
        elif not line.startswith("#"):
            break
    return ResearchQuery(
        path.stem,
        fields.get("title", path.stem),
        fields.get("description", ""),
        text,
        fields.get("title@da", ""),
        fields.get("description@da", ""),
    )


def all_queries(folder: Path) -> list[ResearchQuery]:
    return [parse(p) for p in sorted(folder.glob("*.rq"))]


def find(folder: Path, name: str) -> ResearchQuery | None:
    if not _NAME.match(name):
        return None
    path = folder / f"{name}.rq"
    return parse(path) if path.is_file() else None
