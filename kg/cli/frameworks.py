"""`dkk frameworks`: exchange frameworks and profiles with CASE tools (1EdTech CASE 1.1 packages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import emit, err, refusal, report_and_exit, say, store_or_exit
from kg.core.errors import ServiceError
from kg.core.frameworks import frameworks
from kg.core.settings import get_settings
from kg.pipeline.importers.common import write_turtle
from kg.services import case
from kg.services.case_import import framework_from_package
from kg.services.problems import UploadRejected

frameworks_app = typer.Typer(
    help="Competence frameworks: CASE 1.1 packages in and out.", no_args_is_help=True
)


@frameworks_app.command("export-case")
def export_case(
    document: Annotated[str, typer.Argument(help="A framework key (digcomp3), or a profile's IRI.")],
    lang: Annotated[str, typer.Option(help="The language of the text: en or da.")] = "en",
    output: Annotated[Path | None, typer.Option(help="The file to write (default: standard output).")] = None,
) -> None:
    """A framework or profile as a CASE 1.1 CFPackage (JSON)."""
    base = get_settings().base_iri
    iri = next((fw.scheme_iri(base) for fw in frameworks() if fw.key == document), document)
    store = store_or_exit()
    try:
        package = case.package(store, case.case_id(iri), lang)
    except ServiceError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    emit(json.dumps(package, ensure_ascii=False, indent=1).encode(), output)
    err.print(say("case.exported", items=len(package.get("CFItems", [])), file=str(output or "-")))


@frameworks_app.command("import-case")
def import_case(
    file: Path,
    key: Annotated[str, typer.Option(help="The new framework's key: its IRIs are <base>id/<key>/...")],
    output: Annotated[Path | None, typer.Option(help="Default: data/<key>.ttl.")] = None,
) -> None:
    """A CASE 1.1 CFPackage as a new framework's data file, checked against our shapes first."""
    store = store_or_exit()
    try:
        graph = framework_from_package(store, file.read_bytes(), key)
    except UploadRejected as exc:
        report_and_exit(exc)
        return
    finally:
        store.close()
    target = output or get_settings().data_dir / f"{key}.ttl"
    n = write_turtle(
        graph, target, f"{key}: imported from the CASE 1.1 package {file.name}.", "dkk frameworks import-case"
    )
    err.print(say("case.imported", n=n, file=str(target), framework=key))
