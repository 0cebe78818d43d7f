"""The SPARQL editor page."""

from __future__ import annotations

# key: (English, Danish)
STRINGS: dict[str, tuple[str, str]] = {
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
}
