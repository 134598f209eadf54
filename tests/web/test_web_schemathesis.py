"""Property tests of the open API against its own OpenAPI description (schemathesis).

Bounded and deterministic: at most 25 derandomised examples per operation, against a real
server on the tiny store. Checks (schemathesis defaults): no server error, documented
status codes and content types, bodies that match the described schemas.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

OPERATIONS = [
    "datasets",
    "countries",
    "regions",
    "trade",
    "observations",
    "indicators",
    "fao-trade",
]


@pytest.fixture(scope="session")
def api_schema(base_url: str) -> schemathesis.BaseSchema:
    """The API description, read from the running server."""
    return schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")


@pytest.mark.parametrize("name", OPERATIONS)
def test_api_conforms_to_its_description(
    api_schema: schemathesis.BaseSchema, base_url: str, name: str
) -> None:
    operation = api_schema[f"/api/v1/{name}"]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=base_url)

    check()
