"""What the shipped graph holds, counted by SPARQL on the built Oxigraph store."""

from __future__ import annotations

import pytest

from kg.core.namespaces import sparql_prologue
from kg.store import OxigraphStore, SelectResult


def count(store: OxigraphStore, where: str) -> int:
    res = store.query(sparql_prologue() + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    assert isinstance(res, SelectResult)
    return int(res.rows[0]["n"])


def rows(store: OxigraphStore, query: str) -> list[dict]:
    res = store.query(sparql_prologue() + query)
    assert isinstance(res, SelectResult)
    return res.rows


@pytest.mark.parametrize(
    "framework, areas, competences",
    [
        ("digcomp22", 5, 21),
        ("digcomp3", 5, 21),
        ("digcompedu", 6, 22),
        ("kl-wheel", 4, 9),
    ],
)
def test_framework_sizes(store: OxigraphStore, framework: str, areas: int, competences: int) -> None:
    fw = f"<https://w3id.org/dkk/id/{framework}>"
    assert count(store, f"?x a dkk:CompetenceArea ; skos:inScheme {fw}") == areas
    assert (
        count(
            store,
            f"?x a dkk:Competence ; skos:inScheme {fw} ; skos:broader ?a . ?a a dkk:CompetenceArea",
        )
        == competences
    )


@pytest.mark.parametrize("framework", ["digcomp22", "digcomp3"])
def test_digcomp_competences_have_descriptors(store: OxigraphStore, framework: str) -> None:
    fw = f"<https://w3id.org/dkk/id/{framework}>"
    assert (
        count(
            store,
            f"?x a dkk:Competence ; skos:inScheme {fw} ; skos:definition ?d . "
            "FILTER(LANG(?d) = 'en' && STRLEN(?d) > 40)",
        )
        == 21
    )


def test_digcomp22_levels(store: OxigraphStore) -> None:
    assert (
        count(
            store,
            "?x a dkk:ProficiencyLevel ; skos:inScheme id:digcomp22\\/levels ; dkk:rank ?r ; "
            "dkk:complexityOfTasks ?c ; dkk:autonomy ?a ; dkk:cognitiveDomain ?d",
        )
        == 8
    )
    ranks = rows(
        store,
        "SELECT ?r WHERE { ?l skos:inScheme id:digcomp22\\/levels ; dkk:rank ?r } ORDER BY ?r",
    )
    assert [int(r["r"]) for r in ranks] == list(range(1, 9))


def test_digcomp22_esco_exact_matches(store: OxigraphStore) -> None:
    esco = (
        "?x a dkk:Competence ; skos:inScheme id:digcomp22 ; skos:exactMatch ?e . "
        "FILTER(STRSTARTS(STR(?e), 'http://data.europa.eu/esco/skill/'))"
    )
    assert count(store, esco) == 20
    # 2.5 Netiquette is the one competence ESCO has no concept for
    assert (
        count(
            store,
            "id:digcomp22\\/2.5 skos:exactMatch ?x . "
            "FILTER(STRSTARTS(STR(?x), 'http://data.europa.eu/esco/'))",
        )
        == 0
    )
    # and every ESCO target is described in the ESCO graph
    assert (
        count(
            store,
            "GRAPH <https://w3id.org/dkk/graph/mappings/digcomp22-esco> { ?c skos:exactMatch ?x } "
            "GRAPH <https://w3id.org/dkk/graph/esco-digcomp> { ?x a esco:Skill ; "
            "skos:prefLabel ?l }",
        )
        == 25
    )


def test_digcomp3_levels_align_to_eight_and_six_steps(store: OxigraphStore) -> None:
    assert count(store, "?x a dkk:ProficiencyLevel ; skos:inScheme id:digcomp3\\/levels") == 4
    assert count(store, "?x a dkk:ProficiencyLevel ; skos:inScheme id:digcomp3\\/six-levels") == 6
    spans = rows(
        store,
        """
        SELECT ?name (COUNT(DISTINCT ?eight) AS ?n8) (COUNT(DISTINCT ?six) AS ?n6) WHERE {
          ?l skos:inScheme id:digcomp3\\/levels ; skos:notation ?name ;
             skos:narrowMatch ?eight , ?six .
          ?eight skos:inScheme id:digcomp22\\/levels . ?six skos:inScheme id:digcomp3\\/six-levels .
        } GROUP BY ?name""",
    )
    got = {str(r["name"]): (int(r["n8"]), int(r["n6"])) for r in spans}
    assert got == {
        "Basic": (2, 2),
        "Intermediate": (2, 2),
        "Advanced": (2, 1),
        "Highly advanced": (2, 1),
    }
    # every one of the 8 levels falls in exactly one A1-C2 step
    assert (
        count(
            store,
            "?x skos:inScheme id:digcomp22\\/levels ; skos:broadMatch ?s . "
            "?s skos:inScheme id:digcomp3\\/six-levels",
        )
        == 8
    )


def test_digcomp3_statements_outcomes_glossary(store: OxigraphStore) -> None:
    assert (
        count(
            store,
            "?x a dkk:CompetenceStatement ; dkk:level ?l ; dkk:aiLabel ?a ; "
            "dkk:competence ?c ; rdfs:label ?t",
        )
        == 362
    )
    assert (
        count(
            store,
            "?x a dkk:LearningOutcome ; dkk:level ?l ; dkk:aiLabel ?a ; dkk:ksaType ?k ; "
            "dkk:competence ?c ; rdfs:label ?t",
        )
        == 523
    )
    ksa = rows(
        store,
        "SELECT ?k (COUNT(?x) AS ?n) WHERE { ?x a dkk:LearningOutcome ; dkk:ksaType ?k } GROUP BY ?k",
    )
    assert {str(r["k"]).rsplit("#")[-1]: int(r["n"]) for r in ksa} == {
        "Knowledge": 217,
        "Skill": 199,
        "Attitude": 107,
    }
    assert count(store, "?x a dkk:GlossaryTerm ; skos:definition ?d") == 126


def test_digcomp_correspondence(store: OxigraphStore) -> None:
    q = """GRAPH <https://w3id.org/dkk/graph/mappings/digcomp22-digcomp3> { ?x ?p ?y }
           FILTER(?p IN (skos:exactMatch, skos:closeMatch, skos:broadMatch))"""
    assert count(store, q) == 26  # 5 areas + 21 competences, each matched by number
    # 3.0 rewrote every descriptor, so nothing is exact (tests/test_honesty.py has the reviewed ones)
    assert (
        count(
            store,
            "GRAPH <https://w3id.org/dkk/graph/mappings/digcomp22-digcomp3> { ?x skos:exactMatch ?y }",
        )
        == 0
    )
    # 2.5 Netiquette -> Digital behaviour is only close
    assert count(store, "id:digcomp22\\/2.5 skos:closeMatch id:digcomp3\\/2.5 . BIND(1 AS ?x)") == 1


def test_kl_wheel_is_sourced_and_not_guessed(store: OxigraphStore) -> None:
    per_dimension = rows(
        store,
        """
        SELECT ?dim (COUNT(?sub) AS ?n) WHERE {
          ?dim a dkk:CompetenceArea ; skos:inScheme id:kl-wheel .
          OPTIONAL { ?sub skos:broader ?dim }
        } GROUP BY ?dim""",
    )
    assert sorted(int(r["n"]) for r in per_dimension) == [1, 2, 3, 3]  # only confirmed sub-areas
    assert count(store, "?x skos:inScheme id:kl-wheel . FILTER NOT EXISTS { ?x dct:source ?s }") == 0
    assert count(store, "?x a dkk:Competence ; skos:inScheme id:kl-underlying") == 8


def test_organisation_inclusion_practices(store: OxigraphStore) -> None:
    assert count(store, "?x a dkk:Discipline") == 4
    assert count(store, "?x a dkk:OrganisationalLevel") == 3
    assert count(store, "?x a dkk:Role") == 2
    assert count(store, "?x a dkk:CitizenGroup") == 8
    assert count(store, "?x a dkk:Barrier") == 5
    assert count(store, "?x a dkk:BestPractice ; dct:source ?s ; dkk:municipality ?m") == 4


def test_example_catalogue_and_profiles(store: OxigraphStore) -> None:
    courses = "GRAPH <https://w3id.org/dkk/graph/examples/courses> { ?x a dkk:CourseOffering }"
    assert count(store, courses) >= 30
    assert count(store, "GRAPH <https://w3id.org/dkk/graph/examples/courses> { ?x a dkk:Provider }") == 3
    chain = rows(
        store,
        """
        SELECT ?p (COUNT(?base) AS ?depth) WHERE {
          ?p a dkk:CompetenceProfile ; dkk:derivedFrom+ ?base } GROUP BY ?p""",
    )
    assert sorted(int(r["depth"]) for r in chain) == [
        1,
        1,
        2,
    ]  # generic -> 2 disciplines -> 1 local
