"""What a reader sees around a trade table: its title (what was counted, grouped how) and the
counting rules printed under it, in English and French, on the synthetic fixture store."""

from __future__ import annotations

import duckdb

from fairmilk.indicators.trade import trade_frame
from fairmilk.outputs.i18n import localise
from fairmilk.text import Msg


def test_the_title_names_the_flow_and_the_grouping(tcon: duckdb.DuckDBPyConnection) -> None:
    exports = trade_frame(tcon, start=2019, end=2019, by=("year", "category"))
    assert isinstance(exports.title, Msg)
    assert exports.title == "Dairy trade (exports) by year, category"
    assert localise(exports.title, "fr") == "Commerce laitier (exportations) par année, catégorie"
    imports = trade_frame(tcon, flow="import", start=2020, end=2020, by=("region",))
    assert imports.title == "Dairy trade (imports) by region"
    assert localise(imports.title, "fr") == "Commerce laitier (importations) par région"


def test_the_counting_rules_come_with_every_table(tcon: duckdb.DuckDBPyConnection) -> None:
    exports = trade_frame(tcon, start=2019, end=2019, by=("year", "category"))
    imports = trade_frame(tcon, flow="import", by=("region",))
    assert exports.notes == imports.notes  # the same rules, whatever the query
    notes = exports.notes
    # each rule a reader needs to read the figures right is stated
    assert any("Comext (EUR) and Comtrade (USD) rows stay on separate lines" in n for n in notes)
    assert any("A total is a gap (–) when any row it would add up has a gap" in n for n in notes)
    assert any("only when both cover 12 months" in n for n in notes)
    assert any("monthly records only fill years without them" in n for n in notes)
    assert any("member in the middle of the period" in n for n in notes)
    for note in notes:  # and each can be shown in French
        assert isinstance(note, Msg)
        assert localise(note, "fr") != str(note)
