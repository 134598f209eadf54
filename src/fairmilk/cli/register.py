"""Commands: register (the experience register): import, moderate, search, synthesise."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli import moderators, observations
from fairmilk.cli.moderation import Setter, moderation_commands
from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.cli.register_io import (
    RegisterUrlOption,
    dumps,
    publish_copy,
    reading,
    said,
    store,
    table,
    use_url,
    warning_line,
)
from fairmilk.cli.web import serve_register
from fairmilk.errors import InputError
from fairmilk.text import msg

AllOption = Annotated[
    bool, typer.Option("--all", help="Include unpublished submissions (moderators only).")
]

app = typer.Typer(
    name="register",
    help="The experience register: CFS call-for-experiences forms and field observations.",
    no_args_is_help=True,
)


@app.callback()
def _options(register_url: RegisterUrlOption = None) -> None:
    """The experience register: CFS call-for-experiences forms and field observations."""
    use_url(register_url)


@app.command("sync")
def sync(db: DbOption = None) -> None:
    """Copy the published register rows into a new version of the store (if they changed)."""
    publish_copy(db)
    typer.echo("the store holds the register's published rows")


@app.command("import")
def import_form(
    file: Annotated[
        Path, typer.Argument(help="Filled form: .txt, .docx or .pdf (told by content).")
    ],
    fmt: FormatOption = "json",
    save: Annotated[bool, typer.Option("--save", help="Store it as pending moderation.")] = False,
    db: DbOption = None,
) -> None:
    """Read a filled form and print the record (answers, citations, facts, warnings)."""
    from fairmilk.register.importer import import_file
    from fairmilk.register.submissions import save_submission

    record = import_file(file)
    if check_format(fmt) == "json":
        typer.echo(dumps(record.to_dict()))
    else:
        rows = [{"field": k, "value": v} for k, v in record.values.items() if v not in (None, [])]
        table(f"{file.name} ({record.form})", rows, ["field", "value"], fmt)
    for warning in record.warnings:
        typer.echo(warning_line(warning), err=True)
    if save:
        with store(db) as con:
            sid, created = save_submission(con, record, via="cli")
        state = (
            msg("{id}: stored as pending", id=sid)
            if created
            else msg("{id}: already stored", id=sid)
        )
        typer.echo(said(state), err=True)


@app.command("blank-form")
def blank_form_() -> None:
    """Print the blank form as text (fill it in under each question, then import or upload)."""
    from fairmilk.register.blank import blank_form

    typer.echo(blank_form())


@app.command("list")
def list_(
    status: Annotated[
        str | None, typer.Option("--status", help="pending, published or rejected.")
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List stored submissions (no contact details)."""
    from fairmilk.register.submissions import list_submissions

    with reading(db) as con:
        rows = list_submissions(con, status=status)
    table("Submissions", rows, ["id", "status", "title", "year", "warnings", "received_at"], fmt)


@app.command("show")
def show(
    submission: Annotated[str, typer.Argument(help="Submission id.")],
    contact: Annotated[bool, typer.Option("--contact", help="Also print contact details.")] = False,
    db: DbOption = None,
) -> None:
    """Print one stored submission as JSON (contact details only with --contact)."""
    from fairmilk.register.submissions import contact_of, get_submission

    with reading(db) as con:
        data = get_submission(con, submission, public=False)
        if data is None:
            raise InputError(msg("no submission with id {id!r}", id=submission),
                             expected=msg("an id from 'list'"))  # fmt: skip
        if contact:
            data["contact"] = contact_of(con, submission)
    typer.echo(dumps(data))


def _set_submission() -> Setter:
    from fairmilk.register.submissions import set_status

    return set_status


moderation_commands(app, "submission", _set_submission)


@app.command("search")
def search_(
    query: Annotated[str, typer.Argument(help="Words to find (each as a word prefix).")] = "",
    set_: Annotated[
        int | None, typer.Option("--set", help="Set of recommendations: 1, 2 or 3.")
    ] = None,
    recommendation: Annotated[
        str | None, typer.Option("--recommendation", help="PR-18, VII.A, 2:18 ...")
    ] = None,
    sdg: Annotated[int | None, typer.Option("--sdg", help="SDG number ticked.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="ISO alpha-2 or region id.")
    ] = None,
    affiliation: Annotated[
        str | None, typer.Option("--affiliation", help="e.g. civil_society.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year of the call.")] = None,
    all_: AllOption = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Full-text search with filters; published submissions only unless --all."""
    from fairmilk.register.search import Filters, search

    filters = Filters(set_, recommendation, sdg, country, affiliation, year)
    with reading(db) as con:
        rows = search(con, query, filters, public=not all_)
    table("Search results", rows, ["id", "title", "year", "status", "score"], fmt)


@app.command("synthesis")
def synthesis_(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="Labels in en or fr (table).")] = "en",
    all_: AllOption = False,
    db: DbOption = None,
) -> None:
    """Counts by year, set, SDG, affiliation, place and recommendation cited."""
    from fairmilk.outputs.tables import Result, to_csv
    from fairmilk.register.synthesis import CSV_COLUMNS, synthesis, synthesis_rows

    if lang not in ("en", "fr"):
        raise typer.BadParameter(f"expected en or fr, found {lang!r}", param_hint="--lang")
    with reading(db) as con:
        data = synthesis(con, public=not all_)
    if check_format(fmt) == "json":
        typer.echo(dumps(data))
    elif fmt == "csv":
        result = Result("Register synthesis", list(CSV_COLUMNS), synthesis_rows(data))
        sys.stdout.write(to_csv(result))
    else:
        for block in data["breakdowns"].values():
            rows = [{"label": r[f"label_{lang}"], "count": r["count"]} for r in block["rows"]]
            table(block[f"title_{lang}"], rows, ["label", "count"], "table")
        typer.echo(f"Total: {data['total']}")


def register(main: typer.Typer) -> None:
    """Add this module's commands to app."""
    main.add_typer(app, name="register")


app.add_typer(moderators.app, name="moderators")
app.add_typer(observations.app, name="observations")
app.command("audit")(moderators.audit)
app.command("serve")(serve_register)
