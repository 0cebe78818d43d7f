"""Mapping sets generated from the sources, written as SSSOM/TSV (the form mappings are kept in).

- DigComp 2.2 -> ESCO: ESCO v1.2.0's own alignment (its DigComp collection has one
  concept per DigComp competence and area; 2.5 Netiquette has none). The mappings are
  ESCO's: creator European Commission, provider the ESCO download.
- DigComp 2.2 <-> 3.0: DigComp 3.0 kept 2.2's numbering. Same number, title and descriptor:
  skos:exactMatch; same number and title, rewritten descriptor: skos:closeMatch (both
  semapv:LexicalMatching); changed title: skos:closeMatch (semapv:StructuralMatching), with both
  titles in the comment; the entries in REVIEWED as reviewed. Proposed by us. Since 3.0 rewrote
  every descriptor there is no exactMatch, so none of our proposals chains, through ESCO's
  exactMatch to 2.2, into an exactMatch between DigComp 3.0 and ESCO.
"""

from __future__ import annotations

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
    set_id: str,
    title: str,
    description: str,
    licence: str,
    creator: str,
    subject: str,
    obj: str,
    date: str = "2026-11-26",
) -> dict:
    return {
        "mapping_set_id": f"https://w3id.org/dkk/mappings/{set_id}",
        "mapping_set_title": title,
        "mapping_set_description": description,
        "license": licence,
        "creator_id": [creator],
        "mapping_date": date,
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


# Entries read one by one against both versions' descriptors; the rest follow the rules in
# the module docstring. Each reason is the comment the mapping carries.
REVIEWED: dict[str, tuple[str, str]] = {
    "2.2": (
        "skos:closeMatch",
        "Same title, narrower scope: DigComp 3.0 shares 'information and content' ethically and "
        "responsibly and no longer names acting as an intermediary or referencing and attribution.",
    ),
    "2.3": (
        "skos:closeMatch",
        "Same title, moved scope: DigComp 3.0 speaks of digital platforms as well as services, and adds "
        "asserting one's rights and exercising choice in digital environments.",
    ),
    "3.4": (
        "skos:broadMatch",
        "DigComp 3.0 widened 'Programming' to 'Computational thinking and programming' (analysing a "
        "problem and its sub-problems before instructing a computing system), so 3.0's is the broader.",
    ),
}


def _correspondence(code: str, old: correspondence.Entry, new: correspondence.Entry) -> dict[str, str]:
    """One row: a reviewed entry as reviewed; else exactMatch only where title and descriptor are both
    unchanged (interchangeable), closeMatch where either changed (DigComp 3.0 rewrote every
    descriptor, so a kept title alone does not make two competences interchangeable)."""
    norm = correspondence.norm
    same_title = norm(old.title) == norm(new.title)
    if code in REVIEWED:
        predicate, comment = REVIEWED[code]
        justification, confidence = "semapv:ManualMappingCuration", "0.8"
    elif same_title and norm(old.descriptor) == norm(new.descriptor):
        predicate, justification, confidence = "skos:exactMatch", "semapv:LexicalMatching", "0.95"
        comment = "Same number, title and descriptor."
    elif same_title:
        predicate, justification, confidence = "skos:closeMatch", "semapv:LexicalMatching", "0.9"
        comment = "Same number and title, but DigComp 3.0 rewrote the descriptor: close, not interchangeable."
    else:
        predicate, justification, confidence = "skos:closeMatch", "semapv:StructuralMatching", "0.7"
        comment = (
            f"Same number; DigComp 3.0 retitled '{clean(old.title)}' as '{clean(new.title)}', "
            "so the scope may have moved."
        )
    return {
        "subject_id": f"digcomp22:{code}",
        "subject_label": clean(old.title),
        "predicate_id": predicate,
        "object_id": f"digcomp3:{code}",
        "object_label": clean(new.title),
        "mapping_justification": justification,
        "confidence": confidence,
        "author_id": "dkkagent:dkk-project",
        "comment": comment,
    }


def digcomp22_digcomp3(sources: Path) -> SssomDoc:
    old, new = correspondence.entries22(sources), correspondence.entries3(sources)
    codes = sorted(set(old) & set(new), key=lambda c: [int(x) for x in c.split(".")])
    rows = [_correspondence(code, old[code], new[code]) for code in codes]
    return SssomDoc(
        _meta(
            "digcomp22-digcomp3",
            "DigComp 2.2 <-> DigComp 3.0 (proposed)",
            "Correspondence by number, proposed by the DKK project: DigComp 3.0 kept 2.2's numbering but "
            "rewrote the descriptors. exactMatch only where title and descriptor are unchanged, closeMatch "
            "where either changed, and three entries reviewed one by one (2.2, 2.3, 3.4). Not the JRC's.",
            "https://creativecommons.org/licenses/by/4.0/",
            "dkkagent:dkk-project",
            "https://w3id.org/dkk/id/digcomp22",
            "https://w3id.org/dkk/id/digcomp3",
            "2026-12-06",
        ),
        rows,
        COLUMNS,
    )


# A DigComp 2.2 -> 3.0 relation, read from 3.0's side (the subject of the chained set).
_FROM_3 = {"skos:exactMatch": "skos:exactMatch", "skos:closeMatch": "skos:closeMatch",
           "skos:broadMatch": "skos:narrowMatch", "skos:narrowMatch": "skos:broadMatch",
           "skos:relatedMatch": "skos:relatedMatch"}  # fmt: skip


def digcomp3_esco(sources: Path) -> SssomDoc:
    """DigComp 3.0 -> ESCO, derived: our proposed 2.2 <-> 3.0 correspondence chained with ESCO's exact
    alignment of 2.2. exact composed with R is R, so each link keeps the 2.2 <-> 3.0 relation (from
    3.0's side) and its confidence; nothing here is ESCO's or the JRC's."""
    esco_of = {r["subject_id"]: r for r in digcomp22_esco(sources).rows}
    rows = []
    for link in digcomp22_digcomp3(sources).rows:
        target = esco_of.get(link["subject_id"])
        if target is None:  # 2.2 entries ESCO has no concept for (2.5 Netiquette)
            continue
        rows.append(
            {
                "subject_id": link["object_id"],
                "subject_label": link["object_label"],
                "predicate_id": _FROM_3[link["predicate_id"]],
                "object_id": target["object_id"],
                "object_label": target["object_label"],
                "mapping_justification": "semapv:MappingChaining",
                "confidence": link.get("confidence", ""),
                "author_id": "dkkagent:dkk-project",
                "comment": f"Chained through {link['subject_id']}: our proposed {link['predicate_id']} "
                f"between it and {link['object_id']}, and ESCO's exactMatch of it to {target['object_id']}.",
            }
        )
    return SssomDoc(
        _meta(
            "digcomp3-esco",
            "DigComp 3.0 -> ESCO v1.2.0 (proposed, derived through DigComp 2.2)",
            "DigComp 3.0 competences and areas linked to ESCO's DigComp concepts by chaining the DKK "
            "project's proposed DigComp 2.2 <-> 3.0 correspondence with ESCO's own exact alignment of "
            "DigComp 2.2. Proposed by the DKK project, for review; neither ESCO's nor the JRC's.",
            "https://creativecommons.org/licenses/by/4.0/",
            "dkkagent:dkk-project",
            "https://w3id.org/dkk/id/digcomp3",
            str(esco.SCHEME),
            "2026-12-06",
        ),
        rows,
        COLUMNS,
    )
