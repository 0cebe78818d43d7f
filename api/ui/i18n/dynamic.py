"""The message keys the site makes at run time (``t('role.' + role)``, ``t('a' if x else 'b')``), which no
extractor can read off a call: for Babel's extraction (babel.cfg, ``make messages``) and for the test that
every key used is translated. Reasons and audit actions are read from the code that raises or logs them,
so a new one cannot ship without its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "api" / "ui" / "templates"
# The statuses whose problem pages have a title of their own in each language (problem.title.<status>).
PROBLEM_TITLES = (400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503, 504)


def _in_code(pattern: str) -> set[str]:
    return {
        m
        for path in [*ROOT.glob("kg/**/*.py"), *ROOT.glob("api/**/*.py")]
        for m in re.findall(pattern, path.read_text(encoding="utf-8"))
    }


def endings() -> dict[str, list[str]]:
    """Each key prefix a template completes from data, with every ending it can get."""
    from kg.services.accounts import ROLES

    return {
        "concept.label.": ["da", "en"],
        "skos.": ["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"],
        "importance.": ["Essential", "Optional", "none"],
        "track.": ["StaffDevelopment", "CitizenReadiness"],
        "mode.": ["Online", "InPerson", "Blended"],
        "problem.title.": [
            "400",
            "401",
            "403",
            "404",
            "405",
            "409",
            "413",
            "415",
            "422",
            "429",
            "500",
            "503",
            "504",
        ],
        "prov.": ["example", "proposed", "contributed"],
        "releases.part.": ["concepts", "labels", "mappings", "profiles"],
        "releases.": ["added", "removed", "changed"],
        "account.error.": sorted(_in_code(r'AccountError\(\s*\d+,\s*"(\w+)"') | _in_code(r'reason="(\w+)"')),
        "role.": list(ROLES),
        # every action the code writes to the audit log (the key actions are written as key.{action})
        "audit.action.": sorted(
            _in_code(r'audit\(\s*db,\s*[^,]+,\s*"([a-z.]+)"')
            | _in_code(r'record\(\s*[^,]+,\s*[^,]+,\s*"([a-z.]+)"')
            | _in_code(r'"(profile\.(?:saved|restored|retired))"')
            | {"key.create", "key.revoke", "key.rotate"}
        ),
        "tailor.action.": ["save", "restore", "retire"],
        "tailor.": ["essential", "optional", "unspecified"],
        "relation.": ["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"],
        "ksa.": ["Knowledge", "Skill", "Attitude"],
        "search.kind.": ["area", "competence", "skill"],
        "lang.only.": ["da", "en"],  # render._text: a text shown in a language that is not the page's
    }


def keys() -> set[str]:
    """Every key a template makes at run time."""
    found: set[str] = set()
    ends = endings()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for prefix in re.findall(r"t\('([A-Za-z.]+\.)' ?[+~]", text):
            found |= {prefix + end for end in ends[prefix]}
        for a, b in re.findall(r"t\('([a-z.]+)' if [^']+ else '([a-z.]+)'", text):
            found |= {a, b}
    return found | {"lang.only." + end for end in ends["lang.only."]} | refusals()


def _field_faults() -> tuple[str, ...]:
    from api.problems import FIELD_FAULTS

    return FIELD_FAULTS


def refusals() -> set[str]:
    """The words of every refusal and row problem the code raises by key (kg.core.errors.refused,
    kg.services.problems.Problem.of), every CLI message (kg.cli.common.say), and every message the code
    reads by its whole key (kg.core.errors.said)."""
    from api.problems import HTTP_STATUSES
    from kg.services.refs import UNKNOWN

    problems = (
        {f"http.{status}" for status in HTTP_STATUSES}
        | {"http.other"}
        | _in_code(r'refused\(\s*\d+,\s*"([\w.]+)"')
        | _in_code(r'refused\(\s*\d+,\s*"[\w.]+" if [^,]+ else "([\w.]+)"')  # one of two
        | _in_code(r'ProviderError\(\s*"([\w.]+)"')
        | _in_code(r'ProviderError\(\s*"[\w.]+" if [^,]+ else "([\w.]+)"')
        | _in_code(r'rejected="([\w.]+)"')  # api.writes.write's title when a write is refused
        | {f"unknown.{kind}" for kind in UNKNOWN}
    )
    return (
        {f"problem.{k}" for k in problems}
        | {f"problem.{k}.detail" for k in problems}
        | {f"row.{k}" for k in _in_code(r'Problem\.of\(\s*"([\w.]+)"')}
        | {f"row.{k}" for k in _in_code(r'Problem\.of\(\s*"[\w.]+" if [^,]+ else "([\w.]+)"')}
        | {f"row.{k}" for k in _in_code(r'\b_p\(\s*"([\w.]+)"')}  # courses.csv_import
        | {f"row.ownership.{k}" for k in ("outside", "type", "property", "value")}
        | {f"row.ownership.value.{rule}" for rule in ("literal", "own", "shared", "web")}
        | {f"cli.{k}" for k in _in_code(r'\bsay\(\s*"([\w.]+)"')}
        | {f"cli.{k}" for k in _in_code(r'\bsay\(\s*"[\w.]+" if [^,]+ else "([\w.]+)"')}
        | {f"cli.{k}" for k in _in_code(r"\bsay\('([\w.]+)'")}  # inside an f-string
        | _in_code(r'\bsaid\(\s*"([\w.]+)"')  # a whole key, read with kg.core.errors.said
        | _in_code(r'\bsaid\(\s*"[\w.]+" if [^,]+ else "([\w.]+)"')
        | {f"problem.field.{kind}" for kind in _field_faults()}
    )


def extract(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list]]:
    """A Babel extraction method (babel.cfg): the keys above, as if each were a call t('key')."""
    for key in sorted(keys()):
        yield 1, "t", key, []
