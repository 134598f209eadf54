"""One dataset per source, reporter scope and period; a revision must cover what it revises."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from ingest_helpers import classic_line, counts, write_classic

from fairmilk.errors import InputError
from fairmilk.store.trade import ingest_file

SIX_YEARS = [
    classic_line(par=partner, period=f"{year}{month:02d}")
    for year in range(2018, 2024)
    for month in range(1, 13)
    for partner in ("SN", "CI")
]


def test_a_file_covering_less_never_replaces_a_loaded_one(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    big = ingest_file(con, write_classic(tmp_path / "six.dat", SIX_YEARS), source="comext")
    assert big.dataset_key == "comext:FR:201801-202312"
    before = counts(con)
    ends = [classic_line(period="201801", value="1"), classic_line(period="202312", value="2")]
    small = write_classic(tmp_path / "ends.dat", ends)  # same first and last period
    with pytest.raises(InputError, match="covers only 2 of the 72") as caught:
        ingest_file(con, small, source="comext")
    assert caught.value.file == str(small)
    assert counts(con) == before  # nothing written
    current = con.execute("SELECT file_name FROM source_files WHERE is_current").fetchall()
    assert current == [("six.dat",)]


def test_a_file_covering_more_is_the_revision(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    one = [classic_line(period="201901"), classic_line(period="201902")]
    first = ingest_file(con, write_classic(tmp_path / "two.dat", one), source="comext")
    second = ingest_file(con, write_classic(tmp_path / "six.dat", SIX_YEARS), source="comext")
    assert (second.status, second.replaced, second.vintage) == ("replaced", ["two.dat"], 2)
    current = con.execute("SELECT file_id FROM source_files WHERE is_current").fetchall()
    assert current == [(second.file_id,)]
    assert first.file_id != second.file_id


def test_files_without_dairy_rows_are_separate_datasets(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    beef = write_classic(tmp_path / "beef.dat", [classic_line(code="02013000")])
    pork = write_classic(tmp_path / "pork.dat", [classic_line(code="02031110")])
    one = ingest_file(con, beef, source="comext")
    two = ingest_file(con, pork, source="comext")
    assert one.dataset_key != two.dataset_key
    assert one.dataset_key.startswith("comext:no-dairy-rows:")
    assert (one.vintage, two.vintage, two.status) == (1, 1, "loaded")
    assert con.execute("SELECT count(*) FROM source_files WHERE is_current").fetchone() == (2,)


def test_other_reporters_same_period_are_another_dataset(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    fr = ingest_file(con, write_classic(tmp_path / "fr.dat", [classic_line()]), source="comext")
    nl = write_classic(tmp_path / "nl.dat", [classic_line(rep="NL")])
    other = ingest_file(con, nl, source="comext")
    assert (fr.dataset_key, other.dataset_key) == ("comext:FR:2019", "comext:NL:2019")
    assert other.status == "loaded"
    assert con.execute("SELECT sum(value_eur) FROM trade_current").fetchone() == (2000.0,)
