"""The parameters older code still sends: Expected, AttributeUpdates, AttributesToGet,
and the rule that they do not mix with expressions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, without_report
from .support import Backend, reported_error, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, ConditionTypeDef


def test_expected_exists_false_refuses_an_existing_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}})
    with service_error("ConditionalCheckFailedException", "The conditional request failed"):
        dynamodb.client.put_item(
            TableName=table, Item={"pk": {"S": "a"}}, Expected={"pk": {"Exists": False}}
        )


def test_expected_value_compares_for_equality(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    dynamodb.client.delete_item(
        TableName=table, Key={"pk": {"S": "a"}}, Expected={"v": {"Value": {"N": "1"}}}
    )
    assert "Item" not in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})


@known_divergence(
    MOTO,
    "ignores ComparisonOperator in Expected",
    service="AWS DynamoDB API reference, ExpectedAttributeValue: ComparisonOperator GT",
)
def test_expected_with_comparison_operator(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "5"}})
    with service_error("ConditionalCheckFailedException", "The conditional request failed"):
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "a"}},
            Expected={"v": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "5"}]}},
        )


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_attribute_updates_put_add_and_delete(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "n": {"N": "1"}, "ss": {"SS": ["x", "y"]}})
    updated = dynamodb.client.update_item(
        TableName=table,
        Key={"pk": {"S": "a"}},
        AttributeUpdates={
            "v": {"Action": "PUT", "Value": {"S": "new"}},
            "n": {"Action": "ADD", "Value": {"N": "2"}},
            "ss": {"Action": "DELETE", "Value": {"SS": ["x"]}},
        },
        ReturnValues="ALL_NEW",
    )
    assert without_volatile(updated) == {
        "Attributes": {
            "pk": {"S": "a"},
            "v": {"S": "new"},
            "n": {"N": "3"},
            "ss": {"SS": ["y"]},
        }
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_attribute_updates_delete_without_value_removes_the_attribute(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    updated = dynamodb.client.update_item(
        TableName=table,
        Key={"pk": {"S": "a"}},
        AttributeUpdates={"v": {"Action": "DELETE"}},
        ReturnValues="ALL_NEW",
    )
    assert without_volatile(updated) == {"Attributes": {"pk": {"S": "a"}}}


def test_legacy_and_expression_parameters_do_not_mix(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}",
    ):
        dynamodb.client.get_item(
            TableName=table,
            Key={"pk": {"S": "a"}},
            AttributesToGet=["v"],
            ProjectionExpression="v",
        )


@without_report()
@known_divergence(
    MOTO,
    "accepts Expected together with ConditionExpression",
    service="AWS DynamoDB developer guide, 'Legacy conditional parameters': legacy and "
    "expression parameters cannot be mixed",
)
def test_expected_with_a_condition_expression_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
    ):
        dynamodb.client.put_item(
            TableName=table,
            Item={"pk": {"S": "a"}},
            Expected={"pk": {"Exists": False}},
            ConditionExpression="attribute_not_exists(pk)",
        )


def test_expression_attribute_names_without_an_expression_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "ExpressionAttributeNames can only be specified when using expressions",
    ):
        dynamodb.client.get_item(
            TableName=table, Key={"pk": {"S": "a"}}, ExpressionAttributeNames={"#v": "v"}
        )


_QUERY_VALUES_SOURCE = (
    "ExtendDB PR 162, each message captured through the AWS CLI (2026-06): Query names no "
    "expression, Scan its FilterExpression"
)


@known_divergence(
    DYNALITE,
    "names the null expressions after a colon, as it does for Scan",
    service=_QUERY_VALUES_SOURCE,
)
@known_divergence(MOTO, "runs the query", service=_QUERY_VALUES_SOURCE)
def test_query_values_without_an_expression_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "ExpressionAttributeValues can only be specified when using expressions",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditions={"pk": {"AttributeValueList": [{"S": "a"}], "ComparisonOperator": "EQ"}},
            ExpressionAttributeValues={":v": {"S": "x"}},
        )


@known_divergence(
    MOTO,
    "runs a legacy key condition whose value does not have the key's type",
    service="dynalite, whose answers were checked against the live service: KeyConditions "
    "values of another type than the key are refused",
)
def test_key_conditions_of_the_wrong_type_are_a_type_mismatch_whatever_the_operator(
    dynamodb: Backend,
) -> None:
    """No KeyConditionExpression is named: BEGINS_WITH on a Number sort key with a
    String value is the type mismatch every other operator gets."""
    table = dynamodb.key_table(sort=("sk", "N"))
    for operator in ("BEGINS_WITH", "GT"):
        with service_error(
            "ValidationException",
            "One or more parameter values were invalid: Condition parameter type does not "
            "match schema type",
        ):
            dynamodb.client.query(
                TableName=table,
                KeyConditions={
                    "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
                    "sk": {"ComparisonOperator": operator, "AttributeValueList": [{"S": "1"}]},
                },
            )


@known_divergence(
    MOTO,
    "counts legacy KeyConditions against the key schema, in other words",
    service="ScyllaDB Alternator test_query.py (run against AWS) and a 2019 capture of the "
    "service: three KeyConditions are 'Conditions can be of length 1 or 2 only'; dynalite's "
    "tests, checked against the service, say the same of an empty map",
)
@pytest.mark.parametrize("count", [0, 3])
def test_legacy_key_conditions_hold_one_or_two_conditions(dynamodb: Backend, count: int) -> None:
    table = dynamodb.key_table(sort=("sk", "S"))
    equal: ConditionTypeDef = {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}
    conditions: dict[str, ConditionTypeDef] = dict.fromkeys(("pk", "sk", "other")[:count], equal)
    with service_error("ValidationException", "Conditions can be of length 1 or 2 only"):
        dynamodb.client.query(TableName=table, KeyConditions=conditions)


@known_divergence(
    (DYNALITE, MOTO),
    "do not refuse the unknown ConditionalOperator alone in the newer words",
    service="paritysuite/dynamodb-conformance tests/tier3/validation-ordering/query.test.ts, "
    "eu-west-2 and us-east-1, 2026-10",
)
def test_query_refuses_an_unknown_conditional_operator_before_anything_else(
    dynamodb: Backend,
) -> None:
    with service_error(
        "ValidationException",
        "Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]",
    ):
        dynamodb.client.query(
            TableName=dynamodb.table_name(),
            KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}},
            QueryFilter={"b": {"ComparisonOperator": "NULL"}, "c": {"ComparisonOperator": "NULL"}},
            ConditionalOperator="XOR",  # type: ignore[arg-type]  # the unknown value is the behaviour under test
            Select="BOGUS",  # type: ignore[arg-type]  # refused only after the operator
        )


@known_divergence(
    DYNALITE,
    "refuses EQ and NE on a list, a map or a boolean in a QueryFilter "
    "('ComparisonOperator EQ is not valid for L AttributeValue type')",
    service="AWS DynamoDB API reference, Condition: EQ and NE are supported for all data "
    "types, including lists and maps; scylladb test/alternator test_query_filter.py::"
    "test_query_filter_eq and ::test_query_filter_ne, run against AWS",
)
def test_query_filter_equality_compares_lists_maps_and_booleans(dynamodb: Backend) -> None:
    table = dynamodb.key_table(sort=("sk", "N"))
    dynamodb.put_items(
        table,
        {
            "pk": {"S": "shelf"},
            "sk": {"N": "1"},
            "colours": {"L": [{"S": "red"}, {"N": "2"}]},
            "size": {"M": {"w": {"N": "10"}}},
            "boxed": {"BOOL": True},
        },
        {
            "pk": {"S": "shelf"},
            "sk": {"N": "2"},
            "colours": {"L": [{"S": "red"}]},
            "size": {"M": {"w": {"N": "12"}}},
            "boxed": {"BOOL": False},
        },
    )
    wanted: dict[str, AttributeValueTypeDef] = {
        "colours": {"L": [{"S": "red"}, {"N": "2"}]},
        "size": {"M": {"w": {"N": "10"}}},
        "boxed": {"BOOL": True},
    }

    def sort_keys(name: str, condition: ConditionTypeDef) -> list[AttributeValueTypeDef]:
        page = dynamodb.client.query(
            TableName=table,
            KeyConditions={
                "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "shelf"}]}
            },
            QueryFilter={name: condition},
        )
        return [item["sk"] for item in page["Items"]]

    for name, value in wanted.items():
        equal = sort_keys(name, {"ComparisonOperator": "EQ", "AttributeValueList": [value]})
        assert equal == [{"N": "1"}], name
        unequal = sort_keys(name, {"ComparisonOperator": "NE", "AttributeValueList": [value]})
        assert unequal == [{"N": "2"}], name


_JOINS_NOTHING = "ConditionalOperator cannot be used without Filter or Expected"
_JOINS_ONE = "ConditionalOperator can only be used when Filter or Expected has two or more elements"
_CONDITIONAL_OPERATOR_SOURCE = (
    "ExtendDB tests/test_conditional_operator.py, run against the service; ScyllaDB "
    "test/alternator test_expected.py::test_update_expected_empty, run against AWS"
)


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "accept a ConditionalOperator with nothing to join",
    service=_CONDITIONAL_OPERATOR_SOURCE,
)
def test_conditional_operator_without_conditions_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error("ValidationException", _JOINS_NOTHING):
        dynamodb.client.put_item(
            TableName=table, Item={"pk": {"S": "cart-7"}}, ConditionalOperator="OR"
        )
    with reported_error("ValidationException", _JOINS_NOTHING):
        dynamodb.client.update_item(
            TableName=table,
            Key={"pk": {"S": "cart-7"}},
            AttributeUpdates={"lines": {"Action": "PUT", "Value": {"N": "3"}}},
            Expected={},
            ConditionalOperator="AND",
        )
    assert "Item" not in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "cart-7"}})


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "accept a ConditionalOperator joining a single condition",
    service=_CONDITIONAL_OPERATOR_SOURCE,
)
def test_conditional_operator_with_one_condition_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "cart-8"}, "lines": {"N": "2"}})
    with reported_error("ValidationException", _JOINS_ONE):
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "cart-8"}},
            Expected={"lines": {"Value": {"N": "2"}}},
            ConditionalOperator="OR",
        )
    with service_error("ValidationException", _JOINS_ONE):  # Scan words it bare
        dynamodb.client.scan(
            TableName=table,
            ScanFilter={"lines": {"ComparisonOperator": "NOT_NULL"}},
            ConditionalOperator="AND",
        )
    assert "Item" in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "cart-8"}})


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "do not count ConditionalOperator among the non-expression parameters",
    service="ExtendDB tests/test_conditional_operator.py, run against the service",
)
def test_conditional_operator_is_a_legacy_parameter(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {ConditionalOperator} Expression parameters: "
        "{UpdateExpression}",
    ):
        dynamodb.client.update_item(
            TableName=table,
            Key={"pk": {"S": "cart-9"}},
            UpdateExpression="SET lines = :n",
            ExpressionAttributeValues={":n": {"N": "1"}},
            ConditionalOperator="AND",
        )


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "compare an Expected operand of a type the operator does not take",
    service="ScyllaDB test/alternator test_expected.py::test_update_expected_1_begins_with_false "
    "and test_update_expected_1_in, run against AWS",
)
def test_expected_refuses_an_operand_type_the_operator_cannot_take(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "cart-10"}, "code": {"S": "x1"}})
    with reported_error(
        "ValidationException",
        "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not "
        "valid for N AttributeValue type",
    ):
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "cart-10"}},
            Expected={
                "code": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}
            },
        )
    with reported_error(
        "ValidationException",
        "One or more parameter values were invalid: ComparisonOperator IN is not valid for L "
        "AttributeValue type",
    ):
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "cart-10"}},
            Expected={
                "code": {
                    "ComparisonOperator": "IN",
                    "AttributeValueList": [{"L": [{"S": "x1"}]}],
                }
            },
        )
    assert "Item" in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "cart-10"}})


@known_divergence(
    (DYNALITE, MOTO),
    "hold NOT_CONTAINS true of an attribute the item lacks",
    service="ScyllaDB test/alternator test_expected.py::test_update_expected_1_not_contains, "
    "run against AWS",
)
def test_expected_not_contains_fails_on_a_missing_attribute(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "cart-11"}})
    with service_error("ConditionalCheckFailedException", "The conditional request failed"):
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "cart-11"}},
            Expected={
                "coupon": {
                    "ComparisonOperator": "NOT_CONTAINS",
                    "AttributeValueList": [{"S": "FREE"}],
                }
            },
        )
