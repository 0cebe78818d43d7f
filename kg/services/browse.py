"""Read models of the site's browsing pages: the frameworks (ESCO's collection too), a framework as a
tree with its cross-links, a concept's place in its hierarchy, search over labels and notations, and a
course offering's page.

The REST answers have their own read models (kg.services.read_models); these cover what only the
pages show, from the templates in kg/sparql/ui/. Order by label depends on the reader's language, which
the caller passes; order by notation and the registry's order of frameworks are the data's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.core.errors import refused
from kg.core.frameworks import frameworks
from kg.core.frameworks import order as framework_order
from kg.core.settings import get_settings
from kg.core.terms import integer
from kg.services.refs import collect_labels, local_name, pick_with_lang, ref, to_iri, tree
from kg.store import GraphStore
from kg.store.templates import select


def schemes(store: GraphStore) -> list[dict[str, Any]]:
    rows = select(store, "ui/schemes").rows
    base = get_settings().base_iri
    keys = {fw.scheme_iri(base): fw.key for fw in frameworks()}  # (the registry names ESCO's schemes too)
    named = [("scheme", "label"), ("publisher", "publisherLabel"), ("creator", "creatorLabel")]
    labels = collect_labels(rows, named)
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        scheme = ref(r["scheme"], labels)
        out.setdefault(
            scheme["iri"],
            {
                **scheme,
                "key": keys.get(scheme["iri"]) or scheme.get("id") or scheme["iri"].rsplit("/", 1)[-1],
                "version": str(r.get("version", "")),
                "license": str(r.get("license", "")),
                "rights": str(r.get("rights", "")),
                "publisher": ref(r["publisher"], labels) if "publisher" in r else None,
                "creator": ref(r["creator"], labels) if "creator" in r else None,
                "concepts": integer(r["concepts"]),
            },
        )
    order = framework_order()  # the registry's: KL's wheel first, ESCO last
    rank = {key: i for i, key in enumerate(order)}
    return sorted(out.values(), key=lambda s: (rank.get(s["key"], len(order)), s["key"]))


def framework_tree(store: GraphStore, scheme_iri: str) -> list[dict[str, Any]]:
    """The scheme's concepts as a tree (roots first), each with its exact and close mappings to other
    schemes (``relation`` says which)."""
    rows = select(store, "ui/tree", scheme=URIRef(scheme_iri)).rows
    labels = collect_labels(rows, [("concept", "label"), ("match", "matchLabel")])
    nodes: dict[str, dict[str, Any]] = {}
    parent: dict[str, str] = {}
    for r in rows:
        iri = str(r["concept"])
        node = nodes.setdefault(
            iri,
            {
                **ref(r["concept"], labels),
                "notation": str(r.get("notation", "")),
                "children": [],
                "matches": [],
            },
        )
        if "broader" in r:
            parent[iri] = str(r["broader"])
        if "match" in r:
            relation = str(r["relation"]).rsplit("#", 1)[-1]  # exactMatch or closeMatch
            match = {**ref(r["match"], labels), "scheme": str(r["matchScheme"]), "relation": relation}
            if match not in node["matches"]:
                node["matches"].append(match)
    for node in nodes.values():  # exact matches before close ones
        node["matches"].sort(key=lambda m: (m["relation"] != "exactMatch", m["scheme"], m["iri"]))
    return tree(nodes, parent)


def hierarchy(store: GraphStore, concept_iri: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What is above the concept (its trail, from the top) and what is directly below it (by notation)."""
    rows = select(store, "ui/hierarchy", concept=URIRef(concept_iri)).rows
    labels = collect_labels(rows, [("other", "label")])
    near: dict[str, dict[str, dict[str, Any]]] = {"broader": {}, "narrower": {}}
    for r in rows:
        near[str(r["relation"])][str(r["other"])] = {
            **ref(r["other"], labels),
            "notation": str(r.get("notation", "")),
        }
    narrower = sorted(near["narrower"].values(), key=lambda n: notation_key(n["notation"]))
    return list(near["broader"].values()), narrower


def notation_key(notation: str) -> tuple:
    """1.10 after 1.9; notations without numbers after the numbered ones."""
    parts = notation.replace("-", ".").split(".") if notation else []
    return (not parts, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


# What a search can be narrowed to: the kind of concept, by its class's local name (ui/search.rq
# names the classes: dkk:CompetenceArea, dkk:Competence, ESCO's Skill).
KINDS = {"CompetenceArea": "area", "Competence": "competence", "Skill": "skill"}


def match_rank(hit: str, needle: str, preferred: bool) -> int:
    """How well a label answers a query, best 0: a preferred label (or notation) that is the query, then
    one that starts with it, then a synonym that is the query, then a preferred label with a word that
    starts with it, a synonym that starts with it, and last the query anywhere inside. A reader who types
    "data" wants "Dataanvendelse" before a concept that only lists "data" among its search words."""
    text = hit.lower()
    if text == needle:
        return 0 if preferred else 2
    if text.startswith(needle):
        return 1 if preferred else 4
    if f" {needle}" in text or f"-{needle}" in text:
        return 3 if preferred else 4
    return 5 if preferred else 6


@dataclass(frozen=True)
class SearchIndex:
    """Every label and notation the search looks in, with its row of ui/search.rq, and each concept's
    labels: a few thousand rows, kept per data version by the site (api.memo)."""

    rows: list[tuple[str, dict[str, Node]]]
    labels: dict[str, dict[str, str]]


def search_index(store: GraphStore) -> SearchIndex:
    rows = select(store, "ui/search").rows
    labels = collect_labels(rows, [("concept", "label")])
    return SearchIndex([(str(r["hit"]).lower(), r) for r in rows], labels)


def search(index: SearchIndex, q: str, lang: str) -> list[dict[str, Any]]:
    """Concepts whose label or notation holds ``q`` (case-insensitive), best first (match_rank, then a
    match in the reader's language, then by label), each with the label it was found by and its kind
    (KINDS)."""
    labels = index.labels
    found: dict[str, dict[str, Any]] = {}
    needle = q.lower()
    for text, r in index.rows:
        if needle not in text:
            continue
        hit, hit_lang = str(r["hit"]), getattr(r["hit"], "language", None) or ""
        kind = str(r["hitKind"]).rsplit("#", 1)[-1]
        rank = (match_rank(hit, needle, kind in ("prefLabel", "notation")), hit_lang not in ("", lang))
        item = found.setdefault(
            str(r["concept"]),
            {
                **ref(r["concept"], labels),
                "notation": str(r.get("notation", "")),
                "scheme": str(r["scheme"]),
                "kind": None,
                "rank": rank,
                "hit": hit,
                "hit_lang": hit_lang,
            },
        )
        if "kind" in r and item["kind"] is None:
            item["kind"] = KINDS.get(local_name(str(r["kind"])))
        if rank < item["rank"]:
            item.update(rank=rank, hit=hit, hit_lang=hit_lang)
    return sorted(
        found.values(), key=lambda i: (i["rank"], pick_with_lang(i["label"], lang)[0].lower(), i["iri"])
    )


def course(store: GraphStore, course_id: str) -> dict[str, Any]:
    """One course offering for its page: titles and descriptions by language, its other values, and
    what it teaches (competence, framework, level), ordered by framework and notation; 404 if none."""
    iri = to_iri(course_id, "id")
    rows = select(store, "ui/course", course=iri).rows
    if not rows:
        raise refused(404, "unknown_course", {"iri": str(iri)}, field="id")
    labels = collect_labels(rows, [("o", "olabel")])
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    values: dict[str, Any] = {}
    for r in rows:
        key = local_name(str(r["p"]))
        o = r["o"]
        if isinstance(o, Literal) and o.language:
            texts[key][o.language] = str(o)
        else:
            values[key] = ref(o, labels) if not isinstance(o, Literal) else str(o)
    outcomes = select(store, "ui/course_outcomes", course=iri).rows
    out_labels = collect_labels(outcomes, [("competence", "competenceLabel"), ("level", "levelLabel")])
    taught: list[dict[str, Any]] = [
        {
            "competence": {**ref(r["competence"], out_labels), "notation": str(r.get("notation", ""))},
            "framework": ref(r["framework"]) if "framework" in r else None,
            "level": ref(r["level"], out_labels),
            "rank": integer(r["rank"]) if "rank" in r else None,
        }
        for r in {(str(r["competence"]), str(r["level"])): r for r in outcomes}.values()
    ]
    taught.sort(
        key=lambda t: (
            str(t["framework"] and t["framework"]["iri"]),
            notation_key(t["competence"]["notation"]),
        ),
    )
    return {
        "course": {**ref(iri), "title": texts.get("title", {}), "description": texts.get("description", {})},
        "values": values,
        "taught": taught,
        "example": str(values.get("status", {}).get("iri", "")).endswith("#Example"),
    }


def term_labels(store: GraphStore, which: str) -> dict[str, dict[str, str]]:
    """Labels of the terms the mappings page ("mapped") or the practices page ("practice") names."""
    template = {"mapped": "ui/mapped_terms", "practice": "ui/practice_terms"}[which]
    return collect_labels(select(store, template).rows, [("term", "label")])


def pref_labels(store: GraphStore, iris: set[str]) -> dict[str, dict[str, str]]:
    """Each IRI's preferred labels by language."""
    out: dict[str, dict[str, str]] = {}
    for iri in iris:
        rows = select(store, "rest/competence", competence=URIRef(iri)).rows
        out[iri] = {
            getattr(r["o"], "language", None) or "": str(r["o"])
            for r in rows
            if str(r["p"]).endswith("#prefLabel")
        }
    return out
