"""boto3 against the endpoint: the same results and the same errors as in-process."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, cast

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.botocore_errors import to_client_error
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import service_model
from dynantic.testing.server import serve
from dynantic.testing.service import Service

from .endpoint_helpers import remote_client

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, TransactWriteItemTypeDef

EVERY_TYPE: dict[str, AttributeValueTypeDef] = {
    "pk": {"S": "u1"},
    "s": {"S": "text é 😀"},
    "n": {"N": "1.50"},
    "b": {"B": b"\x00\x01\xfe\xff"},
    "empty": {"B": b""},
    "bool": {"BOOL": False},
    "null": {"NULL": True},
    "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2.5"]},
    "bs": {"BS": [b"\x00", b"\x01"]},
    "l": {"L": [{"S": "x"}, {"B": b"\x02"}, {"L": [{"N": "3"}]}]},
    "m": {"M": {"inner": {"M": {"deep": {"BS": [b"\xff"]}}}, "flag": {"BOOL": True}}},
}


def without_metadata(response: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def test_create_table_over_http(remote: DynamoDBClient, fake: FakeDynamoDBClient) -> None:
    created = remote.create_table(
        TableName="orders",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    )
    description = created["TableDescription"]
    assert description.get("TableName") == "orders"
    local = fake.describe_table(TableName="orders")["Table"]
    assert description.get("TableArn") == local.get("TableArn")
    assert description.get("ProvisionedThroughput") == local.get("ProvisionedThroughput")


def test_every_attribute_type_round_trips(remote: DynamoDBClient, fake: FakeDynamoDBClient) -> None:
    remote.put_item(TableName="users", Item=EVERY_TYPE)
    over_http = remote.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    in_process = fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert without_metadata(over_http) == without_metadata(in_process)
    item = over_http.get("Item", {})
    assert item["b"] == {"B": b"\x00\x01\xfe\xff"}
    assert item["n"] == {"N": "1.5"}


def test_responses_match_in_process_ones(remote: DynamoDBClient, fake: FakeDynamoDBClient) -> None:
    remote.put_item(TableName="users", Item=EVERY_TYPE)
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "u1"}}
    over_http = remote.get_item(TableName="users", Key=key, ReturnConsumedCapacity="TOTAL")
    in_process = fake.get_item(TableName="users", Key=key, ReturnConsumedCapacity="TOTAL")
    assert without_metadata(over_http) == without_metadata(in_process)
    removed = remote.delete_item(TableName="users", Key=key, ReturnValues="ALL_OLD")
    assert removed.get("Attributes") == in_process.get("Item")
    assert without_metadata(remote.list_tables()) == without_metadata(fake.list_tables())


def test_timestamps_arrive_as_datetimes(remote: DynamoDBClient, fake: FakeDynamoDBClient) -> None:
    over_http = remote.describe_table(TableName="users")["Table"].get("CreationDateTime")
    in_process = fake.describe_table(TableName="users")["Table"].get("CreationDateTime")
    assert over_http is not None
    assert in_process is not None
    # Epoch seconds as a JSON double keep the time to well under a millisecond.
    assert abs(over_http - in_process) < timedelta(milliseconds=1)


def test_responses_pass_botocores_crc32_check(remote: DynamoDBClient) -> None:
    # botocore retries a DynamoDB response whose x-amz-crc32 does not match its body.
    response = remote.put_item(TableName="users", Item=EVERY_TYPE)
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    assert "x-amz-crc32" in response["ResponseMetadata"]["HTTPHeaders"]


def raised_by(call: object) -> ClientError:
    assert callable(call)
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value


def assert_same_error(over_http: ClientError, in_process: ClientError) -> None:
    assert type(over_http) is type(in_process)
    assert over_http.response["Error"] == in_process.response["Error"]
    assert over_http.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    http_fields = without_metadata(cast("Mapping[str, object]", over_http.response))
    local_fields = without_metadata(cast("Mapping[str, object]", in_process.response))
    assert http_fields == local_fields


def test_a_missing_table_is_the_same_error(
    remote: DynamoDBClient, fake: FakeDynamoDBClient
) -> None:
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "u1"}}
    over_http = raised_by(lambda: remote.get_item(TableName="missing", Key=key))
    in_process = raised_by(lambda: fake.get_item(TableName="missing", Key=key))
    assert isinstance(over_http, remote.exceptions.ResourceNotFoundException)
    assert_same_error(over_http, in_process)


def test_a_validation_error_is_the_same_error(
    remote: DynamoDBClient, fake: FakeDynamoDBClient
) -> None:
    item: dict[str, AttributeValueTypeDef] = {"pk": {"N": "1"}}
    over_http = raised_by(lambda: remote.put_item(TableName="users", Item=item))
    in_process = raised_by(lambda: fake.put_item(TableName="users", Item=item))
    assert over_http.response["Error"]["Code"] == "ValidationException"
    assert_same_error(over_http, in_process)


def test_creating_a_table_twice_is_the_same_error(
    remote: DynamoDBClient, fake: FakeDynamoDBClient
) -> None:
    def create(client: DynamoDBClient | FakeDynamoDBClient) -> object:
        return client.create_table(
            TableName="users",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )

    assert_same_error(raised_by(lambda: create(remote)), raised_by(lambda: create(fake)))


class _Refusing(Service):
    """A service that answers every request with one given error."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__()
        self.error = error

    @staticmethod
    def operation_names() -> frozenset[str]:
        return frozenset(service_model().operation_names)

    def invoke(
        self,
        operation_name: str,
        request: Mapping[str, object],
        *,
        check_shape: Callable[[str, Mapping[str, object]], None] | None = None,
    ) -> dict[str, object]:
        raise self.error


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        (
            "PutItem",
            ServiceError(
                "ConditionalCheckFailedException",
                "The conditional request failed",
                {"Item": {"pk": {"S": "u1"}, "b": {"B": b"\x00\xff"}}},
            ),
        ),
        (
            "TransactWriteItems",
            ServiceError(
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                "[None, ConditionalCheckFailed]",
                {
                    "CancellationReasons": [
                        {"Code": "None"},
                        {
                            "Code": "ConditionalCheckFailed",
                            "Message": "The conditional request failed",
                            "Item": {"pk": {"S": "u1"}, "bs": {"BS": [b"\x01"]}},
                        },
                    ]
                },
            ),
        ),
    ],
)
def test_modeled_error_members_arrive_as_in_process(operation: str, error: ServiceError) -> None:
    with serve(_Refusing(error)) as url:
        client = remote_client(url)
        item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "u1"}}
        if operation == "PutItem":
            over_http = raised_by(lambda: client.put_item(TableName="users", Item=item))
        else:
            put: TransactWriteItemTypeDef = {"Put": {"TableName": "users", "Item": item}}
            over_http = raised_by(lambda: client.transact_write_items(TransactItems=[put]))
    in_process = to_client_error(error, operation, {"HTTPStatusCode": 400})
    assert type(over_http) is type(in_process)
    assert_same_error(over_http, in_process)
