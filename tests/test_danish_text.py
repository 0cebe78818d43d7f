"""The Danish the audit of issue 16 found wrong in the shapes, the ontology and our level names, read
from the files users get their messages and labels from (plain, correct Danish, as KL would write it)."""

from __future__ import annotations

import re

from rdflib import Graph, Literal

from kg.core.settings import ROOT
from kg.store import OxigraphStore, SelectResult

FOUND = (
    "afleder (direkte eller indirekte) fra sig selv",  # a profile "derives from" itself: er afledt af
    "deltagerne sigtes mod",  # a calque; the level the participants are to reach
    "{?competence}s ramme",  # a genitive -s glued to a placeholder
    "Det et kursus lover",  # a relative clause without its comma
    "borgere der oplever",
    "Noget der hindrer",
)


def _danish(path: str) -> list[str]:
    g = Graph().parse(ROOT / path)
    return [str(o) for o in g.objects() if isinstance(o, Literal) and o.language == "da"]


def test_the_wording_the_audit_found_is_gone() -> None:
    texts = _danish("shapes/dkk-shapes.ttl") + _danish("ontology/dkk.ttl")
    assert len(texts) > 100
    for wrong in FOUND:
        assert not [t for t in texts if wrong in t], wrong
    # "noget/borgere der ..." as a relative clause takes a comma before "der"
    assert not [t for t in texts if re.search(r"\b(Noget|noget|borgere|Det) der\b", t)]


def test_level_names_are_plain_danish(store: OxigraphStore) -> None:
    base = "https://w3id.org/dkk/id/digcomp3/level/"
    levels = " ".join(f"<{base}{x}>" for x in ("intermediate", "highly-advanced"))
    res = store.query(
        f'SELECT ?l WHERE {{ VALUES ?level {{ {levels} }} ?level skos:prefLabel ?l FILTER(LANG(?l) = "da") }}'
    )
    assert isinstance(res, SelectResult)
    assert {str(r["l"]) for r in res.rows} == {"Mellemniveau", "Meget avanceret"}
