"""Query and Scan on secondary indexes: projections, fetches, keys and multi-attribute keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import Refuses, create_table, key_schema

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, ConditionTypeDef

    from dynantic.testing import FakeDynamoDBClient


@pytest.fixture
def indexed(fake: FakeDynamoDBClient) -> str:
    """``indexed``: a KEYS_ONLY GSI on (g, gs), an INCLUDE GSI on g and a KEYS_ONLY LSI on l."""
    create_table(
        fake,
        "indexed",
        types={"pk": "S", "sk": "S", "g": "S", "gs": "N", "l": "N"},
        range_key="sk",
        global_indexes=[
            {
                "IndexName": "by-g",
                "KeySchema": key_schema(["g"], ["gs"]),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            },
            {
                "IndexName": "by-g-include",
                "KeySchema": key_schema(["g"], []),
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["extra"]},
            },
        ],
        local_indexes=[
            {
                "IndexName": "by-l",
                "KeySchema": key_schema(["pk"], ["l"]),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    for sk, gs, local, extra in (
        ("1", "2", "9", "e1"),
        ("2", "1", "3", "e2"),
        ("3", "1", "5", "e3"),
    ):
        fake.put_item(
            TableName="indexed",
            Item={
                "pk": {"S": "a"},
                "sk": {"S": sk},
                "g": {"S": "x"},
                "gs": {"N": gs},
                "l": {"N": local},
                "extra": {"S": extra},
                "payload": {"S": "o" * 5000},
            },
        )
    fake.put_item(TableName="indexed", Item={"pk": {"S": "a"}, "sk": {"S": "4"}})
    return "indexed"


def _query_g(fake: FakeDynamoDBClient, index: str = "by-g", **extra: object) -> dict[str, object]:
    request: dict[str, object] = {
        "TableName": "indexed",
        "IndexName": index,
        "KeyConditionExpression": "g = :x",
        "ExpressionAttributeValues": {":x": {"S": "x"}},
        **extra,
    }
    response = fake.query(**request)  # type: ignore[arg-type]  # assembled from valid members
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def test_global_index_orders_by_index_sort_key_then_table_key(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    assert _query_g(fake) == {
        "Items": [
            {"pk": {"S": "a"}, "sk": {"S": "2"}, "g": {"S": "x"}, "gs": {"N": "1"}},
            {"pk": {"S": "a"}, "sk": {"S": "3"}, "g": {"S": "x"}, "gs": {"N": "1"}},
            {"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "x"}, "gs": {"N": "2"}},
        ],
        "Count": 3,
        "ScannedCount": 3,
    }


def test_index_pages_carry_index_and_table_keys(fake: FakeDynamoDBClient, indexed: str) -> None:
    first = _query_g(fake, Limit=1)
    last_key = first["LastEvaluatedKey"]
    assert last_key == {"pk": {"S": "a"}, "sk": {"S": "2"}, "g": {"S": "x"}, "gs": {"N": "1"}}
    rest = _query_g(fake, ExclusiveStartKey=last_key)
    assert [item["sk"] for item in rest["Items"]] == [{"S": "3"}, {"S": "1"}]  # type: ignore[attr-defined]  # a list of items


def test_include_projection_returns_keys_and_included_attributes(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    found = _query_g(fake, "by-g-include")
    assert [sorted(item) for item in found["Items"]] == [["extra", "g", "pk", "sk"]] * 3  # type: ignore[attr-defined]  # a list of items


def test_sparse_index_holds_only_items_with_its_keys(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    found = fake.scan(TableName=indexed, IndexName="by-g")
    assert sorted(item["sk"].get("S", "") for item in found["Items"]) == ["1", "2", "3"]


def test_unknown_index_is_refused(fake: FakeDynamoDBClient, indexed: str, refuses: Refuses) -> None:
    with refuses("The table does not have the specified index: nosuch"):
        _query_g(fake, "nosuch")


@pytest.mark.parametrize(
    "case",
    [("by-g", "g = :x", "g"), ("by-l", "pk = :x", "pk"), (None, "pk = :x", None)],
)
def test_an_empty_key_value_in_a_query_names_the_index_it_keys(
    fake: FakeDynamoDBClient,
    indexed: str,
    refuses: Refuses,
    case: tuple[str | None, str, str | None],
) -> None:
    index, expression, name = case
    request: dict[str, object] = {
        "TableName": indexed,
        "KeyConditionExpression": expression,
        "ExpressionAttributeValues": {":x": {"S": ""}},
    }
    expected = (
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk"
    )
    if index is not None:
        request["IndexName"] = index
        expected = (
            "One or more parameter values are not valid. A value specified for a secondary index "
            "key is not supported. The AttributeValue for a key attribute cannot contain an "
            f"empty string value. IndexName: {index}, IndexKey: {name}"
        )
    with refuses(expected):
        fake.query(**request)  # type: ignore[arg-type]  # assembled from valid members


def test_consistent_read_on_a_global_index_is_refused(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses("Consistent reads are not supported on global secondary indexes"):
        _query_g(fake, ConsistentRead=True)


def test_all_attributes_on_a_partial_global_index_is_refused(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses(
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index by-g because its projection type is not ALL"
    ):
        _query_g(fake, Select="ALL_ATTRIBUTES")


def test_projecting_what_a_global_index_lacks_is_refused(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses(
        "One or more parameter values were invalid: Global secondary index by-g does not project "
        "[payload, extra]"
    ):
        _query_g(fake, ProjectionExpression="pk, payload, extra")


def test_filtering_on_what_a_global_index_lacks_is_refused(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses(
        "One or more parameter values were invalid: Secondary index by-g does not project one or "
        "more filter attributes: [payload]"
    ):
        _query_g(
            fake,
            FilterExpression="payload = :o",
            ExpressionAttributeValues={":x": {"S": "x"}, ":o": {"S": "o"}},
        )


def test_query_filter_may_not_name_the_index_keys(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses(
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: gs"
    ):
        _query_g(
            fake,
            FilterExpression="gs = :o",
            ExpressionAttributeValues={":x": {"S": "x"}, ":o": {"N": "1"}},
        )


def test_local_index_fetches_what_it_does_not_project_at_a_table_read_cost(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    common: dict[str, object] = {
        "TableName": indexed,
        "IndexName": "by-l",
        "KeyConditionExpression": "pk = :a",
        "ExpressionAttributeValues": {":a": {"S": "a"}},
        "ReturnConsumedCapacity": "INDEXES",
        "ConsistentRead": True,
    }
    projected = fake.query(**common)  # type: ignore[arg-type]  # assembled from valid members
    assert [item["l"] for item in projected["Items"]] == [{"N": "3"}, {"N": "5"}, {"N": "9"}]
    assert all("payload" not in item for item in projected["Items"])
    assert projected.get("ConsumedCapacity") == {
        "TableName": indexed,
        "CapacityUnits": 1.0,
        "Table": {"CapacityUnits": 0.0},
        "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
    }
    fetched = fake.query(**common, Select="ALL_ATTRIBUTES")  # type: ignore[arg-type]  # as above
    assert all(len(item["payload"].get("S", "")) == 5000 for item in fetched["Items"])
    # Each fetch is a read of its own: three items of about 5 KB cost 2 units
    # each (dynoxide's captures, eu-west-2 2026-08), not 4 for their sum.
    assert fetched.get("ConsumedCapacity") == {
        "TableName": indexed,
        "CapacityUnits": 7.0,
        "Table": {"CapacityUnits": 6.0},
        "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
    }


def test_each_local_index_fetch_is_rounded_on_its_own_item(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    fetched = fake.query(
        TableName=indexed,
        IndexName="by-l",
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        ProjectionExpression="extra",
        ReturnConsumedCapacity="INDEXES",
    )
    assert sorted(item["extra"]["S"] for item in fetched["Items"]) == ["e1", "e2", "e3"]
    # Three items of about 5 KB: 1 unit each, eventually consistent (2 for their sum).
    assert fetched.get("ConsumedCapacity") == {
        "TableName": indexed,
        "CapacityUnits": 3.5,
        "Table": {"CapacityUnits": 3.0},
        "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 0.5}},
    }


def test_global_index_reads_are_charged_to_the_index(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    found = _query_g(fake, ReturnConsumedCapacity="INDEXES")
    assert found["ConsumedCapacity"] == {
        "TableName": indexed,
        "CapacityUnits": 0.5,
        "Table": {"CapacityUnits": 0.0},
        "GlobalSecondaryIndexes": {"by-g": {"CapacityUnits": 0.5}},
    }


def test_index_start_key_must_hold_index_and_table_keys(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses("The provided starting key is invalid"):
        _query_g(fake, ExclusiveStartKey={"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "x"}})
    with refuses(
        "The provided starting key is invalid: The provided key element does not match the schema"
    ):
        _query_g(
            fake,
            ExclusiveStartKey={
                "pk": {"N": "1"},
                "sk": {"S": "1"},
                "g": {"S": "x"},
                "gs": {"N": "1"},
            },
        )


# ---------------------------------------------------------------- multi-attribute keys


@pytest.fixture
def tournaments(fake: FakeDynamoDBClient) -> str:
    """A GSI keyed by (h) and sorted by (a, b, c, d), as in AWS's multi-attribute example."""
    create_table(
        fake,
        "matches",
        types={"pk": "S", "h": "S", "a": "S", "b": "S", "c": "S", "d": "S"},
        global_indexes=[
            {
                "IndexName": "gsi",
                "KeySchema": key_schema(["h"], ["a", "b", "c", "d"]),
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    rows = [
        ("p1", "T", "live", "b", "r1"),
        ("p2", "T", "live", "a", "r2"),
        ("p3", "T", "live", "a", "r1"),
        ("p4", "T", "draft", "c", "r1"),
        ("p5", "F", "live", "a", "r0"),
        ("p6", "T", "live", None, "r1"),
    ]
    for pk, a, b, c, d in rows:
        item: dict[str, AttributeValueTypeDef] = {
            "pk": {"S": pk},
            "h": {"S": "o1"},
            "a": {"S": a},
            "b": {"S": b},
            "d": {"S": d},
        }
        if c is not None:
            item["c"] = {"S": c}
        fake.put_item(TableName="matches", Item=item)
    return "matches"


_VALUES: dict[str, AttributeValueTypeDef] = {
    ":h": {"S": "o1"},
    ":a": {"S": "T"},
    ":b": {"S": "live"},
    ":c": {"S": "a"},
    ":d": {"S": "r"},
    ":x": {"S": "r1"},
}


def _matches(fake: FakeDynamoDBClient, condition: str, **extra: object) -> list[str]:
    values = {key: value for key, value in _VALUES.items() if key in condition}
    found = fake.query(
        TableName="matches",
        IndexName="gsi",
        KeyConditionExpression=condition,
        ExpressionAttributeValues=values,
        **extra,  # type: ignore[arg-type]  # ScanIndexForward and such
    )
    return [item["pk"].get("S", "") for item in found["Items"]]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("h = :h", ["p5", "p4", "p3", "p2", "p1"]),
        ("h = :h AND a = :a", ["p4", "p3", "p2", "p1"]),
        ("h = :h AND a = :a AND b = :b", ["p3", "p2", "p1"]),
        ("b = :b AND h = :h AND a = :a", ["p3", "p2", "p1"]),
        ("h = :h AND a = :a AND b = :b AND c = :c", ["p3", "p2"]),
        ("h = :h AND a = :a AND b = :b AND c > :c", ["p1"]),
        ("h = :h AND a = :a AND b < :b", ["p4"]),
        ("h = :h AND a = :a AND b = :b AND c = :c AND begins_with(d, :d)", ["p3", "p2"]),
        ("h = :h AND a = :a AND b = :b AND c = :c AND d BETWEEN :x AND :x", ["p3"]),
        ("h = :h AND a <= :a", ["p5", "p4", "p3", "p2", "p1"]),
        ("h = :h AND a > :a", []),
    ],
)
def test_multi_attribute_sort_keys_select_left_to_right(
    fake: FakeDynamoDBClient, tournaments: str, condition: str, expected: list[str]
) -> None:
    assert _matches(fake, condition) == expected


def test_multi_attribute_order_reverses(fake: FakeDynamoDBClient, tournaments: str) -> None:
    assert _matches(fake, "h = :h AND a = :a", ScanIndexForward=False) == ["p1", "p2", "p3", "p4"]


def test_multi_attribute_pages_carry_every_key_attribute(
    fake: FakeDynamoDBClient, tournaments: str
) -> None:
    found = fake.query(
        TableName="matches",
        IndexName="gsi",
        KeyConditionExpression="h = :h AND a = :a",
        ExpressionAttributeValues={":h": {"S": "o1"}, ":a": {"S": "T"}},
        Limit=2,
    )
    assert sorted(found.get("LastEvaluatedKey", {})) == ["a", "b", "c", "d", "h", "pk"]
    rest = fake.query(
        TableName="matches",
        IndexName="gsi",
        KeyConditionExpression="h = :h AND a = :a",
        ExpressionAttributeValues={":h": {"S": "o1"}, ":a": {"S": "T"}},
        ExclusiveStartKey=found["LastEvaluatedKey"],
    )
    assert [item["pk"].get("S") for item in rest["Items"]] == ["p2", "p1"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            "h = :h AND a = :a AND c = :c",
            "RANGE key attributes b must have equality conditions specified in the query because "
            "a condition is present on key attribute c",
        ),
        (
            "h = :h AND a = :a AND b > :b AND c = :c",
            "RANGE key attributes b must have equality conditions specified in the query because "
            "a condition is present on key attribute c",
        ),
        (
            "h = :h AND b = :b",
            "RANGE key attributes a must have equality conditions specified in the query because "
            "a condition is present on key attribute b",
        ),
        ("a = :a", "Query condition missed key schema element: h"),
        ("h = :h AND pk = :a", "Query condition missed key schema element: a"),
    ],
)
def test_multi_attribute_key_condition_rules(
    fake: FakeDynamoDBClient, tournaments: str, refuses: Refuses, condition: str, message: str
) -> None:
    with refuses(message):
        _matches(fake, condition)


def test_every_partition_attribute_needs_equality(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create_table(
        fake,
        "multi",
        types={"pk": "S", "h1": "S", "h2": "N"},
        global_indexes=[
            {
                "IndexName": "gsi",
                "KeySchema": key_schema(["h1", "h2"], []),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    fake.put_item(TableName="multi", Item={"pk": {"S": "1"}, "h1": {"S": "x"}, "h2": {"N": "2"}})
    found = fake.query(
        TableName="multi",
        IndexName="gsi",
        KeyConditionExpression="h1 = :x AND h2 = :n",
        ExpressionAttributeValues={":x": {"S": "x"}, ":n": {"N": "2"}},
    )
    assert found["Items"] == [{"pk": {"S": "1"}, "h1": {"S": "x"}, "h2": {"N": "2"}}]
    with refuses("HASH key attributes h2 must have equality conditions specified in the query"):
        fake.query(
            TableName="multi",
            IndexName="gsi",
            KeyConditionExpression="h1 = :x",
            ExpressionAttributeValues={":x": {"S": "x"}},
        )
    with refuses("HASH key attributes h2 must have equality conditions specified in the query"):
        fake.query(
            TableName="multi",
            IndexName="gsi",
            KeyConditionExpression="h1 = :x AND h2 > :n",
            ExpressionAttributeValues={":x": {"S": "x"}, ":n": {"N": "2"}},
        )


def test_scan_of_a_partial_global_index_refuses_all_attributes(
    fake: FakeDynamoDBClient, indexed: str, refuses: Refuses
) -> None:
    with refuses(
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index by-g because its projection type is not ALL"
    ):
        fake.scan(TableName=indexed, IndexName="by-g", Select="ALL_ATTRIBUTES")


def test_scan_of_a_local_index_returns_its_projection_or_fetches(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    projected = fake.scan(TableName=indexed, IndexName="by-l")
    assert [sorted(item) for item in projected["Items"]] == [["l", "pk", "sk"]] * 3
    fetched = fake.scan(TableName=indexed, IndexName="by-l", Select="ALL_ATTRIBUTES")
    assert all("payload" in item for item in fetched["Items"])


def test_a_local_index_scan_filters_the_entry_before_fetching_the_item(
    fake: FakeDynamoDBClient, indexed: str
) -> None:
    # The filter is judged where the index is read, as a Query's refusal of a
    # filter on what a local index does not project (even with ALL_ATTRIBUTES)
    # shows the service judging it: ``extra`` is absent from each entry of by-l
    # although the scan then fetches it with the rest of the item.
    found = fake.scan(
        TableName=indexed,
        IndexName="by-l",
        Select="ALL_ATTRIBUTES",
        FilterExpression="attribute_exists(extra)",
    )
    assert (found["Count"], found["ScannedCount"]) == (0, 3)
    absent = fake.scan(
        TableName=indexed,
        IndexName="by-l",
        Select="ALL_ATTRIBUTES",
        FilterExpression="attribute_not_exists(extra)",
    )
    assert [item["extra"]["S"] for item in absent["Items"]] == ["e2", "e3", "e1"]


def test_legacy_key_conditions_take_one_condition_per_attribute_of_a_multi_attribute_key(
    fake: FakeDynamoDBClient, tournaments: str
) -> None:
    # More than the two conditions a table's key takes (moto's aws_verified
    # test_key_conditions_with_range_keys).
    def equal(name: str) -> ConditionTypeDef:
        return {"ComparisonOperator": "EQ", "AttributeValueList": [_VALUES[name]]}

    found = fake.query(
        TableName=tournaments,
        IndexName="gsi",
        KeyConditions={"h": equal(":h"), "a": equal(":a"), "b": equal(":b")},
    )
    assert [item["pk"].get("S", "") for item in found["Items"]] == ["p3", "p2", "p1"]
