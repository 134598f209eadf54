"""Bad input: an InputError naming file, line and column; nothing is loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import CLASSIC_HEADER, classic_line, counts, gzipped, sevenzipped, write_classic

from fairmilk.errors import InputError
from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

GOOD = [classic_line(), classic_line(par="CI"), classic_line(par="ML")]


def _fails(con: duckdb.DuckDBPyConnection, path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        ingest_file(con, path, source="comext")
    assert counts(con) == (0, 0, 0)
    assert info.value.file == str(path)
    return info.value


# (name, line 5 of the file [header is line 1], expected line, column, text in the message)
BAD_LINES = [
    ("non_numeric_value", classic_line(value="12a4"), 5, "VALUE_IN_EUROS", "non-negative"),
    ("negative_value", classic_line(value="-5"), 5, "VALUE_IN_EUROS", "non-negative"),
    ("missing_value", classic_line(value=""), 5, "VALUE_IN_EUROS", "non-negative"),
    ("negative_quantity", classic_line(kg="-1"), 5, "QUANTITY_IN_KG", "non-negative"),
    ("nan_quantity", classic_line(kg="nan"), 5, "QUANTITY_IN_KG", "non-negative"),
    ("unknown_reporter", classic_line(rep="ZZ"), 5, "DECLARANT_ISO", "unknown reporter"),
    ("malformed_code_short", classic_line(code="0402101"), 5, "PRODUCT_NC", "malformed"),
    ("malformed_code_letters", classic_line(code="0402101X"), 5, "PRODUCT_NC", "malformed"),
    ("month_13", classic_line(period="201913"), 5, "PERIOD", "period"),
    ("month_00", classic_line(period="201900"), 5, "PERIOD", "period"),
    ("year_1987", classic_line(period="198752"), 5, "PERIOD", "period"),
    ("future_year", classic_line(period="209952"), 5, "PERIOD", "period"),
    ("unknown_flow", classic_line(flow="3"), 5, "FLOW", "flow"),
    ("duplicate_key", classic_line(par="CI"), 5, "PRODUCT_NC", "duplicate"),
]


@pytest.mark.parametrize(
    ("name", "line", "at", "column", "text"), BAD_LINES, ids=[b[0] for b in BAD_LINES]
)
def test_bad_row(
    con: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    name: str,
    line: str,
    at: int,
    column: str,
    text: str,
) -> None:
    # A non-dairy line first, so that the line number is not the ordinal of kept rows.
    lines = [GOOD[0], classic_line(code="02013000"), GOOD[1], line, GOOD[2]]
    error = _fails(con, write_classic(tmp_path / f"{name}.dat", lines))
    assert (error.line, error.column) == (at, column)
    assert text in str(error)
    assert error.expected


def test_garbage_in_non_dairy_rows_is_ignored(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lines = [*GOOD, classic_line(code="84713000", value="oops", rep="ZZ")]
    report = ingest_file(con, write_classic(tmp_path / "f.dat", lines), source="comext")
    assert (report.rows_read, report.rows_kept) == (4, 3)


def test_empty_file(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "empty.dat"
    path.write_bytes(b"")
    assert "empty file" in str(_fails(con, path))


def test_header_only(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    error = _fails(con, write_classic(tmp_path / "h.dat", []))
    assert "no data rows" in str(error)


def test_missing_header_column(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "h.dat"
    header = CLASSIC_HEADER.replace("VALUE_IN_EUROS", "VALUE")
    path.write_text(header + "\n" + GOOD[0] + "\n", encoding="utf-8")
    error = _fails(con, path)
    assert (error.line, error.column) == (1, "VALUE_IN_EUROS")


def test_wrong_header(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    assert _fails(con, path).line == 1


def test_not_utf8_in_a_column_read_is_decoded_with_a_warning(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = write_classic(tmp_path / "latin1.dat", GOOD)
    data = path.read_bytes().replace(b"\n001,FR,0248,CI", b"\n001,FR,0248,C\xe9", 1)
    path.write_bytes(data)
    report = ingest_file(con, path, source="comext")
    assert report.rows_kept == 3
    (warning,) = [i for i in report.issues if i.kind == "not_utf8"]
    assert warning.line == 3
    assert "Latin-1" in warning.message
    partners = con.execute("SELECT partner FROM trade_flows ORDER BY partner").fetchall()
    assert ("X:C\u00c9",) in partners  # decoded, upper-cased, kept apart as no country


def test_not_utf8_in_a_column_not_read_never_blocks(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = write_classic(tmp_path / "latin1.dat", GOOD)
    data = path.read_bytes().replace(b"\n001,", b"\n\xe9\xff1,", 1)  # DECLARANT: not read
    path.write_bytes(data)
    report = ingest_file(con, path, source="comext")
    assert report.rows_kept == 3


def test_wrong_field_count(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    error = _fails(con, write_classic(tmp_path / "f.dat", [*GOOD, GOOD[0] + ",extra"]))
    assert error.line == 5
    assert "fields" in str(error)


def test_truncated_gzip(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    lines = [
        classic_line(par=p, code=c)
        for p in ("SN", "CI", "ML", "BF", "NG")
        for c in ("04021019", "04022118", "19019099", "04069099")
    ]
    full = gzipped(write_classic(tmp_path / "f.dat", lines), tmp_path / "f.dat.gz")
    cut = tmp_path / "cut.dat.gz"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    error = _fails(con, cut)
    assert "truncated" in str(error)


def test_truncated_7z(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    full = sevenzipped(write_classic(tmp_path / "f.dat", GOOD), tmp_path / "f.7z")
    cut = tmp_path / "cut.7z"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size - 20])
    assert "7z" in str(_fails(con, cut))


def test_cli_exits_2_and_loads_nothing(store_path: Path, tmp_path: Path) -> None:
    bad = write_classic(tmp_path / "bad.dat", [*GOOD, classic_line(value="x")])
    good = write_classic(tmp_path / "good.dat", GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "fairmilk", "ingest", "comext", str(bad), "--db", str(store_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert f"{bad}:5:" in done.stderr
    assert "Traceback" not in done.stderr
    con = open_store(store_path)
    # the reference data is brought up to date before the ingest; no trade row is written
    assert con.execute("SELECT count(*) FROM source_files WHERE source = 'comext'").fetchone() == (
        0,
    )
    assert counts(con)[1:] == (0, 0)
    ingest_file(con, good, source="comext")
    assert counts(con)[1] == 3
    con.close()
