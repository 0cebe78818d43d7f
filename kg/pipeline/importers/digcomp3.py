"""DigComp 3.0 (JRC, Nov 2025): areas, competences, levels, statements, outcomes, glossary.

Input: the CSV exports of the JRC's DigComp 3.0 Data Supplement
(``digcomp3/digcomp3_[1-5]_*.csv``). The proficiency-level sheet maps each of
the 4 levels to the 8 levels of DigComp 2.1/2.2 and to a six-step A1-C2 scale;
we keep both alignments as SKOS mapping triples between the scales.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.core.namespaces import LICENCE_CC_BY_4, SHIPPED_DKK, SHIPPED_ID
from kg.pipeline.importers import digcomp22
from kg.pipeline.importers.common import (
    JRC,
    SchemeInfo,
    add_area,
    add_competence,
    add_level,
    add_scheme,
    clean,
    date,
    new_graph,
    read_csv,
    slug,
)

FRAMEWORK = SHIPPED_ID["digcomp3"]
SCALE = SHIPPED_ID["digcomp3/levels"]
SIX_SCALE = SHIPPED_ID["digcomp3/six-levels"]
GLOSSARY = SHIPPED_ID["digcomp3/glossary"]
DOI = "https://doi.org/10.2760/0001149"
CITATION = (
    "European Commission, Joint Research Centre, DigComp 3.0: The Digital Competence Framework "
    "for Citizens, Data Supplement (24 November 2025), JRC144121, doi:10.2760/0001149."
)
ISSUED = "2025-11-24"

CSV_COMPETENCES = "digcomp3/digcomp3_1_competence_areas_and_competences.csv"
CSV_LEVELS = "digcomp3/digcomp3_2_proficiency_levels.csv"
CSV_STATEMENTS = "digcomp3/digcomp3_3_competence_statements.csv"
CSV_OUTCOMES = "digcomp3/digcomp3_4_learning_outcomes.csv"
CSV_GLOSSARY = "digcomp3/digcomp3_5_glossary.csv"

KSA = {"Knowledge": SHIPPED_DKK.Knowledge, "Skill": SHIPPED_DKK.Skill, "Attitude": SHIPPED_DKK.Attitude}
AI = {
    "AI-Explicit": SHIPPED_DKK.AiExplicit,
    "AI-Implicit": SHIPPED_DKK.AiImplicit,
    "AI not Implicit or Explicit": SHIPPED_DKK.AiNone,
}


def concept(code: str) -> URIRef:
    return SHIPPED_ID[f"digcomp3/{code}"]


def level(name: str) -> URIRef:
    return SHIPPED_ID[f"digcomp3/level/{slug(name)}"]


def six_level(code: str) -> URIRef:
    return SHIPPED_ID[f"digcomp3/six-level/{code}"]


def _scheme(g: Graph, iri: URIRef, label: str, rdf_type: URIRef) -> None:
    add_scheme(
        g,
        SchemeInfo(
            iri=iri,
            rdf_type=rdf_type,
            labels={"en": label},
            sources=(DOI,),
            licence=LICENCE_CC_BY_4,
            issued=date(ISSUED),
            version="3.0",
            language="en",
            publisher=JRC,
            citation=CITATION,
        ),
    )


def build(sources: Path) -> Graph:
    g = new_graph()
    _scheme(
        g,
        FRAMEWORK,
        "DigComp 3.0: The Digital Competence Framework for Citizens",
        SHIPPED_DKK.CompetenceFramework,
    )
    g.add((FRAMEWORK, SHIPPED_DKK.hasProficiencyScale, SCALE))
    _scheme(g, SCALE, "DigComp 3.0 proficiency levels (4)", SHIPPED_DKK.ProficiencyScale)
    _scheme(g, SIX_SCALE, "DigComp 3.0 six-level mapping (A1-C2)", SHIPPED_DKK.ProficiencyScale)
    _scheme(g, GLOSSARY, "DigComp 3.0 glossary", SKOS.ConceptScheme)
    levels = _levels(g, sources / CSV_LEVELS)
    _competences(g, sources / CSV_COMPETENCES)
    _statements(g, sources / CSV_STATEMENTS, levels)
    _outcomes(g, sources / CSV_OUTCOMES, levels)
    _glossary(g, sources / CSV_GLOSSARY)
    return g


def _levels(g: Graph, path: Path) -> dict[str, URIRef]:
    """The 4 levels, the 6 A1-C2 steps, and their alignment to the 8 levels of 2.1/2.2."""
    levels: dict[str, URIRef] = {}
    six_seen: set[str] = set()
    for row in read_csv(path, ("Proficiency level name", "Eight level mapping", "Six level mapping")):
        name = row["Proficiency level name"].strip()
        node = levels.get(name)
        if node is None:
            node = levels[name] = level(name)
            add_level(g, node, SCALE, name, name, len(levels), DOI)
            g.add(
                (
                    node,
                    SKOS.definition,
                    Literal(clean(row["Four level proficiency level description"]), lang="en"),
                )
            )
            g.add((node, SHIPPED_DKK.purpose, Literal(clean(row["Purpose"]), lang="en")))
        eight = digcomp22.level(int(row["Eight level mapping"]))
        six_code = row["Six level mapping"].strip()
        six = six_level(six_code)
        if six_code not in six_seen:
            six_seen.add(six_code)
            add_level(g, six, SIX_SCALE, six_code, six_code, len(six_seen), DOI)
        # Each 4-level step spans two of the 8 levels; each 8-level step falls in one A1-C2 step.
        g.add((node, SKOS.narrowMatch, eight))
        g.add((node, SKOS.narrowMatch, six))
        g.add((eight, SKOS.broadMatch, six))
        note = clean(row["Eight level proficiency level description"])
        g.add((eight, SKOS.scopeNote, Literal(note, lang="en")))
    return levels


def _competences(g: Graph, path: Path) -> None:
    for row in read_csv(path, ("Competence area number", "Competence number", "Competence name")):
        area_code = row["Competence area number"].strip()
        area = concept(area_code)
        add_area(
            g, area, FRAMEWORK, area_code, row["Competence area name"], row["Competence area descriptor"]
        )
        code = row["Competence number"].strip()
        add_competence(
            g, concept(code), FRAMEWORK, area, code, row["Competence name"], row["Competence descriptor"]
        )


def _statement_like(
    g: Graph,
    node: URIRef,
    cls: URIRef,
    row_id: str,
    text: str,
    competence: str,
    lvl: URIRef,
    ai: str,
) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.notation, Literal(row_id)))
    g.add((node, RDFS.label, Literal(clean(text), lang="en")))
    g.add((node, SHIPPED_DKK.competence, concept(competence)))
    g.add((node, SHIPPED_DKK.level, lvl))
    g.add((node, SHIPPED_DKK.aiLabel, AI[ai.strip()]))
    g.add((node, DCTERMS.source, URIRef(DOI)))


def _statements(g: Graph, path: Path, levels: dict[str, URIRef]) -> None:
    cols = ("Competence statement ID", "Competence statement", "Proficiency level name", "AI label")
    for row in read_csv(path, cols):
        sid = row["Competence statement ID"].strip()
        _statement_like(
            g,
            SHIPPED_ID[f"digcomp3/statement/{sid}"],
            SHIPPED_DKK.CompetenceStatement,
            sid,
            row["Competence statement"],
            row["Competence number"].strip(),
            levels[row["Proficiency level name"].strip()],
            row["AI label"],
        )


def _outcomes(g: Graph, path: Path, levels: dict[str, URIRef]) -> None:
    cols = (
        "Learning Outcome ID",
        "Learning Outcome",
        "Proficiency level",
        "Knowledge skill or attitude",
        "AI label",
    )
    for row in read_csv(path, cols):
        lid = row["Learning Outcome ID"].strip()
        node = SHIPPED_ID[f"digcomp3/outcome/{lid}"]
        _statement_like(
            g,
            node,
            SHIPPED_DKK.LearningOutcome,
            lid,
            row["Learning Outcome"],
            row["Competence number"].strip(),
            levels[row["Proficiency level"].strip()],
            row["AI label"],
        )
        g.add((node, SHIPPED_DKK.ksaType, KSA[row["Knowledge skill or attitude"].strip()]))


def _glossary(g: Graph, path: Path) -> None:
    for row in read_csv(path, ("Term", "Explanation")):
        term = clean(row["Term"])
        node = SHIPPED_ID[f"digcomp3/glossary/{slug(term)}"]
        g.add((node, RDF.type, SHIPPED_DKK.GlossaryTerm))
        g.add((node, SKOS.inScheme, GLOSSARY))
        g.add((node, SKOS.prefLabel, Literal(term, lang="en")))
        g.add((node, SKOS.definition, Literal(clean(row["Explanation"]), lang="en")))
