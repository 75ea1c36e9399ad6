"""Legacy parameters: Expected, filters, KeyConditions, AttributeUpdates, dialect rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import pytest

from dynantic.testing.engine.values import Item, StringSet, WireValue
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import (
    KeyCondition,
    attribute_updates,
    check_conditional_operator,
    check_expression_parameters,
    expected_condition,
    filter_conditions,
    legacy_key_conditions,
)
from dynantic.testing.expressions.legacy import AttributeValueUpdate, ExpectedAttributeValue

ITEM: Item = {"pk": "k", "n": Decimal(1), "s": "hello", "ss": StringSet(["a", "b"])}


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    assert info.value.code == "ValidationException"
    return info.value.message


def expected(entries: Mapping[str, ExpectedAttributeValue], operator: str | None = None) -> bool:
    condition = expected_condition(entries, operator)
    assert condition is not None
    return condition.evaluate(ITEM)


def test_expected_value_means_equal() -> None:
    assert expected({"n": {"Value": {"N": "1"}}})
    assert not expected({"n": {"Value": {"N": "2"}}})


def test_expected_exists_false_means_absent() -> None:
    assert expected({"nope": {"Exists": False}})
    assert not expected({"n": {"Exists": False}})


def test_expected_comparison_operators() -> None:
    assert expected({"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "0"}]}})
    assert expected({"n": {"ComparisonOperator": "NOT_NULL"}})
    assert expected({"s": {"ComparisonOperator": "BEGINS_WITH", "Value": {"S": "he"}}})
    assert expected({"ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}})
    assert expected({"s": {"ComparisonOperator": "NOT_CONTAINS", "Value": {"S": "a"}}})
    assert expected(
        {"n": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "3"}, {"N": "1"}]}}
    )


def test_expected_not_contains_is_false_for_a_missing_attribute() -> None:
    assert not expected({"nope": {"ComparisonOperator": "NOT_CONTAINS", "Value": {"S": "a"}}})
    assert not expected({"nope": {"ComparisonOperator": "CONTAINS", "Value": {"S": "a"}}})


def test_conditional_operator_or_needs_one_condition() -> None:
    entries: dict[str, ExpectedAttributeValue] = {
        "n": {"Value": {"N": "1"}},
        "s": {"Value": {"S": "nope"}},
    }
    assert expected(entries, "OR")
    assert not expected(entries)


@pytest.mark.parametrize(
    ("entry", "detail"),
    [
        (
            {"Value": {"N": "1"}, "AttributeValueList": [{"N": "1"}]},
            "Value and AttributeValueList cannot be used together for Attribute: n",
        ),
        (
            {"ComparisonOperator": "EQ", "Exists": True},
            "Exists and ComparisonOperator cannot be used together for Attribute: n",
        ),
        (
            {"ComparisonOperator": "GT"},
            "Value or AttributeValueList must be used with ComparisonOperator: GT for Attribute: n",
        ),
        (
            {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}, {"N": "2"}]},
            "Invalid number of argument(s) for the EQ ComparisonOperator",
        ),
        (
            {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "1"}, {"S": "x"}]},
            "AttributeValues inside AttributeValueList must be of same type",
        ),
        (
            {"AttributeValueList": [{"N": "1"}]},
            "AttributeValueList can only be used with a ComparisonOperator for Attribute: n",
        ),
        ({}, "Value must be provided when Exists is null for Attribute: n"),
        ({"Exists": True}, "Value must be provided when Exists is true for Attribute: n"),
        (
            {"Exists": False, "Value": {"N": "1"}},
            "Value cannot be used when Exists is false for Attribute: n",
        ),
    ],
)
def test_expected_is_validated_with_the_services_messages(
    entry: ExpectedAttributeValue, detail: str
) -> None:
    assert refusal(lambda: expected_condition({"n": entry})) == (
        f"One or more parameter values were invalid: {detail}"
    )


def test_a_between_range_upside_down_is_refused() -> None:
    entry: ExpectedAttributeValue = {
        "ComparisonOperator": "BETWEEN",
        "AttributeValueList": [{"N": "3"}, {"N": "1"}],
    }
    assert refusal(lambda: expected_condition({"n": entry})) == (
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound"
    )


def test_filter_operators_refuse_types_they_cannot_compare() -> None:
    assert refusal(
        lambda: filter_conditions(
            {"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"SS": ["a"]}]}}
        )
    ) == (
        "One or more parameter values were invalid: "
        "ComparisonOperator LT is not valid for SS AttributeValue type"
    )
    assert "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type" in refusal(
        lambda: filter_conditions(
            {"n": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}}
        )
    )


@pytest.mark.parametrize("operator", ["EQ", "NE"])
@pytest.mark.parametrize(
    "operand",
    [{"BOOL": True}, {"NULL": True}, {"L": [{"N": "1"}]}, {"M": {"a": {"S": "b"}}}],
    ids=["BOOL", "NULL", "L", "M"],
)
def test_filter_equality_takes_a_value_of_any_type(operator: str, operand: WireValue) -> None:
    condition = filter_conditions(
        {"n": {"ComparisonOperator": operator, "AttributeValueList": [operand]}}
    )
    assert condition is not None
    assert condition.evaluate(ITEM) is (operator == "NE")


def test_expected_refuses_types_its_operator_cannot_take_except_for_equality() -> None:
    assert refusal(
        lambda: expected_condition(
            {"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"L": []}]}}
        )
    ) == (
        "One or more parameter values were invalid: "
        "ComparisonOperator CONTAINS is not valid for L AttributeValue type"
    )
    assert not expected({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"L": []}]}})
    assert expected({"n": {"ComparisonOperator": "NE", "AttributeValueList": [{"BOOL": True}]}})


def test_conditional_operator_needs_two_conditions() -> None:
    check_conditional_operator(None, None)
    check_conditional_operator("OR", {"a": {}, "b": {}})
    assert refusal(lambda: check_conditional_operator("AND", {})) == (
        "ConditionalOperator cannot be used without Filter or Expected"
    )
    assert refusal(lambda: check_conditional_operator("OR", {"a": {}})) == (
        "ConditionalOperator can only be used when Filter or Expected has two or more elements"
    )


def test_filter_conditions_evaluate_like_expressions() -> None:
    condition = filter_conditions(
        {
            "n": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "1"}]},
            "s": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "no"}]},
        },
        "OR",
    )
    assert condition is not None
    assert condition.evaluate(ITEM)


def test_legacy_key_conditions_keep_their_operators() -> None:
    assert legacy_key_conditions(
        {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "k"}]}}
    ) == {"pk": KeyCondition("pk", "EQ", ("k",))}


def test_attribute_updates_put_add_and_delete() -> None:
    result = attribute_updates(
        {
            "s": {"Value": {"S": "new"}},
            "n": {"Action": "ADD", "Value": {"N": "2"}},
            "l": {"Action": "ADD", "Value": {"L": [{"N": "1"}]}},
            "ss": {"Action": "DELETE", "Value": {"SS": ["a"]}},
            "pk2": {"Action": "DELETE"},
        }
    ).apply(ITEM)
    assert result.item == {
        "pk": "k",
        "n": Decimal(3),
        "s": "new",
        "ss": StringSet(["b"]),
        "l": [Decimal(1)],
    }
    assert result.updated_old() == {"s": "hello", "n": Decimal(1), "ss": StringSet(["a", "b"])}


@pytest.mark.parametrize(
    ("update", "detail"),
    [
        ({"Action": "PUT"}, "Only DELETE action is allowed when no attribute value is specified"),
        (
            {"Action": "DELETE", "Value": {"S": "x"}},
            "DELETE action with value is not supported for the type S",
        ),
        ({"Action": "ADD", "Value": {"S": "x"}}, "ADD action is not supported for the type S"),
    ],
)
def test_attribute_updates_are_validated(update: AttributeValueUpdate, detail: str) -> None:
    assert refusal(lambda: attribute_updates({"s": update})) == (
        f"One or more parameter values were invalid: {detail}"
    )


def test_attribute_updates_of_a_mismatched_type_are_refused() -> None:
    assert refusal(
        lambda: attribute_updates({"s": {"Action": "ADD", "Value": {"N": "1"}}}).apply(ITEM)
    ) == ("Type mismatch for attribute to update")


def test_expression_and_legacy_parameters_cannot_be_mixed() -> None:
    request = {"Expected": {}, "ConditionExpression": "a = :v"}
    assert refusal(
        lambda: check_expression_parameters(request, ["ConditionExpression"], ["Expected"])
    ) == (
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"
    )


def test_key_conditions_may_accompany_a_filter_expression() -> None:
    check_expression_parameters(
        {"KeyConditions": {}, "FilterExpression": "a = :v"},
        ["ProjectionExpression", "FilterExpression", "KeyConditionExpression"],
        ["AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"],
    )


def test_names_or_values_without_expressions_are_refused() -> None:
    assert refusal(
        lambda: check_expression_parameters(
            {"ExpressionAttributeNames": {"#a": "a"}}, ["ConditionExpression"], ["Expected"]
        )
    ) == ("ExpressionAttributeNames can only be specified when using expressions")
    assert refusal(
        lambda: check_expression_parameters(
            {"ExpressionAttributeValues": {":a": {"N": "1"}}, "ProjectionExpression": "a"},
            ["ProjectionExpression", "FilterExpression"],
            ["AttributesToGet", "ScanFilter"],
        )
    ) == (
        "ExpressionAttributeValues can only be specified when using expressions: "
        "FilterExpression is null"
    )
    assert refusal(
        lambda: check_expression_parameters(
            {"ExpressionAttributeValues": {":a": {"N": "1"}}},
            ["UpdateExpression", "ConditionExpression"],
            ["AttributeUpdates", "Expected"],
        )
    ).endswith("UpdateExpression and ConditionExpression are null")
    # Query names no expression (ExtendDB's captures through the AWS CLI, 2026-06).
    assert (
        refusal(
            lambda: check_expression_parameters(
                {"ExpressionAttributeValues": {":a": {"N": "1"}}, "KeyConditions": {}},
                ["ProjectionExpression", "FilterExpression", "KeyConditionExpression"],
                ["AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"],
                names_null_expressions=False,
            )
        )
        == "ExpressionAttributeValues can only be specified when using expressions"
    )
