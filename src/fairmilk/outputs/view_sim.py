"""The policy simulators page: EMB Market Responsibility Programme and ECOWAS tariff scenario.

Every parameter is a GET field, so a link reproduces the scenario; outputs are labelled
model output by the simulators themselves.
"""

from __future__ import annotations

import duckdb

from fairmilk.indicators.frame import Frame
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.view_policy import (
    CET_BANDS,
    chart_from,
    computed,
    controls_for,
    fmt_param,
    number,
)
from fairmilk.outputs.views import POWDER_IDS, Control, Query, View, area, choice

MRP_FIELDS = (
    ("participation_pct", "Share of deliveries whose producers cut (%)", 30.0, 0.0, 100.0),
    ("voluntary_cut_pct", "Voluntary cut for the bonus (%)", 5.0, 0.0, 100.0),
    ("compulsory_cut_pct", "Compulsory cut in the crisis phase (%)", 2.5, 0.0, 100.0),
    ("bonus_eur_per_100kg", "Bonus (EUR per 100 kg not delivered)", 14.0, 0.0, 1000.0),
)
# As the CLI: price/cost index over single quarterly observations (the BAL series), since
# no product-value series is stored; volumes from Eurostat deliveries (see mrp_run).
MRP_BASE = {"price_weight": 1.0, "product_weight": 0.0, "window": 1, "months_per_step": 3.0}


def simulators_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """The MRP simulator on a country's stored series, and a tariff scenario per powder."""
    _ = translator(lang)
    view = View("simulators", _("Policy simulators"), lang, {})
    view.intro = _(
        "Change a parameter and press Show: the link then holds the whole scenario. "
        "Results are model output, not published figures."
    )
    _mrp(con, query, view)
    _tariff(con, query, view)
    return view


def _mrp(con: duckdb.DuckDBPyConnection, query: Query, view: View) -> None:
    from fairmilk.policy.mrp import NO_INDEX_NOTE, MrpParams
    from fairmilk.policy.mrp_run import run_mrp

    _ = translator(view.lang)
    geo = area(query, "mrp_geo", "DE")
    values = {name: number(query, name, d, lo, hi) for name, _l, d, lo, hi in MRP_FIELDS}
    params = MrpParams(**MRP_BASE, **values)  # type: ignore[arg-type]
    view.params |= {"mrp_geo": geo} | {k: fmt_param(v) for k, v in values.items()}
    fields: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("mrp_geo", "MRP: country (ISO code)", [])
    ]
    fields += [(name, label, []) for name, label, *_r in MRP_FIELDS]
    view.controls += controls_for(view.lang, view.params, fields)
    view.controls[0].kind = "text"
    frames: dict[str, Frame] = {}

    def part(i: int) -> Frame:
        if not frames:
            timeline, comparison = run_mrp(con, geo=geo, params=params)
            frames.update(timeline=timeline, comparison=comparison)
        return frames["timeline" if i == 0 else "comparison"]

    timeline = computed("mrp", _("MRP simulation: market index and phases"), lambda: part(0),
                        view.lang)  # fmt: skip
    chart_from(timeline, x="period", y="market_index", color=None, kind="line",
               y_title=_("market index"))  # fmt: skip
    if timeline.chart is None and no_index(timeline.result):
        timeline.note = _(NO_INDEX_NOTE)  # says why there is no chart, in the page language
    view.blocks.append(timeline)
    view.blocks.append(
        computed("mrp-2016", _("MRP simulation vs the 2016 EU scheme"), lambda: part(1), view.lang)
    )


def no_index(result: Frame) -> bool:
    """Whether a computed MRP timeline has no period with a market index (or no period at all).

    That is when the simulator notes ``NO_INDEX_NOTE``; read from the data, not from the
    (translated) text of the notes. A table that could not be computed has no columns.
    """
    if "market_index" not in result.columns:
        return False
    return all(value is None for value in result.column("market_index"))


def _tariff(con: duckdb.DuckDBPyConnection, query: Query, view: View) -> None:
    from fairmilk.indicators.price_tables import west_africa
    from fairmilk.policy.tariffs import TariffScenario, tariff_scenario_table

    _ = translator(view.lang)
    duties = {p: choice(query, f"duty_{p}", ("", *CET_BANDS), "") for p in POWDER_IDS}
    view.params |= {f"duty_{p}": d for p, d in duties.items()}
    options = [("", _("unchanged")), *((b, f"{b} %") for b in CET_BANDS)]
    view.controls += [
        Control(f"duty_{p}", _("CET duty on {powder} (%)", powder=p.upper()), d, options)
        for p, d in duties.items()
    ]
    scenario = TariffScenario(duty_pct={p: float(d) for p, d in duties.items() if d})
    block = computed(
        "tariff",
        _("Tariff scenario: landed cost per litre"),
        lambda: tariff_scenario_table(con, scenario, countries=west_africa()),
        view.lang,
    )
    view.blocks.append(block)
