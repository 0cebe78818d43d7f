"""The site reads its words from the project's one catalogue (kg.core.i18n); the keys it makes at run
time are listed in .dynamic."""

from kg.core.i18n import LANGUAGES, catalogue, decimal, message, strings, text, written

__all__ = ["LANGUAGES", "catalogue", "decimal", "message", "strings", "text", "written"]
