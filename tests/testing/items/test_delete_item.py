"""DeleteItem: what it removes and answers, and what it refuses."""

from __future__ import annotations

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, REPORT, SIMPLE, SORTED, Refuses, answer


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"S": "x"}})
    return fake


def test_delete_item_removes_the_item_and_answers_nothing(stored: FakeDynamoDBClient) -> None:
    assert answer(stored.delete_item(TableName=SIMPLE, Key={"pk": {"S": "a"}})) == {}
    assert stored.table_items(SIMPLE) == []
    assert stored.service.database.table(SIMPLE).size_bytes == 0


def test_delete_item_return_values_all_old_returns_the_deleted_item(
    stored: FakeDynamoDBClient,
) -> None:
    deleted = stored.delete_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert answer(deleted) == {"Attributes": {"pk": {"S": "a"}, "v": {"S": "x"}}}


def test_delete_item_of_a_missing_item_succeeds_with_nothing(fake: FakeDynamoDBClient) -> None:
    deleted = fake.delete_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert answer(deleted) == {}


@pytest.mark.parametrize("mode", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
def test_delete_item_return_values_refuses_every_mode_but_none_and_all_old(
    stored: FakeDynamoDBClient, refuses: Refuses, mode: str
) -> None:
    with refuses("ValidationException", REPORT + "ReturnValues can only be ALL_OLD or NONE"):
        stored.delete_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnValues=mode)  # type: ignore[arg-type]  # the stubs allow every mode; the service does not


def test_delete_item_checks_return_values_before_the_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", REPORT + "ReturnValues can only be ALL_OLD or NONE"):
        fake.delete_item(TableName="missing", Key={"pk": {"S": "a"}}, ReturnValues="ALL_NEW")


def test_delete_item_with_a_failed_condition_keeps_the_item(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", "The conditional request failed") as error:
        stored.delete_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            ConditionExpression="v = :other",
            ExpressionAttributeValues={":other": {"S": "y"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error.response["Item"] == {"pk": {"S": "a"}, "v": {"S": "x"}}


def test_delete_item_with_a_holding_condition_deletes(stored: FakeDynamoDBClient) -> None:
    stored.delete_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        ConditionExpression="begins_with(#v, :x)",
        ExpressionAttributeNames={"#v": "v"},
        ExpressionAttributeValues={":x": {"S": "x"}},
    )
    assert stored.table_items(SIMPLE) == []


def test_delete_item_condition_on_a_missing_item_sees_no_attributes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", "The conditional request failed") as error:
        fake.delete_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            ConditionExpression="attribute_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert "Item" not in error.response


def test_delete_item_refuses_a_key_without_the_sort_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "The provided key element does not match the schema"):
        fake.delete_item(TableName=SORTED, Key={"pk": {"S": "a"}})


def test_delete_item_refuses_an_empty_binary_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.create_table(
        TableName="binary",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "B"}],
        BillingMode="PAY_PER_REQUEST",
    )
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty binary value. Key: pk",
    ):
        fake.delete_item(TableName="binary", Key={"pk": {"B": b""}})


def test_delete_item_removes_the_item_from_its_indexes(fake: FakeDynamoDBClient) -> None:
    key = {"pk": {"S": "a"}, "sk": {"S": "1"}}
    fake.put_item(
        TableName=INDEXED, Item={**key, "g": {"S": "x"}, "gs": {"N": "1"}, "l": {"N": "2"}}
    )
    fake.delete_item(TableName=INDEXED, Key=key)
    table = fake.service.database.table(INDEXED)
    assert [index.item_count for index in table.indexes.values()] == [0, 0, 0]
    table.check_invariants()
