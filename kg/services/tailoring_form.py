"""The tailoring editor's model: a base profile's requirements with a municipality's changes on top, read
back from the form into a derivation, and what that derivation changes, named as people read it.

A derivation (kg.services.tailoring.Derivation) states only what differs from the base, so the editor
shows every requirement of the base with its level and importance, and saves a row as a change only when
it differs. The changes (to the base before a save; between two versions in the history) name each
competence and level by its labels, never by a bare IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kg.core import namespaces as ns
from kg.services.codes import CodeBook
from kg.services.profiles import ResolvedProfile
from kg.services.tailoring import Derivation

Requirements = dict[str, tuple[str, str | None]]  # competence IRI -> (level IRI, importance)


@dataclass
class EditRow:
    competence: str
    labels: dict[str, str]
    level: str  # the level's name on the form (its notation)
    importance: str | None  # essential, optional or none
    removed: bool = False
    base_level: str | None = None  # the base's level (IRI), for a requirement inherited; none if added here


@dataclass
class Editor:
    rows: list[EditRow]
    local: list[tuple[str, str, str | None, str]] = field(default_factory=list)


def _importance(value: str | None) -> str | None:
    """dkk:Essential and dkk:Optional as a derivation writes them (in the deployment's namespace)."""
    names = {str(ns.DKK.Essential): "essential", str(ns.DKK.Optional): "optional"}
    return names.get(value, value) if value else None


def base_requirements(base: ResolvedProfile) -> Requirements:
    return {q.competence: (q.level, _importance(q.importance)) for q in base.requirements}


def requirements(book: CodeBook, spec: Derivation, base: Requirements) -> Requirements:
    """What a profile derived by ``spec`` requires: the base's, without removals, with its own on top."""
    removed = {str(book.competence(c) or c) for c in spec.remove}
    out = {c: v for c, v in base.items() if c not in removed}
    for code, level, importance in spec.set:
        competence = str(book.competence(code) or code)
        found = book.level(URIRef(competence), level)
        out[competence] = (str(found) if found else level, importance)
    return out


def editor(
    book: CodeBook, labels: dict[str, dict[str, str]], base: ResolvedProfile, spec: Derivation
) -> Editor:
    """The form's rows: every requirement of the base as ``spec`` leaves it, then those ``spec`` adds."""
    inherited = base_requirements(base)
    now = requirements(book, spec, inherited)
    rows = []
    for competence, (level, importance) in inherited.items():
        mine = now.get(competence, (level, importance))
        rows.append(
            EditRow(
                competence,
                labels.get(competence, {}),
                book.notation(mine[0]) or mine[0],
                mine[1],
                competence not in now,
                level,
            )
        )
    for competence, (level, importance) in now.items():  # (a local competence is in spec.local, not here)
        if competence not in inherited:
            rows.append(
                EditRow(competence, labels.get(competence, {}), book.notation(level) or level, importance)
            )
    return Editor(rows, list(spec.local))


def derivation(
    book: CodeBook,
    base: ResolvedProfile,
    profile_id: str,
    label_da: str,
    label_en: str | None,
    rows: list[tuple[str, str, str | None, bool]],
    local: list[tuple[str, str, str | None, str]],
) -> Derivation:
    """The derivation the form states: rows ((competence, level name, importance, removed)) that differ from
    the base are set, inherited ones ticked off are removed."""
    inherited = base_requirements(base)
    changed: list[tuple[str, str, str | None]] = []
    removed: list[str] = []
    for competence, level, importance, gone in rows:
        if not competence:
            continue
        iri = str(book.competence(competence) or competence)
        if iri in inherited and gone:
            removed.append(book.code(iri))
            continue
        if gone:
            continue  # (a requirement added here, then ticked off)
        found = book.level(URIRef(iri), level)
        if iri in inherited and (str(found) if found else level, importance) == inherited[iri]:
            continue
        changed.append((book.code(iri) if iri in book.scale_of else competence, level, importance))
    return Derivation(profile_id, base.profile, label_da, label_en or None, changed, removed, local)


def changes(
    before: Requirements, after: Requirements, labels: dict[str, dict[str, str]], book: CodeBook
) -> dict[str, list[dict[str, Any]]]:
    """Requirements added, removed and changed from ``before`` to ``after``, each with the competence's
    labels and its levels' names and labels."""

    def named(c: str) -> dict[str, Any]:
        return {"iri": c, "label": labels.get(c, {})}

    def level(value: str) -> dict[str, Any]:
        return {"name": book.notation(value) or value, "label": labels.get(value, {})}

    return {
        "added": [
            {**named(c), "level": level(after[c][0]), "importance": after[c][1]}
            for c in sorted(set(after) - set(before))
        ],
        "removed": [{**named(c), "level": level(before[c][0])} for c in sorted(set(before) - set(after))],
        "changed": [
            {
                **named(c),
                "from": level(before[c][0]),
                "to": level(after[c][0]),
                "importanceFrom": before[c][1],
                "importanceTo": after[c][1],
            }
            for c in sorted(set(before) & set(after))
            if before[c] != after[c]
        ],
    }
