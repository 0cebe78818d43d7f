"""Course catalogues as Turtle or JSON-LD (ELM-compatible terms).

Relative IRIs resolve into the provider's course namespace, so ``<gdpr>`` or
``"@id": "gdpr"`` name the provider's own course. An upload may describe only the
provider's courses and their outcomes, with the properties meant for them
(kg.services.ownership): a triple about anything else (a competence, another provider's
course) or of another kind is refused. JSON-LD contexts are never
fetched: our published context is substituted locally, any other remote context
is refused (and pyoxigraph, without a document loader, would refuse it too).
"""

from __future__ import annotations

import json
import secrets
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from kg.core import namespaces as ns
from kg.core.frameworks import curie_map
from kg.core.namespaces import ELM, SCHEMA
from kg.core.settings import get_settings
from kg.core.terms import to_rdflib
from kg.services.codes import CodeBook
from kg.services.courses.csv_import import course_namespace
from kg.services.courses.elm import elm_context
from kg.services.courses.elm_import import from_elm, is_elm
from kg.services.problems import Parsed, Problem

CONTEXT_PATH = "contexts/courses.jsonld"
ELM_CONTEXT_PATH = "contexts/elm.jsonld"


def context() -> dict[str, Any]:
    """Our JSON-LD context: ELM and schema.org names for our course terms, and the registry's framework
    prefixes (digcomp3:4.2)."""
    return {
        "@version": 1.1,
        "@vocab": str(ns.DKK),
        "dkk": str(ns.DKK),
        "elm": str(ELM),
        "schema": str(SCHEMA),
        "dct": "http://purl.org/dc/terms/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        **curie_map(get_settings().base_iri),
        "LearningOpportunity": "dkk:CourseOffering",
        "Course": "dkk:CourseOffering",
        "CourseOffering": "dkk:CourseOffering",
        "LearningOutcome": "dkk:CourseOutcome",
        "CourseOutcome": "dkk:CourseOutcome",
        "title": {"@id": "dct:title", "@container": "@language"},
        "description": {"@id": "dct:description", "@container": "@language"},
        "learningOutcome": {"@id": "dkk:hasOutcome", "@type": "@id"},
        "relatedSkill": {"@id": "dkk:teachesCompetence", "@type": "@id"},
        "competence": {"@id": "dkk:teachesCompetence", "@type": "@id"},
        "targetLevel": {"@id": "dkk:targetLevel", "@type": "@id"},
        "mode": {"@id": "dkk:mode", "@type": "@vocab"},
        "Online": "dkk:Online",
        "InPerson": "dkk:InPerson",
        "Blended": "dkk:Blended",
        "volumeOfLearning": {"@id": "elm:volumeOfLearning", "@type": "xsd:duration"},
        "url": {"@id": "schema:url", "@type": "@id"},
        "inLanguage": "schema:inLanguage",
        "numberOfCredits": {"@id": "schema:numberOfCredits", "@type": "xsd:decimal"},
    }


def context_urls() -> set[str]:
    return {get_settings().base_iri + CONTEXT_PATH}


def _inline_contexts(node: Any, problems: list[Problem]) -> Any:
    """Replace our context URL by the context itself; refuse any other remote context."""
    if isinstance(node, list):
        return [_inline_contexts(n, problems) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@context":
            items = value if isinstance(value, list) else [value]
            fixed = []
            for item in items:
                if isinstance(item, str):
                    if item in context_urls() or item.endswith("/" + CONTEXT_PATH):
                        fixed.append(context())
                    elif item == get_settings().base_iri + ELM_CONTEXT_PATH:
                        fixed.append(elm_context())
                    else:
                        problems.append(
                            Problem.of(
                                "jsonld.remote_context",
                                {"context": repr(item), "ours": sorted(context_urls())[0]},
                                field="@context",
                                value=item,
                            )
                        )
                else:
                    fixed.append(_inline_contexts(item, problems))
            out[key] = fixed if isinstance(value, list) else fixed[0] if fixed else {}
        else:
            out[key] = _inline_contexts(value, problems)
    return out


def _depth(node: Any, bound: int) -> int:
    """How deep ``node`` nests, counted no further than just past ``bound``."""
    if bound < 0 or not isinstance(node, dict | list):
        return 0
    children = node.values() if isinstance(node, dict) else node
    return 1 + max((_depth(c, bound - 1) for c in children), default=0)


def parse_rdf(data: bytes, fmt: str, provider: str, book: CodeBook) -> Parsed:
    out = Parsed()
    stem = course_namespace(provider)
    if fmt == "jsonld":
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            out.problems.append(Problem.of("jsonld.not_json", {"why": str(exc)}, field="file"))
            return out
        except RecursionError:
            doc = None
        depth = get_settings().max_jsonld_depth
        if doc is None or _depth(doc, depth) > depth:
            out.problems.append(Problem.of("jsonld.too_deep", {"depth": depth}, field="file"))
            return out
        doc = _inline_contexts(doc, out.problems)
        if out.problems:
            return out
        data = json.dumps(doc).encode()
    rdf_format = ox.RdfFormat.JSON_LD if fmt == "jsonld" else ox.RdfFormat.TURTLE
    most = get_settings().max_upload_triples
    try:
        quads = list(islice(ox.parse(data, format=rdf_format, base_iri=stem), most + 1))
    except SyntaxError as exc:
        out.problems.append(Problem.of("rdf.unreadable", {"format": fmt, "why": str(exc)}, field="file"))
        return out
    if len(quads) > most:
        out.problems.append(Problem.of("rdf.too_many_triples", {"most": most}, field="file"))
        return out
    skolem: dict[str, URIRef] = {}
    upload = secrets.token_hex(4)

    def term(t: Any) -> Any:
        node = to_rdflib(t)
        if isinstance(node, BNode):  # blank nodes get names in the provider's namespace, unique per upload
            return skolem.setdefault(str(node), URIRef(f"{stem}_node/{upload}/{len(skolem) + 1}"))
        return node

    g = out.graph
    for q in quads:  # what it may say, and about what, is kg.services.ownership's check (in service.parse)
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    provider_iri = ns.ID[f"provider/{provider}"]
    if is_elm(g):  # ELM's own structure: read into our model, or refused naming what it cannot keep
        out.graph, elm_problems = from_elm(g, stem, provider_iri)
        out.problems += elm_problems
        g = out.graph
    for cls in (ELM.LearningOpportunity, SCHEMA.Course):
        for s in list(g.subjects(RDF.type, cls)):
            g.add((s, RDF.type, ns.DKK.CourseOffering))
    for course in sorted(set(g.subjects(RDF.type, ns.DKK.CourseOffering)), key=str):
        offered = set(g.objects(course, ns.DKK.offeredBy))
        if offered - {provider_iri}:
            out.problems.append(
                Problem.of(
                    "rdf.other_provider",
                    {"course": str(course), "offered": ", ".join(map(str, offered)), "provider": provider},
                    field="offeredBy",
                    course=str(course),
                )
            )
        g.add((course, ns.DKK.offeredBy, provider_iri))
        out.courses.append(URIRef(str(course)))
    _name_outcomes(g, out.courses, stem)
    _resolve_level_names(g, stem, book)
    if not out.courses and not out.problems:
        out.problems.append(Problem.of("rdf.no_course", field="file"))
    return out


def _name_outcomes(g: Graph, courses: list[URIRef], stem: str) -> None:
    """Blank-node outcomes become <course>/outcome/N, as CSV outcomes are, so that merges stay apart."""
    for course in courses:
        taken = {str(o) for o in g.objects(course, ns.DKK.hasOutcome)}
        n = 0
        for outcome in sorted(g.objects(course, ns.DKK.hasOutcome), key=str):
            if not str(outcome).startswith(stem + "_node/"):
                continue
            n += 1
            while f"{course}/outcome/{n}" in taken:
                n += 1
            new = URIRef(f"{course}/outcome/{n}")
            for p, o in list(g.predicate_objects(outcome)):
                g.remove((outcome, p, o))
                g.add((new, p, o))
            g.remove((course, ns.DKK.hasOutcome, outcome))
            g.add((course, ns.DKK.hasOutcome, new))


def _resolve_level_names(g: Graph, stem: str, book: CodeBook) -> None:
    """``"targetLevel": "Intermediate"`` becomes a relative IRI in our namespace: read it as a name."""
    for outcome, level in list(g.subject_objects(ns.DKK.targetLevel)):
        if isinstance(level, URIRef) and str(level).startswith(stem):
            competence = g.value(outcome, ns.DKK.teachesCompetence)
            name = str(level)[len(stem) :].replace("%20", " ")
            found = book.level(competence, name) if isinstance(competence, URIRef) else None
            if found is not None:
                g.remove((outcome, ns.DKK.targetLevel, level))
                g.add((outcome, ns.DKK.targetLevel, found))
