"""Read-only SQL the pages and the API need, each query returning a sourced Result.

Every query takes an open (read-only) DuckDB connection and keyword-only filters that the
caller has already validated; values always travel as SQL parameters, never as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from fairmilk.indicators.sources import factor_line
from fairmilk.outputs.memo import remember
from fairmilk.outputs.tables import Result
from fairmilk.reference import products
from fairmilk.text import join, msg

REGIONS: tuple[str, ...] = ("eu27", "eu28", "ecowas", "waemu", "aes", "west-africa")
CATEGORIES: tuple[str, ...] = products.CATEGORIES
POWDERS: tuple[str, ...] = ("smp", "wmp", "ffmp")
TRADE_GROUPS: tuple[str, ...] = ("year", "exporter", "destination", "category")


@dataclass(frozen=True, slots=True)
class TradeFilter:
    """Which trade rows to read: flows declared as ``flow``, by exporter and destination."""

    categories: tuple[str, ...] = POWDERS
    exporter: str = "eu27"
    destination: str = "west-africa"
    year_from: int = 1990
    year_to: int = 2100
    flow: str = "export"


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Result:
    """Run ``sql`` and return its columns and rows (no title, no sources yet)."""
    cur = con.execute(sql, params or [])
    columns = [d[0] for d in cur.description or []]
    return Result(title="", columns=columns, rows=[tuple(r) for r in cur.fetchall()])


def _area_join(alias: str, column: str, area: str, params: list[Any]) -> str:
    """A SEMI JOIN keeping rows whose ``column`` is in ``area`` at the row's mid-date."""
    if area in ("", "all"):
        return ""
    params.append(area)
    if area not in REGIONS:
        return f"SEMI JOIN (SELECT ? AS iso2) {alias} ON {column} = {alias}.iso2\n"
    return (
        f"SEMI JOIN (SELECT * FROM ref_memberships WHERE region = ?) {alias} "
        f"ON {column} = {alias}.iso2 AND {alias}.start_date <= f.mid "
        f"AND ({alias}.end_date IS NULL OR {alias}.end_date >= f.mid)\n"
    )


def _trade_base(filt: TradeFilter) -> tuple[str, list[Any]]:
    """The categorised, filtered trade rows as CTEs (same rules as indicators.trade)."""
    params: list[Any] = [filt.flow, filt.year_from, filt.year_to]
    joins = _area_join("me", "f.exporter", filt.exporter, params)
    joins += _area_join("md", "f.destination", filt.destination, params)
    sql = f"""
    WITH r AS (
      SELECT *,
             CASE WHEN flow = 'export' THEN reporter ELSE partner END AS exporter,
             CASE WHEN flow = 'export' THEN partner ELSE reporter END AS destination,
             CASE WHEN month IS NULL THEN make_date(year, 7, 1)
                  ELSE make_date(year, month, 15) END AS mid
      FROM trade_current WHERE flow = ? AND year BETWEEN ? AND ?
    ), f AS (
      SELECT f.* FROM r f {joins}
    ), annual AS (
      SELECT DISTINCT source, reporter, year FROM f WHERE month IS NULL
    ), kept AS (
      SELECT * FROM f WHERE month IS NULL
      UNION ALL
      SELECT f.* FROM f ANTI JOIN annual a USING (source, reporter, year) WHERE f.month IS NOT NULL
    ), keys AS (
      SELECT DISTINCT product_code, code_system, year FROM kept
    ), cats AS (
      SELECT k.product_code, k.code_system, k.year, p.category FROM keys k JOIN ref_products p
        ON starts_with(k.product_code, p.prefix) AND k.year BETWEEN p.valid_from AND p.valid_to
       AND (k.code_system = 'CN8' OR p.code_system = 'HS')
      QUALIFY row_number() OVER (PARTITION BY k.product_code, k.code_system, k.year
        ORDER BY length(p.prefix) DESC, (p.code_system = 'CN') DESC, p.category) = 1
    ), rows_in AS (
      SELECT kept.*, c.category FROM kept LEFT JOIN cats c USING (product_code, code_system, year)
    )"""
    return sql, params


def _complete(expr: str) -> str:
    """A sum that is NULL (a gap) when any value it adds up is missing."""
    return f"CASE WHEN count(*) = count({expr}) THEN sum({expr}) END"


def trade_table(con: duckdb.DuckDBPyConnection, filt: TradeFilter, *, by: str) -> Result:
    """Tonnes, euros and milk equivalent of the filtered flows, grouped by ``by`` and category.

    Computed once per store state in the web app (``memo.remember``), shared by EN and FR.
    """
    return remember(("trade_table", filt, by), lambda: _trade_table(con, filt, by=by))


def _trade_table(con: duckdb.DuckDBPyConnection, filt: TradeFilter, *, by: str) -> Result:
    base, params = _trade_base(filt)
    key = {"year": "t.year", "exporter": "t.exporter", "destination": "t.destination"}.get(
        by, "t.category"
    )
    marks = ", ".join("?" for _ in filt.categories)
    select = "t.category" if by == "category" else f"{key} AS {by}, t.category"
    sql = f"""{base}
    SELECT {select}, t.source,
           {_complete("t.quantity_kg / 1000.0")} AS tonnes,
           {_complete("t.value_eur")} AS value_eur,
           {_complete("t.quantity_kg / 1000.0 * c.me_factor")} AS milk_equivalent_t,
           {_complete("t.value_usd")} AS value_usd,
           count(*) AS n_rows,
           count(*) FILTER (WHERE t.quantity_kg IS NULL) AS rows_without_quantity,
           bool_or(t.synthetic) AS synthetic
    FROM rows_in t LEFT JOIN ref_categories c USING (category)
    WHERE t.category IN ({marks})
    GROUP BY ALL ORDER BY ALL"""
    result = rows(con, sql, params + list(filt.categories))
    result.synthetic = any(r[-1] for r in result.rows)
    result.sources = _trade_sources(con, filt)
    return result


def trade_sources(con: duckdb.DuckDBPyConnection, filt: TradeFilter) -> list[str]:
    """One line per loaded file (vintage) that the filtered trade rows come from."""
    return remember(("trade_sources", filt), lambda: _trade_sources(con, filt))


def _trade_sources(con: duckdb.DuckDBPyConnection, filt: TradeFilter) -> list[str]:
    base, params = _trade_base(filt)
    marks = ", ".join("?" for _ in filt.categories)
    sql = f"""{base}
    SELECT DISTINCT f.producer, f.source, f.file_name, f.dataset_key, f.vintage, f.url,
           f.licence, f.synthetic
    FROM rows_in t JOIN source_files f USING (file_id) WHERE t.category IN ({marks})
    ORDER BY f.dataset_key, f.file_name"""
    found = rows(con, sql, params + list(filt.categories))
    return [_source_line(*r) for r in found.rows] + factor_sources(con, filt.categories)


def factor_sources(con: duckdb.DuckDBPyConnection, categories: tuple[str, ...]) -> list[str]:
    """The source of each milk-equivalent factor used for ``categories``."""
    marks = ", ".join("?" for _ in categories)
    found = con.execute(
        f"SELECT category, me_factor, me_source_url FROM ref_categories "
        f"WHERE category IN ({marks}) AND me_factor IS NOT NULL ORDER BY category",
        list(categories),
    ).fetchall()
    return [factor_line(c, f, u) for c, f, u in found]


def _source_line(
    producer: Any, source: Any, name: Any, key: Any, vintage: Any, url: Any, lic: Any, syn: Any
) -> str:
    file = msg("{name} ({key}, vintage {vintage})", name=name, key=key, vintage=vintage)
    parts = [str(producer or source), file]
    parts += [str(x) for x in (url, lic) if x]
    line = join(parts, " — ")
    return msg("{line} [SYNTHETIC]", line=line) if syn else line


def source_files(con: duckdb.DuckDBPyConnection) -> Result:
    """Every loaded file (vintage): what it covers, who produced it, licence, rows kept."""
    result = rows(
        con,
        """SELECT source, dataset_key, vintage, is_current, file_name, producer, url, licence,
                  rows_kept, rows_rejected, finished_at, synthetic, note
           FROM source_files ORDER BY source, dataset_key, vintage""",
    )
    result.synthetic = any(r[11] for r in result.rows)
    result.sources = sorted({" — ".join(str(x) for x in (r[5], r[6]) if x) for r in result.rows})
    return result


def observation_datasets(con: duckdb.DuckDBPyConnection) -> Result:
    """Each published-figures dataset: series, rows, years, producers and source addresses."""
    return rows(
        con,
        """SELECT dataset, string_agg(DISTINCT series, ', ' ORDER BY series) AS series,
                  count(*) AS n_rows, min(year) AS first_year, max(year) AS last_year,
                  string_agg(DISTINCT source_org, '; ' ORDER BY source_org) AS producers,
                  string_agg(DISTINCT licence, '; ' ORDER BY licence) AS licences,
                  count(DISTINCT source_url) AS n_source_urls
           FROM observations GROUP BY dataset ORDER BY dataset""",
    )


def observation_sources(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[str]:
    """The distinct producers and addresses behind the observations matched by ``where``."""
    found = rows(
        con,
        f"""SELECT DISTINCT dataset, source_org, source_url FROM observations
            WHERE {where} ORDER BY dataset, source_org, source_url LIMIT 200""",
        params,
    )
    return [" — ".join(str(x) for x in r if x) for r in found.rows]


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when the store has a table or view called ``name``."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(found and found[0])


def count(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    """The single integer that ``sql`` returns (0 for NULL)."""
    found = con.execute(sql, params or []).fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def countries(con: duckdb.DuckDBPyConnection) -> Result:
    """Every country with its codes and English and French names."""
    result = rows(
        con,
        "SELECT iso2, iso3, iso_numeric, comext_code, comtrade_code, name_en, name_fr "
        "FROM ref_countries ORDER BY iso2",
    )
    result.title = "Countries"
    result.sources = _reference_urls(con, "ref_memberships")
    return result


def regions(con: duckdb.DuckDBPyConnection) -> Result:
    """Every region with its names and dated memberships (one row per member)."""
    result = rows(
        con,
        """SELECT r.region, r.name_en, r.name_fr, m.iso2, m.start_date, m.end_date, m.source_url
           FROM ref_regions r LEFT JOIN ref_memberships m USING (region)
           ORDER BY r.region, m.iso2, m.start_date""",
    )
    result.title = "Regions and dated memberships"
    result.sources = sorted({str(r[6]) for r in result.rows if r[6]})
    return result


def _reference_urls(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    found = con.execute(f"SELECT DISTINCT source_url FROM {table} ORDER BY 1").fetchall()
    return [str(u) for (u,) in found if u]


@dataclass(frozen=True, slots=True)
class ObsFilter:
    """Which observations to read (empty strings mean no filter)."""

    dataset: str = ""
    series: str = ""
    geo: str = ""
    year_from: int = 1900
    year_to: int = 2100


def observations(con: duckdb.DuckDBPyConnection, filt: ObsFilter) -> Result:
    """Published observations matching the filter, each row with its source."""
    where = ["coalesce(year, 0) BETWEEN ? AND ? OR year IS NULL"]
    params: list[Any] = [filt.year_from, filt.year_to]
    for column in ("dataset", "series", "geo"):
        value = getattr(filt, column)
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    clause = " AND ".join(f"({w})" for w in where)
    result = rows(
        con,
        f"SELECT * FROM observations WHERE {clause} "
        "ORDER BY dataset, series, geo, year, month, period",
        params,
    )
    result.title = "Observations"
    result.sources = observation_sources(con, clause, params)
    return result
