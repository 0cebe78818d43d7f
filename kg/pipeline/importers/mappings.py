"""Mapping sets generated from the sources, written as SSSOM/TSV (the form mappings are kept in).

- DigComp 2.2 -> ESCO: ESCO v1.2.0's own alignment (its DigComp collection has one
  concept per DigComp competence and area; 2.5 Netiquette has none). The mappings are
  ESCO's: creator European Commission, provider the ESCO download.
- DigComp 2.2 <-> 3.0: DigComp 3.0 kept 2.2's numbering. Same number and same title:
  skos:exactMatch (semapv:LexicalMatching); same number, changed title: skos:closeMatch
  (semapv:StructuralMatching), with both titles in the comment. Proposed by us.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.core.frameworks import curie_map
from kg.core.settings import DEFAULT_BASE_IRI
from kg.pipeline.importers import correspondence, digcomp22, esco
from kg.pipeline.importers.common import clean, read_csv

COLUMNS = [
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "mapping_provider",
    "comment",
]
# The shipped files use the default base (rewritten on load); framework prefixes are the registry's.
_FRAMEWORKS = curie_map(DEFAULT_BASE_IRI)
CURIES = {
    "digcomp22": _FRAMEWORKS["digcomp22"],
    "digcomp3": _FRAMEWORKS["digcomp3"],
    "esco": _FRAMEWORKS["esco"],
    "dkkagent": "https://w3id.org/dkk/id/agent/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
}


@dataclass
class SssomDoc:
    meta: dict
    rows: list[dict[str, str]]
    columns: list[str]


def _meta(
    set_id: str, title: str, description: str, licence: str, creator: str, subject: str, obj: str
) -> dict:
    return {
        "mapping_set_id": f"https://w3id.org/dkk/mappings/{set_id}",
        "mapping_set_title": title,
        "mapping_set_description": description,
        "license": licence,
        "creator_id": [creator],
        "mapping_date": "2026-11-26",
        "subject_source": subject,
        "object_source": obj,
        "curie_map": CURIES,
    }


def digcomp22_esco(sources: Path) -> SssomDoc:
    rows = []
    for r in read_csv(sources / digcomp22.CSV_COMPETENCES, ("digcomp_code", "title_en", "esco_uri")):
        uri = r["esco_uri"].strip()
        if not uri:
            continue
        rows.append(
            {
                "subject_id": f"digcomp22:{r['digcomp_code'].strip()}",
                "subject_label": clean(r["title_en"]),
                "predicate_id": "skos:exactMatch",
                "object_id": "esco:" + uri.rsplit("/", 1)[-1],
                "object_label": clean(r["esco_preferredLabel"]),
                "mapping_justification": "semapv:ManualMappingCuration",
                "author_id": "dkkagent:european-commission",
                "mapping_provider": esco.DOWNLOAD,
                "comment": "ESCO v1.2.0 DigComp collection: ESCO's concept for this DigComp 2.2 entry.",
            }
        )
    return SssomDoc(
        _meta(
            "digcomp22-esco",
            "DigComp 2.2 to ESCO v1.2.0 (ESCO's alignment)",
            "ESCO's own alignment of DigComp: its DigComp collection has one concept per DigComp 2.2 "
            "competence and area; 2.5 Netiquette has none. " + esco.ATTRIBUTION,
            "https://esco.ec.europa.eu/en/about-esco/data-science-and-esco/esco-licence",
            "dkkagent:european-commission",
            "https://w3id.org/dkk/id/digcomp22",
            str(esco.SCHEME),
        ),
        rows,
        COLUMNS,
    )


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(title).lower()).strip()


def digcomp22_digcomp3(sources: Path) -> SssomDoc:
    old, new = correspondence.titles22(sources), correspondence.titles3(sources)
    rows = []
    for code in sorted(set(old) & set(new), key=lambda c: [int(x) for x in c.split(".")]):
        same = _norm(old[code]) == _norm(new[code])
        rows.append(
            {
                "subject_id": f"digcomp22:{code}",
                "subject_label": clean(old[code]),
                "predicate_id": "skos:exactMatch" if same else "skos:closeMatch",
                "object_id": f"digcomp3:{code}",
                "object_label": clean(new[code]),
                "mapping_justification": "semapv:LexicalMatching" if same else "semapv:StructuralMatching",
                "confidence": "0.95" if same else "0.7",
                "author_id": "dkkagent:dkk-project",
                "comment": (
                    "Same number, same title."
                    if same
                    else f"Same number; DigComp 3.0 retitled '{clean(old[code])}' as '{clean(new[code])}', "
                    "so the scope may have moved."
                ),
            }
        )
    return SssomDoc(
        _meta(
            "digcomp22-digcomp3",
            "DigComp 2.2 <-> DigComp 3.0 (proposed)",
            "Correspondence by number, proposed by the DKK project: DigComp 3.0 kept 2.2's numbering. "
            "exactMatch where the title is unchanged, closeMatch where it changed. Not the JRC's.",
            "https://creativecommons.org/licenses/by/4.0/",
            "dkkagent:dkk-project",
            "https://w3id.org/dkk/id/digcomp22",
            "https://w3id.org/dkk/id/digcomp3",
        ),
        rows,
        COLUMNS,
    )
