"""What a contributor may write: its own kinds of resource, with the properties meant for them.

A provider's upload is RDF it wrote itself. Keeping its subjects inside its own
namespace is not enough: a "course" that is also typed as a competence, placed
``skos:inScheme`` DigComp and ``skos:broader`` one of DigComp's areas would show
up as a DigComp competence, and inference would write about DigComp's area. So a
write is checked against a contract per kind of contributor:

- every subject is in the contributor's namespace and is one of the kinds it owns
  (a provider: courses and their outcomes; a municipality: profiles, their
  requirements, its local competences and their scheme, and the team counts it
  publishes), typed only as such;
- each kind has a closed list of properties, and each property says what its
  object may be: a literal, one of the contributor's own resources, a framework
  concept or level (existence is then SHACL's ``sh:class`` check against the store),
  a value from a fixed list, or an ``http``/``https`` web page;
- what inference derives from a contributor's data is kept only where its subject
  is the contributor's (:func:`own_inferences`).

Each breach is a Problem that names the triple.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.namespaces import ELM, SCHEMA
from kg.services.problems import Problem

LITERAL = "literal"
OWN = "own"  # an IRI in the contributor's namespace
SHARED = "shared"  # an IRI outside every contributor's namespace: a framework concept, level, profile
WEB = "web"  # an http(s) URL


@dataclass(frozen=True)
class Kind:
    types: frozenset[URIRef]
    properties: dict[URIRef, str | frozenset[URIRef]]


@cache
def _kinds(base: str) -> dict[str, tuple[Kind, ...]]:
    """The contract of each kind of contributor, in the IRIs of ``base`` (built on first use, not at
    import: the base is the deployment's)."""
    COURSE = Kind(
        frozenset({ns.DKK.CourseOffering, ELM.LearningOpportunity, SCHEMA.Course}),
        {
            DCTERMS.title: LITERAL,
            DCTERMS.description: LITERAL,
            DCTERMS.identifier: LITERAL,
            ns.DKK.offeredBy: OWN,  # the provider itself (SHACL: exactly one dkk:Provider)
            ns.DKK.hasOutcome: OWN,
            ns.DKK.mode: frozenset({ns.DKK.Online, ns.DKK.InPerson, ns.DKK.Blended}),
            ELM.volumeOfLearning: LITERAL,
            SCHEMA.inLanguage: LITERAL,
            SCHEMA.numberOfCredits: LITERAL,
            SCHEMA.url: WEB,
            DCTERMS.source: OWN,  # its import record
            PROV.wasGeneratedBy: OWN,
            ns.DKK.status: frozenset({ns.DKK.Example}),
        },
    )
    OUTCOME = Kind(
        frozenset({ns.DKK.CourseOutcome, ELM.LearningOutcome}),
        {
            ns.DKK.teachesCompetence: SHARED,
            ns.DKK.targetLevel: SHARED,
            DCTERMS.title: LITERAL,
            DCTERMS.description: LITERAL,
            SKOS.prefLabel: LITERAL,
            ns.DKK.status: frozenset({ns.DKK.Example}),  # a made-up course's outcomes are made up too
        },
    )
    return {"providers": (COURSE, OUTCOME), "municipalities": _municipality_kinds(base)}


def _municipality_kinds(base: str) -> tuple[Kind, ...]:
    """A municipality's: tailored profiles, their requirements, local competences and their scheme."""
    PROFILE = Kind(
        frozenset({ns.DKK.CompetenceProfile}),
        {
            SKOS.prefLabel: LITERAL,
            DCTERMS.description: LITERAL,
            ns.DKK.derivedFrom: SHARED,  # a shipped profile, or one of its own
            DCTERMS.creator: OWN,
            DCTERMS.source: OWN,
            PROV.wasGeneratedBy: OWN,
            ns.DKK.removesCompetence: SHARED,
            ns.DKK.hasRequirement: OWN,
            ns.DKK.status: frozenset({ns.DKK.Example}),
        },
    )
    REQUIREMENT = Kind(
        frozenset({ns.DKK.Requirement}),
        {
            ns.DKK.competence: SHARED,
            ns.DKK.requiredLevel: SHARED,
            ns.DKK.importance: frozenset({ns.DKK.Essential, ns.DKK.Optional}),
        },
    )
    LOCAL_COMPETENCE = Kind(
        frozenset({ns.DKK.Competence}),
        {SKOS.prefLabel: LITERAL, SKOS.definition: LITERAL, SKOS.notation: LITERAL, SKOS.inScheme: OWN},
    )
    LOCAL_SCHEME = Kind(
        frozenset({ns.DKK.CompetenceFramework, SKOS.ConceptScheme}),
        {
            SKOS.prefLabel: LITERAL,
            DCTERMS.title: LITERAL,
            DCTERMS.description: LITERAL,
            DCTERMS.publisher: OWN,  # the municipality itself
            DCTERMS.source: OWN,
            DCTERMS.license: frozenset({URIRef("https://creativecommons.org/licenses/by/4.0/")}),
            DCTERMS.issued: LITERAL,
            DCTERMS.language: SHARED,
            OWL.versionInfo: LITERAL,
            ns.DKK.status: frozenset({ns.DKK.Example}),
        },
    )
    # A team's counts the municipality publishes on purpose (kg.services.aggregates): counts only.
    AGGREGATE = Kind(
        frozenset({ns.DKK.TeamAggregate}),
        {
            RDFS.label: LITERAL,
            ns.DKK.aggregateOf: SHARED,
            ns.DKK.respondents: LITERAL,
            ns.DKK.minimumGroup: LITERAL,
            ns.DKK.hasRow: OWN,
            DCTERMS.creator: OWN,
            DCTERMS.created: LITERAL,
            DCTERMS.source: OWN,
            PROV.wasGeneratedBy: OWN,
        },
    )
    ROW = Kind(
        frozenset({ns.DKK.AggregateRow}),
        {
            ns.DKK.competence: SHARED,
            ns.DKK.level: SHARED,
            ns.DKK.belowRequired: LITERAL,
            ns.DKK.notRated: LITERAL,
            ns.DKK.hasCount: OWN,
        },
    )
    COUNT = Kind(frozenset({ns.DKK.LevelCount}), {ns.DKK.level: SHARED, ns.DKK.people: LITERAL})
    return (PROFILE, REQUIREMENT, LOCAL_COMPETENCE, LOCAL_SCHEME, AGGREGATE, ROW, COUNT)


def kinds_of(kind: str) -> tuple[Kind, ...]:
    return _kinds(ns.BASE)[kind]


CONTRIBUTOR_ROOTS = ("provider/", "municipality/")


def namespace(owner: str, kind: str) -> str:
    """Everything ``owner`` may be the subject of starts with this."""
    return str(ns.ID[f"{'provider' if kind == 'providers' else 'municipality'}/{owner}/"])


def _contributed(iri: str) -> bool:
    return any(iri.startswith(str(ns.ID) + root) for root in CONTRIBUTOR_ROOTS)


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _object_ok(rule: str | frozenset[URIRef], o: object, own: str, owner_iri: str) -> bool:
    if isinstance(rule, frozenset):
        return o in rule
    if rule == LITERAL:
        return isinstance(o, Literal)
    if not isinstance(o, URIRef):
        return False
    if rule == OWN:
        return str(o).startswith(own) or str(o) == owner_iri
    if rule == SHARED:
        return not _contributed(str(o)) or str(o).startswith(own)
    return is_web_url(str(o))  # WEB


def _problem(key: str, values: dict[str, object], s: object, p: object, o: object) -> Problem:
    """A breach in the catalogue's words (row.ownership.<key>), naming the triple."""
    triple = f"<{s}> <{p}> {o.n3() if hasattr(o, 'n3') else o}"
    return Problem.of(f"ownership.{key}", {**values, "triple": triple}, field="triple", value=triple)


def breaches(graph: Graph, owner: str, kind: str) -> list[Problem]:
    """Every triple of ``graph`` that ``owner`` (a provider or municipality) may not write.

    One pass over the triples (an upload is checked on every write, so this is on the write path);
    only the problems are sorted, by the triple each names, so that a report reads the same each
    time (sorting every subject and property of a clean upload cost 70 ms of each write)."""
    own = namespace(owner, kind)
    owner_iri = own.rstrip("/")
    kinds = kinds_of(kind)
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    types: dict[Node, set[Node]] = {}
    for subject, predicate, obj in graph:
        if predicate == RDF.type:
            types.setdefault(subject, set()).add(obj)
        else:
            by_subject.setdefault(subject, []).append((predicate, obj))
    problems: list[Problem] = []
    for s in by_subject.keys() | types.keys():
        if not str(s).startswith(own):
            problems.append(
                _problem(
                    "outside",
                    {"own": own, "subject": str(s)},
                    s,
                    "",
                    "",
                )
            )
            continue
        typed = types.get(s, set())
        matching = [k for k in kinds if typed and typed <= k.types]
        if not matching:
            allowed = ", ".join(sorted(str(t) for k in kinds for t in k.types))
            foreign: list[object] = list(typed - {t for k in kinds for t in k.types})
            for t in foreign or ["(no type)"]:
                problems.append(
                    _problem(
                        "type",
                        {"subject": str(s), "allowed": allowed},
                        s,
                        RDF.type,
                        t,
                    )
                )
            continue
        rules = matching[0].properties
        for p, o in by_subject.get(s, []):
            rule = rules.get(p)  # type: ignore[call-overload]  # (a Node that is no URIRef: None)
            if rule is None:
                problems.append(
                    _problem(
                        "property",
                        {"property": str(p), "kind": _name(matching[0])},
                        s,
                        p,
                        o,
                    )
                )
            elif not _object_ok(rule, o, own, owner_iri):
                problems.append(
                    _problem(
                        "value" if isinstance(rule, frozenset) else f"value.{rule}",
                        {"property": str(p), "values": ", ".join(sorted(str(v) for v in rule))}
                        if isinstance(rule, frozenset)
                        else {"property": str(p)},
                        s,
                        p,
                        o,
                    )
                )
    return sorted(problems, key=lambda problem: problem.value or "")


def _name(kind: Kind) -> str:
    return sorted(str(t).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in kind.types)[0]


def own_inferences(inferred: Iterable[tuple], owner: str, kind: str) -> list[tuple]:
    """What inference derived from a contributor's data, where the subject is the contributor's: the
    rest (a superclass's extension, an inverse on a framework concept) is not its to state. (A list:
    the store takes triples as they come, and an rdflib Graph of them cost 0.6 s an upload at 10M.)"""
    own = namespace(owner, kind)
    return [t for t in inferred if str(t[0]).startswith(own)]
