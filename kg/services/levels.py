"""What a scale's levels mean, for people who rate themselves on it (the competence dialogue).

The descriptions are the publisher's definitions, or the notes DigComp 3.0 gives the eight DigComp 2.2
levels, with the project's Danish translations (graph translations-da, marked proposed). A level with
no description in the reader's language shows only its name: the form never mixes languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.namespace import SKOS

from kg.core.terms import integer
from kg.store.base import GraphStore
from kg.store.templates import select


@dataclass
class Level:
    iri: str
    rank: int
    descriptions: dict[str, str] = field(default_factory=dict)  # language -> text


@dataclass
class Scale:
    labels: dict[str, str] = field(default_factory=dict)  # language -> name
    levels: list[Level] = field(default_factory=list)  # the described ones, lowest first


def guide(store: GraphStore) -> dict[str, Scale]:
    """Each scale's name and its described levels, lowest first; a definition wins over a scope note."""
    found: dict[str, dict[str, Level]] = {}
    names: dict[str, dict[str, str]] = {}
    for r in select(store, "level_guide").rows:
        text = r["text"]
        if not isinstance(text, Literal):
            continue
        if r["kind"] == SKOS.prefLabel:
            names.setdefault(str(r["scale"]), {})[text.language or ""] = str(text)
            continue
        level = found.setdefault(str(r["scale"]), {}).setdefault(
            str(r["level"]), Level(str(r["level"]), integer(r["rank"]) if "rank" in r else 0)
        )
        lang = text.language or ""
        if r["kind"] == SKOS.definition or lang not in level.descriptions:
            level.descriptions[lang] = str(text)
    return {
        scale: Scale(names.get(scale, {}), sorted(levels.values(), key=lambda x: x.rank))
        for scale, levels in found.items()
    }
