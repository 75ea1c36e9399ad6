"""The three steps of a write (prepare, check, apply), as transactions and
batches use them for many writes under one lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.errors import ServiceError
from dynantic.testing.operations.items_apply import (
    apply_writes,
    write_capacity_units,
    write_response,
)
from dynantic.testing.operations.items_check import Refusal, WritePlan, check_writes
from dynantic.testing.operations.items_prepare import (
    PreparedWrite,
    prepare_condition_check,
    prepare_delete,
    prepare_put,
    prepare_update,
)

from .conftest import SIMPLE, SORTED, stored_state

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        ConditionCheckTypeDef,
        DeleteItemInputTypeDef,
        PutItemInputTypeDef,
        UpdateItemInputTypeDef,
    )


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "b"}, "v": {"N": "2"}})
    return fake


def _writes() -> list[PreparedWrite]:
    """A transaction's four kinds of action, as its elements carry them."""
    put: PutItemInputTypeDef = {
        "TableName": SIMPLE,
        "Item": {"pk": {"S": "c"}},
        "ConditionExpression": "attribute_not_exists(pk)",
    }
    update: UpdateItemInputTypeDef = {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "a"}},
        "UpdateExpression": "ADD v :one",
        "ExpressionAttributeValues": {":one": {"N": "1"}},
    }
    delete: DeleteItemInputTypeDef = {"TableName": SIMPLE, "Key": {"pk": {"S": "b"}}}
    check: ConditionCheckTypeDef = {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "b"}},
        "ConditionExpression": "v = :two",
        "ExpressionAttributeValues": {":two": {"N": "2"}},
    }
    return [
        prepare_put(put),
        prepare_update(update),
        prepare_delete(delete),
        prepare_condition_check(check),
    ]


def test_checking_writes_changes_nothing_and_applying_them_does_it_all(
    stored: FakeDynamoDBClient,
) -> None:
    database = stored.service.database
    before = stored_state(stored)
    with database.lock:
        outcomes = check_writes(database, _writes())
        assert stored_state(stored) == before
        plans = [outcome for outcome in outcomes if isinstance(outcome, WritePlan)]
        assert len(plans) == 4
        apply_writes(plans)
    assert stored.table_items(SIMPLE, wire=True) == [
        {"pk": {"S": "a"}, "v": {"N": "2"}},
        {"pk": {"S": "c"}},
    ]


def test_a_refused_write_is_a_refusal_with_its_cancellation_reason(
    stored: FakeDynamoDBClient,
) -> None:
    database = stored.service.database
    failing: PutItemInputTypeDef = {
        "TableName": SIMPLE,
        "Item": {"pk": {"S": "a"}},
        "ConditionExpression": "attribute_not_exists(pk)",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
    }
    wrong_key: DeleteItemInputTypeDef = {"TableName": SORTED, "Key": {"pk": {"S": "a"}}}
    with database.lock:
        outcomes = check_writes(
            database, [prepare_put(failing), prepare_delete(wrong_key), *_writes()[1:2]]
        )
    reasons = [
        outcome.cancellation_reason if isinstance(outcome, Refusal) else {"Code": "None"}
        for outcome in outcomes
    ]
    assert reasons == [
        {
            "Code": "ConditionalCheckFailed",
            "Message": "The conditional request failed",
            "Item": {"pk": {"S": "a"}, "v": {"N": "1"}},
        },
        {
            "Code": "ValidationError",
            "Message": "The provided key element does not match the schema",
        },
        {"Code": "None"},
    ]


def test_a_refusal_carries_the_error_a_single_request_raises(stored: FakeDynamoDBClient) -> None:
    database = stored.service.database
    missing: DeleteItemInputTypeDef = {"TableName": "missing", "Key": {"pk": {"S": "a"}}}
    with database.lock:
        (outcome,) = check_writes(database, [prepare_delete(missing)])
    assert isinstance(outcome, Refusal)
    assert isinstance(outcome.error, ServiceError)
    assert (outcome.error.code, outcome.error.message) == (
        "ResourceNotFoundException",
        "Requested resource not found",
    )


def test_a_plan_reports_its_capacity_and_answer(stored: FakeDynamoDBClient) -> None:
    database = stored.service.database
    update: UpdateItemInputTypeDef = {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "a"}},
        "UpdateExpression": "SET w = :w",
        "ExpressionAttributeValues": {":w": {"S": "x" * 1500}},
        "ReturnValues": "UPDATED_NEW",
        "ReturnConsumedCapacity": "TOTAL",
    }
    with database.lock:
        (plan,) = check_writes(database, [prepare_update(update)])
        assert isinstance(plan, WritePlan)
        assert write_capacity_units(plan) == (2.0, {}, {})
        apply_writes([plan])
        response = write_response(plan)
    assert response == {
        "Attributes": {"w": {"S": "x" * 1500}},
        "ConsumedCapacity": {"TableName": SIMPLE, "CapacityUnits": 2.0},
    }


def test_a_condition_check_reads_and_writes_nothing(stored: FakeDynamoDBClient) -> None:
    database = stored.service.database
    check: ConditionCheckTypeDef = {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "a"}},
        "ConditionExpression": "v = v2",
    }
    with database.lock:
        (refusal,) = check_writes(database, [prepare_condition_check(check)])
    assert isinstance(refusal, Refusal)
    assert refusal.cancellation_reason == {
        "Code": "ConditionalCheckFailed",
        "Message": "The conditional request failed",
    }
