"""Commands: serve (the dashboard and open API) and report (country briefs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli.options import DbOption
from fairmilk.config import cache_dir, db_path


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    writable: Annotated[
        bool,
        typer.Option(
            "--writable",
            help="Open the store for writing so the register accepts submissions and "
            "moderation; by default every page reads a read-only store.",
        ),
    ] = False,
) -> None:
    """Serve the dashboard and the open API from the store (read-only); print its URL.

    Computed results are also kept under the cache folder (results/), keyed by the store's
    state, so that the next start is warm.
    """
    from fairmilk.web import create_app
    from fairmilk.web.server import serve as run

    results = cache_dir() / "results"  # computed results kept for the next start
    app = create_app(db_path(db), read_only=not writable, warm=True, results_dir=results)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
    typer.echo(f"fairmilk dashboard: http://{shown}:{port}/  (API: http://{shown}:{port}/api/v1/)")
    if writable:
        typer.echo("The store is open for writing: the register accepts submissions.")
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
) -> None:
    """Serve the dashboard with a writable store, so the register forms accept posts."""
    from fairmilk.web import create_app
    from fairmilk.web.server import serve as run

    app = create_app(db_path(db), read_only=False)
    typer.echo(f"fairmilk with the register open for submissions: http://{host}:{port}/register/")
    run(app, host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("serve")(serve)
    app.command("report")(report)
