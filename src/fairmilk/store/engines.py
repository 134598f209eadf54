"""Another engine for the indicators: Spark, DuckDB or any Ibis URL over the store's Parquet files.

DuckDB over the store file stays the default (``--db``). ``--engine spark --data DIR`` runs
the same Ibis expressions on Apache Spark over the tables that ``fairmilk export parquet DIR``
wrote; ``--engine duckdb --data DIR`` reads that folder with DuckDB; an Ibis URL
(``trino://user@host/catalog/schema``, ``postgres://...``) connects to a database that holds
tables of the same names and columns (or reads DIR, where the engine can). See
docs/engines.md.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from fairmilk.config import SPARK_MASTER_ENV
from fairmilk.errors import ParameterError, StoreError
from fairmilk.store.parquet import ENGINE_TABLES, table_file

if TYPE_CHECKING:
    import ibis

ENGINE_NAMES = ("duckdb", "spark")


def open_engine(engine: str, *, data: Path | None = None) -> ibis.BaseBackend:
    """An Ibis backend on ``engine`` (duckdb, spark or an Ibis URL), reading ``data`` if given."""
    import ibis

    if "://" in engine:
        db = ibis.connect(engine)
    elif engine == "spark":
        db = spark_backend()
    elif engine == "duckdb":
        if data is None:
            raise ParameterError("--engine duckdb: give --data DIR, or --db for the store file")
        db = ibis.duckdb.connect()
    else:
        expected = ", ".join(ENGINE_NAMES) + " or an Ibis URL (trino://..., postgres://...)"
        raise ParameterError(f"--engine: expected {expected}, found {engine!r}")
    if data is not None:
        read_tables(db, data)
    else:
        _check_tables(db)
    return db


def _check_tables(db: ibis.BaseBackend) -> None:
    """StoreError unless the engine already holds every table of ENGINE_TABLES."""
    held = set(db.list_tables())
    missing = [t for t in ENGINE_TABLES if t not in held]
    if missing:
        raise StoreError(
            f"--engine: the {db.name} engine has no table {missing[0]}; give --data DIR (the "
            "Parquet files written by 'fairmilk export parquet DIR') or load the tables into it"
        )


def read_tables(db: ibis.BaseBackend, folder: Path) -> None:
    """Register the Parquet file of every table of ENGINE_TABLES under the table's name."""
    missing = [t for t in ENGINE_TABLES if not table_file(folder, t).is_file()]
    if missing:
        raise StoreError(
            f"{folder}: no {table_file(folder, missing[0]).name}; expected the Parquet files "
            "written by 'fairmilk export parquet DIR'"
        )
    for table in ENGINE_TABLES:
        try:
            db.read_parquet(table_file(folder, table), table_name=table)
        except NotImplementedError as exc:
            raise StoreError(
                f"--data: the {db.name} engine cannot read Parquet files; load the tables "
                f"({', '.join(ENGINE_TABLES)}) into it and leave out --data"
            ) from exc


def spark_backend(*, master: str | None = None, partitions: int | None = None) -> ibis.BaseBackend:
    """Ibis over a Spark session: local mode on every core unless FAIRMILK_SPARK_MASTER (or
    ``master``) names another; ``partitions`` shuffle partitions (default: one per core)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise StoreError("--engine spark: Spark needs Java 17 or later ('java' not found)")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StoreError(
            "--engine spark: PySpark is not installed; install it with "
            "pip install 'fairmilk[spark]'"
        ) from exc
    import ibis

    master = master or os.environ.get(SPARK_MASTER_ENV, "local[*]")
    shuffles = partitions or os.cpu_count() or 1
    session = (
        SparkSession.builder.master(master)
        .appName("fairmilk")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffles))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)
