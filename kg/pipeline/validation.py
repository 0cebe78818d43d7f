"""SHACL validation, and a report people can act on.

Two engines give the same :class:`Violation` list (focus node, path, value, the
shape that fired, its messages in Danish and English): the shapes compiled to
SPARQL on Oxigraph (:mod:`kg.pipeline.shacl`, the default, 20-50x faster) and pySHACL, the
reference, used when ``DKK_SHACL_ENGINE=pyshacl`` or when the shapes use SHACL
the compiled engine does not implement. The shapes graph itself is always
checked by pySHACL's SHACL-for-SHACL. The build prints violations as a table
and fails; uploads return them as problem+json.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.core.namespaces import SH
from kg.core.settings import get_settings
from kg.core.terms import to_rdflib
from kg.pipeline.reasoning import SCRATCH_DATA, SCRATCH_INFERRED, Entailments, infer_in
from kg.pipeline.shacl import Shapes, Unsupported, compile_shapes, load, validate_store
from kg.pipeline.shacl.checks import unkeep
from kg.pipeline.shacl.report import Report, Violation

log = logging.getLogger(__name__)


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
    out.sort(key=Violation.key)
    return out


def compiled(shapes: Graph) -> Shapes | None:
    """The shapes for the SPARQL engine, or None (use pySHACL) when it cannot run them."""
    if get_settings().shacl_engine == "pyshacl":
        return None
    cached = _COMPILED.get(id(shapes))
    if cached is not None and cached[0] is shapes:
        return cached[1]
    try:
        result = compile_shapes(shapes)
    except Unsupported as exc:
        log.warning("SHACL: %s; validating with pySHACL instead", exc)
        result = None
    _COMPILED.clear()  # one shapes graph is in use at a time; keep the graph alive with its compilation
    _COMPILED[id(shapes)] = (shapes, result)
    return result


_COMPILED: dict[int, tuple[Graph, Shapes | None]] = {}


def validate(data: Iterable[tuple[Node, Node, Node]], shapes: Graph) -> Report:
    """Validate already-reasoned triples (a Graph or any iterable); no inference, no owl:imports."""
    program = compiled(shapes)
    if program is not None:
        store = ox.Store()
        load(store, data)
        return validate_store(store, program)
    if not isinstance(data, Graph):
        graph = Graph()
        graph += data
        data = graph
    return validate_pyshacl(data, shapes)


def validate_entailed(data: Iterable[tuple[Node, Node, Node]], ent: Entailments, shapes: Graph) -> Report:
    """Validate ``data`` as SHACL sees it: with the class and property hierarchy entailments (no
    domain or range typing: see kg.pipeline.reasoning.materialise). Reasoned and validated in the
    one scratch store it is loaded into (an upload's triples taken back into Python and loaded
    again were a fifth of its check)."""
    scratch = ox.Store()
    load(scratch, data, SCRATCH_DATA)
    infer_in(scratch, ent, SCRATCH_INFERRED, domain_range=False)
    return validate_memory(scratch, shapes)


def validate_memory(store: ox.Store, shapes: Graph) -> Report:
    """Validate the union of the named graphs of an in-memory store (literals loaded with
    kg.pipeline.shacl.checks.keep), with pySHACL when the engine cannot run the shapes."""
    program = compiled(shapes)
    if program is not None:
        return validate_store(store, program, union=True)
    graph = Graph()
    graph += (
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(unkeep(q.object)))
        for q in store.quads_for_pattern(None, None, None, None)
    )
    return validate_pyshacl(graph, shapes)


def validate_pyshacl(data: Graph, shapes: Graph) -> Report:
    """The reference: pySHACL on the rdflib graph."""
    import pyshacl  # (here, not at the top: it is half a second of the server's start, and rarely used)

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
    import pyshacl

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
