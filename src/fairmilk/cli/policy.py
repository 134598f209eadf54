"""Commands: policy simulators (registered on the main app). Results are model output."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption
from fairmilk.cli.prices import Many, open_prices, show
from fairmilk.errors import ParameterError
from fairmilk.reference.geo import members

if TYPE_CHECKING:
    import duckdb

policy_app = typer.Typer(
    help="Policy simulators (model output): EMB MRP, ECOWAS tariffs, milk offensive.",
    no_args_is_help=True,
)
Pct = Annotated[float, typer.Option()]


@policy_app.command("mrp")
def mrp(
    geo: Annotated[str, typer.Option(help="Series geo (price and full cost), e.g. DE.")] = "DE",
    price_weight: Annotated[float, typer.Option(help="Index weight of price/cost.")] = 1.0,
    product_weight: Annotated[float, typer.Option(help="Weight of product value/cost.")] = 0.0,
    window: Annotated[int, typer.Option(help="Moving average, observations.")] = 1,
    deliveries: Annotated[
        float | None,
        typer.Option(help="Monthly deliveries, t (assumption; default: Eurostat D1100D / 12)."),
    ] = None,
    months_per_step: Annotated[float, typer.Option(help="Months per observation.")] = 3.0,
    participation_pct: Pct = 30.0,
    compulsory_cut_pct: Pct = 2.5,
    bonus: Annotated[float, typer.Option(help="Bonus, EUR/100 kg (assumption).")] = 14.0,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Simulate the EMB Market Responsibility Programme on a stored price/cost series.

    Without --deliveries, each period's deliveries are Eurostat's deliveries to dairies of
    its year / 12 (column deliveries_source); a year Eurostat lacks stays a gap.
    """
    from fairmilk.policy.mrp import MrpParams
    from fairmilk.policy.mrp_run import run_mrp

    params = MrpParams(
        price_weight=price_weight, product_weight=product_weight, window=window,
        participation_pct=participation_pct, compulsory_cut_pct=compulsory_cut_pct,
        bonus_eur_per_100kg=bonus, monthly_deliveries_t=deliveries,
        months_per_step=months_per_step,
    )  # fmt: skip
    with open_prices(db) as con:
        _ensure_deliveries(con)
        timeline, comparison = run_mrp(con, geo=geo, params=params)
    show(timeline, fmt)
    show(comparison, fmt)


def _ensure_deliveries(con: duckdb.DuckDBPyConnection) -> None:
    """Load the embedded reference (Eurostat deliveries among it) into a store without it."""
    from fairmilk.policy.mrp_run import DELIVERIES
    from fairmilk.store.reference import load_reference

    found = con.execute("SELECT count(*) FROM observations WHERE series = ?", [DELIVERIES])
    row = found.fetchone()
    if not row or row[0] == 0:
        load_reference(con)


def _pairs(items: list[str] | None, what: str) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ParameterError(f"{what}: expected NAME=RATE, found {item!r}")
        try:
            out[key.strip()] = None if value.strip() in ("", "none") else float(value)
        except ValueError:
            raise ParameterError(f"{what}: expected a number after '=', found {item!r}") from None
    return out


@policy_app.command("tariffs")
def tariffs(
    band: Annotated[list[str] | None, typer.Option(help="POWDER=RATE, e.g. smp=35.")] = None,
    levy: Annotated[list[str] | None, typer.Option(help="MEASURE=RATE (or =none).")] = None,
    include: Annotated[list[str] | None, typer.Option(help="Planned measure to add.")] = None,
    elasticity: Annotated[list[float] | None, typer.Option(help="Import elasticity.")] = None,
    country: Many = None,
    powder: Many = None,
    year: Annotated[int | None, typer.Option(help="Year (default: latest local price).")] = None,
    freight_pct: Pct = 11.4,
    margin_pct: Pct = 0.0,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """ECOWAS tariff scenario: landed cost per litre and gap, before and after."""
    from fairmilk.indicators.perlitre import PerLitreParams
    from fairmilk.policy.tariffs import DEFAULT_ELASTICITIES, TariffScenario, tariff_scenario_table

    bands = {k: v for k, v in _pairs(band, "--band").items() if v is not None}
    scenario = TariffScenario(
        duty_pct=bands, levy_pct=_pairs(levy, "--levy"), include=tuple(include or ()),
        elasticities=tuple(elasticity or DEFAULT_ELASTICITIES),
    )  # fmt: skip
    params = PerLitreParams(freight_pct=freight_pct, margin_pct=margin_pct)
    with open_prices(db) as con:
        frame = tariff_scenario_table(
            con, scenario, countries=country or (), powders=powder or ("smp", "wmp", "ffmp"),
            params=params, year=year,
        )  # fmt: skip
    show(frame, fmt)


@policy_app.command("offensive")
def offensive(
    target: Annotated[float, typer.Option(help="Target share of local milk, %.")] = 20.0,
    country: Many = None,
    fmt: FormatOption = "table",
) -> None:
    """Milk-offensive tracker: local milk in dairy processing vs the ECOWAS target."""
    from fairmilk.policy.offensive import offensive_table

    countries = country or sorted(members("west-africa", date.today()))
    show(offensive_table(countries=countries, target_pct=target), fmt)


def register(app: typer.Typer) -> None:
    """Add the ``policy`` command group to app."""
    app.add_typer(policy_app, name="policy")
