"""Select, ProjectionExpression, AttributesToGet and filters on reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import Refuses

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing import FakeDynamoDBClient

_KEY = {"KeyConditionExpression": "pk = :a", "ExpressionAttributeValues": {":a": {"S": "b"}}}


def _read(fake: FakeDynamoDBClient, operation: str, **extra: object) -> dict[str, object]:
    request: dict[str, object] = {"TableName": "orders", **extra}
    if operation == "query":
        request.update(_KEY)
    response = getattr(fake, operation)(**request)
    assert isinstance(response, dict)
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def test_select_count_returns_only_counts(fake: FakeDynamoDBClient, orders: str) -> None:
    found = fake.query(
        TableName=orders,
        KeyConditionExpression="pk = :a",
        FilterExpression="v >= :v",
        ExpressionAttributeValues={":a": {"S": "a"}, ":v": {"N": "40"}},
        Select="COUNT",
    )
    assert "Items" not in dict(found)
    assert (found["Count"], found["ScannedCount"]) == (2, 5)


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_projection_expression_selects_attributes(
    fake: FakeDynamoDBClient, orders: str, operation: str
) -> None:
    found = _read(fake, operation, ProjectionExpression="v", Select="SPECIFIC_ATTRIBUTES")
    items = found["Items"]
    assert isinstance(items, list)
    assert {"v": {"N": "0"}} in items
    assert all(item.keys() == {"v"} for item in items)


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_attributes_to_get_selects_attributes(
    fake: FakeDynamoDBClient, orders: str, operation: str
) -> None:
    request: dict[str, object] = {"TableName": orders, "AttributesToGet": ["sk", "nosuch"]}
    if operation == "query":
        request["KeyConditions"] = {
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "b"}]}
        }
    found = getattr(fake, operation)(**request)
    assert {"sk": {"N": "1"}} in found["Items"]
    assert all(set(item) == {"sk"} for item in found["Items"])


@pytest.mark.parametrize(
    ("operation", "prefix"), [("query", "1 validation error detected: "), ("scan", "")]
)
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"Select": "ALL_ATTRIBUTES", "ProjectionExpression": "v"},
            "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
        ),
        (
            {"Select": "COUNT", "ProjectionExpression": "v"},
            "Cannot specify the ProjectionExpression when choosing to get only the Count",
        ),
        (
            {"Select": "SPECIFIC_ATTRIBUTES"},
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES",
        ),
        (
            {"Select": "ALL_PROJECTED_ATTRIBUTES"},
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
        ),
    ],
)
def test_select_rules(  # noqa: PLR0917 - fixtures and parametrised cases
    fake: FakeDynamoDBClient,
    orders: str,
    refuses: Refuses,
    operation: str,
    prefix: str,
    extra: dict[str, object],
    message: str,
) -> None:
    with refuses(prefix + message):
        _read(fake, operation, **extra)


@pytest.mark.parametrize(
    ("operation", "prefix"), [("query", "1 validation error detected: "), ("scan", "")]
)
def test_attributes_to_get_with_another_select_is_refused(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses, operation: str, prefix: str
) -> None:
    request: dict[str, object] = {"TableName": orders, "AttributesToGet": ["v"], "Select": "COUNT"}
    if operation == "query":
        request["KeyConditions"] = {
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "b"}]}
        }
    with refuses(prefix + "Cannot specify the AttributesToGet when choosing to get only the Count"):
        getattr(fake, operation)(**request)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "sk > :x",
            "Filter Expression can only contain non-primary key attributes: "
            "Primary key attribute: sk",
        ),
        (
            "attribute_exists(pk.x)",
            "Filter Expression can only contain non-primary key attributes: "
            "Primary key attribute: pk",
        ),
    ],
)
def test_query_filter_may_not_name_key_attributes(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses, expression: str, message: str
) -> None:
    values: dict[str, AttributeValueTypeDef] = {":a": {"S": "a"}}
    if ":x" in expression:
        values[":x"] = {"N": "1"}
    with refuses(message):
        fake.query(
            TableName=orders,
            KeyConditionExpression="pk = :a",
            FilterExpression=expression,
            ExpressionAttributeValues=values,
        )


def test_legacy_query_filter_may_not_name_key_attributes(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    with refuses(
        "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk"
    ):
        fake.query(
            TableName=orders,
            KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}},
            QueryFilter={"sk": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]}},
        )


def test_scan_filter_may_name_key_attributes(fake: FakeDynamoDBClient, orders: str) -> None:
    found = fake.scan(
        TableName=orders, FilterExpression="sk > :x", ExpressionAttributeValues={":x": {"N": "4"}}
    )
    assert found["Items"] == [{"pk": {"S": "a"}, "sk": {"N": "5"}, "v": {"N": "50"}}]


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_projection_may_not_reach_inside_a_key_attribute(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses, operation: str
) -> None:
    with refuses(
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: Key: sk"
    ):
        _read(fake, operation, ProjectionExpression="sk[0]")


def test_legacy_filters_with_conditional_operator(fake: FakeDynamoDBClient, orders: str) -> None:
    found = fake.scan(
        TableName=orders,
        ScanFilter={
            "v": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "15"}]},
            "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "5"}]},
        },
        ConditionalOperator="OR",
    )
    assert sorted(item["v"]["N"] for item in found["Items"]) == ["0", "10", "50"]


def test_expression_and_legacy_parameters_do_not_mix(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    with refuses(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}"
    ):
        fake.scan(
            TableName=orders,
            FilterExpression="v > :v",
            ExpressionAttributeValues={":v": {"N": "1"}},
            ScanFilter={"v": {"ComparisonOperator": "NOT_NULL"}},
        )
