"""Reading a page as a Danish or an English reader would: which words are in the other language, and
which numbers are written the other language's way.

A word is foreign when it is common in the other language and rare in the page's, by wordfreq's
frequency lists for Danish and English (a maintained library built from large corpora, not our own
word list): "Unknown", "Blended", "competence" on a Danish page; "kompetence", "og" on an English one.
Words in capitals (CSV, SPARQL, INSERT) are acronyms or keywords, not words of either language.
Words both languages use ("data", "online", "for") are never foreign. Text inside an element marked
with another language (lang="en") is not the page's and is left out by tests/js/words.js, as are
addresses, file names, prefixed names and code. Proper names that look like words of the other
language are allowed by name, below.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from wordfreq import zipf_frequency

WORDS_JS = (Path(__file__).parent / "js" / "words.js").read_text(encoding="utf-8")
# Zipf frequencies: 3 is about once per million words (a common word), below 2.5 rare.
COMMON, RARE = 3.0, 2.5
# Proper names, abbreviations and key names that are words of the other language in wordfreq's lists.
NAMES = {
    "dkk",  # the project's name
    "owl",  # OWL RL, the W3C's rule set
    "sha",  # SHA-256
    "ctrl",
    "bearer",  # HTTP's authentication scheme (Authorization: Bearer <key>)
    "byte",  # a unit, in Danish as in English (Retskrivningsordbogen), rare in wordfreq's Danish
    # municipalities and partners named by the practices' sources
    "albertslund",
    "glostrup",
    "hvidovre",
    "lejre",
    "næstved",
    "roskilde",
    "rødovre",
    "kommunal",  # HK Kommunal, a union
    "fremfærd",
}
# Danish writes 16.230 and 1,5; English 16,230 and 1.5. Codes and versions (4.2 Beskyttelse, DigComp
# 3.0, SPARQL 1.1, 2.2's, 0.2.0) are not quantities: a number with one or two decimals is taken for one
# when a noun follows it ("3.0 niveauer": a lower-case word of four letters or more) and no name of a
# standard comes before it; 16.230 (three digits after the point) is Danish grouping.
ENGLISH_NUMBER = re.compile(
    r"(?<![\w.,])(?<!DigComp )(?<!SPARQL )(?<!version )"
    r"(\d{1,3}(?:,\d{3})+|\d+\.\d{1,2}(?= [a-zæøå]{4,}))(?![\w.,])"
)
DANISH_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+,\d{1,2})(?![\w.,])")
UNGROUPED = re.compile(r"(?<![\w.,:/-])\d{5,}(?![\w.,:/-])")


def read(page: Any) -> dict[str, Any]:
    """What the page says in its own language (tests/js/words.js)."""
    return page.evaluate(WORDS_JS)


def foreign_words(found: dict[str, Any], lang: str) -> dict[str, str]:
    """Each word of the other language on a page in ``lang``, with where it was seen."""
    other = "en" if lang == "da" else "da"
    out: dict[str, str] = {}
    for word, where in found["words"]:
        if len(word) > 1 and word.isupper():  # acronyms and keywords: CSV, SPARQL, INSERT
            continue
        w = word.lower().strip("'’-")
        if len(w) < 3 or w in NAMES or w in out:
            continue
        if zipf_frequency(w, other) >= COMMON and zipf_frequency(w, lang) < RARE:
            out[w] = where
    return out


def words_of(text: str) -> dict[str, Any]:
    """A text's words as tests/js/words.js reads a page's: addresses, paths, file names, prefixed names
    and identifiers (field_name, competence_id=...) are not words, nor is code between backquotes."""
    text = re.sub(r"`[^`]*`", " ", text)
    words = [
        [m.group(0), f"«{text[:80]}»"]
        for chunk in text.split()
        if not re.search(r"[/@:_=<>{}'\"]|\.\w|…$", chunk)
        for m in re.finditer(r"[^\W\d_][\w'’-]*", chunk)
    ]
    return {"words": words, "texts": [text]}


def misformatted_numbers(found: dict[str, Any], lang: str) -> list[str]:
    """Numbers in the page's text written the other language's way, or 10000 and up without grouping."""
    wrong = ENGLISH_NUMBER if lang == "da" else DANISH_NUMBER
    return [
        f"{m.group(0)} in «{text.strip()[:80]}»"
        for text in found["texts"]
        for pattern in (wrong, UNGROUPED)
        for m in pattern.finditer(text)
    ]
