"""FAOSTAT imports from what they mean: a store of SYNTHETIC observations with round unit values,
the euro peg from its first year, a country's own dated rate, exact plausibility bounds."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.fao_trade import COLUMNS, NOTES, TITLE, fao_imports, fao_trade_frame
from fairmilk.indicators.units import PEG_SOURCE
from fairmilk.store import open_store

Q, V = "fao_import_quantity_t", "fao_import_value_usd"
# (dataset, series, geo, product, year, month, value, flag, url) -- SYNTHETIC
OBS = [
    ("fao", Q, "SN", "smp", 2000, None, 1000.0, None, "https://fao"),
    ("fao", V, "SN", "smp", 2000, None, 2_500_000.0, None, "https://fao"),
    ("fao", Q, "SN", "smp", 2000, 5, 1.0, None, "https://monthly"),  # a month: not annual
    ("fao", Q, "SN", "smp", 1998, None, 100.0, None, "https://fao"),
    ("fao", Q, "SN", "smp", 1999, None, 100.0, None, "https://fao"),
    ("fao", V, "SN", "smp", 1999, None, 300_000.0, None, "https://fao"),
    ("a_fx", "eur_per_usd", "euro-area", None, 1999, None, 0.95, None, "https://fx-a"),
    ("fao", V, "SN", "smp", 1998, None, 200_000.0, None, "https://fao"),
    ("fao", Q, "NG", "butter", 2000, None, 10.0, None, "https://fao-q"),  # two sources
    ("fao", V, "NG", "butter", 2000, None, 80_000.0, None, "https://fao-v"),  # 8,000 USD/t
    ("fao", Q, "NG", "smp", 2000, None, 10.0, None, "https://fao"),
    ("fao", V, "NG", "smp", 2000, None, 80_010.0, "break", "https://fao"),  # 8,001: a break wins
    ("fao", Q, "GH", "cheese", 2000, None, 5.0, None, "https://fao"),  # no value: a gap
    ("fao", V, "GH", "wmp", 2000, None, 7.0, None, "https://fao"),  # no quantity: a gap
    ("fao", Q, "GH", "smp", 2000, None, 0.0, "revised", "https://fao"),  # the quantity's flag
    ("fao", V, "GH", "smp", 2000, None, 9.0, None, "https://fao"),
    ("fao", Q, "GM", "smp", 2000, None, 10.0, None, "https://fao"),
    ("fao", V, "GM", "smp", 2000, None, 9_990.0, None, "https://fao"),  # 999 USD/t: check
    ("fao", Q, "GM", "butter", 2000, None, 0.0, None, "https://fao"),  # 0 t: no unit value
    ("fao", V, "GM", "butter", 2000, None, 5.0, None, "https://fao"),
    ("fao", Q, "GM", "cheese", 2000, None, 0.5, None, "https://fao"),  # half a tonne
    ("fao", V, "GM", "cheese", 2000, None, 1_500.0, None, "https://fao"),
    ("fao", Q, "GM", "wmp", 2000, None, 10.0, None, "https://fao"),
    ("fao", V, "GM", "wmp", 2000, None, 10_000.0, None, "https://fao"),  # 1,000 USD/t: plausible
    ("fao", Q, "west-africa", "smp", 2000, None, 2000.0, None, "https://fao"),
    ("fao", V, "west-africa", "smp", 2000, None, 5_000_000.0, None, "https://fao"),
    ("b_fx", "eur_per_usd", "euro-area", None, 2000, None, 0.5, None, "https://fx-b"),
    ("a_fx", "eur_per_usd", "euro-area", None, 2000, None, 1.08, None, "https://fx-a"),
    ("0_fx", "eur_per_usd", "euro-area", None, 2000, None, 0.0, None, "https://fx-zero"),
    ("a_fx", "eur_per_usd", "euro-area", None, 1998, None, 0.9, None, "https://fx-a"),
    ("wb", "exchange_rate_lcu_per_usd", "NG", None, 2000, None, 100.0, None, "https://ngn"),
    ("wb", "exchange_rate_lcu_per_usd", "SN", None, 1998, None, 590.0, None, "https://xof"),
    ("wb", "exchange_rate_lcu_per_usd", "SN", None, 2000, None, 700.0, None, "https://xof"),
]


def fill(con: duckdb.DuckDBPyConnection, obs: list[tuple] = OBS) -> duckdb.DuckDBPyConnection:
    for dataset, series, geo, product, year, month, value, flag, url in obs:
        period = f"{year}" if month is None else f"{year}-{month:02d}"
        note = "a break" if flag else None
        con.execute(
            "INSERT INTO observations (dataset, series, geo, product, period, year, month, value, "
            "unit, flag, note, source_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', ?, ?, ?)",
            [dataset, series, geo, product, period, year, month, value, flag, note, url],
        )
    return con


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The SYNTHETIC store, shared by the module's tests: do not modify."""
    connection = fill(open_store(tmp_path_factory.mktemp("fao") / "store.duckdb"))
    yield connection
    connection.close()


def _rows(con: duckdb.DuckDBPyConnection, **options: object) -> dict[tuple[str, int, str], dict]:
    frame = fao_trade_frame(con, **options)  # type: ignore[arg-type]
    return {(r["geo"], r["year"], r["product"]): r for r in frame.records()}


def test_unit_values_in_three_currencies_by_hand(store: duckdb.DuckDBPyConnection) -> None:
    r = _rows(store, countries=["SN"])[("SN", 2000, "smp")]
    assert (r["quantity_t"], r["value_usd"]) == (1000.0, 2_500_000.0)  # the month is left out
    assert r["unit_value_usd_per_t"] == 2500.0
    # the first dataset by id with a positive rate: a_fx (1.08), not b_fx nor the zero of 0_fx
    assert r["unit_value_eur_per_kg"] == pytest.approx(2.5 * 1.08)
    # XOF from 1999 follows the euro peg, not the country's own dated rate (700)
    assert r["currency"] == "XOF"
    assert r["unit_value_lcu_per_kg"] == pytest.approx(2.5 * 1.08 * 655.957)
    assert r["flag"] is None
    assert r["sources"] == "https://fao; https://fx-a; https://fx-a"


def test_before_the_peg_xof_is_a_gap(store: duckdb.DuckDBPyConnection) -> None:
    first = _rows(store, countries=["SN"], start=1999, end=1999)[("SN", 1999, "smp")]
    assert first["unit_value_lcu_per_kg"] == pytest.approx(3.0 * 0.95 * 655.957)  # peg's 1st year
    r = _rows(store, countries=["SN"], start=1998, end=1998)[("SN", 1998, "smp")]
    assert r["unit_value_usd_per_t"] == 2000.0
    assert r["unit_value_eur_per_kg"] == pytest.approx(2.0 * 0.9)
    assert r["unit_value_lcu_per_kg"] is None


def test_a_floating_currency_uses_the_countrys_rate_and_flags_bounds(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(store, countries=["NG", "GM"])
    butter = rows[("NG", 2000, "butter")]
    assert butter["currency"] == "NGN"
    assert butter["unit_value_lcu_per_kg"] == pytest.approx(8.0 * 100.0)
    # the quantity and the value come from two sources: both are cited
    assert butter["sources"] == "https://fao-q; https://fao-v; https://fx-a; https://ngn"
    assert butter["flag"] is None  # 8,000 USD/t: the upper end is plausible
    assert rows[("NG", 2000, "smp")]["flag"] == "break"  # the source's flag is kept
    assert rows[("NG", 2000, "smp")]["note"] == "a break"
    assert rows[("GM", 2000, "smp")]["flag"] == "check"  # 999 USD/t
    assert rows[("GM", 2000, "wmp")]["flag"] is None  # 1,000 USD/t: the lower end
    assert rows[("GM", 2000, "wmp")]["unit_value_lcu_per_kg"] is None  # no GMD rate: a gap
    assert rows[("GM", 2000, "cheese")]["unit_value_usd_per_t"] == pytest.approx(3000.0)
    assert (
        rows[("GM", 2000, "butter")]["unit_value_usd_per_t"],
        rows[("GM", 2000, "butter")]["flag"],
    ) == (None, None)


def test_an_input_missing_or_zero_is_a_gap(store: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(store, countries=["GH"])
    cheese, wmp, smp = (rows[("GH", 2000, p)] for p in ("cheese", "wmp", "smp"))
    assert (cheese["quantity_t"], cheese["value_usd"], cheese["unit_value_usd_per_t"]) == (
        5.0, None, None)  # fmt: skip
    assert (wmp["quantity_t"], wmp["value_usd"], wmp["unit_value_eur_per_kg"]) == (None, 7.0, None)
    assert wmp["sources"] == "https://fao; https://fx-a"  # no GHS rate: nothing more cited
    assert smp["unit_value_usd_per_t"] is None
    assert (smp["flag"], smp["note"]) == ("revised", "a break")  # the quantity's flag and note


def test_the_regional_total_has_no_currency(store: duckdb.DuckDBPyConnection) -> None:
    r = _rows(store, countries=["west-africa"])[("west-africa", 2000, "smp")]
    assert (r["currency"], r["unit_value_lcu_per_kg"]) == (None, None)
    assert r["unit_value_usd_per_t"] == 2500.0


def test_filters_products_countries_and_years(store: duckdb.DuckDBPyConnection) -> None:
    keys = sorted(_rows(store, products=["SMP"], start="2000-06", end=2000))
    assert keys == [("GH", 2000, "smp"), ("GM", 2000, "smp"), ("NG", 2000, "smp"),
                    ("SN", 2000, "smp"), ("west-africa", 2000, "smp")]  # fmt: skip
    assert sorted(_rows(store, countries=["SN"], end=1998)) == [("SN", 1998, "smp")]
    assert len(_rows(store)) == 13


def test_bad_filters_say_what_is_expected(store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ParameterError) as err:
        fao_imports(store, products=["smp", "ffmp"])
    assert str(err.value) == "product: expected one of smp, wmp, butter, cheese, found 'ffmp'"
    with pytest.raises(ParameterError) as err:
        fao_imports(store, countries=["SN", "waemu"])
    assert str(err.value) == (
        "country: FAO trade has one regional total, west-africa; found 'waemu'"
    )
    with pytest.raises(ParameterError) as err:
        fao_imports(store, countries=["SN", "Senegal"])  # a name, not a code
    assert str(err.value).startswith("country: expected an ISO 3166 alpha-2 code or one of ")
    assert str(err.value).endswith(", found 'Senegal'")
    with pytest.raises(ParameterError, match=r"^start: expected"):
        fao_imports(store, start="2000-13")
    with pytest.raises(ParameterError, match=r"^end: expected"):
        fao_imports(store, end="x")


def test_frame_sources_notes_and_columns(store: duckdb.DuckDBPyConnection) -> None:
    frame = fao_trade_frame(store, countries=["SN", "NG"], start=2000)
    assert frame.columns == list(COLUMNS)
    assert frame.title == TITLE
    assert frame.notes == list(NOTES)
    urls = ["https://fao", "https://fao-q", "https://fao-v", "https://fx-a", "https://ngn"]
    assert frame.sources == sorted([*urls, PEG_SOURCE])
    order = [(r["geo"], r["product"]) for r in frame.records()]
    assert order == [("NG", "butter"), ("NG", "smp"), ("SN", "smp")]
    no_peg = fao_trade_frame(store, countries=["NG"])
    assert PEG_SOURCE not in no_peg.sources


def test_the_table_holds_gaps_not_infinities(store: duckdb.DuckDBPyConnection) -> None:
    rows = fao_imports(store, countries=["GH", "GM"]).to_pyarrow().to_pylist()
    zero = [r for r in rows if r["quantity_t"] == 0.0]
    assert len(zero) == 2
    assert all(r["unit_value_usd_per_t"] is None for r in zero)


# SYNTHETIC. 1997 has no EUR per USD rate: a row cites its own sources and a local rate only
NO_EUR = [
    ("fao", Q, "NG", "smp", 1997, None, 10.0, None, "https://fao-q"),  # no value: a gap
    ("fao", V, "NG", "butter", 1997, None, 30_000.0, None, "https://fao-v"),  # no quantity
    ("fao", Q, "NG", "cheese", 1997, None, 10.0, None, "https://fao"),
    ("fao", V, "NG", "cheese", 1997, None, 40_000.0, None, "https://fao"),  # 4,000 USD/t
    ("wb", "exchange_rate_lcu_per_usd", "NG", None, 1997, None, 20.0, None, "https://ngn"),
    ("fao", Q, "GH", "smp", 1997, None, 10.0, None, "https://fao"),  # no GHS rate either
    ("fao", V, "GH", "smp", 1997, None, 25_000.0, None, "https://fao"),
    ("fao", Q, "SN", "smp", 1997, None, 10.0, None, "https://fao"),  # XOF before the peg
    ("fao", V, "SN", "smp", 1997, None, 25_000.0, None, "https://fao"),
]


def test_a_row_cites_each_source_it_has_and_no_empty_one(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(fill(con, NO_EUR))
    # a quantity alone or a value alone still cites its own file, then the naira rate
    assert rows[("NG", 1997, "smp")]["sources"] == "https://fao-q; https://ngn"
    assert rows[("NG", 1997, "butter")]["sources"] == "https://fao-v; https://ngn"
    cheese = rows[("NG", 1997, "cheese")]
    assert cheese["unit_value_eur_per_kg"] is None  # no EUR rate: a gap, and nothing cited
    assert cheese["unit_value_lcu_per_kg"] == pytest.approx(4.0 * 20.0)
    assert cheese["sources"] == "https://fao; https://ngn"
    # no rate at all (GHS without its rate, XOF before the peg): the FAO file alone
    assert rows[("GH", 1997, "smp")]["sources"] == "https://fao"
    assert rows[("SN", 1997, "smp")]["sources"] == "https://fao"
