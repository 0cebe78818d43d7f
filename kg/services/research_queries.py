"""The documented example research queries in queries/: title, description and text of each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HEADER = re.compile(r"^#\s*(title|description):\s?(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class ResearchQuery:
    name: str
    title: str
    description: str
    text: str


def parse(path: Path) -> ResearchQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if m := _HEADER.match(line):
            current = m[1]
            fields[current] = m[2].strip()
        elif current and (m := _CONTINUATION.match(line)):
            fields[current] += " " + m[1].strip()
        elif not line.startswith("#"):
            break
    return ResearchQuery(path.stem, fields.get("title", path.stem), fields.get("description", ""), text)


def all_queries(folder: Path) -> list[ResearchQuery]:
    return [parse(p) for p in sorted(folder.glob("*.rq"))]


def find(folder: Path, name: str) -> ResearchQuery | None:
    if not _NAME.match(name):
        return None
    path = folder / f"{name}.rq"
    return parse(path) if path.is_file() else None
