"""A CASE 1.1 package taken in as a new framework (kg.pipeline.importers.case), checked against our
shapes with the store's knowledge of what it maps to, as every upload is, before anything is written."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph

from kg.pipeline.importers.case import framework_from_case
from kg.pipeline.importers.common import SourceError
from kg.pipeline.validation import validate_entailed
from kg.services.problems import Problem, UploadRejected
from kg.services.upload_checks import context, schema_and_shapes
from kg.store.base import GraphStore


def framework_from_package(store: GraphStore, data: bytes, key: str) -> Graph:
    """The framework's graph; UploadRejected naming the field or the triple when it cannot be kept."""
    try:
        package: Any = json.loads(data.decode("utf-8-sig"))
        if not isinstance(package, dict):
            raise ValueError("a CFPackage is a JSON object")
        graph = framework_from_case(package, key)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UploadRejected([Problem.of("case.not_json", {"why": str(exc)}, field="file")]) from None
    except SourceError as exc:
        raise UploadRejected([Problem.of("case.unusable", {"why": str(exc)}, field="CFDocument")]) from None
    schema, shapes, ent = schema_and_shapes()
    report = validate_entailed([*graph, *context(store, graph), *schema], ent, shapes)
    own = {str(s) for s in graph.subjects()}
    problems = [
        Problem(v.message("en"), v.message("da"), field=v.path, value=v.value)
        for v in report.violations
        if v.focus in own
    ]
    if problems:
        raise UploadRejected(problems)
    return graph
