"""Text analysis for Danish and English: words, light stems, and character 5-grams.

No stemming library covers both languages offline and small, so stems come from
stripping common inflections; 5-grams of longer words let Danish compounds
(databeskyttelse, informationssikkerhed) meet their parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

Bag = dict[str, float]  # feature -> weight: a text as the suggester sees it

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "af",
        "alle",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "de",
        "den",
        "der",
        "det",
        "dig",
        "din",
        "du",
        "efter",
        "eller",
        "en",
        "er",
        "et",
        "for",
        "fra",
        "from",
        "få",
        "godt",
        "har",
        "have",
        "hele",
        "hvad",
        "hvor",
        "hvordan",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "jeg",
        "kan",
        "man",
        "med",
        "mere",
        "og",
        "om",
        "on",
        "or",
        "os",
        "på",
        "sig",
        "sin",
        "skal",
        "som",
        "sådan",
        "så",
        "the",
        "their",
        "them",
        "til",
        "to",
        "ud",
        "under",
        "up",
        "use",
        "using",
        "ved",
        "vi",
        "vores",
        "what",
        "when",
        "where",
        "which",
        "will",
        "with",
        "you",
        "your",
        "at",
        "af",
        "lær",
        "learn",
        "how",
        "course",
        "kursus",
        "kurset",
        "introduction",
        "introduktion",
        "get",
        "gør",
        "work",
        "arbejde",
        "dine",
        "din",
        "dit",
        "nye",
        "new",
        "basics",
        "grundlæggende",
    ]
)
SUFFIXES = ("erne", "ende", "heder", "ing", "ene", "ers", "ies", "er", "en", "et", "ed", "es", "e", "s")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [w for w in WORD.findall(text) if len(w) > 1 and w not in STOPWORDS]


def features(text: str) -> Bag:
    """Stems (weight 1) and 5-grams of words of 8+ letters (weight 0.25), as a bag."""
    bag: Bag = defaultdict(float)
    for w in words(text):
        bag[stem(w)] += 1
        if len(w) >= 8:
            for i in range(len(w) - 4):
                bag["#" + w[i : i + 5]] += 0.25
    return bag
