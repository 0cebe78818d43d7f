"""Signing in, accounts, invitations and the audit log."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
    "nav.signin": ("Sign in", "Log ind"),
    "nav.account": ("Your account", "Din konto"),
    "signin.title": ("Sign in", "Log ind"),
    "signin.lead": (
        "For staff of municipalities and course providers with an account. Everything else on the site is "
        "open without signing in.",
        "For medarbejdere i kommuner og hos kursusudbydere med en konto. Alt andet på sitet er åbent uden "
        "at logge ind.",
    ),
    "signin.button": ("Sign in", "Log ind"),
    "signin.help": (
        "No account? Your municipality's administrator invites you.",
        "Ingen konto? Din kommunes administrator inviterer dig.",
    ),
    "signout.button": ("Sign out", "Log ud"),
    "account.title": ("Your account", "Din konto"),
    "account.email": ("E-mail address", "E-mailadresse"),
    "account.password": ("Password", "Adgangskode"),
    "account.password.help": ("At least 12 characters.", "Mindst 12 tegn."),
    "account.name": ("Name", "Navn"),
    "account.role": ("Role", "Rolle"),
    "account.roles": ("Roles", "Roller"),
    "account.people": ("People in {organisation}", "Personer i {organisation}"),
    "account.error.wrong": ("Wrong e-mail address or password.", "Forkert e-mailadresse eller adgangskode."),
    "account.error.locked": (
        "Too many wrong passwords: the account is locked for a while. Try again later.",
        "For mange forkerte adgangskoder: kontoen er låst et stykke tid. Prøv igen senere.",
    ),
    "account.error.email": ("That is not an e-mail address.", "Det er ikke en e-mailadresse."),
    "account.error.password_short": (
        "The password is too short: use at least 12 characters.",
        "Adgangskoden er for kort: brug mindst 12 tegn.",
    ),
    "account.error.exists": (
        "There is already an account for that address.",
        "Der findes allerede en konto for den adresse.",
    ),
    "account.error.role": ("That role cannot be given here.", "Den rolle kan ikke gives her."),
    "account.error.forbidden": ("You may not do that.", "Det har du ikke adgang til."),
    "account.error.invite": (
        "This invitation is unknown, used or expired: ask for a new one.",
        "Invitationen findes ikke, er brugt eller udløbet: bed om en ny.",
    ),
    "account.error.csrf": (
        "The form had expired: reload the page and try again.",
        "Formularen var udløbet: genindlæs siden, og prøv igen.",
    ),
    "role.municipality_admin": ("Municipality administrator", "Kommunal administrator"),
    "role.manager": ("Manager", "Leder"),
    "role.employee": ("Employee", "Medarbejder"),
    "role.provider": ("Course provider", "Kursusudbyder"),
    "role.kl_editor": ("KL editor", "KL-redaktør"),
    "role.operator": ("Operator", "Driftsansvarlig"),
    "invite.title": ("Accept an invitation", "Tag imod en invitation"),
    "invite.lead": (
        "{email} is invited to join {organisation} as {role}. Choose a password to accept.",
        "{email} er inviteret til {organisation} som {role}. Vælg en adgangskode for at tage imod.",
    ),
    "invite.button": ("Accept and sign in", "Tag imod, og log ind"),
    "invite.new": ("Invite someone", "Invitér en person"),
    "invite.button.make": ("Make an invitation", "Opret invitation"),
    "invite.made": (
        "Invitation for {email} made. Send them this link:",
        "Invitationen til {email} er oprettet. Send dem dette link:",
    ),
    "invite.made.help": (
        "The link works once, for 7 days. The site sends no e-mail: send it yourself.",
        "Linket virker én gang i 7 dage. Sitet sender ingen e-mail: send det selv.",
    ),
    "invite.pending": ("(invited, not yet accepted)", "(inviteret, endnu ikke accepteret)"),
    "audit.title": ("Audit log for {organisation}", "Revisionslog for {organisation}"),
    "audit.lead": (
        "Every sign-in, invitation and change concerning the organisation's people, newest first.",
        "Hver log-ind, invitation og ændring, der angår organisationens personer, nyeste først.",
    ),
    "audit.when": ("When", "Hvornår"),
    "audit.who": ("Who", "Hvem"),
    "audit.what": ("What", "Hvad"),
    "audit.about": ("About", "Angår"),
    "audit.action.signin": ("Signed in", "Loggede ind"),
    "audit.action.signin.failed": ("Wrong password", "Forkert adgangskode"),
    "audit.action.signin.locked": ("Sign-in refused: locked", "Log-ind afvist: låst"),
    "audit.action.account.locked": ("Account locked", "Konto låst"),
    "audit.action.signout": ("Signed out", "Loggede ud"),
    "audit.action.user.created": ("Account created", "Konto oprettet"),
    "audit.action.invite.created": ("Invitation made", "Invitation oprettet"),
    "audit.action.invite.accepted": ("Invitation accepted", "Invitation accepteret"),
    "keys.title": ("API keys", "API-nøgler"),
    "keys.id": ("Key", "Nøgle"),
    "keys.created": ("Created", "Oprettet"),
    "keys.actions": ("What to do", "Handlinger"),
    "keys.none": ("No keys.", "Ingen nøgler."),
    "keys.create": ("Create a key", "Opret en nøgle"),
    "keys.rotate": ("Replace", "Udskift"),
    "keys.revoke": ("Revoke", "Tilbagekald"),
    "keys.made": (
        "A new key for {owner}. Copy it now: it is shown only this once.",
        "En ny nøgle til {owner}. Kopiér den nu: den vises kun denne ene gang.",
    ),
    "keys.made.help": (
        "Programs send it as Authorization: Bearer <key>. A replaced key stops working at once.",
        "Programmer sender den som Authorization: Bearer <nøgle>. En udskiftet nøgle holder op med at "
        "virke med det samme.",
    ),
    "account.error.no_key": ("There is no such key.", "Den nøgle findes ikke."),
    "audit.action.key.create": ("API key created", "API-nøgle oprettet"),
    "audit.action.key.revoke": ("API key revoked", "API-nøgle tilbagekaldt"),
    "audit.action.key.rotate": ("API key replaced", "API-nøgle udskiftet"),
    "audit.action.round.started": ("Dialogue round started", "Dialogrunde startet"),
    "audit.action.assessment.saved": ("Ratings saved", "Vurderinger gemt"),
    "audit.action.assessment.read": ("A person's ratings read", "En persons vurderinger læst"),
    "audit.action.assessment.deleted": ("Ratings deleted", "Vurderinger slettet"),
    "audit.action.team.read": ("Team view read", "Teamoverblik læst"),
    "audit.action.team.published": ("Team's counts published", "Teamets tal offentliggjort"),
    "audit.action.round.deleted": ("Dialogue round deleted", "Dialogrunde slettet"),
    "audit.action.round.expired": (
        "Dialogue round deleted after the retention period",
        "Dialogrunde slettet efter opbevaringsperioden",
    ),
    "audit.action.profile.saved": ("Tailored profile saved", "Tilpasset profil gemt"),
    "audit.action.profile.restored": ("Tailored profile restored", "Tilpasset profil gendannet"),
    "audit.action.profile.retired": ("Tailored profile retired", "Tilpasset profil trukket tilbage"),
    "account.error.group_small": (
        "Too few have answered yet: the team view waits until enough have, so no one stands out.",
        "For få har svaret endnu: teamoverblikket venter, til nok har svaret, så ingen kan genkendes.",
    ),
    "account.error.no_round": (
        "There is no such dialogue round for you.",
        "Der er ingen sådan dialogrunde for dig.",
    ),
    "account.error.no_people": ("Name at least one person.", "Angiv mindst én person."),
    "account.error.no_profile": (
        "There is no such profile for you to tailor: only your municipality's administrator tailors its "
        "profiles.",
        "Der er ingen sådan profil, du kan tilpasse: kun kommunens administrator tilpasser dens profiler.",
    ),
    "account.error.not_member": (
        "Someone named has no account in the municipality: invite them first.",
        "En af de angivne har ingen konto i kommunen: invitér dem først.",
    ),
}
