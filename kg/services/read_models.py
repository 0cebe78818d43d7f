"""Read models: what the REST API and the site show, computed once from the reviewed templates.

Both interfaces call these and only dress the answer: the REST routes add
pagination and the templates behind it (``rest.<name>``), the site renders it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import Literal

from kg.core.errors import ServiceError
from kg.services.refs import collect_labels, local_name, optional_iri, ref, run, to_iri
from kg.store import GraphStore

COMPETENCE_QUERIES = [
    "competence",
    "competence_levels",
    "competence_outcomes",
    "competence_mappings",
    "competence_uses",
]


def competence(store: GraphStore, competence_id: str) -> dict[str, Any]:
    """One competence with its levels, learning outcomes, mappings both ways, and what uses it
    (profiles, courses, practices, each flagged when it is example data)."""
    iri = to_iri(competence_id, "competence_id")
    rows = run(store, "competence", competence=iri)
    if not rows:
        raise ServiceError(404, "Unknown competence", f"{iri} is not in the graph.", field="competence_id")
    labels = collect_labels(rows, [("o", "olabel")])
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
    uses = run(store, "competence_uses", competence=iri)
    use_labels = collect_labels(uses, [("item", "label"), ("level", "levelLabel")])
    used: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in uses:
        entry = used[str(r["kind"]) + "s"].setdefault(
            str(r["item"]),
            {**ref(r["item"], use_labels), "example": str(r.get("status", "")).endswith("#Example")},
        )
        if "level" in r:
            entry["level"] = ref(r["level"], use_labels)
    return {
        **ref(iri),
        "label": {v["lang"]: v["value"] for v in props.get("prefLabel", [])},
        "definition": {v["lang"]: v["value"] for v in props.get("definition", [])},
        "description": {v["lang"]: v["value"] for v in props.get("description", [])},
        "notation": next((v["value"] for v in props.get("notation", [])), None),
        "types": props.get("type", []),
        "framework": next(iter(props.get("inScheme", [])), None),
        "broader": props.get("broader", []),
        "narrower": props.get("narrower", []),
        "sources": props.get("source", []),
        "levels": [
            {**ref(r["level"], level_labels), "rank": int(r["rank"])}
            for r in {str(r["level"]): r for r in levels}.values()
        ],
        "outcomes": [
            {
                **ref(r["item"]),
                "type": str(r["type"]).rsplit("#")[-1],
                "notation": str(r["notation"]),
                "text": str(r["text"]),
                "level": {**ref(r["level"]), "label": str(r["levelLabel"]), "rank": int(r["rank"])},
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
                "graph": str(r["g"]),
            }
            for r in {
                (str(r["direction"]), str(r["predicate"]), str(r["other"])): r for r in mappings
            }.values()
        ],
        "profiles": list(used["profiles"].values()),
        "courses": list(used["courses"].values()),
        "practices": list(used["practices"].values()),
    }


def profiles(store: GraphStore) -> list[dict[str, Any]]:
    """Every profile: what it derives from, its discipline and level, who made it, example or not."""
    rows = run(store, "profiles")
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
                "ownRequirements": int(r["ownRequirements"]),
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
        competence=optional_iri(competence, "competence"),
        group=optional_iri(group, "group"),
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
                "source": str(r["source"]),
            },
        )
        if isinstance(r.get("description"), Literal):
            item["description"][r["description"].language or ""] = str(r["description"])
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
    pred = optional_iri(
        predicate.replace("skos:", "http://www.w3.org/2004/02/skos/core#") if predicate else None, "predicate"
    )
    rows = run(
        store,
        "mappings",
        subject=optional_iri(subject, "subject"),
        object=optional_iri(object, "object"),
        predicate=pred,
    )
    items = [
        {
            "subject": ref(r["s"]),
            "predicate": str(r["p"]),
            "object": ref(r["o"]),
            "mappingSet": str(r.get("set", "")) or None,
            "justification": str(r.get("justification", "")) or None,
            "confidence": float(r["confidence"]) if isinstance(r.get("confidence"), Literal) else None,
            "comment": str(r.get("comment", "")) or None,
            "graph": str(r["g"]),
        }
        for r in rows
    ]
    return items


def provider_coverage(store: GraphStore, provider_id: str) -> dict[str, Any]:
    """What a provider's courses teach: each competence, on which scale, up to which level, in how many."""
    provider = to_iri(provider_id if "/" in provider_id else f"provider/{provider_id}", "provider_id")
    rows = run(store, "provider_coverage", provider=provider)
    labels = collect_labels(rows, [("competence", "competenceLabel")])
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        items.setdefault(
            (str(r["competence"]), str(r["scale"])),
            {
                "competence": ref(r["competence"], labels),
                "scale": ref(r["scale"]),
                "maxRank": int(r["maxRank"]),
                "courses": int(r["courses"]),
            },
        )
    return {"provider": ref(provider), "competences": list(items.values())}
