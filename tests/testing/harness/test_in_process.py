"""boto3's own clients and resources, answered by the fake in process."""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, cast

import boto3
import botocore.session
import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError, ParamValidationError

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.in_process import install

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient

_NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
# A loopback port nothing listens on: a request that reaches the network fails
# at once, and no test depends on a network or on AWS.
_NOWHERE = "http://127.0.0.1:9"
_OFFLINE = Config(retries={"total_max_attempts": 1}, connect_timeout=1)


def _session() -> boto3.session.Session:
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


def test_a_resource_writes_and_reads_through_the_fake(fake: FakeDynamoDBClient) -> None:
    fake.add_tables(ledger=("pk", "sk"))
    table = fake.boto3_resource().Table("ledger")
    table.put_item(Item={"pk": "u1", "sk": "a", "total": 3, "tags": {"x", "y"}})
    with table.batch_writer() as batch:
        for i in range(30):  # more than one BatchWriteItem call
            batch.put_item(Item={"pk": "u1", "sk": f"b{i:02d}", "total": i})
    answer = table.query(
        KeyConditionExpression=Key("pk").eq("u1") & Key("sk").begins_with("b"),
        FilterExpression=Attr("total").gte(25),
    )
    assert [item["sk"] for item in answer["Items"]] == ["b25", "b26", "b27", "b28", "b29"]
    assert answer["ScannedCount"] == 30
    assert table.get_item(Key={"pk": "u1", "sk": "a"})["Item"] == {
        "pk": "u1",
        "sk": "a",
        "total": Decimal(3),
        "tags": {"x", "y"},
    }
    assert len(fake.table_items("ledger")) == 31
    assert len(fake.calls.filter(operation="batch_write_item")) == 2


def test_a_client_raises_botocores_own_modeled_errors(fake: FakeDynamoDBClient) -> None:
    client = fake.boto3_client()
    client.put_item(TableName="users", Item={"pk": {"S": "u1"}, "n": {"N": "1"}})
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as raised:
        client.put_item(
            TableName="users",
            Item={"pk": {"S": "u1"}},
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert raised.value.response["Error"]["Message"] == "The conditional request failed"
    assert raised.value.response.get("Item") == {"pk": {"S": "u1"}, "n": {"N": "1"}}
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_item(TableName="missing", Key={"pk": {"S": "u1"}})


def test_a_client_answers_with_the_services_headers(fake: FakeDynamoDBClient) -> None:
    answer = fake.boto3_client().list_tables()
    metadata = answer["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RequestId"] == metadata["HTTPHeaders"]["x-amzn-requestid"]
    assert set(metadata["HTTPHeaders"]) == {
        "server",
        "date",
        "content-type",
        "content-length",
        "connection",
        "x-amzn-requestid",
        "x-amz-crc32",
    }
    assert answer["TableNames"] == ["orders", "users"]


def test_programmed_faults_reach_botocore_which_retries_them(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ProvisionedThroughputExceededException", operation="get_item")
    client = fake.boto3_client(config=Config(retries={"total_max_attempts": 2, "mode": "standard"}))
    answer = client.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert [call.error for call in fake.calls.filter(operation="get_item")] == [
        "ProvisionedThroughputExceededException",
        None,
    ]


def _offline_client(session: boto3.session.Session) -> Boto3DynamoDBClient:
    client: Boto3DynamoDBClient = session.client("dynamodb", endpoint_url=_NOWHERE, config=_OFFLINE)
    return client


def test_attached_answers_the_clients_a_session_makes_inside_the_block(
    fake: FakeDynamoDBClient,
) -> None:
    """botocore copies a session's handlers into each client it makes: a client made
    inside the block stays on the fake, one made before or after it does not."""
    session = _session()
    before = _offline_client(session)
    with fake.attached(session):
        inside = _offline_client(session)
        assert inside.list_tables()["TableNames"] == ["orders", "users"]
    after = _offline_client(session)
    assert inside.list_tables()["TableNames"] == ["orders", "users"]
    for client in (before, after):
        with pytest.raises(EndpointConnectionError):
            client.list_tables()


def test_clients_of_other_services_are_left_alone(fake: FakeDynamoDBClient) -> None:
    session = _session()
    with fake.attached(session):
        sqs = session.client("sqs", endpoint_url=_NOWHERE, config=_OFFLINE)
        with pytest.raises(EndpointConnectionError):
            sqs.list_queues()


def test_a_botocore_session_can_be_attached(fake: FakeDynamoDBClient) -> None:
    """As libraries on botocore alone (PynamoDB) make their clients."""
    session = botocore.session.get_session()
    session.set_credentials("testing", "testing")
    with fake.attached(session):
        made = session.create_client("dynamodb", region_name="us-east-1", config=_NO_RETRIES)
        client = cast("Boto3DynamoDBClient", made)  # botocore's stubs know no services
        assert client.describe_table(TableName="users")["Table"]["TableStatus"] == "ACTIVE"


def test_two_fakes_attached_to_two_sessions_stay_apart() -> None:
    first, second = FakeDynamoDBClient(), FakeDynamoDBClient()
    first.add_tables(alpha="pk")
    second.add_tables(beta="pk")
    assert first.boto3_client().list_tables()["TableNames"] == ["alpha"]
    assert second.boto3_client().list_tables()["TableNames"] == ["beta"]


def test_botocore_checks_first_then_the_fake_refuses_what_the_service_refuses(
    fake: FakeDynamoDBClient,
) -> None:
    client = fake.boto3_client()
    with pytest.raises(ParamValidationError):  # botocore's own check: nothing is sent
        client.get_item(TableName="users", Key={"pk": {"S": "u1"}}, Limit=1)  # type: ignore[call-arg]  # the mistake under test
    assert len(fake.calls) == 0
    # A one-letter table name passes botocore (the model allows ARNs of any
    # length) and reaches the fake, which answers as the service does.
    with pytest.raises(ClientError) as raised:
        client.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert (
        "at 'tableName' failed to satisfy constraint" in raised.value.response["Error"]["Message"]
    )


def test_threads_share_one_resource_safely(fake: FakeDynamoDBClient) -> None:
    table = fake.boto3_resource().Table("users")
    table.put_item(Item={"pk": "c", "n": 0})

    def add_ones() -> None:
        for _ in range(25):
            table.update_item(
                Key={"pk": "c"},
                UpdateExpression="ADD n :one",
                ExpressionAttributeValues={":one": 1},
            )

    threads = [threading.Thread(target=add_ones) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert table.get_item(Key={"pk": "c"})["Item"]["n"] == 200


def test_the_readme_example_runs() -> None:
    text = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## boto3's own clients and resources, in process") :]
    example = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert example is not None
    exec(compile(example.group(1), "README.md", "exec"), {})  # the README's own code


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Placeholder credentials and region in the environment, and a fresh boto3
    default session to read them (put back after the test)."""
    for variable, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


@pytest.mark.usefixtures("credentials")
def test_attached_without_a_session_serves_boto3s_module_level_functions(
    fake: FakeDynamoDBClient,
) -> None:
    with fake.attached():
        table = boto3.resource("dynamodb", endpoint_url=_NOWHERE).Table("users")
        table.put_item(Item={"pk": "u1"})
    assert fake.table_items("users") == [{"pk": "u1"}]


@pytest.mark.usefixtures("credentials")
def test_attached_without_a_session_serves_sessions_the_code_makes_and_botocores(
    fake: FakeDynamoDBClient,
) -> None:
    with fake.attached():
        made_by_the_code = _offline_client(_session())
        botocore_session = botocore.session.get_session()
        low_level = cast(
            "Boto3DynamoDBClient",
            botocore_session.create_client("dynamodb", endpoint_url=_NOWHERE, config=_OFFLINE),
        )
        assert made_by_the_code.list_tables()["TableNames"] == ["orders", "users"]
        assert low_level.list_tables()["TableNames"] == ["orders", "users"]


@pytest.mark.usefixtures("credentials")
def test_a_client_made_once_follows_the_fake_of_each_block_and_the_network_outside(
    fake: FakeDynamoDBClient,
) -> None:
    """As PynamoDB keeps its connections from test to test."""
    install()
    cached = _offline_client(_session())
    other = FakeDynamoDBClient()
    other.add_tables(elsewhere="pk")
    with fake.attached():
        assert cached.list_tables()["TableNames"] == ["orders", "users"]
        with other.attached():  # the innermost block wins
            assert cached.list_tables()["TableNames"] == ["elsewhere"]
        assert cached.list_tables()["TableNames"] == ["orders", "users"]
    with other.attached():
        assert cached.list_tables()["TableNames"] == ["elsewhere"]
    with pytest.raises(EndpointConnectionError):
        cached.list_tables()


@pytest.mark.usefixtures("credentials")
def test_a_sessions_own_route_answers_once_inside_a_process_wide_block(
    fake: FakeDynamoDBClient,
) -> None:
    """A request both could answer is answered by the session's route alone."""
    other = FakeDynamoDBClient()
    with other.attached():
        table = fake.boto3_resource().Table("users")
        table.update_item(
            Key={"pk": "c"}, UpdateExpression="ADD n :one", ExpressionAttributeValues={":one": 1}
        )
    assert fake.table_items("users") == [{"pk": "c", "n": Decimal(1)}]
    assert len(other.calls) == 0


@pytest.mark.usefixtures("credentials")
def test_a_retried_request_stays_on_the_process_wide_fake(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ProvisionedThroughputExceededException", operation="get_item")
    with fake.attached():
        client: Boto3DynamoDBClient = _session().client(
            "dynamodb",
            endpoint_url=_NOWHERE,
            config=Config(retries={"total_max_attempts": 2, "mode": "standard"}, connect_timeout=1),
        )
        answer = client.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(fake.calls.filter(operation="get_item")) == 2


def test_attaching_something_that_is_not_a_session_is_refused_clearly(
    fake: FakeDynamoDBClient,
) -> None:
    client = fake.boto3_client()
    with pytest.raises(TypeError, match=r"expected a boto3\.session\.Session .* got DynamoDB"):
        fake.attached(client)  # type: ignore[arg-type]  # the mistake under test
    assert len(fake.calls) == 0


@pytest.mark.usefixtures("credentials")
def test_a_default_session_made_inside_a_block_applies_each_request_once_later() -> None:
    """That session holds the dispatcher twice: from botocore's built-in handlers,
    and from the next block, which registers it on boto3's default session."""
    with FakeDynamoDBClient().attached():
        boto3.client("dynamodb", endpoint_url=_NOWHERE)
    second = FakeDynamoDBClient()
    second.add_tables(counters="pk")
    with second.attached():
        table = boto3.resource("dynamodb", endpoint_url=_NOWHERE).Table("counters")
        table.update_item(
            Key={"pk": "c"}, UpdateExpression="ADD n :one", ExpressionAttributeValues={":one": 1}
        )
    assert second.table_items("counters") == [{"pk": "c", "n": Decimal(1)}]
    assert len(second.calls) == 1


def test_a_session_attached_twice_applies_each_request_once(fake: FakeDynamoDBClient) -> None:
    session = _session()
    with fake.attached(session), fake.attached(session):
        client = _offline_client(session)
        client.update_item(
            TableName="users",
            Key={"pk": {"S": "c"}},
            UpdateExpression="ADD n :one",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )
    assert fake.table_items("users") == [{"pk": "c", "n": Decimal(1)}]
