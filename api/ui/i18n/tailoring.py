"""Tailoring profiles on the site: the editor, its preview of changes, versions and their history."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
    "tailor.title": ("Tailored profiles", "Lokalt tilpassede profiler"),
    "tailor.lead": (
        "Start from the generic profile or a discipline's, change levels and importance, leave out or add "
        "requirements and add your own local competences. Every save is a version you can compare and "
        "restore.",
        "Tag udgangspunkt i den generelle profil eller en faglig profil, ret niveauer og vigtighed, udelad "
        "eller tilføj krav og tilføj jeres egne lokale kompetencer. Hver gemning er en version, som kan "
        "sammenlignes og gendannes.",
    ),
    "tailor.of": ("Profiles of {organisation}", "Profiler for {organisation}"),
    "tailor.unregistered": (
        "{organisation} is not set up for tailoring yet: ask the service's operator to add it "
        "(dkk municipalities add).",
        "{organisation} er endnu ikke sat op til lokal tilpasning: bed driftsansvarlig om at tilføje den "
        "(dkk municipalities add).",
    ),
    "tailor.none": ("No tailored profiles yet.", "Ingen tilpassede profiler endnu."),
    "tailor.see.profile": ("See the profile", "Se profilen"),
    "tailor.history": ("Versions", "Versioner"),
    "tailor.start": ("Tailor a new profile", "Tilpas en ny profil"),
    "tailor.base": ("Start from", "Tag udgangspunkt i"),
    "tailor.id": ("Short name in the address", "Kort navn i adressen"),
    "tailor.id.help": (
        "Lower-case letters a-z, digits and '-', e.g. sosu-hjemmepleje.",
        "Små bogstaver a-z, tal og '-', fx sosu-hjemmepleje.",
    ),
    "tailor.name.da": ("Name in Danish", "Navn på dansk"),
    "tailor.name.en": ("Name in English (optional)", "Navn på engelsk (valgfrit)"),
    "tailor.start.button": ("Open the editor", "Åbn redigeringen"),
    "tailor.edit": ("Edit", "Rediger"),
    "tailor.edit.lead": ("Tailored from {base}.", "Tilpasset fra {base}."),
    "tailor.editing": ("You are editing version {version}.", "Du redigerer version {version}."),
    "tailor.requirements": ("Requirements", "Krav"),
    "tailor.requirements.help": (
        "Each requirement as the base states it; change the level or importance, or tick it off to leave it "
        "out. Only what differs from the base is saved.",
        "Hvert krav, som grundprofilen angiver det; ret niveau eller vigtighed, eller sæt flueben for at "
        "udelade det. Kun det, der afviger fra grundprofilen, gemmes.",
    ),
    "tailor.in.base": ("In the base: {level}", "I grundprofilen: {level}"),
    "tailor.added.here": ("Added in this profile", "Tilføjet i denne profil"),
    "tailor.level": ("Level", "Niveau"),
    "tailor.importance": ("Importance", "Vigtighed"),
    "tailor.essential": ("essential", "væsentlig"),
    "tailor.optional": ("optional", "valgfri"),
    "tailor.unspecified": ("importance not given", "vigtighed ikke angivet"),
    "tailor.remove": ("Leave out", "Udelad"),
    "tailor.add": ("Add requirements", "Tilføj krav"),
    "tailor.add.row": ("New requirement {n}", "Nyt krav {n}"),
    "tailor.add.competence": (
        "Competence (a code such as digcomp3:4.2)",
        "Kompetence (en kode som digcomp3:4.2)",
    ),
    "tailor.local": ("Local competences", "Lokale kompetencer"),
    "tailor.local.help": (
        "Competences of your own that no framework has, required at a level on DigComp 3.0's scale.",
        "Jeres egne kompetencer, som ingen referenceramme har, krævet på et niveau på DigComp 3.0's skala.",
    ),
    "tailor.local.row": ("Local competence {n}", "Lokal kompetence {n}"),
    "tailor.local.id": ("Short name", "Kort navn"),
    "tailor.local.level": ("Required level", "Krævet niveau"),
    "tailor.local.changed": (
        "Local competences added: {added}; removed: {removed}.",
        "Lokale kompetencer tilføjet: {added}; fjernet: {removed}.",
    ),
    "tailor.preview": ("Show the changes", "Vis ændringerne"),
    "tailor.changes": ("{n} change(s) against the base", "{n} ændring(er) i forhold til grundprofilen"),
    "tailor.changes.none": ("No changes.", "Ingen ændringer."),
    "tailor.change": ("Change", "Ændring"),
    "tailor.change.added": ("Added", "Tilføjet"),
    "tailor.change.changed": ("Changed", "Ændret"),
    "tailor.change.removed": ("Left out", "Udeladt"),
    "tailor.change.local": ("Local competence", "Lokal kompetence"),
    "tailor.reason": ("Why (kept with the version)", "Hvorfor (gemmes med versionen)"),
    "tailor.reason.help": (
        "A sentence for those who read the history later.",
        "En sætning til dem, der læser historikken senere.",
    ),
    "tailor.save": ("Save as a new version", "Gem som ny version"),
    "tailor.problems": ("{n} problem(s): nothing was saved", "{n} problem(er): intet er gemt"),
    "tailor.conflict.title": ("Someone saved in the meantime", "En anden har gemt i mellemtiden"),
    "tailor.conflict": (
        "Version {version} was saved by {by} after you opened the profile. Your changes are not saved, but "
        "they are still in the form below: look at what changed, then save again.",
        "Version {version} blev gemt af {by}, efter du åbnede profilen. Dine ændringer er ikke gemt, men "
        "de står stadig i formularen nedenfor: se, hvad der er ændret, og gem igen.",
    ),
    "tailor.conflict.see": (
        "See what changed up to version {version}",
        "Se, hvad der er ændret frem til version {version}",
    ),
    "tailor.history.title": ("Versions of {id}", "Versioner af {id}"),
    "tailor.saved": ("Saved as version {version}.", "Gemt som version {version}."),
    "tailor.is.retired": (
        "This profile is retired: it is no longer in the public data. Restore a version to bring it back.",
        "Profilen er trukket tilbage: den er ikke længere i de offentlige data. Gendan en version for at få "
        "den tilbage.",
    ),
    "tailor.version": ("Version", "Version"),
    "tailor.action": ("What", "Hvad"),
    "tailor.action.save": ("saved", "gemt"),
    "tailor.action.restore": ("restored", "gendannet"),
    "tailor.action.retire": ("retired", "trukket tilbage"),
    "tailor.who": ("Who", "Hvem"),
    "tailor.when": ("When", "Hvornår"),
    "tailor.restore": ("Restore", "Gendan"),
    "tailor.restore.version": ("Restore version {version}", "Gendan version {version}"),
    "tailor.compare.title": ("From version {a} to {b}", "Fra version {a} til {b}"),
    "tailor.compare.from": ("From", "Fra"),
    "tailor.compare.to": ("To", "Til"),
    "tailor.compare": ("Compare", "Sammenlign"),
    "tailor.renamed": ("Renamed from {a} to {b}.", "Omdøbt fra {a} til {b}."),
    "tailor.retire": ("Retire the profile", "Træk profilen tilbage"),
    "tailor.retire.help": (
        "It leaves the public data; its versions stay here, and a restore brings it back.",
        "Den forsvinder fra de offentlige data; versionerne bliver her, og en gendannelse henter den "
        "tilbage.",
    ),
}
