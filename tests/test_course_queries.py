"""The paged course templates give the answer of the one general query they replaced.

``tests/queries/courses_reference.rq`` is that query (every filter tested inside it,
for every course: plainly right, but seconds a filter on a catalogue of hundreds). For
each filter shape (none, provider, competence, competence and level, level alone) the
count template must give the reference's number, and walking the pages must give its
courses, in IRI order. On the shipped graph the reference is that query; on the
benchmark's synthetic graph (40k triples, catalogues large enough for many pages) it is
the same definition applied here to the outcomes read once (``Outcomes``), itself
checked against the query on the shipped graph.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bench.synth import generate
from kg.core.identifiers import short_id
from kg.core.namespaces import sparql_prologue
from kg.core.settings import ROOT, get_settings
from kg.services.analytics import courses_per_area
from kg.services.catalogue import Catalogue
from kg.services.codes import CodeBook
from kg.services.course_views import CourseFilter, count_courses, course, course_page, indexed
from kg.services.lookups import Lookups
from kg.services.provider_views import provider_coverage
from kg.store import GraphStore, OxigraphStore
from kg.store.templates import select_page

ANY = URIRef("urn:dkk:any")
synthetic_dirs: dict[str, Path] = {}
REFERENCE = sparql_prologue() + (ROOT / "tests" / "queries" / "courses_reference.rq").read_text()


def reference(store: GraphStore, f: CourseFilter) -> list[str]:
    res = store.query(
        REFERENCE,
        {"competence": f.competence or ANY, "minLevel": f.min_level or ANY, "provider": f.provider or ANY},
    )
    return sorted({str(r["course"]) for r in res.rows})  # type: ignore[union-attr]


class Outcomes:
    """Every course's provider and outcomes, read once, and the filter's definition applied to them."""

    def __init__(self, store: GraphStore) -> None:
        prologue = sparql_prologue()
        self.courses: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        for r in store.query(
            prologue + "SELECT ?course ?provider ?taught ?level WHERE { ?course a dkk:CourseOffering ; "
            "dkk:offeredBy ?provider . OPTIONAL { ?course dkk:hasOutcome ?o . "
            "?o dkk:teachesCompetence ?taught ; dkk:targetLevel ?level } }"
        ).rows:  # type: ignore[union-attr]
            entry = self.courses.setdefault(str(r["course"]), (str(r["provider"]), []))
            if "level" in r:
                entry[1].append((str(r["taught"]), str(r["level"])))
        self.matches = {
            (str(r["a"]), str(r["b"]))
            for r in store.query(prologue + "SELECT ?a ?b WHERE { ?a skos:exactMatch ?b }").rows  # type: ignore[union-attr]
        }
        self.levels = {
            str(r["l"]): (int(r["rank"]), str(r["scale"]))
            for r in store.query(
                prologue + "SELECT ?l ?rank ?scale WHERE { ?l dkk:rank ?rank ; skos:inScheme ?scale }"
            ).rows  # type: ignore[union-attr]
        }

    def passes(self, f: CourseFilter, provider: str, outcomes: list[tuple[str, str]]) -> bool:
        if f.provider is not None and provider != str(f.provider):
            return False
        if f.competence is None and f.min_level is None:
            return True
        for taught, level in outcomes:
            c = str(f.competence) if f.competence is not None else None
            if c is not None and taught != c and (taught, c) not in self.matches:
                continue
            if f.min_level is not None:
                rank, scale = self.levels.get(level, (None, None))
                least = self.levels.get(str(f.min_level))
                if rank is None or least is None or scale != least[1] or rank < least[0]:
                    continue
            return True
        return False

    def select(self, f: CourseFilter) -> list[str]:
        return sorted(c for c, (p, outcomes) in self.courses.items() if self.passes(f, p, outcomes))


def paged(store: GraphStore, f: CourseFilter, size: int = 7) -> list[str]:
    out: list[str] = []
    while True:
        page = course_page(store, f, size, len(out))
        out += [p["iri"] for p in page]
        if len(page) < size:
            return out


def filters(store: GraphStore) -> Iterator[CourseFilter]:
    """Every filter shape, over each competence taught, each level used and a few providers."""
    rows = store.query(
        "PREFIX dkk: <https://w3id.org/dkk/ontology#> SELECT DISTINCT ?c ?l ?p WHERE { "
        "?k dkk:hasOutcome ?o ; dkk:offeredBy ?p . ?o dkk:teachesCompetence ?c ; dkk:targetLevel ?l }"
    ).rows  # type: ignore[union-attr]
    competences = sorted({r["c"] for r in rows})
    levels = sorted({r["l"] for r in rows})
    used = {c: sorted({r["l"] for r in rows if r["c"] == c}) for c in competences}
    providers = sorted({r["p"] for r in rows})[:3]
    yield CourseFilter()
    for p in providers:
        yield CourseFilter(provider=p)
    for lv in levels:
        yield CourseFilter(min_level=lv)
        yield CourseFilter(min_level=lv, provider=providers[0])
    for c in competences:
        yield CourseFilter(competence=c)
        yield CourseFilter(competence=c, provider=providers[0])
        other = next((lv for lv in levels if lv not in used[c]), None)  # (on another scale, often)
        for lv in [*used[c], *([other] if other else [])]:
            yield CourseFilter(competence=c, min_level=lv)


def check(store: GraphStore, expect: Callable[[CourseFilter], list[str]]) -> int:
    pages = 0
    for f in filters(store):
        expected = expect(f)
        assert count_courses(store, f) == len(expected), f
        assert paged(store, f) == expected, f  # the same courses, in IRI order, page after page
        pages += len(expected) // 7 + 1
    return pages


def test_paged_templates_agree_with_the_reference_on_the_shipped_graph(store: OxigraphStore) -> None:
    outcomes = Outcomes(store)

    def expect(f: CourseFilter) -> list[str]:
        answer = reference(store, f)
        assert outcomes.select(f) == answer, f  # the definition as the larger graph's test applies it
        return answer

    assert check(store, expect) > 50


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    tmp = tmp_path_factory.mktemp("synthetic")
    generate(tmp / "contrib", 40_000)
    env = {**os.environ, "DKK_STORE_PATH": str(tmp / "store"), "DKK_CONTRIB_DIR": str(tmp / "contrib")}
    dkk = str(Path(sys.executable).with_name("dkk"))
    subprocess.run([dkk, "build"], env=env, check=True, capture_output=True, cwd=ROOT)
    store = OxigraphStore.open(tmp / "store", read_only=True)
    synthetic_dirs["contrib"] = tmp / "contrib"
    yield store


def test_paged_templates_agree_with_the_reference_on_the_benchmark_graph(synthetic: OxigraphStore) -> None:
    assert check(synthetic, Outcomes(synthetic).select) > 400  # filters compared (479 at 28 triples a course)


def index_agrees(store: OxigraphStore, contrib_dir: Path) -> int:
    """The serving process's index (kg.services.catalogue) gives the templates' counts, pages and
    gap rankings."""
    index = Catalogue(store, contrib_dir, None)
    checked = 0
    for f in filters(store):
        expected = [p["iri"] for p in course_page(store, f, 100_000, 0)]
        assert index.count(f) == count_courses(store, f) == len(expected), f
        assert [c.iri for c in index.page(f, 10_000, 0)] == expected, f
        assert [c.iri for c in index.page(f, 3, 2)] == expected[2:5], f
        checked += 1
    every = index.page(CourseFilter(), 100_000, 0)
    for c in every:  # the same answer as rest/course.rq (its outcomes in another order: blank nodes)
        mine, theirs = indexed(c, index.levels), course(store, URIRef(c.iri))
        assert theirs is not None
        key = lambda o: (o["competence"]["iri"], o["level"]["iri"])  # noqa: E731
        assert sorted(mine.pop("outcomes"), key=key) == sorted(theirs.pop("outcomes"), key=key)
        assert mine == theirs
    book = CodeBook.load(store)
    for competence in {f.competence for f in filters(store) if f.competence is not None}:
        for level in sorted(set(book.levels.get(book.scale_for(competence) or "", {}).values())):
            for current in (0, 1, 2.5):
                params = {
                    "competence": competence,
                    "required": URIRef(level),
                    "current": Literal(Decimal(str(current)), datatype=XSD.decimal),
                }
                ranked = [
                    str(r["course"]) for r in select_page(store, "gap_courses", 10_000, 0, **params).rows
                ]
                best, total = index.recommend(str(competence), level, current, 5)
                assert [c.iri for c, _, _ in best] == ranked[:5] and total == len(ranked)
                checked += 1
    return checked


def test_course_index_agrees_with_the_templates_on_the_shipped_graph(store: OxigraphStore) -> None:
    assert index_agrees(store, get_settings().contrib_dir_resolved()) > 100


def test_course_index_agrees_with_the_templates_on_the_benchmark_graph(synthetic: OxigraphStore) -> None:
    assert index_agrees(synthetic, Path(str(synthetic_dirs["contrib"]))) > 100


def area_counts_agree(store: OxigraphStore, contrib_dir: Path) -> int:
    """Courses per area, from the index and from the store, are what the research query counts."""
    research = (ROOT / "queries" / "02-courses-per-competence-area.rq").read_text()
    expected = {str(r["area"]): int(str(r["courses"])) for r in store.query(research).rows}  # type: ignore[union-attr]
    lookups = Lookups.load(store)
    index = Catalogue(store, contrib_dir, None)
    by_index = courses_per_area(store, "digcomp3", lookups, index)
    by_store = courses_per_area(store, "digcomp3", lookups, None)
    assert by_index == by_store
    assert {a["iri"]: a["courses"] for a in by_index["items"]} == expected
    return sum(expected.values())


def test_courses_per_area_agree_with_the_research_query_on_the_shipped_graph(store: OxigraphStore) -> None:
    assert area_counts_agree(store, get_settings().contrib_dir_resolved()) > 0


def test_courses_per_area_agree_with_the_research_query_on_the_benchmark_graph(
    synthetic: OxigraphStore,
) -> None:
    assert area_counts_agree(synthetic, Path(str(synthetic_dirs["contrib"]))) > 100


def test_the_index_joined_graph_by_graph_is_the_index_sorted_whole(synthetic: OxigraphStore) -> None:
    """Graphs that follow one another in IRI order are joined, not sorted again: the same order and
    the same positions by competence as sorting and indexing every course at once."""
    index = Catalogue(synthetic, Path(str(synthetic_dirs["contrib"])), None)
    joined = index._compute()
    whole = sorted(
        {c.iri: c for p in index._by_graph.values() for c in p.courses}.values(), key=lambda c: c.iri
    )
    assert [c.iri for c in joined.order] == [c.iri for c in whole]
    by_competence, by_taught, by_provider = index._index(whole)
    assert {c: joined.by_competence(c) for c in by_competence} == by_competence
    assert {c: joined.by_taught(c) for c in by_taught} == by_taught
    assert {p: joined.by_provider(p) for p in by_provider} == by_provider
    assert joined.by_competence("https://example.org/no-such-competence") == []
    parts = sorted(index._by_graph.values(), key=lambda p: p.courses[0].iri)
    assert all(a.courses[-1].iri < b.courses[0].iri for a, b in itertools.pairwise(parts))  # joined
    assert len(parts) > 5 and len(whole) > 100


def provider_coverage_agrees(store: OxigraphStore, contrib_dir: Path) -> int:
    """Each provider's coverage from the index is rest/provider_coverage.rq's answer, and its courses
    (the index's by-provider positions) are those the store lists for the provider."""
    index = Catalogue(store, contrib_dir, None)
    lookups = Lookups.load(store)
    providers = sorted({c.provider for c in index.page(CourseFilter(), 100_000, 0)})
    for provider in providers:
        pid = short_id(provider, get_settings().base_iri)
        assert pid is not None
        assert provider_coverage(store, pid, index, lookups) == provider_coverage(store, pid), provider
        f = CourseFilter(provider=URIRef(provider))
        assert [c.iri for c in index.page(f, 100_000, 0)] == [
            p["iri"] for p in course_page(store, f, 100_000, 0)
        ]
    return len(providers)


def test_provider_coverage_from_the_index_is_the_stores_on_the_shipped_graph(store: OxigraphStore) -> None:
    assert provider_coverage_agrees(store, get_settings().contrib_dir_resolved()) > 1


def test_provider_coverage_from_the_index_is_the_stores_on_the_benchmark_graph(
    synthetic: OxigraphStore,
) -> None:
    assert provider_coverage_agrees(synthetic, Path(str(synthetic_dirs["contrib"]))) > 5
