"""Data honesty: every scheme sourced and licensed, examples marked, our translations marked as ours."""

from __future__ import annotations

from kg.core.namespaces import sparql_prologue
from kg.store import OxigraphStore, SelectResult


def select(store: OxigraphStore, query: str) -> list[dict]:
    res = store.query(sparql_prologue() + query)
    assert isinstance(res, SelectResult)
    return res.rows


def test_every_concept_scheme_is_sourced_versioned_and_licensed_or_rights_stated(
    store: OxigraphStore,
) -> None:
    schemes = select(store, "SELECT DISTINCT ?s WHERE { ?s a skos:ConceptScheme }")
    assert len(schemes) >= 20
    bad = select(
        store,
        """
        SELECT ?s WHERE {
          ?s a skos:ConceptScheme .
          FILTER NOT EXISTS { ?s dct:source ?src ; owl:versionInfo ?v }
          FILTER NOT EXISTS { ?s dct:license ?lic } FILTER NOT EXISTS { ?s dct:rights ?r }
        }""",
    )
    assert bad == []
    # a publisher's release carries the publisher's issue date
    undated = select(
        store,
        "SELECT ?s WHERE { ?s a skos:ConceptScheme ; dct:publisher ?p "
        "FILTER NOT EXISTS { ?s dct:issued ?d } }",
    )
    assert undated == []


def test_kl_is_not_named_publisher_of_our_compilation(store: OxigraphStore) -> None:
    """KL published web pages, not our compilation of them: its wheel names KL as creator, with no
    licence or issue date of ours, and says in its rights who compiled it (issue 16)."""
    kl = select(
        store,
        """
        SELECT ?s ?p WHERE { VALUES ?s { id:kl-wheel id:kl-underlying }
          ?s ?p ?o FILTER(?p IN (dct:publisher, dct:license, dct:issued)) }""",
    )
    assert kl == []
    creators = select(store, "SELECT ?s WHERE { ?s dct:creator <https://w3id.org/dkk/id/agent/kl> }")
    assert {str(r["s"]) for r in creators} >= {
        "https://w3id.org/dkk/id/kl-wheel",
        "https://w3id.org/dkk/id/kl-underlying",
    }
    rights = select(store, 'SELECT ?r WHERE { id:kl-wheel dct:rights ?r FILTER(LANG(?r) = "en") }')
    assert "KL has not published this compilation" in str(rights[0]["r"])


def test_a_publisher_is_named_only_for_what_it_published(store: OxigraphStore) -> None:
    """Every dct:publisher (but the project, of its own compilations) published one of the
    resource's sources: the same rule as dkksh:Publisher, asked of the built graph."""
    wrong = select(
        store,
        """
        SELECT ?s ?p WHERE {
          ?s dct:publisher ?p ; dct:source ?any .
          FILTER(?p != <https://w3id.org/dkk/id/agent/dkk-project>)
          FILTER NOT EXISTS { ?s dct:source ?p }
          FILTER NOT EXISTS { ?s dct:source ?doc . ?doc dct:publisher ?p }
        }""",
    )
    assert wrong == []
    published = select(
        store,
        "SELECT DISTINCT ?s WHERE { ?s dct:publisher <https://w3id.org/dkk/id/agent/jrc> ; dct:source ?d }",
    )
    assert len(published) >= 8  # DigComp 2.2, 3.0 and DigCompEdu with their scales


def test_kl_underlying_competences_carry_kls_own_danish_words(store: OxigraphStore) -> None:
    rows = select(
        store,
        """
        SELECT ?c ?l ?g WHERE { ?c skos:inScheme id:kl-underlying . GRAPH ?g { ?c skos:prefLabel ?l } }""",
    )
    danish = {str(r["l"]) for r in rows if r["l"].language == "da"}
    assert "Læse- og skrivefærdigheder" in danish and "Danskkundskaber" in danish
    assert {"Læsning og skrivning", "Dansk", "Kreativitet"}.isdisjoint(danish)  # our old back-translations
    graphs = {r["l"].language: str(r["g"]) for r in rows}
    assert graphs["da"] == "https://w3id.org/dkk/graph/kl-wheel"  # KL's words, in KL's graph
    assert graphs["en"] == "https://w3id.org/dkk/graph/translations-en"  # ours, marked proposed
    marked = select(
        store,
        """
        SELECT ?a WHERE { GRAPH ?g { ?g dkk:status dkk:Proposed ; prov:wasAttributedTo ?a } }
        VALUES ?g { <https://w3id.org/dkk/graph/translations-en> }""",
    )
    assert marked


def test_third_party_vocabularies_keep_their_licence(store: OxigraphStore) -> None:
    lic = {
        str(r["s"]): str(r["lic"])
        for r in select(store, "SELECT ?s ?lic WHERE { ?s a skos:ConceptScheme ; dct:license ?lic }")
    }
    assert lic["http://data.europa.eu/esco/concept-scheme/digcomp"].startswith("https://esco.ec.europa.eu/")
    assert lic["https://w3id.org/dkk/id/digcomp3"] == "https://creativecommons.org/licenses/by/4.0/"
    rights = select(
        store,
        "SELECT ?r WHERE { <http://data.europa.eu/esco/concept-scheme/digcomp> dct:rights ?r }",
    )
    said = {r["r"].language: str(r["r"]) for r in rights}  # ESCO's words, and ours in Danish
    assert "ESCO classification of the European Commission" in said["en"]
    assert "Europa-Kommissionens ESCO-klassifikation" in said["da"]


def test_example_data_is_in_its_own_marked_graphs(store: OxigraphStore) -> None:
    graphs = {
        str(r["g"]) for r in select(store, "SELECT ?g WHERE { GRAPH ?g { ?g dkk:status dkk:Example } }")
    }
    assert graphs == {
        "https://w3id.org/dkk/graph/examples/courses",
        "https://w3id.org/dkk/graph/examples/profiles",
    }
    # every resource those graphs describe (courses and their outcomes, profiles and their
    # requirements, providers, the municipality) is itself marked
    unmarked = select(
        store,
        """
        SELECT DISTINCT ?x WHERE {
          GRAPH ?g { ?g dkk:status dkk:Example . ?x ?p ?o }
          FILTER(?x != ?g)
          FILTER NOT EXISTS { GRAPH ?g { ?x dkk:status dkk:Example } }
        }""",
    )
    assert unmarked == []
    # and nothing outside them claims to be an example
    stray = select(
        store,
        """
        SELECT ?x WHERE { GRAPH ?g { ?x dkk:status dkk:Example }
          FILTER(!STRSTARTS(STR(?g), "https://w3id.org/dkk/graph/examples/")
                 && ?g != <https://w3id.org/dkk/graph/ontology>) }""",
    )
    assert stray == []


def test_real_resources_name_a_public_source(store: OxigraphStore) -> None:
    unsourced = select(
        store,
        """
        SELECT ?x WHERE {
          GRAPH ?g { ?x a ?c }
          VALUES ?c { dkk:BestPractice dkk:CitizenGroup dkk:Barrier dkk:Discipline dkk:CourseOffering
                      dkk:Competence dkk:CompetenceArea dkk:CompetenceStatement dkk:LearningOutcome }
          FILTER(!STRSTARTS(STR(?g), "https://w3id.org/dkk/graph/examples/"))
          FILTER NOT EXISTS { ?x dct:source ?s }
          FILTER NOT EXISTS { ?x skos:inScheme/dct:source ?s2 }
        }""",
    )
    assert unsourced == []


def test_danish_translations_of_english_only_titles_are_ours(store: OxigraphStore) -> None:
    # DigComp publishes English only: its Danish labels must all sit in our translations graph,
    # which is attributed to the project and marked as proposed.
    misplaced = select(
        store,
        """
        SELECT ?c ?g WHERE {
          GRAPH ?g { ?c skos:prefLabel ?l FILTER(LANG(?l) = "da") }
          ?c skos:inScheme ?s . ?s dct:language <http://id.loc.gov/vocabulary/iso639-1/en> ;
             dct:publisher ?pub .
          FILTER(?pub IN (<https://w3id.org/dkk/id/agent/jrc>, <https://w3id.org/dkk/id/agent/european-commission>))
          FILTER(?g != <https://w3id.org/dkk/graph/translations-da>)
        }""",
    )
    assert misplaced == []
    marked = select(
        store,
        """
        SELECT ?a WHERE { GRAPH <https://w3id.org/dkk/graph/translations-da> {
          <https://w3id.org/dkk/graph/translations-da> dkk:status dkk:Proposed ;
            prov:wasAttributedTo ?a } }""",
    )
    assert marked
    translated = select(
        store,
        """
        SELECT (COUNT(?c) AS ?n) WHERE { ?c a dkk:Competence ; skos:inScheme id:digcomp3 ;
          skos:prefLabel ?l FILTER(LANG(?l) = "da") }""",
    )
    assert int(translated[0]["n"]) == 21


def test_build_provenance_records_every_input_file(store: OxigraphStore) -> None:
    used = select(
        store,
        """
        SELECT ?f ?sum WHERE { GRAPH <https://w3id.org/dkk/graph/build> {
          ?b a prov:Activity ; prov:used ?f . ?f dct:identifier ?sum } }""",
    )
    assert len(used) >= 15
    assert all(str(r["sum"]).startswith("sha256:") for r in used)


def test_no_proposal_of_ours_makes_digcomp3_an_exact_match_of_esco(store: OxigraphStore) -> None:
    """ESCO aligned DigComp 2.2, not 3.0. Our 2.2 <-> 3.0 correspondence is a proposal: no exactMatch
    of it may chain (exactMatch is transitive) into a DigComp 3.0 = ESCO statement, asserted or inferred."""
    leaked = select(
        store,
        "SELECT ?a ?b WHERE { ?a skos:inScheme id:digcomp3 ; skos:exactMatch ?b . "
        'FILTER(STRSTARTS(STR(?b), "http://data.europa.eu/esco/")) }',
    )
    assert leaked == []


def test_digcomp_correspondence_says_where_scope_moved(store: OxigraphStore) -> None:
    """Entries 3.0 kept by title but rewrote are close, not exact; 3.0 widened Programming."""
    rows = select(
        store,
        """SELECT ?code ?p WHERE {
          GRAPH <https://w3id.org/dkk/graph/mappings/digcomp22-digcomp3> { ?a ?p ?b }
          ?a skos:notation ?code . ?b skos:inScheme id:digcomp3 ; skos:notation ?code .
        }""",
    )
    found = {str(r["code"]): str(r["p"]).rsplit("#", 1)[-1] for r in rows}
    assert found["2.2"] == found["2.3"] == "closeMatch"
    assert found["3.4"] == "broadMatch"
    assert "exactMatch" not in found.values()  # 3.0 rewrote every descriptor


def test_every_kl_sub_area_a_profile_requires_is_mapped_to_digcomp3(store: OxigraphStore) -> None:
    unmapped = select(
        store,
        """SELECT DISTINCT ?c WHERE {
          ?r dkk:competence ?c . ?c skos:inScheme id:kl-wheel .
          FILTER NOT EXISTS {
            GRAPH <https://w3id.org/dkk/graph/mappings/kl-wheel-digcomp3> { ?c ?p ?d }
            ?d skos:inScheme id:digcomp3 .
          }
        }""",
    )
    assert unmapped == []


def test_every_part_of_kls_wheel_is_described_in_our_words(store: OxigraphStore) -> None:
    """KL's pages describe each dimension and sub-area; we describe each in our own words, in Danish and
    English, in a graph marked as the project's proposal (never as KL's text)."""
    missing = select(
        store,
        """SELECT ?c WHERE {
          ?c skos:inScheme id:kl-wheel .
          FILTER NOT EXISTS {
            GRAPH <https://w3id.org/dkk/graph/kl-wheel-descriptions> { ?c dct:description ?da , ?en }
            FILTER(LANG(?da) = "da" && LANG(?en) = "en")
          }
        }""",
    )
    assert missing == []
    marked = select(
        store,
        "SELECT ?g WHERE { GRAPH ?g { ?g dkk:status dkk:Proposed ; prov:wasAttributedTo ?who } "
        "FILTER(?g = <https://w3id.org/dkk/graph/kl-wheel-descriptions>) }",
    )
    assert len(marked) == 1
