"""SHACL validation with pyshacl, and a report people can act on.

pyshacl returns a results graph; we turn each ``sh:ValidationResult`` into a
:class:`Violation` holding the focus node, path, value, the shape that fired and
its messages in Danish and English. The build prints these as a table and fails;
the API (provider uploads) will return them as problem+json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from .namespaces import SH


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    shape: str
    component: str
    severity: str
    messages: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), self.component)


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    return node.n3() if not str(node).startswith(("http", "urn")) else str(node)


def _path_text(results: Graph, node: Node | None) -> str | None:
    """Property paths are blank-node structures; show inverse paths as ^p."""
    if node is None:
        return None
    inverse = results.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + str(inverse)
    if isinstance(node, Literal) or str(node).startswith("http"):
        return str(node)
    return "(complex path)"


def _template_languages(shapes: Graph | None, node: Node | None) -> list[tuple[re.Pattern[str], str]]:
    """Each sh:message of a SPARQL constraint as a regex (its {?var} slots as wildcards)."""
    if shapes is None or node is None:
        return []
    out = []
    for m in shapes.objects(node, SH.message):
        if isinstance(m, Literal) and m.language:
            parts = re.split(r"\{[?$]\w+\}", str(m))
            out.append((re.compile(".*?".join(re.escape(p) for p in parts), re.S), m.language))
    return out


def _language(m: Node, templates: list[tuple[re.Pattern[str], str]]) -> str:
    # pyshacl 0.40 fills {?var} into SPARQL-constraint messages as plain literals,
    # losing the language tag; recover it from the template the message matches.
    if isinstance(m, Literal) and m.language:
        return m.language
    for pattern, lang in templates:
        if pattern.fullmatch(str(m)):
            return lang
    return "en"


def parse_results(results: Graph, shapes: Graph | None = None) -> list[Violation]:
    out: list[Violation] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        templates = _template_languages(shapes, results.value(r, SH.sourceConstraint))
        messages: dict[str, str] = {}
        for m in results.objects(r, SH.resultMessage):
            messages.setdefault(_language(m, templates), str(m))
        out.append(
            Violation(
                focus=_text(results.value(r, SH.focusNode)) or "",
                path=_path_text(results, results.value(r, SH.resultPath)),
                value=_text(results.value(r, SH.value)),
                shape=_text(results.value(r, SH.sourceShape)) or "",
                component=str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
                severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                messages=messages,
            )
        )
    out.sort(key=lambda v: (v.shape, v.focus, v.path or "", v.value or ""))
    return out


def validate(data: Graph, shapes: Graph) -> Report:
    """Validate an already-reasoned graph; no inference and no owl:imports (no network)."""
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        do_owl_imports=False,
        allow_infos=True,
        allow_warnings=True,
    )
    violations = parse_results(results, shapes)
    return Report(conforms=bool(conforms), violations=violations)


def validate_shapes(shapes: Graph) -> Report:
    """Check the shapes graph itself against the SHACL-for-SHACL shapes (pyshacl's meta-shacl)."""
    try:
        conforms, results, _ = pyshacl.validate(
            shapes, shacl_graph=shapes, meta_shacl=True, inference="none", do_owl_imports=False
        )
    except pyshacl.errors.ReportableRuntimeError as exc:
        return Report(
            False,
            [Violation("shapes", None, None, "shacl-shacl", "MetaShacl", "Violation", {"en": str(exc)})],
        )
    return Report(bool(conforms), parse_results(results))
