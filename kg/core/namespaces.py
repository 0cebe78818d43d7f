"""Namespaces and the IRIs we mint, in one place so no module spells them twice."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.core.settings import get_settings

# Our IRIs follow the configured base (DKK_BASE_IRI); the shipped Turtle is
# written with the default base and rewritten on load when it differs.
BASE = get_settings().base_iri
DKK = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ESCO = Namespace("http://data.europa.eu/esco/model#")
ESCO_SKILL = Namespace("http://data.europa.eu/esco/skill/")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
LANG = Namespace("http://id.loc.gov/vocabulary/iso639-1/")

LICENCE_CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_ESCO = "https://esco.ec.europa.eu/en/about-esco/data-science-and-esco/esco-licence"

INFERRED_GRAPH = GRAPH["inferred"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]

PREFIXES: dict[str, str] = {
    "dkk": str(DKK),
    "id": str(ID),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcat": str(DCAT),
    "void": str(VOID),
    "esco": str(ESCO),
    "elm": str(ELM),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sh": str(SH),
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, so templates stay short."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
