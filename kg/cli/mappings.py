"""`dkk mappings ...`: validate, export and measure the coverage of the SSSOM mapping sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.cli.common import emit, say, store_or_exit
from kg.core import namespaces as ns
from kg.core.settings import get_settings
from kg.pipeline.mapping_check import check, mapping_files
from kg.services.mapping_views import coverage, export

ESCO_DIGCOMP = "http://data.europa.eu/esco/concept-scheme/digcomp"
app = typer.Typer(help="SSSOM mapping sets (data/mappings/*.sssom.tsv).", no_args_is_help=True)
console = Console()
err = Console(stderr=True)


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="Default: data/mappings.")] = None,
) -> None:
    """sssom-py validation, terms exist, no contradictions; cardinality. Exit 1 on any issue."""
    paths = files or mapping_files(get_settings().data_dir)
    report = check(paths, store_or_exit())
    table = Table(title=say("mappings.cardinality"))
    for heading in (say("mappings.set"), "1:1", "1:n", "n:1", "n:n"):
        table.add_column(heading)
    for file, counts in sorted(report.cardinality.items()):
        table.add_row(file, *(str(counts.get(k, 0)) for k in ("1:1", "1:n", "n:1", "n:n")))
    console.print(table)
    if report.ok:
        console.print(say("mappings.valid", n=len(report.mappings), sets=len(paths)))
        return
    issues = Table(title=say("mappings.problems", n=len(report.issues)), show_lines=True)
    for heading in (say("mappings.kind"), say("mappings.file"), say("column.row"), say("column.problem")):
        issues.add_column(heading, overflow="fold")
    for i in report.issues:
        issues.add_row(i.kind, i.file, str(i.row or ""), escape(i.message))
    err.print(issues)
    raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="sssom, ttl or json.")] = "sssom",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """All mapping sets as one SSSOM/TSV, SSSOM JSON or Turtle."""
    if fmt not in ("sssom", "ttl", "json"):
        unknown, use = say("export.unknown", format=repr(fmt)), say("export.use", formats="sssom, ttl, json")
        err.print(f"[red]{unknown}[/red] {use}")
        raise typer.Exit(2)
    data = export(mapping_files(get_settings().data_dir), fmt)
    emit(data, output)


@app.command("coverage")
def coverage_cmd(source: str, target: str) -> None:
    """Which concepts of SOURCE (e.g. kl-wheel) are mapped to TARGET (e.g. digcomp3), how, and which not."""

    def scheme(name: str) -> URIRef:
        return URIRef(ESCO_DIGCOMP) if name == "esco" else ns.ID[name]

    cov = coverage(store_or_exit(), scheme(source), scheme(target))
    table = Table(title=f"{source} -> {target}")
    for heading in (say("mappings.concept"), say("mappings.to")):
        table.add_column(heading, overflow="fold")
    for concept in sorted(set(cov.mapped) | set(cov.unmapped)):
        links = "; ".join(
            f"{p.rsplit('#')[-1]} {o.rsplit('/', 1)[-1]}" for p, o, _ in cov.mapped.get(concept, [])
        )
        table.add_row(f"{concept.rsplit('/', 1)[-1]} {cov.labels.get(concept, '')}", links or "-")
    console.print(table)
    total = len(cov.mapped) + len(cov.unmapped)
    by = ", ".join(f"{k} {v}" for k, v in sorted(cov.by_predicate().items()))
    console.print(
        say("mappings.coverage", mapped=len(cov.mapped), total=total, by=by, unmapped=len(cov.unmapped))
    )
