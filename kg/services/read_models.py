"""Read models: what the REST API and the site show, computed once from the reviewed templates.

Both interfaces call these and only dress the answer: the REST routes add
pagination and the templates behind it (``rest.<name>``), the site renders it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.core.errors import refused
from kg.core.terms import decimal, integer
from kg.services.catalogue import Catalogue
from kg.services.embedded import as_use, competence_courses, competence_profiles, embedded
from kg.services.provenance import provenance
from kg.services.refs import (
    ANY,
    collect_labels,
    filter_by,
    local_name,
    members,
    q_key,
    ref,
    resolve_profile,
    run,
    to_iri,
    tree,
    unknown,
)
from kg.store import GraphStore

COMPETENCE_QUERIES = [
    "competence",
    "competence_levels",
    "competence_outcomes",
    "competence_mappings",
    "competence_profiles",
    "course_page_teaching",
    "course_count_teaching",
    "course",
    "practices",
]


def competence(store: GraphStore, competence_id: str, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """One competence with its levels, learning outcomes, mappings both ways, and what uses it
    (profiles, courses, practices, each flagged when it is example data)."""
    iri = to_iri(competence_id, "competence_id")
    rows = run(store, "competence", competence=iri)
    if not rows:
        raise unknown(competence_id, "competence_id", "concept", members(store, "concept"), 404, "competence")
    labels = collect_labels(rows, [("o", "olabel"), ("o", "typeLabel")])
    listed = quote(q_key(str(iri)), safe="/:")  # how the list endpoints' links name it
    props: dict[str, list] = defaultdict(list)
    for r in rows:
        key = local_name(str(r["p"]))
        o = r["o"]
        value: Any = {"value": str(o), "lang": o.language} if isinstance(o, Literal) else ref(o, labels)
        if value not in props[key]:
            props[key].append(value)
    levels = run(store, "competence_levels", competence=iri)
    level_labels = collect_labels(levels, [("level", "label")])
    outcomes = run(store, "competence_outcomes", competence=iri)
    mappings = run(store, "competence_mappings", competence=iri)
    map_labels = collect_labels(mappings, [("other", "otherLabel")])
    map_schemes: dict[str, set[str]] = defaultdict(set)
    for r in mappings:
        if "otherScheme" in r:
            map_schemes[str(r["other"])].add(str(r["otherScheme"]))
    return {
        **ref(iri),
        "label": {v["lang"]: v["value"] for v in props.get("prefLabel", [])},
        **_ours(store, iri),
        "provenance": provenance(store, iri),
        "notes": {v["lang"]: v["value"] for v in props.get("editorialNote", [])},
        "definition": {v["lang"]: v["value"] for v in props.get("definition", [])},
        "description": {v["lang"]: v["value"] for v in props.get("description", [])},
        "notation": next((v["value"] for v in props.get("notation", [])), None),
        "types": props.get("type", []),
        "framework": next(iter(props.get("inScheme", [])), None),
        "broader": props.get("broader", []),
        "narrower": props.get("narrower", []),
        "sources": props.get("source", []),
        "levels": [
            {**ref(r["level"], level_labels), "rank": integer(r["rank"])}
            for r in {str(r["level"]): r for r in levels}.values()
        ],
        "outcomes": [
            {
                **ref(r["item"]),
                "type": str(r["type"]).rsplit("#")[-1],
                "notation": str(r["notation"]),
                "text": str(r["text"]),
                "level": {**ref(r["level"]), "label": str(r["levelLabel"]), "rank": integer(r["rank"])},
                "ksa": str(r["ksa"]).rsplit("#")[-1] if "ksa" in r else None,
                "ai": str(r["ai"]).rsplit("#")[-1] if "ai" in r else None,
            }
            for r in outcomes
        ],
        "mappings": [
            {
                "direction": str(r["direction"]),
                "predicate": str(r["predicate"]),
                "other": ref(r["other"], map_labels),
                "schemes": sorted(map_schemes[str(r["other"])]),
                "graph": str(r["g"]),
            }
            for r in {
                (str(r["direction"]), str(r["predicate"]), str(r["other"])): r for r in mappings
            }.values()
        ],
        "profiles": embedded(competence_profiles(store, iri), f"/profiles?competence={listed}"),
        "courses": competence_courses(store, iri, listed, level_labels, catalogue),
        "practices": embedded(
            [as_use(p) for p in practices(store, str(iri))], f"/practices?competence={listed}"
        ),
    }


def profiles(store: GraphStore, competence: str | None = None) -> list[dict[str, Any]]:
    """Every profile, or those stating a requirement of ``competence``: what it derives from, its
    discipline and level, who made it, example or not."""
    rows = run(store, "profiles")
    if competence:
        iri = filter_by(store, competence, "competence", "concept")
        stating = {p["iri"] for p in competence_profiles(store, iri)}
        rows = [r for r in rows if str(r["profile"]) in stating]
    labels = collect_labels(rows, [("profile", "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        items.setdefault(
            str(r["profile"]),
            {
                **ref(r["profile"], labels),
                "derivedFrom": ref(r["base"]) if "base" in r else None,
                "discipline": ref(r["discipline"]) if "discipline" in r else None,
                "organisationalLevel": ref(r["orgLevel"]) if "orgLevel" in r else None,
                "creator": ref(r["creator"]) if "creator" in r else None,
                "example": str(r.get("status", "")).endswith("#Example"),
                "ownRequirements": integer(r["ownRequirements"]),
            },
        )
    return list(items.values())


def practices(
    store: GraphStore, competence: str | None = None, group: str | None = None
) -> list[dict[str, Any]]:
    """Best practices, for a competence (equivalent ones count) or a target group (broader ones count)."""
    rows = run(
        store,
        "practices",
        competence=filter_by(store, competence, "competence", "concept"),
        group=filter_by(store, group, "group", "group"),
    )
    labels = collect_labels(rows, [("practice", "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(
            str(r["practice"]),
            {
                **ref(r["practice"], labels),
                "description": {},
                "municipalities": [],
                "targetGroups": [],
                "competences": [],
                "track": str(r["track"]).rsplit("#")[-1],
                "example": str(r.get("status", "")).endswith("#Example"),
                "source": str(r["source"]),
            },
        )
        description = r.get("description")
        if isinstance(description, Literal):
            item["description"][description.language or ""] = str(description)
        for key, field in (
            ("municipality", "municipalities"),
            ("target", "targetGroups"),
            ("addressed", "competences"),
        ):
            if key in r and ref(r[key]) not in item[field]:
                item[field].append(ref(r[key]))
    return list(items.values())


def mappings(
    store: GraphStore, subject: str | None = None, object: str | None = None, predicate: str | None = None
) -> list[dict[str, Any]]:
    """Mappings with their SSSOM records (set, justification, confidence, comment), filtered by any of
    subject, object and predicate (``skos:exactMatch`` or its IRI)."""
    rows = run(
        store,
        "mappings",
        subject=filter_by(store, subject, "subject", "concept"),
        object=filter_by(store, object, "object", "concept"),
        predicate=mapping_predicate(predicate),
    )
    blocks: dict[str, dict[str, Any]] = {}  # one per mapping set
    items = [
        {
            "subject": ref(r["s"]),
            "predicate": str(r["p"]),
            "object": ref(r["o"]),
            "mappingSet": str(r.get("set", "")) or None,
            "justification": str(r.get("justification", "")) or None,
            "confidence": decimal(r["confidence"]) if isinstance(r.get("confidence"), Literal) else None,
            "comment": str(r.get("comment", "")) or None,
            "graph": str(r["g"]),
            "provenance": blocks.get(str(r["g"]))
            or blocks.setdefault(str(r["g"]), provenance(store, graph=str(r["g"]))),
        }
        for r in rows
    ]
    return items


MAPPING_PREDICATES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


def mapping_predicate(value: str | None) -> URIRef:
    """A SKOS mapping property, as ``skos:exactMatch``, ``exactMatch`` or its IRI; 422 for any other."""
    if not value:
        return ANY
    name = value.strip().removeprefix("skos:").removeprefix(str(SKOS))
    if name not in MAPPING_PREDICATES:
        raise refused(
            422,
            "unknown_predicate",
            {"value": repr(value), "choices": ", ".join(f"skos:{p}" for p in MAPPING_PREDICATES)},
            field="predicate",
            value=value,
            suggestions=[f"skos:{p}" for p in MAPPING_PREDICATES],
        )
    return SKOS[name]


def _ours(store: GraphStore, iri: URIRef) -> dict[str, list[str]]:
    """The languages in which the concept's name (a translation) or description (our own words) is the
    project's, not the publisher's."""
    rows = run(store, "our_words", concept=iri)

    def langs(p: URIRef) -> list[str]:
        return [str(r["lang"]) for r in rows if r["p"] == p]

    return {"ourTranslations": langs(SKOS.prefLabel), "ourDescriptions": langs(DCTERMS.description)}


def frameworks(store: GraphStore) -> list[dict[str, Any]]:
    """Every competence framework: version, issue date, licence, publisher, scale, size (a framework we
    compiled from a publisher's pages: its creator and rights statement, no publisher, licence or date)."""
    rows = run(store, "frameworks")
    labels = collect_labels(rows, [("framework", "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        if str(r["framework"]) in items:
            continue
        items[str(r["framework"])] = {
            **ref(r["framework"], labels),
            "version": str(r["version"]),
            "issued": str(r.get("issued", "")) or None,
            "license": str(r.get("license", "")) or None,
            "rights": str(r.get("rights", "")) or None,
            "publisher": str(r.get("publisher", "")) or None,
            "creator": str(r.get("creator", "")) or None,
            "scale": ref(r["scale"]) if "scale" in r else None,
            "concepts": integer(r["concepts"]),
            "provenance": provenance(store, URIRef(str(r["framework"]))),
        }
    return list(items.values())


def framework_concepts(store: GraphStore, framework_id: str) -> dict[str, Any]:
    """A framework's areas and competences, as a tree."""
    framework = to_iri(framework_id, "framework_id")
    rows = run(store, "concepts", framework=framework)
    if not rows:
        raise unknown(framework_id, "framework_id", "framework", members(store, "framework"), 404)
    labels = collect_labels(rows, [("concept", "label")])
    nodes: dict[str, dict[str, Any]] = {}
    parent: dict[str, str] = {}
    for r in rows:
        key = str(r["concept"])
        nodes.setdefault(
            key,
            {
                **ref(r["concept"], labels),
                "kind": local_name(str(r["kind"])),
                "notation": str(r.get("notation", "")) or None,
                "children": [],
            },
        )
        if "broader" in r:
            parent[key] = str(r["broader"])
    return {"framework": ref(framework), "concepts": tree(nodes, parent)}


def competences(
    store: GraphStore, q: str = "", lang: str = "", framework: str | None = None
) -> list[dict[str, Any]]:
    """Competences (and areas) whose label or notation holds ``q``, in one framework or all."""
    fw = filter_by(store, framework, "framework", "framework")
    rows = run(store, "competences", q=Literal(q), lang=Literal(lang), framework=fw)
    labels = collect_labels(rows, [("competence", "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        items.setdefault(
            str(r["competence"]),
            {
                **ref(r["competence"], labels),
                "kind": local_name(str(r["kind"])),
                "notation": str(r.get("notation", "")) or None,
                "framework": ref(r["fw"]),
            },
        )
    return list(items.values())


def profile(store: GraphStore, profile_id: str) -> dict[str, Any]:
    """A profile's requirements, inherited ones included, and what it removed from its base."""
    resolved = resolve_profile(store, profile_id, "profile_id")
    iri = URIRef(resolved.profile)
    return {
        **ref(iri),
        "chain": [ref(URIRef(m)) for m in resolved.chain],
        "requirements": [
            {
                "competence": {**ref(URIRef(q.competence)), "label": q.labels},
                "level": {**ref(URIRef(q.level)), "label": q.level_labels, "rank": q.rank},
                "importance": local_name(q.importance) if q.importance else None,
                "statedIn": ref(URIRef(q.stated_in)),
                "inherited": q.stated_in != str(iri),
            }
            for q in resolved.requirements
        ],
        "removed": [ref(URIRef(c)) for c in resolved.removed],
    }


def vocabulary(store: GraphStore, name: str, key: str, extra: str | None = None) -> list[dict[str, Any]]:
    """A simple list (disciplines, organisational levels): each item with its labels, and the values of
    ``extra`` (e.g. the ISCO groups a discipline matches)."""
    rows = run(store, name)
    labels = collect_labels(rows, [(key, "label")])
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(str(r[key]), {**ref(r[key], labels)})
        if extra and extra in r:
            item.setdefault(extra, [])
            if str(r[extra]) not in item[extra]:
                item[extra].append(str(r[extra]))
    return list(items.values())
