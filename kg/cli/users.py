"""`dkk users create-admin` and `dkk users list`: the people who sign in to the site."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.common import console, err, language, reconcile_now, refusal, say
from kg.core.errors import said
from kg.core.settings import get_settings
from kg.services import accounts, providers
from kg.store.db import open_database

users_app = typer.Typer(
    help="Accounts for the site (the first administrator, and a list).", no_args_is_help=True
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt(say("password.ask"), hide_input=True)
    if typer.prompt(say("password.again"), hide_input=True) != first:
        err.print(f"[red]{say('password.differ')}[/red]")
        raise typer.Exit(1)
    return str(first)


@users_app.command("create-admin")
def create_admin(
    email: str,
    organisation: Annotated[
        str | None, typer.Option("--municipality", help="The municipality (its id) the person administers.")
    ] = None,
    operator: Annotated[bool, typer.Option(help="An operator of the whole service instead.")] = False,
    name: Annotated[str, typer.Option(help="The person's name.")] = "",
    municipality_name: Annotated[
        str | None,
        typer.Option(help="The municipality's name, to set it up for tailoring if it is not yet."),
    ] = None,
    municipality_url: Annotated[
        str | None, typer.Option(help="Its public website: the source that names it (a real one needs it).")
    ] = None,
    example: Annotated[bool, typer.Option(help="A made-up municipality, for trying the site out.")] = False,
    password_stdin: Annotated[bool, typer.Option(help="Read the password from standard input.")] = False,
) -> None:
    """Create an administrator: of a municipality (who then invites its people on the site), or with
    --operator, of the whole service."""
    if operator == bool(organisation):
        err.print(f"[red]{say('admin.which')}[/red]")
        raise typer.Exit(2)
    role = "operator" if operator else "municipality_admin"
    settings = get_settings()
    contrib_dir = settings.contrib_dir_resolved()
    if organisation and not providers.exists(contrib_dir, organisation, "municipalities"):
        if not municipality_name:
            err.print(f"[red]{say('admin.not_set_up', id=organisation)}[/red]")
            raise typer.Exit(2)
        try:
            providers.add_municipality(
                contrib_dir, organisation, municipality_name, url=municipality_url, example=example
            )
        except providers.ProviderError as exc:
            err.print(f"[red]{refusal(exc)}[/red]")
            raise typer.Exit(1) from exc
        reconcile_now()
    database = open_database(settings.database_url_resolved())
    try:
        made = accounts.create_user(
            database, email, name, _password(password_stdin), role, organisation or ""
        )
    except accounts.AccountError as exc:
        err.print(f"[red]{refusal(exc)}[/red]")
        raise typer.Exit(1) from exc
    role_name = said(f"role.{role}", language())
    if organisation:
        console.print(say("admin.created.of", email=made.email, role=role_name, id=organisation))
    else:
        console.print(say("admin.created", email=made.email, role=role_name))


@users_app.command("list")
def list_users(organisation: Annotated[str, typer.Argument(help="A municipality or provider id.")]) -> None:
    """The people of an organisation, with their roles and open invitations."""
    database = open_database(get_settings().database_url_resolved())
    table = Table(say("users.email"), say("users.name"), say("users.role"), say("users.state"))
    for p in accounts.members(database, organisation):
        table.add_row(
            str(p["email"]),
            str(p["name"]),
            said(f"role.{p['role']}", language()),
            say("users.invited") if p["pending"] else say("users.active"),
        )
    console.print(table)
