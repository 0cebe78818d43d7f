"""Course catalogues in the European Learning Model 3.1, both ways.

Our own course model is small (an offering, its outcomes, each teaching one competence at one level);
ELM says the same in its own structure: a ``LearningOpportunity`` provided by an ``Organisation``,
specified by a ``LearningAchievementSpecification`` whose ``learningOutcome``\\ s name their skills by
``relatedSkill`` (or ``relatedESCOSkill`` for ESCO's). ELM's outcome has no level, and the EU's
application profile (LOQ) closes its shape, so the target level travels the one way the profile leaves
open: an ``additionalNote`` whose ``dc:subject`` is the level concept. The export is ELM only (the
profile's shapes are closed: no term of ours on an ELM node), and passes LOQ with no violation; the
import reads the same structure back and keeps every competence and level, or names what it cannot
keep: nothing is dropped without a word.

The EU controlled vocabularies are used where ELM asks for them and we know the value: the Publications
Office's language and country lists, the EDC list of learning modes and the ECTS credit system.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from kg.core import namespaces as ns
from kg.core.namespaces import ELM, ESCO_SKILL, SCHEMA

ROV = Namespace("http://www.w3.org/ns/regorg#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGES = URIRef(AUTHORITY + "language")
COUNTRIES = URIRef(AUTHORITY + "country")
MODES = URIRef("http://data.europa.eu/snb/learning-assessment/25831c2")
CREDITS = URIRef("http://data.europa.eu/snb/education-credit/25831c2")
ECTS = URIRef("http://data.europa.eu/snb/education-credit/6fcec5c5af")
DENMARK = URIRef(AUTHORITY + "country/DNK")

# ISO 639-1 (what our courses say, schema:inLanguage) -> the EU language authority list's code.
LANGUAGE_CODES = {
    "da": "DAN", "en": "ENG", "de": "DEU", "sv": "SWE", "nb": "NOB", "nn": "NNO", "no": "NOR",
    "fr": "FRA", "es": "SPA", "it": "ITA", "nl": "NLD", "fi": "FIN", "is": "ISL", "pl": "POL",
    "uk": "UKR", "ar": "ARA", "tr": "TUR", "fo": "FAO", "kl": "KAL",
}  # fmt: skip
MODE_CONCEPTS = {  # the EDC "Mode of learning and assessment" list
    "Online": URIRef("http://data.europa.eu/snb/learning-assessment/920fbb3cbe"),
    "InPerson": URIRef("http://data.europa.eu/snb/learning-assessment/9191af2ed9"),
    "Blended": URIRef("http://data.europa.eu/snb/learning-assessment/e92d221e4d"),
}
MODE_LABELS = {"Online": "Online", "InPerson": "Presential", "Blended": "Blended"}
EXAMPLE_NOTE = {
    "da": "Eksempeldata: et opdigtet kursus fra en opdigtet udbyder.",
    "en": "Example data: a made-up course from a made-up provider.",
}
ELM_PREFIXES = {"elm": ELM, "dc": DCTERMS, "skos": SKOS, "foaf": FOAF, "rov": ROV, "adms": ADMS, "xsd": XSD}
LEVEL_NOTE = {"da": "Målniveau: {level}", "en": "Target level: {level}"}


def elm_context() -> dict[str, Any]:
    """The JSON-LD context our ELM documents carry inline: ELM's own names for its terms."""
    return {
        "@version": 1.1,
        "elm": str(ELM),
        "dc": str(DCTERMS),
        "skos": str(SKOS),
        "foaf": str(FOAF),
        "rov": str(ROV),
        "xsd": str(XSD),
        "id": "@id",
        "type": "@type",
        **{
            name: f"elm:{name}"
            for name in (
                "LearningOpportunity",
                "LearningAchievementSpecification",
                "LearningOutcome",
                "Organisation",
                "Location",
                "Address",
                "WebResource",
                "Note",
                "CreditPoint",
            )
        },
        "Location": "dc:Location",
        "Concept": "skos:Concept",
        "ConceptScheme": "skos:ConceptScheme",
        "title": {"@id": "dc:title", "@container": "@language"},
        "description": {"@id": "dc:description", "@container": "@language"},
        "legalName": {"@id": "rov:legalName", "@container": "@language"},
        "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
        "noteLiteral": {"@id": "elm:noteLiteral", "@container": "@language"},
        "notation": "skos:notation",
        "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
        "subject": {"@id": "dc:subject", "@type": "@id"},
        "language": {"@id": "dc:language", "@type": "@id"},
        "contentUrl": {"@id": "elm:contentUrl", "@type": "xsd:anyURI"},
        "volumeOfLearning": {"@id": "elm:volumeOfLearning", "@type": "xsd:duration"},
        "point": "elm:point",
        **{
            name: {"@id": f"elm:{name}", "@type": "@id"}
            for name in (
                "providedBy",
                "learningAchievementSpecification",
                "learningOutcome",
                "relatedSkill",
                "relatedESCOSkill",
                "defaultLanguage",
                "mode",
                "location",
                "address",
                "countryCode",
                "additionalNote",
                "creditPoint",
                "framework",
            )
        },
        "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    }


# ---------------------------------------------------------------------------------------------- export


def _node(owner: URIRef, *names: object) -> URIRef:
    """The IRI of a part of ``owner`` (its homepage, a note): a fragment, named by what it is, so that the
    same catalogue exports the same document, and a reader never has to match blank nodes."""
    return URIRef(f"{owner}#" + "-".join(str(n) for n in names))


def to_elm(
    ours: Graph,
    provider: URIRef,
    provider_names: Iterable[Literal],
    labels: Mapping[str, Mapping[str, str]],
) -> Graph:
    """The ELM 3.1 graph of the courses in ``ours`` (our model: offerings, outcomes); ``labels`` names
    the competences and levels they teach (concept -> language -> label)."""
    g = Graph()
    for prefix, space in ELM_PREFIXES.items():
        g.bind(prefix, space, override=True, replace=True)
    _organisation(g, provider, provider_names)
    for course in sorted(set(ours.subjects(RDF.type, ns.DKK.CourseOffering)), key=str):
        if isinstance(course, URIRef):
            _opportunity(g, ours, course, provider, labels)
    return g


def _concept(g: Graph, iri: URIRef, scheme: URIRef | None, labels: Mapping[str, str] | None = None) -> None:
    """A value ELM wants as a ``skos:Concept`` of a controlled list: typed, in its scheme, labelled."""
    g.add((iri, RDF.type, SKOS.Concept))
    if scheme is not None:
        g.add((iri, SKOS.inScheme, scheme))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang, label in sorted((labels or {}).items()):
        if lang:
            g.add((iri, SKOS.prefLabel, Literal(label, lang=lang)))


def _organisation(g: Graph, provider: URIRef, names: Iterable[Literal]) -> None:
    g.add((provider, RDF.type, ELM.Organisation))
    for name in names:
        g.add((provider, ROV.legalName, Literal(str(name), lang=name.language or "da")))
    # LOQ asks every organisation for a location with an address in a country. Providers on this
    # platform serve Danish municipalities and register no address: Denmark is the one country we say.
    location, address = _node(provider, "location"), _node(provider, "address")
    g.add((provider, ELM.location, location))
    g.add((location, RDF.type, DCTERMS.Location))
    g.add((location, ELM.address, address))
    g.add((address, RDF.type, ELM.Address))
    g.add((address, ELM.countryCode, DENMARK))
    _concept(g, DENMARK, COUNTRIES, {"en": "Denmark", "da": "Danmark"})


def language_concept(code: str) -> URIRef | None:
    found = LANGUAGE_CODES.get(code.lower().split("-")[0])
    return URIRef(f"{AUTHORITY}language/{found}") if found else None


def _opportunity(
    g: Graph, ours: Graph, course: URIRef, provider: URIRef, labels: Mapping[str, Mapping[str, str]]
) -> None:
    spec = URIRef(f"{course}#specification")
    g.add((course, RDF.type, ELM.LearningOpportunity))
    g.add((spec, RDF.type, ELM.LearningAchievementSpecification))
    g.add((course, ELM.providedBy, provider))
    g.add((course, ELM.learningAchievementSpecification, spec))
    titles = [t for t in ours.objects(course, DCTERMS.title) if isinstance(t, Literal)]
    for p in (DCTERMS.title, DCTERMS.description):
        for text in ours.objects(course, p):
            tagged = Literal(str(text), lang=getattr(text, "language", None) or "da")
            g.add((course, p, tagged))
            g.add((spec, p, tagged))
    page = _node(course, "homepage")  # LOQ wants one: the provider's page for the course, else its IRI
    g.add((course, FOAF.homepage, page))
    g.add((page, RDF.type, ELM.WebResource))
    url = ours.value(course, SCHEMA.url) or course
    g.add((page, ELM.contentUrl, Literal(str(url), datatype=XSD.anyURI)))
    spoken = [str(v) for v in ours.objects(course, SCHEMA.inLanguage)]
    written = [t.language for t in titles if t.language]
    languages = [c for c in map(language_concept, spoken or written or ["da"]) if c is not None]
    for language in languages:
        _concept(g, language, LANGUAGES)
        g.add((spec, DCTERMS.language, language))
    first = spoken[0] if spoken else "da" if "da" in written or not written else written[0]
    default = language_concept(first)
    if default is not None:
        _concept(g, default, LANGUAGES)
        g.add((course, ELM.defaultLanguage, default))
    for mode in ours.objects(course, ns.DKK.mode):
        name = str(mode).rsplit("#", 1)[-1]
        if name in MODE_CONCEPTS:
            _concept(g, MODE_CONCEPTS[name], MODES, {"en": MODE_LABELS[name]})
            g.add((course, ELM.mode, MODE_CONCEPTS[name]))
            g.add((spec, ELM.mode, MODE_CONCEPTS[name]))
    for volume in ours.objects(course, ELM.volumeOfLearning):
        g.add((spec, ELM.volumeOfLearning, Literal(str(volume), datatype=XSD.duration)))
    for credits in ours.objects(course, SCHEMA.numberOfCredits):
        point = _node(course, "credits")
        g.add((spec, ELM.creditPoint, point))
        g.add((point, RDF.type, ELM.CreditPoint))
        g.add((point, ELM.framework, ECTS))
        g.add((point, ELM.point, Literal(str(credits), datatype=XSD.string)))
        _concept(g, ECTS, CREDITS, {"en": "European Credit Transfer and Accumulation System"})
    if (course, ns.DKK.status, ns.DKK.Example) in ours:  # said wherever it is shown, in ELM too
        note = _node(course, "example")
        g.add((course, ELM.additionalNote, note))
        g.add((note, RDF.type, ELM.Note))
        g.add((note, DCTERMS.subject, ns.DKK.Example))
        for lang, words in EXAMPLE_NOTE.items():
            g.add((note, ELM.noteLiteral, Literal(words, lang=lang)))
        _concept(g, ns.DKK.Example, None, {"da": "eksempeldata", "en": "example data"})
    for n, identifier in enumerate(sorted(map(str, ours.objects(course, DCTERMS.identifier))), start=1):
        node = _node(course, "identifier", n)  # (the opportunity's IRI where it came from: ELM's way)
        g.add((course, ADMS.identifier, node))
        g.add((node, RDF.type, ELM.Identifier))
        g.add((node, SKOS.notation, Literal(identifier)))
    for outcome in sorted(ours.objects(course, ns.DKK.hasOutcome), key=str):
        if isinstance(outcome, URIRef):
            _outcome(g, ours, spec, outcome, labels)


def _outcome(
    g: Graph, ours: Graph, spec: URIRef, outcome: URIRef, labels: Mapping[str, Mapping[str, str]]
) -> None:
    g.add((spec, ELM.learningOutcome, outcome))
    g.add((outcome, RDF.type, ELM.LearningOutcome))
    competence = ours.value(outcome, ns.DKK.teachesCompetence)
    level = ours.value(outcome, ns.DKK.targetLevel)
    if not isinstance(competence, URIRef):
        return
    named = labels.get(str(competence), {})
    level_names = labels.get(str(level), {}) if level is not None else {}
    esco = str(competence).startswith(str(ESCO_SKILL))
    g.add((outcome, ELM.relatedESCOSkill if esco else ELM.relatedSkill, competence))
    _concept(g, competence, None, named)
    for lang in [lang for lang in ("da", "en") if named.get(lang)] or ["en"]:  # (only what is said)
        name = named.get(lang) or named.get("") or str(competence)
        at = level_names.get(lang) or level_names.get("en")
        title = f"{name} ({LEVEL_NOTE[lang].format(level=at).lower()})" if at else name
        g.add((outcome, DCTERMS.title, Literal(title, lang=lang)))
    if isinstance(level, URIRef):
        note = _node(outcome, "level")
        g.add((outcome, ELM.additionalNote, note))
        g.add((note, RDF.type, ELM.Note))
        g.add((note, DCTERMS.subject, level))
        for lang, template in LEVEL_NOTE.items():
            at = level_names.get(lang) or level_names.get("en") or str(level)
            g.add((note, ELM.noteLiteral, Literal(template.format(level=at), lang=lang)))
        _concept(g, level, None, level_names)
