"""Run compiled shapes against an Oxigraph store: set-at-a-time, not node-at-a-time.

For each shape the focus nodes come from one query per target, and the value
nodes of a path from one query over the whole data graph (cached per path), so a
constraint costs a query plus a Python pass over its values, whatever the number
of focus nodes. ``sh:class`` is a set lookup in the instances of the class
(``rdf:type/rdfs:subClassOf*``, one query per class). SPARQL constraints run once
with ``$this`` free and are then restricted to the shape's focus nodes; that
equals SHACL's pre-binding because the model only accepts selects that bind
``$this`` in a triple pattern.

The query text is made from the shapes graph only (class, property and path
IRIs, our own SPARQL); no value from the validated data is ever written into it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, cast

import pyoxigraph as ox
from rdflib.term import Node

from kg.core.terms import to_ox, to_ox_quad
from kg.pipeline.shacl.checks import VALUE_CHECKS, Term, duplicate_languages, keep, pattern
from kg.pipeline.shacl.model import Shape, Shapes, SparqlConstraint, Target
from kg.pipeline.shacl.report import Report, Violation

RDF_TYPE_SUBCLASS = (
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
)
_SLOT = re.compile(r"\{[?$](\w+)\}")
# (shape that fired, focus node, component, value node, messages)
Result = tuple[Shape, Term, str, Term | None, dict[str, str]]


def _text(t: Term | None) -> str | None:
    if t is None:
        return None
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value


def _fill(message: str, bindings: dict[str, Term]) -> str:
    return _SLOT.sub(lambda m: bindings[m[1]].value if m[1] in bindings else m[0], message)


class _Run:
    """One validation: query caches live as long as it does."""

    def __init__(self, store: ox.Store, union: bool) -> None:
        self.store = store
        self.union = union
        self._instances: dict[str, set[Term]] = {}
        self._values: dict[str, dict[Term, list[Term]]] = {}

    def select(self, text: str, prefixes: dict[str, str] | None = None) -> ox.QuerySolutions:
        return self.store.query(text, prefixes=prefixes, use_default_graph_as_union=self.union)  # type: ignore[return-value]

    def instances(self, cls: Term) -> set[Term]:
        key = cls.value
        if key not in self._instances:
            q = f"SELECT DISTINCT ?x WHERE {{ ?x {RDF_TYPE_SUBCLASS} {cls} }}"
            self._instances[key] = {s[0] for s in self.select(q)}
        return self._instances[key]

    def values(self, path: str) -> dict[Term, list[Term]]:
        """Every subject's value nodes along ``path``, distinct, in one query."""
        if path not in self._values:
            out: dict[Term, dict[Term, None]] = defaultdict(dict)
            for s in self.select(f"SELECT ?s ?o WHERE {{ ?s {path} ?o }}"):
                out[s[0]][s[1]] = None
            self._values[path] = {k: list(v) for k, v in out.items()}
        return self._values[path]

    def focus(self, targets: Iterable[Target]) -> set[Term]:
        out: set[Term] = set()
        for t in targets:
            if t.kind == "class":
                out |= self.instances(t.value)  # type: ignore[arg-type]
            elif t.kind == "node":
                out.add(t.value)  # type: ignore[arg-type]
            elif t.kind == "subjectsOf":
                out |= {s[0] for s in self.select(f"SELECT DISTINCT ?s WHERE {{ ?s {t.value} ?o }}")}
            elif t.kind == "objectsOf":
                out |= {s[0] for s in self.select(f"SELECT DISTINCT ?o WHERE {{ ?s {t.value} ?o }}")}
            else:
                out |= {s["this"] for s in self.select(str(t.value), t.prefixes) if s["this"] is not None}
        return out

    # ------------------------------------------------------------------ shapes

    def conforming(self, shape: Shape, nodes: set[Term]) -> set[Term]:
        """The ``nodes`` that conform to ``shape`` (for sh:or, sh:not, sh:node, qualified shapes)."""
        return nodes - {r[1] for r in self.check(shape, nodes)}

    def check(self, shape: Shape, foci: set[Term]) -> list[Result]:
        """Every result ``shape`` and its property shapes give on ``foci``."""
        results: list[Result] = []
        if not foci:
            return results
        if shape.path is None:
            values: dict[Term, list[Term]] = {f: [f] for f in foci}
        else:
            along = self.values(shape.path)
            values = {f: along.get(f, []) for f in foci}
        for component, param in shape.constraints:
            results += [(shape, *r) for r in self._component(shape, component, param, values)]
        for prop in shape.properties:
            results += self.check(prop, foci)
        for c in shape.sparql:
            results += self._sparql(shape, c, foci)
        return results

    def _value_test(self, component: str, param: object) -> Callable[[Term], bool] | None:
        """A test each value node must pass, for the components that look at one value at a time."""
        if component in VALUE_CHECKS:
            check = VALUE_CHECKS[component]
            return lambda v: check(v, param)
        if component == "ClassConstraintComponent":
            return self.instances(param).__contains__  # type: ignore[arg-type]
        if component == "PatternConstraintComponent":
            regex, flags = cast(tuple[str, str], param)
            return lambda v: pattern(v, regex, flags)
        return None

    def _component(
        self,
        shape: Shape,
        component: str,
        param: Any,
        values: dict[Term, list[Term]],
    ) -> list[tuple[Term, str, Term | None, dict[str, str]]]:
        msgs = shape.messages
        test = self._value_test(component, param)
        if test is not None:
            return [(f, component, v, msgs) for f, vs in values.items() for v in vs if not test(v)]
        counted = {
            "MinCountConstraintComponent": lambda vs: len(vs) < param,
            "MaxCountConstraintComponent": lambda vs: len(vs) > param,
            "HasValueConstraintComponent": lambda vs: param not in vs,
        }
        if component in counted:
            return [(f, component, None, msgs) for f, vs in values.items() if counted[component](vs)]
        if component == "UniqueLangConstraintComponent":
            dups = duplicate_languages if param else lambda _: []
            return [(f, component, None, msgs) for f, vs in values.items() for _ in dups(vs)]
        if component == "QualifiedValueShapeConstraintComponent":
            return self._qualified(shape, param, values)
        bad = self._failing_logic(component, param, _pool(values))
        return [(f, component, v, msgs) for f, vs in values.items() for v in vs if v in bad]

    def _failing_logic(self, component: str, param: Any, pool: set[Term]) -> set[Term]:
        """The value nodes that fail sh:or, sh:and, sh:xone, sh:not or sh:node."""
        if component == "NotConstraintComponent":
            return self.conforming(param, pool)
        if component == "NodeConstraintComponent":
            return pool - self.conforming(param, pool)
        passes = [self.conforming(m, pool) for m in param]
        wanted = {
            "OrConstraintComponent": lambda n: n >= 1,
            "AndConstraintComponent": lambda n: n == len(passes),
            "XoneConstraintComponent": lambda n: n == 1,
        }[component]
        return {v for v in pool if not wanted(sum(v in p for p in passes))}

    def _qualified(
        self, shape: Shape, param: Shape, values: dict[Term, list[Term]]
    ) -> list[tuple[Term, str, Term | None, dict[str, str]]]:
        good = self.conforming(param, _pool(values))
        low, high = shape.qualified
        out: list[tuple[Term, str, Term | None, dict[str, str]]] = []
        for f, vs in values.items():
            n = sum(v in good for v in vs)
            if high is not None and n > high:
                out.append((f, "QualifiedMaxCountConstraintComponent", None, shape.messages))
            if low is not None and n < low:
                out.append((f, "QualifiedMinCountConstraintComponent", None, shape.messages))
        return out

    def _sparql(self, shape: Shape, c: SparqlConstraint, foci: set[Term]) -> list[Result]:
        out: list[Result] = []
        solutions = self.select(c.select, c.prefixes)
        names = [v.value for v in solutions.variables]
        seen: set[tuple] = set()
        for s in solutions:
            this = s["this"]
            if this not in foci:
                continue
            bound = {n: s[n] for n in names if s[n] is not None}
            value = bound.get("value", this if shape.path is None else None)
            row = (this, tuple(sorted((k, str(v)) for k, v in bound.items())))
            if row in seen:
                continue
            seen.add(row)
            if value is not None:
                bound.setdefault("value", value)
            messages = {lang: _fill(m, bound) for lang, m in (c.messages or shape.messages).items()}
            out.append((shape, this, "SPARQLConstraintComponent", value, messages))
        return out


def _pool(values: dict[Term, list[Term]]) -> set[Term]:
    """Every value node, once (what sh:or, sh:not, sh:node and qualified shapes test)."""
    return {v for vs in values.values() for v in vs}


def _violation(result: Result) -> Violation:
    shape, focus, component, value, messages = result
    return Violation(
        focus=_text(focus) or "",
        path=shape.path_text,
        value=_text(value),
        shape=shape.name,
        component=component,
        severity=shape.severity,
        messages=dict(messages),
    )


def load(store: ox.Store, triples: Iterable[tuple[Node, Node, Node]], graph: str | None = None) -> None:
    """Put rdflib triples into a scratch store (its default graph, or ``graph``), datatypes kept
    (see checks.KEPT)."""
    name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    store.bulk_extend(to_ox_quad(s, p, keep(to_ox(o)), name) for s, p, o in triples)


def validate_store(store: ox.Store, shapes: Shapes, *, union: bool = False) -> Report:
    """Validate the data in ``store`` (its default graph, or the union of its graphs)."""
    run = _Run(store, union)
    violations = sorted(
        (_violation(r) for shape in shapes.targeted for r in run.check(shape, run.focus(shape.targets))),
        key=Violation.key,
    )
    return Report(conforms=not any(v.severity == "Violation" for v in violations), violations=violations)
