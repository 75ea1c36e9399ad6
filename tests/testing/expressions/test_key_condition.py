"""KeyConditionExpression: one condition per key attribute, in the allowed forms."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from dynantic.testing.engine.values import AttributeValue
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import ExpressionAttributes, KeyCondition, key_conditions

VALUES: dict[str, AttributeValue] = {":p": "p", ":a": Decimal(1), ":b": Decimal(2), ":s": "x"}


def conditions(text: str, names: dict[str, str] | None = None) -> dict[str, KeyCondition]:
    return key_conditions(ExpressionAttributes(names, VALUES).bind_key_condition(text))


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    return info.value.message


def test_key_conditions_collect_one_condition_per_attribute() -> None:
    assert conditions("pk = :p AND sk BETWEEN :a AND :b") == {
        "pk": KeyCondition("pk", "EQ", ("p",)),
        "sk": KeyCondition("sk", "BETWEEN", (Decimal(1), Decimal(2))),
    }


def test_begins_with_and_comparisons_are_key_conditions() -> None:
    assert conditions("#k = :p AND begins_with(sk, :s)", {"#k": "pk"})["sk"] == KeyCondition(
        "sk", "BEGINS_WITH", ("x",)
    )
    assert conditions("pk = :p AND sk <= :a")["sk"].operator == "LE"


def test_a_value_on_the_left_reads_the_comparison_from_the_key() -> None:
    assert conditions(":p = pk AND :a < sk") == {
        "pk": KeyCondition("pk", "EQ", ("p",)),
        "sk": KeyCondition("sk", "GT", (Decimal(1),)),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pk = :p OR sk = :a", "Invalid operator used in KeyConditionExpression: OR"),
        ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
        ("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"),
        ("pk <> :p", "Invalid operator used in KeyConditionExpression: <>"),
        (
            "attribute_exists(pk)",
            "Invalid operator used in KeyConditionExpression: attribute_exists",
        ),
        ("size(pk) = :a", "KeyConditionExpressions cannot contain nested operations"),
        (
            ":a BETWEEN sk AND :b",
            "Invalid condition in KeyConditionExpression: "
            "BETWEEN operator must have the key attribute as its first operand",
        ),
        (
            "begins_with(:s, sk)",
            "Invalid condition in KeyConditionExpression: "
            "begins_with operator must have the key attribute as its first operand",
        ),
        (
            "pk = sk",
            "Invalid condition in KeyConditionExpression: "
            "Multiple attribute names used in one condition",
        ),
        (
            "pk.x = :p",
            "Invalid KeyConditionExpression: "
            "KeyConditionExpressions cannot have conditions on nested attributes",
        ),
        (":p = :s", "Invalid condition in KeyConditionExpression: No key attribute specified"),
        (
            "pk = :p AND pk = :s",
            "Invalid KeyConditionExpression: "
            "KeyConditionExpressions must only contain one condition per key",
        ),
    ],
)
def test_key_condition_shape_rules(text: str, message: str) -> None:
    assert refusal(lambda: conditions(text)) == message
