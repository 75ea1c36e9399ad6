"""Pages: Limit, the 1 MB cut, LastEvaluatedKey, ExclusiveStartKey and capacity."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import Refuses, create_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, QueryOutputTypeDef

    from dynantic.testing import FakeDynamoDBClient


def _query(fake: FakeDynamoDBClient, **extra: object) -> QueryOutputTypeDef:
    request: dict[str, object] = {
        "TableName": "orders",
        "KeyConditionExpression": "pk = :a",
        "ExpressionAttributeValues": {":a": {"S": "a"}},
    }
    request.update(extra)
    return fake.query(**request)  # type: ignore[arg-type]  # assembled from valid members


def _without_metadata(response: object) -> object:
    assert isinstance(response, dict)
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def test_limit_counts_items_read_before_the_filter(fake: FakeDynamoDBClient, orders: str) -> None:
    found = _query(
        fake,
        FilterExpression="v > :v",
        ExpressionAttributeValues={":a": {"S": "a"}, ":v": {"N": "20"}},
        Limit=3,
    )
    assert _without_metadata(found) == {
        "Items": [{"pk": {"S": "a"}, "sk": {"N": "3"}, "v": {"N": "30"}}],
        "Count": 1,
        "ScannedCount": 3,
        "LastEvaluatedKey": {"pk": {"S": "a"}, "sk": {"N": "3"}},
    }


def test_limit_reached_at_the_last_item_still_gives_a_last_evaluated_key(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    found = _query(fake, Limit=5)
    assert found.get("LastEvaluatedKey") == {"pk": {"S": "a"}, "sk": {"N": "5"}}
    rest = _query(fake, Limit=5, ExclusiveStartKey=found["LastEvaluatedKey"])
    assert _without_metadata(rest) == {"Items": [], "Count": 0, "ScannedCount": 0}


def test_a_page_that_reads_everything_has_no_last_evaluated_key(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    assert "LastEvaluatedKey" not in _query(fake, Limit=6)


def test_exclusive_start_key_resumes_after_it_in_both_directions(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    start: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}, "sk": {"N": "3"}}
    forward = _query(fake, ExclusiveStartKey=start)
    backward = _query(fake, ExclusiveStartKey=start, ScanIndexForward=False)
    assert [i["sk"]["N"] for i in forward["Items"]] == ["4", "5"]
    assert [i["sk"]["N"] for i in backward["Items"]] == ["2", "1"]


def test_a_start_key_of_a_deleted_item_still_resumes_after_its_place(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    fake.delete_item(TableName=orders, Key={"pk": {"S": "a"}, "sk": {"N": "3"}})
    found = _query(fake, ExclusiveStartKey={"pk": {"S": "a"}, "sk": {"N": "3"}})
    assert [i["sk"]["N"] for i in found["Items"]] == ["4", "5"]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ({"pk": {"S": "a"}}, "The provided starting key is invalid"),
        ({"pk": {"S": "a"}, "x": {"N": "1"}}, "The provided starting key is invalid"),
        (
            {"pk": {"S": "a"}, "sk": {"S": "1"}},
            "The provided key element does not match the schema",
        ),
        (
            {"pk": {"N": "1"}, "sk": {"N": "1"}},
            "The provided key element does not match the schema",
        ),
        (
            {"pk": {"S": ""}, "sk": {"N": "1"}},
            "One or more parameter values were invalid: The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: pk",
        ),
        (
            {"pk": {"S": "b"}, "sk": {"N": "1"}},
            "The provided starting key is outside query boundaries based on provided conditions",
        ),
        (
            {"pk": {"S": "a"}, "sk": {"SS": ["x"]}},
            "The provided key element does not match the schema",
        ),
    ],
)
def test_exclusive_start_key_must_be_a_key_within_the_query(
    fake: FakeDynamoDBClient,
    orders: str,
    refuses: Refuses,
    start: dict[str, AttributeValueTypeDef],
    message: str,
) -> None:
    with refuses(message):
        _query(fake, ExclusiveStartKey=start)


def test_start_key_outside_the_sort_condition_is_refused(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    values = {":a": {"S": "a"}, ":x": {"N": "2"}}
    with refuses("The provided starting key does not match the range key predicate"):
        _query(
            fake,
            KeyConditionExpression="pk = :a AND sk > :x",
            ExpressionAttributeValues=values,
            ExclusiveStartKey={"pk": {"S": "a"}, "sk": {"N": "1"}},
        )
    with refuses("The query can return at most one row and cannot be restarted"):
        _query(
            fake,
            KeyConditionExpression="pk = :a AND sk > :x",
            ExpressionAttributeValues=values,
            ExclusiveStartKey={"pk": {"S": "b"}, "sk": {"N": "3"}},
        )


def test_start_key_value_errors_name_the_starting_key(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses
) -> None:
    with refuses(
        "The provided starting key is invalid: Supplied AttributeValue is empty, must contain "
        "exactly one of the supported datatypes"
    ):
        _query(fake, ExclusiveStartKey={"pk": {}, "sk": {"N": "1"}})


def _big_table(fake: FakeDynamoDBClient, count: int, size: int) -> None:
    create_table(fake, "big", types={"pk": "S", "sk": "N"}, range_key="sk")
    for sk in range(count):
        # pk "p" (3 bytes) + sk (2 + 2) + "v" and its value: `size` bytes in all.
        fake.put_item(
            TableName="big",
            Item={"pk": {"S": "p"}, "sk": {"N": str(sk + 10)}, "v": {"S": "x" * (size - 8)}},
        )


def test_a_page_stops_once_one_megabyte_was_read(fake: FakeDynamoDBClient) -> None:
    _big_table(fake, 15, 100_000)
    first = fake.query(
        TableName="big",
        KeyConditionExpression="pk = :p",
        FilterExpression="v = :none",
        ExpressionAttributeValues={":p": {"S": "p"}, ":none": {"S": "-"}},
    )
    # Ten items are 1,000,000 bytes, under 1 MB; the eleventh reaches it.
    assert (first["Count"], first["ScannedCount"]) == (0, 11)
    assert first.get("LastEvaluatedKey") == {"pk": {"S": "p"}, "sk": {"N": "20"}}
    second = fake.query(
        TableName="big",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "p"}},
        ProjectionExpression="sk",
        ExclusiveStartKey=first["LastEvaluatedKey"],
    )
    assert second["ScannedCount"] == 4
    assert "LastEvaluatedKey" not in second


@pytest.mark.parametrize(
    ("consistent", "mode", "expected"),
    [
        (True, "TOTAL", {"CapacityUnits": 2.0}),
        (False, "TOTAL", {"CapacityUnits": 1.0}),
        (True, "INDEXES", {"CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}}),
    ],
)
def test_query_capacity_sums_sizes_then_rounds(
    fake: FakeDynamoDBClient, consistent: bool, mode: str, expected: dict[str, object]
) -> None:
    _big_table(fake, 3, 2000)
    found = fake.query(
        TableName="big",
        KeyConditionExpression="pk = :p",
        FilterExpression="v = :none",
        ExpressionAttributeValues={":p": {"S": "p"}, ":none": {"S": "-"}},
        ConsistentRead=consistent,
        ReturnConsumedCapacity=mode,  # type: ignore[arg-type]  # TOTAL or INDEXES
    )
    assert found.get("ConsumedCapacity") == {"TableName": "big", **expected}


def test_scan_capacity_counts_every_item_read(fake: FakeDynamoDBClient) -> None:
    _big_table(fake, 5, 4000)
    found = fake.scan(TableName="big", Limit=3, ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
    assert found.get("ConsumedCapacity") == {"TableName": "big", "CapacityUnits": 3.0}


def test_no_capacity_unless_asked(fake: FakeDynamoDBClient, orders: str) -> None:
    assert "ConsumedCapacity" not in _query(fake, ReturnConsumedCapacity="NONE")
