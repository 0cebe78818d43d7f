"""The SPARQL the benchmark times: the REST questions as plain queries, and four research queries."""

from __future__ import annotations

from kg.core.settings import ROOT

QUERIES = {
    "competence-search": "SELECT ?c ?l WHERE { ?c a dkk:Competence ; skos:prefLabel ?l . "
    'FILTER(CONTAINS(LCASE(STR(?l)), "data")) }',
    "competence-detail": "SELECT ?p ?o WHERE { <https://w3id.org/dkk/id/digcomp3/4.2> ?p ?o }",
    "courses-for-competence": "SELECT ?course ?level WHERE { ?course dkk:hasOutcome ?o . "
    "?o dkk:teachesCompetence <https://w3id.org/dkk/id/digcomp3/4.2> ; dkk:targetLevel ?level }",
    "courses-for-profile": (
        "SELECT ?req (COUNT(DISTINCT ?course) AS ?n) WHERE { "
        "<https://w3id.org/dkk/id/example/profile/sosu> dkk:derivedFrom* ?p . ?p dkk:hasRequirement ?req . "
        "?req dkk:competence ?c ; dkk:requiredLevel ?l . ?l dkk:rank ?r . "
        "OPTIONAL { ?course dkk:hasOutcome ?o . ?o dkk:teachesCompetence ?c ; dkk:targetLevel ?tl . "
        "?tl dkk:rank ?tr . FILTER(?tr >= ?r) } } GROUP BY ?req"
    ),
    "profiles-per-discipline": (
        "SELECT ?base (COUNT(?p) AS ?n) WHERE { ?p dkk:derivedFrom ?base } GROUP BY ?base"
    ),
}
RESEARCH = (
    "02-courses-per-competence-area",
    "03-practices-for-digitally-vulnerable-citizens",
    "04-ai-labels-per-area",
    "08-level-crosswalk",
)


def queries() -> dict[str, str]:
    out = dict(QUERIES)
    for name in RESEARCH:
        out[name] = (ROOT / "queries" / f"{name}.rq").read_text()
    return out
