"""Run every importer: ``dkk import-sources SOURCES_DIR`` regenerates the generated part of data/."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.core.frameworks import frameworks
from kg.pipeline import sssom
from kg.pipeline.importers import mappings
from kg.pipeline.importers.common import SourceError, write_turtle


@dataclass(frozen=True)
class Importer:
    name: str  # the file it writes under data/ (and so its named graph)
    build: Callable[[Path], Graph | mappings.SssomDoc]
    header: str

    @property
    def path(self) -> str:
        return self.name if self.name.endswith(".sssom.tsv") else f"{self.name}.ttl"


def _importers() -> tuple[Importer, ...]:
    """The registry's frameworks that have an importer, in its order, then the mapping sets."""
    out = []
    for fw in frameworks():
        if fw.importer:  # "module" (its build) or "module.function"
            name, _, function = fw.importer.partition(".")
            module = importlib.import_module(f"kg.pipeline.importers.{name}")
            out.append(
                Importer(fw.data.removesuffix(".ttl"), getattr(module, function or "build"), fw.header)
            )
    return (
        *out,
        Importer("mappings/digcomp22-esco.sssom.tsv", mappings.digcomp22_esco, ""),
        Importer("mappings/digcomp22-digcomp3.sssom.tsv", mappings.digcomp22_digcomp3, ""),
        Importer("mappings/digcomp3-esco.sssom.tsv", mappings.digcomp3_esco, ""),
    )


IMPORTERS = _importers()


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
        built = imp.build(sources)
        if isinstance(built, mappings.SssomDoc):
            count = sssom.write_tsv(data_dir / imp.path, built.meta, built.rows, built.columns)
        else:
            count = write_turtle(built, data_dir / imp.path, imp.header)
        written[imp.name] = count
        if progress:
            progress(imp.name, count)
    return written
