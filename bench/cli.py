"""`python -m bench --scale 100k|1m` (what `make bench` runs): the benchmark lives beside the library,
not in it, and drives it only as users do (the CLI, HTTP)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from bench.runner import SCALES, run
from kg.core.settings import ROOT

console = Console()
err = Console(stderr=True)


def bench_cmd(scale: Annotated[str, typer.Option(help="100k or 1m")] = "100k") -> None:
    """Benchmark build, queries, upload and start-up on a synthetic graph; writes bench/results/."""
    if scale not in SCALES:
        err.print(f"[red]--scale must be one of {', '.join(SCALES)}[/red]")
        raise typer.Exit(2)
    run(scale, ROOT / "bench" / "results", lambda stage: err.print(f"[bold]{stage}[/bold] ..."))
    console.print((ROOT / "bench" / "results" / f"{scale}.md").read_text())


def main() -> None:
    typer.run(bench_cmd)
