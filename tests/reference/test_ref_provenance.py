"""Every embedded dataset has a complete provenance record and documents every column."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

import pytest

from fairmilk.reference import catalog
from fairmilk.store.reference import loaded_datasets

DATASETS = catalog.datasets()


def _header(dataset_id: str) -> list[str]:
    text = catalog.read_bytes(dataset_id).decode("utf-8")
    return next(csv.reader(io.StringIO(text)))


def test_the_reference_datasets_are_embedded() -> None:
    assert set(loaded_datasets()) <= set(DATASETS)


@pytest.mark.parametrize("dataset_id", DATASETS)
def test_provenance_is_complete(dataset_id: str) -> None:
    prov = catalog.provenance(dataset_id)
    assert prov.id == dataset_id
    assert prov.title_en.strip()
    assert prov.title_fr.strip()
    assert prov.producer.strip()
    assert prov.urls
    assert all(u.startswith(("http://", "https://")) for u in prov.urls)
    assert prov.licence.strip()
    assert date.fromisoformat(prov.accessed) <= date.today()
    assert prov.redistribution in ("yes", "unclear", "no")


@pytest.mark.parametrize("dataset_id", DATASETS)
def test_only_redistributable_data_is_embedded(dataset_id: str) -> None:
    assert catalog.provenance(dataset_id).redistribution == "yes"


@pytest.mark.parametrize("dataset_id", DATASETS)
def test_every_column_is_documented_in_english_and_french(dataset_id: str) -> None:
    columns = catalog.provenance(dataset_id).columns
    header = _header(dataset_id)
    assert sorted(columns) == sorted(header)
    for name in header:
        assert columns[name]["description_en"].strip(), name
        assert columns[name]["description_fr"].strip(), name
        assert "unit" in columns[name], name


@pytest.mark.parametrize("dataset_id", [d for d in loaded_datasets() if "/" in d])
def test_copied_files_match_their_recorded_checksum(dataset_id: str) -> None:
    prov = catalog.provenance(dataset_id)
    digest = hashlib.sha256(catalog.read_bytes(dataset_id)).hexdigest()
    assert prov.extra["sha256"] == digest


@pytest.mark.parametrize("dataset_id", [d for d in loaded_datasets() if d.startswith("series/")])
def test_series_copies_name_their_upstream_commit(dataset_id: str) -> None:
    origin = catalog.provenance(dataset_id).extra["origin"]
    assert len(origin["commit"]) == 40
    assert origin["repo"]
    assert origin["path"]
    assert origin["copy"].startswith(("byte copy (A)", "transcribed (B)"))


def test_globaldairytrade_prices_ship_without_imputed_or_carried_forward_values() -> None:
    shipped = [d for d in DATASETS if "gdt" in d.lower()]
    assert shipped == ["prices/gdt_events"]
    header = catalog.read_rows("prices/gdt_events")[0].keys()
    assert not [c for c in header if "bmp" in c.lower()]  # BMP is carried forward: not shipped


def test_the_data_sources_page_names_every_reference_dataset() -> None:
    page = (Path(__file__).parents[2] / "docs" / "data-sources.md").read_text(encoding="utf-8")
    missing = [d for d in loaded_datasets() if f"`{d}`" not in page]
    assert not missing
    assert "GlobalDairyTrade" in page
    assert "1901 90 95" in page
