"""Bad-data examples, one or more per shape: what users get wrong, and what they are told.

Each case adds Turtle to ``fixtures/minimal.ttl`` (which conforms) and names the
shapes that must fire and a piece of the English message each must show.
``test_shapes.py`` also checks that every constraint in the shapes graph is hit
by at least one case, so a new shape without a bad example fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """
@prefix dkk:    <https://w3id.org/dkk/ontology#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix elm:    <http://data.europa.eu/snb/model/elm/> .
@prefix ex:     <http://example.org/> .
"""

SCHEME_META = """
    dct:source <http://example.org/source> ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dct:issued "2024"^^xsd:gYear ;
    owl:versionInfo "1.0" ;
    dct:language <http://id.loc.gov/vocabulary/iso639-1/en> ;
"""


@dataclass(frozen=True)
class Case:
    name: str
    turtle: str
    expect: dict[str, str]  # shape local name -> a fragment of its English message


CASES: tuple[Case, ...] = (
    Case(
        "scheme without metadata",
        "ex:s a skos:ConceptScheme ; dct:license <http://a.example/1> , <http://a.example/2> ; "
        'dct:issued "last year" .',
        {
            "ConceptScheme-label": "needs a skos:prefLabel",
            "ConceptScheme-source": "must name its source with dct:source",
            "ConceptScheme-license": "at most one licence",
            "ConceptScheme-issued": "at most one issue date",
            "ConceptScheme-version": "needs one version",
            "ConceptScheme-language": "source language as one ISO 639-1 IRI",
        },
    ),
    Case(
        "scheme with neither licence nor rights, published with no date",
        'ex:s2 a skos:ConceptScheme ; skos:prefLabel "S2"@en ; dct:source <http://example.org/source> ; '
        'owl:versionInfo "1" ; dct:language <http://id.loc.gov/vocabulary/iso639-1/en> ; '
        "dct:publisher <http://example.org/source> .",
        {
            "ConceptScheme-terms": "a licence (dct:license) or",
            "ConceptScheme-published": "needs the publisher's issue date",
        },
    ),
    Case(
        "publisher of none of the sources",
        'ex:s3 a skos:ConceptScheme ; skos:prefLabel "S3"@en ; dct:source <http://example.org/page> ; '
        'dct:license <https://creativecommons.org/licenses/by/4.0/> ; dct:issued "2024"^^xsd:gYear ; '
        'owl:versionInfo "1" ; dct:language <http://id.loc.gov/vocabulary/iso639-1/en> ; '
        "dct:publisher ex:someoneElse . <http://example.org/page> dct:publisher ex:theAuthor .",
        {"Publisher": "published none of the resource's sources"},
    ),
    Case(
        "concept without label, in a missing scheme",
        "ex:x skos:inScheme ex:noSuchScheme .",
        {
            "SchemeMember-label": "language-tagged skos:prefLabel",
            "SchemeMember-scheme": "must point at a skos:ConceptScheme",
        },
    ),
    Case(
        "concept labelled only in another language than its source",
        "ex:c2 a dkk:Competence ; skos:inScheme ex:fw ; skos:broader ex:area ; "
        'skos:prefLabel "Kun dansk"@da .',
        {"SourceLanguage": "in the source's language (en)"},
    ),
    Case(
        "own term with an English label only",
        'ex:d a dkk:Discipline ; skos:prefLabel "Only English"@en .',
        {"OwnTerm-da": "need a Danish skos:prefLabel"},
    ),
    Case(
        "own term with a Danish label only",
        'ex:g a dkk:Barrier ; skos:prefLabel "Kun dansk"@da ; dct:source <http://example.org/s> .',
        {"OwnTerm-en": "need an English skos:prefLabel"},
    ),
    Case(
        "ontology property labelled in English only",
        'ex:p a owl:ObjectProperty ; rdfs:isDefinedBy ex:onto ; rdfs:label "p"@en ; skos:definition "d"@en .',
        {
            "OntologyTerm-label-da": "rdfs:label in Danish",
            "OntologyTerm-definition-da": "skos:definition in Danish",
        },
    ),
    Case(
        "ontology class labelled in Danish only",
        'ex:C a owl:Class ; rdfs:isDefinedBy ex:onto ; rdfs:label "k"@da ; skos:definition "d"@da .',
        {
            "OntologyTerm-label-en": "rdfs:label in English",
            "OntologyTerm-definition-en": "skos:definition in English",
        },
    ),
    Case(
        "framework with two scales and no publisher",
        f'ex:fw2 a dkk:CompetenceFramework ; skos:prefLabel "F2"@en ; {SCHEME_META} '
        "dkk:hasProficiencyScale ex:scale , ex:otherScale .",
        {
            "CompetenceFramework-scale": "at most one proficiency scale",
            "CompetenceFramework-publisher": "must name its publisher",
        },
    ),
    Case(
        "level with rank zero and a duplicate rank",
        'ex:level0 a dkk:ProficiencyLevel ; skos:inScheme ex:scale ; skos:prefLabel "Zero"@en ; '
        'dkk:rank "0"^^xsd:integer . '
        'ex:levelDup a dkk:ProficiencyLevel ; skos:inScheme ex:scale ; skos:prefLabel "Dup"@en ; '
        'dkk:rank "1"^^xsd:positiveInteger .',
        {
            "ProficiencyLevel-rank": "exactly one dkk:rank (a positive integer)",
            "ProficiencyLevel": "share rank 1",
        },
    ),
    Case(
        "level outside any scale",
        'ex:levelX a dkk:ProficiencyLevel ; dkk:rank "3"^^xsd:positiveInteger .',
        {"ProficiencyLevel-scale": "exactly one proficiency scale"},
    ),
    Case(
        "competence outside a framework, broader than a level",
        'ex:c3 a dkk:Competence ; skos:prefLabel "c"@en ; skos:broader ex:level1 .',
        {
            "Competence-framework": "exactly one competence framework",
            "Competence-broader": "must point at a competence area or another competence",
        },
    ),
    Case(
        "glossary term without explanation",
        "ex:term a dkk:GlossaryTerm .",
        {"GlossaryTerm-definition": "needs an explanation"},
    ),
    Case(
        "empty competence statement",
        "ex:st a dkk:CompetenceStatement .",
        {
            "Statement-notation": "exactly one identifier",
            "Statement-text": "its text as a language-tagged rdfs:label",
            "Statement-competence": "exactly one competence",
            "Statement-level": "exactly one level",
            "Statement-ai": "exactly one AI label",
            "Statement-source": "must name its source",
        },
    ),
    Case(
        "learning outcome with a wrong type",
        'ex:lo a dkk:LearningOutcome ; skos:notation "LO1" ; rdfs:label "Do it"@en ; '
        "dkk:competence ex:competence ; dkk:level ex:level1 ; dkk:aiLabel dkk:AiNone ; "
        "dct:source <http://example.org/s> ; dkk:ksaType dkk:Essential .",
        {"LearningOutcome-ksa": "exactly one type: dkk:Knowledge, dkk:Skill or dkk:Attitude"},
    ),
    Case(
        "statement at a level of another framework's scale",
        'ex:st2 a dkk:CompetenceStatement ; skos:notation "CS1" ; rdfs:label "Do it"@en ; '
        "dkk:competence ex:competence ; dkk:level ex:otherLevel ; dkk:aiLabel dkk:AiNone ; "
        "dct:source <http://example.org/s> .",
        {"LevelInScale": "is not on scale"},
    ),
    Case(
        "profile deriving from itself, two requirements for one competence",
        'ex:p a dkk:CompetenceProfile ; skos:prefLabel "P"@en ; dkk:status dkk:Example ; '
        "dkk:derivedFrom ex:p ; dkk:forDiscipline ex:competence ; "
        "dkk:forOrganisationalLevel ex:competence ; dkk:hasRequirement ex:r1 , ex:r2 , ex:competence . "
        "ex:r1 a dkk:Requirement ; dkk:competence ex:competence ; dkk:requiredLevel ex:level1 . "
        "ex:r2 a dkk:Requirement ; dkk:competence ex:competence ; dkk:requiredLevel ex:level2 .",
        {
            "CompetenceProfile": "derives (directly or indirectly) from itself",
            "CompetenceProfile-discipline": "must point at a discipline",
            "CompetenceProfile-orgLevel": "must point at an organisational level",
            "CompetenceProfile-requirement": "must point at a dkk:Requirement",
        },
    ),
    Case(
        "two requirements for the same competence",
        'ex:p5 a dkk:CompetenceProfile ; skos:prefLabel "P5"@en ; dkk:status dkk:Example ; '
        "dkk:hasRequirement ex:r51 , ex:r52 . "
        "ex:r51 a dkk:Requirement ; dkk:competence ex:competence ; dkk:requiredLevel ex:level1 . "
        "ex:r52 a dkk:Requirement ; dkk:competence ex:competence ; dkk:requiredLevel ex:level2 .",
        {"CompetenceProfile": "two requirements for the same competence"},
    ),
    Case(
        "profile with two bases and no name",
        "ex:p3 a dkk:CompetenceProfile ; dkk:status dkk:Example ; dkk:derivedFrom ex:p4 , ex:level1 . "
        'ex:p4 a dkk:CompetenceProfile ; skos:prefLabel "P4"@en ; dkk:status dkk:Example .',
        {
            "CompetenceProfile-label": "needs a name",
            "CompetenceProfile-derivedFrom": "at most one other profile",
        },
    ),
    Case(
        "requirement without a level, and an orphan requirement",
        'ex:p2 a dkk:CompetenceProfile ; skos:prefLabel "P2"@en ; dkk:status dkk:Example ; '
        "dkk:hasRequirement ex:r3 . "
        "ex:r3 a dkk:Requirement ; dkk:competence ex:competence ; dkk:importance dkk:Knowledge . "
        "ex:r4 a dkk:Requirement ; dkk:competence ex:level1 ; dkk:requiredLevel ex:level1 .",
        {
            "Requirement-level": "a requirement without a level is not valid",
            "Requirement-importance": "at most one importance",
            "Requirement-profile": "exactly one profile",
            "Requirement-competence": "exactly one competence or competence area",
        },
    ),
    Case(
        "team counts with no title, two profiles, no number, and fewer people than the minimum group",
        "ex:agg a dkk:TeamAggregate ; dkk:status dkk:Example ; dkk:aggregateOf ex:p4 , ex:level1 ; "
        'dkk:respondents "many" ; dkk:minimumGroup 5 . '
        'ex:agg2 a dkk:TeamAggregate ; rdfs:label "Lille"@da ; dkk:aggregateOf ex:p4 ; '
        "dkk:respondents 3 ; dkk:minimumGroup 5 . "
        'ex:p4 a dkk:CompetenceProfile ; skos:prefLabel "P4"@en ; dkk:status dkk:Example .',
        {
            "TeamAggregate-label": "public title",
            "TeamAggregate-profile": "exactly one profile",
            "TeamAggregate-respondents": "one integer",
            "TeamAggregate": "minimum group size",
        },
    ),
    Case(
        "practice with nothing but a type",
        "ex:bp a dkk:BestPractice ; dkk:addressesCompetence ex:level1 ; dkk:targetGroup ex:level1 .",
        {
            "BestPractice-label": "needs a name",
            "BestPractice-description": "must describe what was done",
            "BestPractice-source": "must name its public source",
            "BestPractice-municipality": "at least one municipality",
            "BestPractice-targetGroup": "a staff group or a citizen group",
            "BestPractice-track": "exactly one track",
            "BestPractice-competence": "must point at a competence or competence area",
        },
    ),
    Case(
        "citizen group without source, facing a non-barrier",
        'ex:cg a dkk:CitizenGroup ; skos:prefLabel "g"@da , "g"@en ; dkk:facesBarrier ex:competence .',
        {
            "CitizenGroup-source": "must name their source",
            "CitizenGroup-barrier": "must point at a barrier",
        },
    ),
    Case(
        "discipline linked to something that is not ESCO or ISCO",
        'ex:d2 a dkk:Discipline ; skos:prefLabel "d"@da , "d"@en ; '
        "skos:broadMatch <http://example.org/occupation/1> .",
        {"Discipline-occupation": "ESCO occupation or an ISCO group"},
    ),
    Case(
        "municipality without a name",
        "ex:m2 a dkk:Municipality ; dkk:status dkk:Example .",
        {"Organisation-label": "needs a name"},
    ),
    Case(
        "course with bad fields",
        "ex:co a dkk:CourseOffering ; dkk:status dkk:Example ; dkk:mode dkk:Essential ; "
        'elm:volumeOfLearning "14 hours" ; schema:inLanguage "Danish" ; dkk:hasOutcome ex:level1 .',
        {
            "CourseOffering-title": "needs a title",
            "CourseOffering-provider": "exactly one provider",
            "CourseOffering-mode": "learning mode (dkk:mode)",
            "CourseOffering-volume": "one xsd:duration",
            "CourseOffering-language": "language code",
            "CourseOffering-outcome": "must point at a dkk:CourseOutcome",
        },
    ),
    Case(
        "course outcome without competence or level",
        'ex:co2 a dkk:CourseOffering ; dkk:status dkk:Example ; dct:title "K"@da ; '
        "dkk:offeredBy ex:provider ; dkk:hasOutcome ex:out . ex:out a dkk:CourseOutcome .",
        {
            "CourseOutcome-competence": "must name exactly one competence",
            "CourseOutcome-level": "exactly one target level",
        },
    ),
    Case(
        "parts of example data left unmarked",
        'ex:co4 a dkk:CourseOffering ; dkk:status dkk:Example ; dct:title "K"@da ; '
        "dkk:offeredBy ex:provider ; dkk:hasOutcome ex:out4 . "
        "ex:out4 a dkk:CourseOutcome ; dkk:teachesCompetence ex:competence ; dkk:targetLevel ex:level1 . "
        'ex:p6 a dkk:CompetenceProfile ; skos:prefLabel "P6"@en ; dkk:status dkk:Example ; '
        "dkk:hasRequirement ex:r6 . "
        "ex:r6 a dkk:Requirement ; dkk:competence ex:competence ; dkk:requiredLevel ex:level1 .",
        {"ExamplePart": "must be marked as example too"},
    ),
    Case(
        "course neither sourced nor marked as example",
        'ex:co3 a dkk:CourseOffering ; dct:title "K"@da ; dkk:offeredBy ex:provider .',
        {"Provenance": "marked as example data"},
    ),
)
