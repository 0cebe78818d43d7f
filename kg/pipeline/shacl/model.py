"""The shapes graph read once into plain objects the engine can run.

Reading is strict: a parameter in the SHACL namespace that the engine does not
implement raises :class:`Unsupported` naming it, so a new kind of constraint in
``shapes/`` can never be skipped in silence (the caller falls back to pySHACL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.core.namespaces import SH
from kg.core.terms import to_ox
from kg.pipeline.shacl.checks import keep

# Parameters that describe, group or target a shape rather than constrain its values.
_STRUCTURE = {
    SH.path,
    SH.property,
    SH.message,
    SH.severity,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.sparql,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.flags,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
}
# Constraint parameters the engine implements; each maps to its component's local name.
COMPONENTS = {
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.languageIn: "LanguageInConstraintComponent",
    SH.hasValue: "HasValueConstraintComponent",
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
    SH.uniqueLang: "UniqueLangConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.maxLength: "MaxLengthConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH["and"]: "AndConstraintComponent",
    SH.xone: "XoneConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH.node: "NodeConstraintComponent",
    SH.qualifiedValueShape: "QualifiedValueShapeConstraintComponent",
}
_LOGICAL = (SH["or"], SH["and"], SH.xone)
_SPARQL_OK = {SH.select, SH.message, SH.prefixes, SH.deactivated, RDF.type, SH.severity, SH.name}


_BINDS_THIS = re.compile(r"\$this\s+(?:a\s|<|\^|\(|[A-Za-z_][\w-]*:)")


class Unsupported(Exception):
    """The shapes graph uses SHACL this engine does not implement."""


@dataclass(frozen=True)
class Target:
    kind: str  # "class" | "node" | "subjectsOf" | "objectsOf" | "sparql"
    value: ox.NamedNode | ox.BlankNode | ox.Literal | str  # the SELECT text for "sparql"
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SparqlConstraint:
    node: str
    select: str
    prefixes: dict[str, str]
    messages: dict[str, str]


@dataclass
class Shape:
    node: Node
    path: str | None = None  # SPARQL property path; None for a node shape
    path_text: str | None = None  # how a result names the path (IRI, ^IRI or "(complex path)")
    targets: list[Target] = field(default_factory=list)
    constraints: list[tuple[str, object]] = field(default_factory=list)  # (component, parameter)
    properties: list[Shape] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)
    severity: str = "Violation"
    qualified: tuple[int | None, int | None] = (None, None)

    @property
    def name(self) -> str:
        return str(self.node) if isinstance(self.node, URIRef) else self.node.n3()


@dataclass
class Shapes:
    """The shapes that have targets; the rest are reached through them."""

    targeted: list[Shape]


def _list(g: Graph, node: Node) -> list[Node]:
    return list(Collection(g, node))


def _messages(g: Graph, node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in g.objects(node, SH.message):
        if isinstance(m, Literal):
            out.setdefault(m.language or "en", str(m))
    return out


def _path(g: Graph, node: Node) -> tuple[str, str]:
    """(SPARQL path, the text a result shows for it), as pySHACL reports it."""
    if isinstance(node, URIRef):
        return f"<{node}>", str(node)
    if isinstance(node, BNode):
        inverse = g.value(node, SH.inversePath)
        if inverse is not None:
            inner, text = _path(g, inverse)
            return f"^({inner})", "^" + text if isinstance(inverse, URIRef) else "(complex path)"
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(_path(g, p)[0] for p in _list(g, alternatives)) + ")", "(complex path)"
        one_or_more = g.value(node, SH.oneOrMorePath)
        if one_or_more is not None:
            return f"({_path(g, one_or_more)[0]})+", "(complex path)"
        # sh:zeroOrMorePath and sh:zeroOrOnePath make every focus node its own value, also one
        # the data never mentions; one query over the data's triples cannot give that.
        if g.value(node, RDF.first) is not None:
            return "(" + "/".join(_path(g, p)[0] for p in _list(g, node)) + ")", "(complex path)"
    raise Unsupported(f"sh:path {node!r} is not a path this engine reads")


def _prefixes(g: Graph, node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for holder in g.objects(node, SH.prefixes):
        for decl in g.objects(holder, SH.declare):
            out[str(g.value(decl, SH.prefix))] = str(g.value(decl, SH.namespace))
    return out


def _sparql_constraint(g: Graph, node: Node) -> SparqlConstraint:
    for p in set(g.predicates(node)) - _SPARQL_OK:
        raise Unsupported(f"{p} on SPARQL constraint {node}")
    select = g.value(node, SH.select)
    if select is None:
        raise Unsupported(f"SPARQL constraint {node} has no sh:select")
    text = str(select)
    if not _BINDS_THIS.search(text):
        # The engine runs the select once with $this free; that equals SHACL's pre-binding
        # only when a triple pattern binds $this.
        raise Unsupported(f"SPARQL constraint {node} does not bind $this in a triple pattern")
    for var in ("$currentShape", "$shapesGraph", "?currentShape", "?shapesGraph"):
        if var in text:
            raise Unsupported(f"{var} in {node}")
    return SparqlConstraint(str(node), text, _prefixes(g, node), _messages(g, node))


class _Reader:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.shapes: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        shape = Shape(node, messages=_messages(g, node))
        self.shapes[node] = shape  # before the parts: shapes may refer back to each other
        path = g.value(node, SH.path)
        if path is not None:
            shape.path, shape.path_text = _path(g, path)
        severity = g.value(node, SH.severity)
        if severity is not None:
            shape.severity = str(severity).rsplit("#", 1)[-1]
        shape.targets = self._targets(node)
        for pred in sorted({URIRef(str(p)) for p in g.predicates(node)}, key=str):
            if pred in COMPONENTS:
                shape.constraints.extend(
                    (COMPONENTS[pred], self._param(node, pred, o)) for o in g.objects(node, pred)
                )
            elif str(pred).startswith(str(SH)) and pred not in _STRUCTURE:
                raise Unsupported(f"{pred} (on shape {node}) is not implemented by the SPARQL engine")
        if (node, SH.qualifiedValueShapesDisjoint, Literal(True)) in g:
            raise Unsupported(f"sh:qualifiedValueShapesDisjoint on {node}")
        shape.qualified = (self._int(node, SH.qualifiedMinCount), self._int(node, SH.qualifiedMaxCount))
        shape.properties = [self.shape(p) for p in g.objects(node, SH.property)]
        if shape.path is not None and shape.properties:
            raise Unsupported(f"sh:property on property shape {node} (nested paths)")
        shape.sparql = [_sparql_constraint(g, c) for c in g.objects(node, SH.sparql)]
        return shape

    def _int(self, node: Node, pred: URIRef) -> int | None:
        value = self.g.value(node, pred)
        return int(str(value)) if value is not None else None

    def _param(self, node: Node, pred: URIRef, o: Node) -> object:
        if pred in _LOGICAL:
            return [self.shape(m) for m in _list(self.g, o)]
        if pred in (SH["not"], SH.node, SH.qualifiedValueShape):
            return self.shape(o)
        if pred in (SH["in"], SH.languageIn):
            return [keep(to_ox(m)) if pred == SH["in"] else str(m) for m in _list(self.g, o)]
        if pred in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
            return int(str(o))
        if pred == SH.uniqueLang:
            return bool(o.toPython()) if isinstance(o, Literal) else False
        if pred == SH.pattern:
            return str(o), str(self.g.value(node, SH.flags) or "")
        return keep(to_ox(o)) if pred == SH.hasValue else to_ox(o)

    def _targets(self, node: Node) -> list[Target]:
        g = self.g
        out = [Target("class", to_ox(c)) for c in g.objects(node, SH.targetClass)]
        if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL.Class) in g:
            out.append(Target("class", to_ox(node)))  # implicit class target
        out += [Target("node", to_ox(n)) for n in g.objects(node, SH.targetNode)]
        out += [Target("subjectsOf", to_ox(p)) for p in g.objects(node, SH.targetSubjectsOf)]
        out += [Target("objectsOf", to_ox(p)) for p in g.objects(node, SH.targetObjectsOf)]
        for t in g.objects(node, SH.target):
            select = g.value(t, SH.select)
            if (t, RDF.type, SH.SPARQLTarget) not in g or select is None:
                raise Unsupported(f"target {t} of {node} is not a sh:SPARQLTarget with sh:select")
            out.append(Target("sparql", str(select), _prefixes(g, t)))
        return out


def compile_shapes(g: Graph) -> Shapes:
    """Read every targeted shape (and what it reaches) from the shapes graph ``g``."""
    reader = _Reader(g)
    heads = {
        s
        for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
        for s in g.subjects(p, None)
    }
    for kind in (SH.NodeShape, SH.PropertyShape):
        for s in g.subjects(RDF.type, kind):
            if (s, RDF.type, RDFS.Class) in g or (s, RDF.type, OWL.Class) in g:
                heads.add(s)
    targeted = [
        reader.shape(s) for s in sorted(heads, key=str) if (s, SH.deactivated, Literal(True)) not in g
    ]
    return Shapes(targeted)
