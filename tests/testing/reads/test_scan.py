"""Scan: order, paging, parallel segments and their validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing.engine.partitions import partition_token

from .conftest import Refuses, create_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing import FakeDynamoDBClient


def _keys(items: list[dict[str, AttributeValueTypeDef]]) -> list[tuple[str, str]]:
    return [(item["pk"].get("S", ""), item["sk"].get("N", "")) for item in items]


def test_scan_visits_partitions_in_token_order_then_sort_key(
    fake: FakeDynamoDBClient, orders: str
) -> None:
    found = fake.scan(TableName=orders)
    expected = sorted(
        [("a", str(sk)) for sk in range(1, 6)] + [("b", "1")],
        key=lambda key: (partition_token(key[0]), int(key[1])),
    )
    assert _keys(found["Items"]) == expected
    assert (found["Count"], found["ScannedCount"]) == (6, 6)


def test_scan_pages_cover_the_table_once_in_order(fake: FakeDynamoDBClient, orders: str) -> None:
    whole = _keys(fake.scan(TableName=orders)["Items"])
    seen: list[tuple[str, str]] = []
    start: dict[str, AttributeValueTypeDef] | None = None
    while True:
        page = (
            fake.scan(TableName=orders, Limit=2, ExclusiveStartKey=start)
            if start
            else fake.scan(TableName=orders, Limit=2)
        )
        seen += _keys(page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        start = page["LastEvaluatedKey"]
    assert seen == whole


def test_parallel_scan_segments_partition_the_table(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "users", types={"pk": "S"})
    for i in range(200):
        fake.put_item(TableName="users", Item={"pk": {"S": f"u{i}"}})
    seen: list[str] = []
    for segment in range(7):
        page = fake.scan(TableName="users", Segment=segment, TotalSegments=7)
        seen += [item["pk"].get("S", "") for item in page["Items"]]
    assert sorted(seen) == sorted(f"u{i}" for i in range(200))


def test_a_segment_start_key_must_belong_to_the_segment(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create_table(fake, "users", types={"pk": "S"})
    for i in range(20):
        fake.put_item(TableName="users", Item={"pk": {"S": f"u{i}"}})
    first = fake.scan(TableName="users", Segment=1, TotalSegments=2)["Items"][0]
    with refuses(
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
        "ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0"
    ):
        fake.scan(TableName="users", Segment=0, TotalSegments=2, ExclusiveStartKey=first)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"Segment": 0},
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present",
        ),
        (
            {"TotalSegments": 4},
            "The Segment parameter is required but was not present in the request when parameter "
            "TotalSegments is present",
        ),
        (
            {"Segment": 5, "TotalSegments": 5},
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            "Segment: 5 is not less than TotalSegments: 5",
        ),
    ],
)
def test_segment_rules(
    fake: FakeDynamoDBClient, orders: str, refuses: Refuses, extra: dict[str, int], message: str
) -> None:
    with refuses(message):
        fake.scan(TableName=orders, **extra)  # type: ignore[arg-type]  # Segment / TotalSegments


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            {"pk": {"S": "a"}},
            "The provided starting key is invalid: The provided key element does not match the "
            "schema",
        ),
        (
            {"pk": {"S": "a"}, "x": {"N": "1"}},
            "The provided starting key is invalid: The provided key element does not match the "
            "schema",
        ),
        (
            {"pk": {"S": "a"}, "sk": {"S": "1"}},
            "The provided starting key is invalid: The provided key element does not match the "
            "schema",
        ),
    ],
)
def test_scan_start_key_must_be_a_table_key(
    fake: FakeDynamoDBClient,
    orders: str,
    refuses: Refuses,
    start: dict[str, AttributeValueTypeDef],
    message: str,
) -> None:
    with refuses(message):
        fake.scan(TableName=orders, ExclusiveStartKey=start)


def test_scan_of_a_hash_only_table_resumes_after_a_deleted_key(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "users", types={"pk": "S"})
    for i in range(10):
        fake.put_item(TableName="users", Item={"pk": {"S": f"u{i}"}})
    whole = [item["pk"] for item in fake.scan(TableName="users")["Items"]]
    fake.delete_item(TableName="users", Key={"pk": whole[3]})
    rest = fake.scan(TableName="users", ExclusiveStartKey={"pk": whole[3]})
    assert [item["pk"] for item in rest["Items"]] == whole[4:]


def test_scan_with_consistent_read_on_a_global_index_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create_table(
        fake,
        "users",
        types={"pk": "S", "g": "S"},
        global_indexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    with refuses("Consistent reads are not supported on global secondary indexes"):
        fake.scan(TableName="users", IndexName="by-g", ConsistentRead=True)
