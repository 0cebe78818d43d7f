"""`dkk providers`, `dkk keys`, `dkk courses`: providers, their keys and their catalogues (admin)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rdflib.namespace import RDF
from rich.markup import escape

from kg.cli.common import console, emit, err, reconcile_now, refusal, report_and_exit, say, store_or_exit
from kg.core.errors import ServiceError
from kg.core.namespaces import ELM
from kg.core.settings import get_settings
from kg.services import providers
from kg.services.courses.export import FORMATS, provider_elm, serialise
from kg.services.courses.service import delete_course, format_of, import_courses
from kg.services.problems import UploadRejected

providers_app = typer.Typer(help="Providers of competence development (admin).", no_args_is_help=True)
keys_app = typer.Typer(help="API keys of providers (admin).", no_args_is_help=True)
courses_app = typer.Typer(help="Course catalogues of providers.", no_args_is_help=True)


@providers_app.command("add")
def providers_add(
    provider: Annotated[str, typer.Argument(help="Id: 2-63 characters of a-z, 0-9 and '-'.")],
    name: Annotated[str, typer.Option(help="Name (Danish).")],
    name_en: Annotated[str | None, typer.Option(help="Name in English.")] = None,
    url: Annotated[str | None, typer.Option(help="The provider's public website (its source).")] = None,
    example: Annotated[bool, typer.Option(help="A made-up provider for tests and demos.")] = False,
) -> None:
    """Create a provider; its catalogue graph exists from its first upload."""
    try:
        providers.add_provider(get_settings().contrib_dir_resolved(), provider, name, name_en, url, example)
    except providers.ProviderError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    reconcile_now()
    console.print(say("provider.created", id=provider))


@keys_app.command("create")
def keys_create(
    provider: Annotated[
        str, typer.Argument(help="A provider id (or a municipality id with --municipality).")
    ],
    municipality: Annotated[bool, typer.Option(help="The id is a municipality's.")] = False,
) -> None:
    """Create an API key; it is shown once and stored only as a hash."""
    try:
        kind = "municipalities" if municipality else "providers"
        token = providers.create_key(get_settings().contrib_dir_resolved(), provider, kind)
    except providers.ProviderError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    err.print(say("key.created", id=provider))
    sys.stdout.write(token + "\n")


@courses_app.command("import")
def courses_import(
    file: Path,
    provider: Annotated[str, typer.Option(help="The provider whose catalogue this is.")],
    mode: Annotated[str, typer.Option(help="replace (default) or merge.")] = "replace",
    dry_run: Annotated[bool, typer.Option(help="Validate only; change nothing.")] = False,
    lang: Annotated[
        str | None, typer.Option(help="Language of the problem report: da or en (default: from LANG).")
    ] = None,
) -> None:
    """Import a catalogue (CSV, Turtle or JSON-LD); all-or-nothing, recorded with PROV."""
    if not file.is_file():
        err.print(f"[red]{say('no_such_file')} {escape(str(file))}[/red]")
        raise typer.Exit(2)
    store = store_or_exit(writable=True)
    try:
        fmt = format_of(file.name, None)
        result = import_courses(
            store,
            get_settings().contrib_dir_resolved(),
            provider,
            file.read_bytes(),
            file.name,
            fmt,
            mode=mode,
            dry_run=dry_run,
            agent="admin",
        )
    except (UploadRejected, providers.ProviderError) as exc:
        report_and_exit(exc, lang)
    finally:
        store.close()
    console.print(
        say(
            "courses.checked" if dry_run else "courses.imported",
            n=len(result.courses),
            id=provider,
            mode=mode,
            total=result.total_courses,
        )
    )


@courses_app.command("export")
def courses_export(
    provider: Annotated[str, typer.Option(help="A provider id (myschool), or the IRI of any provider.")],
    format: Annotated[str, typer.Option(help="elm-jsonld (default) or elm-ttl.")] = "elm-jsonld",
    output: Annotated[Path | None, typer.Option(help="The file to write (default: standard output).")] = None,
) -> None:
    """A provider's catalogue in the European Learning Model 3.1 (JSON-LD or Turtle), as published."""
    if format not in FORMATS:
        err.print(f"[red]{say('courses.export_format', format=format, formats=', '.join(FORMATS))}[/red]")
        raise typer.Exit(2)
    store = store_or_exit(writable=False)
    try:
        graph, _ = provider_elm(store, provider)
    except ServiceError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    emit(serialise(graph, format), output)
    n = len(set(graph.subjects(RDF.type, ELM.LearningOpportunity)))
    err.print(say("courses.exported", n=n, id=provider, format=format, file=str(output or "-")))


@courses_app.command("delete")
def courses_delete(course_id: str, provider: Annotated[str, typer.Option()]) -> None:
    """Delete one course from a provider's catalogue."""
    store = store_or_exit(writable=True)
    try:
        delete_course(store, get_settings().contrib_dir_resolved(), provider, course_id)
    except providers.ProviderError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    console.print(say("course.deleted", course=course_id, id=provider))
