"""The site's frame (skip link, navigation, footer), the home and data pages, the notes on
example data, and error pages."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
    "skip": ("Skip to content", "Spring til indholdet"),
    "nav.label": ("Site", "Websted"),
    "nav.frameworks": ("Frameworks", "Referencerammer"),
    "nav.profiles": ("Profiles", "Profiler"),
    "nav.gap": ("Gap analysis", "Gabsanalyse"),
    "nav.providers": ("Course providers", "Uddannelsesudbydere"),
    "nav.practices": ("Best practice", "God praksis"),
    "nav.query": ("SPARQL query", "SPARQL-forespørgsel"),
    "nav.data": ("Data and downloads", "Data og download"),
    "footer.licence": (
        "Code: Apache-2.0. Our data: CC BY 4.0. DigComp, DigCompEdu and ESCO keep their own licences.",
        "Kode: Apache-2.0. Vores data: CC BY 4.0. DigComp, DigCompEdu og ESCO har deres egne licenser.",
    ),
    "footer.api": ("REST API documentation", "REST API-dokumentation"),
    "home.title": ("Digital competences in Danish municipalities", "Digitale kompetencer i danske kommuner"),
    "home.lead": (
        "A knowledge graph of the digital competences municipal staff need: KL's competence wheel, "
        "the EU's DigComp 2.2 and 3.0, DigCompEdu and ESCO, linked to each other, to competence "
        "profiles, to courses and to best practice.",
        "En vidensgraf over de digitale kompetencer, kommunale medarbejdere har brug for: KL's "
        "kompetencehjul, EU's DigComp 2.2 og 3.0, DigCompEdu og ESCO, koblet til hinanden, til "
        "kompetenceprofiler, til kurser og til god praksis.",
    ),
    "home.uses": ("What you can do here", "Det kan du her"),
    "home.profiles": (
        "See the competences a profession needs, and how a local profile differs from its base.",
        "Se de kompetencer, en faggruppe har brug for, og hvordan en lokal profil adskiller sig "
        "fra sin basis.",
    ),
    "home.gap": (
        "Compare current levels with a profile and get courses and practices that close the gaps.",
        "Sammenlign nuværende niveauer med en profil, og få kurser og praksis, der lukker hullerne.",
    ),
    "home.practices": (
        "Learn from what municipalities do for their staff and for citizens' digital readiness.",
        "Lær af det, kommuner gør for deres medarbejdere og for borgernes digitale parathed.",
    ),
    "home.providers": (
        "Upload a course catalogue, see every problem by row, and see what your courses cover.",
        "Upload et kursuskatalog, se hvert problem række for række, og se hvad jeres kurser dækker.",
    ),
    "home.query": (
        "Ask your own questions in SPARQL, starting from documented example queries.",
        "Stil dine egne spørgsmål i SPARQL med udgangspunkt i dokumenterede eksempler.",
    ),
    "home.data": (
        "Download the whole graph, and see its sources, licences and example data.",
        "Download hele grafen, og se dens kilder, licenser og eksempeldata.",
    ),
    "example.badge": ("Example", "Eksempel"),
    "example.title": (
        "Made-up example data, not from KL, the EU, a municipality or a provider",
        "Opdigtede eksempeldata, ikke fra KL, EU, en kommune eller en udbyder",
    ),
    "example.note": (
        "Items marked Example are made-up example data (dkk:status dkk:Example, in graphs under "
        "/graph/examples/). They show how the graph is used; they are not KL's, the EU's, a "
        "municipality's or a provider's.",
        "Det, der er markeret Eksempel, er opdigtede eksempeldata (dkk:status dkk:Example, i grafer "
        "under /graph/examples/). De viser, hvordan grafen bruges; de er ikke KL's, EU's, en kommunes "
        "eller en udbyders.",
    ),
    "data.lead": ("{n} triples in {g} named graphs.", "{n} tripler i {g} navngivne grafer."),
    "data.download": ("Download the graph", "Hent grafen"),
    "data.dataset": ("Dataset description", "Beskrivelse af datasættet"),
    "data.ontology": ("Ontology", "Ontologi"),
    "data.shapes": ("SHACL shapes", "SHACL-former"),
    "data.mappings": ("Mapping sets (SSSOM)", "Koblingssæt (SSSOM)"),
    "data.queries": ("Example research queries", "Eksempler på forskningsforespørgsler"),
    "data.apis": ("Programming interfaces", "Programmeringsgrænseflader"),
    "data.sparql": ("read-only, bounded in time and size", "skrivebeskyttet, begrænset i tid og størrelse"),
    "data.iris": (
        "Every IRI under https://w3id.org/dkk/ opens here as a page, or as RDF by content negotiation.",
        "Alle IRI'er under https://w3id.org/dkk/ åbner her som en side eller som RDF via "
        "content negotiation.",
    ),
    "data.iris.example": ("For example:", "For eksempel:"),
    "data.examples": ("Example data", "Eksempeldata"),
    "data.graphs": ("Named graphs", "Navngivne grafer"),
    "data.graph": ("Graph", "Graf"),
    "data.triples": ("Triples", "Tripler"),
    "graphs.content": ("Content", "Indhold"),
    "graphs.made_by": ("Made by", "Ophav"),
    "graphs.terms": ("Licence or rights", "Licens eller rettigheder"),
    "graphs.sources": ("Sources", "Kilder"),
    "graphs.proposed": ("our proposal", "vores forslag"),
    "graphs.more": ("and {n} more", "og {n} mere"),
    "graphs.none": ("none: made-up example data", "ingen: opdigtede eksempeldata"),
    "data.licences": ("Sources and licences", "Kilder og licenser"),
    "data.licences.text": (
        "Every fact names its public source (dct:source), and each graph its terms (the table above). "
        "Our data is CC BY 4.0; DigComp and DigCompEdu are © European Union (CC BY 4.0); ESCO is used "
        "under the ESCO licence; the names and structure of KL's competence wheel are KL's.",
        "Hvert faktum angiver sin offentlige kilde (dct:source), og hver graf sine vilkår (tabellen "
        "ovenfor). Vores data er CC BY 4.0; DigComp og DigCompEdu er © Den Europæiske Union (CC BY 4.0); "
        "ESCO bruges under ESCO-licensen; navnene og opbygningen i KL's kompetencehjul er KL's.",
    ),
    "docs.unavailable": (
        "The interactive documentation needs Swagger UI, which `make` installs with npm; npm was not "
        "found. The OpenAPI description is here:",
        "Den interaktive dokumentation kræver Swagger UI, som `make` installerer med npm; npm blev ikke "
        "fundet. OpenAPI-beskrivelsen er her:",
    ),
    "problem.field": ("Field", "Felt"),
    "problem.status": ("HTTP status", "HTTP-status"),
    "problem.home": ("Back to the home page", "Tilbage til forsiden"),
    "unavailable.title": ("The graph is not built yet", "Grafen er ikke bygget endnu"),
    "unavailable.text": (
        "Run `make run` (or `dkk build`) and reload this page.",
        "Kør `make run` (eller `dkk build`), og genindlæs siden.",
    ),
}
