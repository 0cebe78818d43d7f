"""The build pipeline through its real parts: files on disk, the real store, the console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.core.settings import ROOT, Settings
from kg.pipeline.build import BuildError, BuildResult, build, build_info
from kg.pipeline.loader import LoadError
from kg.store import OxigraphStore

DKK = str(Path(sys.executable).with_name("dkk"))


def _settings(tmp: Path, **kw) -> Settings:
    return Settings(store_path=tmp / "store", **kw)


def test_build_writes_store_stamp_and_graphs(built: BuildResult) -> None:
    info = build_info(built.store_path)
    assert info and info["triples"] == built.triples
    assert set(info["seconds"]) == {"load", "reason", "validate", "store"}
    assert "https://w3id.org/dkk/graph/inferred" in built.graphs
    assert "https://w3id.org/dkk/graph/examples/courses" in built.graphs


def test_failed_validation_leaves_previous_store_intact(tmp_path: Path) -> None:
    good = _settings(tmp_path)
    first = build(good)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "broken.ttl").write_text(
        "@prefix dkk: <https://w3id.org/dkk/ontology#> .\n"
        "<https://w3id.org/dkk/id/x> a dkk:CourseOffering .\n"
    )
    with pytest.raises(BuildError) as exc:
        build(_settings(tmp_path, data_dir=data))
    shapes = {v.shape.rsplit("#")[-1] for v in exc.value.report.violations}
    assert {"CourseOffering-title", "CourseOffering-provider", "Provenance"} <= shapes
    store = OxigraphStore.open(first.store_path, read_only=True)
    assert store.triple_count() == first.triples
    assert not (tmp_path / "store.new").exists()


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "bad.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(LoadError, match=r"bad\.ttl: .*line 2"):
        build(_settings(tmp_path, data_dir=data))


def test_cli_build_and_configured_base_iri(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DKK_STORE_PATH": str(tmp_path / "store"),
        "DKK_BASE_IRI": "https://kg.example.org/dkk/",
    }
    run = subprocess.run([DKK, "build"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Built" in run.stdout
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://w3id.org/dkk/')) }"
    out = subprocess.run(
        [DKK, "query", query, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["results"]["bindings"][0]["n"]["value"] == "0"
    rebased = subprocess.run(
        [
            DKK,
            "query",
            "ASK { <https://kg.example.org/dkk/id/digcomp3/4.2> a "
            "<https://kg.example.org/dkk/ontology#Competence> }",
            "--format",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(rebased.stdout)["boolean"] is True


def test_an_inferred_literal_validation_shielded_is_stored_with_its_own_datatype(tmp_path) -> None:
    """The build shields integer-derived datatypes from Oxigraph while it validates
    (kg.pipeline.shacl.checks.keep); an inferred literal that carries one is stored as the data said."""
    import pyoxigraph as ox

    from kg.core import namespaces as ns
    from kg.pipeline.build import _kept_in, _unkeep
    from kg.pipeline.shacl.checks import keep
    from kg.store.oxigraph import OxigraphStore

    xsd = "http://www.w3.org/2001/XMLSchema#"
    shielded = keep(ox.Literal("3", datatype=ox.NamedNode(xsd + "positiveInteger")))
    inferred = ox.NamedNode(str(ns.INFERRED_GRAPH))
    memory = ox.Store()
    memory.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), shielded, inferred))
    assert memory.query(f"ASK {{ {_kept_in()} }}")
    store = OxigraphStore.create(tmp_path / "store")
    store.load_quads(memory.quads_for_pattern(None, None, None, inferred))
    store.update_fresh(_unkeep())
    (quad,) = list(store.graph_quads(inferred.value))
    assert isinstance(quad.object, ox.Literal) and quad.object.value == "3"
    assert quad.object.datatype.value.startswith(xsd)  # (Oxigraph's reading: xsd:integer)
    store.close()
