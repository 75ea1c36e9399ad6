"""Transactions under many threads: all or nothing, never half seen."""

from __future__ import annotations

import contextlib
import random
import threading
from typing import TYPE_CHECKING

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import SIMPLE

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

ACCOUNTS = 6
START = 100
THREADS = 8
MOVES = 150


def move(source: int, target: int, amount: int) -> list[TransactWriteItemTypeDef]:
    """Take ``amount`` from account ``source`` (if it has that much) to ``target``."""
    return [
        {
            "Update": {
                "TableName": SIMPLE,
                "Key": {"pk": {"S": str(source)}},
                "UpdateExpression": "SET n = n - :a",
                "ConditionExpression": "n >= :a",
                "ExpressionAttributeValues": {":a": {"N": str(amount)}},
            }
        },
        {
            "Update": {
                "TableName": SIMPLE,
                "Key": {"pk": {"S": str(target)}},
                "UpdateExpression": "SET n = n + :a",
                "ExpressionAttributeValues": {":a": {"N": str(amount)}},
            }
        },
    ]


def balances(fake: FakeDynamoDBClient) -> list[int]:
    got = fake.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": SIMPLE, "Key": {"pk": {"S": str(i)}}}} for i in range(ACCOUNTS)
        ]
    )
    return [int(str(entry.get("Item", {}).get("n", {}).get("N"))) for entry in got["Responses"]]


def test_transfers_from_many_threads_keep_the_total_and_readers_never_see_half(
    fake: FakeDynamoDBClient,
) -> None:
    fake.seed({SIMPLE: [{"pk": str(i), "n": START} for i in range(ACCOUNTS)]})
    errors: list[BaseException] = []
    seen_totals: list[int] = []
    writers_done = threading.Event()

    def writer(seed: int) -> None:
        chance = random.Random(seed)
        try:
            for _ in range(MOVES):
                source, target = chance.sample(range(ACCOUNTS), 2)
                # Cancelled when the source holds too little: then nothing moves.
                with contextlib.suppress(fake.exceptions.TransactionCanceledException):
                    fake.transact_write_items(
                        TransactItems=move(source, target, chance.randint(1, 60))
                    )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def reader() -> None:
        while not writers_done.is_set():
            seen = balances(fake)
            seen_totals.append(sum(seen))
            assert min(seen) >= 0

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(THREADS)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writers_done.set()
    watcher.join()
    assert errors == []
    assert seen_totals
    assert set(seen_totals) == {ACCOUNTS * START}
    final = balances(fake)
    assert sum(final) == ACCOUNTS * START
    assert min(final) >= 0


def test_concurrent_transactions_with_one_token_apply_once(fake: FakeDynamoDBClient) -> None:
    fake.seed({SIMPLE: [{"pk": str(i), "n": START} for i in range(2)]})
    barrier = threading.Barrier(THREADS)

    def repeat() -> None:
        barrier.wait()
        fake.transact_write_items(TransactItems=move(0, 1, 10), ClientRequestToken="once")

    threads = [threading.Thread(target=repeat) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake.table_items(SIMPLE) == [{"pk": "0", "n": 90}, {"pk": "1", "n": 110}]
