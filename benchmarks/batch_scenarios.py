"""Scenarios of many items per call: a 25-item BatchWriteItem and a 10-action
TransactWriteItems (dynalite has no transactions, so that one skips it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.scenarios import TABLE, Scenario, _create_table, _item, _key
from dynantic import DynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef, WriteRequestTypeDef

__all__ = ["BATCH_SCENARIOS"]

BATCH_SIZE = 25
TRANSACTION_SIZE = 10
_WITH_TRANSACTIONS = ("fake", "fake-boto3", "fake-http", "moto")


# Requests are built ahead of the timed calls, as the single-item scenarios do.
_BATCHES: list[list[WriteRequestTypeDef]] = []
_TRANSACTIONS: list[list[TransactWriteItemTypeDef]] = []


def _prepare_batches(client: DynamoDBClient, calls: int) -> None:
    _create_table(client)
    while len(_BATCHES) < calls:
        first = len(_BATCHES) * BATCH_SIZE
        _BATCHES.append(
            [{"PutRequest": {"Item": _item(n)}} for n in range(first, first + BATCH_SIZE)]
        )


def _prepare_transactions(client: DynamoDBClient, calls: int) -> None:
    _create_table(client)
    while len(_TRANSACTIONS) < calls:
        _TRANSACTIONS.append(_actions(len(_TRANSACTIONS) * TRANSACTION_SIZE))


def _batch_write(client: DynamoDBClient, i: int) -> object:
    written = client.batch_write_item(RequestItems={TABLE: _BATCHES[i]})
    assert not written["UnprocessedItems"]
    return written


def _actions(first: int) -> list[TransactWriteItemTypeDef]:
    """Four puts, four counter updates, a delete and a condition check, each on its own item."""
    n = range(first, first + TRANSACTION_SIZE)
    actions: list[TransactWriteItemTypeDef] = [
        {"Put": {"TableName": TABLE, "Item": _item(n[k])}} for k in range(4)
    ]
    actions.extend(
        {
            "Update": {
                "TableName": TABLE,
                "Key": _key(n[k]),
                "UpdateExpression": "ADD visits :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }
        }
        for k in range(4, 8)
    )
    actions.append({"Delete": {"TableName": TABLE, "Key": _key(n[8])}})
    actions.append(
        {
            "ConditionCheck": {
                "TableName": TABLE,
                "Key": _key(n[9]),
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        }
    )
    return actions


def _transact_write(client: DynamoDBClient, i: int) -> object:
    return client.transact_write_items(TransactItems=_TRANSACTIONS[i])


BATCH_SCENARIOS: dict[str, Scenario] = {
    "batch_write_item_25": Scenario("batch_write_item_25", _prepare_batches, _batch_write),
    "transact_write_items_10": Scenario(
        "transact_write_items_10", _prepare_transactions, _transact_write, _WITH_TRANSACTIONS
    ),
}
