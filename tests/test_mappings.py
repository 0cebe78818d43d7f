"""SSSOM mapping sets: round trip through sssom-py, validation of bad mappings, exports, API."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, Graph, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.core.settings import ROOT
from kg.pipeline.mapping_check import check, mapping_files
from kg.pipeline.sssom import to_graph
from kg.services.mapping_views import export
from kg.store import OxigraphStore

FILES = mapping_files(ROOT / "data")
HEADER = """# mapping_set_id: https://w3id.org/dkk/mappings/test
# license: https://creativecommons.org/licenses/by/4.0/
# creator_id:
# - dkkagent:dkk-project
# curie_map:
#   dc22: https://w3id.org/dkk/id/digcomp22/
#   dc3: https://w3id.org/dkk/id/digcomp3/
#   esco: http://data.europa.eu/esco/skill/
#   dkkagent: https://w3id.org/dkk/id/agent/
#   skos: http://www.w3.org/2004/02/skos/core#
#   semapv: https://w3id.org/semapv/vocab/
subject_id\tpredicate_id\tobject_id\tmapping_justification
"""


def _rows(mdf) -> set[tuple]:
    return {(r.subject_id, r.predicate_id, r.object_id, r.mapping_justification) for r in mdf.itertuples()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_through_sssom_py(path: Path, tmp_path: Path) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.writers import write_table

    first = parse_sssom_table(str(path))
    out = tmp_path / path.name
    with out.open("w") as fh:
        write_table(first, fh)
    second = parse_sssom_table(str(out))
    assert _rows(second.df) == _rows(first.df) and len(first.df) > 0
    assert second.metadata["mapping_set_id"] == first.metadata["mapping_set_id"]
    assert second.metadata["license"] == first.metadata["license"]
    # and our loader reads what sssom-py wrote as it reads our file
    mappings = {t for t in to_graph(out) if "skos/core#" in str(t[1])}
    assert mappings == {t for t in to_graph(path) if "skos/core#" in str(t[1])}


def test_shipped_sets_are_valid(store: OxigraphStore) -> None:
    report = check(FILES, store)
    assert report.ok, report.issues
    assert len(report.mappings) == 100
    assert report.cardinality["digcomp22-esco.sssom.tsv"] == {"1:1": 25}


@pytest.mark.parametrize(
    "rows, kind, fragment",
    [
        (
            "dc22:1.1\tskos:exactMatch\tdc3:9.9\tsemapv:ManualMappingCuration\n",
            "unknown-term",
            "digcomp3/9.9",
        ),
        (
            "dc22:1.1\tskos:exactMatch\tdc3:1.1\tsemapv:ManualMappingCuration\n"
            "dc22:1.1\tskos:broadMatch\tdc3:1.1\tsemapv:ManualMappingCuration\n",
            "contradiction",
            "broadMatch",
        ),
        (
            "dc3:4.1\tskos:exactMatch\tesco:33a82b83-c838-4889-ae62-fae1317481eb\tsemapv:ManualMappingCuration\n"
            "dc3:4.2\tskos:exactMatch\tesco:33a82b83-c838-4889-ae62-fae1317481eb\tsemapv:ManualMappingCuration\n",
            "merge",
            "digcomp3/4.1",
        ),
        ("dc22:1.1\tskos:exactMatch\tnope:1.1\tsemapv:ManualMappingCuration\n", "sssom", "nope"),
    ],
    ids=["unknown-term", "exact-and-broad", "exact-chain-merges", "undeclared-prefix"],
)
def test_bad_mappings_are_caught(
    store: OxigraphStore, tmp_path: Path, rows: str, kind: str, fragment: str
) -> None:
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(HEADER + rows)
    report = check([bad], store)
    assert any(i.kind == kind and fragment in i.message for i in report.issues), report.issues


def test_missing_licence_is_invalid_sssom(store: OxigraphStore, tmp_path: Path) -> None:
    bad = tmp_path / "nolicence.sssom.tsv"
    bad.write_text(
        HEADER.replace("# license: https://creativecommons.org/licenses/by/4.0/\n", "")
        + "dc22:1.1\tskos:exactMatch\tdc3:1.1\tsemapv:ManualMappingCuration\n"
    )
    report = check([bad], store)
    assert any(i.kind == "sssom" and "license" in i.message for i in report.issues), report.issues
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["mappings", "validate", str(bad)])
    assert result.exit_code == 1


def test_exports(tmp_path: Path) -> None:
    """Each export is SSSOM that sssom-py reads back as the same 100 mappings: TSV, JSON and SSSOM/RDF
    (Turtle with a sssom:MappingSet, which `sssom parse -I rdf` reads)."""
    from sssom.parsers import parse_sssom_rdf

    ttl = tmp_path / "all.ttl"
    ttl.write_bytes(export(FILES, "ttl"))
    g = Graph().parse(ttl, format="turtle")
    assert len(list(g.subjects(RDF.type, URIRef("https://w3id.org/sssom/MappingSet")))) == 1
    assert len(parse_sssom_rdf(str(ttl)).df) == 100
    doc = json.loads(export(FILES, "json"))
    assert len(doc["mappings"]) == 100 and doc["mapping_set_id"] == "https://w3id.org/dkk/mappings/all"
    from sssom.parsers import parse_sssom_table

    merged = tmp_path / "merged.sssom.tsv"
    merged.write_bytes(export(FILES, "sssom"))
    assert len(parse_sssom_table(str(merged)).df) == 100


def test_cli_coverage(store: OxigraphStore) -> None:
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["mappings", "coverage", "digcomp22", "esco"])
    assert result.exit_code == 0
    assert "25 of 26 mapped (exactMatch 25)" in result.stdout


def test_api(http: httpx.Client) -> None:
    kl = http.get("/mappings", params={"subject": "kl-wheel/data-og-informationssikkerhed"}).json()
    assert {m["object"]["id"] for m in kl["items"]} == {
        "digcomp22/4.1",
        "digcomp22/4.2",
        "digcomp3/4.1",
        "digcomp3/4.2",
    }
    assert all(m["justification"].endswith("ManualMappingCuration") and m["comment"] for m in kl["items"])
    cov = http.get("/mappings/coverage", params={"source": "digcomp22", "target": "digcomp3"}).json()
    assert cov["mapped"] == 26 and cov["byPredicate"] == {"closeMatch": 25, "broadMatch": 1}
    esco = http.get("/mappings/coverage", params={"source": "digcomp3", "target": "esco-digcomp"}).json()
    assert esco["mapped"] == 25 and esco["byPredicate"] == {"closeMatch": 24, "narrowMatch": 1}  # via 2.2
    sets = http.get("/mappings/sets").json()
    assert len(sets) == 5
    tsv = http.get(sets[0]["href"])
    assert tsv.status_code == 200 and tsv.text.startswith("# mapping_set_id")
    assert http.get("/mappings/sets/../../keys.json").status_code == 404
