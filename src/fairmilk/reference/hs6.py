"""The six-digit HS codes of the product table: the common ground of Comext and Comtrade."""

from __future__ import annotations

from functools import cache

from fairmilk.reference.products import product_codes

SCOPE = ("04", "1901")


@cache
def dairy_hs6() -> tuple[str, ...]:
    """The HS rows of products.csv with six-digit prefixes in chapter 04 and heading 1901.

    Heading 1901 holds infant formula (1901 10) and the FFMP carrier (1901 90); the watch
    list code 2106 90 (food preparations n.e.s.) is left out: it is mostly not dairy.
    Four-digit headings (0403 yoghurt, 0405 butter, 0406 cheese) are not among them: the
    table does not list their subheadings.
    """
    codes = {
        p.prefix
        for p in product_codes()
        if p.code_system == "HS" and len(p.prefix) == 6 and p.prefix.startswith(SCOPE)
    }
    return tuple(sorted(codes))
