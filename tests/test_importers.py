"""Importers regenerate data/ from ../shared/sources exactly (needs the shared sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.core.settings import ROOT
from kg.pipeline.importers import digcomp22
from kg.pipeline.importers.common import SourceError
from kg.pipeline.importers.run import IMPORTERS, import_sources

from .conftest import SOURCES


@pytest.mark.sources
@pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=(
        f"{SOURCES} is not here: it exists only beside the project's own checkout, not in a user's "
        "clone. data/ already holds what the importers generate from it."
    ),
)
def test_importers_reproduce_committed_data(tmp_path: Path) -> None:
    written = import_sources(SOURCES, tmp_path)
    assert set(written) == {imp.name for imp in IMPORTERS}
    for imp in IMPORTERS:
        fresh = (tmp_path / imp.path).read_text()
        committed = (ROOT / "data" / imp.path).read_text()
        assert fresh == committed, f"data/{imp.path} is stale: run `make sources` and commit"


def test_missing_sources_fail_with_guidance(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        import_sources(tmp_path / "absent", tmp_path)


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    (tmp_path / "digcomp22").mkdir()
    (tmp_path / "digcomp22" / "digcomp_2.1_2.2_proficiency_levels.csv").write_text("level,foo\n1,x\n")
    (tmp_path / "digcomp22" / "digcomp22_with_esco_v1.2.0.csv").write_text("x\n")
    with pytest.raises(SourceError, match=r"proficiency_levels\.csv: expected columns"):
        digcomp22.build(tmp_path)
