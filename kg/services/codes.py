"""Turn what people write (digcomp3:4.2, digcomp3/4.2, kl:dataanvendelse, Intermediate, 3, B1) into IRIs.

Competences are named in any of the forms of ``kg.core.identifiers`` (CURIE, short
id, IRI). A level is named on the scale of the competence's framework, by its
notation, any label (Danish or English), id or IRI. A framework without a scale
of its own takes the one the registry gives it (KL's wheel: DigComp 3.0's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kg.core import identifiers
from kg.core import namespaces as ns
from kg.core.frameworks import frameworks
from kg.core.settings import get_settings
from kg.core.terms import integer
from kg.services.problems import Problem
from kg.store.base import GraphStore
from kg.store.templates import select


def _fallback_scale() -> str:
    return str(ns.ID["digcomp3/levels"])


@dataclass
class CodeBook:
    """What the store knows about competences and levels, fetched once per import."""

    scale_of: dict[str, str | None] = field(default_factory=dict)  # competence -> scale
    levels: dict[str, dict[str, str]] = field(default_factory=dict)  # scale -> name -> level IRI
    level_names: dict[str, list[str]] = field(default_factory=dict)  # scale -> display names
    rank_of: dict[str, tuple[int, str]] = field(default_factory=dict)  # level -> (rank, scale)
    base_iri: str = ""

    @classmethod
    def load(cls, store: GraphStore) -> CodeBook:
        book = cls(base_iri=get_settings().base_iri)
        codes = select(store, "course_codes")
        levels = select(store, "course_levels")
        for r in codes.rows:
            book.scale_of[str(r["competence"])] = str(r["scale"]) if "scale" in r else None
        for r in levels.rows:
            scale, level = str(r["scale"]), str(r["level"])
            names = book.levels.setdefault(scale, {})
            for key in ("notation", "label"):
                if key in r:
                    names[str(r[key]).strip().lower()] = level
            names[level.lower()] = level
            base = book.base_iri
            for spelling in (identifiers.short_id(level, base), identifiers.curie(level, base)):
                if spelling:
                    names[spelling.lower()] = level
            if "rank" in r:
                book.rank_of[level] = (integer(r["rank"]), scale)
            if "notation" in r and str(r["notation"]) not in book.level_names.setdefault(scale, []):
                book.level_names[scale].append(str(r["notation"]))
        return book

    def competence(self, code: str) -> URIRef | None:
        try:
            iri = identifiers.expand(code, self.base_iri)
        except identifiers.Malformed:
            return None
        return URIRef(iri) if iri in self.scale_of else None

    def code(self, competence: str) -> str:
        """The CURIE a person writes (digcomp3:4.2, kl:dataanvendelse); the IRI if there is none."""
        return identifiers.curie(competence, self.base_iri) or competence

    def notation(self, level: str) -> str:
        """The name a person picks ``level`` by on a form (its notation); empty for a level not known."""
        scale = self.rank_of.get(level, (0, ""))[1]
        names = self.levels.get(scale, {})
        return next((n for n in self.level_names.get(scale, []) if names.get(n.lower()) == level), "")

    def top_rank(self, scale: str) -> int:
        return max((rank for rank, s in self.rank_of.values() if s == scale), default=0)

    def scale_for(self, competence: URIRef) -> str:
        found = self.scale_of.get(str(competence))
        if found:
            return found
        for fw in frameworks():
            if str(competence).startswith(fw.concept_base(self.base_iri)) and fw.scale:
                return fw.scale_iri(self.base_iri) or _fallback_scale()
        return _fallback_scale()

    def levels_named(self, name: str) -> set[str]:
        """Every level, on any scale, that ``name`` names (notation, label, IRI)."""
        key = name.strip().lower()
        return {names[key] for names in self.levels.values() if key in names}

    def level(self, competence: URIRef, name: str) -> URIRef | None:
        found = self.levels.get(self.scale_for(competence), {}).get(name.strip().lower())
        return URIRef(found) if found else None

    def names(self, competence: URIRef) -> str:
        return ", ".join(self.level_names.get(self.scale_for(competence), []))


def unknown_competence(code: str, **where: Any) -> Problem:
    """The problem for a competence code the graph does not know; ``where``: row, column, field..."""
    return Problem.of(
        "unknown_competence",
        {"code": repr(code)},
        value=code or None,
        **where,
    )


def unknown_level(book: CodeBook, code: str, competence: URIRef, name: str, **where: Any) -> Problem:
    names = book.names(competence)
    return Problem.of(
        "level_missing" if not name else "level_unknown",
        {"name": repr(name), "code": code, "names": names},
        value=name or None,
        **where,
    )
