"""Writing many items in batches, sending back what DynamoDB leaves unprocessed.

BatchWriteItem may answer with part of its requests in ``UnprocessedItems``
(throttling, or a partition over its throughput); the caller sends those again,
backing off between attempts. The stubs type the answer's map with the output
TypedDicts and the request's with the ``*UnionTypeDef`` input ones, so the
retried map is annotated with the input type it is passed as.

Run it (against an in-memory DynamoDB that leaves two requests unprocessed on
the first call): ``python examples/batch_retry.py``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dynantic import get_client, using_client
from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, WriteRequestUnionTypeDef

BATCH_SIZE = 25  # BatchWriteItem's limit
MAX_ATTEMPTS = 8


def put_all(table: str, items: Sequence[Mapping[str, AttributeValueTypeDef]]) -> int:
    """Put every item, 25 per call, sending unprocessed requests again with
    exponential backoff; the number of calls it took."""
    client = get_client()
    calls = 0
    for start in range(0, len(items), BATCH_SIZE):
        pending: dict[str, Sequence[WriteRequestUnionTypeDef]] = {
            table: [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH_SIZE]]
        }
        for attempt in range(MAX_ATTEMPTS):
            calls += 1
            answer = client.batch_write_item(RequestItems=pending)
            pending = dict(answer.get("UnprocessedItems", {}))
            if not pending:
                break
            time.sleep(min(0.05 * 2**attempt, 1.0))
        else:
            raise RuntimeError(f"{sum(map(len, pending.values()))} writes left unprocessed")
    return calls


def main() -> None:
    fake = FakeDynamoDBClient()
    fake.add_tables(events="pk")
    fake.faults.leave_unprocessed(operation="batch_write_item", count=2)
    items: list[dict[str, AttributeValueTypeDef]] = [
        {"pk": {"S": f"event#{i:03d}"}, "n": {"N": str(i)}} for i in range(60)
    ]
    with using_client(fake):
        calls = put_all("events", items)
    print(f"{len(fake.table_items('events'))} items written in {calls} calls")


if __name__ == "__main__":
    main()
