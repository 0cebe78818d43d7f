"""A municipality publishes a team's counts from a dialogue round in the public graph, on purpose.

Only counts (kg.services.team_view), never a person's answers, comments or names; only for a round whose
answers reached the minimum group size (the caller's team view has refused smaller ones, and the shape
dkksh:TeamAggregate refuses them again in the graph); under a public title the administrator writes, not
the round's own (which may name a team or a person). The aggregate lives in the municipality's graph,
written like any contribution (kg.services.contributions), as a dkk:TeamAggregate: the class says what
it is wherever it is shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.core import namespaces as ns
from kg.pipeline import contrib
from kg.services import upload_checks
from kg.services.contributions import commit, make_record, record_iri, without
from kg.services.problems import Parsed, Problem, UploadRejected
from kg.services.providers import ProviderError, exists
from kg.services.tailoring import municipality_iri
from kg.services.team_view import TeamRow
from kg.store.base import GraphStore

KIND = "municipalities"


def iri(municipality: str, round_id: int) -> URIRef:
    return ns.ID[f"municipality/{municipality}/aggregate/{round_id}"]


def publish(
    store: GraphStore,
    contrib_dir: Path,
    municipality: str,
    round_id: int,
    title: str,
    profile: str,
    rows: list[TeamRow],
    min_group: int,
) -> URIRef:
    """Write (or replace) round ``round_id``'s counts as ``title``; 422 naming the field when refused."""
    if not exists(contrib_dir, municipality, KIND):
        raise ProviderError("no_municipality", {"id": municipality})
    title = " ".join(title.split())[:200]
    if not title:
        raise UploadRejected([Problem.of("counts_title", field="title")])
    people = rows[0].people if rows else 0
    mun = municipality_iri(municipality)
    agg = iri(municipality, round_id)
    rec, now = record_iri(municipality, KIND)
    g = Graph()
    g.add((agg, RDF.type, ns.DKK.TeamAggregate))
    g.add((agg, RDFS.label, Literal(title, lang="da")))
    g.add((agg, ns.DKK.aggregateOf, URIRef(profile)))
    g.add((agg, ns.DKK.respondents, Literal(people, datatype=XSD.integer)))
    g.add((agg, ns.DKK.minimumGroup, Literal(min_group, datatype=XSD.integer)))
    g.add((agg, DCTERMS.creator, mun))
    g.add((agg, DCTERMS.created, Literal(date.today().isoformat(), datatype=XSD.date)))
    g.add((agg, DCTERMS.source, rec))
    g.add((agg, PROV.wasGeneratedBy, rec))
    for n, row in enumerate(rows, start=1):
        node = URIRef(f"{agg}/row/{n}")
        g.add((agg, ns.DKK.hasRow, node))
        g.add((node, RDF.type, ns.DKK.AggregateRow))
        g.add((node, ns.DKK.competence, URIRef(row.competence)))
        g.add((node, ns.DKK.level, URIRef(row.required)))
        g.add((node, ns.DKK.belowRequired, Literal(row.below, datatype=XSD.integer)))
        g.add((node, ns.DKK.notRated, Literal(row.unrated, datatype=XSD.integer)))
        for k, level in enumerate(row.scale, start=1):
            count = URIRef(f"{node}/level/{k}")
            g.add((node, ns.DKK.hasCount, count))
            g.add((count, RDF.type, ns.DKK.LevelCount))
            g.add((count, ns.DKK.level, URIRef(level)))
            g.add((count, ns.DKK.people, Literal(row.counts.get(level, 0), datatype=XSD.integer)))
    problems = upload_checks.check(
        Parsed(graph=g), store, contrib.read_about(contrib_dir, municipality, KIND)
    )
    if problems:
        raise UploadRejected(problems)

    def change(current: Graph) -> Graph:  # publishing a round again replaces its counts
        data = without(current, [agg])
        data += g
        return data

    record = make_record(rec, now, str(mun), f"publish aggregate {round_id}", "", "json", "publish", 0)
    commit(store, contrib_dir, municipality, change, record, KIND)
    return agg
