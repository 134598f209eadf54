"""Accessibility that needs no browser: colour contrast of the CSS palette (WCAG 2.1)."""

from __future__ import annotations

import re

import pytest

from fairmilk.outputs.charts import PALETTE
from fairmilk.web.app import STATIC

CSS = (STATIC / "style.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))

# (text colour, background) pairs that the stylesheet puts together.
TEXT_PAIRS = [
    ("ink", "paper"), ("link", "paper"), ("muted", "paper"), ("ink", "band"),
    ("link", "band"), ("muted", "band"), ("warn-ink", "warn-bg"), ("head-ink", "head-bg"),
    ("head-ink", "link"), ("warn-ink", "paper"),
]  # fmt: skip


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_on_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_contrast_is_at_least_4_5(fg: str, bg: str) -> None:
    ratio = contrast(VARS[fg], VARS[bg])
    assert ratio >= 4.5, f"--{fg} on --{bg}: {ratio:.2f}:1"


@pytest.mark.parametrize("colour", PALETTE)
def test_chart_colours_stand_out_from_white(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 3.0  # WCAG 1.4.11 non-text contrast
