"""Read-only SQL the pages and the API need, each query returning a sourced Result.

Every query takes an open (read-only) DuckDB connection and keyword-only filters that the
caller has already validated; values always travel as SQL parameters, never as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from fairmilk.outputs.tables import Result

REGIONS: tuple[str, ...] = ("eu27", "eu28", "ecowas", "waemu", "west-africa")
CATEGORIES: tuple[str, ...] = (
    "liquid_milk",
    "cream",
    "smp",
    "wmp",
    "ffmp",
    "butter",
    "cheese",
    "whey",
    "condensed",
    "yoghurt",
    "infant_formula",
    "other",
)
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


def _area_clause(column: str, area: str, params: list[Any]) -> str:
    """SQL true when ``column`` is in ``area`` (a country or a region on 1 July of the year)."""
    if area in ("", "all"):
        return "TRUE"
    params.append(area)
    if area not in REGIONS:
        return f"{column} = ?"
    return (
        f"{column} IN (SELECT m.iso2 FROM ref_memberships m WHERE m.region = ? "
        "AND m.start_date <= make_date(t.year, 7, 1) "
        "AND (m.end_date IS NULL OR m.end_date >= make_date(t.year, 7, 1)))"
    )


def _trade_base(filt: TradeFilter) -> tuple[str, list[Any]]:
    """The categorised, filtered trade rows as a CTE body, with its parameters."""
    exporter, destination = ("reporter", "partner")
    if filt.flow == "import":
        exporter, destination = ("partner", "reporter")
    params: list[Any] = [filt.flow, filt.year_from, filt.year_to]
    where_exp = _area_clause(f"t.{exporter}", filt.exporter, params)
    where_dst = _area_clause(f"t.{destination}", filt.destination, params)
    sql = f"""
    WITH t0 AS (
      SELECT t.*, t.{exporter} AS exporter, t.{destination} AS destination,
             row_number() OVER () AS rid
      FROM trade_current t
      WHERE t.flow = ? AND t.year BETWEEN ? AND ? AND {where_exp} AND {where_dst}
    ), t AS (
      SELECT t0.*, p.category FROM t0 JOIN ref_products p
        ON starts_with(t0.product_code, p.prefix)
       AND t0.year BETWEEN p.valid_from AND p.valid_to
       AND (p.code_system = 'HS' OR t0.code_system = 'CN8')
      QUALIFY row_number() OVER (PARTITION BY t0.rid ORDER BY length(p.prefix) DESC) = 1
    )"""
    return sql, params


def trade_table(con: duckdb.DuckDBPyConnection, filt: TradeFilter, *, by: str) -> Result:
    """Tonnes, euros and milk equivalent of the filtered flows, grouped by ``by`` and category."""
    base, params = _trade_base(filt)
    key = {"year": "t.year", "exporter": "t.exporter", "destination": "t.destination"}.get(
        by, "t.category"
    )
    marks = ", ".join("?" for _ in filt.categories)
    select = "t.category" if by == "category" else f"{key} AS {by}, t.category"
    sql = f"""{base}
    SELECT {select},
           sum(t.quantity_kg) / 1000 AS tonnes,
           sum(t.value_eur) AS value_eur,
           sum(t.quantity_kg * c.me_factor) / 1000 AS milk_equivalent_t,
           count(*) FILTER (WHERE t.quantity_kg IS NULL) AS rows_without_quantity,
           bool_or(t.synthetic) AS synthetic
    FROM t LEFT JOIN ref_categories c USING (category)
    WHERE t.category IN ({marks})
    GROUP BY ALL ORDER BY 1, 2"""
    result = rows(con, sql, params + list(filt.categories))
    result.synthetic = any(r[-1] for r in result.rows)
    result.sources = trade_sources(con, filt)
    return result


def trade_sources(con: duckdb.DuckDBPyConnection, filt: TradeFilter) -> list[str]:
    """One line per loaded file (vintage) that the filtered trade rows come from."""
    base, params = _trade_base(filt)
    marks = ", ".join("?" for _ in filt.categories)
    sql = f"""{base}
    SELECT DISTINCT f.producer, f.source, f.file_name, f.dataset_key, f.vintage, f.url,
           f.licence, f.synthetic
    FROM t JOIN source_files f USING (file_id) WHERE t.category IN ({marks})
    ORDER BY f.dataset_key, f.file_name"""
    found = rows(con, sql, params + list(filt.categories))
    return [_source_line(*r) for r in found.rows]


def _source_line(
    producer: Any, source: Any, name: Any, key: Any, vintage: Any, url: Any, lic: Any, syn: Any
) -> str:
    parts = [str(producer or source), f"{name} ({key}, vintage {vintage})"]
    parts += [str(x) for x in (url, lic) if x]
    return " — ".join(parts) + (" [SYNTHETIC]" if syn else "")


def source_files(con: duckdb.DuckDBPyConnection) -> Result:
    """Every loaded file (vintage): what it covers, who produced it, licence, rows kept."""
    result = rows(
        con,
        """SELECT source, dataset_key, vintage, is_current, file_name, producer, url, licence,
                  rows_kept, rows_rejected, finished_at, synthetic, note
           FROM source_files ORDER BY source, dataset_key, vintage""",
    )
    result.synthetic = any(r[11] for r in result.rows)
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
