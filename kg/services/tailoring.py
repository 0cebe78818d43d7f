"""Local tailoring: a municipality derives a profile from a generic or discipline profile.

A derivation states what differs from the base: requirements set (added or with a
changed level), competences removed, and local competences the municipality adds
(in its own small framework). It is stored in the municipality's graph with the
municipality as dct:creator; inheritance does the rest (kg.services.profiles: the nearest
statement wins). Validated with the SHACL shapes like any upload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD

from kg.core import namespaces as ns
from kg.core.errors import refused
from kg.core.namespaces import LANG
from kg.pipeline import contrib
from kg.services import upload_checks
from kg.services.codes import CodeBook, unknown_competence, unknown_level
from kg.services.contributions import commit, make_record, record_iri, without
from kg.services.problems import Parsed, Problem, UploadRejected
from kg.services.profiles import ResolvedProfile
from kg.services.providers import ProviderError, exists
from kg.store.base import GraphStore

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
KIND = "municipalities"


@dataclass
class Derivation:
    profile_id: str
    base: str  # a profile id or IRI
    label_da: str
    label_en: str | None = None
    set: list[tuple[str, str, str | None]] = field(default_factory=list)  # (competence, level, importance)
    remove: list[str] = field(default_factory=list)
    local: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # (id, da, en, level)


def municipality_iri(municipality: str) -> URIRef:
    return ns.ID[f"municipality/{municipality}"]


def profile_iri(municipality: str, profile_id: str) -> URIRef:
    """A municipality's tailored profile: one address for the graph, the site and the API."""
    return ns.ID[f"municipality/{municipality}/profile/{profile_id}"]


def bad_id(value: str) -> Problem:
    return Problem.of("profile_id", field="id", value=value)


def _iri(value: str) -> URIRef:
    return URIRef(value) if value.startswith("http") else ns.ID[value.strip("/")]


def derive(
    store: GraphStore, contrib_dir: Path, municipality: str, spec: Derivation, agent: str = "admin"
) -> URIRef:
    if not exists(contrib_dir, municipality, KIND):
        raise ProviderError("no_municipality", {"id": municipality})
    problems: list[Problem] = [] if SLUG.match(spec.profile_id) else [bad_id(spec.profile_id)]
    book = CodeBook.load(store)
    mun = municipality_iri(municipality)
    profile = profile_iri(municipality, spec.profile_id)
    rec, now = record_iri(municipality, KIND)
    g = Graph()
    g.add((profile, RDF.type, ns.DKK.CompetenceProfile))
    g.add((profile, SKOS.prefLabel, Literal(spec.label_da, lang="da")))
    if spec.label_en:
        g.add((profile, SKOS.prefLabel, Literal(spec.label_en, lang="en")))
    g.add((profile, ns.DKK.derivedFrom, _iri(spec.base)))
    g.add((profile, DCTERMS.creator, mun))
    g.add((profile, DCTERMS.source, rec))
    g.add((profile, PROV.wasGeneratedBy, rec))
    for code in spec.remove:
        competence = book.competence(code)
        if competence is None:
            problems.append(unknown_competence(code, field="remove"))
        else:
            g.add((profile, ns.DKK.removesCompetence, competence))
    requirements = list(spec.set)
    if spec.local:
        scheme = _local_framework(g, municipality, mun, spec)
        for local_id, da, en, local_level in spec.local:
            competence = ns.ID[f"municipality/{municipality}/competence/{local_id}"]
            g.add((competence, RDF.type, ns.DKK.Competence))
            g.add((competence, SKOS.inScheme, scheme))
            g.add((competence, SKOS.prefLabel, Literal(da, lang="da")))
            if en:
                g.add((competence, SKOS.prefLabel, Literal(en, lang="en")))
            book.scale_of[str(competence)] = None
            requirements.append((str(competence), local_level, None))
    for n, (code, level_name, importance) in enumerate(requirements, start=1):
        competence = book.competence(code)
        if competence is None:
            problems.append(unknown_competence(code, field="set"))
            continue
        level = book.level(competence, level_name)
        if level is None:
            problems.append(unknown_level(book, code, competence, level_name, field="set"))
            continue
        req = URIRef(f"{profile}/requirement/{n}")
        g.add((profile, ns.DKK.hasRequirement, req))
        g.add((req, RDF.type, ns.DKK.Requirement))
        g.add((req, ns.DKK.competence, competence))
        g.add((req, ns.DKK.requiredLevel, level))
        if importance:
            g.add(
                (req, ns.DKK.importance, ns.DKK.Essential if importance == "essential" else ns.DKK.Optional)
            )
    if not problems:
        problems = upload_checks.check(
            Parsed(graph=g), store, contrib.read_about(contrib_dir, municipality, KIND)
        )
    if problems:
        raise UploadRejected(problems)

    def change(current: Graph) -> Graph:  # re-deriving a profile replaces it
        data = without(current, [profile])
        data += g
        return data

    record = make_record(rec, now, agent, f"derive {spec.profile_id}", "", "json", "derive", 1)
    commit(store, contrib_dir, municipality, change, record, KIND)
    return profile


def _local_framework(g: Graph, municipality: str, mun: URIRef, spec: Derivation) -> URIRef:
    scheme = ns.ID[f"municipality/{municipality}/competences"]
    g.add((scheme, RDF.type, ns.DKK.CompetenceFramework))
    g.add((scheme, SKOS.prefLabel, Literal(f"Lokale kompetencer ({municipality})", lang="da")))
    g.add((scheme, DCTERMS.publisher, mun))
    g.add((scheme, DCTERMS.source, mun))
    g.add((scheme, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((scheme, DCTERMS.issued, Literal(date.today().isoformat(), datatype=XSD.date)))
    g.add((scheme, OWL.versionInfo, Literal("1")))
    g.add((scheme, DCTERMS.language, LANG["da"]))
    return scheme


@dataclass
class Diff:
    added: list[str]
    removed: list[str]
    changed: list[tuple[str, int, int]]  # competence, base rank, profile rank
    same: int


def diff(profile: ResolvedProfile, base: ResolvedProfile) -> Diff:
    mine = {r.competence: r.rank for r in profile.requirements}
    theirs = {r.competence: r.rank for r in base.requirements}
    return Diff(
        sorted(set(mine) - set(theirs)),
        sorted(set(theirs) - set(mine)),
        sorted((c, theirs[c], mine[c]) for c in set(mine) & set(theirs) if mine[c] != theirs[c]),
        sum(1 for c in set(mine) & set(theirs) if mine[c] == theirs[c]),
    )


__all__ = ["Derivation", "Diff", "derive", "diff"]


def retire(
    store: GraphStore, contrib_dir: Path, municipality: str, profile_id: str, agent: str = "admin"
) -> URIRef:
    """Take a tailored profile out of the graph (its versions stay in the history); 409 while another
    profile derives from it."""
    profile = profile_iri(municipality, profile_id)
    rec, now = record_iri(municipality, KIND)

    def change(current: Graph) -> Graph:
        if (profile, RDF.type, ns.DKK.CompetenceProfile) not in current:
            raise ProviderError("no_profile_in", {"profile": profile_id, "municipality": municipality})
        heirs = sorted(str(s) for s in current.subjects(ns.DKK.derivedFrom, profile))
        if heirs:
            raise refused(
                409,
                "profile_in_use",
                {"profiles": ", ".join(heirs)},
                field="profile_id",
            )
        return without(current, [profile])

    record = make_record(rec, now, agent, f"retire {profile_id}", "", "json", "retire", 0)
    commit(store, contrib_dir, municipality, change, record, KIND)
    return profile
