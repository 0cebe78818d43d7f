"""`dkk municipalities add`, `dkk profiles derive` and `dkk profiles diff`: local tailoring."""

from __future__ import annotations

from typing import Annotated

import typer
from rdflib import URIRef
from rich.table import Table

from kg.cli.common import console, err, reconcile_now, refusal, report_and_exit, say, store_or_exit
from kg.core import namespaces as ns
from kg.core.errors import ServiceError
from kg.core.settings import get_settings
from kg.services import profile_versions, providers
from kg.services.problems import UploadRejected
from kg.services.profiles import resolve
from kg.services.tailoring import Derivation, diff
from kg.store.db import open_database

municipalities_app = typer.Typer(help="Municipalities that tailor profiles (admin).", no_args_is_help=True)
profiles_app = typer.Typer(help="Competence profiles: derive local ones, compare them.", no_args_is_help=True)


@municipalities_app.command("add")
def municipalities_add(
    municipality: str,
    name: Annotated[str, typer.Option(help="Name (Danish).")],
    name_en: Annotated[str | None, typer.Option()] = None,
    url: Annotated[str | None, typer.Option(help="The municipality's public website.")] = None,
    example: Annotated[bool, typer.Option(help="A made-up municipality for tests and demos.")] = False,
) -> None:
    """Register a municipality; then `dkk keys create ID --municipality` gives it a key."""
    try:
        providers.add_municipality(
            get_settings().contrib_dir_resolved(), municipality, name, name_en, url, example
        )
    except providers.ProviderError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    reconcile_now()
    console.print(say("municipality.created", id=municipality))


def _pair(text: str) -> tuple[str, str, str | None]:
    code, _, rest = text.partition("=")
    level, _, importance = rest.partition(":")
    return code, level, importance or None


@profiles_app.command("derive")
def profiles_derive(
    profile_id: str,
    municipality: Annotated[str, typer.Option()],
    base: Annotated[str, typer.Option(help="The profile to derive from, e.g. example/profile/sosu.")],
    label: Annotated[str, typer.Option(help="Name (Danish).")],
    label_en: Annotated[str | None, typer.Option()] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="CODE=LEVEL[:essential|optional]")] = None,
    remove: Annotated[list[str] | None, typer.Option(help="A competence code not to inherit.")] = None,
    local: Annotated[list[str] | None, typer.Option(help="ID=Danish name=LEVEL: a local competence.")] = None,
    version: Annotated[
        int | None, typer.Option(help="The newest version, which this edits (none for a new profile).")
    ] = None,
    reason: Annotated[str, typer.Option(help="Why: kept with the version.")] = "",
) -> None:
    """Derive a local profile from a base: changed levels, removals, local competences. Saved as a new
    version (as on the site and through the API), refused if VERSION is not the newest."""
    locals_: list[tuple[str, str, str | None, str]] = []
    for item in local or []:
        parts = item.split("=")
        if len(parts) != 3:
            err.print(f"[red]{say('local.format', item=repr(item))}[/red]")
            raise typer.Exit(2)
        locals_.append((parts[0], parts[1], None, parts[2]))
    spec = Derivation(
        profile_id, base, label, label_en, [_pair(s) for s in set_ or []], list(remove or []), locals_
    )
    settings = get_settings()
    store = store_or_exit(writable=True)
    try:
        database = open_database(settings.database_url_resolved())
        profile, number = profile_versions.save(
            store, settings.contrib_dir_resolved(), database, municipality, spec, "cli", reason, version
        )
    except (UploadRejected, providers.ProviderError) as exc:
        report_and_exit(exc)
    except ServiceError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    console.print(say("profile.derived", profile=profile, version=number))


@profiles_app.command("diff")
def profiles_diff(profile: str, base: Annotated[str | None, typer.Option()] = None) -> None:
    """What PROFILE adds, removes and changes relative to BASE (default: what it derives from)."""
    store = store_or_exit()
    mine = resolve(store, URIRef(profile) if profile.startswith("http") else ns.ID[profile])
    if mine is None:
        err.print(f"[red]{say('profile.unknown', profile=profile)}[/red]")
        raise typer.Exit(1)
    base_iri = (ns.ID[base] if base else URIRef(mine.chain[-2])) if (base or len(mine.chain) > 1) else None
    theirs = resolve(store, base_iri) if base_iri else None
    if theirs is None:
        err.print(f"[red]{say('profile.no_base')}[/red]")
        raise typer.Exit(1)
    d = diff(mine, theirs)
    table = Table(title=say("diff.title", profile=profile, base=str(base_iri).rsplit("/id/", 1)[-1]))
    for heading in (say("diff.change"), say("suggest.competence"), say("diff.rank")):
        table.add_column(heading)
    for c in d.added:
        table.add_row(say("diff.added"), c.rsplit("/id/", 1)[-1], "")
    for c in d.removed:
        table.add_row(say("diff.removed"), c.rsplit("/id/", 1)[-1], "")
    for c, a, b in d.changed:
        table.add_row(say("diff.changed"), c.rsplit("/id/", 1)[-1], f"{a} -> {b}")
    console.print(table)
    console.print(say("diff.same", n=d.same))
