"""FAOSTAT dairy imports of West Africa on the embedded reference data: values by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.fao_trade import fao_trade_frame
from fairmilk.store import open_store
from fairmilk.store.reference import load_reference

XOF_PER_EUR = 655.957


@pytest.fixture(scope="module")
def ref(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store holding only the embedded reference data (shared: do not modify)."""
    con = open_store(Path(tmp_path_factory.mktemp("fao")) / "store.duckdb")
    load_reference(con)
    yield con
    con.close()


def _rows(con: duckdb.DuckDBPyConnection, **options: object) -> dict[tuple[str, int, str], dict]:
    frame = fao_trade_frame(con, **options)  # type: ignore[arg-type]
    return {(r["geo"], r["year"], r["product"]): r for r in frame.records()}


def test_senegal_2001_unit_values_by_hand(ref: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(ref, countries=["SN"], products=["smp"], start=2001, end=2001)
    r = rows[("SN", 2001, "smp")]
    # 859 kUSD / 373 t; FRED 2001: 1.1171 EUR per USD; XOF at the peg
    assert r["quantity_t"] == 373.0
    assert r["value_usd"] == 859_000.0
    assert r["unit_value_usd_per_t"] == pytest.approx(859_000 / 373)
    assert r["unit_value_eur_per_kg"] == pytest.approx(859 / 373 * 1.1171)
    assert r["currency"] == "XOF"
    assert r["unit_value_lcu_per_kg"] == pytest.approx(859 / 373 * 1.1171 * XOF_PER_EUR)
    assert r["flag"] == "break"
    assert "skimmed" in r["note"]


def test_nigeria_uses_its_own_dated_rate(ref: duckdb.DuckDBPyConnection) -> None:
    r = _rows(ref, countries=["NG"], products=["smp"], start=2015, end=2015)[("NG", 2015, "smp")]
    # 88,395 kUSD / 33,481 t = 2,640 USD/t; WDI 2015: 192.4403333333 NGN per USD
    assert r["unit_value_usd_per_t"] == pytest.approx(88_395_000 / 33_481)
    assert r["unit_value_lcu_per_kg"] == pytest.approx(88_395 / 33_481 * 192.4403333333)
    assert r["currency"] == "NGN"
    assert "https://data.worldbank.org/indicator/PA.NUS.FCRF" in r["sources"]
    assert r["flag"] is None


def test_a_missing_rate_is_a_gap(ref: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(ref, countries=["SN", "west-africa"], products=["smp"], start=1990, end=1990)
    sn, wa = rows[("SN", 1990, "smp")], rows[("west-africa", 1990, "smp")]
    assert sn["unit_value_usd_per_t"] is not None
    assert sn["unit_value_eur_per_kg"] is None  # no EUR per USD rate before 1999
    assert sn["unit_value_lcu_per_kg"] is None  # the XOF-euro peg starts in 1999
    assert wa["currency"] is None
    assert wa["unit_value_lcu_per_kg"] is None


def test_the_breaks_are_in_the_data_and_flagged(ref: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(ref, countries=["SN", "NG"], start=1995, end=2010)
    q = {k: r["quantity_t"] for k, r in rows.items()}
    assert q[("SN", 2001, "smp")] < 0.05 * q[("SN", 2000, "smp")]
    assert ("SN", 2000, "wmp") not in rows
    assert q[("SN", 2001, "wmp")] > 10_000
    for product in ("smp", "butter"):
        spike = q[("NG", 2007, product)]
        assert spike > 2.4 * q[("NG", 2006, product)]
        assert spike > 2.4 * q[("NG", 2008, product)]
        assert rows[("NG", 2007, product)]["flag"] == "break"
    flagged = sorted(k for k, r in rows.items() if r["flag"] == "break")
    assert flagged == [
        ("NG", 2007, "butter"), ("NG", 2007, "smp"),
        ("SN", 2000, "smp"), ("SN", 2001, "smp"), ("SN", 2001, "wmp"),
    ]  # fmt: skip


def test_countries_sum_to_the_fao_total(ref: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(ref)
    for product in ("smp", "wmp", "butter", "cheese"):
        for year in (1961, 1990, 2007, 2020):
            total = rows[("west-africa", year, product)]
            parts = [r for (g, y, p), r in rows.items() if y == year and p == product]
            countries = [r for r in parts if r["geo"] != "west-africa"]
            for column in ("quantity_t", "value_usd"):
                summed = sum(r[column] for r in countries)
                assert abs(summed - total[column]) <= 1000, (product, year, column)


def test_bad_filters_are_refused(ref: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ParameterError, match="product: expected one of"):
        fao_trade_frame(ref, products=["ffmp"])
    with pytest.raises(ParameterError, match="one regional total"):
        fao_trade_frame(ref, countries=["ecowas"])


def test_sources_name_fao_and_the_rates(ref: duckdb.DuckDBPyConnection) -> None:
    frame = fao_trade_frame(ref, countries=["SN", "GH"], start=2010, end=2010)
    assert "https://www.fao.org/faostat/en/#data/TCL" in frame.sources
    assert any("655.957" in s for s in frame.sources)
    assert any("PA.NUS.FCRF" in s for s in frame.sources)


def test_the_xof_peg_starts_in_1999(con: duckdb.DuckDBPyConnection) -> None:
    load_reference(con)
    con.execute(
        "INSERT INTO observations (dataset, series, geo, period, year, value, unit, source_url) "
        "VALUES ('test', 'eur_per_usd', 'euro-area', '1998', 1998, 0.9, 'EUR/USD', 'https://x')"
    )
    r = _rows(con, countries=["SN"], products=["smp"], start=1998, end=1998)[("SN", 1998, "smp")]
    assert r["unit_value_eur_per_kg"] == pytest.approx(r["unit_value_usd_per_t"] / 1000 * 0.9)
    assert r["unit_value_lcu_per_kg"] is None  # the franc CFA was pegged to the French franc


def test_cli_fao_csv(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fairmilk.cli import app

    db = tmp_path / "store.duckdb"
    con = open_store(db)
    load_reference(con)
    con.close()
    args = ["trade", "fao", "--db", str(db), "--country", "SN", "--product", "wmp",
            "--from", "2001", "--to", "2001", "-f", "csv"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()[:2]
    assert header.startswith("geo,year,product,quantity_t,value_usd,unit_value_usd_per_t")
    assert row.startswith("SN,2001,wmp,13233.0,28233000.0,")
    bad = CliRunner().invoke(app, [*args[:5], "--product", "ffmp"])
    assert bad.exit_code != 0


def test_implausible_unit_values_are_flagged_check(ref: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(ref, countries=["GM"], products=["smp"], start=2019, end=2019)
    r = rows[("GM", 2019, "smp")]
    # 3,676 kUSD / 8,220 t = 447 USD/t: far below any dairy price; kept as published, flagged
    assert r["unit_value_usd_per_t"] == pytest.approx(3_676_000 / 8_220)
    assert r["flag"] == "check"
    sn = _rows(ref, countries=["SN"], products=["smp"], start=2018, end=2018)[("SN", 2018, "smp")]
    assert sn["flag"] is None
