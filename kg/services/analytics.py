"""Aggregate answers over the course catalogues, from the course index where it is loaded.

As a SPARQL aggregate, "how many courses teach each area" reads every course's outcomes: its
time grows with the catalogues (research query 02: 380 ms at 1M triples on Oxigraph, where
Virtuoso takes 68 ms). The index has every course's outcomes in memory and the lookups every
area's members, so the counts cost a set union per area. While the index loads, the store
answers with the same question as a template (rest/area_course_counts.rq); a test holds the
two, and the research query, to the same numbers on the shipped and the benchmark graphs.
"""

from __future__ import annotations

from typing import Any

from kg.core.terms import integer
from kg.services.catalogue import Catalogue
from kg.services.lookups import Lookups
from kg.services.read_models import framework_concepts
from kg.services.refs import run, to_iri
from kg.store.base import GraphStore


def _areas(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every area of a framework tree, depth first (KL's dimensions, then their sub-areas)."""
    out = []
    for node in nodes:
        if node["kind"] == "CompetenceArea":
            out.append(node)
        out += _areas(node.get("children", []))
    return out


def courses_per_area(
    store: GraphStore, framework_id: str, lookups: Lookups, catalogue: Catalogue | None
) -> dict[str, Any]:
    """Each area of the framework with the number of courses that teach one of its competences."""
    tree = framework_concepts(store, framework_id)  # (a 404 naming the frameworks if there is none)
    areas = _areas(tree["concepts"])
    if catalogue is not None:
        empty: frozenset[str] = frozenset()
        counts = {a["iri"]: catalogue.count_teaching(lookups.members.get(a["iri"], empty)) for a in areas}
    else:
        rows = run(store, "area_course_counts", framework=to_iri(framework_id, "framework_id"))
        counts = {str(r["area"]): integer(r["courses"]) for r in rows}
    items = [
        {key: a[key] for key in ("iri", "id", "href", "label", "notation") if key in a}
        | {"courses": counts.get(a["iri"], 0)}
        for a in areas
    ]
    return {"framework": tree["framework"], "items": items}
