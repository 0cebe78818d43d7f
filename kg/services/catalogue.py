"""The course catalogue as an index in the serving process: lists and counts that cost the page.

Which courses teach a competence at a level, how many, and the 20 after the first
20,000 in IRI order: asked of the store, each of these sorts or counts every matching
course, so its time grows with the catalogue (about 1 s at 1M triples, in memory). The
index reads every course's provider, status and outcomes once (kg/sparql/course_index.rq)
and keeps, per filter, the matching courses as a sorted list: a count is its length and
a page is a slice.

It follows the contributed files, which are the source of truth: before each read,
:meth:`Catalogue.refresh` compares the providers' files with what it last read and
reloads the graphs of an owner whose file changed (this instance's write or another
instance's on the same store), and everything after a new build. An owner whose write is
still in progress (its intent is pending) is read again on the next read, so that a
reload racing a write cannot keep the old courses. The SPARQL templates give the same
answers (tests/test_course_queries.py proves it) and serve until the index is loaded.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg.pipeline import contrib
from kg.services.codes import CodeBook
from kg.services.course_views import CourseFilter
from kg.store.base import GraphStore
from kg.store.templates import select


@dataclass(frozen=True)
class Course:
    iri: str
    provider: str
    example: bool
    outcomes: tuple[tuple[str, str], ...]  # (competence taught, target level)
    title: tuple[tuple[str, str], ...] = ()  # (language, title)
    mode: str | None = None


KEPT = 50  # recommendations kept per gap: more than any answer lists (gap.RECOMMENDED)


@dataclass
class _Part:
    """One graph's courses in IRI order, indexed as ``_Derived`` is: a change re-indexes only its graph."""

    courses: list[Course]
    by_competence: dict[str, list[int]]
    by_taught: dict[str, list[int]]
    by_provider: dict[str, list[int]]


@dataclass
class _Derived:
    """What every filter is computed from; rebuilt after a change. The positions by competence are
    joined from the graphs' own (``parts``: each with where its courses start in ``order``) when a
    competence is first asked for, not for every competence at each change (at 10M triples that
    join was 0.2 s of each upload)."""

    order: list[Course]
    parts: list[tuple[int, _Part]]
    _by_competence: dict[str, list[int]] = field(default_factory=dict)
    _by_taught: dict[str, list[int]] = field(default_factory=dict)
    _by_provider: dict[str, list[int]] = field(default_factory=dict)
    selected: dict[CourseFilter, list[int]] = field(default_factory=dict)
    # (competence, required level, current rank) -> the ranked (course, level, rank) and their count
    recommended: dict[tuple[str, str, float], tuple[list[tuple[Course, str, int]], int]] = field(
        default_factory=dict
    )

    def by_competence(self, competence: str) -> list[int]:
        """Positions in ``order``, ascending, of the courses that teach ``competence`` or an exact
        match of it."""
        return _joined(self._by_competence, self.parts, competence, "by_competence")

    def by_taught(self, competence: str) -> list[int]:
        """The same without exact matches: the courses whose outcomes name ``competence`` itself."""
        return _joined(self._by_taught, self.parts, competence, "by_taught")

    def by_provider(self, provider: str) -> list[int]:
        """Positions in ``order``, ascending, of the courses ``provider`` offers."""
        return _joined(self._by_provider, self.parts, provider, "by_provider")


def _joined(cache: dict[str, list[int]], parts: list[tuple[int, _Part]], key: str, index: str) -> list[int]:
    hit = cache.get(key)
    if hit is None:  # (two threads may both compute it: the same list, kept once)
        hit = []
        for base, part in parts:
            own = getattr(part, index).get(key)
            if own:
                hit.extend([base + i for i in own] if base else own)
        cache[key] = hit
    return hit


class Catalogue:
    """Every course offering in the store, by graph, with the filters of /courses over them."""

    def __init__(self, store: GraphStore, contrib_dir: Path, built: str | None) -> None:
        self.store = store
        self.contrib_dir = contrib_dir
        self.built = built
        self._lock = threading.Lock()
        self._by_graph: dict[str, _Part] = {}
        self._derived: _Derived | None = None
        book = CodeBook.load(store)
        self.levels = book.rank_of  # level -> (rank, scale)
        self.matches: dict[str, set[str]] = defaultdict(set)
        for r in select(store, "exact_match_pairs").rows:
            self.matches[str(r["a"])].add(str(r["b"]))
        self._version = contrib.version(self.contrib_dir)  # (before the files: a write meanwhile is seen)
        self._seen = self._files()  # owner file -> the mtime its graphs were read at (None: being written)
        for row in select(store, "course_graphs").rows:
            self._load(str(row["g"]))
        self._derive()  # here, in the loading thread: not in the first request (0.2 s at 1M triples)

    # -- keeping up with the files -------------------------------------------------------------

    def _files(self) -> dict[str, float | None]:
        files = contrib.owner_files(self.contrib_dir, "providers")
        if not files:
            return {}
        busy = {owner for owner, kind in contrib.pending(self.contrib_dir) if kind == "providers"}
        return {owner: None if owner in busy else mtime for owner, mtime in files.items()}

    def _changed(self, now: dict[str, float | None]) -> set[str]:
        return {
            o for o in now.keys() | self._seen.keys() if now.get(o) is None or now.get(o) != self._seen.get(o)
        }

    def refresh(self) -> None:
        """Reload the graphs of every provider whose file changed, appeared or went since the last
        read (a provider being written, None, is read again next time), and index them again before
        any reader sees the change: until then readers keep the index as it was. The files are listed
        only when the contributed data's version changed (three stats, not one per owner)."""
        version = contrib.version(self.contrib_dir)
        if version == self._version:
            return
        with self._lock:  # (the check again: another thread may have done it meanwhile)
            if version == self._version:
                return
            now = self._files()
            changed = self._changed(now)
            for owner in changed:
                names = contrib.graph_names(owner)
                for graph in (names["data"], names["about"]):
                    self._by_graph.pop(graph, None)
                    self._load(graph)
            self._seen = now
            if not any(mtime is None for mtime in now.values()):  # (one being written: list again next time)
                self._version = version
            if changed:
                self._derived = self._compute()

    def _load(self, graph: str) -> None:
        courses: dict[str, dict[str, Any]] = {}
        for r in select(self.store, "course_index", g=URIRef(graph)).rows:  # one fact a row
            entry = courses.setdefault(
                str(r["course"]),
                {"provider": str(r["provider"]), "example": False, "outcomes": [], "title": {}, "mode": None},
            )
            if "status" in r:
                entry["example"] = entry["example"] or str(r["status"]).endswith("#Example")
            if "mode" in r:
                entry["mode"] = min(filter(None, (entry["mode"], str(r["mode"]))))  # (one, if several)
            if "level" in r:
                entry["outcomes"].append((str(r["outcome"]), str(r["taught"]), str(r["level"])))
            title = r.get("title")
            if isinstance(title, Literal):
                entry["title"].setdefault(title.language or "", str(title))
        found: list[Course] = []
        for iri, e in courses.items():
            outcomes: list[tuple[str, str]] = []
            for _, taught, level in sorted(e["outcomes"]):  # in the outcomes' IRI order, as rest/course.rq
                if (taught, level) not in outcomes:
                    outcomes.append((taught, level))
            titles = tuple(sorted(e["title"].items()))
            found.append(Course(iri, e["provider"], e["example"], tuple(outcomes), titles, e["mode"]))
        if found:
            found.sort(key=lambda c: c.iri)
            self._by_graph[graph] = _Part(found, *self._index(found))

    # -- filters -------------------------------------------------------------------------------

    def _derive(self) -> _Derived:
        derived = self._derived
        if derived is None:
            with self._lock:  # one thread computes it; the others wait for that one
                derived = self._derived
                if derived is None:
                    derived = self._derived = self._compute()
        return derived

    def _compute(self) -> _Derived:
        """Every graph's courses in one IRI order, with positions by competence: at load and after a
        change. A provider's course IRIs are its own (provider/{id}/course/...), so graphs follow one
        another in IRI order and their indexes are joined, not redone (a full sort and index took
        about 1 s at 10M triples); graphs whose courses interleave are sorted and indexed whole."""
        parts = sorted(self._by_graph.values(), key=lambda p: p.courses[0].iri)
        if all(a.courses[-1].iri < b.courses[0].iri for a, b in pairwise(parts)):
            order: list[Course] = []
            placed: list[tuple[int, _Part]] = []
            for part in parts:
                placed.append((len(order), part))
                order += part.courses
            return _Derived(order, placed)
        seen: dict[str, Course] = {}
        for part in parts:
            for c in part.courses:
                seen.setdefault(c.iri, c)
        order = sorted(seen.values(), key=lambda c: c.iri)
        return _Derived(order, [(0, _Part(order, *self._index(order)))])

    def _index(
        self, order: list[Course]
    ) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
        """Positions in ``order`` by competence taught, exact matches included, and without them;
        and by provider."""
        by_competence: dict[str, list[int]] = defaultdict(list)
        by_taught: dict[str, list[int]] = defaultdict(list)
        by_provider: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(order):
            by_provider[c.provider].append(i)
            for taught in {t for t, _ in c.outcomes}:
                by_taught[taught].append(i)
                for competence in {taught} | self.matches.get(taught, set()):
                    listed = by_competence[competence]
                    if not listed or listed[-1] != i:
                        listed.append(i)
        return dict(by_competence), dict(by_taught), dict(by_provider)

    def _teaches(self, c: Course, f: CourseFilter) -> bool:
        competence = str(f.competence) if f.competence is not None else None
        least = self.levels.get(str(f.min_level)) if f.min_level is not None else None
        if f.min_level is not None and least is None:
            return False
        for taught, level in c.outcomes:
            if (
                competence is not None
                and competence != taught
                and competence not in self.matches.get(taught, ())
            ):
                continue
            if least is not None:
                rank, scale = self.levels.get(level, (None, None))
                if rank is None or scale != least[1] or rank < least[0]:
                    continue
            return True
        return False

    def select(self, f: CourseFilter) -> tuple[list[Course], list[int]]:
        """The courses (all, in IRI order) and the positions of those that pass ``f``."""
        d = self._derive()
        hit = d.selected.get(f)
        if hit is None:
            # a competence's courses are listed already; a level is checked on each outcome
            provider = str(f.provider) if f.provider is not None else None
            if f.competence:
                pool: Sequence[int] = d.by_competence(str(f.competence))
            else:
                pool = d.by_provider(provider) if provider is not None else range(len(d.order))
            hit = [
                i
                for i in pool
                if (provider is None or d.order[i].provider == provider)
                and (f.min_level is None or self._teaches(d.order[i], f))
            ]
            if len(d.selected) > 512:  # filters are few (competences x levels x providers): a bound anyway
                d.selected.clear()
            d.selected[f] = hit
        return d.order, hit

    def count_teaching(self, competences: frozenset[str]) -> int:
        """How many courses have an outcome that names one of ``competences`` itself (no matches)."""
        d = self._derive()
        found: set[int] = set()
        for competence in competences:
            found.update(d.by_taught(competence))
        return len(found)

    def coverage(self, provider: str) -> list[tuple[str, str, int, int]]:
        """What ``provider``'s courses teach, as rest/provider_coverage.rq counts it: (competence,
        scale, the highest rank taught on it, how many courses teach it), by competence and scale.
        A pass over the provider's own courses, not the catalogue's outcomes."""
        d = self._derive()
        best: dict[tuple[str, str], int] = {}
        courses: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i in d.by_provider(provider):
            for taught, level in d.order[i].outcomes:
                if level not in self.levels:
                    continue  # (a level without a rank: the query's join drops it too)
                rank, scale = self.levels[level]
                key = (taught, scale)
                best[key] = max(rank, best.get(key, rank))
                courses[key].add(i)
        return [(c, scale, best[(c, scale)], len(courses[(c, scale)])) for c, scale in sorted(best)]

    def count(self, f: CourseFilter) -> int:
        return len(self.select(f)[1])

    def page(self, f: CourseFilter, limit: int, offset: int) -> list[Course]:
        order, hit = self.select(f)
        return [order[i] for i in hit[offset : offset + limit]]

    def recommend(
        self, competence: str, required: str, current: float, limit: int
    ) -> tuple[list[tuple[Course, str, int]], int]:
        """For a gap: the ``limit`` best courses (each with its best outcome's level and rank), ranked
        as gap_courses.rq ranks them, and how many courses would help at all."""
        d = self._derive()
        if required not in self.levels:
            return [], 0
        key = (competence, required, current)
        hit = d.recommended.get(key)
        if hit is None:  # a gap is asked again and again with the same few ranks: ranked once each
            hit = self._rank(d, competence, required, current)
            if len(d.recommended) > 4096:
                d.recommended.clear()
            d.recommended[key] = hit
        ranked, total = hit
        return ranked[:limit], total

    def _rank(
        self, d: _Derived, competence: str, required: str, current: float
    ) -> tuple[list[tuple[Course, str, int]], int]:
        """Every course that would help, best first (kept to ``KEPT``), and how many there are."""
        need, scale = self.levels[required]
        ranked = []
        for i in d.by_competence(competence):
            c = d.order[i]
            steps = []
            for taught, level in c.outcomes:
                rank, on = self.levels.get(level, (0, ""))
                same = taught == competence or competence in self.matches.get(taught, ())
                if same and on == scale and rank > current:
                    steps.append((rank >= need, -abs(rank - need), level, rank))
            if steps:
                _, _, level, rank = max(steps)
                ranked.append(((rank < need, abs(rank - need), c.example, c.iri), c, level, rank))
        ranked.sort(key=lambda r: r[0])
        return [(c, level, rank) for _, c, level, rank in ranked[:KEPT]], len(ranked)
