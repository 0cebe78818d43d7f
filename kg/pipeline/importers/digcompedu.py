"""DigCompEdu (JRC, 2017): 6 areas and 22 competences for educators (titles only).

The six A1-C2 proficiency stages and their role names (Newcomer ... Pioneer) are
those of the framework's publication; the source CSV does not carry them, so
they are stated here with the same source.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.core.namespaces import LICENCE_CC_BY_4, SHIPPED_DKK, SHIPPED_ID
from kg.pipeline.importers.common import (
    JRC,
    SchemeInfo,
    add_area,
    add_competence,
    add_level,
    add_scheme,
    new_graph,
    read_csv,
    year,
)

FRAMEWORK = SHIPPED_ID["digcompedu"]
SCALE = SHIPPED_ID["digcompedu/levels"]
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
    return SHIPPED_ID[f"digcompedu/{code}"]


def build(sources: Path) -> Graph:
    g = new_graph()
    for iri, label, rdf_type in (
        (
            FRAMEWORK,
            "DigCompEdu: European Framework for the Digital Competence of Educators",
            SHIPPED_DKK.CompetenceFramework,
        ),
        (SCALE, "DigCompEdu proficiency stages (A1-C2)", SHIPPED_DKK.ProficiencyScale),
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
                rights_da="Genbrug efter Europa-Kommissionens regler for genbrug (CC BY 4.0).",
            ),
        )
    g.add((FRAMEWORK, SHIPPED_DKK.hasProficiencyScale, SCALE))
    for rank, (code, name) in enumerate(STAGES, start=1):
        add_level(g, SHIPPED_ID[f"digcompedu/level/{code}"], SCALE, code, f"{code} {name}", rank, DOI)
    for row in read_csv(sources / CSV, ("area", "area_title", "code", "title", "source")):
        area = concept(row["area"].strip())
        add_area(g, area, FRAMEWORK, row["area"].strip(), row["area_title"])
        node = concept(row["code"].strip())
        add_competence(g, node, FRAMEWORK, area, row["code"].strip(), row["title"])
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
