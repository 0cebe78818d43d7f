"""DigComp 2.2 <-> 3.0: concepts with the same number, matched as strongly as their titles allow.

DigComp 3.0 kept the 5 x 21 numbering of 2.2 but retitled several areas and
competences. Same number and same title: ``skos:exactMatch``. Same number and a
changed title: ``skos:closeMatch`` (the scope may have moved; DigComp 3.0 does
not publish a concept-level correspondence, so we claim no more than that).
The mapping is ours, so the graph is marked proposed and attributed to us.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from ..namespaces import DKK, GRAPH, ID
from . import digcomp3, digcomp22
from .common import clean, date, read_csv

GRAPH_IRI = GRAPH["digcomp-correspondence"]


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(title).lower()).strip()


def titles22(sources: Path) -> dict[str, str]:
    rows = read_csv(sources / digcomp22.CSV_COMPETENCES, ("digcomp_code", "title_en"))
    return {r["digcomp_code"].strip(): r["title_en"] for r in rows}


def titles3(sources: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in read_csv(sources / digcomp3.CSV_COMPETENCES, ("Competence number", "Competence name")):
        out[r["Competence area number"].strip()] = r["Competence area name"]
        out[r["Competence number"].strip()] = r["Competence name"]
    return out


def build(sources: Path) -> Graph:
    from .common import new_graph

    g = new_graph()
    g.add((GRAPH_IRI, RDF.type, PROV.Entity))
    g.add((GRAPH_IRI, DKK.status, DKK.Proposed))
    g.add((GRAPH_IRI, PROV.wasAttributedTo, ID["agent/dkk-project"]))
    g.add((GRAPH_IRI, DCTERMS.created, date("2026-11-26")))
    g.add((GRAPH_IRI, DCTERMS.source, digcomp22.FRAMEWORK))
    g.add((GRAPH_IRI, DCTERMS.source, digcomp3.FRAMEWORK))
    g.add(
        (
            GRAPH_IRI,
            RDFS.comment,
            Literal(
                "Correspondence by number: exactMatch where the titles are identical, closeMatch where "
                "DigComp 3.0 changed the title.",
                lang="en",
            ),
        )
    )
    old, new = titles22(sources), titles3(sources)
    for code in sorted(set(old) & set(new), key=lambda c: [int(x) for x in c.split(".")]):
        same = _norm(old[code]) == _norm(new[code])
        g.add(
            (
                digcomp22.concept(code),
                SKOS.exactMatch if same else SKOS.closeMatch,
                digcomp3.concept(code),
            )
        )
    return g
