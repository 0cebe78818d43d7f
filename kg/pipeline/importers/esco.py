"""ESCO v1.2.0: the concepts of ESCO's DigComp collection (5 areas, 20 competences), and of its digital
skills collection (1,284 skills and knowledge concepts), each as its own scheme and graph.

We keep ESCO's IRIs and its English labels and descriptions, so that DigComp
concepts can point at them with ``skos:exactMatch`` and researchers can join on
ESCO. Only broader links inside the collection are kept: the others point at
concepts this graph does not describe.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.core.namespaces import ESCO, LICENCE_ESCO
from kg.pipeline.importers.common import EC, SchemeInfo, add_scheme, clean, new_graph, read_csv, year

SCHEME = URIRef("http://data.europa.eu/esco/concept-scheme/digcomp")
CSV = "esco-1.2.0/digCompSkillsCollection_en.csv"
# ESCO's "Digital" collection (conceptSchemes_en.csv names it; its own IRI, kept).
DIGITAL = URIRef("http://data.europa.eu/esco/concept-scheme/6c930acd-c104-4ece-acf7-f44fd7333036")
DIGITAL_CSV = "esco-1.2.0/digitalSkillsCollection_en.csv"
DOWNLOAD = "https://esco.ec.europa.eu/en/use-esco/download"
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
ATTRIBUTION_DA = "Denne tjeneste bruger Europa-Kommissionens ESCO-klassifikation."  # our translation
SKILL_TYPE = "http://data.europa.eu/esco/skill-type/"
REUSE_LEVEL = "http://data.europa.eu/esco/skill-reuse-level/"


def build(sources: Path) -> Graph:
    """ESCO's DigComp collection."""
    return _collection(sources / CSV, SCHEME, "ESCO DigComp collection")


def build_digital(sources: Path) -> Graph:
    """ESCO's digital skills collection: what providers' systems tag courses with."""
    return _collection(sources / DIGITAL_CSV, DIGITAL, "ESCO digital skills collection")


def _collection(csv: Path, scheme: URIRef, title: str) -> Graph:
    g = new_graph()
    add_scheme(
        g,
        SchemeInfo(
            iri=scheme,
            labels={"en": title},
            sources=(DOWNLOAD,),
            licence=LICENCE_ESCO,
            issued=year(2024),
            version="v1.2.0",
            language="en",
            publisher=EC,
            rights=ATTRIBUTION,
            rights_da=ATTRIBUTION_DA,
        ),
    )
    rows = list(read_csv(csv, ("conceptUri", "preferredLabel", "description")))
    members = {r["conceptUri"].strip() for r in rows}
    for row in rows:
        node = URIRef(row["conceptUri"].strip())
        g.add((node, RDF.type, ESCO.Skill))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.prefLabel, Literal(clean(row["preferredLabel"]), lang="en")))
        for alt in filter(None, (a.strip() for a in row.get("altLabels", "").split("|"))):
            g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        if clean(row["description"]):
            g.add((node, DCTERMS.description, Literal(clean(row["description"]), lang="en")))
        if row.get("skillType", "").strip():
            # ESCO's CSV says "skill/competence"; its skill-type IRI is .../skill.
            kind = row["skillType"].strip().split("/")[0]
            g.add((node, ESCO.skillType, URIRef(SKILL_TYPE + kind)))
        if row.get("reuseLevel", "").strip():
            g.add((node, ESCO.skillReuseLevel, URIRef(REUSE_LEVEL + row["reuseLevel"].strip())))
        g.add((node, DCTERMS.source, URIRef(DOWNLOAD)))
        for broader in (b.strip() for b in row.get("broaderConceptUri", "").split("|")):
            if broader in members:
                g.add((node, SKOS.broader, URIRef(broader)))
    return g
