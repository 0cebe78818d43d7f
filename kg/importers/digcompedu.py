"""DigCompEdu (JRC, 2017): 6 areas and 22 competences for educators (titles only).

The six A1-C2 proficiency stages and their role names (Newcomer ... Pioneer) are
those of the framework's publication; the source CSV does not carry them, so
they are stated here with the same source.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ..namespaces import DKK, ID, LICENCE_CC_BY_4
from .common import JRC, SchemeInfo, add_scheme, clean, new_graph, read_csv, year

FRAMEWORK = ID["digcompedu"]
SCALE = ID["digcompedu/levels"]
DOI = "https://doi.org/10.2760/159770"
PAGE = "https://joint-research-centre.ec.europa.eu/digcompedu/digcompedu-framework_en"
CSV = "digcompedu/digcompedu_competences.csv"
CITATION = (
    "Redecker, C., European Framework for the Digital Competence of Educators: DigCompEdu, "
    "Punie, Y. (ed.), EUR 28775 EN, Publications Office of the European Union, Luxembourg, "
    "2017, doi:10.2760/159770."
)
STAGES = (
    ("A1", "Newcomer"),
    ("A2", "Explorer"),
    ("B1", "Integrator"),
    ("B2", "Expert"),
    ("C1", "Leader"),
    ("C2", "Pioneer"),
)


def concept(code: str) -> URIRef:
    return ID[f"digcompedu/{code}"]


def build(sources: Path) -> Graph:
    g = new_graph()
    for iri, label, rdf_type in (
        (
            FRAMEWORK,
            "DigCompEdu: European Framework for the Digital Competence of Educators",
            DKK.CompetenceFramework,
        ),
        (SCALE, "DigCompEdu proficiency stages (A1-C2)", DKK.ProficiencyScale),
    ):
        add_scheme(
            g,
            SchemeInfo(
                iri=iri,
                rdf_type=rdf_type,
                labels={"en": label},
                sources=(DOI, PAGE),
                licence=LICENCE_CC_BY_4,
                issued=year(2017),
                version="1.0",
                language="en",
                publisher=JRC,
                citation=CITATION,
                rights="Reuse under the European Commission's reuse policy (CC BY 4.0).",
            ),
        )
    g.add((FRAMEWORK, DKK.hasProficiencyScale, SCALE))
    for rank, (code, name) in enumerate(STAGES, start=1):
        node = ID[f"digcompedu/level/{code}"]
        g.add((node, RDF.type, DKK.ProficiencyLevel))
        g.add((node, SKOS.inScheme, SCALE))
        g.add((node, SKOS.notation, Literal(code)))
        g.add((node, SKOS.prefLabel, Literal(f"{code} {name}", lang="en")))
        g.add((node, DKK.rank, Literal(rank, datatype=XSD.positiveInteger)))
        g.add((node, DCTERMS.source, URIRef(DOI)))
    for row in read_csv(sources / CSV, ("area", "area_title", "code", "title", "source")):
        area = concept(row["area"].strip())
        if (area, RDF.type, DKK.CompetenceArea) not in g:
            g.add((area, RDF.type, DKK.CompetenceArea))
            g.add((area, SKOS.inScheme, FRAMEWORK))
            g.add((area, SKOS.topConceptOf, FRAMEWORK))
            g.add((FRAMEWORK, SKOS.hasTopConcept, area))
            g.add((area, SKOS.notation, Literal(row["area"].strip())))
            g.add((area, SKOS.prefLabel, Literal(clean(row["area_title"]), lang="en")))
        node = concept(row["code"].strip())
        g.add((node, RDF.type, DKK.Competence))
        g.add((node, SKOS.inScheme, FRAMEWORK))
        g.add((node, SKOS.broader, area))
        g.add((node, SKOS.notation, Literal(row["code"].strip())))
        g.add((node, SKOS.prefLabel, Literal(clean(row["title"]), lang="en")))
        if "NOT verified" in row["source"]:
            g.add(
                (
                    node,
                    SKOS.editorialNote,
                    Literal(
                        "The source lists this title from secondary pages; its numbering in areas 3-6 "
                        "is not yet verified against the JRC publication.",
                        lang="en",
                    ),
                )
            )
    return g
