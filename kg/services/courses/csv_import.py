"""Course catalogues from CSV, as providers' spreadsheets write them.

Read with the one table reader (``kg.core.tables``: UTF-8 with or without a BOM,
Windows-1252, ``;``, ``,`` or tab), decimal commas. One row per course;
up to nine competences per course in ``competence_N`` / ``level_N`` column pairs.
Every problem names the row (the header is row 1) and the column.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.core import namespaces as ns
from kg.core.namespaces import ELM, SCHEMA
from kg.core.settings import get_settings
from kg.core.tables import Table
from kg.services.codes import CodeBook, unknown_competence, unknown_level
from kg.services.courses.template import MAX_COMPETENCES, REQUIRED
from kg.services.problems import Parsed, Problem

MAX_PROBLEMS = 500  # a report longer than this helps nobody, and costs memory
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def modes() -> dict[str, URIRef]:
    """What providers write in the mode column (Danish and English), and the learning mode it names."""
    return {
        "online": ns.DKK.Online,
        "in-person": ns.DKK.InPerson,
        "inperson": ns.DKK.InPerson,
        "fremmøde": ns.DKK.InPerson,
        "fremmode": ns.DKK.InPerson,
        "blended": ns.DKK.Blended,
        "blandet": ns.DKK.Blended,
        "hybrid": ns.DKK.Blended,
    }


def course_namespace(provider: str) -> str:
    return str(ns.ID[f"provider/{provider}/course/"])


def hours_to_duration(hours: float) -> str:
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return f"PT{h}H{m}M" if m else f"PT{h}H"


def duration_to_hours(duration: str) -> float | None:
    """The inverse of hours_to_duration: PT7H30M -> 7.5; None for what it does not write."""
    found = re.fullmatch(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?", duration)
    if found is None or not any(found.groups()):
        return None
    return float(found.group(1) or 0) + float(found.group(2) or 0) / 60


def number(text: str) -> float | None:
    try:
        return float(text.strip().replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _p(
    key: str, values: dict[str, object] | None, row: int, column: str, value: str, course: str | None = None
) -> Problem:
    """The problem row.<key> of the catalogue at ``row`` and ``column``."""
    return Problem.of(key, values, row=row, column=column, field=column, value=value or None, course=course)


def _stopped(n: int, max_rows: int, problems: bool) -> Problem:
    """Reading stops at the row limit (memory follows the rows), or after enough problems to fix."""
    if problems:
        return Problem.of("csv.stopped", {"row": n, "most": MAX_PROBLEMS}, row=n)
    return Problem.of("csv.too_many_rows", {"most": max_rows}, row=n, field="file")


def parse_csv(data: bytes, provider: str, book: CodeBook) -> Parsed:
    out = Parsed()
    table = Table(data, fold_header=True)
    if table.empty:
        out.problems.append(Problem.of("file_empty", row=1))
        return out
    header = table.header
    missing = table.missing(REQUIRED)
    if missing or not ({"title_da", "title_en"} & set(header)):
        need = ", ".join(
            [*missing, *(["title_da or title_en"] if not {"title_da", "title_en"} & set(header) else [])]
        )
        out.problems.append(Problem.of("csv.header", {"need": need}, row=1))
        return out
    seen: dict[str, int] = {}
    stem = course_namespace(provider)
    provider_iri = ns.ID[f"provider/{provider}"]
    max_rows = get_settings().max_upload_rows
    for n, row in table.rows():
        if n - 1 > max_rows or len(out.problems) >= MAX_PROBLEMS:
            out.problems.append(_stopped(n, max_rows, len(out.problems) >= MAX_PROBLEMS))
            break
        cid = row.get("course_id", "").lower()
        if not COURSE_ID.match(cid):
            out.problems.append(_p("csv.course_id", None, n, "course_id", row.get("course_id", "")))
            continue
        if cid in seen:
            out.problems.append(
                _p("csv.course_id_twice", {"id": cid, "row": seen[cid]}, n, "course_id", cid, cid)
            )
            continue
        seen[cid] = n
        course = URIRef(stem + cid)
        out.courses.append(course)
        out.rows[str(course)] = n
        _course(out, course, provider_iri, row, n, cid)
        _outcomes(out, course, row, n, cid, book)
    if not out.courses and not out.problems:
        out.problems.append(Problem.of("csv.no_rows", row=2))
    return out


def _course(out: Parsed, course: URIRef, provider: URIRef, row: dict[str, str], n: int, cid: str) -> None:
    g = out.graph
    g.add((course, RDF.type, ns.DKK.CourseOffering))
    g.add((course, ns.DKK.offeredBy, provider))
    if not (row.get("title_da") or row.get("title_en")):
        out.problems.append(_p("csv.title", None, n, "title_da", "", cid))
    for lang in ("da", "en"):
        if row.get(f"title_{lang}"):
            g.add((course, DCTERMS.title, Literal(row[f"title_{lang}"], lang=lang)))
        if row.get(f"description_{lang}"):
            g.add((course, DCTERMS.description, Literal(row[f"description_{lang}"], lang=lang)))
    if row.get("url"):
        if re.match(r"^https?://[^\s<>\"]+$", row["url"]):
            g.add((course, SCHEMA.url, URIRef(row["url"])))
        else:
            out.problems.append(_p("csv.url", None, n, "url", row["url"], cid))
    language = row.get("language", "").lower() or "da"
    if re.match(r"^[a-z]{2}$", language):
        g.add((course, SCHEMA.inLanguage, Literal(language)))
    else:
        out.problems.append(_p("csv.language", None, n, "language", row["language"], cid))
    if row.get("mode"):
        mode = modes().get(row["mode"].lower())
        if mode is None:
            out.problems.append(_p("csv.mode", None, n, "mode", row["mode"], cid))
        else:
            g.add((course, ns.DKK.mode, mode))
    for column, to_rdf in (
        ("hours", lambda v: (ELM.volumeOfLearning, Literal(hours_to_duration(v), datatype=XSD.duration))),
        ("ects", lambda v: (SCHEMA.numberOfCredits, Literal(str(v), datatype=XSD.decimal))),
    ):
        if row.get(column):
            value = number(row[column])
            if value is None or value < 0:
                out.problems.append(_p("csv.number", {"column": column}, n, column, row[column], cid))
            else:
                g.add((course, *to_rdf(value)))


def _outcomes(out: Parsed, course: URIRef, row: dict[str, str], n: int, cid: str, book: CodeBook) -> None:
    count = 0
    for i in range(1, MAX_COMPETENCES + 1):
        code, level_name = row.get(f"competence_{i}", ""), row.get(f"level_{i}", "")
        if not code and not level_name:
            continue
        column = f"competence_{i}"
        competence = book.competence(code) if code else None
        if competence is None:
            out.problems.append(unknown_competence(code, row=n, column=column, field=column, course=cid))
            continue
        level = book.level(competence, level_name) if level_name else None
        if level is None:
            out.problems.append(
                unknown_level(
                    book,
                    code,
                    competence,
                    level_name,
                    row=n,
                    column=f"level_{i}",
                    field=f"level_{i}",
                    course=cid,
                )
            )
            continue
        count += 1
        outcome = URIRef(f"{course}/outcome/{count}")
        out.rows[str(outcome)] = n
        out.columns[str(outcome)] = column
        out.graph.add((course, ns.DKK.hasOutcome, outcome))
        out.graph.add((outcome, RDF.type, ns.DKK.CourseOutcome))
        out.graph.add((outcome, ns.DKK.teachesCompetence, competence))
        out.graph.add((outcome, ns.DKK.targetLevel, level))
