"""FakeDynamoDBClient end to end: the seam, responses and errors as boto3 shows them."""

from __future__ import annotations

import re
import threading
import time
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from dynantic import get_client, using_client
from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


@pytest.fixture
def client() -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient()
    fake.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return fake


def test_the_fake_is_a_client_the_seam_accepts(client: FakeDynamoDBClient) -> None:
    with using_client(client):
        get_client().put_item(TableName="users", Item={"pk": {"S": "u1"}})
        got = get_client().get_item(TableName="users", Key={"pk": {"S": "u1"}})
        assert got.get("Item") == {"pk": {"S": "u1"}}


def test_successful_responses_carry_response_metadata(client: FakeDynamoDBClient) -> None:
    metadata = client.put_item(TableName="users", Item={"pk": {"S": "u1"}})["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    assert re.fullmatch("[A-Z0-9]{52}", metadata["RequestId"])
    again = client.put_item(TableName="users", Item={"pk": {"S": "u1"}})["ResponseMetadata"]
    assert re.fullmatch("[A-Z0-9]{52}", again["RequestId"])
    assert again["RequestId"] != metadata["RequestId"]
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    assert metadata["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.0"


def test_each_response_has_its_own_headers_dated_by_the_fakes_clock(
    client: FakeDynamoDBClient,
) -> None:
    client.clock.move_to(1_700_000_000, tick=False)
    first = client.put_item(TableName="users", Item={"pk": {"S": "u1"}})["ResponseMetadata"]
    first["HTTPHeaders"]["date"] = "changed by the caller"
    second = client.put_item(TableName="users", Item={"pk": {"S": "u2"}})["ResponseMetadata"]
    assert second["HTTPHeaders"]["date"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert second["RequestId"] != first["RequestId"]
    assert second["HTTPHeaders"]["x-amzn-requestid"] == second["RequestId"]
    client.clock.shift(86_400)
    third = client.get_item(TableName="users", Key={"pk": {"S": "u1"}})["ResponseMetadata"]
    assert third["HTTPHeaders"]["date"] == "Wed, 15 Nov 2023 22:13:20 GMT"


def test_service_errors_are_the_botocore_exception_classes(client: FakeDynamoDBClient) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as raised:
        client.get_item(TableName="missing", Key={"pk": {"S": "u1"}})
    error = raised.value
    assert isinstance(error, ClientError)
    assert error.response["Error"] == {
        "Code": "ResourceNotFoundException",
        "Message": "Requested resource not found",
    }
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.operation_name == "GetItem"


def test_the_fake_shares_exception_classes_with_boto3_clients() -> None:
    import boto3

    real = boto3.client(
        "dynamodb", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    fake = FakeDynamoDBClient()
    assert (
        fake.exceptions.ConditionalCheckFailedException
        is real.exceptions.ConditionalCheckFailedException
    )


def test_threads_asking_first_for_the_exception_classes_all_get_the_same_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import boto3
    from botocore.errorfactory import ClientExceptionsFactory

    # A fresh default session, whose factory is slow to build the classes: every
    # thread asks before the first has finished.
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    private_name = "_create_client_exceptions"  # where the factory builds, unlocked
    build: Callable[[ClientExceptionsFactory, object], object] = getattr(
        ClientExceptionsFactory, private_name
    )

    def slow_build(self: ClientExceptionsFactory, model: object) -> object:
        time.sleep(0.02)
        return build(self, model)

    monkeypatch.setattr(ClientExceptionsFactory, private_name, slow_build)
    start = threading.Barrier(8)
    seen: list[type[ClientError]] = []

    def ask() -> None:
        start.wait()
        seen.append(FakeDynamoDBClient().exceptions.ConditionalCheckFailedException)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert len(set(seen)) == 1


def test_malformed_requests_raise_botocore_param_validation_error(
    client: FakeDynamoDBClient,
) -> None:
    with pytest.raises(ParamValidationError, match='Missing required parameter in input: "Key"'):
        client.get_item(TableName="users")  # type: ignore[call-arg]


def test_outputs_never_alias_stored_items(client: FakeDynamoDBClient) -> None:
    tags: list[AttributeValueTypeDef] = [{"S": "a"}]
    client.put_item(TableName="users", Item={"pk": {"S": "u1"}, "tags": {"L": tags}})
    tags.append({"S": "b"})
    got = client.get_item(TableName="users", Key={"pk": {"S": "u1"}}).get("Item", {})
    assert got["tags"] == {"L": [{"S": "a"}]}
    returned_tags = got["tags"].get("L")
    assert isinstance(returned_tags, list)
    returned_tags.clear()
    again = client.get_item(TableName="users", Key={"pk": {"S": "u1"}}).get("Item", {})
    assert again["tags"] == {"L": [{"S": "a"}]}


def test_waiters_return_at_once_when_the_state_is_already_reached(
    client: FakeDynamoDBClient,
) -> None:
    client.get_waiter("table_exists").wait(TableName="users")
    client.delete_table(TableName="users")
    client.get_waiter("table_not_exists").wait(TableName="users")


def test_list_tables_paginator_runs_on_botocore_machinery(client: FakeDynamoDBClient) -> None:
    for name in ["b-table", "a-table"]:
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    pages = list(client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2}))
    assert [page["TableNames"] for page in pages] == [["a-table", "b-table"], ["users"]]


def test_close_is_accepted_and_the_fake_keeps_answering(client: FakeDynamoDBClient) -> None:
    tables = client.list_tables()["TableNames"]
    client.close()
    assert client.list_tables()["TableNames"] == tables
    assert [call.operation for call in client.calls[-2:]] == ["list_tables", "list_tables"]
    assert client.calls.call_count == 3  # create_table, list_tables twice: close is no call
