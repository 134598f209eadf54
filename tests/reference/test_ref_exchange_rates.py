"""The 2023-2025 exchange-rate file: shape, no overlap with the WDI file, clear errors."""

from __future__ import annotations

import pytest

from fairmilk.errors import ReferenceDataError
from fairmilk.reference import observations
from fairmilk.reference.catalog import read_rows
from fairmilk.reference.observations import later_exchange_rates, wdi_exchange_rates

NAME = "series/exchange_rates_2023_2025"


def test_rows_are_loaded_as_local_currency_per_usd_with_their_own_source() -> None:
    obs = {(o.geo, o.year): o for o in later_exchange_rates()}
    assert set(obs) == {("GH", 2023), ("GM", 2023), ("SL", 2023)}  # NGN: no traceable source
    assert all(o.series == "exchange_rate_lcu_per_usd" for o in obs.values())
    assert obs[("SL", 2023)].unit == "SLE/USD"
    assert obs[("GM", 2023)].value == pytest.approx(61.0963330077956)
    assert not [o for o in obs.values() if o.approximate]
    assert all("codeforIATI/imf-exchangerates" in o.source_url for o in obs.values())


def test_no_year_is_given_twice() -> None:
    wdi = {(o.geo, o.year) for o in wdi_exchange_rates() if o.value is not None}
    later = {(o.geo, o.year) for o in later_exchange_rates()}
    assert not wdi & later
    assert min(y for _, y in later) > 2022


def test_the_imf_mirror_agrees_with_the_wdi_file_in_2022() -> None:
    """The notes quote the mirror's 2022 values; they must equal the shipped WDI rows."""
    wdi = {(o.geo, o.year): o.value for o in wdi_exchange_rates()}
    assert wdi[("GH", 2022)] == pytest.approx(8.2724)
    assert wdi[("GM", 2022)] == pytest.approx(54.9234673587)
    assert wdi[("SL", 2022)] == pytest.approx(14.0476497942)
    for row in read_rows(NAME):
        if row["economy"] in ("gha", "gmb", "sle"):
            assert row["note"].split("2022 value (")[1].split(")")[0] in (
                "8.2724", "54.9234673587", "14.0476497942"
            )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field"),
    [({"currency": "XOF"}, "currency"), ({"lcu_per_usd": "-3"}, "lcu_per_usd"),
     ({"year": "2023a"}, "year")],
)  # fmt: skip
def test_bad_rows_name_file_line_and_field(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str], field: str
) -> None:
    good = read_rows(NAME)
    bad = [good[0], {**good[1], **change}]
    monkeypatch.setattr(observations, "read_rows", lambda name: bad)
    with pytest.raises(ReferenceDataError, match=rf"{NAME}\.csv:3: field {field}"):
        later_exchange_rates()
