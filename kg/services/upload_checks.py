"""SHACL-validate an upload with just the store facts it references, and report in the user's terms.

The upload is validated together with the types, schemes, ranks and scales of
the IRIs it points at (one small query per distinct IRI), never with the whole
graph, so the cost follows the size of the upload. Violations on those context
nodes are not the uploader's and are dropped; the rest become Problems with the
CSV row and column, or the course and field.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.core import namespaces as ns
from kg.core.namespaces import ELM, SCHEMA
from kg.core.settings import get_settings
from kg.pipeline.graph_files import iter_graph_files
from kg.pipeline.loader import load_files
from kg.pipeline.reasoning import Entailments, close_schema
from kg.pipeline.validation import validate_entailed
from kg.services.problems import Parsed, Problem
from kg.store.base import GraphStore
from kg.store.templates import select


def path_columns() -> dict[str, str]:
    """The CSV column a violation's path points at, to report it in the provider's terms."""
    return {
        str(DCTERMS.title): "title_da",
        str(ns.DKK.offeredBy): "course_id",
        str(ns.DKK.mode): "mode",
        str(ELM.volumeOfLearning): "hours",
        str(SCHEMA.inLanguage): "language",
        str(DCTERMS.description): "description_da",
        str(ns.DKK.hasOutcome): "competence_1",
    }


@cache
def schema_and_shapes() -> tuple[Graph, Graph, Entailments]:
    settings = get_settings()
    files = [f for f in iter_graph_files(settings) if f.kind in ("ontology", "shapes")]
    loaded = load_files(files, settings.base_iri)
    schema = loaded.union(["ontology"])
    return schema, loaded.union(["shapes"]), Entailments.from_closed_schema(close_schema(schema))


def context(store: GraphStore, upload: Graph) -> Graph:
    own = set(upload.subjects())
    referenced = {o for o in upload.objects() if isinstance(o, URIRef) and o not in own}
    out = Graph()
    for iri in referenced:
        for r in select(store, "upload_context", x=iri).rows:
            out.add((r["s"], r["p"], r["o"]))
    return out


def check(parsed: Parsed, store: GraphStore, about: Graph | None = None) -> list[Problem]:
    """Problems of ``parsed``; ``about`` is the provider's own record (its file is the source of truth)."""
    schema, shapes, ent = schema_and_shapes()
    asserted = [*parsed.graph, *context(store, parsed.graph), *(about or ()), *schema]
    own = {str(s) for s in parsed.graph.subjects()}
    problems = []
    for v in validate_entailed(asserted, ent, shapes).violations:
        if v.focus not in own:
            continue
        column = parsed.columns.get(v.focus)
        if column and v.path == str(ns.DKK.targetLevel):
            column = column.replace("competence_", "level_")
        elif column is None and v.path:
            column = path_columns().get(v.path)
        course = v.focus.split("/course/", 1)[-1].split("/outcome/")[0]
        row = parsed.rows.get(v.focus)
        problems.append(
            Problem(
                v.message("en"),
                v.message("da"),
                row=row,
                column=column if row else None,
                field=column or (v.path.rsplit("#", 1)[-1] if v.path else None),
                value=v.value,
                course=course,
            )
        )
    return problems
