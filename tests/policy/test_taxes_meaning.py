"""Import tax stacks from what they mean: hand-made measures, exact days, gaps kept as gaps."""

from __future__ import annotations

from datetime import date

import pytest

from fairmilk.errors import ParameterError, ReferenceDataError
from fairmilk.indicators.taxes import CET_BANDS, TaxMeasure, tax_measures, tax_stack, with_duty


def _row(**over: str) -> dict[str, str]:
    row = {"measure": "cet", "kind": "duty", "geo": "ecowas;GN", "categories": "smp;ffmp",
           "rate_pct": "5", "valid_from": "2015-01-01", "valid_to": "", "status": "in_force",
           "source_url": "https://example.org/cet", "note": "band 1"}  # fmt: skip
    return {**row, **over}


def _m(measure: str, kind: str, rate: float | None, *, geo: tuple[str, ...] = ("SN",),
       cats: tuple[str, ...] = ("all",), start: date | None = None, end: date | None = None,
       status: str = "in_force", url: str = "") -> TaxMeasure:  # fmt: skip
    return TaxMeasure(
        measure, kind, geo, cats, rate, start, end, status, url or f"https://{measure}"
    )


def test_a_row_becomes_a_measure_field_by_field() -> None:
    (m,) = tax_measures([_row()])
    assert m == TaxMeasure("cet", "duty", ("ecowas", "GN"), ("smp", "ffmp"), 5.0,
                           date(2015, 1, 1), None, "in_force", "https://example.org/cet",
                           "band 1")  # fmt: skip
    (gap,) = tax_measures([_row(rate_pct=" ", valid_from="", valid_to="2020-06-30")])
    assert (gap.rate_pct, gap.valid_from, gap.valid_to) == (None, None, date(2020, 6, 30))


@pytest.mark.parametrize("rate", ["0", "100"])
def test_rate_bounds_are_accepted(rate: str) -> None:
    assert tax_measures([_row(rate_pct=rate)])[0].rate_pct == float(rate)


@pytest.mark.parametrize("rate", ["-0.5", "100.5"])
def test_rate_outside_0_100_names_file_and_line(rate: str) -> None:
    with pytest.raises(ReferenceDataError) as err:
        tax_measures([_row(), _row(rate_pct=rate)])
    assert str(err.value) == "policy/import_taxes.csv:3: rate_pct must be within 0-100"


def test_unknown_kind_names_file_line_and_kinds() -> None:
    with pytest.raises(ReferenceDataError) as err:
        tax_measures([_row(kind="excise")])
    assert str(err.value) == (
        "policy/import_taxes.csv:2: kind must be one of ('duty', 'levy', 'vat')"
    )


def test_the_shipped_file_is_read_when_no_rows_are_given() -> None:
    kinds = {m.kind for m in tax_measures()}
    assert kinds == {"duty", "levy", "vat"}


def test_applies_by_country_region_product_and_inclusive_days() -> None:
    m = _m("x", "levy", 1.0, geo=("waemu", "GH"), cats=("smp",), start=date(2020, 1, 1),
           end=date(2020, 12, 31))  # fmt: skip
    assert m.applies("GH", [], "smp", date(2020, 1, 1))  # first day
    assert m.applies("SN", ["ecowas", "waemu"], "smp", date(2020, 12, 31))  # last day
    assert not m.applies("GH", [], "smp", date(2019, 12, 31))
    assert not m.applies("GH", [], "smp", date(2021, 1, 1))
    assert not m.applies("SN", ["ecowas"], "smp", date(2020, 6, 1))
    assert not m.applies("GH", [], "ffmp", date(2020, 6, 1))
    open_ended = _m("y", "vat", 18.0, cats=("all",))
    assert open_ended.applies("SN", [], "ffmp", date(1990, 1, 1))
    assert open_ended.applies("SN", [], "smp", date(2090, 1, 1))


def _measures() -> list[TaxMeasure]:
    return [
        _m("cet", "duty", 5.0, geo=("ecowas",), url="https://b"),
        _m("cet_band_35", "duty", 35.0, geo=("ecowas",), status="proposed"),
        _m("pc", "levy", 0.5, geo=("ecowas",), url="https://a"),
        _m("rs", "levy", 1.0, geo=("waemu",), url="https://a"),
        _m("pcs", "levy", 0.8, geo=("waemu",), start=date(2000, 1, 1), end=date(2019, 12, 31)),
        _m("cosec", "levy", 0.4, status="planned"),
        _m("national", "levy", None, status="gap", url="https://c"),
        _m("vat", "vat", 18.0, cats=("smp",)),
        _m("vat_ffmp", "vat", None, cats=("ffmp",), status="gap"),
    ]


def test_stack_adds_levies_in_force_and_keeps_gaps_apart() -> None:
    stack = tax_stack(_measures(), country="SN", regions=["ecowas", "waemu"], category="smp",
                      on=date(2020, 1, 1))  # fmt: skip
    assert stack.duty_pct == 5.0
    assert stack.levy_pct == pytest.approx(1.5)  # PC 0.5 + RS 1.0; PCS ended, COSEC planned
    assert stack.vat_pct == 18.0
    assert stack.measures == ("cet", "pc", "rs", "vat")
    assert stack.gaps == ("national",)
    assert stack.sources == ("https://a", "https://b", "https://c", "https://vat")


def test_a_gap_alone_is_a_gap_not_zero() -> None:
    stack = tax_stack(_measures(), country="SN", regions=[], category="ffmp", on=date(2020, 1, 1))
    assert stack.vat_pct is None
    assert stack.duty_pct is None  # no duty of its own without its region
    assert stack.levy_pct == 0.0  # no levy known: none is added (the national one is a gap)
    assert stack.gaps == ("national", "vat_ffmp")


def test_the_day_a_levy_ends_it_still_counts() -> None:
    stack = tax_stack(_measures(), country="SN", regions=["waemu"], category="smp",
                      on=date(2019, 12, 31))  # fmt: skip
    assert stack.levy_pct == pytest.approx(1.8)  # RS 1.0 + PCS 0.8


def test_included_measures_count_and_an_included_duty_replaces_the_duty_in_force() -> None:
    stack = tax_stack(_measures(), country="SN", regions=["ecowas"], category="smp",
                      on=date(2020, 1, 1), include=["cet_band_35", "cosec"])  # fmt: skip
    assert stack.duty_pct == 35.0
    assert stack.levy_pct == pytest.approx(0.9)  # PC 0.5 + COSEC 0.4, added, not replacing
    assert stack.measures == ("cet_band_35", "pc", "cosec", "vat")
    assert "https://b" not in stack.sources  # the replaced duty's source is not cited


def test_with_duty_takes_cet_bands_only() -> None:
    stack = tax_stack(_measures(), country="SN", regions=["ecowas"], category="smp",
                      on=date(2020, 1, 1))  # fmt: skip
    assert CET_BANDS == (0.0, 5.0, 10.0, 20.0, 35.0)
    for band in CET_BANDS:
        changed = with_duty(stack, band)
        assert changed.duty_pct == band
        assert (changed.levy_pct, changed.vat_pct, changed.measures) == (
            stack.levy_pct, stack.vat_pct, stack.measures)  # fmt: skip
    with pytest.raises(ParameterError) as err:
        with_duty(stack, 7.5)
    assert str(err.value) == (
        "duty must be an ECOWAS CET band (0.0, 5.0, 10.0, 20.0, 35.0), found 7.5"
    )


def test_a_gap_is_never_counted_and_a_missing_rate_is_never_zero() -> None:
    measures = [
        _m("cet", "duty", None),  # in force, but the sources give no rate
        _m("levy_est", "levy", 2.0, status="gap"),  # a figure marked as a gap is not used
        _m("vat", "vat", 18.0),
    ]
    stack = tax_stack(measures, country="SN", regions=[], category="smp", on=date(2020, 1, 1))
    assert stack.duty_pct is None
    assert stack.levy_pct == 0.0
    assert stack.gaps == ("levy_est",)
    assert stack.measures == ("cet", "vat")
