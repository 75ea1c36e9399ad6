"""Query key conditions: what they select, and the service's refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import Refuses, create_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing import FakeDynamoDBClient


def _sort_keys(
    fake: FakeDynamoDBClient, condition: str, **values: AttributeValueTypeDef
) -> list[str]:
    found = fake.query(
        TableName="orders",
        KeyConditionExpression=condition,
        ExpressionAttributeValues={
            f":{name}": value for name, value in values.items() if f":{name}" in condition
        },
    )
    assert (found["Count"], found["ScannedCount"]) == (len(found["Items"]),) * 2
    return [item["sk"]["N"] for item in found["Items"]]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("pk = :a", ["1", "2", "3", "4", "5"]),
        ("pk = :a AND sk = :x", ["3"]),
        ("pk = :a AND sk < :x", ["1", "2"]),
        ("pk = :a AND sk <= :x", ["1", "2", "3"]),
        ("pk = :a AND sk > :x", ["4", "5"]),
        ("pk = :a AND sk >= :x", ["3", "4", "5"]),
        (":a = pk AND :x < sk", ["4", "5"]),
        ("sk = :x AND pk = :a", ["3"]),
    ],
)
def test_sort_key_comparisons_select_their_range(
    fake: FakeDynamoDBClient, orders: str, condition: str, expected: list[str]
) -> None:
    assert _sort_keys(fake, condition, a={"S": "a"}, x={"N": "3"}) == expected


def test_between_is_inclusive(fake: FakeDynamoDBClient, orders: str) -> None:
    found = _sort_keys(
        fake, "pk = :a AND sk BETWEEN :x AND :y", a={"S": "a"}, x={"N": "2"}, y={"N": "4"}
    )
    assert found == ["2", "3", "4"]


def test_an_unknown_partition_returns_nothing(fake: FakeDynamoDBClient, orders: str) -> None:
    assert _sort_keys(fake, "pk = :a", a={"S": "zz"}) == []


def test_begins_with_selects_the_prefix_in_both_directions(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "words", types={"pk": "S", "sk": "S"}, range_key="sk")
    for sk in ("ap", "apple", "apricot", "aq", "b", "a\U0010ffff"):
        fake.put_item(TableName="words", Item={"pk": {"S": "p"}, "sk": {"S": sk}})
    for forward, expected in (
        (True, ["ap", "apple", "apricot"]),
        (False, ["apricot", "apple", "ap"]),
    ):
        found = fake.query(
            TableName="words",
            KeyConditionExpression="pk = :p AND begins_with(sk, :x)",
            ExpressionAttributeValues={":p": {"S": "p"}, ":x": {"S": "ap"}},
            ScanIndexForward=forward,
        )
        assert [i["sk"]["S"] for i in found["Items"]] == expected


def test_binary_begins_with_and_unsigned_order(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "blobs", types={"pk": "S", "sk": "B"}, range_key="sk")
    for sk in (b"\xff\x01", b"\x00", b"\xff", b"\x7f", b"\xff\xff"):
        fake.put_item(TableName="blobs", Item={"pk": {"S": "p"}, "sk": {"B": sk}})
    found = fake.query(
        TableName="blobs",
        KeyConditionExpression="pk = :p AND begins_with(sk, :x)",
        ExpressionAttributeValues={":p": {"S": "p"}, ":x": {"B": b"\xff"}},
    )
    assert [i["sk"]["B"] for i in found["Items"]] == [b"\xff", b"\xff\x01", b"\xff\xff"]


def test_string_sort_keys_order_by_utf8_bytes(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "words", types={"pk": "S", "sk": "S"}, range_key="sk")
    for sk in ("a", "Z", "é", "z", "\U0001f600", "\uffff"):
        fake.put_item(TableName="words", Item={"pk": {"S": "p"}, "sk": {"S": sk}})
    found = fake.query(
        TableName="words",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "p"}},
    )
    assert [i["sk"]["S"] for i in found["Items"]] == ["Z", "a", "z", "é", "\uffff", "\U0001f600"]


def test_number_sort_keys_order_numerically(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "nums", types={"pk": "S", "sk": "N"}, range_key="sk")
    for sk in ("10", "-2", "1E+3", "0.5", "-10.5", "2", "-1e-5"):
        fake.put_item(TableName="nums", Item={"pk": {"S": "p"}, "sk": {"N": sk}})
    found = fake.query(
        TableName="nums",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "p"}},
    )
    assert [i["sk"]["N"] for i in found["Items"]] == [
        "-10.5",
        "-2",
        "-0.00001",
        "0.5",
        "2",
        "10",
        "1000",
    ]


def test_hash_only_table_query_returns_the_one_item(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "users", types={"pk": "S"})
    fake.put_item(TableName="users", Item={"pk": {"S": "u"}, "n": {"N": "1"}})
    found = fake.query(
        TableName="users",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "u"}},
    )
    assert found["Items"] == [{"pk": {"S": "u"}, "n": {"N": "1"}}]


@pytest.mark.parametrize(
    ("condition", "values", "message"),
    [
        ("sk = :x", {":x": {"N": "1"}}, "Query condition missed key schema element: pk"),
        ("v = :x", {":x": {"N": "1"}}, "Query condition missed key schema element: pk"),
        (
            "pk = :a AND v = :x",
            {":a": {"S": "a"}, ":x": {"N": "1"}},
            "Query condition missed key schema element: sk",
        ),
        (
            "pk = :a AND sk = :x AND v = :x",
            {":a": {"S": "a"}, ":x": {"N": "1"}},
            "The number of query conditions (3) exceeds the number of key attributes defined in "
            "the schema (2)",
        ),
        ("pk > :a", {":a": {"S": "a"}}, "Query key condition not supported"),
        ("begins_with(pk, :a)", {":a": {"S": "a"}}, "Query key condition not supported"),
        (
            "pk = :a AND sk > :x AND sk < :x",
            {":a": {"S": "a"}, ":x": {"N": "1"}},
            "Invalid KeyConditionExpression: "
            "KeyConditionExpressions must only contain one condition per key",
        ),
        (
            "pk = :a OR sk = :x",
            {":a": {"S": "a"}, ":x": {"N": "1"}},
            "Invalid operator used in KeyConditionExpression: OR",
        ),
        (
            "pk = :a",
            {":a": {"N": "1"}},
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type",
        ),
        (
            "pk = :a AND begins_with(sk, :x)",
            {":a": {"S": "a"}, ":x": {"S": "1"}},
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type",
        ),
        (
            "pk = :a",
            {":a": {"S": ""}},
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: pk",
        ),
        (
            "pk = :a AND sk.x = :x",
            {":a": {"S": "a"}, ":x": {"N": "1"}},
            "Invalid KeyConditionExpression: "
            "KeyConditionExpressions cannot have conditions on nested attributes",
        ),
    ],
)
def test_key_condition_refusals(  # noqa: PLR0917 - fixtures and parametrised cases
    fake: FakeDynamoDBClient,
    orders: str,
    refuses: Refuses,
    condition: str,
    values: dict[str, AttributeValueTypeDef],
    message: str,
) -> None:
    with refuses(message):
        fake.query(
            TableName=orders, KeyConditionExpression=condition, ExpressionAttributeValues=values
        )


def test_a_second_condition_on_a_hash_only_table_is_not_supported(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create_table(fake, "users", types={"pk": "S"})
    with refuses("Query key condition not supported"):
        fake.query(
            TableName="users",
            KeyConditionExpression="pk = :p AND v = :p",
            ExpressionAttributeValues={":p": {"S": "u"}},
        )


def test_a_key_condition_is_required(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    with refuses(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request."
    ):
        fake.query(TableName=orders)


def test_legacy_key_conditions_select_like_the_expression(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    found = fake.query(
        TableName=orders,
        KeyConditions={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
            "sk": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "3"}]},
        },
    )
    assert [i["sk"]["N"] for i in found["Items"]] == ["4", "5"]


def test_legacy_key_conditions_refuse_operators_that_use_no_index(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    with refuses("Attempted conditional constraint is not an indexable operation"):
        fake.query(
            TableName=orders,
            KeyConditions={
                "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
                "sk": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "3"}]},
            },
        )


def test_query_of_a_missing_table_is_refused(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(fake.exceptions.ResourceNotFoundException):
        fake.query(
            TableName="nothing",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "u"}},
        )


def test_expressions_are_checked_before_the_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :missing"
    ):
        fake.query(
            TableName="nothing",
            KeyConditionExpression="pk = :missing AND sk = :n",
            ExpressionAttributeValues={":n": {"N": "1"}},
        )
