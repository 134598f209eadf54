"""Trade rows with their product category, found by the longest prefix valid in the row's year."""

from __future__ import annotations

import ibis

from fairmilk.store.current import trade_current


def code_categories(db: ibis.BaseBackend) -> ibis.Table:
    """One row per (product_code, code_system, year) in the store with its category."""
    t = trade_current(db)
    p = db.table("ref_products")
    keys = t.select("product_code", "code_system", "year").distinct()
    same_system = (keys.code_system == "CN8") | (p.code_system == "HS")
    cand = keys.join(
        p,
        [
            keys.product_code.startswith(p.prefix),
            keys.year >= p.valid_from,
            keys.year <= p.valid_to,
            same_system,
        ],
    ).select(
        keys.product_code,
        keys.code_system,
        keys.year,
        p.category,
        p.ffmp_role,
        prefix_len=p.prefix.length(),
        is_cn=(p.code_system == "CN").cast("int8"),
    )
    rank = ibis.row_number().over(
        group_by=[cand.product_code, cand.code_system, cand.year],
        order_by=[ibis.desc(cand.prefix_len), ibis.desc(cand.is_cn), cand.category],
    )
    best = cand.mutate(rank=rank)
    best = best.filter(best.rank == 0)
    return best.select("product_code", "code_system", "year", "category", "ffmp_role")


def categorised(db: ibis.BaseBackend) -> ibis.Table:
    """Current trade rows plus category, ffmp_role and me_factor (NULL when unknown)."""
    t = trade_current(db)
    cats = code_categories(db)
    c = db.table("ref_categories").select("category", "me_factor", "me_source_url")
    joined = t.left_join(
        cats,
        [
            t.product_code == cats.product_code,
            t.code_system == cats.code_system,
            t.year == cats.year,
        ],
    ).select(t, cats.category, cats.ffmp_role)
    return joined.left_join(c, joined.category == c.category).select(
        joined, c.me_factor, c.me_source_url
    )
