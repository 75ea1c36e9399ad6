"""TransactWriteItems' ClientRequestToken: one effect per token for 10 minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import SIMPLE, Refuses, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

ADD_ONE: list[TransactWriteItemTypeDef] = [
    {
        "Update": {
            "TableName": SIMPLE,
            "Key": {"pk": {"S": "a"}},
            "UpdateExpression": "ADD n :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }
]


def counter(fake: FakeDynamoDBClient) -> object:
    return fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}).get("Item", {}).get("n")


def test_the_same_token_and_parameters_apply_once(fake: FakeDynamoDBClient) -> None:
    for _ in range(3):
        answered = fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
        assert answer(answered) == {}
    assert counter(fake) == {"N": "1"}


def test_the_same_token_with_other_parameters_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    other: list[TransactWriteItemTypeDef] = [
        {"Put": {"TableName": SIMPLE, "Item": {"pk": {"S": "b"}}}}
    ]
    with refuses(
        "IdempotentParameterMismatchException",
        "Request with the same client token has different parameters",
    ):
        fake.transact_write_items(TransactItems=other, ClientRequestToken="t1")


def test_a_token_names_nothing_after_10_minutes_of_the_fakes_clock(
    fake: FakeDynamoDBClient,
) -> None:
    fake.clock.freeze()
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    fake.clock.shift(599)
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    assert counter(fake) == {"N": "1"}
    fake.clock.shift(1)
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    assert counter(fake) == {"N": "2"}
    other: list[TransactWriteItemTypeDef] = [
        {"Put": {"TableName": SIMPLE, "Item": {"pk": {"S": "b"}}}}
    ]
    fake.clock.shift(600)
    fake.transact_write_items(TransactItems=other, ClientRequestToken="t1")


def test_a_cancelled_transaction_leaves_no_token(fake: FakeDynamoDBClient) -> None:
    guarded: list[TransactWriteItemTypeDef] = [
        {"Update": {**ADD_ONE[0]["Update"], "ConditionExpression": "attribute_exists(pk)"}}
    ]
    with pytest.raises(fake.exceptions.TransactionCanceledException):
        fake.transact_write_items(TransactItems=guarded, ClientRequestToken="t1")
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}})
    fake.transact_write_items(TransactItems=guarded, ClientRequestToken="t1")
    assert counter(fake) == {"N": "1"}


def test_a_repeated_call_reports_the_capacity_of_reading_the_items(
    fake: FakeDynamoDBClient,
) -> None:
    first = fake.transact_write_items(
        TransactItems=ADD_ONE, ClientRequestToken="t1", ReturnConsumedCapacity="TOTAL"
    )
    again = fake.transact_write_items(
        TransactItems=ADD_ONE, ClientRequestToken="t1", ReturnConsumedCapacity="TOTAL"
    )
    assert first.get("ConsumedCapacity") == [
        {"TableName": SIMPLE, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}
    ]
    assert again.get("ConsumedCapacity") == [
        {"TableName": SIMPLE, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}
    ]


def test_a_repeated_delete_is_charged_on_the_item_it_deleted(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"S": "x" * 9000}})
    delete: list[TransactWriteItemTypeDef] = [
        {"Delete": {"TableName": SIMPLE, "Key": {"pk": {"S": "a"}}}}
    ]
    capacities = [
        fake.transact_write_items(
            TransactItems=delete, ClientRequestToken="t1", ReturnConsumedCapacity="INDEXES"
        ).get("ConsumedCapacity")
        for _ in range(2)
    ]
    assert capacities == [
        [
            {
                "TableName": SIMPLE,
                "CapacityUnits": 18.0,
                "WriteCapacityUnits": 18.0,
                "Table": {"CapacityUnits": 18.0, "WriteCapacityUnits": 18.0},
            }
        ],
        [
            {
                "TableName": SIMPLE,
                "CapacityUnits": 6.0,
                "ReadCapacityUnits": 6.0,
                "Table": {"CapacityUnits": 6.0, "ReadCapacityUnits": 6.0},
            }
        ],
    ]


def test_reset_forgets_the_tokens_and_snapshots_keep_them(fake: FakeDynamoDBClient) -> None:
    saved = fake.snapshot()
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    with_token = fake.snapshot()
    fake.restore(saved)
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    assert counter(fake) == {"N": "1"}
    fake.restore(with_token)
    fake.transact_write_items(TransactItems=ADD_ONE, ClientRequestToken="t1")
    assert counter(fake) == {"N": "1"}


def test_the_python_client_sends_no_token_unless_given_one(fake: FakeDynamoDBClient) -> None:
    # A token the client drew at random could never be repeated, so the fake's
    # client leaves it out: each call without a token is a new transaction.
    fake.transact_write_items(TransactItems=ADD_ONE)
    fake.transact_write_items(TransactItems=ADD_ONE)
    assert counter(fake) == {"N": "2"}
    assert "ClientRequestToken" not in fake.calls.last.params
