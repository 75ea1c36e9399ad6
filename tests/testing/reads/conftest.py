"""Fixtures for the Query and Scan tests: a fake with a few tables, and a check
that a refused read answers the service's exact error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateTableInputTypeDef,
        GlobalSecondaryIndexTypeDef,
        KeySchemaElementTypeDef,
        LocalSecondaryIndexTypeDef,
    )

Refuses = Callable[[str], AbstractContextManager[None]]


@pytest.fixture
def fake() -> FakeDynamoDBClient:
    return FakeDynamoDBClient()


@pytest.fixture
def refuses() -> Refuses:
    """``with refuses(message): call()`` — the call raises a ValidationException
    with exactly that message."""

    @contextmanager
    def check(message: str) -> Iterator[None]:
        with pytest.raises(ClientError) as raised:
            yield
        assert raised.value.response["Error"] == {"Code": "ValidationException", "Message": message}

    return check


def key_schema(hash_keys: list[str], range_keys: list[str]) -> list[KeySchemaElementTypeDef]:
    schema: list[KeySchemaElementTypeDef] = [
        {"AttributeName": n, "KeyType": "HASH"} for n in hash_keys
    ]
    schema.extend({"AttributeName": n, "KeyType": "RANGE"} for n in range_keys)
    return schema


def create_table(
    fake: FakeDynamoDBClient,
    name: str,
    *,
    types: dict[str, ScalarAttributeTypeType],
    hash_key: str = "pk",
    range_key: str | None = None,
    global_indexes: list[GlobalSecondaryIndexTypeDef] | None = None,
    local_indexes: list[LocalSecondaryIndexTypeDef] | None = None,
) -> None:
    """An on-demand table; ``types`` maps every key attribute to S, N or B."""
    definitions: list[AttributeDefinitionTypeDef] = [
        {"AttributeName": n, "AttributeType": t} for n, t in types.items()
    ]
    request: CreateTableInputTypeDef = {
        "TableName": name,
        "KeySchema": key_schema([hash_key], [range_key] if range_key else []),
        "AttributeDefinitions": definitions,
        "BillingMode": "PAY_PER_REQUEST",
    }
    if global_indexes:
        request["GlobalSecondaryIndexes"] = global_indexes
    if local_indexes:
        request["LocalSecondaryIndexes"] = local_indexes
    fake.create_table(**request)


@pytest.fixture
def orders(fake: FakeDynamoDBClient) -> str:
    """``orders``: partition "a" holds sort keys 1..5 (v = 10 * sk), "b" holds 1 (v = 0)."""
    create_table(fake, "orders", types={"pk": "S", "sk": "N"}, range_key="sk")
    for sk in range(1, 6):
        fake.put_item(
            TableName="orders",
            Item={"pk": {"S": "a"}, "sk": {"N": str(sk)}, "v": {"N": str(sk * 10)}},
        )
    fake.put_item(TableName="orders", Item={"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "0"}})
    return "orders"
