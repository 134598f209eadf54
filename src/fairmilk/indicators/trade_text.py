"""Reader-facing text of the trade tables: their rules (notes) and titles, translatable."""

from __future__ import annotations

from collections.abc import Sequence

from fairmilk.text import Msg, join, msg, term

RULES = (
    msg(
        "Categories: the longest product-code prefix of the reference list valid in the row's year."
    ),
    msg(
        "Regions are dated: a country counts in a region when it is a member in the middle of the "
        "period (the 15th of a month, 1 July of a year)."
    ),
    msg("Annual records are used where published; monthly records only fill years without them."),
    msg(
        "A total is a gap (–) when any row it would add up has a gap; rows_missing_quantity "
        "says how many rows had no quantity, and tonnes_reported adds up the quantities that "
        "were published (a lower bound). The unit value uses the rows with both value and quantity."
    ),
    msg(
        "Sources are never merged: Comext (EUR) and Comtrade (USD) rows stay on separate lines; "
        "value_usd_as_eur is converted with the annual eur_per_usd observation of the same year "
        "(the first dataset by id when several give one)."
    ),
    msg(
        "Growth compares a year with the year before only when both cover 12 months "
        "(months_covered), or a month with the same month a year before."
    ),
)


def trade_title(flow: str, keys: Sequence[str]) -> Msg:
    """The title of a trade table: exports or imports, by its grouping keys (or in total)."""
    by = join((term(k) for k in keys), ", ")
    if flow == "import":
        return (
            msg("Dairy trade (imports) by {keys}", keys=by)
            if keys
            else msg("Dairy trade (imports), total")
        )
    return (
        msg("Dairy trade (exports) by {keys}", keys=by)
        if keys
        else msg("Dairy trade (exports), total")
    )
