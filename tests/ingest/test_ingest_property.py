"""Property tests: valid rows load exactly; one garbage cell fails at its line, loading nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import classic_line, counts, write_classic

from fairmilk.errors import InputError
from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

REPORTERS = ["FR", "NL", "DE", "BE", "IE", "PL"]
PARTNERS = ["SN", "CI", "ML", "NG", "GH", "US", "CN"]
DAIRY = ["04021019", "04022118", "19019099", "19019095", "04069099", "04051011", "04031011"]
OTHER = ["02013000", "84713000", "04029910", "10063098", "21011292"]

row = st.fixed_dictionaries(
    {
        "rep": st.sampled_from(REPORTERS),
        "par": st.sampled_from(PARTNERS),
        "code": st.sampled_from(DAIRY + OTHER),
        "flow": st.sampled_from(["1", "2"]),
        "period": st.sampled_from(["201952", "201903", "202312"]),
        "value": st.integers(0, 10**12).map(str),
        "kg": st.one_of(st.just(""), st.integers(0, 10**10).map(str)),
    }
)
KEY = ("rep", "par", "code", "flow", "period")
rows = st.lists(row, min_size=1, max_size=40, unique_by=lambda r: tuple(r[k] for k in KEY))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_dairy(code: str) -> bool:
    from fairmilk.reference.products import dairy_prefixes

    return code.startswith(dairy_prefixes())


def _expected(generated: list[dict[str, str]]) -> list[tuple[object, ...]]:
    out = []
    for r in generated:
        if _is_dairy(r["code"]):
            month = None if r["period"].endswith("52") else int(r["period"][4:])
            out.append(
                (
                    r["rep"],
                    r["par"],
                    r["code"],
                    "import" if r["flow"] == "1" else "export",
                    int(r["period"][:4]),
                    month,
                    float(r["value"]),
                    float(r["kg"]) if r["kg"] else None,
                )
            )
    return sorted(out, key=lambda t: tuple(str(x) for x in t))


@SETTINGS
@given(rows)
def test_valid_rows_are_stored_exactly(generated: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_classic(Path(tmp) / "gen.dat", [classic_line(**r) for r in generated])
        con = open_store(":memory:")
        report = ingest_file(con, path, source="comext")
        stored = con.execute(
            "SELECT reporter, partner, product_code, flow, year, month, value_eur, quantity_kg "
            "FROM trade_flows"
        ).fetchall()
        con.close()
    assert sorted(stored, key=lambda t: tuple(str(x) for x in t)) == _expected(generated)
    assert report.rows_read == len(generated)


GARBAGE = st.sampled_from(["abc", "-1", "1e", "--", "12,5", "NaN", "0x10"])
FIELD = st.sampled_from(["value", "kg"])


@SETTINGS
@given(rows, st.integers(0, 39), GARBAGE, FIELD)
def test_garbage_cell_fails_at_its_line(
    generated: list[dict[str, str]], at: int, junk: str, field: str
) -> None:
    dairy = [i for i, r in enumerate(generated) if _is_dairy(r["code"])]
    if not dairy:
        return
    target = dairy[at % len(dairy)]
    lines = [classic_line(**r) for r in generated]
    lines[target] = classic_line(**{**generated[target], field: junk.replace(",", ";")})
    with tempfile.TemporaryDirectory() as tmp:
        path = write_classic(Path(tmp) / "bad.dat", lines)
        con = open_store(":memory:")
        try:
            with pytest.raises(InputError) as info:
                ingest_file(con, path, source="comext")
            assert counts(con) == (0, 0, 0)
        finally:
            con.close()
    assert info.value.line == target + 2
    assert info.value.column == ("VALUE_IN_EUROS" if field == "value" else "QUANTITY_IN_KG")
