"""Providers: the upload form and its report, coverage."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
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
}
