"""Load the embedded reference data into the store, in one transaction, idempotently.

Rerunning replaces the reference rows: the ``ref_*`` tables are emptied and refilled, and
the observations and ``source_files`` rows of the datasets loaded here are replaced. Rows
that other loaders own (prices, policy, CFS, trade files) are left alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import duckdb

from fairmilk import __version__
from fairmilk.ingest.literals import sql_string
from fairmilk.reference.catalog import datasets as catalog_datasets
from fairmilk.reference.catalog import provenance, read_bytes, read_rows
from fairmilk.reference.categories import categories
from fairmilk.reference.fao_trade import READERS as FAO_TRADE_READERS
from fairmilk.reference.geo import countries, memberships
from fairmilk.reference.observations import SERIES_READERS, Observation
from fairmilk.reference.products import product_codes
from fairmilk.reference.published import DATASET as PUBLISHED
from fairmilk.reference.published import published_figures
from fairmilk.store.bulk import insert_rows
from fairmilk.store.db import transaction

TABLE_DATASETS = {
    "ref_products": "products",
    "ref_categories": "categories",
    "ref_countries": "countries",
    "ref_regions": "regions",
    "ref_memberships": "memberships",
    "ref_series": "series_catalog",
}
LOOKUPS = (
    "non_country_partners",
    "country_code_variants",
    "series/faostat_ddf_geo_entities_subset",
)


def loaded_datasets() -> tuple[str, ...]:
    """The ids of every dataset that load_reference loads or registers."""
    return (*TABLE_DATASETS.values(), *LOOKUPS, *SERIES_READERS, *FAO_TRADE_READERS, PUBLISHED)


def asdict(item: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields (shallow: the values are kept as they are)."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


def _table_rows() -> dict[str, list[dict[str, Any]]]:
    return {
        "ref_products": [asdict(p) for p in product_codes()],
        "ref_categories": [asdict(c) for c in categories()],
        "ref_countries": [asdict(c) for c in countries()],
        "ref_regions": [
            {k: r[k] for k in ("region", "name_en", "name_fr", "note")}
            for r in read_rows("regions")
        ],
        "ref_series": read_rows("series_catalog"),
        "ref_memberships": [
            {
                "region": m.region,
                "iso2": m.iso2,
                "start_date": m.start,
                "end_date": m.end,
                "source_url": m.source_url,
            }
            for m in memberships()
        ],
    }


def _observations() -> dict[str, list[Observation]]:
    readers = {**SERIES_READERS, **FAO_TRADE_READERS}
    out = {name: reader() for name, reader in readers.items()}
    out[PUBLISHED] = published_figures()
    return out


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    return _insert_columns(con, table, {k: [r.get(k) for r in rows] for k in rows[0]})


def _insert_columns(con: duckdb.DuckDBPyConnection, table: str, data: dict[str, list[Any]]) -> int:
    """Insert columns (name -> values) that the table has (through a CSV file, see bulk)."""
    columns = {r[1] for r in con.execute(f"PRAGMA table_info('{table}')").fetchall()}
    names = [k for k in data if k in columns]
    return insert_rows(con, table, names, zip(*(data[k] for k in names), strict=True))


def _source_file(dataset: str, rows_kept: int | None, started: datetime) -> dict[str, Any]:
    raw = read_bytes(dataset)
    prov = provenance(dataset)
    return {
        "file_id": hashlib.sha256(raw).hexdigest(),
        "source": "reference",
        "dataset_key": f"reference:{dataset}",
        "vintage": 1,
        "is_current": True,
        "file_name": f"{dataset}.csv",
        "size_bytes": len(raw),
        "layout": "reference-csv",
        "rows_read": len(read_rows(dataset)),
        "rows_kept": rows_kept,
        "rows_rejected": 0,
        "started_at": started,
        "finished_at": datetime.now(UTC).replace(tzinfo=None),
        "fairmilk_version": __version__,
        "synthetic": prov.synthetic,
        "producer": prov.producer,
        "url": prov.urls[0] if prov.urls else None,
        "licence": prov.licence,
        "note": prov.title_en,
    }


def _clear(con: duckdb.DuckDBPyConnection, datasets: tuple[str, ...]) -> None:
    for table in TABLE_DATASETS:
        con.execute(f"DELETE FROM {table}")
    # Names written into the statement: binding a Python value makes DuckDB import pandas.
    names = ", ".join(sql_string(d) for d in datasets)
    con.execute(f"DELETE FROM observations WHERE dataset IN ({names or 'NULL'})")
    con.execute("DELETE FROM source_files WHERE source = 'reference'")


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Replace every reference row in the store; return the row count per table."""
    started = datetime.now(UTC).replace(tzinfo=None)
    tables = _table_rows()
    observations = _observations()
    kept = {TABLE_DATASETS[t]: len(rows) for t, rows in tables.items()}
    kept |= {name: len(obs) for name, obs in observations.items()}
    datasets = loaded_datasets()
    # Every embedded dataset is registered, also those another loader reads (prices, policy,
    # the CFS catalogue): their rows_kept stays empty here.
    files = [_source_file(d, kept.get(d), started) for d in catalog_datasets()]
    counts: dict[str, int] = {}
    with transaction(con):
        _clear(con, datasets)
        for table, rows in tables.items():
            counts[table] = _insert(con, table, rows)
        flat = [o for obs in observations.values() for o in obs]
        names = [f.name for f in fields(Observation)]
        counts["observations"] = _insert_columns(
            con, "observations", {n: [getattr(o, n) for o in flat] for n in names}
        )
        counts["source_files"] = _insert(con, "source_files", files)
    return counts
