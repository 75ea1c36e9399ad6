"""Fixtures for the item operations: a fake with three tables, and a check that a
refused request answers the service's exact error and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient
from tests.table_shapes import indexed_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

SIMPLE = "simple"
"""Partition key ``pk`` (S)."""
SORTED = "sorted"
"""Partition key ``pk`` (S), sort key ``sk`` (N)."""
REPORT = "1 validation error detected: "
"""How PutItem, UpdateItem and DeleteItem begin a request-level refusal: as a
validation report of one error."""
INDEXED = "indexed"
"""Keys ``pk`` (S) and ``sk`` (S); global index ``by-g`` on ``g`` (S) and ``gs`` (N),
keys only; global index ``by-g-include`` on ``g`` including ``extra``; local index
``by-l`` on ``pk`` and ``l`` (N), all attributes."""

Wire = dict[str, "AttributeValueTypeDef"]
Refuses = Callable[..., AbstractContextManager["RefusalInfo"]]


def add_tables(fake: FakeDynamoDBClient) -> None:
    """Create the three tables every item test uses."""
    fake.create_table(
        TableName=SIMPLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.create_table(
        TableName=SORTED,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.create_table(**indexed_table(INDEXED))


@pytest.fixture
def fake() -> FakeDynamoDBClient:
    client = FakeDynamoDBClient()
    add_tables(client)
    return client


def stored_state(fake: FakeDynamoDBClient) -> dict[str, object]:
    """Every table's items (in wire form), after checking each table's invariants."""
    database = fake.service.database
    state: dict[str, object] = {}
    for name, table in sorted(database.tables.items()):
        table.check_invariants()
        state[name] = (fake.table_items(name, wire=True), table.item_count, table.size_bytes)
    return state


class RefusalInfo:
    """The error a refused request raised, once the block has ended."""

    response: dict[str, object]

    def __init__(self) -> None:
        self.response = {}


@pytest.fixture
def refuses(fake: FakeDynamoDBClient) -> Refuses:
    """``with refuses(code, message): call()`` — the call raises exactly that error
    (status 400) and leaves every table as it was; the error's response is kept."""

    @contextmanager
    def check(code: str, message: str) -> Iterator[RefusalInfo]:
        before = stored_state(fake)
        info = RefusalInfo()
        with pytest.raises(ClientError) as raised:
            yield info
        info.response = dict(raised.value.response)
        assert raised.value.response["Error"] == {"Code": code, "Message": message}
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert stored_state(fake) == before

    return check


def answer(response: object) -> dict[str, object]:
    """A response without its ResponseMetadata."""
    assert isinstance(response, dict)
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}
