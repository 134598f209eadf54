"""A file's digest: its sha256, size and data lines, over several read chunks."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from fairmilk.ingest.opening import CHUNK, _count_and_hash

HEADER = b"A,B\n"


def _body(rows: int) -> bytes:
    return b"".join(b"%d,x\n" % i for i in range(rows))


@pytest.mark.parametrize("tail", [b"", b"last,row"], ids=["newline-at-end", "no-newline-at-end"])
def test_a_plain_file_over_several_chunks(tmp_path: Path, tail: bytes) -> None:
    data = HEADER + _body(CHUNK // 3) + tail  # about 3 chunks, lines cut at chunk ends
    assert len(data) > 2 * CHUNK
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    digest = _count_and_hash(path, path, "none")
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.size == len(data)
    assert digest.data_lines == CHUNK // 3 + (1 if tail else 0)


def test_a_file_of_exactly_one_chunk(tmp_path: Path) -> None:
    data = HEADER + b"1,x\n" * ((CHUNK - len(HEADER)) // 4 - 1)
    data += b"y" * (CHUNK - len(data) - 1) + b"\n"
    assert len(data) == CHUNK
    path = tmp_path / "one.csv"
    path.write_bytes(data)
    digest = _count_and_hash(path, path, "none")
    assert (digest.size, digest.data_lines) == (CHUNK, data.count(b"\n") - 1)


def test_a_gzip_file_hashes_its_bytes_and_counts_its_decompressed_lines(tmp_path: Path) -> None:
    data = HEADER + _body(1000)
    path = tmp_path / "f.csv.gz"
    path.write_bytes(gzip.compress(data))
    digest = _count_and_hash(path, path, "gzip")
    assert digest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest.data_lines == 1000
