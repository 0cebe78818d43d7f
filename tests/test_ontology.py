"""The ontology's own promises: versioned, licensed, bilingual, built on standard vocabularies."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.core.settings import ROOT
from kg.pipeline.loader import parse_turtle

DKK = "https://w3id.org/dkk/ontology#"
ONTOLOGY = URIRef("https://w3id.org/dkk/ontology")


@cache
def ontology() -> Graph:
    g = Graph()
    for f in sorted((ROOT / "ontology").glob("*.ttl")):
        g += parse_turtle(f)
    return g


def our_terms() -> list[URIRef]:
    g = ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(DKK)})


def test_ontology_header() -> None:
    g = ontology()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY, OWL.versionIRI) is not None
    assert g.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert list(g.objects(ONTOLOGY, DCTERMS.source))


@pytest.mark.parametrize("term", our_terms(), ids=lambda t: t.removeprefix(DKK))
def test_every_term_is_bilingual_and_defined_by_the_ontology(term: URIRef) -> None:
    g = ontology()
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in g  # which is what the SHACL shape targets
    for prop in (RDFS.label, SKOS.definition):
        langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
        assert {"da", "en"} <= langs, f"{term} {prop} has {langs}"


@pytest.mark.parametrize(
    "term, parent",
    [
        ("CompetenceFramework", SKOS.ConceptScheme),
        ("Competence", SKOS.Concept),
        ("LearningOutcome", URIRef("http://data.europa.eu/snb/model/elm/LearningOutcome")),
        ("CourseOffering", URIRef("http://data.europa.eu/snb/model/elm/LearningOpportunity")),
        ("CourseOffering", URIRef("https://schema.org/Course")),
        ("Municipality", URIRef("http://www.w3.org/ns/org#Organization")),
        ("Role", URIRef("http://www.w3.org/ns/org#Role")),
        ("CompetenceProfile", URIRef("http://www.w3.org/ns/prov#Entity")),
    ],
)
def test_our_classes_specialise_standard_ones(term: str, parent: URIRef) -> None:
    assert (URIRef(DKK + term), RDFS.subClassOf, parent) in ontology()
