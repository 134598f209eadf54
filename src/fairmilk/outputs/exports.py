"""Write an indicator table as CSV, French-Excel CSV, XLSX, Parquet or a Frictionless package.

Every file travels with its title, notes, sources and the synthetic-data label: in a
``.sources.txt`` sidecar (CSV), a "sources" sheet (XLSX), the file metadata (Parquet) or
``datapackage.json``. Every write is atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from fairmilk import __version__
from fairmilk.errors import ParameterError
from fairmilk.indicators.frame import Frame
from fairmilk.outputs.exports_meta import FORMATS as FORMATS
from fairmilk.outputs.exports_meta import describe, field_type, licences, source_entries
from fairmilk.outputs.tables import Result, to_csv

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
BOM = "\ufeff"


def to_result(frame: Frame) -> Result:
    """The ``Result`` (outputs) twin of an indicator ``Frame``."""
    return Result(
        title=frame.title,
        columns=list(frame.columns),
        rows=list(frame.rows),
        sources=list(frame.sources),
        notes=list(frame.notes),
        synthetic=frame.synthetic,
    )


def guess_format(path: Path, fmt: str | None = None) -> str:
    """The export format: as given, else from the file suffix (a folder is a data package)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ParameterError(f"format: expected one of {', '.join(FORMATS)}, found {fmt!r}")
        return fmt
    if path.suffix == "" or path.is_dir():
        return "datapackage"
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    raise ParameterError(
        f"{path}: cannot tell the format from the suffix; expected .csv, .xlsx, .parquet, "
        "a folder, or --format"
    )


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call write on a temporary file beside path, then rename it over path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    path.write_text(text, encoding=encoding, newline="")


def provenance_text(result: Result) -> str:
    """Title, notes (synthetic label first) and sources as plain text lines."""
    lines = [result.title, ""]
    lines += [f"Note: {n}" for n in result.all_notes()]
    lines += [f"Source: {s}" for s in result.sources]
    lines.append(f"Made by fairmilk {__version__}.")
    return "\n".join(lines) + "\n"


def write_csv(result: Result, path: Path, *, french: bool = False) -> list[Path]:
    """CSV (or French-Excel CSV: ';', decimal comma, UTF-8 BOM) plus a sources sidecar."""
    body = to_csv(result, delimiter=";", decimal_comma=True) if french else to_csv(result)
    atomic_write(path, lambda p: _text(p, BOM + body if french else body))
    side = path.with_name(path.stem + ".sources.txt")
    atomic_write(side, lambda p: _text(p, provenance_text(result)))
    return [path, side]


def _xlsx(result: Result, path: Path) -> None:
    book = Workbook()
    data = book.worksheets[0]
    data.title = "data"
    data.append(result.columns)
    for row in result.rows:
        data.append([_cell(v) for v in row])
    meta = book.create_sheet("sources")
    meta.append(["title", result.title])
    meta.append(["synthetic", "yes" if result.synthetic else "no"])
    for note in result.all_notes():
        meta.append(["note", note])
    for src in result.sources:
        meta.append(["source", src])
    for name in result.columns:
        meta.append(["column", name, describe(name), describe(name, "fr")])
    meta.append(["made by", f"fairmilk {__version__}"])
    book.save(path)


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN is a gap
        return None
    return value


def write_xlsx(result: Result, path: Path) -> list[Path]:
    """XLSX with a "data" sheet and a "sources" sheet (title, notes, sources)."""
    return [atomic_write(path, lambda p: _xlsx(result, p))]


def arrow_table(result: Result) -> pa.Table:
    """The rows as an Arrow table, with title, notes, sources and synthetic in its metadata."""
    columns = {name: [row[i] for row in result.rows] for i, name in enumerate(result.columns)}
    table = pa.table(columns) if result.rows else pa.table({c: pa.array([]) for c in columns})
    meta = {
        "title": result.title,
        "notes": result.all_notes(),
        "sources": result.sources,
        "synthetic": result.synthetic,
        "made_by": f"fairmilk {__version__}",
    }
    return table.replace_schema_metadata({"fairmilk": json.dumps(meta, ensure_ascii=False)})


def write_parquet(result: Result, path: Path) -> list[Path]:
    """Parquet with the provenance under the "fairmilk" key of the file metadata."""
    return [atomic_write(path, lambda p: pq.write_table(arrow_table(result), p))]


def resource_name(title: str) -> str:
    """A data-package resource name (lower case, digits, '-', '_', '.') from a title."""
    name = re.sub(r"[^a-z0-9._-]+", "-", title.lower()).strip("-")
    return name or "table"


def datapackage(results: Sequence[Result], names: Sequence[str]) -> dict[str, Any]:
    """The datapackage.json descriptor of the results (one CSV resource each)."""
    resources = []
    for result, name in zip(results, names, strict=True):
        fields = [
            {
                "name": c,
                "type": field_type(result, i),
                "description": describe(c),
                "description_fr": describe(c, "fr"),
            }
            for i, c in enumerate(result.columns)
        ]
        resources.append(
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "title": result.title,
                "description": " ".join(result.all_notes()),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
                "sources": source_entries(result.sources),
            }
        )
    all_sources = [s for r in results for s in r.sources]
    return {
        "profile": "tabular-data-package",
        "name": resources[0]["name"] if len(resources) == 1 else "fairmilk-export",
        "title": " / ".join(r.title for r in results),
        "description": f"Exported by fairmilk {__version__}.",
        "synthetic": any(r.synthetic for r in results),
        "licenses": licences(all_sources),
        "sources": source_entries(all_sources),
        "resources": resources,
    }


def write_datapackage(results: Sequence[Result], folder: Path) -> list[Path]:
    """A Frictionless Data Package folder: datapackage.json and one CSV per result."""
    if not results:
        raise ParameterError("datapackage: expected at least one table, found none")
    names = _unique([resource_name(r.title) for r in results])
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (tmp / "data").mkdir()
        for result, name in zip(results, names, strict=True):
            _text(tmp / "data" / f"{name}.csv", to_csv(result))
        descriptor = json.dumps(datapackage(results, names), ensure_ascii=False, indent=2)
        _text(tmp / "datapackage.json", descriptor + "\n")
        _swap_folder(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [folder / "datapackage.json", *[folder / "data" / f"{n}.csv" for n in names]]


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out


def _swap_folder(new: Path, target: Path) -> None:
    """Rename new to target; an existing target is moved aside first, then removed."""
    if target.exists() and not (target / "datapackage.json").exists() and any(target.iterdir()):
        raise ParameterError(f"{target}: folder exists and is not a data package; not replacing")
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def export(results: Sequence[Result], path: Path, *, fmt: str | None = None) -> list[Path]:
    """Write the results to path in the format (guessed from path when None); files written."""
    kind = guess_format(path, fmt)
    if kind == "datapackage":
        return write_datapackage(results, path)
    if len(results) != 1:
        raise ParameterError(f"{kind}: expected one table, found {len(results)}")
    result = results[0]
    if kind in ("csv", "csv-fr"):
        return write_csv(result, path, french=kind == "csv-fr")
    if kind == "xlsx":
        return write_xlsx(result, path)
    return write_parquet(result, path)
