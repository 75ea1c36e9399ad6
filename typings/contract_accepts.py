"""What the seam accepts: every line here must type-check cleanly (never run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3
import botocore.session
from botocore.exceptions import ClientError
from typing_extensions import assert_type

from dynantic import DynamoDBClient, get_client, set_client, using_client
from dynantic.testing import (
    Call,
    Calls,
    Clock,
    FakeDynamoDBClient,
    FaultRule,
    Snapshot,
    UnprocessedRule,
)

from .handwritten import HandWrittenClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        GetItemOutputTypeDef,
        QueryOutputTypeDef,
    )


def real_boto3_client_is_accepted() -> None:
    # pyright strict flags boto3.client's overloads for services without stubs.
    client = boto3.client("dynamodb", region_name="eu-west-1")  # pyright: ignore[reportUnknownMemberType]
    set_client(client)
    seam: DynamoDBClient = client
    with using_client(client) as inside:
        assert_type(inside, Boto3DynamoDBClient)
    del seam


def handwritten_client_is_accepted() -> None:
    client = HandWrittenClient()
    set_client(client)
    with using_client(client) as inside:
        assert_type(inside, HandWrittenClient)


def the_in_memory_client_is_accepted() -> None:
    fake = FakeDynamoDBClient()
    set_client(fake)
    seam: DynamoDBClient = fake
    with using_client(fake) as inside:
        assert_type(inside, FakeDynamoDBClient)
        assert_type(inside.exceptions.ConditionalCheckFailedException, type[ClientError])
    del seam


def using_client_decorates_a_function() -> None:
    @using_client(HandWrittenClient())
    def job() -> int:
        return 1

    assert_type(job(), int)


async def using_client_decorates_a_coroutine_function() -> None:
    @using_client(HandWrittenClient())
    async def job() -> int:
        return 1

    assert_type(await job(), int)


def results_are_the_stubs_output_types() -> None:
    client = get_client()
    item = client.get_item(TableName="users", Key={"pk": {"S": "u#1"}})
    assert_type(item, GetItemOutputTypeDef)
    page = client.query(
        TableName="users",
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "u#1"}},
    )
    assert_type(page, QueryOutputTypeDef)
    for row in page["Items"]:
        assert_type(row.get("name", {}).get("S"), str | None)


def the_test_controls_are_typed(fake_dynamodb: FakeDynamoDBClient) -> None:
    fake = FakeDynamoDBClient(clock=Clock(0, tick=False), record_calls=False)
    rule = fake.faults.fail("ThrottlingException", operation="put_item", nth=2, times=None)
    assert_type(rule, FaultRule)
    assert_type(rule.fired, int)
    assert_type(fake.faults.leave_unprocessed(operation="batch_write_item"), UnprocessedRule)
    assert_type(fake_dynamodb.calls.last, Call)
    assert_type(fake_dynamodb.calls.filter(operation="put_item", table="users"), Calls)
    assert_type(fake.table_items("users"), list[dict[str, object]])
    assert_type(fake.table_items("users", wire=True), list[dict[str, AttributeValueTypeDef]])
    fake.add_tables(users="pk", orders=("customer", "placed:N"))
    snapshot = fake.snapshot()
    assert_type(snapshot, Snapshot)
    fake.restore(snapshot)


def boto3s_own_objects_answered_in_process_are_typed() -> None:
    fake = FakeDynamoDBClient()
    client = fake.boto3_client()
    assert_type(client, Boto3DynamoDBClient)
    set_client(client)  # a real boto3 client, so the seam takes it
    table = fake.boto3_resource().Table("users")
    assert_type(table, Table)
    session = boto3.session.Session()
    with fake.attached(session), fake.attached():
        pass
    with fake.attached(botocore.session.get_session()):
        pass
