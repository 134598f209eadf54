"""Mirror trade from what it means: a small store of SYNTHETIC flows with round figures, monthly
rows of a year without an annual row, partners by membership date, a zero side, the rate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.mirror import mirror, mirror_frame, notes
from fairmilk.reference.hs6 import dairy_hs6
from fairmilk.store import open_store

MEMBERS = [
    ("eu27", "FR", "1958-01-01", None), ("eu27", "DE", "1958-01-01", None),
    ("eu28", "FR", "1958-01-01", None), ("eu28", "GB", "1973-01-01", "2020-01-31"),
    ("west-africa", "SN", "1960-01-01", None), ("west-africa", "GH", "1960-01-01", None),
]  # fmt: skip
# file, source, reporter, partner, product, flow, year, month, value_eur, value_usd, kg
ROWS = [
    ("ct", "comtrade", "SN", "FR", "040221", "import", 2020, None, None, 1_100_000, 400_000),
    ("ct", "comtrade", "SN", "FR", "040221", "import", 2020, 5, None, 999, 9),  # has an annual row
    ("ct", "comtrade", "SN", "FR", "040221", "export", 2020, None, None, 7_000, 7),
    ("ct", "comtrade", "GH", "DE", "040221", "import", 2020, 1, None, 100_000, 10_000),
    ("ct", "comtrade", "GH", "DE", "040221", "import", 2020, 2, None, 100_000, 10_000),
    ("ct", "comtrade", "SN", "GB", "040221", "import", 2019, None, None, 300_000, 30_000),
    ("ct", "comtrade", "SN", "DE", "040221", "import", 2021, None, None, 100, 10),
    ("cx", "comext", "FR", "SN", "04022118", "export", 2020, None, 800_000, None, 380_000),
    ("cx", "comext", "FR", "SN", "04022118", "import", 2020, None, 5_000, None, 5),
    ("cx", "comext", "FR", "SN", "22011000", "export", 2020, None, 6_000, None, 6),
    ("cx", "comext", "DE", "GH", "04022118", "export", 2020, None, 200_000, None, 25_000),
    ("cx", "comext", "DE", "SN", "04022118", "export", 2021, None, 0, None, 0),
    ("cs", "comext", "FR", "SN", "04022118", "export", 2018, None, 100, None, 1),
    ("cx", "comext", "FR", "SN", "04022118", "export", 2022, None, 700, None, 70),  # EU side only
    ("ct", "comtrade", "GH", "DE", "040221", "import", 2021, None, None, 1, 1_000),  # tiny
    ("cx", "comext", "DE", "GH", "04022118", "export", 2021, None, 0.5, None, 500),
]
FX = [  # dataset, geo, year, month, value
    ("b", "EU", 2020, None, 0.5), ("a", "XX", 2020, None, 0.9), ("a", "EA", 2020, None, 0.8),
    ("0", "EU", 2020, 3, 0.1), ("00", "EU", 2020, None, None), ("a", "EU", 2019, None, 1.0),
    ("a", "EU", 2021, None, 1.0),
]  # fmt: skip


@pytest.fixture
def mcon(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = open_store(tmp_path / "m.duckdb")
    for file_id, source, synthetic in (("ct", "comtrade", False), ("cx", "comext", False),
                                       ("cs", "comext", True)):  # fmt: skip
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, synthetic) VALUES (?, ?, ?, 1, true, ?, 1, ?)",
            [file_id, source, f"{source}:{file_id}", f"{file_id}.csv", synthetic],
        )
    for row in ROWS:
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, month, value_eur, value_usd, quantity_kg) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*row[:5], "HS6" if row[1] == "comtrade" else "CN8", *row[5:]],
        )
    for region, iso, start, end in MEMBERS:
        con.execute(
            "INSERT INTO ref_memberships VALUES (?, ?, ?, ?, 'x')", [region, iso, start, end]
        )
    for dataset, geo, year, month, value in FX:
        con.execute(
            "INSERT INTO observations (dataset, series, geo, period, year, month, value, unit, "
            "source_url) VALUES (?, 'eur_per_usd', ?, ?, ?, ?, ?, 'EUR per USD', 'https://x')",
            [dataset, geo, str(year), year, month, value],
        )
    return con


def _rows(con: duckdb.DuckDBPyConnection, **options: object) -> dict[tuple[object, ...], dict]:
    rows = mirror(con, **options).to_pyarrow().to_pylist()  # type: ignore[arg-type]
    keys = ("country", "eu", "year") if options.get("by_partner") else ("country", "year")
    return {tuple(r[k] for k in keys): r for r in rows}


def test_both_sides_and_the_gap_by_hand(mcon: duckdb.DuckDBPyConnection) -> None:
    sn = _rows(mcon)[("SN", 2020)]
    # the first rate by dataset then geo: dataset a, geo EA: 0.8 EUR per USD
    assert sn["importer_value_usd"] == 1_100_000  # May's row is left out: 2020 has an annual row
    assert sn["importer_value_eur"] == pytest.approx(880_000)
    assert sn["eu_value_eur"] == 800_000  # not the import row nor the water
    assert sn["gap_value_eur"] == pytest.approx(80_000)
    assert sn["gap_value_pct"] == pytest.approx(10.0)
    assert (sn["importer_t"], sn["eu_t"]) == (400.0, 380.0)
    assert sn["gap_t"] == pytest.approx(20.0)
    assert sn["gap_t_pct"] == pytest.approx(20 / 380 * 100)
    assert sn["synthetic"] is False


def test_monthly_rows_count_when_the_year_has_no_annual_row(
    mcon: duckdb.DuckDBPyConnection,
) -> None:
    gh = _rows(mcon, countries=["GH"])[("GH", 2020)]
    assert gh["importer_value_usd"] == 200_000  # January + February
    assert gh["importer_t"] == 20.0
    assert gh["gap_value_eur"] == pytest.approx(160_000 - 200_000)
    assert gh["gap_value_pct"] == pytest.approx(-20.0)
    assert gh["gap_t_pct"] == pytest.approx(-20.0)


def test_one_real_side_alone_is_not_synthetic_and_tiny_sides_have_a_percentage(
    mcon: duckdb.DuckDBPyConnection,
) -> None:
    sn = _rows(mcon, countries=["SN"], start=2022)[("SN", 2022)]
    assert (sn["importer_value_usd"], sn["eu_value_eur"], sn["synthetic"]) == (None, 700, False)
    gh = _rows(mcon, countries=["GH"], start=2021, end=2021)[("GH", 2021)]
    assert (gh["importer_t"], gh["eu_t"]) == (1.0, 0.5)
    assert gh["gap_t_pct"] == pytest.approx(100.0)  # 1 t against 0.5 t
    assert gh["gap_value_pct"] == pytest.approx(100.0)  # 1 EUR against 0.5 EUR


def test_a_zero_eu_side_has_no_percentage(mcon: duckdb.DuckDBPyConnection) -> None:
    sn = _rows(mcon, countries=["SN"], start=2021, end=2021)[("SN", 2021)]
    assert (sn["eu_value_eur"], sn["gap_value_eur"]) == (0, pytest.approx(100.0))
    assert (sn["gap_value_pct"], sn["gap_t_pct"]) == (None, None)


def test_partners_and_eu_region_by_date(mcon: duckdb.DuckDBPyConnection) -> None:
    by27 = _rows(mcon, countries=["SN"], by_partner=True)
    assert ("SN", "GB", 2019) not in by27  # not in eu27
    assert set(by27) == {("SN", "FR", 2018), ("SN", "FR", 2020), ("SN", "DE", 2021),
                         ("SN", "FR", 2022)}  # fmt: skip
    by28 = _rows(mcon, countries=["SN"], eu="eu28", by_partner=True, end=2019)
    assert by28[("SN", "GB", 2019)]["importer_value_eur"] == pytest.approx(300_000)
    assert by28[("SN", "GB", 2019)]["eu_value_eur"] is None
    assert by28[("SN", "GB", 2019)]["synthetic"] is False  # one real side: not synthetic


def test_years_filter_and_synthetic_files(mcon: duckdb.DuckDBPyConnection) -> None:
    assert sorted(_rows(mcon, start=2020, end=2020)) == [("GH", 2020), ("SN", 2020)]
    rows = _rows(mcon)
    assert rows[("SN", 2018)]["synthetic"] is True
    assert rows[("SN", 2018)]["importer_value_usd"] is None
    assert not mirror_frame(mcon, start=2019).synthetic
    assert mirror_frame(mcon, end=2018).synthetic


def test_frame_notes_and_title(mcon: duckdb.DuckDBPyConnection) -> None:
    frame = mirror_frame(mcon, countries=["GH"])
    assert str(frame.title) == "Mirror trade: West African imports from the EU beside EU exports"
    assert [str(n) for n in frame.notes] == [str(n) for n in notes()]
    assert str(frame.notes[0]) == (
        "Importer side: imports reported by the West African country to UN Comtrade, in US "
        "dollars (converted to euros at the year's eur_per_usd rate), from EU members. EU side: "
        "exports reported by the EU members to Eurostat Comext, in euros. Gap = importer side - "
        "EU side; gap % = gap / EU side x 100. Products: the six-digit HS codes "
        + ", ".join(dairy_hs6())
        + "."
    )
    assert str(frame.notes[1]) == (
        "Why the two sides differ: importers value goods CIF (with freight and insurance), "
        "exporters FOB, so the importer's figure is usually higher (the IMF's Direction of "
        "Trade Statistics assumes 10 % when it derives one from the other); goods shipped in "
        "December may be recorded on arrival in January (timing); importers credit the country "
        "of origin, exporters the country of destination, so goods re-exported through an EU "
        "port or a neighbouring country land on different partners; the EU keeps some trade "
        "confidential; the two sides may classify one product under different codes; exchange "
        "rates add a small difference."
    )
    assert len(frame.notes) == 2
    assert frame.columns == [
        "country", "year", "importer_value_usd", "importer_value_eur", "eu_value_eur",
        "gap_value_eur", "gap_value_pct", "importer_t", "eu_t", "gap_t", "gap_t_pct", "synthetic",
    ]  # fmt: skip


def test_an_unknown_country_is_named(mcon: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ParameterError) as err:
        mirror(mcon, countries=["SN", "XY"])
    assert str(err.value).startswith("countries: expected an ISO 3166 alpha-2 code")
    assert str(err.value).endswith("found 'XY'")
