"""DigComp 2.2: 5 areas, 21 competences, the 8-level scale and ESCO's alignment.

Input: ``digcomp22/digcomp22_with_esco_v1.2.0.csv`` and
``digcomp22/digcomp_2.1_2.2_proficiency_levels.csv``. The ESCO columns give
ESCO's own DigComp concepts; we state them as ``skos:exactMatch`` because ESCO
v1.2.0 imported DigComp into its ``digcomp`` scheme one concept per competence.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.core.namespaces import LICENCE_CC_BY_4, SHIPPED_DKK, SHIPPED_ID
from kg.pipeline.importers.common import (
    JRC,
    SchemeInfo,
    add_area,
    add_competence,
    add_level,
    add_scheme,
    clean,
    new_graph,
    read_csv,
    year,
)

FRAMEWORK = SHIPPED_ID["digcomp22"]
SCALE = SHIPPED_ID["digcomp22/levels"]
DOI = "https://doi.org/10.2760/115376"
DOI_21 = "https://doi.org/10.2760/38842"
DINI_KIM = "https://github.com/dini-ag-kim/digComp"

CSV_COMPETENCES = "digcomp22/digcomp22_with_esco_v1.2.0.csv"
CSV_LEVELS = "digcomp22/digcomp_2.1_2.2_proficiency_levels.csv"


def concept(code: str) -> URIRef:
    return SHIPPED_ID[f"digcomp22/{code}"]


def level(rank: int | str) -> URIRef:
    return SHIPPED_ID[f"digcomp22/level/{rank}"]


def build(sources: Path) -> Graph:
    g = new_graph()
    add_scheme(
        g,
        SchemeInfo(
            iri=FRAMEWORK,
            rdf_type=SHIPPED_DKK.CompetenceFramework,
            labels={"en": "DigComp 2.2: The Digital Competence Framework for Citizens"},
            sources=(DOI, DINI_KIM),
            licence=LICENCE_CC_BY_4,
            issued=year(2022),
            version="2.2",
            language="en",
            publisher=JRC,
            citation=(
                "Vuorikari, R., Kluzer, S. and Punie, Y., DigComp 2.2: The Digital Competence "
                "Framework for Citizens, EUR 31006 EN, Publications Office of the European Union, "
                "Luxembourg, 2022, doi:10.2760/115376. Competence descriptors as in the DigComp 2.1 "
                "text transcribed by the DINI AG KIM draft SKOS (github.com/dini-ag-kim/digComp)."
            ),
        ),
    )
    g.add((FRAMEWORK, SHIPPED_DKK.hasProficiencyScale, SCALE))
    add_scheme(
        g,
        SchemeInfo(
            iri=SCALE,
            rdf_type=SHIPPED_DKK.ProficiencyScale,
            labels={"en": "DigComp 2.1/2.2 proficiency levels (8)"},
            sources=(DOI_21, DOI),
            licence=LICENCE_CC_BY_4,
            issued=year(2017),
            version="2.1",
            language="en",
            publisher=JRC,
            citation=(
                "Carretero, S., Vuorikari, R. and Punie, Y., DigComp 2.1: The Digital Competence "
                "Framework for Citizens with eight proficiency levels and examples of use, "
                "EUR 28558 EN, 2017, doi:10.2760/38842; levels as on its poster."
            ),
        ),
    )
    _levels(g, sources / CSV_LEVELS)
    _competences(g, sources / CSV_COMPETENCES)
    return g


def _levels(g: Graph, path: Path) -> None:
    for row in read_csv(path, ("level", "overall_level", "complexity_of_tasks", "autonomy")):
        rank = int(row["level"])
        node = level(rank)
        add_level(g, node, SCALE, str(rank), f"{row['overall_level']} {rank}", rank, DOI_21)
        g.add((node, SHIPPED_DKK.complexityOfTasks, Literal(clean(row["complexity_of_tasks"]), lang="en")))
        g.add((node, SHIPPED_DKK.autonomy, Literal(clean(row["autonomy"]), lang="en")))
        g.add((node, SHIPPED_DKK.cognitiveDomain, Literal(clean(row["cognitive_domain"]), lang="en")))


def _competences(g: Graph, path: Path) -> None:
    for row in read_csv(path, ("digcomp_code", "kind", "area_code", "title_en", "esco_uri")):
        code = row["digcomp_code"].strip()
        node = concept(code)
        descriptor = next((v for k, v in row.items() if k.startswith("descriptor_en")), "")
        if row["kind"] == "area":
            add_area(g, node, FRAMEWORK, code, row["title_en"], descriptor)
        else:
            add_competence(
                g, node, FRAMEWORK, concept(row["area_code"].strip()), code, row["title_en"], descriptor
            )
        if row.get("dini_kim_draft_iri", "").strip():
            g.add((node, RDFS.seeAlso, URIRef(row["dini_kim_draft_iri"].strip())))
