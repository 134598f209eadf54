"""Generate a SYNTHETIC Eurostat Comext bulk file (classic layout) for the ingest benchmark.

Deterministic: the same arguments give the same bytes. Realistic cardinalities: 27
reporters, ~250 partners (countries and a few confidential / non-country codes), ~9,500 CN8
codes of which ~1% are dairy, 2 flows, one annual period (YYYY52). Every key
(reporter, partner, product, flow, period, regime) is unique: row i takes combination
(i * 7919 + 12345) mod N, a bijection because 7919 is prime to N.

    python bench/generate_comext.py bench/data/comext_synthetic_2019.dat --rows 15000000
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

HEADER = (
    "DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,"
    "PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA21,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,"
    "FLOW,STAT_REGIME,SUPP_UNIT,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,SUP_QUANTITY"
)

EU27 = "FR NL DE IT IE DK GR PT ES BE LU SE FI AT MT EE LV LT PL CZ SK HU RO BG SI HR CY"
DAIRY_HEADINGS = ("0401", "0402", "0403", "0404", "0405", "0406")
DAIRY_EXTRA = ("19011000", "19019011", "19019019", "19019091", "19019095", "19019099")
NON_COUNTRY = ("QP", "QQ", "QR", "QS", "QU", "QV", "QW", "QX", "QY", "QZ", "XI", "XU")


def products() -> list[str]:
    """~9,500 CN8 codes: ~100 dairy codes, the rest from other chapters."""
    dairy = [
        f"{h}{i:02d}{j}"
        for h in DAIRY_HEADINGS
        for i in (10, 20, 30, 40, 50, 90)
        for j in ("11", "19", "91")
    ]
    dairy += list(DAIRY_EXTRA)
    chapters = [c for c in range(1, 98) if c not in (4, 19, 21, 77)]
    filler: list[str] = []
    k = 0
    while len(dairy) + len(filler) < 9500:
        chapter = chapters[k % len(chapters)]
        filler.append(f"{chapter:02d}{(k // len(chapters)) * 37 % 1000000:06d}")
        k += 1
    return sorted(set(dairy + filler))


def partners() -> list[str]:
    """250 partner codes: ISO alpha-2 of real countries plus a few non-country codes."""
    from fairmilk.reference.catalog import read_rows

    isos = sorted(row["iso2"] for row in read_rows("countries"))[: 250 - len(NON_COUNTRY)]
    return isos + list(NON_COUNTRY)


def generate(out: Path, *, rows: int, year: int, seed: int) -> None:
    """Write ``rows`` synthetic classic-layout rows for ``year`` to ``out`` (plain CSV)."""
    con = duckdb.connect()
    reporters = EU27.split()
    con.execute(
        "CREATE TABLE rep AS SELECT * FROM (SELECT unnest(?) AS iso, "
        "generate_subscripts(?, 1) - 1 AS i)",
        [reporters, reporters],
    )
    parts = partners()
    con.execute(
        "CREATE TABLE par AS SELECT unnest(?) AS iso, generate_subscripts(?, 1) - 1 AS i",
        [parts, parts],
    )
    prods = products()
    con.execute(
        "CREATE TABLE pro AS SELECT unnest(?) AS nc, generate_subscripts(?, 1) - 1 AS i",
        [prods, prods],
    )
    n_rep, n_par, n_pro = len(reporters), len(parts), len(prods)
    total = n_rep * n_par * n_pro * 2
    if rows > total:
        raise SystemExit(f"at most {total} distinct rows")
    out.parent.mkdir(parents=True, exist_ok=True)
    sql = f"""
    COPY (
      WITH k AS (
        SELECT i AS rn, (i * 7919 + 12345 + {seed}) % {total} AS j FROM range({rows}) t(i)
      ), d AS (
        SELECT rn, j % 2 AS f, (j // 2) % {n_pro} AS p, (j // {2 * n_pro}) % {n_par} AS q,
               (j // {2 * n_pro * n_par}) AS r FROM k
      )
      SELECT lpad(CAST(rep.i + 1 AS VARCHAR), 3, '0') AS DECLARANT, rep.iso AS DECLARANT_ISO,
             lpad(CAST(par.i * 4 AS VARCHAR), 4, '0') AS PARTNER, par.iso AS PARTNER_ISO,
             CASE WHEN par.i < 27 THEN 'I' ELSE 'E' END AS TRADE_TYPE,
             pro.nc AS PRODUCT_NC, substr(pro.nc, 1, 5) AS PRODUCT_SITC,
             substr(pro.nc, 1, 6) AS PRODUCT_CPA2002, substr(pro.nc, 2, 6) AS PRODUCT_CPA2008,
             substr(pro.nc, 2, 6) AS PRODUCT_CPA21, substr(pro.nc, 3, 3) AS PRODUCT_BEC,
             substr(pro.nc, 3, 5) AS PRODUCT_BEC5, substr(pro.nc, 1, 2) AS PRODUCT_SECTION,
             d.f + 1 AS FLOW, 1 + hash(rn, {seed}) % 3 AS STAT_REGIME,
             CASE WHEN hash(rn, 7) % 5 = 0 THEN 'p/st' END AS SUPP_UNIT,
             '{year}52' AS PERIOD, 1 + hash(rn, 1) % 5000000 AS VALUE_IN_EUROS,
             CASE WHEN hash(rn, 2) % 50 = 0 THEN NULL ELSE 1 + hash(rn, 3) % 900000 END
               AS QUANTITY_IN_KG,
             CASE WHEN hash(rn, 7) % 5 = 0 THEN 1 + hash(rn, 4) % 10000 ELSE NULL END
               AS SUP_QUANTITY
      FROM d JOIN rep ON rep.i = d.r JOIN par ON par.i = d.q JOIN pro ON pro.i = d.p
      ORDER BY rn
    ) TO '{out}' (FORMAT csv, HEADER true, DELIMITER ',')
    """
    con.execute(sql)
    con.close()


def main() -> None:
    """Command line: output path, --rows, --year, --seed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=15_000_000)
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, rows=args.rows, year=args.year, seed=args.seed)


if __name__ == "__main__":
    main()
