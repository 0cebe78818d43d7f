"""The SPARQL-compiled SHACL engine gives exactly pySHACL's results, and refuses what it cannot run."""

from __future__ import annotations

import logging

import pytest
from rdflib import Graph

from kg.pipeline.shacl import Unsupported, compile_shapes
from kg.pipeline.validation import validate, validate_pyshacl

from .shape_cases import CASES, Case
from .test_shapes import _data, _project


@pytest.mark.parametrize("case", [Case("conforming fixture", "", {}), *CASES], ids=lambda c: c.name)
def test_same_results_as_pyshacl(case: Case) -> None:
    shapes = _project()[1]
    data = _data(case.turtle)
    ours, reference = validate(data, shapes), validate_pyshacl(data, shapes)
    assert ours.conforms == reference.conforms
    # Focus, path, value, shape, component, severity and both messages, in one stable order.
    assert ours.violations == reference.violations


def test_integer_datatypes_survive_oxigraph() -> None:
    # Oxigraph 0.5 stores "1"^^xsd:positiveInteger as xsd:integer; the engine must still tell
    # a positive integer from an integer and from an ill-typed "0"^^xsd:positiveInteger.
    shapes = _project()[1]
    extra = """
    ex:scale a dkk:ProficiencyScale .
    ex:good a dkk:ProficiencyLevel ; skos:inScheme ex:scale ; dkk:rank "3"^^xsd:positiveInteger .
    ex:plain a dkk:ProficiencyLevel ; skos:inScheme ex:scale ; dkk:rank 4 .
    ex:zero a dkk:ProficiencyLevel ; skos:inScheme ex:scale ; dkk:rank "0"^^xsd:positiveInteger .
    """
    data = _data(extra)
    bad = {v.focus for v in validate(data, shapes).violations if v.shape.endswith("ProficiencyLevel-rank")}
    assert bad == {"http://example.org/plain", "http://example.org/zero"}
    assert bad == {
        v.focus
        for v in validate_pyshacl(data, shapes).violations
        if v.shape.endswith("ProficiencyLevel-rank")
    }


UNSUPPORTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:property [ sh:path ex:start ; sh:lessThan ex:end ; sh:message "start before end"@en ] .
"""


def test_unsupported_constraint_is_named_and_pyshacl_takes_over(caplog: pytest.LogCaptureFixture) -> None:
    shapes = Graph().parse(data=UNSUPPORTED, format="turtle")
    with pytest.raises(Unsupported, match="lessThan"):
        compile_shapes(shapes)
    data = Graph().parse(
        data="@prefix ex: <http://example.org/> . ex:a a ex:Thing ; ex:start 5 ; ex:end 3 .",
        format="turtle",
    )
    with caplog.at_level(logging.WARNING):
        report = validate(data, shapes)
    assert "lessThan" in caplog.text  # said, not silent
    assert not report.conforms
    assert [v.component for v in report.violations] == ["LessThanConstraintComponent"]
