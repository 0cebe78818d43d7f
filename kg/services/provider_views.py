"""Read models of providers: their list (those in the graph and those registered for uploads), what their
courses teach (overall, and framework by framework), and their import history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.terms import integer
from kg.pipeline.contrib import read_about
from kg.services.browse import schemes
from kg.services.catalogue import Catalogue
from kg.services.lookups import Lookups
from kg.services.providers import provider_iri, registered
from kg.services.refs import collect_labels, existing, ref, run
from kg.store import GraphStore
from kg.store.templates import select


def provider_coverage(
    store: GraphStore, provider_id: str, index: Catalogue | None = None, lookups: Lookups | None = None
) -> dict[str, Any]:
    """What a provider's courses teach: each competence, on which scale, up to which level, in how many.

    From the course index where it is loaded (a pass over the provider's courses), else from the
    store (rest/provider_coverage.rq, which reads every outcome of the provider's courses: at 10M
    triples, where a provider has 400 courses, 15 ms against 7 at 1M). A test holds the two to the
    same answer on the shipped and the benchmark graphs."""
    provider = existing(store, provider_id, "provider_id", "provider", 404)
    counted: list[tuple[Node, Node, int, int]]
    if index is not None and lookups is not None:
        labels = lookups.labels
        counted = [
            (URIRef(competence), URIRef(scale), best, courses)
            for competence, scale, best, courses in index.coverage(str(provider))
        ]
    else:
        rows = run(store, "provider_coverage", provider=provider)
        labels = collect_labels(rows, [("competence", "competenceLabel")])
        counted = [(r["competence"], r["scale"], integer(r["maxRank"]), integer(r["courses"])) for r in rows]
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for competence, scale, best, courses in counted:
        items.setdefault(
            (str(competence), str(scale)),
            {
                "competence": ref(competence, labels),
                "scale": ref(scale),
                "maxRank": best,
                "courses": courses,
            },
        )
    return {"provider": ref(provider), "competences": list(items.values())}


def provider_list(store: GraphStore, contrib_dir: Path) -> list[dict[str, Any]]:
    """Providers in the graph, and those registered for uploads (``dkk providers add``) that have
    not uploaded yet: only those take uploads; the shipped example providers are read-only."""
    rows = select(store, "ui/providers").rows
    labels = collect_labels(rows, [("provider", "label")])
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(
            str(r["provider"]),
            {
                **ref(r["provider"], labels),
                "example": str(r.get("status", "")).endswith("#Example"),
                "courses": integer(r["courses"]),
                "writable_id": None,
                "in_graph": True,
            },
        )
    for owner in registered(contrib_dir):
        iri = provider_iri(owner)
        if str(iri) not in out:
            about = read_about(contrib_dir, owner) or Graph()
            names = {
                o.language or "": str(o) for o in about.objects(iri, SKOS.prefLabel) if isinstance(o, Literal)
            }
            example = (iri, ns.DKK.status, ns.DKK.Example) in about
            out[str(iri)] = {**ref(iri), "label": names, "example": example, "courses": 0, "in_graph": False}
        out[str(iri)]["writable_id"] = owner
    return sorted(out.values(), key=lambda p: (p["writable_id"] is None, p["iri"]))


def coverage_by_framework(store: GraphStore, coverage: dict[str, Any]) -> list[dict[str, Any]]:
    """A provider's coverage (``provider_coverage``) framework by framework: the competences its
    courses teach, and those none teaches. ESCO's skills are reached through mappings, not taught."""
    taught = {c["competence"]["iri"]: c for c in coverage["competences"]}
    frameworks = []
    for scheme in schemes(store):
        if not scheme["iri"].startswith(ns.BASE):
            continue  # ESCO's skills are reached through mappings, not taught directly
        rows = run(store, "concepts", framework=URIRef(scheme["iri"]))
        labels = collect_labels(rows, [("concept", "label")])
        competences = {
            str(r["concept"]): {**ref(r["concept"], labels), "notation": str(r.get("notation", ""))}
            for r in rows
            if str(r["kind"]).endswith("#Competence")
        }
        covered = [{**c, **taught[i]} for i, c in competences.items() if i in taught]
        missing = [c for i, c in competences.items() if i not in taught]
        frameworks.append({"scheme": scheme, "covered": covered, "missing": missing})
    return frameworks


def provider_imports(store: GraphStore, provider_id: str) -> dict[str, Any]:
    """A provider's import history: each write's PROV record (when, how, how many, from which file)."""
    rows = select(store, "rest/provider_imports", provider=provider_iri(provider_id)).rows
    items = [
        {
            "import": str(r["import"]),
            "time": str(r["time"]),
            "mode": str(r["mode"]),
            "courses": integer(r["count"]) if isinstance(r.get("count"), Literal) else None,
            "file": str(r.get("file", "")) or None,
            "checksum": str(r.get("checksum", "")) or None,
            "agent": str(r.get("agent", "")) or None,
        }
        for r in rows
    ]
    return {"provider": ref(provider_iri(provider_id)), "imports": items}
