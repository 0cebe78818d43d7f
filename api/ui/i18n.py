"""The site's own words in Danish and English. Labels of concepts come from the graph, not from here.

One table, so a translator sees every string side by side; tests/test_ui.py checks that
every key a template uses is here in both languages.
"""

from __future__ import annotations

# key: (English, Danish). Placeholders in braces are filled by ``text(key, lang, **values)``.
STRINGS: dict[str, tuple[str, str]] = {
    "skip": ("Skip to content", "Spring til indholdet"),
    "nav.label": ("Site", "Websted"),
    "nav.frameworks": ("Frameworks", "Referencerammer"),
    "nav.profiles": ("Profiles", "Profiler"),
    "nav.gap": ("Gap analysis", "Gabsanalyse"),
    "nav.providers": ("Course providers", "Uddannelsesudbydere"),
    "nav.practices": ("Best practice", "God praksis"),
    "practices.lead": (
        "Named municipal practices from public sources, described in our own words: staff "
        "development, and citizens' digital readiness. Each links to its source.",
        "Navngivne kommunale praksisser fra offentlige kilder, beskrevet med vores egne ord: "
        "medarbejderudvikling og borgernes digitale parathed. Hver linker til sin kilde.",
    ),
    "practices.municipalities": ("Municipalities", "Kommuner"),
    "practices.groups": ("Aimed at", "Rettet mod"),
    "practices.competences": ("Competences", "Kompetencer"),
    "practices.source": ("Source", "Kilde"),
    "track.StaffDevelopment": ("Staff development", "Medarbejderudvikling"),
    "track.CitizenReadiness": ("Citizens' digital readiness", "Borgernes digitale parathed"),
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
    "search.heading": ("Search competences", "Søg i kompetencer"),
    "search.label": ("Search competences", "Søg i kompetencer"),
    "search.placeholder": ("e.g. data, sikkerhed, 4.2", "fx data, sikkerhed, 4.2"),
    "search.button": ("Search", "Søg"),
    "search.hint": (
        "Searches Danish and English labels, synonyms and numbers in every framework and ESCO. "
        "Results appear as you type.",
        "Søger i danske og engelske betegnelser, synonymer og numre i alle referencerammer og ESCO. "
        "Resultaterne vises, mens du skriver.",
    ),
    "search.short": ("Type at least two characters.", "Skriv mindst to tegn."),
    "search.count": ("{n} results for “{q}”", "{n} resultater for “{q}”"),
    "search.matched": ("matched", "fundet i"),
    "search.more": ("… and {n} more: narrow the search.", "… og {n} flere: gør søgningen mere præcis."),
    "fw.lead": (
        "Each framework as a tree of areas and competences. Arrows show the concepts of other "
        "frameworks a competence is mapped to.",
        "Hver referenceramme som et træ af områder og kompetencer. Pilene viser de begreber i andre "
        "referencerammer, en kompetence er koblet til.",
    ),
    "fw.concepts": ("{n} areas and competences", "{n} områder og kompetencer"),
    "fw.concepts.label": ("Areas and competences", "Områder og kompetencer"),
    "fw.version": ("Version", "Version"),
    "fw.publisher": ("Publisher", "Udgiver"),
    "fw.licence": ("Licence", "Licens"),
    "tree.open": ("Expand all", "Fold alle ud"),
    "tree.close": ("Collapse all", "Fold alle sammen"),
    "tree.label": ("Areas and competences", "Områder og kompetencer"),
    "tree.mapped": ("mapped to", "koblet til"),
    "concept.label.da": ("Danish", "Dansk"),
    "concept.label.en": ("English", "Engelsk"),
    "concept.type": ("Type", "Type"),
    "concept.definition": ("Definition", "Definition"),
    "concept.attribution": ("Source:", "Kilde:"),
    "concept.narrower": ("Competences in this area", "Kompetencer i dette område"),
    "concept.levels": ("Proficiency levels", "Færdighedsniveauer"),
    "concept.level": ("Level", "Niveau"),
    "concept.outcomes": ("Learning outcomes", "Læringsudbytter"),
    "concept.mappings": ("Mappings", "Koblinger"),
    "concept.no.mappings": (
        "No mappings to or from this concept.",
        "Ingen koblinger til eller fra dette begreb.",
    ),
    "concept.profiles": ("Profiles that require it", "Profiler, der kræver den"),
    "concept.no.profiles": ("No profile requires it.", "Ingen profil kræver den."),
    "concept.requires": ("requires", "kræver"),
    "concept.courses": ("Courses that teach it", "Kurser, der underviser i den"),
    "concept.no.courses": ("No course teaches it yet.", "Intet kursus underviser i den endnu."),
    "concept.teaches": ("level", "niveau"),
    "concept.practices": ("Practices that address it", "Praksis, der arbejder med den"),
    "concept.no.practices": ("No practice addresses it.", "Ingen praksis arbejder med den."),
    "concept.data": ("As data", "Som data"),
    "concept.rest": ("the REST answer behind this page", "REST-svaret bag denne side"),
    "concept.queries": ("SPARQL templates", "SPARQL-skabeloner"),
    "mapping.direction": ("Direction", "Retning"),
    "mapping.from": ("from this concept", "fra dette begreb"),
    "mapping.to": ("to this concept", "til dette begreb"),
    "mapping.relation": ("Relation", "Relation"),
    "mapping.other": ("Other concept", "Andet begreb"),
    "mapping.set": ("Mapping set", "Koblingssæt"),
    "skos.exactMatch": ("exact match", "svarer præcist til"),
    "skos.closeMatch": ("close match", "svarer nogenlunde til"),
    "skos.broadMatch": ("broader match", "bredere begreb"),
    "skos.narrowMatch": ("narrower match", "snævrere begreb"),
    "skos.relatedMatch": ("related", "beslægtet"),
    "mappings.title": ("Mappings between frameworks", "Koblinger mellem referencerammer"),
    "mappings.lead": (
        "Every SKOS mapping with the SSSOM record behind it: how it was made, how confident, and why.",
        "Hver SKOS-kobling med SSSOM-posten bag den: hvordan den blev lavet, hvor sikker den er, og hvorfor.",
    ),
    "mappings.download": ("All mapping sets", "Alle koblingssæt"),
    "mappings.sets": ("Mapping sets", "Koblingssæt"),
    "mappings.count": ("{n} mappings", "{n} koblinger"),
    "mappings.esco": ("ESCO's own alignment.", "ESCO's egen tilpasning."),
    "mappings.ours": (
        "Proposed by this project, not by KL or the EU.",
        "Foreslået af dette projekt, ikke af KL eller EU.",
    ),
    "mappings.file": ("The SSSOM file.", "SSSOM-filen."),
    "mappings.subject": ("From", "Fra"),
    "mappings.object": ("To", "Til"),
    "mappings.why": ("Justification", "Begrundelse"),
    "mappings.confidence": ("confidence", "sikkerhed"),
    "profiles.lead": (
        "Competence profiles say which competences a profession or level needs, and at which "
        "level. A profile may derive from another and change what it inherits.",
        "Kompetenceprofiler siger, hvilke kompetencer en faggruppe eller et niveau har brug for, og på "
        "hvilket niveau. En profil kan bygge på en anden og ændre det, den arver.",
    ),
    "profiles.profile": ("Profile", "Profil"),
    "profiles.base": ("Derived from", "Bygger på"),
    "profiles.own": ("Own requirements", "Egne krav"),
    "profiles.actions": ("Actions", "Handlinger"),
    "profiles.gap": ("Gap analysis", "Gabsanalyse"),
    "profile.chain": ("Derivation", "Afledning"),
    "profile.chart": ("Chart", "Diagram"),
    "profile.chart.caption": (
        "Each axis is a requirement, scaled to the top of its competence's level scale.",
        "Hver akse er et krav, skaleret til toppen af kompetencens niveauskala.",
    ),
    "profile.requirements": ("Requirements by area", "Krav fordelt på områder"),
    "profile.no.area": ("Other competences", "Andre kompetencer"),
    "profile.competence": ("Competence", "Kompetence"),
    "profile.level": ("Required level", "Krævet niveau"),
    "profile.importance": ("Importance", "Vigtighed"),
    "profile.stated": ("Stated in", "Angivet i"),
    "profile.here": ("this profile", "denne profil"),
    "profile.inherited": ("inherited", "arvet"),
    "profile.courses": ("Courses that meet it", "Kurser, der opfylder det"),
    "profile.uncovered": ("no course yet", "intet kursus endnu"),
    "profile.removed": ("Not inherited", "Ikke arvet"),
    "profile.diff": ("Difference to its base", "Forskel fra basisprofilen"),
    "profile.diff.lead": ("Compared with", "Sammenlignet med"),
    "profile.diff.summary": (
        "{added} added, {removed} removed, {changed} changed, {same} the same.",
        "{added} tilføjet, {removed} fjernet, {changed} ændret, {same} uændret.",
    ),
    "profile.diff.change": ("Change", "Ændring"),
    "profile.diff.base": ("Base level (rank)", "Basisniveau (trin)"),
    "profile.diff.here": ("This profile (rank)", "Denne profil (trin)"),
    "profile.diff.none": ("This profile derives from no other.", "Denne profil bygger ikke på en anden."),
    "profile.coverage.json": ("coverage as JSON", "dækning som JSON"),
    "diff.added": ("added", "tilføjet"),
    "diff.removed": ("removed", "fjernet"),
    "diff.changed": ("level changed", "niveau ændret"),
    "importance.Essential": ("essential", "væsentlig"),
    "importance.Optional": ("optional", "valgfri"),
    "importance.none": ("–", "–"),
    "gap.lead": (
        "Choose a profile, then upload a CSV file of current levels or choose them below. You get "
        "the gaps by area, a chart, and courses and practices that close them.",
        "Vælg en profil, og upload så en CSV-fil med nuværende niveauer, eller vælg dem nedenfor. Du får "
        "hullerne fordelt på områder, et diagram og kurser og praksis, der lukker dem.",
    ),
    "gap.profile": ("Profile", "Profil"),
    "gap.choose": ("Choose a profile", "Vælg en profil"),
    "gap.show": ("Show its requirements", "Vis dens krav"),
    "gap.csv.legend": ("Upload current levels (CSV)", "Upload nuværende niveauer (CSV)"),
    "gap.csv.label": ("CSV file", "CSV-fil"),
    "gap.csv.hint": (
        "Columns competence;level, and person for a team. Competence as a code (digcomp3:4.2, "
        "kl:dataanvendelse) or IRI; level as a name on its scale (Basic, Mellem, 3 …). A file "
        "takes precedence over the levels chosen below.",
        "Kolonnerne competence;level og person for et team. Kompetencen som kode (digcomp3:4.2, "
        "kl:dataanvendelse) eller IRI; niveauet som et navn på skalaen (Basic, Mellem, 3 …). En fil går "
        "forud for niveauerne valgt nedenfor.",
    ),
    "gap.csv.template": (
        "Download a file to fill in for this profile.",
        "Hent en fil til at udfylde for denne profil.",
    ),
    "gap.levels.legend": ("Or choose current levels", "Eller vælg nuværende niveauer"),
    "gap.levels.hint": (
        "A competence left at “none” counts as level 0.",
        "En kompetence sat til “intet” tæller som niveau 0.",
    ),
    "gap.required": ("Required (rank)", "Krævet (trin)"),
    "gap.current": ("Current", "Nuværende"),
    "gap.none": ("none", "intet"),
    "gap.run": ("Analyse gaps", "Analysér huller"),
    "gap.problems": (
        "The levels have {n} problem(s); fix them and try again",
        "Niveauerne har {n} problem(er); ret dem, og prøv igen",
    ),
    "gap.result": ("Result", "Resultat"),
    "gap.members": ("People analysed: {n}.", "Personer analyseret: {n}."),
    "gap.chart.caption": (
        "Blue: required level. Orange: current level (a team's mean).",
        "Blå: krævet niveau. Orange: nuværende niveau (et teams gennemsnit).",
    ),
    "gap.area.total": (
        "{gaps} of {n} requirements with a gap, {sum} levels in all",
        "{gaps} af {n} krav med hul, {sum} niveauer i alt",
    ),
    "gap.gap": ("Gap", "Hul"),
    "gap.below": ("People below", "Personer under"),
    "gap.recommended": ("Recommended", "Anbefalet"),
    "gap.reason.reaches": (
        "teaches level {rank}; reaches the required {required}",
        "underviser på niveau {rank}; når det krævede {required}",
    ),
    "gap.reason.raises": (
        "teaches level {rank}; raises the level part of the way to {required}",
        "underviser på niveau {rank}; løfter niveauet et stykke mod {required}",
    ),
    "gap.no.courses": (
        "No course teaches it above the current level.",
        "Intet kursus underviser i den over det nuværende niveau.",
    ),
    "gap.practices": ("Practices", "Praksis"),
    "providers.lead": (
        "Providers upload their course catalogues and map each course to competences and levels. "
        "Every upload is checked first; one with problems changes nothing.",
        "Udbydere uploader deres kursuskataloger og kobler hvert kursus til kompetencer og niveauer. "
        "Hver upload kontrolleres først; en upload med problemer ændrer intet.",
    ),
    "providers.list": ("Providers", "Udbydere"),
    "providers.provider": ("Provider", "Udbyder"),
    "providers.courses": ("Courses", "Kurser"),
    "providers.registered": ("registered; no upload yet", "registreret; ingen upload endnu"),
    "providers.coverage": ("Coverage", "Dækning"),
    "upload.heading": ("Upload a catalogue", "Upload et katalog"),
    "upload.provider": ("Provider", "Udbyder"),
    "upload.key": ("Your provider key", "Jeres udbydernøgle"),
    "upload.key.hint": (
        "The key an administrator created for you (dkk keys create). It is sent only to this server.",
        "Nøglen, en administrator har oprettet til jer (dkk keys create). Den sendes kun til denne server.",
    ),
    "upload.file": ("Catalogue file", "Katalogfil"),
    "upload.file.hint": (
        "CSV (comma or semicolon, UTF-8 or Excel's Danish encoding), Turtle or JSON-LD.",
        "CSV (komma eller semikolon, UTF-8 eller Excels danske tegnsæt), Turtle eller JSON-LD.",
    ),
    "upload.template": ("Download the CSV template.", "Hent CSV-skabelonen."),
    "upload.mode": ("What the upload does", "Hvad uploaden gør"),
    "upload.replace": ("Replace the catalogue with this file", "Erstat kataloget med denne fil"),
    "upload.merge": ("Add these courses (same id: replaced)", "Tilføj disse kurser (samme id: erstattes)"),
    "upload.check": ("Check only", "Kontrollér kun"),
    "upload.upload": ("Check and upload", "Kontrollér og upload"),
    "upload.none": (
        "No provider is registered yet. An administrator registers one with "
        "dkk providers add <id> --name … and creates its key with dkk keys create <id>.",
        "Ingen udbyder er registreret endnu. En administrator registrerer en med "
        "dkk providers add <id> --name … og opretter dens nøgle med dkk keys create <id>.",
    ),
    "upload.failed": ("{file} was not uploaded", "{file} blev ikke uploadet"),
    "upload.problems": (
        "{n} problem(s), listed by row below. Nothing was changed: fix them and upload again.",
        "{n} problem(er), vist række for række nedenfor. Intet blev ændret: ret dem, og upload igen.",
    ),
    "upload.checked": ("{file} has no problems", "{file} har ingen problemer"),
    "upload.done": ("{file} was uploaded", "{file} blev uploadet"),
    "upload.summary": (
        "{n} course(s) in the file; the catalogue now has {total}.",
        "{n} kursus(er) i filen; kataloget har nu {total}.",
    ),
    "upload.dry": (
        "Only checked: nothing was changed. Choose “Check and upload” to upload it.",
        "Kun kontrolleret: intet blev ændret. Vælg “Kontrollér og upload” for at uploade.",
    ),
    "problems.caption": ("Problems by row", "Problemer række for række"),
    "problems.row": ("Row", "Række"),
    "problems.column": ("Column or field", "Kolonne eller felt"),
    "problems.value": ("Value", "Værdi"),
    "problems.message": ("Problem and how to fix it", "Problem og hvordan det rettes"),
    "course.provider": ("Provider", "Udbyder"),
    "course.mode": ("Form", "Form"),
    "course.hours": ("Hours", "Timer"),
    "course.language": ("Language", "Sprog"),
    "course.url": ("Web page", "Webside"),
    "course.teaches": ("What it teaches", "Hvad kurset underviser i"),
    "course.level": ("Target level (rank)", "Målniveau (trin)"),
    "course.none": ("The course names no learning outcomes.", "Kurset angiver ingen læringsudbytter."),
    "coverage.title": ("Coverage", "Dækning"),
    "coverage.lead": (
        "The competences the provider's courses teach, with the highest level taught, and those "
        "no course teaches.",
        "De kompetencer, udbyderens kurser underviser i, med det højeste niveau, og dem, intet kursus "
        "underviser i.",
    ),
    "coverage.count": ("{n} of {total} competences taught", "{n} af {total} kompetencer dækket"),
    "coverage.max": ("Highest level (rank)", "Højeste niveau (trin)"),
    "coverage.missing": ("{n} competences no course teaches", "{n} kompetencer, intet kursus underviser i"),
    "query.lead": (
        "Read-only SPARQL 1.1 over the whole graph. Answers stop at {rows} rows and {seconds} seconds.",
        "Skrivebeskyttet SPARQL 1.1 over hele grafen. Svar stopper ved {rows} rækker og {seconds} sekunder.",
    ),
    "query.examples": ("Example queries", "Eksempler på forespørgsler"),
    "query.examples.hint": (
        "Each example is also a tab in the editor.",
        "Hvert eksempel er også en fane i editoren.",
    ),
    "query.open": ("Open", "Åbn"),
    "query.editor": ("Editor", "Editor"),
    "query.keys": (
        "In the editor, Ctrl+Enter runs the query, Ctrl+Space completes, and Tab moves on "
        "to the next control.",
        "I editoren kører Ctrl+Enter forespørgslen, Ctrl+Mellemrum fuldfører, og Tab går videre "
        "til næste felt.",
    ),
    "query.download": ("Download the answer", "Hent svaret"),
    "query.query": ("Query", "Forespørgsel"),
    "query.format": ("Answer format", "Svarformat"),
    "query.run": ("Run and download", "Kør og hent"),
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
    "data.licences": ("Sources and licences", "Kilder og licenser"),
    "data.licences.text": (
        "Every fact names its public source (dct:source). Our data is CC BY 4.0; DigComp and "
        "DigCompEdu are © European Union (CC BY 4.0); ESCO is used under the ESCO licence.",
        "Hvert faktum angiver sin offentlige kilde (dct:source). Vores data er CC BY 4.0; DigComp og "
        "DigCompEdu er © Den Europæiske Union (CC BY 4.0); ESCO bruges under ESCO-licensen.",
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


def text(key: str, lang: str, **values: object) -> str:
    en, da = STRINGS[key]
    template = da if lang == "da" else en
    return template.format(**values) if values else template
