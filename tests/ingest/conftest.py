"""Fixtures for the ingest tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES


@pytest.fixture
def fixture_file() -> Callable[[str], Path]:
    """The path of a committed fixture file."""
    return lambda name: FIXTURES / name
