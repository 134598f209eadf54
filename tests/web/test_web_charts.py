"""Charts on the pages: reference lines where they carry meaning, synthetic label, downloads."""

from __future__ import annotations

import re
from typing import Any

import httpx


def _block(url: str, page: str, block_id: str, query: str = "") -> dict[str, Any]:
    body = httpx.get(f"{url}/{page}.json{query}", timeout=180).json()
    found: dict[str, Any] = next(b for b in body["blocks"] if b["id"] == block_id)
    return found


def _rules(spec: dict[str, Any]) -> list[float]:
    return [layer["data"]["values"][0]["y"] for layer in spec.get("layer", [])
            if layer["mark"]["type"] == "rule"]  # fmt: skip


def test_the_offensive_chart_draws_the_target_line(full_url: str) -> None:
    assert _rules(_block(full_url, "offensive", "tracker")["chart"]) == [20.0]
    moved = _block(full_url, "offensive", "tracker", "?target_pct=25")["chart"]
    assert _rules(moved) == [25.0]


def test_the_per_litre_chart_is_labelled_synthetic_and_has_its_parity_line(
    full_url: str,
) -> None:
    block = _block(full_url, "per-litre", "per-litre")
    assert block["synthetic"]
    spec = block["chart"]
    assert spec["title"]["subtitle"][0].startswith("SYNTHETIC DATA")
    assert _rules(spec) == [1.0]
    fr = _block(full_url, "per-litre", "per-litre", "?lang=fr")["chart"]
    assert fr["title"]["subtitle"][0].startswith("DONNÉES SYNTHÉTIQUES")
    assert fr["config"]["locale"]["number"]["decimal"] == ","


def test_a_downloaded_chart_carries_title_sources_and_citation(full_url: str) -> None:
    svg = httpx.get(f"{full_url}/per-litre/per-litre.svg?lang=fr", timeout=180).text
    text = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert "Coût rendu par litre" in text or "coût rendu" in text.lower()
    assert "DONNÉES SYNTHÉTIQUES" in text
    assert "Citer : fairmilk" in text
    assert "Sources" in text or "Source :" in text
