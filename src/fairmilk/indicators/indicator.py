"""The declaration of an indicator: id, EN/FR title, unit, EN/FR method and inputs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indicator:
    """One declared indicator, documented in English and French."""

    id: str
    title_en: str
    title_fr: str
    unit: str
    method_en: str
    method_fr: str
    inputs: tuple[str, ...]
    doc: str  # the documentation page (path in the repository, with an anchor)
