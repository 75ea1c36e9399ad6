"""Concurrent item operations behave as if applied one at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable

from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient

from .conftest import SIMPLE, answer

THREADS = 8


def _in_threads(work: Callable[[int], None]) -> None:
    """Run ``work(thread_number)`` in THREADS threads released together; fail if
    any of them raised."""
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def run(number: int) -> None:
        start.wait()
        try:
            work(number)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_concurrent_add_updates_lose_no_increment(fake: FakeDynamoDBClient) -> None:
    def add(_: int) -> None:
        for _ in range(2000):
            fake.update_item(
                TableName=SIMPLE,
                Key={"pk": {"S": "counter"}},
                UpdateExpression="ADD #counter :one",  # COUNTER is a reserved word
                ExpressionAttributeNames={"#counter": "counter"},
                ExpressionAttributeValues={":one": {"N": "1"}},
            )

    _in_threads(add)
    got = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "counter"}}, ConsistentRead=True)
    assert answer(got) == {"Item": {"pk": {"S": "counter"}, "counter": {"N": "16000"}}}


def test_concurrent_conditional_puts_of_one_key_have_exactly_one_winner(
    fake: FakeDynamoDBClient,
) -> None:
    winners: list[int] = []
    refused: list[str] = []

    def claim(number: int) -> None:
        try:
            fake.put_item(
                TableName=SIMPLE,
                Item={"pk": {"S": "lock"}, "owner": {"N": str(number)}},
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as error:
            refused.append(str(error.response.get("Error", {}).get("Code")))
        else:
            winners.append(number)

    _in_threads(claim)
    assert len(winners) == 1
    assert refused == ["ConditionalCheckFailedException"] * (THREADS - 1)
    assert fake.table_items(SIMPLE) == [{"pk": "lock", "owner": winners[0]}]


def test_concurrent_writes_keep_the_table_consistent(fake: FakeDynamoDBClient) -> None:
    def churn(number: int) -> None:
        for i in range(300):
            key = {"pk": {"S": f"k{(number * 7 + i) % 50}"}}
            if i % 3 == 0:
                fake.delete_item(TableName=SIMPLE, Key=key)
            else:
                fake.update_item(
                    TableName=SIMPLE,
                    Key=key,
                    UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "x" * i}},
                )

    _in_threads(churn)
    fake.service.database.table(SIMPLE).check_invariants()
