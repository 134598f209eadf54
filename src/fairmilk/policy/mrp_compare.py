"""The simulated MRP beside the real 2016 EU milk production reduction scheme.

The published figures (mrp_parameters.csv) are EU totals. A country run is compared with
them only with a plain warning in every row (``compared_with``): it is not like for like.
The simulated figures set against them are those of the periods starting in the months the
2016 scheme's reduction periods covered (Oct 2016 - Mar 2017: three-month periods from
Oct-Dec 2016 to Jan-Mar 2017, Delegated Regulation (EU) 2016/1612).
"""

from __future__ import annotations

from fairmilk.indicators.frame import Frame
from fairmilk.policy.mrp import MODEL_LABEL, MrpParams, MrpResult, total
from fairmilk.reference.catalog import read_rows
from fairmilk.text import Msg, msg

PARAMS_DATASET = "policy/mrp_parameters"
SCHEME_MONTHS = ("2016-10", "2017-03")  # first and last month of the 2016 reduction periods
SCHEME_YEAR = 2016
EU_GEO = "eu27"
COLUMNS = ["item", "published_2016", "simulated", "unit", "compared_with"]


def published(parameter: str) -> tuple[float | None, str]:
    """A published value of mrp_parameters.csv and its source URL (None when not published)."""
    for r in read_rows(PARAMS_DATASET):
        if r["parameter"] == parameter:
            return (float(r["value"]) if r["value"].strip() else None), r["source_url"]
    return None, ""


def in_scheme_months(period: str) -> bool:
    """Whether a period (``YYYY-MM``) starts within the months of the 2016 scheme."""
    return SCHEME_MONTHS[0] <= period[:7] <= SCHEME_MONTHS[1]


def scope(geo: str) -> Msg:
    """How the run compares with the EU totals: like for like only for an EU27 run."""
    if geo == EU_GEO:
        return msg("EU27 run vs EU total: like for like in scope")
    return msg("{geo} only vs EU total: NOT like for like", geo=geo)


Row = tuple[Msg, str, tuple[float | None, str, Msg]]


def _rows(result: MrpResult, params: MrpParams, geo: str) -> list[Row]:
    window = [s for s in result.steps if in_scheme_months(s.period)]
    in_window = msg("{scope}; simulated: periods starting 2016-10 to 2017-03", scope=scope(geo))
    if not window:
        in_window = msg("nothing to compare: no simulated period starts 2016-10 to 2017-03")
    model_only = msg("model only: no published counterpart")
    return [
        (msg("volume cut, final (EC July 2017)"), "eu2016_reduction_final",
         (total(window, "withheld_t"), "t", in_window)),
        (msg("volume cut (EC May 2017: disagrees)"), "eu2016_reduction_may2017",
         (total(window, "withheld_t"), "t", in_window)),
        (msg("aid / bonus paid"), "eu2016_paid", (total(window, "bonus_eur"), "EUR", in_window)),
        (msg("budget"), "eu2016_budget",
         (None, "EUR", msg("MRP financing: not published by the EMB"))),
        (msg("aid / bonus rate"), "eu2016_aid_rate",
         (params.bonus_eur_per_100kg, "EUR/100 kg", msg("simulator rate (assumption)"))),
        (msg("volume withheld, whole simulated series"), "",
         (result.withheld_t, "t", model_only)),
        (msg("bonus cost, whole simulated series"), "", (result.bonus_eur, "EUR", model_only)),
    ]  # fmt: skip


Scale = tuple[float | None, float | None, str]


def _scale_note(geo: str, scale: Scale) -> list[str]:
    own, eu, _url = scale
    if geo == EU_GEO or own is None or not eu:
        return []
    return [
        msg(
            "For scale: {geo} delivered {own:,.0f} t of raw milk to dairies in {year}, "
            "{share:.1f} % of the EU27's {eu:,.0f} t (Eurostat D1100D).",
            geo=geo, own=own, year=SCHEME_YEAR, share=100 * own / eu, eu=eu,
        )
    ]  # fmt: skip


def comparison_frame(
    result: MrpResult, params: MrpParams, *, geo: str, scale: Scale = (None, None, "")
) -> Frame:
    """The 2016 EU reduction scheme (published) beside the simulated programme."""
    rows, sources = [], []
    for label, key, (simulated, unit, compared) in _rows(result, params, geo):
        value, url = published(key) if key else (None, "")
        rows.append((label, value, simulated, unit, compared))
        sources += [url] if url else []
    notes: list[str] = [
        msg(
            "{label}: the 2016 rows set the simulated periods starting Oct 2016 - Mar 2017 "
            "against the published EU totals; the last two rows cover the whole simulated series.",
            label=MODEL_LABEL,
        ),
        msg(
            "The 2016 scheme was voluntary, EU-financed at 14 EUR/100 kg of milk not delivered "
            "against the same months a year earlier; the MRP adds a compulsory cut in phase 3."
        ),
        msg("{scope}.", scope=scope(geo))
        if geo == EU_GEO
        else msg("{scope} (one country against the whole EU).", scope=scope(geo)),
        *_scale_note(geo, scale),
    ]
    sources += [scale[2]] if _scale_note(geo, scale) else []
    title = msg("MRP simulation vs the 2016 EU milk reduction scheme")
    return Frame(title, COLUMNS, rows, sorted(set(sources)), notes)
