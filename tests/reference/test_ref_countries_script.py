"""countries.csv is what scripts/make_countries.py generates: the file is reproducible."""

from __future__ import annotations

import csv
import importlib.util
import io
from importlib.metadata import version
from pathlib import Path

import pytest

from fairmilk.reference.catalog import provenance, read_bytes

SCRIPT = Path(__file__).parents[2] / "scripts" / "make_countries.py"


def test_countries_csv_is_reproducible() -> None:
    recorded = provenance("countries").extra["generated_with"]
    installed = {"pycountry": version("pycountry"), "babel": version("babel")}
    if installed != {k: recorded[k] for k in installed}:
        pytest.skip(f"generated with {recorded}, installed {installed}")
    spec = importlib.util.spec_from_file_location("make_countries", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = list(csv.DictReader(io.StringIO(read_bytes("countries").decode("utf-8"))))
    assert module.rows() == shipped
