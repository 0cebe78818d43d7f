"""`python -m bench --scale 100k|1m|5m|10m` (`make bench` runs 100k and 1m; `make bench-long` 5m and
10m): the benchmark lives beside the library, not in it, and drives it only as users do (the CLI, HTTP).
After each run, bench/results/growth.md gathers every user path's p95 across the scales measured."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from bench.paths_report import growth
from bench.runner import SCALES, run
from kg.core.settings import ROOT

console = Console()
err = Console(stderr=True)


def bench_cmd(scale: Annotated[str, typer.Option(help="100k, 1m, 5m or 10m")] = "100k") -> None:
    """Benchmark build, queries, user paths, upload and start-up on a synthetic graph; writes
    bench/results/<scale>.json and .md, and growth.md."""
    if scale not in SCALES:
        err.print(f"[red]--scale must be one of {', '.join(SCALES)}[/red]")
        raise typer.Exit(2)
    results = ROOT / "bench" / "results"
    run(scale, results, lambda stage: err.print(f"[bold]{stage}[/bold] ..."))
    (results / "growth.md").write_text(growth(results))
    console.print((results / f"{scale}.md").read_text())


def main() -> None:
    typer.run(bench_cmd)
