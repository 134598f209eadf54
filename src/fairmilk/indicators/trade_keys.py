"""Grouping keys of the trade indicators (no Ibis here, so the command line starts quickly)."""

from __future__ import annotations

GROUP_KEYS = ("year", "month", "exporter", "destination", "region", "category")
DEFAULT_BY = ("year", "exporter", "destination", "category")
