"""The simulators page exposes the CLI's parameters: stated deliveries, phase thresholds,
the index window, levy rates and import-demand elasticities, all held in the URL.

Numbers are compared between two JSON twins of the same page on the embedded data plus the
SYNTHETIC demo trade file; nothing is compared with a hard-coded result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from fairmilk.indicators.taxes import tax_measures
from fairmilk.policy.tariffs import DEFAULT_ELASTICITIES
from fairmilk.reference.geo import members


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the full (embedded + synthetic demo) store."""
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


def _page(http: httpx.Client, **params: str) -> dict[str, Any]:
    answer = http.get("/simulators.json", params=params)
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def _rows(page: dict[str, Any], block_id: str) -> list[dict[str, Any]]:
    block = next(b for b in page["blocks"] if b["id"] == block_id)
    assert block["data"], f"{block_id}: no rows ({block['notes']})"
    rows: list[dict[str, Any]] = block["data"]
    return rows


def test_stated_deliveries_scale_the_volumes(full: httpx.Client) -> None:
    stated = 1000.0  # t per month; the stored series is quarterly (3 months a step)
    base = {r["period"]: r for r in _rows(_page(full), "mrp")}
    mine = {r["period"]: r for r in _rows(_page(full, deliveries_t="1000"), "mrp")}
    assert base.keys() == mine.keys()
    crisis = [p for p, r in base.items() if r["withheld_t"] and r["deliveries_t"]]
    assert crisis, "no period withholds milk: nothing to compare"
    for period in crisis:
        factor = 3 * stated / base[period]["deliveries_t"]
        assert mine[period]["deliveries_t"] == pytest.approx(3 * stated)
        assert mine[period]["deliveries_source"] == "stated"
        assert mine[period]["withheld_t"] == pytest.approx(base[period]["withheld_t"] * factor)
        assert mine[period]["bonus_eur"] == pytest.approx(base[period]["bonus_eur"] * factor)


def test_higher_thresholds_mean_milder_phases(full: httpx.Client) -> None:
    base = _rows(_page(full), "mrp")
    mild = _rows(_page(full, fall_1_pct="20", fall_2_pct="30", fall_3_pct="40"), "mrp")
    pairs = [(b["phase"], m["phase"]) for b, m in zip(base, mild, strict=True)]
    assert all(m <= b for b, m in pairs if b is not None)
    assert any(m < b for b, m in pairs if b is not None)


def test_a_levy_raises_the_landed_cost_where_it_applies(full: httpx.Client) -> None:
    base = _rows(_page(full), "tariff")
    mine = _rows(_page(full, levy_waemu_pcs="10"), "tariff")
    compared = 0
    for b, m in zip(base, mine, strict=True):
        assert (b["country"], b["category"]) == (m["country"], m["category"])
        if b["landed_base_per_litre"] is None:
            continue
        assert m["landed_base_per_litre"] == pytest.approx(b["landed_base_per_litre"])
        if b["country"] in members("waemu", b["year"]):
            assert m["levy_scenario_pct"] == pytest.approx(b["levy_scenario_pct"] + 9)
            assert m["landed_scenario_per_litre"] > b["landed_scenario_per_litre"]
            assert m["imports_pct_e-1"] < 0
            compared += 1
        else:
            assert m["landed_scenario_per_litre"] == pytest.approx(b["landed_scenario_per_litre"])
    assert compared, "no WAEMU row with a landed cost"


def test_elasticities_set_the_sensitivity_columns(full: httpx.Client) -> None:
    default = _rows(_page(full), "tariff")[0]
    assert [k for k in default if k.startswith("imports_pct_e")] == [
        f"imports_pct_e{e:g}" for e in DEFAULT_ELASTICITIES
    ]
    page = _page(full, levy_waemu_pcs="10", elasticities="-0.2, -2")
    rows = _rows(page, "tariff")
    assert [k for k in rows[0] if k.startswith("imports_pct_e")] == [
        "imports_pct_e-0.2",
        "imports_pct_e-2",
    ]
    for r in rows:
        if r["landed_base_per_litre"] and r["landed_scenario_per_litre"]:
            ratio = r["landed_scenario_per_litre"] / r["landed_base_per_litre"]
            assert r["imports_pct_e-2"] == pytest.approx(100 * (ratio**-2 - 1))
    assert page["params"]["elasticities"] == "-0.2,-2"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"elasticities": "-1,0.5"}, "elasticities"),
        ({"elasticities": "-1,abc"}, "elasticities"),
        ({"elasticities": "-1,-1"}, "elasticities"),
        ({"fall_2_pct": "5"}, "fall_2_pct"),
        ({"fall_1_pct": "20", "fall_2_pct": "20"}, "fall_2_pct"),
        ({"fall_3_pct": "100"}, "fall_3_pct"),
        ({"deliveries_t": "lots"}, "deliveries_t"),
        ({"deliveries_t": "-5"}, "deliveries_t"),
        ({"levy_waemu_pcs": "one"}, "levy_waemu_pcs"),
        ({"levy_ecowas_pc": "150"}, "levy_ecowas_pc"),
        ({"window": "2.5"}, "window"),
    ],
)
def test_bad_values_name_the_field(
    client: httpx.Client, params: dict[str, str], field: str
) -> None:
    answer = client.get("/simulators.json", params=params)
    assert 400 <= answer.status_code < 500
    assert f"(column {field})" in answer.json()["error"]
    assert "expected" in answer.json()["error"]
    page = client.get("/simulators", params=params)
    assert 400 <= page.status_code < 500
    assert field in page.text


def test_every_levy_has_a_field_and_nothing_else(client: httpx.Client) -> None:
    levies = {m.measure for m in tax_measures() if m.kind == "levy"}
    page = client.get("/simulators.json").json()
    fields = {c["name"].removeprefix("levy_") for c in page["controls"]}
    assert levies <= fields
    assert not {m.measure for m in tax_measures() if m.kind != "levy"} & fields


def _rounded(value: Any) -> Any:
    """The JSON value with every float rounded to 9 significant digits."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def test_the_state_round_trips_through_the_url(full: httpx.Client) -> None:
    chosen = {
        "deliveries_t": "2500.5",
        "fall_1_pct": "5",
        "fall_2_pct": "12",
        "fall_3_pct": "30",
        "window": "2",
        "levy_ecowas_pc": "0",
        "elasticities": "-0.3,-1.2",
        "duty_smp": "35",
    }
    first = _page(full, **chosen)
    assert {k: first["params"][k] for k in chosen} == chosen
    again = _page(full, **first["params"])
    assert again["params"] == first["params"]
    assert _rounded(again["blocks"]) == _rounded(first["blocks"])  # float sums vary in ulps
    controls = {c["name"]: c["value"] for c in first["controls"]}
    assert {k: controls[k] for k in chosen} == chosen
    html = full.get("/simulators", params=chosen)
    assert html.status_code == 200
    assert 'name="deliveries_t" type="number" value="2500.5" step="any"' in html.text
    assert 'name="elasticities" type="text" value="-0.3,-1.2"' in html.text


def test_french_labels_of_the_new_fields(client: httpx.Client) -> None:
    page = client.get("/simulators.json", params={"lang": "fr"}).json()
    labels = {c["name"]: c["label"] for c in page["controls"]}
    assert labels["deliveries_t"].startswith("Livraisons mensuelles déclarées")
    assert labels["levy_waemu_pcs"] == "Prélèvement waemu_pcs (% ; vide : inchangé)"
    default = " / ".join(f"{e:g}" for e in DEFAULT_ELASTICITIES)
    assert labels["elasticities"].endswith(f"(vide : {default})")


def test_french_headers_name_any_elasticity(full: httpx.Client) -> None:
    html = full.get("/simulators", params={"lang": "fr", "elasticities": "-0.7,-2.25"}).text
    assert '<th scope="col" title="imports_pct_e-0.7">importations (%) e=-0,7</th>' in html
    assert '<th scope="col" title="imports_pct_e-2.25">importations (%) e=-2,25</th>' in html
    assert ">imports_pct_e-0.7<" not in html
