"""A file's digest (sha256, size; data lines of a gzip file), over several read chunks, and
the data rows of a plain file as the scan counts them."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import duckdb
import pytest

from fairmilk.ingest.opening import CHUNK, _hash_and_count
from fairmilk.ingest.scan import profile_scans, rows_read

HEADER = b"A,B\n"


def _body(rows: int) -> bytes:
    return b"".join(b"%d,x\n" % i for i in range(rows))


@pytest.mark.parametrize("tail", [b"", b"last,row"], ids=["newline-at-end", "no-newline-at-end"])
def test_a_plain_file_over_several_chunks(tmp_path: Path, tail: bytes) -> None:
    data = HEADER + _body(CHUNK // 3) + tail  # about 3 chunks, lines cut at chunk ends
    assert len(data) > 2 * CHUNK
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    digest = _hash_and_count(path, path, "none")
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.size == len(data)
    assert digest.data_lines is None  # a plain file's rows are counted by the scan
    assert _scanned_rows(path) == CHUNK // 3 + (1 if tail else 0)


def test_a_file_of_exactly_one_chunk(tmp_path: Path) -> None:
    data = HEADER + b"1,x\n" * ((CHUNK - len(HEADER)) // 4 - 1)
    data += b"y," + b"y" * (CHUNK - len(data) - 3) + b"\n"
    assert len(data) == CHUNK
    path = tmp_path / "one.csv"
    path.write_bytes(data)
    digest = _hash_and_count(path, path, "none")
    assert (digest.size, digest.data_lines) == (CHUNK, None)
    assert _scanned_rows(path) == data.count(b"\n") - 1


def test_a_gzip_file_hashes_its_bytes_and_counts_its_decompressed_lines(tmp_path: Path) -> None:
    data = HEADER + _body(1000)
    path = tmp_path / "f.csv.gz"
    path.write_bytes(gzip.compress(data))
    digest = _hash_and_count(path, path, "gzip")
    assert digest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest.data_lines == 1000


def _scanned_rows(path: Path) -> int | None:
    """The rows DuckDB reports for a scan that keeps almost none of them."""
    con = duckdb.connect()
    profile_scans(con)
    # The path written into the statement, as the ingest does (see ingest.literals).
    scan = f"read_csv('{path}', header = true, all_varchar = true)"
    con.execute(f"CREATE TABLE t AS SELECT * FROM {scan} WHERE B = 'y'")
    read = rows_read(con)  # of the last query: before any other
    kept = con.execute("SELECT count(*) FROM t").fetchone()
    assert kept is not None
    assert kept[0] <= 1
    return read


def test_no_count_when_the_profile_has_no_csv_scan() -> None:
    con = duckdb.connect()
    profile_scans(con)
    con.execute("SELECT 42")
    assert rows_read(con) is None  # the caller then counts the lines itself
