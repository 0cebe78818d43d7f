"""Profile pages and the gap-analysis form."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
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
    "gap.more.courses": (
        "{total} courses would help; see every course that teaches it",
        "{total} kurser kan hjælpe; se alle kurser, der underviser i den",
    ),
}
