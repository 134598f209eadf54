"""Parsing in a child process: a parse that runs too long or takes too much memory is
stopped and reported as an InputError naming the file; the parent is unharmed."""

from __future__ import annotations

import time

import pytest

from fairmilk.errors import InputError
from fairmilk.register.importer import import_bytes
from fairmilk.register.isolation import Limits, run_isolated


def _spin(*, name: str) -> None:
    while True:
        pass


def _hog(*, name: str) -> bytes:
    return b"x" * (4 * 1024**3)


def _fails(*, name: str) -> None:
    raise RecursionError("deep")


def test_a_parse_that_runs_too_long_is_stopped() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="took too long") as caught:
        run_isolated(_spin, name="slow.pdf", limits=Limits(seconds=1))
    assert time.perf_counter() - start < 4
    assert str(caught.value).startswith("slow.pdf: ")


def test_a_parse_that_takes_too_much_memory_is_stopped() -> None:
    with pytest.raises(InputError, match=r"memory|limits"):
        run_isolated(_hog, name="big.docx", limits=Limits(seconds=10, memory=256 * 1024**2))


def test_an_unexpected_error_becomes_an_input_error() -> None:
    with pytest.raises(InputError, match=r"cannot be read \(RecursionError\)"):
        run_isolated(_fails, name="odd.txt")


def test_a_good_form_comes_back_whole(oxfam: str) -> None:
    record = run_isolated(import_bytes, oxfam.encode(), name="oxfam.txt")
    assert record.values["title"] == "Local and Fair Milk in West Africa and Europe"
