"""Check the staged rows in SQL: the first bad row (an error) and the tolerable oddities.

Rows are compared as text with TRY_CAST, so one query finds the first bad row of the whole
file (staged rows keep file order: ``rowid`` is the ordinal among kept rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from fairmilk.ingest.bounds import trade_checks
from fairmilk.ingest.codes import country_codes
from fairmilk.ingest.layouts import Layout
from fairmilk.ingest.literals import sql_row
from fairmilk.ingest.scan import STAGE, literal

CODES = "fm_codes"
FIRST_YEAR = 1988
# A confidential product code: a chapter, heading or subheading, then X up to the code's
# length (Comext 04XXXXXX, 1901XXXX, 040210XX; HS 04XXXX, 0402XX).
HIDDEN = (
    "regexp_full_match(product, '[0-9]{2}X{6}|[0-9]{4}X{4}|[0-9]{6}X{2}|[0-9]{2}X{4}|[0-9]{4}X{2}')"
)
KEY = ("reporter", "partner", "partner_code", "product", "flow", "period", "stat_regime")


@dataclass(frozen=True, slots=True)
class Problem:
    """The first bad staged row: its ordinal among kept rows and what is wrong with it."""

    ordinal: int
    column: str  # staging column
    message: str
    expected: str
    found: str


@dataclass(frozen=True, slots=True)
class Oddity:
    """A kind of tolerable oddity: how many kept rows have it and the first one's ordinal."""

    kind: str
    column: str  # staging column
    message: str
    count: int
    first_ordinal: int
    rejected: bool  # True when the rows are not stored
    quantity_kg: float | None = None  # the rows' kilograms and value (layout's currency)
    value: float | None = None
    condition: str = "false"  # the SQL condition on staged rows that finds them


def load_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the temporary table of known country codes from the reference data."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {CODES} (system VARCHAR, code VARCHAR, iso2 VARCHAR, "
        "valid_from INTEGER, valid_to INTEGER)"
    )
    if rows := ", ".join(sql_row(row) for row in country_codes()):
        con.execute(f"INSERT INTO {CODES} VALUES {rows}")


def code_key(system: str, column: str) -> str:
    """The staged code normalised as in the codes table (numbers without leading zeros)."""
    if system == "m49":
        return f"CAST(TRY_CAST(trim({column}) AS INTEGER) AS VARCHAR)"
    return f"upper(trim({column}))"


def lookup(system: str, column: str) -> str:
    """A scalar subquery: the country of a staged code in the row's year, NULL when unknown.

    The country is an ISO alpha-2, or ``X:<code>`` for a former country with no single
    successor (see ``fairmilk.ingest.codes.country_codes``).
    """
    year = "TRY_CAST(left(period, 4) AS INTEGER)"
    return (
        f"(SELECT min(c.iso2) FROM {CODES} c WHERE c.system = {literal(system)} "
        f"AND c.code = {code_key(system, column)} "
        f"AND {year} BETWEEN coalesce(c.valid_from, 0) AND coalesce(c.valid_to, 9999))"
    )


def _number_bad(column: str, *, required: bool) -> str:
    value = f"TRY_CAST({column} AS DOUBLE)"
    bad = f"({value} IS NULL OR NOT isfinite({value}) OR {value} < 0)"
    return bad if required else f"({column} IS NOT NULL AND {bad})"


def _period_bad(layout: Layout) -> str:
    year = "TRY_CAST(left(period, 4) AS INTEGER)"
    month = "substr(period, 5)"
    this_year = date.today().year
    months = "('01','02','03','04','05','06','07','08','09','10','11','12')"
    if layout.source == "comext":
        shape = (
            f"regexp_full_match(period, '[0-9]{{6}}') AND ({month} IN {months} OR {month} = '52')"
        )
    else:
        shape = (
            f"(regexp_full_match(period, '[0-9]{{4}}') OR "
            f"(regexp_full_match(period, '[0-9]{{6}}') AND {month} IN {months}))"
        )
    return f"NOT coalesce({shape} AND {year} BETWEEN {FIRST_YEAR} AND {this_year}, false)"


def _checks(layout: Layout) -> list[tuple[str, str, str, str]]:
    """(staging column, condition that is TRUE on a bad row, message, expected)."""
    flows = layout.import_flows + layout.export_flows
    if layout.source == "comext":
        product_ok = f"regexp_full_match(product, '[0-9]{{8}}') OR {HIDDEN}"
        product_expected = "a CN8 code of 8 digits (or a confidential code such as 04XXXXXX)"
        flow_bad = f"coalesce(flow NOT IN ({', '.join(literal(f) for f in flows)}), true)"
        flow_expected = "1 (import) or 2 (export)"
    else:
        product_ok = f"regexp_full_match(product, '[0-9]{{2}}|[0-9]{{4}}|[0-9]{{6}}') OR {HIDDEN}"
        product_expected = "an HS code of 2, 4 or 6 digits"
        flow_bad = "flow IS NULL OR trim(flow) = ''"
        flow_expected = "a flow code (M or X)"
    return [
        (
            "reporter",
            f"{lookup(layout.reporter_codes, 'reporter')} IS NULL",
            "unknown reporter",
            f"a known country code ({layout.reporter_codes})",
        ),
        (
            "product",
            f"NOT coalesce({product_ok}, false)",
            "malformed product code",
            product_expected,
        ),
        ("flow", flow_bad, "unknown flow", flow_expected),
        (
            "period",
            _period_bad(layout),
            "period out of range",
            f"YYYYMM with month 01-12{' or 52' if layout.source == 'comext' else ', or YYYY'}, "
            f"year {FIRST_YEAR} to {date.today().year}",
        ),
        (
            "value",
            _number_bad("value", required=True),
            "not a non-negative number",
            "a number >= 0",
        ),
        (
            "quantity_kg",
            _number_bad("quantity_kg", required=False),
            "not a non-negative number",
            "a number >= 0 or an empty cell",
        ),
        (
            "supp_quantity",
            _number_bad("supp_quantity", required=False),
            "not a non-negative number",
            "a number >= 0 or an empty cell",
        ),
        *trade_checks(),
    ]


def first_problem(con: duckdb.DuckDBPyConnection, layout: Layout) -> Problem | None:
    """The first staged row (in file order) that breaks a rule, or None."""
    parts = []
    checks = _checks(layout)
    for i, (col, bad, _msg, _exp) in enumerate(checks):
        parts.append(
            f"SELECT rowid AS ordinal, {i} AS k, CAST({col} AS VARCHAR) AS found "
            f"FROM {STAGE} WHERE {bad}"
        )
    key = ", ".join(KEY)
    parts.append(
        f"SELECT ordinal, {len(checks)} AS k, found FROM (SELECT rowid AS ordinal, "
        f"concat_ws('|', {key}) AS found, row_number() OVER (PARTITION BY {key} "
        f"ORDER BY rowid) AS n FROM {STAGE}) WHERE n > 1"
    )
    sql = " UNION ALL ".join(parts) + " ORDER BY ordinal, k LIMIT 1"
    row = con.execute(sql).fetchone()
    if row is None:
        return None
    ordinal, k, found = int(row[0]), int(row[1]), row[2]
    if k == len(checks):
        return Problem(
            ordinal,
            "product",
            "duplicate key (same reporter, partner, product, "
            "flow, period and regime as an earlier row)",
            "each key once",
            found,
        )
    col, _bad, message, expected = checks[k]
    return Problem(ordinal, col, message, expected, "" if found is None else found)


def _oddity_rules(layout: Layout) -> list[tuple[str, str, str, str, bool]]:
    """(kind, staging column, condition, message, rejected)."""
    partner = lookup(layout.partner_codes, "partner")
    reporter = lookup(layout.reporter_codes, "reporter")
    rules = [
        (
            "confidential_product",
            "product",
            HIDDEN,
            "confidential product code (the source hides the product; it may be dairy):"
            " not stored, cannot be attributed to a product",
            True,
        ),
        (
            "non_country_partner",
            "partner",
            f"coalesce({partner}, 'X:') LIKE 'X:%'",
            "partner is not a country (confidential, aggregate, special or former code);"
            " stored as X:<code>, attributed to no country",
            False,
        ),
        (
            "former_reporter",
            "reporter",
            f"{reporter} LIKE 'X:%'",
            "reporter is a former country or group with no single successor;"
            " stored as X:<code>, attributed to no country",
            False,
        ),
        (
            "missing_quantity",
            "quantity_kg",
            "quantity_kg IS NULL",
            "no quantity in kg published; stored as a gap",
            False,
        ),
    ]
    return rules + _flow_rules(layout)


def _flow_rules(layout: Layout) -> list[tuple[str, str, str, str, bool]]:
    """Re-exports, re-imports and other flows: kept apart, never added to exports/imports."""
    if layout.source != "comtrade":
        return []
    known = layout.import_flows + layout.export_flows
    apart = layout.re_export_flows + layout.re_import_flows
    others = ", ".join(literal(f) for f in known + apart)
    rules = [
        (
            kind,
            "flow",
            f"flow IN ({', '.join(literal(f) for f in flows)})",
            f"{word}: kept apart, never added to {total}; not stored",
            True,
        )
        for kind, flows, word, total in (
            ("re_export", layout.re_export_flows, "re-export", "exports"),
            ("re_import", layout.re_import_flows, "re-import", "imports"),
        )
        if flows
    ]
    return [
        *rules,
        (
            "other_flow",
            "flow",
            f"flow NOT IN ({others})",
            "flow other than import, export, re-import or re-export (domestic exports,"
            " foreign imports, processing...): not stored",
            True,
        ),
        (
            "aggregate_code",
            "product",
            "length(product) < 6",
            "aggregate HS2/HS4 row: not stored (HS6 rows only)",
            True,
        ),
    ]


def oddities(con: duckdb.DuckDBPyConnection, layout: Layout) -> list[Oddity]:
    """The tolerable oddities of the staged rows, aggregated by kind, with their kg and value."""
    found = []
    kg = "sum(TRY_CAST(quantity_kg AS DOUBLE))"
    value = "sum(TRY_CAST(value AS DOUBLE))"
    for kind, col, cond, message, rejected in _oddity_rules(layout):
        row = con.execute(
            f"SELECT count(*), min(rowid), {kg}, {value} FROM {STAGE} WHERE {cond}"
        ).fetchone()
        if row is not None and row[0]:
            found.append(
                Oddity(kind, col, message, int(row[0]), int(row[1]), rejected, row[2], row[3], cond)
            )
    return found


def stored_condition(layout: Layout) -> str:
    """The condition a staged row must meet to be stored (the rest are rejected oddities)."""
    conds = [cond for _k, _c, cond, _m, rejected in _oddity_rules(layout) if rejected]
    return " AND ".join(f"NOT coalesce({c}, false)" for c in conds) or "true"
