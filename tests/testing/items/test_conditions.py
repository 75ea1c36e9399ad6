"""Conditions on writes: ConditionExpression, the legacy Expected, and the
checks the service runs on them before it looks at any item."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import REPORT, SIMPLE, Refuses

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import ExpectedAttributeValueTypeDef

CONDITION_FAILED = "The conditional request failed"


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"N": "5"}})
    return fake


def test_put_item_attribute_not_exists_refuses_the_second_put(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.put_item(
        TableName=SIMPLE, Item={"pk": {"S": "a"}}, ConditionExpression="attribute_not_exists(pk)"
    )
    with refuses("ConditionalCheckFailedException", CONDITION_FAILED) as error:
        fake.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}, "v": {"S": "second"}},
            ConditionExpression="attribute_not_exists(pk)",
        )
    assert "Item" not in error.response


def test_failed_condition_is_the_clients_exception_class(stored: FakeDynamoDBClient) -> None:
    with pytest.raises(stored.exceptions.ConditionalCheckFailedException) as raised:
        stored.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}},
            ConditionExpression="v < :v",
            ExpressionAttributeValues={":v": {"N": "5"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert raised.value.response["Item"] == {"pk": {"S": "a"}, "v": {"N": "5"}}  # type: ignore[typeddict-item]  # boto3 adds the modeled member Item


def test_return_values_on_condition_check_failure_none_returns_no_item(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", CONDITION_FAILED) as error:
        stored.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}},
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="NONE",
        )
    assert "Item" not in error.response


def test_condition_is_checked_after_the_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Missing the key pk in the item",
    ):
        fake.put_item(
            TableName=SIMPLE, Item={"v": {"S": "a"}}, ConditionExpression="attribute_exists(v)"
        )


def test_condition_placeholders_are_checked_before_the_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT
        + "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope",
    ):
        fake.delete_item(
            TableName="missing", Key={"pk": {"S": "a"}}, ConditionExpression="v = :nope"
        )


def test_condition_between_with_the_bounds_reversed_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT
        + "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        "operand: AttributeValue: {N:1}",
    ):
        fake.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}},
            ConditionExpression="v BETWEEN :hi AND :lo",
            ExpressionAttributeValues={":hi": {"N": "5"}, ":lo": {"N": "1"}},
        )


def test_condition_values_are_checked_on_every_request_with_the_same_text(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    condition = "v BETWEEN :lo AND :hi"
    with refuses("ConditionalCheckFailedException", CONDITION_FAILED):
        stored.delete_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            ConditionExpression=condition,
            ExpressionAttributeValues={":lo": {"N": "6"}, ":hi": {"N": "9"}},
        )
    with refuses(
        "ValidationException",
        REPORT
        + "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:9}, upper bound "
        "operand: AttributeValue: {N:6}",
    ):
        stored.delete_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            ConditionExpression=condition,
            ExpressionAttributeValues={":lo": {"N": "9"}, ":hi": {"N": "6"}},
        )


def test_condition_refuses_an_unused_value(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        REPORT
        + "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
    ):
        fake.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}},
            ConditionExpression="attribute_not_exists(pk)",
            ExpressionAttributeValues={":unused": {"N": "1"}},
        )


def test_condition_refuses_values_without_a_condition(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "ExpressionAttributeValues can only be specified when using expressions",
    ):
        fake.put_item(
            TableName=SIMPLE, Item={"pk": {"S": "a"}}, ExpressionAttributeValues={":v": {"N": "1"}}
        )


# ---------------------------------------------------------------- Expected


def test_expected_exists_false_refuses_an_existing_item(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", CONDITION_FAILED):
        stored.put_item(
            TableName=SIMPLE, Item={"pk": {"S": "a"}}, Expected={"pk": {"Exists": False}}
        )


def test_expected_value_compares_for_equality(stored: FakeDynamoDBClient) -> None:
    stored.delete_item(
        TableName=SIMPLE, Key={"pk": {"S": "a"}}, Expected={"v": {"Value": {"N": "5.0"}}}
    )
    assert stored.table_items(SIMPLE) == []


def test_expected_with_a_comparison_operator_and_conditional_operator(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    expected: dict[str, ExpectedAttributeValueTypeDef] = {
        "v": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "5"}]},
        "w": {"ComparisonOperator": "NULL"},
    }
    with refuses("ConditionalCheckFailedException", CONDITION_FAILED):
        stored.update_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            AttributeUpdates={"x": {"Value": {"S": "y"}}},
            Expected=expected,
        )
    stored.update_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        AttributeUpdates={"x": {"Value": {"S": "y"}}},
        Expected=expected,
        ConditionalOperator="OR",
    )
    assert stored.table_items(SIMPLE, wire=True) == [
        {"pk": {"S": "a"}, "v": {"N": "5"}, "x": {"S": "y"}}
    ]


def test_expected_with_a_condition_expression_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
    ):
        fake.put_item(
            TableName=SIMPLE,
            Item={"pk": {"S": "a"}},
            Expected={"pk": {"Exists": False}},
            ConditionExpression="attribute_not_exists(pk)",
        )


def test_expected_is_checked_before_the_table(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        REPORT
        + "One or more parameter values were invalid: Value must be provided when Exists is true "
        "for Attribute: v",
    ):
        fake.delete_item(
            TableName="missing", Key={"pk": {"S": "a"}}, Expected={"v": {"Exists": True}}
        )
