"""Competence dialogues: rounds, one's own ratings, a manager's view of a person, the team's counts and
trend, and publishing a team's aggregate."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
    "dialogues.title": ("Competence dialogues", "Kompetencedialoger"),
    "dialogues.lead": (
        "Rate where you stand against your profile before the development talk. Your answers are yours: "
        "only you, your manager and your municipality's administrator see them.",
        "Vurdér, hvor du står i forhold til din profil, før udviklingssamtalen. Dine svar er dine: kun du, "
        "din leder og kommunens administrator kan se dem.",
    ),
    "dialogues.none": ("No dialogue rounds for you yet.", "Ingen dialogrunder til dig endnu."),
    "dialogues.answered": ("{n} of {total} have answered", "{n} af {total} har svaret"),
    "dialogues.you.take.part": ("you take part", "du deltager"),
    "dialogues.start": ("Start a round in {organisation}", "Start en runde i {organisation}"),
    "dialogues.round.title": ("Title", "Titel"),
    "dialogues.profile": ("Profile", "Profil"),
    "dialogues.people": ("Who takes part (e-mail addresses)", "Hvem deltager (e-mailadresser)"),
    "dialogues.people.help": (
        "One address a line; each must have an account in the municipality.",
        "Én adresse pr. linje; hver skal have en konto i kommunen.",
    ),
    "dialogues.start.button": ("Start the round", "Start runden"),
    "refused.title": ("Not possible", "Ikke muligt"),
    "refused.back": ("Back", "Tilbage"),
    "dialogue.lead": ("Profile: {profile}", "Profil: {profile}"),
    "dialogue.private": (
        "Private: your ratings are seen by you, the manager who started the round and your municipality's "
        "administrator, and never appear in the public data.",
        "Privat: dine vurderinger ses af dig, lederen, der startede runden, og kommunens administrator, og "
        "kommer aldrig med i de offentlige data.",
    ),
    "dialogue.people": ("Who takes part", "Deltagere"),
    "dialogue.has.answered": ("has answered", "har svaret"),
    "dialogue.not.answered": ("has not answered yet", "har endnu ikke svaret"),
    "dialogue.team.link": ("See the team's gaps", "Se teamets huller"),
    "dialogue.team.wait": (
        "{n} have answered; the team view opens at {needed}, so no one stands out.",
        "{n} har svaret; teamoverblikket åbner ved {needed}, så ingen kan genkendes.",
    ),
    "dialogue.rate": ("Your current level", "Dit nuværende niveau"),
    "dialogue.my.level": ("Your level", "Dit niveau"),
    "dialogue.comment": ("Comment (optional)", "Kommentar (valgfri)"),
    "dialogue.save": ("Save my answers", "Gem mine svar"),
    "dialogue.forget": ("Delete my answers", "Slet mine svar"),
    "dialogue.summary": ("Summary for the development talk", "Opsummering til udviklingssamtalen"),
    "dialogue.summary.for": ("{name}, {title}", "{name}, {title}"),
    "dialogue.print": ("Print the summary", "Udskriv opsummeringen"),
    "dialogue.team.title": ("The team in {title}", "Teamet i {title}"),
    "dialogue.team.lead": (
        "The team's mean level per requirement and how many are below it; no one's own answers.",
        "Teamets gennemsnitlige niveau pr. krav, og hvor mange der ligger under; ingens egne svar.",
    ),
    "dialogue.levels": ("What the levels mean: {scale}", "Sådan er niveauerne beskrevet: {scale}"),
    "dialogue.levels.source": (
        "The publisher's definitions; the Danish is the project's translation.",
        "Udgiverens definitioner; den danske tekst er projektets oversættelse.",
    ),
    "dialogue.person.link": ("See and add your view", "Se og tilføj din vurdering"),
    "dialogue.person.title": ("{name} in {title}", "{name} i {title}"),
    "dialogue.person.lead": (
        "Their own rating and comment per requirement, and your view as their manager. They see your view "
        "too, at the development talk.",
        "Medarbejderens egen vurdering og kommentar pr. krav og din vurdering som leder. Medarbejderen ser "
        "også din vurdering, til udviklingssamtalen.",
    ),
    "dialogue.person.own": ("Their own rating", "Egen vurdering"),
    "dialogue.person.none": ("not rated", "ikke vurderet"),
    "dialogue.manager.level": ("Your view as manager", "Din vurdering som leder"),
    "dialogue.manager.view": ("Your manager's view", "Din leders vurdering"),
    "dialogue.manager.save": ("Save my view", "Gem min vurdering"),
    "dialogue.forget.person": ("Delete this person's answers", "Slet medarbejderens svar"),
    "dialogue.remove": ("Delete the round and all answers in it", "Slet runden og alle svar i den"),
    "dialogue.remove.help": (
        "As the municipality's administrator you may delete the whole round. It cannot be undone.",
        "Som kommunens administrator kan du slette hele runden. Det kan ikke fortrydes.",
    ),
    "dialogue.retention": (
        "Rounds are deleted with all answers {days} days after they start.",
        "Runder slettes med alle svar {days} dage efter, de er startet.",
    ),
    "team.distribution": ("Levels per requirement", "Niveauer pr. krav"),
    "team.distribution.lead": (
        "How many of the {n} who answered are at each level, and how many are below the required level "
        "(someone who did not rate a requirement counts as below).",
        "Hvor mange af de {n}, der har svaret, der er på hvert niveau, og hvor mange der ligger under det "
        "krævede niveau (den, der ikke har vurderet et krav, tæller som under).",
    ),
    "team.unrated": ("Not rated", "Ikke vurderet"),
    "team.below": ("Below required", "Under krævet niveau"),
    "team.trend": ("Over time", "Over tid"),
    "team.trend.lead": (
        "Share below the required level in each round of this profile you lead, oldest first. Rounds with "
        "fewer than {needed} answers are left out.",
        "Andel under det krævede niveau i hver runde med denne profil, som du leder, ældste først. Runder "
        "med færre end {needed} svar er udeladt.",
    ),
    "team.csv": ("Download the counts (CSV)", "Hent tallene (CSV)"),
    "team.publish": ("Publish the counts", "Offentliggør tallene"),
    "team.publish.lead": (
        "As the municipality's administrator you may publish these counts (never anyone's answers) in the "
        "public graph, marked as a team's aggregated self-assessment. Give it a public title.",
        "Som kommunens administrator kan du offentliggøre disse tal (aldrig nogens svar) i den offentlige "
        "graf, markeret som et teams samlede selvvurdering. Giv dem en offentlig titel.",
    ),
    "team.publish.title": ("Public title", "Offentlig titel"),
    "team.publish.button": ("Publish in the public graph", "Offentliggør i den offentlige graf"),
    "team.published": (
        "Published in the public graph: {link}",
        "Offentliggjort i den offentlige graf: {link}",
    ),
}
