"""Transaction conflicts on purpose: ``faults.conflict`` cancels transactions as
the service does when one of their items is in another transaction under way."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import ConflictRule, FakeDynamoDBClient
from dynantic.testing.endpoint import Endpoint, HttpRequest

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

CONFLICT = {"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}


def _puts(*user_ids: str) -> list[TransactWriteItemTypeDef]:
    return [{"Put": {"TableName": "users", "Item": {"pk": {"S": user_id}}}} for user_id in user_ids]


def _cancellation(fake: FakeDynamoDBClient, *user_ids: str) -> ClientError:
    with pytest.raises(ClientError) as raised:
        fake.transact_write_items(TransactItems=_puts(*user_ids))
    return raised.value


def test_a_conflict_cancels_the_transaction_naming_the_element_and_changes_nothing(
    fake: FakeDynamoDBClient,
) -> None:
    rule = fake.faults.conflict(element=1)
    error = _cancellation(fake, "a", "b", "c").response
    assert error["Error"] == {
        "Code": "TransactionCanceledException",
        "Message": "Transaction cancelled, please refer cancellation reasons for specific "
        "reasons [None, TransactionConflict, None]",
    }
    assert error["CancellationReasons"] == [{"Code": "None"}, CONFLICT, {"Code": "None"}]
    assert fake.table_items("users") == []
    assert isinstance(rule, ConflictRule)
    assert (rule.seen, rule.fired, rule.done) == (1, 1, True)
    fake.transact_write_items(TransactItems=_puts("a", "b", "c"))  # the retry goes through
    assert len(fake.table_items("users")) == 3


def test_a_shorter_transaction_conflicts_on_its_last_element(fake: FakeDynamoDBClient) -> None:
    fake.faults.conflict(element=5, times=None)
    error = _cancellation(fake, "a", "b").response
    assert error["CancellationReasons"] == [{"Code": "None"}, CONFLICT]
    assert _cancellation(fake, "a").response["CancellationReasons"] == [CONFLICT]


def test_reads_conflict_too_and_rules_can_name_one_operation(fake: FakeDynamoDBClient) -> None:
    fake.faults.conflict(operation="transact_get_items")
    fake.transact_write_items(TransactItems=_puts("a"))  # writes are not concerned
    with pytest.raises(fake.exceptions.TransactionCanceledException) as raised:
        fake.transact_get_items(
            TransactItems=[{"Get": {"TableName": "users", "Key": {"pk": {"S": "a"}}}}]
        )
    assert raised.value.response["CancellationReasons"] == [CONFLICT]


def test_a_conflict_for_one_table_leaves_transactions_on_others_alone(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.conflict(table="orders")
    fake.transact_write_items(TransactItems=_puts("a"))
    assert len(fake.table_items("users")) == 1


def test_conflicts_are_rules_like_the_others(fake: FakeDynamoDBClient) -> None:
    rule = fake.faults.conflict()
    assert list(fake.faults.rules) == [rule]
    assert rule.operations == ("transact_get_items", "transact_write_items")
    assert "element 0" in repr(rule)
    fake.faults.remove(rule)
    assert not fake.faults.rules
    fake.transact_write_items(TransactItems=_puts("a"))


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        ({"operation": "put_item"}, "not a valid operation here"),
        ({"element": -1}, "counts a transaction's elements from 0"),
        ({"element": True}, "counts a transaction's elements from 0"),
        ({"nth": 0}, "nth counts matching calls from 1"),
    ],
)
def test_bad_conflict_rules_are_refused(
    fake: FakeDynamoDBClient, arguments: dict[str, object], complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        fake.faults.conflict(**arguments)  # type: ignore[arg-type]  # the wrong values are the point
    assert fake.faults.rules == ()


def test_the_endpoint_answers_the_cancellation_in_the_services_body(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.conflict()
    headers = {
        "x-amz-target": "DynamoDB_20120810.TransactWriteItems",
        "content-type": "application/x-amz-json-1.0",
        "authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=00",
        "x-amz-date": "20260101T000000Z",
    }
    body = json.dumps({"TransactItems": _puts("a")}).encode()
    response = Endpoint(fake.service).answer(HttpRequest("POST", "/", headers, body))
    assert response.status == 400
    answer = json.loads(response.body)
    assert answer["__type"] == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException"
    assert answer["CancellationReasons"] == [CONFLICT]
