"""Chart specs: golden files, gaps never drawn as zero, one colour per category, locales."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from fairmilk.outputs import charts
from fairmilk.outputs.tables import Result

GOLDEN = Path(__file__).parent / "golden_charts"
UPDATE = os.environ.get("FAIRMILK_UPDATE_GOLDEN") == "1"


def _trade(lang: str = "en", *, gap: bool = False) -> Result:
    """SYNTHETIC trade rows: two products over 2018-2021, 2019 absent, one gap if asked."""
    names = {"en": ("Skimmed milk powder", "Fat-filled milk powder"),
             "fr": ("Lait écrémé en poudre", "Poudre réengraissée")}[lang]  # fmt: skip
    rows = [
        (2018, 120000.0, "smp", names[0]),
        (2018, None if gap else 30000.0, "ffmp", names[1]),
        (2020, 90000.0, "smp", names[0]),
        (2020, 50000.0, "ffmp", names[1]),
        (2021, 80000.5, "smp", names[0]),
    ]
    return Result("Trade", ["year", "tonnes", "category", "product"], rows, lang=lang,
                  synthetic=True)  # fmt: skip


def _coverage() -> Result:
    rows = [("DE", "2014-01", 91.8), ("DE", "2014-02", None), ("DE", "2014-03", 88.0),
            ("DE", "2015", 85.0), ("FR", "2014-01", 97.0)]  # fmt: skip
    return Result("Coverage", ["geo", "period", "coverage_pct"], rows)


def _specs() -> dict[str, charts.Spec]:
    rule = [charts.Rule(100, "100 %: the price covers the full cost")]
    return {
        "trade_stacked_en": charts.trade_chart(_trade(), by="year", measure="tonnes",
                                               title="Trade", y_title="t"),
        "trade_gap_fr": charts.trade_chart(_trade("fr", gap=True), by="year", measure="tonnes",
                                           title="Échanges", y_title="t"),
        "coverage_line": charts.line_chart(_coverage(), x="period", y="coverage_pct",
                                           color="geo", title="Coverage", y_title="%",
                                           rules=rule),
    }  # fmt: skip


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec.get("layer") or [spec]


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    data = spec.get("data") or _layers(spec)[0]["data"]
    return list(data["values"])


@pytest.mark.parametrize("name", sorted(_specs()))
def test_chart_specs_match_their_golden_files(name: str) -> None:
    spec = json.loads(json.dumps(_specs()[name]))  # normalised as the page embeds it
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(spec, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    assert spec == json.loads(path.read_text(encoding="utf-8")), f"{name} changed"


def test_a_missing_value_is_null_in_the_chart_data_never_zero() -> None:
    spec = charts.trade_chart(_trade(gap=True), by="year", measure="tonnes", title="T",
                              y_title="t")  # fmt: skip
    ffmp_2018 = [v for v in _values(spec) if v["category"] == "ffmp" and v["year"] == 2018]
    assert ffmp_2018 == [{**ffmp_2018[0], "tonnes": None}]
    assert all(v["tonnes"] != 0 for v in _values(spec))


def test_bars_never_stack_over_a_gap_and_say_why() -> None:
    full = charts.trade_chart(_trade(), by="year", measure="tonnes", title="T", y_title="t")
    gap = charts.trade_chart(_trade(gap=True), by="year", measure="tonnes", title="T",
                             y_title="t")  # fmt: skip
    assert "xOffset" not in full["encoding"]
    assert full["encoding"]["x"]["type"] == "temporal"  # years on a time axis
    assert gap["encoding"]["xOffset"]["field"] == "product"
    assert gap["encoding"]["y"]["stack"] is None
    assert charts.GAP_NOTE in gap["title"]["subtitle"]


def test_lines_break_at_gaps_on_a_time_axis_and_grains_do_not_join() -> None:
    spec = _specs()["coverage_line"]
    line = _layers(spec)[0]
    # a null breaks the line and is not drawn (null would draw it as 0, "filter" joins over it)
    assert line["mark"]["invalid"] == "break-paths-show-domains"
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["x"]["timeUnit"] == "yearmonth"
    assert line["encoding"]["detail"]["field"] == "grain"  # 2015 (annual) is its own line
    dates = {v["period"]: v["period_date"] for v in _values(spec)}
    assert dates["2014-02"] == "2014-02-01"
    assert dates["2015"] == "2015-01-01"
    rules = [layer for layer in _layers(spec) if layer["mark"]["type"] == "rule"]
    assert rules
    assert _layers(spec)[1]["data"]["values"][0]["y"] == 100


def test_periods_that_are_no_dates_keep_an_ordinal_axis() -> None:
    assert charts.chart_time(["2010-2014", "2019"]).unit is None
    assert charts.chart_time(["2019", "2019-Q2"]).unit == "yearquarter"
    assert charts.chart_time(["2019-Q2"]).dates == {"2019-Q2": "2019-04-01"}


def _colours(result: Result) -> dict[str, str]:
    spec = charts.trade_chart(result, by="year", measure="tonnes", title="T", y_title="t")
    return charts.colours_of(spec)


def test_one_colour_per_category_in_every_language_and_chart() -> None:
    en, fr = _colours(_trade()), _colours(_trade("fr", gap=True))
    ffmp, smp = charts.CATEGORY_COLOURS["ffmp"], charts.CATEGORY_COLOURS["smp"]
    assert en["Fat-filled milk powder"] == fr["Poudre réengraissée"] == ffmp
    assert en["Skimmed milk powder"] == fr["Lait écrémé en poudre"] == smp
    only_smp = Result("T", ["year", "tonnes", "category", "product"], [(2020, 1.0, "smp", "SMP")])
    assert _colours(only_smp)["SMP"] == smp  # not the first colour of the palette
    assert len(set(charts.CATEGORY_COLOURS.values())) == len(charts.CATEGORY_COLOURS)


def test_french_charts_use_french_number_and_date_formats() -> None:
    spec = _specs()["trade_gap_fr"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    svg = charts.render_svg(spec)
    assert "120\u202f000" in svg
    assert "120,000" not in svg
    english = charts.render_svg(_specs()["trade_stacked_en"])
    assert "120,000" in english


def test_a_downloaded_image_carries_title_label_sources_and_citation() -> None:
    spec = charts.for_download(_specs()["trade_gap_fr"], sources=["https://example.org/a"],
                               citation="Citer : fairmilk", lang="fr")  # fmt: skip
    sub = spec["title"]["subtitle"]
    assert sub[0].startswith("DONNÉES SYNTHÉTIQUES")
    assert "Source : https://example.org/a" in sub
    assert sub[-1] == "Citer : fairmilk"
    svg = charts.render_svg(spec)
    for text in ("Échanges", "DONNÉES SYNTHÉTIQUES", "example.org/a", "Citer : fairmilk"):
        assert text in svg


def test_the_description_names_the_range_series_and_gaps() -> None:
    spec = _specs()["coverage_line"]
    assert spec["description"] == (
        "Line chart of % by period, 2014-01 to 2015. Series: DE, FR. 1 values are gaps, not drawn."
    )
