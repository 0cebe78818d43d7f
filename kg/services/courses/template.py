"""The CSV template providers fill in (documented in the README, served at /templates/courses.csv)."""

from __future__ import annotations

MAX_COMPETENCES = 9
REQUIRED = ("course_id",)
COLUMNS = (
    "course_id",
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "url",
    "language",
    "mode",
    "hours",
    "ects",
    *(f"{kind}_{n}" for n in range(1, 4) for kind in ("competence", "level")),
)
EXAMPLE_ROWS = (
    (
        "gdpr-basis",
        "GDPR i hverdagen",
        "GDPR in everyday work",
        "Sådan beskytter du persondata i sagsbehandlingen.",
        "How to protect personal data in casework.",
        "https://example.org/kurser/gdpr",
        "da",
        "blended",
        "7,5",
        "",
        "digcomp3:4.2",
        "Intermediate",
        "kl:data-og-informationssikkerhed",
        "Intermediate",
        "",
        "",
    ),
)


def template_csv(separator: str = ";") -> str:
    """The template with a header and one made-up example row (delete it before uploading)."""
    lines = [separator.join(COLUMNS)]
    for row in EXAMPLE_ROWS:
        lines.append(separator.join(f'"{v}"' if separator in v else v for v in row))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"
