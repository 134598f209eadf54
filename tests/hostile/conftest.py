"""Hostile-input suite: every case is marked ``hostile`` and bounded in time (pytest-timeout).

The whole suite is meant to finish in about a minute on a small CI machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CASE_TIMEOUT = 20  # seconds per case: a case that hangs fails instead of blocking CI


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each case of this folder ``hostile`` with a per-case timeout."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.hostile)
            if item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(CASE_TIMEOUT))
