"""The titles of DigComp 2.2 and 3.0 areas and competences by number (for their correspondence).

DigComp 3.0 does not publish a concept-level correspondence with 2.2; it kept the
numbering and retitled several entries. kg.pipeline.importers.mappings turns these titles
into the proposed 2.2 <-> 3.0 mapping set.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.pipeline.importers import digcomp3, digcomp22
from kg.pipeline.importers.common import clean, read_csv


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(title).lower()).strip()


def titles22(sources: Path) -> dict[str, str]:
    rows = read_csv(sources / digcomp22.CSV_COMPETENCES, ("digcomp_code", "title_en"))
    return {r["digcomp_code"].strip(): r["title_en"] for r in rows}


def titles3(sources: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in read_csv(sources / digcomp3.CSV_COMPETENCES, ("Competence number", "Competence name")):
        out[r["Competence area number"].strip()] = r["Competence area name"]
        out[r["Competence number"].strip()] = r["Competence name"]
    return out
