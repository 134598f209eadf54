"""Commands: serve (the dashboard and open API) and report (country briefs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli.options import DbOption
from fairmilk.cli.register_io import RegisterUrlOption
from fairmilk.config import cache_dir, db_path

SYNC_EVERY = 30.0  # seconds between checks for publications made by other servers


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    register: Annotated[
        bool,
        typer.Option(
            "--register/--no-register",
            help="Take contributions to the register (moderated before anything is public; "
            "the store is opened for writing). --no-register serves a read-only store.",
        ),
    ] = True,
    writable: Annotated[
        bool, typer.Option("--writable", hidden=True, help="Kept for old scripts: the default.")
    ] = False,
    register_url: RegisterUrlOption = None,
) -> None:
    """Serve the dashboard, the open API and the register (contributions are moderated).

    Computed results are also kept under the cache folder (results/), keyed by the store's
    state, so that the next start is warm. Pages for the public never write to the store;
    only register posts (drafts, submissions, moderation) do.
    """
    from fairmilk.web import create_app
    from fairmilk.web.server import serve as run

    takes = register or writable
    results = cache_dir() / "results"  # computed results kept for the next start
    app = create_app(db_path(db), read_only=not takes, warm=True, results_dir=results,
                     register_url=register_url, sync_every=SYNC_EVERY)  # fmt: skip
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
    typer.echo(f"fairmilk dashboard: http://{shown}:{port}/  (API: http://{shown}:{port}/api/v1/)")
    if takes:
        typer.echo(
            f"The register takes contributions (moderated): http://{shown}:{port}/register/ "
            "(--no-register turns this off)."
        )
    else:
        typer.echo("Read-only: the register takes no contributions.")
    typer.echo("Press Ctrl+C to stop.")
    run(app, host=host, port=port)


def report(
    country: Annotated[str, typer.Option("--country", help="ISO 3166 alpha-2 code, e.g. SN.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the brief into.")],
    lang: Annotated[str, typer.Option("--lang", help="Language: en or fr.")] = "en",
    db: DbOption = None,
) -> None:
    """Write a country brief (HTML and PDF) with key figures, charts and sources."""
    from fairmilk.outputs.reports import write_brief
    from fairmilk.store import open_store
    from fairmilk.web.views.country import brief_entries

    con = open_store(db_path(db), read_only=True)
    try:
        entries = brief_entries(con, country, lang)
        paths = write_brief(con, country, lang=lang, out=out, entries=entries)
    finally:
        con.close()
    for path in paths:
        typer.echo(str(path))


def serve_register(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.", min=1, max=65535)] = 8000,
    register_url: RegisterUrlOption = None,
) -> None:
    """Serve the dashboard with a writable store, so the register forms accept posts."""
    from fairmilk.web import create_app
    from fairmilk.web.server import serve as run

    app = create_app(db_path(db), read_only=False, register_url=register_url)
    typer.echo(f"fairmilk with the register open for submissions: http://{host}:{port}/register/")
    run(app, host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("serve")(serve)
    app.command("report")(report)
