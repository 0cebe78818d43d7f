"""The site's own words in Danish and English. Labels of concepts come from the graph, not from here.

One table per part of the site, English and Danish side by side, so a translator sees each
string next to its twin; tests/test_ui.py checks that every key a template uses is here in
both languages with the same placeholders.
"""

from __future__ import annotations

from . import accounts, browse, dialogues, linked_data, profiles, providers, query, site, tailoring

PARTS = (site, browse, profiles, providers, query, linked_data, accounts, dialogues, tailoring)
STRINGS: dict[str, tuple[str, str]] = {k: v for part in PARTS for k, v in part.STRINGS.items()}
if len(STRINGS) != sum(len(part.STRINGS) for part in PARTS):
    raise RuntimeError("a key of the site's strings is defined in two parts of api/ui/i18n")


def text(key: str, lang: str, **values: object) -> str:
    """``key`` in ``lang``; placeholders in braces are filled from ``values``."""
    en, da = STRINGS[key]
    template = da if lang == "da" else en
    return template.format(**values) if values else template
