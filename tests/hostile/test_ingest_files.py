"""Hostile trade files: a clear InputError naming file, line and field, nothing loaded, and the
store's connection still usable afterwards (never a DuckDB or csv module traceback)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fairmilk.cli import main
from fairmilk.errors import InputError
from fairmilk.ingest.bounds import TRADE
from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from ingest_helpers import CLASSIC_HEADER, classic_line

GOOD = classic_line()
CASES = [
    ("huge_header", CLASSIC_HEADER + ",X" + "y" * 140_000 + "\n" + GOOD + ",\n", 1, None,
     "131,072"),
    ("empty_header_name", CLASSIC_HEADER.replace("TRADE_TYPE", "") + "\n" + GOOD + "\n", 1, "#5",
     "no name"),
    ("trailing_empty_name", CLASSIC_HEADER + ",\n" + GOOD + ",x\n", 1, "#21", "no name"),
    ("latin1_value", CLASSIC_HEADER + "\n" + GOOD + "\n" + classic_line(par="CI", value="1\xe90")
     + "\n", 3, "VALUE_IN_EUROS", "non-negative number"),
    ("value_1e30", CLASSIC_HEADER + "\n" + GOOD + "\n" + classic_line(par="CI", value="1e30")
     + "\n", 3, "VALUE_IN_EUROS", "plausible bound"),
    ("two_near_max_floats", CLASSIC_HEADER + "\n" + classic_line(value="1.7e308") + "\n"
     + classic_line(par="CI", value="1.7e308") + "\n", 2, "VALUE_IN_EUROS", "plausible bound"),
    ("kg_1e13", CLASSIC_HEADER + "\n" + classic_line(kg="1e13") + "\n", 2, "QUANTITY_IN_KG",
     "plausible bound"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "line", "column", "said"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_hostile_trade_file(
    tmp_path: Path, name: str, text: str, line: int, column: str | None, said: str
) -> None:
    path = tmp_path / f"{name}.dat"
    path.write_bytes(text.encode("latin-1" if "latin1" in name else "utf-8"))
    con = open_store(tmp_path / "store.duckdb")
    try:
        with pytest.raises(InputError, match=said) as caught:
            ingest_file(con, path, source="comext")
        assert caught.value.file == str(path)
        assert caught.value.line == line
        if column is not None:
            assert caught.value.column == column
    finally:
        con.close()
    con = open_store(tmp_path / "store.duckdb")  # nothing was loaded; the file is intact
    try:
        assert con.execute("SELECT count(*) FROM trade_flows").fetchone() == (0,)
    finally:
        con.close()


def test_bounds_are_finite_and_sum_safely() -> None:
    for bound in TRADE.values():
        assert 0 < bound.high * 1e8 < 1e300  # 1e8 rows at the bound still sum to a finite float


def test_the_cli_exits_2_on_a_value_of_1e30(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.dat"
    path.write_text(CLASSIC_HEADER + "\n" + classic_line(value="1e30") + "\n", encoding="utf-8")
    argv = ["fairmilk", "ingest", "comext", str(path), "--db", str(tmp_path / "s.duckdb")]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "big.dat:2" in err
    assert "VALUE_IN_EUROS" in err
    assert "1e+12" in err


@pytest.mark.parametrize("value", ["1e30", "1e10", "inf"])
def test_a_price_of_1e30_is_refused_naming_file_line_and_field(tmp_path: Path, value: str) -> None:
    from fairmilk.ingest.prices import read_price_file

    path = tmp_path / "prices.csv"
    path.write_text(
        "series,geo,period,value,unit,source_url\n"
        "local_fresh_price,BF,2024-03,550,XOF/L,https://example.org/a\n"
        f"local_fresh_price,BF,2024-04,{value},XOF/L,https://example.org/a\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"from 0 to 1e\+09|a number") as caught:
        read_price_file(path)
    assert caught.value.line == 3
    assert caught.value.column == "value"


@pytest.mark.parametrize(
    ("cells", "said"),
    [("x" * 140_000, "cannot split"), ("1e30", "up to 1e9"), ("inf", "up to 1e9")],
    ids=["huge-cell", "price-1e30", "price-inf"],
)
def test_hostile_observation_csv(cells: str, said: str) -> None:
    from fairmilk.register.observation_store import COLUMNS, read_observations_csv

    row = dict.fromkeys(COLUMNS, "")
    row.update(date="2024-03-01", country="SN", place="Dakar", product="wmp",
               package_size="400", package_unit="g", price="1500", currency="XOF")  # fmt: skip
    row["place" if len(cells) > 100 else "price"] = cells
    text = ",".join(COLUMNS) + "\n" + ",".join(row[c] for c in COLUMNS) + "\n"
    with pytest.raises(InputError, match=said) as caught:
        read_observations_csv(text.encode(), name="obs.csv")
    assert caught.value.line == 2
