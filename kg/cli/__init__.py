"""The ``dkk`` command line: build, validate, query, stats, import-sources, export, release, serve."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli import formats
from kg.cli import frameworks as cli_frameworks
from kg.cli import mappings as cli_mappings
from kg.cli import profiles as cli_profiles
from kg.cli import providers as cli_providers
from kg.cli import releases as cli_releases
from kg.cli import users as cli_users
from kg.cli.common import console, emit, err, language, say, store_or_exit
from kg.core.settings import Settings, get_settings
from kg.pipeline.build import BuildError, build, prepare
from kg.pipeline.graph_files import GraphFile, iter_graph_files
from kg.pipeline.importers.common import SourceError
from kg.pipeline.importers.run import IMPORTERS, import_sources
from kg.pipeline.loader import LoadError, load_files
from kg.pipeline.publish import publish
from kg.pipeline.reasoning import validation_view
from kg.pipeline.stats import stats as compute_stats
from kg.pipeline.validation import Report, validate
from kg.store import SelectResult, StoreError
from kg.store.dumps import DUMP_FORMATS
from kg.store.sparql_results import write_answer

app = typer.Typer(
    help="DKK knowledge graph of digital competences.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

# The build's stages, as its progress line names them in the reader's language.
STAGE_WORDS = {
    "load": lambda: say("stage.load"),
    "reason": lambda: say("stage.reason"),
    "validate": lambda: say("stage.validate"),
    "store": lambda: say("stage.store"),
}
BUILD_STAGES = tuple(STAGE_WORDS)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def print_report(report: Report, lang: str | None = None, limit: int = 200) -> None:
    """The violations, each message in ``lang`` (the shapes' sh:message in Danish or English)."""
    table = Table(title=say("shacl.problems", n=len(report.violations)), show_lines=True)
    for heading in (
        say("shacl.focus"),
        say("shacl.path"),
        say("column.value"),
        say("shacl.message"),
        "shape",
    ):
        table.add_column(heading, overflow="fold")
    for v in report.violations[:limit]:
        table.add_row(
            v.focus,
            v.path or "",
            v.value or "",
            escape(v.message(lang or language())),
            v.shape.rsplit("#", 1)[-1],
        )
    err.print(table)
    if len(report.violations) > limit:
        err.print(say("shacl.more", n=len(report.violations) - limit))


@app.command("build")
def build_cmd() -> None:
    """Load ontology and data, reason, validate, and (re)build the embedded store."""
    settings = get_settings()
    with _progress() as progress:
        task = progress.add_task(say("building"), total=len(BUILD_STAGES))
        done: list[str] = []

        def step(stage: str) -> None:
            if done:
                progress.advance(task)
            done.append(stage)
            progress.update(task, description=STAGE_WORDS[stage]() if stage in STAGE_WORDS else stage)

        try:
            result = build(settings, step)
        except (BuildError, LoadError, StoreError) as exc:
            progress.stop()
            err.print(f"[red]{say('build.failed')}[/red] {escape(str(exc))}")
            if isinstance(exc, BuildError) and exc.report:
                print_report(exc.report)
                err.print(say("build.fix"))
            raise typer.Exit(1) from exc
        progress.update(task, completed=len(BUILD_STAGES), description=say("built.short"))
    secs = ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items())
    console.print(
        say(
            "built",
            path=str(result.store_path),
            triples=result.triples,
            inferred=result.inferred,
            graphs=len(result.graphs),
            seconds=secs,
        )
    )
    if settings.sparql_endpoint:  # a deployment that serves from a remote store: send it the build
        _publish(settings, if_stale=False)


def _publish(settings: Settings, *, if_stale: bool) -> None:
    with _progress() as progress:
        task = progress.add_task(say("publishing", endpoint=settings.sparql_endpoint), total=None)

        def step(graph: str, triples: int) -> None:
            progress.update(
                task,
                description=say("published.graph", graph=graph.rsplit("/graph/", 1)[-1], triples=triples),
            )

        try:
            done = publish(settings, if_stale=if_stale, progress=step)
        except StoreError as exc:
            progress.stop()
            err.print(f"[red]{say('publish.failed')}[/red] {escape(str(exc))}")
            err.print(say("publish.again"))
            raise typer.Exit(1) from exc
    if done.skipped:
        console.print(
            say("publish.skipped.same")
            if done.skipped == "same"
            else say("publish.skipped.newer", build=done.build)
        )
        return
    ways = ", ".join(sorted(set(done.how.values())))
    console.print(
        say(
            "published",
            graphs=len(done.graphs),
            triples=sum(done.graphs.values()),
            ways=ways,
            endpoint=settings.sparql_endpoint,
            seconds=f"{done.seconds:.1f}",
            dropped=len(done.dropped),
        )
    )


@app.command("publish")
def publish_cmd(
    if_stale: Annotated[
        bool, typer.Option("--if-stale", help="Only when the remote holds no build or an older one.")
    ] = False,
) -> None:
    """Send the embedded build to the remote store (DKK_SPARQL_ENDPOINT), graph by graph."""
    settings = get_settings()
    if if_stale and not settings.sparql_endpoint:
        return  # (`make run` asks on every start; with the embedded store there is nothing to do)
    _publish(settings, if_stale=if_stale)


@app.command("validate")
def validate_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Turtle files to check with the shipped graph.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Language of the messages: da or en (default: from LANG).")
    ] = None,
) -> None:
    """Validate the shipped graph, or FILES together with it; exit 1 on any violation."""
    settings = get_settings()
    try:
        if not files:
            prepare(settings)
            console.print(say("conforms"))
            return
        missing = [f for f in files if not f.is_file()]
        if missing:
            err.print(f"[red]{say('no_such_file')}[/red] {escape(', '.join(map(str, missing)))}")
            raise typer.Exit(2)
        shipped = [
            gf for gf in iter_graph_files(settings) if gf.path.resolve() not in {f.resolve() for f in files}
        ]
        extra = [GraphFile(f, f"urn:dkk:upload:{i}", "data") for i, f in enumerate(files)]
        loaded = load_files([*shipped, *extra], settings.base_iri)
    except BuildError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        if exc.report:
            print_report(exc.report, lang)
        raise typer.Exit(1) from exc
    except LoadError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from exc
    view = validation_view(
        loaded.union(["ontology"]), loaded.union(["ontology", "data", "example", "contrib"])
    )
    report = validate(view, loaded.union(["shapes"]))
    if report.conforms:
        console.print(say("files_conform", n=len(files)))
        return
    print_report(report, lang)
    raise typer.Exit(1)


@app.command("query")
def query_cmd(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, '-' for stdin, or @FILE.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Run a read-only SPARQL query against the store (default graph = union of all graphs)."""
    if sparql == "-":
        sparql = sys.stdin.read()
    elif sparql.startswith("@"):
        sparql = Path(sparql[1:]).read_text(encoding="utf-8")
    store = store_or_exit()
    try:
        result = store.query(sparql)
    except StoreError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from exc
    graph = not isinstance(result, bool | SelectResult)
    if fmt is OutputFormat.json:  # the W3C formats, by the writer /sparql uses
        media_type = "application/ld+json" if graph else "application/sparql-results+json"
        sys.stdout.write(write_answer(result, media_type).decode() + "\n")
    elif fmt is OutputFormat.csv:
        sys.stdout.write(write_answer(result, "application/n-triples" if graph else "text/csv").decode())
    else:
        console.print(formats.to_table(result))


@app.command("stats")
def stats_cmd() -> None:
    """Counts per class and per named graph in the built store."""
    s = compute_stats(store_or_exit())
    console.print(formats.to_table(s.graphs, title=say("stats.graphs")))
    console.print(formats.to_table(s.classes, title=say("stats.classes")))
    console.print(say("stats.total", n=s.total))


@app.command("import-sources")
def import_sources_cmd(
    sources: Annotated[Path | None, typer.Argument(help="The shared sources folder.")] = None,
) -> None:
    """Regenerate the generated files in data/ from the public source files."""
    settings = get_settings()
    folder = sources or settings.sources_dir
    with _progress() as progress:
        task = progress.add_task(say("importing"), total=len(IMPORTERS))

        def step(name: str, count: int) -> None:
            progress.update(task, advance=1, description=say("imported.file", name=name, n=count))

        try:
            written = import_sources(folder, settings.data_dir, step)
        except SourceError as exc:
            progress.stop()
            err.print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(1) from exc
    console.print(
        say("imported", triples=sum(written.values()), files=len(written), folder=str(settings.data_dir))
    )


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, trig or jsonld.")] = "nq",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the whole dataset: with named graphs (nq, trig, jsonld) or as their union (ttl, nt)."""
    if fmt not in DUMP_FORMATS:
        unknown, use = (
            say("export.unknown", format=repr(fmt)),
            say("export.use", formats=", ".join(DUMP_FORMATS)),
        )
        err.print(f"[red]{unknown}[/red] {use}")
        raise typer.Exit(2)
    data = store_or_exit().dump(fmt)
    emit(data, output)
    if output is not None:
        err.print(say("export.wrote", bytes=len(data), path=str(output), name=DUMP_FORMATS[fmt].name))


app.command("release")(cli_releases.release_cmd)
app.add_typer(cli_providers.providers_app, name="providers")
app.add_typer(cli_providers.keys_app, name="keys")
app.add_typer(cli_providers.courses_app, name="courses")
app.add_typer(cli_mappings.app, name="mappings")
app.add_typer(cli_frameworks.frameworks_app, name="frameworks")
app.add_typer(cli_users.users_app, name="users")
app.add_typer(cli_profiles.municipalities_app, name="municipalities")
app.add_typer(cli_profiles.profiles_app, name="profiles")


@app.command("suggest")
def suggest_cmd(
    text: Annotated[str, typer.Argument(help="A course title and description (Danish or English).")],
    framework: Annotated[str | None, typer.Option(help="Only this framework, e.g. digcomp3.")] = None,
    limit: int = 5,
) -> None:
    """Suggest competences (and DigComp 3.0 learning outcomes) for a course text."""
    from kg.core.namespaces import ID
    from kg.services.suggest import Index

    index = Index.build(store_or_exit())
    found = index.competences(text, str(ID[framework]) if framework else None, limit)
    table = Table(title=say("suggest.competences"))
    for heading in (say("suggest.competence"), say("suggest.score"), say("suggest.evidence")):
        table.add_column(heading, overflow="fold")
    for c in found:
        table.add_row(formats.short(URIRef(c.iri)), f"{c.score:.2f}", ", ".join(c.evidence))
    console.print(table)
    outcomes = Table(title=say("suggest.outcomes"))
    for heading in (say("suggest.outcome"), say("suggest.level"), say("suggest.text")):
        outcomes.add_column(heading, overflow="fold")
    for o in index.learning_outcomes(text, [c.iri for c in found], limit):
        outcomes.add_row(o.iri.rsplit("/", 1)[-1], o.level or "", o.text or "")
    console.print(outcomes)


@app.command("serve")
def serve_cmd(
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve the HTTP API on the built store."""
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=host, port=port)


if __name__ == "__main__":
    app()
