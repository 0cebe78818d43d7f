"""The titles and descriptors of DigComp 2.2 and 3.0 areas and competences by number (for their
correspondence).

DigComp 3.0 does not publish a concept-level correspondence with 2.2; it kept the
numbering and retitled several entries. kg.pipeline.importers.mappings turns these titles
into the proposed 2.2 <-> 3.0 mapping set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.pipeline.importers import digcomp3, digcomp22
from kg.pipeline.importers.common import clean, read_csv


@dataclass(frozen=True)
class Entry:
    title: str
    descriptor: str


def norm(text: str) -> str:
    """Text compared without case, punctuation or spacing."""
    return re.sub(r"[^a-z0-9]+", " ", clean(text).lower()).strip()


def entries22(sources: Path) -> dict[str, Entry]:
    rows = read_csv(sources / digcomp22.CSV_COMPETENCES, ("digcomp_code", "title_en"))
    return {r["digcomp_code"].strip(): Entry(r["title_en"], _descriptor22(r)) for r in rows}


def _descriptor22(row: dict[str, str]) -> str:
    return next((v for k, v in row.items() if k.startswith("descriptor_en")), "")


def entries3(sources: Path) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for r in read_csv(sources / digcomp3.CSV_COMPETENCES, ("Competence number", "Competence name")):
        area = Entry(r["Competence area name"], r.get("Competence area descriptor", ""))
        out[r["Competence area number"].strip()] = area
        out[r["Competence number"].strip()] = Entry(r["Competence name"], r.get("Competence descriptor", ""))
    return out
