"""The policy pages: the milk offensive tracker and the simulators (EMB MRP, ECOWAS tariffs).

Every parameter is a GET field, so a link reproduces the scenario; outputs are labelled
model output by the simulators themselves. Bad values are an InputError naming the field.
"""

from __future__ import annotations

import math

import duckdb

from fairmilk.errors import InputError
from fairmilk.indicators.frame import Frame
from fairmilk.outputs import charts
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.tables import Result
from fairmilk.web.views.blocks import CET_BANDS, chart_from, computed, controls_for
from fairmilk.web.views.params import area, choice, fmt_param, number
from fairmilk.web.views.view import POWDER_IDS, Block, Control, Query, View

MRP_FIELDS = (
    ("participation_pct", "Share of deliveries whose producers cut (%)", 30.0, 0.0, 100.0),
    ("voluntary_cut_pct", "Voluntary cut for the bonus (%)", 5.0, 0.0, 100.0),
    ("compulsory_cut_pct", "Compulsory cut in the crisis phase (%)", 2.5, 0.0, 100.0),
    ("bonus_eur_per_100kg", "Bonus (EUR per 100 kg not delivered)", 14.0, 0.0, 1000.0),
)
# As the CLI: price/cost index over single quarterly observations (the BAL series), since
# no product-value series is stored; volumes from Eurostat deliveries (see mrp_run).
# The index weights are therefore not offered: any weight on product value would leave
# every period without an index (a gap), so price/cost alone (weight 1, product 0) is the
# only index the stored series support. The moving-average window is offered (``window``).
MRP_BASE = {"price_weight": 1.0, "product_weight": 0.0, "months_per_step": 3.0}
FALLS = ("fall_1_pct", "fall_2_pct", "fall_3_pct")  # published EMB thresholds as defaults
FALL_DEFAULTS = (7.5, 15.0, 25.0)
MAX_DELIVERIES_T = 1e9  # monthly tonnes; far above any country's deliveries
MAX_WINDOW = 12
MAX_ELASTICITIES = 6


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


def optional_number(query: Query, name: str, lo: float, hi: float) -> float | None:
    """A number within [lo, hi], or None when the field is empty (InputError otherwise)."""
    raw = (query.get(name) or "").strip()
    return number(query, name, lo, lo, hi) if raw else None


def falls(query: Query) -> tuple[float, float, float]:
    """The three phase thresholds (index falls in %), rising strictly within 0-100."""
    a, b, c = (number(query, n, d, 0.0, 100.0) for n, d in zip(FALLS, FALL_DEFAULTS, strict=True))
    for name, low, high in ((FALLS[0], 0.0, a), (FALLS[1], a, b), (FALLS[2], b, c)):
        if not low < high < 100:
            expected = f"a fall above {low:g} % (the phase before) and below 100 %"
            raise InputError(
                "thresholds must rise", column=name, expected=expected, found=f"{high:g}"
            )
    return a, b, c


def window(query: Query) -> int:
    """The moving-average window, a whole number of observations 1-12."""
    raw = (query.get("window") or "1").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_WINDOW:
        expected = f"a whole number of observations 1-{MAX_WINDOW}"
        raise InputError("bad window", column="window", expected=expected, found=raw)
    return int(raw)


def _mrp(con: duckdb.DuckDBPyConnection, query: Query, view: View) -> None:
    from fairmilk.policy.mrp import NO_INDEX_NOTE, MrpParams
    from fairmilk.policy.mrp_run import run_mrp

    _ = translator(view.lang)
    geo = area(query, "mrp_geo", "DE")
    values = {name: number(query, name, d, lo, hi) for name, _l, d, lo, hi in MRP_FIELDS}
    deliveries = optional_number(query, "deliveries_t", 0.0, MAX_DELIVERIES_T)
    phase_falls, steps = falls(query), window(query)
    params = MrpParams(**MRP_BASE, **values, monthly_deliveries_t=deliveries,
                       phase_falls=phase_falls, window=steps)  # fmt: skip
    view.params |= {"mrp_geo": geo} | {k: fmt_param(v) for k, v in values.items()}
    view.params |= {"deliveries_t": "" if deliveries is None else fmt_param(deliveries)}
    view.params |= {n: fmt_param(v) for n, v in zip(FALLS, phase_falls, strict=True)}
    view.params["window"] = str(steps)
    fields: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("mrp_geo", "MRP: country (ISO code)", [])
    ]
    fields += [(name, label, []) for name, label, *_r in MRP_FIELDS]
    view.controls += controls_for(view.lang, view.params, fields)
    view.controls[0].kind = "text"
    view.controls += _mrp_controls(view)
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


def _mrp_controls(view: View) -> list[Control]:
    """The fields added to the CLI's set: stated deliveries, thresholds, window."""
    _ = translator(view.lang)
    labels = {
        "deliveries_t": _("Stated monthly deliveries (t; empty: Eurostat deliveries)"),
        "fall_1_pct": _("Phase 1 (early warning): index fall (%)"),
        "fall_2_pct": _("Phase 2 (voluntary reduction): index fall (%)"),
        "fall_3_pct": _("Phase 3 (compulsory cut): index fall (%)"),
        "window": _("Moving average of the index (observations)"),
    }
    return [Control(n, label, view.params[n], [], "number") for n, label in labels.items()]


def no_index(result: Frame) -> bool:
    """Whether a computed MRP timeline has no period with a market index (or no period at all).

    That is when the simulator notes ``NO_INDEX_NOTE``; read from the data, not from the
    (translated) text of the notes. A table that could not be computed has no columns.
    """
    if "market_index" not in result.columns:
        return False
    return all(value is None for value in result.column("market_index"))


def levy_ids() -> list[str]:
    """The ids of the levy measures of the tax reference file, in its order."""
    from fairmilk.indicators.taxes import tax_measures

    return [m.measure for m in tax_measures() if m.kind == "levy"]


def elasticities(query: Query) -> tuple[float, ...] | None:
    """Comma-separated import-demand elasticities, each -10 to 0 (None when empty)."""
    raw = (query.get("elasticities") or "").strip()
    if not raw:
        return None
    expected = f"1-{MAX_ELASTICITIES} different numbers from -10 to 0, comma-separated"
    try:
        values = tuple(float(v) + 0.0 for v in raw.split(","))  # + 0.0: no "-0"
    except ValueError:
        values = (math.nan,)
    bad = any(not -10 <= v <= 0 for v in values)  # NaN fails too
    if bad or len(values) > MAX_ELASTICITIES or len(set(values)) < len(values):
        raise InputError("bad elasticities", column="elasticities", expected=expected, found=raw)
    return values


def _tariff(con: duckdb.DuckDBPyConnection, query: Query, view: View) -> None:
    from fairmilk.indicators.price_tables import west_africa
    from fairmilk.policy.tariffs import DEFAULT_ELASTICITIES, TariffScenario, tariff_scenario_table

    _ = translator(view.lang)
    duties = {p: choice(query, f"duty_{p}", ("", *CET_BANDS), "") for p in POWDER_IDS}
    levies = {m: optional_number(query, f"levy_{m}", 0.0, 100.0) for m in levy_ids()}
    stated = elasticities(query)
    view.params |= {f"duty_{p}": d for p, d in duties.items()}
    view.params |= {f"levy_{m}": "" if r is None else fmt_param(r) for m, r in levies.items()}
    view.params["elasticities"] = ",".join(fmt_param(e) for e in stated or ())
    options = [("", _("unchanged")), *((b, f"{b} %") for b in CET_BANDS)]
    view.controls += [
        Control(f"duty_{p}", _("CET duty on {powder} (%)", powder=p.upper()), d, options)
        for p, d in duties.items()
    ]
    view.controls += [
        Control(f"levy_{m}", _("Levy {measure} (%; empty: unchanged)", measure=m),
                view.params[f"levy_{m}"], [], "number")
        for m in levies
    ]  # fmt: skip
    view.controls.append(Control(
        "elasticities",
        _("Import-demand elasticities, comma-separated, each 0 or below (empty: {values})",
          values=" / ".join(fmt_param(e) for e in DEFAULT_ELASTICITIES)),
        view.params["elasticities"], [], "text",
    ))  # fmt: skip
    scenario = TariffScenario(
        duty_pct={p: float(d) for p, d in duties.items() if d},
        levy_pct={m: r for m, r in levies.items() if r is not None},
        elasticities=stated or DEFAULT_ELASTICITIES,
    )
    block = computed(
        "tariff",
        _("Tariff scenario: landed cost per litre"),
        lambda: tariff_scenario_table(con, scenario, countries=west_africa()),
        view.lang,
    )
    view.blocks.append(block)


def offensive_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Every sourced figure on local milk in dairies against the Milk Offensive target."""
    from fairmilk.indicators.price_tables import west_africa
    from fairmilk.policy.offensive import offensive_table

    _ = translator(lang)
    target = number(query, "target_pct", 20.0, 0.1, 100)
    params = {"target_pct": fmt_param(target)}
    view = View("offensive", _("Milk offensive tracker"), lang, params)
    view.intro = _(
        "West African milk production and collection against the ECOWAS Milk Offensive "
        "targets (double production, 20% local milk in dairies by 2030)."
    )
    view.controls = controls_for(lang, params, [("target_pct", "Target share (%)", [])])
    block = computed(
        "tracker",
        _("Local milk in dairy processing, against the target"),
        lambda: offensive_table(countries=west_africa(), target_pct=target),
        lang,
    )
    block.chart = _offensive_chart(block, target, lang)
    view.blocks.append(block)
    return view


def _offensive_chart(block: Block, target: float, lang: str) -> charts.Spec | None:
    """Local milk's share in dairies (observed and baseline) against the target line."""
    _ = translator(lang)
    res = block.result
    if "indicator" not in res.columns:
        return None
    rows = [(f"{r['geo']} {r['period']}", r["value_high"]) for r in res.records()
            if r["indicator"] == "local_share_processing" and r["kind"] != "target"]  # fmt: skip
    if not any(v is not None for _w, v in rows):
        return None
    data = Result(block.title, ["where", "value"], rows, res.sources, lang=lang)
    data.synthetic = res.synthetic
    rule = charts.Rule(target, _("Target: {pct} % local milk in dairies", pct=fmt_param(target)))
    return charts.bar_chart(data, x="where", y="value", color=None, title=block.title,
                            y_title=_("local milk in dairies (%)"), rules=[rule])  # fmt: skip
