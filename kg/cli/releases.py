"""`dkk release X.Y.Z`: freeze the public graph into a citable release (kg.pipeline.release)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from kg.cli.common import console, err, say, store_or_exit
from kg.core.settings import get_settings
from kg.pipeline.release import ReleaseError, make_release
from kg.services.releases import graph_terms, summary


def release_cmd(
    version: Annotated[str, typer.Argument(help="The new version, three numbers: 0.2.0.")],
) -> None:
    """Freeze the public graph (not what providers and municipalities contribute) into an immutable
    release: N-Quads and Turtle dumps with SHA-256 sums, a DCAT description, the ontology stamped with
    the release's version IRI, and a changelog against the previous release. Served at /releases."""
    settings = get_settings()
    store = store_or_exit()
    try:
        folder = make_release(
            settings, store, version, graph_terms(store), lambda m: err.print(f"… {escape(m)}")
        )
    except ReleaseError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from exc
    info = summary(settings.releases_dir_resolved(), version)
    for f in info["files"]:
        if f["sha256"]:
            console.print(
                say("release.file", sha=f["sha256"], name=f["name"], bytes=f["bytes"]), soft_wrap=True
            )
    changes = ", ".join(
        f"{part} +{n.get('added', 0)} -{n.get('removed', 0)} ~{n.get('changed', 0)}"
        for part, n in info["changes"].items()
    )
    console.print(
        say(
            "release.made" if info["previous"] else "release.first",
            version=version,
            folder=str(folder),
            previous=info["previous"] or "",
            changes=changes,
        ),
        soft_wrap=True,
    )
