"""The shapes: valid SHACL, bilingual messages, each rejects its bad data, the shipped graph conforms."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.core.namespaces import SH
from kg.core.settings import get_settings
from kg.pipeline.build import BuildResult
from kg.pipeline.graph_files import iter_graph_files
from kg.pipeline.loader import load_files, parse_turtle
from kg.pipeline.reasoning import Entailments, add_hierarchy_entailments, close_schema
from kg.pipeline.validation import Report, validate, validate_shapes

from .shape_cases import CASES, PREFIXES, Case

FIXTURE = Path(__file__).parent / "fixtures" / "minimal.ttl"
SHAPES_NS = "https://w3id.org/dkk/shapes#"


@cache
def _project() -> tuple[Graph, Graph]:
    loaded = load_files(iter_graph_files(get_settings()))
    return loaded.union(["ontology"]), loaded.union(["shapes"])


def _data(extra_turtle: str = "") -> Graph:
    """The ontology, the conforming fixture and ``extra_turtle``, as SHACL sees them."""
    data = Graph()
    data += _project()[0]
    data += parse_turtle(FIXTURE)
    if extra_turtle:
        data.parse(data=PREFIXES + extra_turtle, format="turtle")
    return add_hierarchy_entailments(data, _entailments())


def _validate(extra_turtle: str = "") -> Report:
    return validate(_data(extra_turtle), _project()[1])


@cache
def _entailments() -> Entailments:
    return Entailments.from_closed_schema(close_schema(_project()[0]))


def _constraints(shapes: Graph) -> set[str]:
    """Every shape that can report: property shapes, and node shapes with their own checks."""
    out = {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    for ns in shapes.subjects(RDF.type, SH.NodeShape):
        if (ns, SH.sparql, None) in shapes or (ns, SH.message, None) in shapes:
            out.add(str(ns))
    return out


def test_shapes_are_valid_shacl() -> None:
    report = validate_shapes(_project()[1])
    assert report.conforms, report.violations


def test_every_constraint_speaks_danish_and_english() -> None:
    shapes = _project()[1]
    with_messages = [s for s in shapes.subjects(SH.message, None)]
    assert with_messages
    for node in set(with_messages):
        langs = {m.language for m in shapes.objects(node, SH.message) if isinstance(m, Literal)}
        assert {"da", "en"} <= langs, f"{node} lacks a Danish or English sh:message"
    for shape in _constraints(shapes):
        node = URIRef(shape)
        sparql = list(shapes.objects(node, SH.sparql))
        holders = sparql or [node]
        assert all((h, SH.message, None) in shapes for h in holders), f"{shape} has no sh:message"


def test_minimal_fixture_conforms() -> None:
    report = _validate()
    assert report.conforms, [(v.shape, v.focus, v.message()) for v in report.violations]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_shape_rejects_bad_data(case: Case) -> None:
    report = _validate(case.turtle)
    assert not report.conforms
    fired: dict[str, list[str]] = {}
    for v in report.violations:
        fired.setdefault(v.shape.removeprefix(SHAPES_NS), []).append(v.message("en"))
        assert v.message("da") != v.message("en"), f"{v.shape} gave no Danish message"
    for shape, fragment in case.expect.items():
        assert shape in fired, f"{shape} did not fire; fired: {sorted(fired)}"
        assert any(fragment in m for m in fired[shape]), f"{shape}: {fired[shape]}"


def test_every_constraint_has_a_bad_example() -> None:
    covered = {SHAPES_NS + shape for case in CASES for shape in case.expect}
    missing = sorted(_constraints(_project()[1]) - covered)
    assert not missing, f"shapes without a bad-data example in shape_cases.py: {missing}"


def test_shipped_graph_conforms(built: BuildResult) -> None:
    # The build validates and refuses to write a non-conforming store; reaching here means
    # the shipped ontology + data + inferred triples conform. Check it explicitly too.
    from kg.pipeline.build import prepare

    prepared = prepare(get_settings())
    assert prepared.inferred
    assert built.triples > 10_000
