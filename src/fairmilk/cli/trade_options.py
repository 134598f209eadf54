"""Options of the trade commands and of ``export``: filters, groupings and the read-only store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.config import db_path
from fairmilk.indicators.trade_keys import DEFAULT_BY, GROUP_KEYS

if TYPE_CHECKING:
    import duckdb

CATEGORIES = (
    "liquid_milk, cream, smp, wmp, ffmp, butter, cheese, whey, condensed, yoghurt, "
    "infant_formula, other"
)
DEFAULT_BY_TEXT = ",".join(DEFAULT_BY)

Exporter = Annotated[
    str | None,
    typer.Option("--exporter", help="Exporters: ISO2 codes or region ids, comma-separated "
                 "(e.g. IE,PL or eu27).", show_default=False),
]  # fmt: skip
Destination = Annotated[
    str | None,
    typer.Option("--destination", help="Destinations: ISO2 codes or region ids (west-africa, "
                 "ecowas, waemu, aes, eu27, eu28), comma-separated; regions are dated.",
                 show_default=False),
]  # fmt: skip
Category = Annotated[
    str | None,
    typer.Option("--category", help=f"Categories, comma-separated: {CATEGORIES}.",
                 show_default=False),
]  # fmt: skip
Start = Annotated[
    str | None,
    typer.Option("--from", help="First period: a year (2019) or a month (2019-03).",
                 show_default=False),
]  # fmt: skip
End = Annotated[
    str | None,
    typer.Option("--to", help="Last period: a year (2024) or a month (2024-12).",
                 show_default=False),
]  # fmt: skip
Flow = Annotated[str, typer.Option("--flow", help="export or import.")]
By = Annotated[
    str,
    typer.Option("--by", help=f"Group by, comma-separated: {', '.join(GROUP_KEYS)}."),
]


def split_list(text: str | None) -> list[str] | None:
    """The items of a comma-separated option (None when there are none)."""
    if text is None:
        return None
    items = [t.strip() for t in text.split(",") if t.strip()]
    return items or None


def read_store(db: Path | None) -> duckdb.DuckDBPyConnection:
    """The store, opened read-only."""
    from fairmilk.store import open_store

    return open_store(db_path(db), read_only=True)


def checked_areas(
    exporter: str | None, destination: str | None
) -> tuple[list[str] | None, list[str] | None]:
    """The --exporter and --destination codes, each checked (an unknown one exits with 2)."""
    from fairmilk.outputs.availability import check_areas
    from fairmilk.reference.geo import REGIONS

    return (
        check_areas(split_list(exporter), param="--exporter", regions=REGIONS),
        check_areas(split_list(destination), param="--destination", regions=REGIONS),
    )
