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
    "dataset.releases": ("Frozen releases to cite:", "Frosne udgaver at henvise til:"),
    "releases.title": ("Releases", "Udgaver"),
    "releases.lead": (
        "Each release freezes the public knowledge graph: its files never change, so a release's address "
        "can be cited. Contributions from providers and municipalities are not part of a release.",
        "Hver udgave fryser den offentlige vidensgraf: dens filer ændres aldrig, så man kan henvise til "
        "udgavens adresse. Bidrag fra udbydere og kommuner indgår ikke i en udgave.",
    ),
    "releases.none": ("No release yet.", "Ingen udgaver endnu."),
    "releases.release": ("Release {version}", "Udgave {version}"),
    "releases.version": ("Version", "Version"),
    "releases.issued": ("Issued", "Udgivet"),
    "releases.previous": ("Previous release", "Forrige udgave"),
    "releases.first": ("none: the first release", "ingen: den første udgave"),
    "releases.first.note": (
        "The first release: everything in it is new, so only the numbers are listed.",
        "Den første udgave: alt i den er nyt, så kun antallene er vist.",
    ),
    "releases.cite": (
        "Cite the release by its IRI above; the files and their SHA-256 sums below never change.",
        "Henvis til udgaven med dens IRI ovenfor; filerne og deres SHA-256-summer nedenfor ændres aldrig.",
    ),
    "releases.files": ("Files", "Filer"),
    "releases.file": ("File", "Fil"),
    "releases.bytes": ("Bytes", "Byte"),
    "releases.check": ("To check the downloads:", "Sådan kontrollerer du filerne:"),
    "releases.changes": ("Changes", "Ændringer"),
    "releases.added": ("Added", "Tilføjet"),
    "releases.removed": ("Removed", "Fjernet"),
    "releases.changed": ("Changed", "Ændret"),
    "releases.part.concepts": ("Concepts", "Begreber"),
    "releases.part.labels": ("Labels", "Navne"),
    "releases.part.mappings": ("Mappings", "Koblinger"),
    "releases.part.profiles": ("Profiles", "Profiler"),
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
