"""SYNTHETIC demonstration trade files shipped with fairmilk (never real figures)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEMO_NAME = "comext_synthetic_eu27_west_africa_2018_2023.dat.gz"


def demo_files() -> list[Path]:
    """The synthetic Comext demo files, to be ingested with ``synthetic=True``."""
    folder = resources.files("fairmilk.ingest.demo")
    return [Path(str(folder / DEMO_NAME))]


__all__ = ["DEMO_NAME", "demo_files"]
