"""Read scenarios: Query and Scan over tables of a fixed size.

``query_50_of_100k`` and ``query_50_of_1k`` query one partition of 50 items in
a table of 100,000 and of 1,000 items: a Query's cost should grow with the
items it returns, not with the table. ``scan_filter_10k`` scans 10,000 items
with a filter that keeps one in ten. Tables are loaded through
:func:`benchmarks.loading.load_items`, so only the reads are timed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from benchmarks.loading import load_items
from benchmarks.scenarios import Scenario, _create_table
from dynantic import DynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

__all__ = ["READ_SCENARIOS"]

TABLE = "reads"
PARTITION_SIZE = 50


def _items(count: int) -> Iterator[dict[str, AttributeValueTypeDef]]:
    """``count`` orders, 50 to a customer (partition)."""
    partitions = max(1, count // PARTITION_SIZE)
    for i in range(count):
        yield {
            "pk": {"S": f"user#{i % partitions}"},
            "sk": {"S": f"order#{i:08d}"},
            "status": {"S": "open" if i % 10 else "paid"},
            "total": {"N": str(i)},
            "note": {"S": "a short note about the order"},
        }


def _prepare(count: int) -> Scenario:
    def prepare(client: DynamoDBClient, calls: int) -> None:
        del calls
        _create_table(client, TABLE)
        load_items(client, TABLE, _items(count))

    def query(client: DynamoDBClient, i: int) -> object:
        partitions = max(1, count // PARTITION_SIZE)
        found = client.query(
            TableName=TABLE,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": f"user#{(i * 7919) % partitions}"}},
        )
        assert found["Count"] == PARTITION_SIZE
        return found

    return Scenario(f"query_50_of_{_size(count)}", prepare, query, max_calls=3)


def _size(count: int) -> str:
    return f"{count // 1000}k"


def _prepare_scan(client: DynamoDBClient, calls: int) -> None:
    del calls
    _create_table(client, TABLE)
    load_items(client, TABLE, _items(10_000))


def _scan(client: DynamoDBClient, i: int) -> object:
    del i
    found = client.scan(
        TableName=TABLE,
        FilterExpression="#s = :paid",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":paid": {"S": "paid"}},
    )
    assert (found["Count"], found["ScannedCount"]) == (1000, 10_000)
    return found


READ_SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        _prepare(100_000),
        _prepare(1_000),
        Scenario("scan_filter_10k", _prepare_scan, _scan, max_calls=5),
    )
}
