"""The project's own words in Danish and English, from gettext catalogues: the site's, the problems the
API and the site answer (``problem.*``, ``row.*``), and the CLI's (``cli.*``). Labels of concepts come from
the graph, not from here. In the core layer because services raise problems in both languages and the CLI
prints them.

The catalogues are ordinary gettext files a translator opens in Poedit or Weblate:
``kg/locale/{en,da}/LC_MESSAGES/messages.po``, one message per key (monolingual gettext: the key is
the msgid, each language's text its msgstr, the other language's text beside it as a comment). Plural
messages carry both forms; Babel picks by the locale's plural rule. ``make messages`` extracts every
key the templates and code use (Babel, keyword ``t``) into ``messages.pot`` and merges new ones into both
catalogues; tests/test_ui.py checks that every key used is translated in both languages with the same
placeholders. Read once, at first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"  # kg/locale
LANGUAGES = ("da", "en")
Text = str | tuple[str, ...]  # a message, or its plural forms


@cache
def catalogue(lang: str) -> dict[str, Text]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        found = read_po(f, locale=lang)
    out: dict[str, Text] = {}
    for m in found:
        if m.id and not m.fuzzy:
            key = m.id if isinstance(m.id, str) else m.id[0]
            out[key] = m.string if isinstance(m.string, str) else tuple(m.string or ())
    return out


@cache
def strings() -> dict[str, tuple[Text, Text]]:
    """{key: (English, Danish)}: every message, for the tests and the checks."""
    en, da = catalogue("en"), catalogue("da")
    return {key: (en[key], da.get(key, "")) for key in en}


def message(key: str, lang: str, n: int | None = None) -> str:
    """``key`` in ``lang`` with its placeholders still in braces; with ``n``, the plural form the language's
    rule picks for n."""
    found = catalogue(lang if lang in LANGUAGES else "en")[key]
    if isinstance(found, tuple):
        form = Locale.parse(lang).plural_form(n if n is not None else 1)
        found = found[0] if form == "one" else found[-1]
    return found


def text(key: str, lang: str, n: int | None = None, /, **values: object) -> str:
    """``key`` in ``lang``; with ``n``, the plural form the language's rule picks for n (and {n} filled
    in). Placeholders in braces are filled from ``values``, numbers written the language's way. Always
    formatted: a brace the reader is to see is written {{ }} in the catalogue."""
    found = message(key, lang, n)
    if n is not None:
        values = {"n": n, **values}
    return found.format(**written(values, lang))


def written(values: Mapping[str, object] | None, lang: str) -> dict[str, object]:
    """Numbers as the language writes them (1.048.576 and 1,5 in Danish, 1,048,576 and 1.5 in English),
    with at most two decimals; everything else as it is."""
    return {
        k: decimal(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in (values or {}).items()
    }


def decimal(amount: float, lang: str) -> str:
    """A number as the reader writes it (Babel, CLDR): 16.230 and 1,5 in Danish, 16,230 and 1.5 in
    English; at most two decimals, none when it is whole."""
    return format_decimal(amount, format="#,##0.##", locale="da_DK" if lang == "da" else "en_GB")
