"""The framework registry: ``frameworks.toml`` read into typed entries.

The registry is data so that adding a framework is an entry, not a hunt through
the code: CURIE prefixes, the JSON-LD context, the site's order, the importers and
the SSSOM prefix map are all derived from it (see the file's header).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Framework:
    key: str
    prefix: str
    data: str
    aliases: tuple[str, ...] = ()
    concepts: str | None = None  # absolute concept base when not <base>id/<key>/
    scheme: str | None = None  # absolute scheme IRI when not <base>id/<key>
    scale: str | None = None  # id of the scale its competences use
    importer: str | None = None
    header: str = ""

    def concept_base(self, base_iri: str) -> str:
        return self.concepts or f"{base_iri}id/{self.key}/"

    def scheme_iri(self, base_iri: str) -> str:
        return self.scheme or f"{base_iri}id/{self.key}"

    def scale_iri(self, base_iri: str) -> str | None:
        return f"{base_iri}id/{self.scale}" if self.scale else None

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Every prefix this framework is read by, the written one first."""
        return (self.prefix, *self.aliases)


@cache
def frameworks() -> tuple[Framework, ...]:
    """The registry, in display order."""
    text = resources.files("kg.core").joinpath("frameworks.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(text)["framework"]
    out = tuple(
        Framework(**{**e, "aliases": tuple(e.get("aliases", ())), "header": e.get("header", "").strip()})
        for e in entries
    )
    seen: dict[str, str] = {}
    for fw in out:
        for p in (fw.key, *fw.prefixes):
            if seen.setdefault(p.lower(), fw.key) != fw.key:
                raise ValueError(f"frameworks.toml: {p!r} names both {seen[p.lower()]} and {fw.key}")
    return out


@cache
def by_prefix() -> dict[str, Framework]:
    """Prefix or alias (lower case) -> framework; the key reads too (kl-wheel:...)."""
    out: dict[str, Framework] = {}
    for fw in frameworks():
        for p in (*fw.prefixes, fw.key):
            out.setdefault(p.lower(), fw)
    return out


def order() -> list[str]:
    return [fw.key for fw in frameworks()]


@cache
def stems(base_iri: str) -> tuple[tuple[str, str], ...]:
    """(concept base, written prefix) of every framework, longest base first: the first that an IRI
    starts with is the most specific (read for every IRI an answer names)."""
    pairs = {(fw.concept_base(base_iri), fw.prefix) for fw in frameworks()}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def curie_map(base_iri: str) -> dict[str, str]:
    """Written prefix -> concept base: the prefix map of exports, SSSOM files and the JSON-LD context."""
    return {fw.prefix: fw.concept_base(base_iri) for fw in frameworks()}
