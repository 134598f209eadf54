"""The basis of a landed cost (FOB or CIF) is kept on the result and named when refused."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.perlitre import PerLitreParams, landed_cost
from fairmilk.indicators.taxes import TaxStack

STACK = TaxStack(duty_pct=5.0, levy_pct=1.0, vat_pct=18.0, measures=(), gaps=(), sources=())


@pytest.mark.parametrize("basis", ["FOB", "CIF"])
def test_the_basis_is_kept(basis: str) -> None:
    cost = landed_cost(2.0, STACK, litres_per_kg=8.0, params=PerLitreParams(), basis=basis)
    assert cost.basis == basis


def test_an_unknown_basis_is_refused_with_the_bases() -> None:
    with pytest.raises(ParameterError) as err:
        landed_cost(2.0, STACK, litres_per_kg=8.0, params=PerLitreParams(), basis="EXW")
    assert str(err.value) == "basis must be one of FOB, CIF, found 'EXW'"
