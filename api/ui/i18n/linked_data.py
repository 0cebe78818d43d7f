"""The Linked Data views (a resource, a named graph, the ontology, the shapes), the dataset page, the
example queries and the SPARQL endpoint's own form."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
    "ld.also_as": ("Also as", "Også som"),
    "ld.example": (
        "Example data: made up to show how the graph is used; not from KL, the EU, a municipality or "
        "a provider.",
        "Eksempeldata: opdigtet for at vise, hvordan grafen bruges; ikke fra KL, EU, en kommune eller "
        "en udbyder.",
    ),
    "ld.readable": ("Open the readable page of this concept", "Åbn den læsevenlige side for begrebet"),
    "ld.property": ("property", "egenskab"),
    "ld.value": ("value", "værdi"),
    "ld.graph": ("graph", "graf"),
    "ld.linked_from": ("Linked from", "Linket fra"),
    "ld.ontology.title": ("DKK ontology", "DKK-ontologien"),
    "ld.ontology.lead": (
        "Classes, properties and controlled values of the DKK ontology.",
        "Klasser, egenskaber og kontrollerede værdier i DKK-ontologien.",
    ),
    "ld.shapes.title": ("DKK SHACL shapes", "DKK's SHACL-former"),
    "ld.shapes.lead": (
        "The SHACL shapes every piece of data is validated against.",
        "De SHACL-former, som alle data valideres mod.",
    ),
    "ld.graph.title": ("Graph {name}", "Grafen {name}"),
    "ld.graph.lead": (
        "{triples} triples about {resources} resources.",
        "{triples} tripler om {resources} ressourcer.",
    ),
    "ld.graph.more": ("… and {n} more.", "… og {n} flere."),
    "dataset.title": ("Dataset", "Datasæt"),
    "dataset.lead": (
        "Version {version}, built {built}; {triples} triples. Licence: CC BY 4.0 for our data; third-party "
        "vocabularies keep theirs (stated on each scheme).",
        "Version {version}, bygget {built}; {triples} tripler. Licens: CC BY 4.0 for vores data; andres "
        "vokabularer beholder deres egen (angivet ved hvert skema).",
    ),
    "dataset.downloads": ("Downloads", "Downloads"),
    "dataset.sparql": (
        "read-only SPARQL 1.1 Protocol, and the example research queries.",
        "skrivebeskyttet SPARQL 1.1-protokol, og eksemplerne på forskningsforespørgsler.",
    ),
    "dataset.graphs": ("Named graphs", "Navngivne grafer"),
    "dataset.triples": ("triples", "tripler"),
    "queries.title": ("Example research queries", "Eksempler på forskningsforespørgsler"),
    "queries.run": ("run (CSV)", "kør (CSV)"),
    "sparql.title": ("SPARQL endpoint", "SPARQL-endpoint"),
    "sparql.lead": (
        "Read-only SPARQL 1.1. The default graph is the union of all named graphs; the prefixes {prefixes} "
        "are predefined.",
        "Skrivebeskyttet SPARQL 1.1. Standardgrafen er foreningen af alle navngivne grafer; præfikserne "
        "{prefixes} er foruddefinerede.",
    ),
    "sparql.query": ("Query", "Forespørgsel"),
    "sparql.format": ("Format", "Format"),
    "sparql.run": ("Run", "Kør"),
}
