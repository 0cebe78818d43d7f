"""Turn what providers write (digcomp3:4.2, kl:dataanvendelse, Intermediate, 3, B1) into IRIs.

Competences are named by full IRI or by a short code ``<framework>:<notation or slug>``.
A level is named on the scale of the competence's framework, by its notation or any
label (Danish or English) or IRI. KL's wheel has no scale of its own; its
competences take DigComp 3.0's levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.core.namespaces import ID
from kg.services.courses.problems import Problem
from kg.store.base import GraphStore
from kg.store.templates import select

FRAMEWORK_PREFIXES = {
    "digcomp3": "digcomp3/",
    "digcomp3.0": "digcomp3/",
    "digcomp22": "digcomp22/",
    "digcomp2.2": "digcomp22/",
    "digcompedu": "digcompedu/",
    "kl": "kl-wheel/",
    "kl-wheel": "kl-wheel/",
    "kl-underlying": "kl-underlying/",
}
# The code a framework's competences are written with: the first (shortest) prefix of each path.
CODE_PREFIX = {path: prefix for prefix, path in reversed(FRAMEWORK_PREFIXES.items())}
FALLBACK_SCALE = str(ID["digcomp3/levels"])


@dataclass
class CodeBook:
    """What the store knows about competences and levels, fetched once per import."""

    scale_of: dict[str, str | None] = field(default_factory=dict)  # competence -> scale
    levels: dict[str, dict[str, str]] = field(default_factory=dict)  # scale -> name -> level IRI
    level_names: dict[str, list[str]] = field(default_factory=dict)  # scale -> display names
    rank_of: dict[str, tuple[int, str]] = field(default_factory=dict)  # level -> (rank, scale)

    @classmethod
    def load(cls, store: GraphStore) -> CodeBook:
        book = cls()
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
            if "rank" in r:
                book.rank_of[level] = (int(r["rank"]), scale)
            if "notation" in r and str(r["notation"]) not in book.level_names.setdefault(scale, []):
                book.level_names[scale].append(str(r["notation"]))
        return book

    def competence(self, code: str) -> URIRef | None:
        code = code.strip()
        if code.startswith(("http://", "https://")):
            iri = code
        else:
            prefix, sep, local = code.partition(":")
            if not sep or prefix.lower() not in FRAMEWORK_PREFIXES:
                return None
            iri = str(ID[FRAMEWORK_PREFIXES[prefix.lower()] + local.strip()])
        return URIRef(iri) if iri in self.scale_of else None

    def code(self, competence: str) -> str:
        """The short code a person writes (digcomp3:4.2, kl:dataanvendelse); the IRI if there is none."""
        for path, prefix in CODE_PREFIX.items():
            base = str(ID[path])
            if competence.startswith(base):
                return f"{prefix}:{competence[len(base) :]}"
        return competence

    def top_rank(self, scale: str) -> int:
        return max((rank for rank, s in self.rank_of.values() if s == scale), default=0)

    def scale_for(self, competence: URIRef) -> str:
        return self.scale_of.get(str(competence)) or FALLBACK_SCALE

    def level(self, competence: URIRef, name: str) -> URIRef | None:
        found = self.levels.get(self.scale_for(competence), {}).get(name.strip().lower())
        return URIRef(found) if found else None

    def names(self, competence: URIRef) -> str:
        return ", ".join(self.level_names.get(self.scale_for(competence), []))


def unknown_competence(code: str, **where: object) -> Problem:
    """The problem for a competence code the graph does not know; ``where``: row, column, field..."""
    return Problem(
        f"Unknown competence {code!r}. Write a code such as digcomp3:4.2, digcomp2.2:1.1, "
        "kl:dataanvendelse or a full IRI (search them at GET /competences).",
        f"Ukendt kompetence {code!r}. Skriv en kode som digcomp3:4.2, digcomp2.2:1.1, "
        "kl:dataanvendelse eller en fuld IRI (søg i GET /competences).",
        value=code or None,
        **where,
    )


def unknown_level(book: CodeBook, code: str, competence: URIRef, name: str, **where: object) -> Problem:
    names = book.names(competence)
    what_en = "Missing level" if not name else f"Level {name!r} is not"
    what_da = "Niveau mangler" if not name else f"Niveauet {name!r} findes ikke"
    return Problem(
        f"{what_en} on the scale of {code}; use one of: {names}.",
        f"{what_da} på skalaen for {code}; brug et af: {names}.",
        value=name or None,
        **where,
    )
