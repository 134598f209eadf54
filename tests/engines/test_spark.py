"""Each indicator and simulator gives the same table on Apache Spark (local mode) as on DuckDB.

One Spark session for the whole run (session-scoped fixture), on one core, one shuffle
partition and no web UI; ``make unit`` keeps these tests on one xdist worker (xdist_group).
"""

from __future__ import annotations

import gc
import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pytest
from engine_frames import assert_same_frame
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.fao_trade import fao_trade_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.headline import published_ffmp
from fairmilk.indicators.mirror import mirror_frame
from fairmilk.indicators.price_tables import (
    anomaly_table,
    cost_coverage_table,
    dumping_margin_table,
    per_litre_table,
)
from fairmilk.indicators.prices import price_frame, rates_frame, read_prices, read_rates
from fairmilk.indicators.trade import trade_frame
from fairmilk.policy.mrp_run import run_mrp
from fairmilk.policy.tariffs import TariffScenario, tariff_scenario_table
from fairmilk.store.engines import read_tables, spark_backend

# PySpark 4.0 collects results through pandas calls that pandas 3 deprecates, and leaves the
# sockets of its result streams to the garbage collector: neither is fairmilk's to fix.
PYSPARK_WARNINGS = (
    "ignore:The copy keyword is deprecated:pandas.errors.Pandas4Warning",
    "ignore:The 'future.infer_string' option is deprecated:pandas.errors.Pandas4Warning",
    "ignore:unclosed <socket.socket:ResourceWarning",
)
pytestmark = [
    pytest.mark.spark,
    pytest.mark.xdist_group("spark"),
    *(pytest.mark.filterwarnings(w) for w in PYSPARK_WARNINGS),
]


def _collect_sockets() -> None:
    """Close the sockets PySpark left open now, so that no later test sees their warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture(autouse=True)
def _sockets_closed() -> Iterator[None]:
    yield
    _collect_sockets()


@pytest.fixture(scope="session")
def spark(demo_parquet: Path) -> Iterator[ibis.BaseBackend]:
    """Ibis on a local Spark session over the demo store's Parquet tables."""
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17: no 'java' on PATH")
    db = spark_backend(master="local[1]", partitions=1)
    read_tables(db, demo_parquet)
    yield db
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        db.disconnect()
    _collect_sockets()


def _prices(con: Any) -> Frame:
    points = read_prices(con, series=["farmgate_milk_price"], geo=["DE", "FR"])
    return price_frame(points, unit="EURc/kg", rates=read_rates(con))


def _tariffs(con: Any) -> Frame:
    scenario = TariffScenario(duty_pct={"smp": 35.0}, elasticities=(-1.0,))
    return tariff_scenario_table(con, scenario, countries=["SN", "CI"])


INDICATORS: dict[str, Callable[[Any], Frame | list[Frame]]] = {
    "trade by year and category": lambda c: trade_frame(
        c, exporters=["eu27"], destinations=["west-africa"], by=("year", "category")
    ),
    "trade by year, region and source": lambda c: trade_frame(
        c, destinations=["ecowas", "SN"], categories=["smp", "ffmp"], by=("year", "region")
    ),
    "ffmp": lambda c: ffmp_frame(c),
    "ffmp share": lambda c: ffmp_frame(c, share=True),
    "dependency": lambda c: dependency_frame(c),
    "published ffmp": published_ffmp,
    "prices and rates": lambda c: [_prices(c), rates_frame(read_rates(c))],
    "cost coverage": cost_coverage_table,
    "dumping margin": dumping_margin_table,
    "per litre": lambda c: per_litre_table(c, countries=["SN", "CI"]),
    "anomalies": lambda c: anomaly_table(c, series="gdt_smp_price", geo="world"),
    "tariff scenario": _tariffs,
    "mrp": lambda c: list(run_mrp(c, geo="DE")),
    "fao trade": lambda c: fao_trade_frame(c, countries=["SN", "CI"], products=["smp", "wmp"]),
    "mirror": lambda c: mirror_frame(c, countries=["SN", "CI"]),
}


@pytest.mark.parametrize("name", INDICATORS)
def test_spark_gives_the_duckdb_rows(
    name: str, demo_con: duckdb.DuckDBPyConnection, spark: ibis.BaseBackend
) -> None:
    make = INDICATORS[name]
    expected, found = make(demo_con), make(spark)
    pairs = zip(*(f if isinstance(f, list) else [f] for f in (expected, found)), strict=True)
    for want, got in pairs:
        assert want.rows, f"{name}: the demo store gives no rows to compare"
        assert_same_frame(want, got)


def test_the_trade_command_prints_the_same_table_on_spark(
    demo_store: Path, demo_parquet: Path, spark: ibis.BaseBackend
) -> None:
    args = ["trade", "--exporter", "eu27", "--destination", "west-africa", "--by", "year,category"]
    on_duckdb = CliRunner().invoke(app, [*args, "--db", str(demo_store)])
    on_spark = CliRunner().invoke(app, [*args, "--engine", "spark", "--data", str(demo_parquet)])
    assert on_duckdb.exit_code == on_spark.exit_code == 0, on_spark.output
    assert on_spark.output == on_duckdb.output
    assert "SYNTHETIC" in on_spark.output
