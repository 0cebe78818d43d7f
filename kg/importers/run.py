"""Run every importer: ``dkk import-sources SOURCES_DIR`` regenerates the generated part of data/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from . import correspondence, digcomp3, digcomp22, digcompedu, esco
from .common import SourceError, write_turtle


@dataclass(frozen=True)
class Importer:
    name: str  # the data file (and named graph) it writes
    build: Callable[[Path], Graph]
    header: str


IMPORTERS: tuple[Importer, ...] = (
    Importer(
        "digcomp22",
        digcomp22.build,
        "DigComp 2.2 (JRC, 2022, CC BY 4.0): areas, competences, 8 levels, ESCO alignment.",
    ),
    Importer(
        "digcomp3",
        digcomp3.build,
        "DigComp 3.0 (JRC, 2025, CC BY 4.0): areas, competences, levels, statements, "
        "learning outcomes and glossary.",
    ),
    Importer(
        "digcompedu",
        digcompedu.build,
        "DigCompEdu (JRC, 2017): areas and competence titles, proficiency stages.",
    ),
    Importer(
        "esco-digcomp",
        esco.build,
        "ESCO v1.2.0 DigComp collection. This service uses the ESCO classification of the "
        "European Commission.",
    ),
    Importer(
        "digcomp-correspondence",
        correspondence.build,
        "DigComp 2.2 <-> 3.0 correspondence by number, proposed by the DKK project.",
    ),
)


def import_sources(
    sources: Path, data_dir: Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Regenerate each importer's file; returns triples written per file."""
    if not sources.is_dir():
        raise SourceError(
            f"{sources} does not exist. The source files live outside the repository "
            "(../shared/sources); data/ already holds what they generate."
        )
    written: dict[str, int] = {}
    for imp in IMPORTERS:
        count = write_turtle(imp.build(sources), data_dir / f"{imp.name}.ttl", imp.header)
        written[imp.name] = count
        if progress:
            progress(imp.name, count)
    return written
