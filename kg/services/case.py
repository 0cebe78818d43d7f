"""Competence frameworks and profiles as 1EdTech CASE 1.1 packages, for CASE tools (OpenSALT, the CASE
Network).

CASE names everything by a UUID; ours are derived from our IRIs (UUID v5 in the URL namespace), so a
framework's package keeps its identifiers from one release to the next and anyone can compute them. The
``uri`` of each CASE object is our IRI, which dereferences. A framework's package holds its concepts as
CFItems (``humanCodingScheme`` its notation), ``isChildOf`` from each concept to the one above it (or to
the document), its SKOS mappings as ``exactMatchOf`` (exact) or ``isRelatedTo`` (close, broader,
narrower, related: the SKOS relation is in the association's notes), and its proficiency scale as one
CFRubric whose criterion levels are the scale's levels. A profile's package holds one CFItem per
requirement, ``exactMatchOf`` the framework competence and ``hasSkillLevel`` the required level.
CASE text is in one language per package: Danish or English, with the other as the fallback.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.core.frameworks import frameworks
from kg.core.settings import get_settings
from kg.pipeline.build import build_info
from kg.services.graph_catalogue import agent_names
from kg.services.levels import guide
from kg.services.lookups import Lookups
from kg.services.profiles import resolve
from kg.services.read_models import profiles
from kg.store.base import GraphStore
from kg.store.templates import select

CASE_PATH = "ims/case/v1p1/"
MAPPINGS = {
    SKOS.exactMatch: "exactMatchOf",
    SKOS.closeMatch: "isRelatedTo",
    SKOS.broadMatch: "isRelatedTo",
    SKOS.narrowMatch: "isRelatedTo",
    SKOS.relatedMatch: "isRelatedTo",
}
EXAMPLE_NOTE = {
    "en": "Example data: made up to show how the graph is used.",
    "da": "Eksempeldata: opdigtet for at vise, hvordan grafen bruges.",
}
ITEM_TYPES = {"CompetenceArea": "Competence area", "Competence": "Competence", "ProficiencyLevel": "Level"}


def case_id(iri: str) -> str:
    """The CASE identifier of one of our resources: stable, computable from its IRI alone."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def _chosen(values: Sequence[Node], lang: str) -> Literal | None:
    """The text in ``lang``, else in the other of Danish and English, else any."""
    texts = [v for v in values if isinstance(v, Literal)]
    for wanted in (lang, "en" if lang == "da" else "da", None):
        for t in texts:
            if wanted is None or t.language == wanted:
                return t
    return None


def _text(values: Sequence[Node], lang: str) -> str | None:
    chosen = _chosen(values, lang)
    return None if chosen is None else str(chosen)


def _built() -> str:
    """When the graph was built: the change time of what states no date of its own."""
    built = (build_info(get_settings().store_path_resolved()) or {}).get("built")
    return _when([Literal(built)]) if built else "1970-01-01T00:00:00+00:00"


def _when(values: list[Node]) -> str:
    """A CASE date-time from dct:modified or dct:issued (a date, a year or a date-time)."""
    for v in sorted(map(str, values), reverse=True):
        if len(v) == 4 and v.isdigit():
            return f"{v}-01-01T00:00:00+00:00"
        if len(v) == 10:
            return f"{v}T00:00:00+00:00"
        if "T" in v:
            return v if v.endswith("Z") or "+" in v[10:] else v + "+00:00"
    return _built()


def _props(store: GraphStore, template: str, key: str, iri: URIRef) -> dict[URIRef, list[Node]]:
    found: dict[URIRef, list[Node]] = defaultdict(list)
    for r in select(store, template, **{key: iri}).rows:
        found[URIRef(str(r["p"]))].append(r["o"])
    return found


def document_iris(store: GraphStore) -> dict[str, tuple[str, str]]:
    """Every document we serve: its CASE id -> (IRI, "framework" or "profile")."""
    base = get_settings().base_iri
    out = {case_id(fw.scheme_iri(base)): (fw.scheme_iri(base), "framework") for fw in frameworks()}
    for p in profiles(store):
        out[case_id(p["iri"])] = (p["iri"], "profile")
    return out


def _link(iri: str, title: str | None) -> dict[str, str]:
    return {"title": title or iri, "identifier": case_id(iri), "uri": iri}


def _association(kind: str, origin: dict, target: dict, when: str, notes: str | None = None) -> dict:
    identifier = case_id(f"{origin['uri']} {kind} {target['uri']}")
    out = {
        "identifier": identifier,
        "associationType": kind,
        "uri": f"{get_settings().base_iri}{CASE_PATH}CFAssociations/{identifier}",
        "originNodeURI": origin,
        "destinationNodeURI": {**target, "targetType": "CASE"},
        "lastChangeDateTime": when,
    }
    return {**out, "notes": notes} if notes else out


def _document(store: GraphStore, iri: str, lang: str, names: dict[str, list[Literal]]) -> dict[str, Any]:
    props = _props(store, "case_document", "document", URIRef(iri))
    makers = [str(a) for a in props[DCTERMS.publisher] + props[DCTERMS.creator]]
    creator = "; ".join(_text(list(names.get(m, [])), lang) or m for m in dict.fromkeys(makers))
    title = _text(props[DCTERMS.title] + props[SKOS.prefLabel], lang) or iri
    doc: dict[str, Any] = {
        "identifier": case_id(iri),
        "uri": iri,
        "caseVersion": "1.1",
        "creator": creator or _text(names.get(str(ns.ID["agent/dkk-project"]), []), lang) or "DKK",
        "title": title,
        "lastChangeDateTime": _when(props[DCTERMS.modified] + props[DCTERMS.issued]),
        "language": lang,
    }
    if description := _text(props[DCTERMS.description], lang):
        doc["description"] = description
    if sources := [str(s) for s in props[DCTERMS.source] if isinstance(s, URIRef)]:
        doc["officialSourceURL"] = sorted(sources)[0]
    if versions := props[OWL.versionInfo]:
        doc["version"] = str(versions[0])
    if licences := [str(v) for v in props[DCTERMS.license]]:
        doc["licenseURI"] = _link(sorted(licences)[0], "Licence")
    notes = [str(v) for v in props[DCTERMS.rights]]
    if ns.DKK.Example in props[ns.DKK.status]:
        notes.append(EXAMPLE_NOTE[lang])
    if notes:
        doc["notes"] = " ".join(notes)
    return doc


def _definitions(doc: dict[str, Any]) -> dict[str, Any]:
    if "licenseURI" not in doc:
        return {}
    lic = doc["licenseURI"]
    licence = {**lic, "title": lic["uri"], "licenseText": f"See {lic['uri']}."}
    doc["licenseURI"] = {k: licence[k] for k in ("title", "identifier", "uri")}
    return {"CFLicenses": [{**licence, "lastChangeDateTime": doc["lastChangeDateTime"]}]}


def framework_package(store: GraphStore, scheme: str, lang: str, lookups: Lookups) -> dict[str, Any]:
    names = agent_names(store)
    doc = _document(store, scheme, lang, names)
    when = doc["lastChangeDateTime"]
    concepts: dict[str, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for r in select(store, "case_concepts", scheme=URIRef(scheme)).rows:
        concepts[str(r["concept"])][URIRef(str(r["p"]))].append(r["o"])
    doc_link = _link(scheme, doc["title"])
    items, associations = [], []
    for iri, props in concepts.items():
        label = _text(props[SKOS.prefLabel], lang)
        statement = _chosen(props[SKOS.definition], lang) or _chosen(props[SKOS.prefLabel], lang)
        definition = _text(props[SKOS.definition], lang)
        item: dict[str, Any] = {
            "identifier": case_id(iri),
            "fullStatement": str(statement) if statement is not None else iri,
            "uri": iri,
            "lastChangeDateTime": when,
            "language": (statement.language if statement is not None else None) or lang,  # what it is in
        }
        if label and definition:
            item["abbreviatedStatement"] = label
        if props[SKOS.notation]:
            item["humanCodingScheme"] = str(props[SKOS.notation][0])
        kinds = [
            ITEM_TYPES[str(t).rsplit("#", 1)[-1]]
            for t in props[RDF.type]
            if str(t).rsplit("#", 1)[-1] in ITEM_TYPES
        ]
        if kinds:
            item["CFItemType"] = sorted(kinds)[0]
        items.append(item)
        here = _link(iri, label)
        parents = [str(b) for b in props[SKOS.broader] if str(b) in concepts]
        for parent in parents or [scheme]:
            target = (
                doc_link if parent == scheme else _link(parent, _text(concepts[parent][SKOS.prefLabel], lang))
            )
            associations.append(_association("isChildOf", here, target, when))
        for relation, kind in MAPPINGS.items():
            for other in sorted({str(o) for o in props[relation] if isinstance(o, URIRef)}):
                target = _link(other, (lookups.labels.get(other) or {}).get(lang))
                note = None if kind == "exactMatchOf" else f"SKOS {relation.rsplit('#', 1)[-1]}"
                associations.append(_association(kind, here, target, when, note))
    package: dict[str, Any] = {"CFDocument": doc, "CFItems": items, "CFAssociations": associations}
    if definitions := _definitions(doc):
        package["CFDefinitions"] = definitions
    if rubric := _rubric(store, scheme, lang, when, lookups):
        package["CFRubrics"] = [rubric]
    return package


def _rubric(store: GraphStore, scheme: str, lang: str, when: str, lookups: Lookups) -> dict[str, Any] | None:
    base = get_settings().base_iri
    scale = next((fw.scale_iri(base) for fw in frameworks() if fw.scheme_iri(base) == scheme), None)
    described = guide(store).get(scale or "")
    if scale is None or described is None or not described.levels:
        return None
    rubric_id, criterion_id = case_id(scale), case_id(f"{scale}#criterion")
    levels = [
        {
            "identifier": case_id(level.iri),
            "uri": level.iri,
            "quality": (lookups.labels.get(level.iri) or {}).get(lang) or level.iri.rsplit("/", 1)[-1],
            "description": level.descriptions.get(lang) or level.descriptions.get("en", ""),
            "score": float(level.rank),
            "position": level.rank,
            "rubricCriterionId": criterion_id,
            "lastChangeDateTime": when,
        }
        for level in described.levels
    ]
    title = described.labels.get(lang) or described.labels.get("en") or scale
    criterion = {
        "identifier": criterion_id,
        "uri": f"{scale}#criterion",
        "category": title,
        "description": "Proficiency, rated on each competence of the framework.",
        "position": 1,
        "rubricId": rubric_id,
        "lastChangeDateTime": when,
        "CFRubricCriterionLevels": levels,
    }
    return {
        "identifier": rubric_id,
        "uri": scale,
        "title": title,
        "lastChangeDateTime": when,
        "CFRubricCriteria": [criterion],
    }


def profile_package(store: GraphStore, profile: str, lang: str, lookups: Lookups) -> dict[str, Any]:
    doc = _document(store, profile, lang, agent_names(store))
    when = doc["lastChangeDateTime"]
    resolved = resolve(store, URIRef(profile))
    items, associations = [], []
    doc_link = _link(profile, doc["title"])
    for req in resolved.requirements if resolved else []:
        label = req.labels.get(lang) or req.labels.get("en") or req.competence
        level = req.level_labels.get(lang) or req.level_labels.get("en") or req.level
        iri = f"{profile}#requirement-{case_id(req.competence)}"
        items.append(
            {
                "identifier": case_id(iri),
                "fullStatement": f"{label}: {level}",
                "humanCodingScheme": lookups.book.code(req.competence),
                "CFItemType": "Requirement",
                "uri": iri,
                "lastChangeDateTime": when,
                "language": lang,
            }
        )
        here = _link(iri, label)
        associations.append(_association("isChildOf", here, doc_link, when))
        associations.append(_association("exactMatchOf", here, _link(req.competence, label), when))
        associations.append(_association("hasSkillLevel", here, _link(req.level, level), when))
    return {"CFDocument": doc, "CFItems": items, "CFAssociations": associations}


def package(
    store: GraphStore,
    identifier: str,
    lang: str,
    lookups: Lookups | None = None,
    served: dict[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The CFPackage of the document ``identifier`` (a CASE UUID; ``served``: :func:`document_iris`,
    when the caller keeps it); 404 when we serve none by it."""
    found = (served if served is not None else document_iris(store)).get(identifier.lower())
    if found is None:
        raise refused(404, "case.unknown", {"id": identifier}, field="id")
    iri, kind = found
    lookups = lookups or Lookups.load(store)
    build = framework_package if kind == "framework" else profile_package
    return build(store, iri, lang, lookups)


def documents(store: GraphStore, lang: str) -> list[dict[str, Any]]:
    names = agent_names(store)
    return [_document(store, iri, lang, names) for iri, _ in document_iris(store).values()]


def objects(
    store: GraphStore,
    lang: str,
    lookups: Lookups | None = None,
    served: dict[str, tuple[str, str]] | None = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Every document's CFItems and CFAssociations by CASE UUID ("CFItems", "CFAssociations"), each with
    the document that holds it (CASE's getCFItem and getCFAssociation): built once (the API keeps it per
    data version), so that a lookup, hit or miss, costs nothing, and every association's ``uri`` answers."""
    lookups = lookups or Lookups.load(store)
    found: dict[str, dict[str, dict[str, Any]]] = {"CFItems": {}, "CFAssociations": {}}
    for identifier in served if served is not None else document_iris(store):
        pkg = package(store, identifier, lang, lookups, served)
        doc = _link(pkg["CFDocument"]["uri"], pkg["CFDocument"]["title"])
        for kind, index in found.items():
            for obj in pkg[kind]:
                index.setdefault(obj["identifier"], {**obj, "CFDocumentURI": doc})
    return found


def one(index: dict[str, dict[str, dict[str, Any]]], kind: str, identifier: str) -> dict[str, Any]:
    """One CFItem or CFAssociation of :func:`objects` by its CASE UUID; 404 when no document has it."""
    found = index[kind].get(identifier.lower())
    if found is None:
        raise refused(404, "case.unknown", {"id": identifier}, field="id")
    return found
