"""The dkk command line, run in-process on the session's built store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.store import OxigraphStore

runner = CliRunner(env={"COLUMNS": "400"})


def flat(text: str) -> str:
    return " ".join(text.split())


Q = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?label WHERE { <https://w3id.org/dkk/id/digcomp3/4.2> skos:prefLabel ?label } ORDER BY ?label"
)


def test_query_formats(store: OxigraphStore) -> None:
    as_json = runner.invoke(app, ["query", Q, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    labels = {b["label"]["value"] for b in json.loads(as_json.stdout)["results"]["bindings"]}
    assert labels == {
        "Protecting personal data and privacy",
        "Beskyttelse af persondata og privatliv",
    }
    as_csv = runner.invoke(app, ["query", Q, "--format", "csv"])
    assert next(csv.reader(io.StringIO(as_csv.stdout))) == ["label"]
    table = runner.invoke(app, ["query", Q])
    assert "Protecting personal data and privacy@en" in table.stdout


def test_query_syntax_error_is_reported(store: OxigraphStore) -> None:
    result = runner.invoke(app, ["query", "SELECT ?c WHERE { ?c a nope:Thing }"])
    assert result.exit_code == 1
    assert "SPARQL syntax error at line 1, column" in flat(result.output)
    assert "unknown prefix" in flat(result.output)
    assert "\\u{" not in result.output  # no grammar character classes


def test_query_knows_our_prefixes(store: OxigraphStore) -> None:
    result = runner.invoke(app, ["query", "ASK { id:digcomp3 a dkk:CompetenceFramework }", "-f", "json"])
    assert json.loads(result.stdout)["boolean"] is True


def test_stats(store: OxigraphStore) -> None:
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    assert "https://w3id.org/dkk/graph/digcomp3" in result.stdout
    assert "dkk:LearningOutcome" in result.stdout and "523" in result.stdout


def test_validate_reports_bad_file_and_accepts_good(tmp_path: Path) -> None:
    bad = tmp_path / "courses.ttl"
    bad.write_text(
        "@prefix dkk: <https://w3id.org/dkk/ontology#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        '<http://example.org/c> a dkk:CourseOffering ; dct:title "Kursus"@da ;\n'
        "  dkk:offeredBy <https://w3id.org/dkk/id/example/provider/akademi> ; dkk:status dkk:Example ;\n"
        "  dkk:hasOutcome <http://example.org/c/o> .\n"
        "<http://example.org/c/o> a dkk:CourseOutcome ; dkk:status dkk:Example ;\n"
        "  dkk:teachesCompetence <https://w3id.org/dkk/id/digcomp3/4.2> ;\n"
        "  dkk:targetLevel <https://w3id.org/dkk/id/digcomp22/level/3> .\n"
    )
    result = runner.invoke(app, ["validate", str(bad), "--lang", "da"])
    assert result.exit_code == 1
    assert "ligger ikke på skalaen" in flat(result.output)
    good = tmp_path / "good.ttl"
    good.write_text(bad.read_text().replace("digcomp22/level/3", "digcomp3/level/intermediate"))
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0, ok.output


def test_validate_whole_project() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert "conforms" in result.stdout


def test_the_cli_speaks_the_readers_language(tmp_path: Path) -> None:
    """Its messages come from the same catalogue as the site's, in the language LANG names (as gettext
    reads it): a Danish administrator reads Danish, everyone else English."""
    danish = CliRunner(env={"COLUMNS": "400", "LANG": "da_DK.UTF-8", "LANGUAGE": ""})
    english = CliRunner(env={"COLUMNS": "400", "LANG": "C.UTF-8", "LANGUAGE": ""})
    assert "Grafen overholder formerne." in danish.invoke(app, ["validate"]).stdout
    assert "The graph conforms to the shapes." in english.invoke(app, ["validate"]).stdout
    env = {"DKK_CONTRIB_DIR": str(tmp_path)}
    refused = danish.invoke(app, ["providers", "add", "Not An Id", "--name", "X", "--example"], env=env)
    assert refused.exit_code == 1
    assert "er ikke et id: brug 2-63 tegn" in flat(refused.output)
    missing = danish.invoke(
        app, ["courses", "import", str(tmp_path / "nope.csv"), "--provider", "x"], env=env
    )
    assert missing.exit_code == 2 and "Filen findes ikke:" in flat(missing.output)


def test_import_sources_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import-sources", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "does not exist" in flat(result.output)


def test_suggest(store: OxigraphStore) -> None:
    result = runner.invoke(
        app, ["suggest", "Phishing og sikker brug af adgangskoder", "--framework", "digcomp3"]
    )
    assert result.exit_code == 0
    assert "digcomp3/4.1" in result.stdout


def test_export_writes_every_byte_when_the_output_takes_part_of_each_write() -> None:
    """A pipe takes at most ~2 GiB a write (a 10M-triple dump came out cut mid-line): emit writes on."""
    import io

    from kg.cli.common import emit

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.taken = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
            part = bytes(b[:7])
            self.taken += part
            return len(part)

    pipe = Pipe()
    data = b"<urn:a> <urn:b> <urn:c> <urn:g> .\n" * 100
    emit(data, stream=pipe)  # type: ignore[arg-type]
    assert bytes(pipe.taken) == data
