"""The embedded reference datasets: list them, read their rows and their provenance records.

Each dataset is a CSV file under ``reference/data`` (sub-folders allowed) with a sidecar
``NAME.provenance.json``. A dataset's id is its path below ``data`` without ``.csv``,
for example ``products`` or ``prices/eu_milk_prices_costs``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from fairmilk.errors import ReferenceDataError

REQUIRED_KEYS = (
    "id",
    "title_en",
    "title_fr",
    "producer",
    "urls",
    "accessed",
    "licence",
    "redistribution",
    "notes",
    "synthetic",
    "columns",
)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a reference dataset comes from, under which licence, and what its columns mean."""

    id: str
    title_en: str
    title_fr: str
    producer: str
    urls: tuple[str, ...]
    accessed: str
    licence: str
    redistribution: str
    notes: str
    synthetic: bool
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def data_dir() -> Traversable:
    """The folder that holds the embedded reference files."""
    return resources.files("fairmilk.reference") / "data"


def _walk(folder: Traversable, prefix: str) -> list[str]:
    ids: list[str] = []
    for entry in folder.iterdir():
        if entry.is_dir():
            ids += _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".csv"):
            ids.append(prefix + entry.name[: -len(".csv")])
    return ids


@cache
def datasets() -> tuple[str, ...]:
    """The ids of every embedded dataset, sorted."""
    return tuple(sorted(_walk(data_dir(), "")))


def _file(dataset_id: str, suffix: str) -> Traversable:
    node = data_dir()
    for part in f"{dataset_id}{suffix}".split("/"):
        node = node / part
    return node


@cache
def provenance(dataset_id: str) -> Provenance:
    """The provenance record beside the dataset; raises ReferenceDataError if absent or bad."""
    path = _file(dataset_id, ".provenance.json")
    name = f"reference/data/{dataset_id}.provenance.json"
    if not path.is_file():
        raise ReferenceDataError(f"{name}: missing provenance record for dataset {dataset_id!r}")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise ReferenceDataError(f"{name}: missing keys {missing}")
    known = {k: raw[k] for k in REQUIRED_KEYS}
    return Provenance(
        id=str(known["id"]),
        title_en=str(known["title_en"]),
        title_fr=str(known["title_fr"]),
        producer=str(known["producer"]),
        urls=tuple(str(u) for u in known["urls"]),
        accessed=str(known["accessed"]),
        licence=str(known["licence"]),
        redistribution=str(known["redistribution"]),
        notes=str(known["notes"]),
        synthetic=bool(known["synthetic"]),
        columns=dict(known["columns"]),
        extra={k: v for k, v in raw.items() if k not in REQUIRED_KEYS},
    )


@cache
def _text(dataset_id: str) -> str:
    path = _file(dataset_id, ".csv")
    if not path.is_file():
        raise ReferenceDataError(f"reference/data/{dataset_id}.csv: no such dataset")
    return path.read_text(encoding="utf-8")


def read_rows(dataset_id: str) -> list[dict[str, str]]:
    """The dataset's rows as dictionaries of strings (empty string for an empty cell)."""
    return [dict(row) for row in _rows(dataset_id)]


@cache
def _rows(dataset_id: str) -> tuple[dict[str, str], ...]:
    """The checked rows of a dataset, parsed once per process (read_rows hands out copies)."""
    name = f"reference/data/{dataset_id}.csv"
    reader = csv.DictReader(io.StringIO(_text(dataset_id)))
    header = reader.fieldnames or []
    rows: list[dict[str, str]] = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise ReferenceDataError(
                f"{name}:{reader.line_num}: expected {len(header)} fields as in the header"
            )
        rows.append(row)
    return tuple(rows)


def read_bytes(dataset_id: str) -> bytes:
    """The dataset's CSV file, byte for byte (for checksums)."""
    path = _file(dataset_id, ".csv")
    if not path.is_file():
        raise ReferenceDataError(f"reference/data/{dataset_id}.csv: no such dataset")
    return path.read_bytes()
