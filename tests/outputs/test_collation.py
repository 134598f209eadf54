"""Names sort as readers expect: accents and case do not push a name to the end."""

from __future__ import annotations

from fairmilk.outputs.collation import by_name, sort_key


def test_senegal_comes_before_sierra_leone() -> None:
    names = ["Sierra Leone", "Sénégal", "Côte d’Ivoire", "Cabo Verde", "Bénin", "Burkina Faso"]
    assert sorted(names, key=sort_key) == [
        "Bénin", "Burkina Faso", "Cabo Verde", "Côte d’Ivoire", "Sénégal", "Sierra Leone",
    ]  # fmt: skip
    assert sorted(names) != sorted(names, key=sort_key)  # byte order gets it wrong


def test_case_does_not_matter_and_the_order_is_stable() -> None:
    assert by_name([("b", "éthiopie"), ("a", "Espagne"), ("c", "Égypte")]) == [
        ("c", "Égypte"), ("a", "Espagne"), ("b", "éthiopie"),
    ]  # fmt: skip
