"""ELM 3.1 documents read into our course model (kg.services.courses.elm writes them): each opportunity
a course of the uploading provider, each outcome of its specification an outcome teaching the outcome's
skill at the level its note names. What a course here cannot keep is named in a refusal, never dropped.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD
from rdflib.term import Node

from kg.core import namespaces as ns
from kg.core.namespaces import ELM, SCHEMA
from kg.services.courses.elm import ADMS, AUTHORITY, ECTS, LANGUAGE_CODES, MODE_CONCEPTS
from kg.services.problems import Problem

# ELM terms read from an upload: on the opportunity, its specification and its outcomes. Anything else
# said of them is named in a refusal rather than dropped.
KEPT = {
    "opportunity": {
        RDF.type, DCTERMS.title, DCTERMS.description, FOAF.homepage, ELM.providedBy, ELM.defaultLanguage,
        ELM.learningAchievementSpecification, ELM.mode, DCTERMS.identifier,
        ADMS.identifier,
        ELM.additionalNote,
    },
    "specification": {
        RDF.type, DCTERMS.title, DCTERMS.description, DCTERMS.language, ELM.learningOutcome, ELM.mode,
        ELM.volumeOfLearning, ELM.creditPoint,
    },
    "outcome": {RDF.type, DCTERMS.title, ELM.relatedSkill, ELM.relatedESCOSkill, ELM.additionalNote},
}  # fmt: skip


def is_elm(g: Graph) -> bool:
    """Whether an upload speaks ELM's structure (an opportunity with a specification), not our terms."""
    return any(g.subjects(ELM.learningAchievementSpecification, None)) or any(
        g.subjects(RDF.type, ELM.LearningAchievementSpecification)
    )


def slug(iri: str) -> str:
    """A course id for an opportunity named outside the provider's namespace (urn:epass:lo:1 -> lo-1)."""
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", tail.split(":", 1)[-1] if tail.startswith("urn") else tail)
    return tail.strip("-.").lower() or "course"


def from_elm(g: Graph, stem: str, provider: URIRef) -> tuple[Graph, list[Problem]]:
    """Our model of the ELM courses in ``g``: each opportunity becomes a course in the provider's
    namespace (its own IRI kept as ``dct:identifier`` when it was elsewhere), each outcome of its
    specification an outcome teaching the outcome's skill at the level its note names."""
    out, problems = Graph(), []
    used: set[str] = set()
    for opportunity in sorted(set(g.subjects(RDF.type, ELM.LearningOpportunity)), key=str):
        if str(opportunity).startswith(stem + "_node/"):  # a blank node in the upload
            opportunity_id = f"course-{len(used) + 1}"
        elif str(opportunity).startswith(stem):
            opportunity_id = str(opportunity)[len(stem) :]
        else:
            opportunity_id = slug(str(opportunity))
            out.add((URIRef(stem + opportunity_id), DCTERMS.identifier, Literal(str(opportunity))))
        while opportunity_id in used:
            opportunity_id += "-1"
        used.add(opportunity_id)
        course = URIRef(stem + opportunity_id)
        problems += _unkept(g, opportunity, "opportunity", opportunity_id)
        problems += _course(g, out, opportunity, course, provider)
        for spec in g.objects(opportunity, ELM.learningAchievementSpecification):
            problems += _unkept(g, spec, "specification", opportunity_id)
            problems += _specification(g, out, spec, course)
            for n, outcome in enumerate(sorted(g.objects(spec, ELM.learningOutcome), key=str), start=1):
                problems += _unkept(g, outcome, "outcome", opportunity_id)
                ours = URIRef(f"{course}/outcome/{n}")
                problems += _outcome_in(g, out, outcome, ours, course, opportunity_id)
                if (course, ns.DKK.status, ns.DKK.Example) in out:
                    out.add((ours, ns.DKK.status, ns.DKK.Example))
    return out, problems


def _unkept(g: Graph, node: Node, role: str, course: str) -> list[Problem]:
    return [
        Problem.of(
            "elm.unkept",
            {"property": str(p), "node": str(node), "kept": ", ".join(sorted(_short(k) for k in KEPT[role]))},
            field=_short(p),
            course=course,
        )
        for p in sorted(set(g.predicates(node, None)) - KEPT[role], key=str)
    ]


def _short(p: Node) -> str:
    for prefix, space in (("elm", ELM), ("dc", DCTERMS), ("foaf", FOAF), ("rdf", RDF)):
        if str(p).startswith(str(space)):
            return f"{prefix}:{str(p)[len(str(space)) :]}"
    return str(p)


def _cannot(what: str, value: Node, node: Node, course: str) -> Problem:
    """A value of a kept property that means something our model cannot say (a credit system other than
    ECTS, a mode or language outside the lists we read, a free-text note)."""
    return Problem.of(
        "elm.unkept_value",
        {"property": what, "value": str(value), "node": str(node)},
        field=what,
        course=course,
    )


def _course(g: Graph, out: Graph, opportunity: Node, course: URIRef, provider: URIRef) -> list[Problem]:
    problems = []
    cid = str(course).rsplit("/", 1)[-1]
    out.add((course, RDF.type, ns.DKK.CourseOffering))
    out.add((course, ns.DKK.offeredBy, provider))
    for identifier in g.objects(opportunity, ADMS.identifier):
        notation = g.value(identifier, SKOS.notation)
        if notation is not None:
            out.add((course, DCTERMS.identifier, Literal(str(notation))))
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.identifier):
        for value in g.objects(opportunity, p):
            out.add((course, p, value))
    for page in g.objects(opportunity, FOAF.homepage):
        url = g.value(page, ELM.contentUrl)
        if url is not None and str(url) != str(opportunity) and re.match(r"^https?://\S+$", str(url)):
            out.add((course, SCHEMA.url, URIRef(str(url))))
    for mode in g.objects(opportunity, ELM.mode):
        problems += _mode(out, course, mode, opportunity, cid)
    for note in g.objects(opportunity, ELM.additionalNote):
        if g.value(note, DCTERMS.subject) == ns.DKK.Example:
            out.add((course, ns.DKK.status, ns.DKK.Example))
        else:
            problems.append(_cannot("elm:additionalNote", note, opportunity, cid))
    return problems


def _mode(out: Graph, course: URIRef, mode: Node, node: Node, cid: str) -> list[Problem]:
    for name, concept in MODE_CONCEPTS.items():
        if mode == concept:
            out.set((course, ns.DKK.mode, ns.DKK[name]))
            return []
    return [_cannot("elm:mode", mode, node, cid)]


def _specification(g: Graph, out: Graph, spec: Node, course: URIRef) -> list[Problem]:
    problems = []
    cid = str(course).rsplit("/", 1)[-1]
    codes = {v: k for k, v in LANGUAGE_CODES.items()}
    for language in g.objects(spec, DCTERMS.language):
        code = codes.get(str(language).rsplit("/", 1)[-1]) if str(language).startswith(AUTHORITY) else None
        if code:
            out.add((course, SCHEMA.inLanguage, Literal(code)))
        else:
            problems.append(_cannot("dc:language", language, spec, cid))
    for volume in g.objects(spec, ELM.volumeOfLearning):
        out.add((course, ELM.volumeOfLearning, Literal(str(volume), datatype=XSD.duration)))
    for point in g.objects(spec, ELM.creditPoint):
        value = g.value(point, ELM.point)
        if g.value(point, ELM.framework) != ECTS or value is None:
            problems.append(_cannot("elm:creditPoint", g.value(point, ELM.framework) or point, spec, cid))
            continue
        credits = Literal(str(value).replace(",", "."), datatype=XSD.decimal)
        out.add((course, SCHEMA.numberOfCredits, credits))
    for mode in g.objects(spec, ELM.mode):
        problems += _mode(out, course, mode, spec, cid)
    for p in (DCTERMS.title, DCTERMS.description):  # the course's own, or else the specification's
        said = set(out.objects(course, p))
        for text in g.objects(spec, p):
            if not said:
                out.add((course, p, text))
            elif text not in said:
                problems.append(_cannot(f"dc:{p.rsplit('/', 1)[-1]}", text, spec, cid))
    return problems


def _outcome_in(
    g: Graph, out: Graph, outcome: Node, ours: URIRef, course: URIRef, course_id: str
) -> list[Problem]:
    skills = [*g.objects(outcome, ELM.relatedSkill), *g.objects(outcome, ELM.relatedESCOSkill)]
    notes = list(g.objects(outcome, ELM.additionalNote))
    levels: list[Node] = [level for note in notes if (level := g.value(note, DCTERMS.subject)) is not None]
    if len(levels) < len(notes):  # a note that names no level: free text our outcomes have no place for
        return [_cannot("elm:additionalNote", outcome, outcome, course_id)]
    if len(skills) != 1 or len(levels) > 1:
        return [
            Problem.of(
                "elm.outcome_shape",
                {"outcome": str(outcome), "skills": len(skills), "levels": len(levels)},
                field="elm:relatedSkill",
                course=course_id,
            )
        ]
    out.add((course, ns.DKK.hasOutcome, ours))
    out.add((ours, RDF.type, ns.DKK.CourseOutcome))
    out.add((ours, ns.DKK.teachesCompetence, skills[0]))
    if levels:
        out.add((ours, ns.DKK.targetLevel, levels[0]))
    for title in g.objects(outcome, DCTERMS.title):
        out.add((ours, DCTERMS.title, title))
    return []
