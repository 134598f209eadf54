"""countries.csv is what scripts/make_countries.py generates: the file is reproducible."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

from fairmilk.reference.catalog import read_bytes

SCRIPT = Path(__file__).parents[2] / "scripts" / "make_countries.py"


def test_countries_csv_is_reproducible() -> None:
    spec = importlib.util.spec_from_file_location("make_countries", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = list(csv.DictReader(io.StringIO(read_bytes("countries").decode("utf-8"))))
    assert module.rows() == shipped
