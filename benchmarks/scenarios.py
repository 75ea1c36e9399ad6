"""What is measured: each scenario prepares a table, then times one kind of call.

The items and keys the calls send are built while preparing, so that only the
calls themselves are timed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dynantic import DynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

__all__ = ["SCENARIOS", "Scenario"]

TABLE = "bench"


def _create_table(client: DynamoDBClient, name: str = TABLE) -> None:
    """Create the table of orders ``name`` (keys ``pk`` and ``sk``) and wait
    until it is ACTIVE: dynalite, like the service, refuses writes to a table
    still CREATING, if only for a moment."""
    client.create_table(
        TableName=name,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    deadline = time.monotonic() + 10
    while client.describe_table(TableName=name)["Table"].get("TableStatus") != "ACTIVE":
        if time.monotonic() > deadline:
            raise TimeoutError(f"table {name} did not become ACTIVE")
        time.sleep(0.001)


def _item(i: int) -> dict[str, AttributeValueTypeDef]:
    """Order ``i`` (built once; see :func:`_build_requests`)."""
    return _ITEMS[i] if i < len(_ITEMS) else _new_item(i)


def _key(i: int) -> dict[str, AttributeValueTypeDef]:
    """The key of order ``i`` (built once; see :func:`_build_requests`)."""
    return _KEYS[i] if i < len(_KEYS) else _new_key(i)


_ITEMS: list[dict[str, AttributeValueTypeDef]] = []
_KEYS: list[dict[str, AttributeValueTypeDef]] = []


def _build_requests(count: int) -> None:
    """Build the first ``count`` items and keys ahead of the timed calls."""
    while len(_ITEMS) < count:
        i = len(_ITEMS)
        _ITEMS.append(_new_item(i))
        _KEYS.append(_new_key(i))


def _new_item(i: int) -> dict[str, AttributeValueTypeDef]:
    return {
        "pk": {"S": f"user#{i % 100}"},
        "sk": {"S": f"order#{i:08d}"},
        "status": {"S": "open"},
        "total": {"N": str(i)},
        "note": {"S": "a short note about the order"},
    }


def _new_key(i: int) -> dict[str, AttributeValueTypeDef]:
    return {"pk": {"S": f"user#{i % 100}"}, "sk": {"S": f"order#{i:08d}"}}


def _seed(client: DynamoDBClient, count: int) -> None:
    for i in range(count):
        client.put_item(TableName=TABLE, Item=_item(i))


@dataclass(frozen=True)
class Scenario:
    """``prepare(client, n)`` builds the state; ``call(client, i)`` is what is timed.

    ``backends`` limits the scenario to some backends (``None``: all of them);
    ``max_calls`` caps the calls per round for scenarios whose calls take seconds
    on the slowest backend.
    """

    name: str
    prepare: Callable[[DynamoDBClient, int], None]
    call: Callable[[DynamoDBClient, int], object]
    backends: tuple[str, ...] | None = None
    max_calls: int | None = None


def _put(client: DynamoDBClient, i: int) -> object:
    return client.put_item(TableName=TABLE, Item=_item(i))


def _get(client: DynamoDBClient, i: int) -> object:
    return client.get_item(TableName=TABLE, Key=_key(i))


def _update(client: DynamoDBClient, i: int) -> object:
    return client.update_item(
        TableName=TABLE,
        Key=_key(i),
        UpdateExpression="SET #s = :s ADD visits :one",
        ConditionExpression="attribute_exists(pk) AND #s <> :closed",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "paid"}, ":one": {"N": "1"}, ":closed": {"S": "x"}},
    )


def _delete(client: DynamoDBClient, i: int) -> object:
    return client.delete_item(
        TableName=TABLE,
        Key=_key(i),
        ConditionExpression="attribute_exists(pk)",
    )


def _prepare_empty(client: DynamoDBClient, count: int) -> None:
    _build_requests(count)
    _create_table(client)


def _prepare_seeded(client: DynamoDBClient, count: int) -> None:
    _build_requests(count)
    _create_table(client)
    _seed(client, count)


SCENARIOS: dict[str, Scenario] = {
    "put_item": Scenario("put_item", _prepare_empty, _put),
    "get_item": Scenario("get_item", _prepare_seeded, _get),
    "update_item": Scenario("update_item", _prepare_seeded, _update),
    "delete_item": Scenario("delete_item", _prepare_seeded, _delete),
}
