"""DescribeTable, DeleteTable and ListTables."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import CreateTableInputTypeDef

Refuses = Callable[[str, str], AbstractContextManager[None]]
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"
MOMENT = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)


def on_demand(name: str = "things") -> CreateTableInputTypeDef:
    return {
        "TableName": name,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }


def provisioned(name: str = "things") -> CreateTableInputTypeDef:
    request = on_demand(name)
    request["BillingMode"] = "PROVISIONED"
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    return request


def test_create_table_answers_creating_and_describe_table_active(
    fake: FakeDynamoDBClient,
) -> None:
    fake.clock.move_to(MOMENT, tick=False)
    created = dict(fake.create_table(**on_demand())["TableDescription"])
    table_id = str(created.pop("TableId"))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", table_id)
    assert created == {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "TableName": "things",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "TableStatus": "CREATING",
        "CreationDateTime": MOMENT,
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": 0,
            "WriteCapacityUnits": 0,
        },
        "TableSizeBytes": 0,
        "ItemCount": 0,
        "TableArn": ARN,
        "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
        "DeletionProtectionEnabled": False,
    }
    described = dict(fake.describe_table(TableName="things")["Table"])
    assert described.pop("TableId") == table_id
    assert described == {
        **created,
        "TableStatus": "ACTIVE",
        "BillingModeSummary": {
            "BillingMode": "PAY_PER_REQUEST",
            "LastUpdateToPayPerRequestDateTime": MOMENT,
        },
        "WarmThroughput": {
            "ReadUnitsPerSecond": 12_000,
            "WriteUnitsPerSecond": 4_000,
            "Status": "ACTIVE",
        },
    }


SIX_HOURS = 6 * 60 * 60


def counts(client: FakeDynamoDBClient) -> tuple[int, int]:
    described = client.describe_table(TableName="things")["Table"]
    return described.get("ItemCount", -1), described.get("TableSizeBytes", -1)


def test_describe_table_counts_items_as_of_the_last_six_hourly_refresh(
    fake: FakeDynamoDBClient,
) -> None:
    fake.clock.move_to(MOMENT, tick=False)
    fake.create_table(**on_demand())
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}, "n": {"N": "1"}})
    assert counts(fake) == (0, 0)
    fake.clock.shift(SIX_HOURS - 1)
    assert counts(fake) == (0, 0)
    fake.clock.shift(1)
    assert counts(fake) == (1, 6)
    fake.put_item(TableName="things", Item={"pk": {"S": "b"}})
    fake.clock.shift(SIX_HOURS - 1)
    assert counts(fake) == (1, 6)
    fake.clock.shift(1)
    assert counts(fake) == (2, 9)


def test_refreshes_keep_to_six_hour_steps_from_creation(fake: FakeDynamoDBClient) -> None:
    fake.clock.move_to(MOMENT, tick=False)
    fake.create_table(**on_demand())
    fake.clock.shift(2 * SIX_HOURS + 5)
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}})
    assert counts(fake) == (1, 3)
    fake.put_item(TableName="things", Item={"pk": {"S": "b"}})
    fake.clock.shift(SIX_HOURS - 6)
    assert counts(fake) == (1, 3)
    fake.clock.shift(1)
    assert counts(fake) == (2, 6)


def test_delete_table_reports_the_last_refreshed_counts(fake: FakeDynamoDBClient) -> None:
    fake.clock.move_to(MOMENT, tick=False)
    fake.create_table(**on_demand())
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}})
    fake.clock.shift(SIX_HOURS)
    assert counts(fake) == (1, 3)
    fake.put_item(TableName="things", Item={"pk": {"S": "b"}})
    deleted = fake.delete_table(TableName="things")["TableDescription"]
    assert (deleted.get("ItemCount"), deleted.get("TableSizeBytes")) == (1, 3)


def test_describe_table_accepts_the_table_arn(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**on_demand())
    assert fake.describe_table(TableName=ARN)["Table"].get("TableName") == "things"


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_describe_table_denies_another_accounts_table_arn(
    fake: FakeDynamoDBClient, refuses: Refuses, region: str
) -> None:
    fake.create_table(**on_demand())
    with refuses("AccessDeniedException", "Access is denied"):
        fake.describe_table(TableName=f"arn:aws:dynamodb:{region}:210987654321:table/things")


def test_describe_table_names_a_missing_table(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ResourceNotFoundException", "Requested resource not found: Table: missing not found"
    ):
        fake.describe_table(TableName="missing")


def test_delete_table_answers_deleting_without_schema(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**provisioned())
    table_id = fake.describe_table(TableName="things")["Table"].get("TableId")
    deleted = fake.delete_table(TableName="things")["TableDescription"]
    assert deleted == {
        "TableName": "things",
        "TableStatus": "DELETING",
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": 5,
            "WriteCapacityUnits": 5,
        },
        "TableSizeBytes": 0,
        "ItemCount": 0,
        "TableArn": ARN,
        "TableId": table_id,
        "DeletionProtectionEnabled": False,
    }
    assert fake.list_tables()["TableNames"] == []


def test_delete_table_of_an_on_demand_table_keeps_its_billing_summary(
    fake: FakeDynamoDBClient,
) -> None:
    fake.clock.move_to(MOMENT, tick=False)
    fake.create_table(**on_demand())
    deleted = fake.delete_table(TableName="things")["TableDescription"]
    assert deleted.get("BillingModeSummary") == {
        "BillingMode": "PAY_PER_REQUEST",
        "LastUpdateToPayPerRequestDateTime": MOMENT,
    }
    assert not {"KeySchema", "AttributeDefinitions", "CreationDateTime"} & set(deleted)


def test_delete_table_names_a_missing_table(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ResourceNotFoundException", "Requested resource not found: Table: missing not found"
    ):
        fake.delete_table(TableName="missing")


def test_deletion_protection_refuses_delete_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = on_demand()
    request["DeletionProtectionEnabled"] = True
    fake.create_table(**request)
    with refuses(
        "ValidationException",
        "Resource cannot be deleted as it is currently protected against deletion. "
        "Disable deletion protection first.",
    ):
        fake.delete_table(TableName="things")


def test_a_deleted_name_can_be_created_again_with_a_new_id(fake: FakeDynamoDBClient) -> None:
    first = fake.create_table(**on_demand())["TableDescription"]
    fake.delete_table(TableName="things")
    second = fake.create_table(**on_demand())["TableDescription"]
    assert second.get("TableArn") == first.get("TableArn")
    assert second.get("TableId") != first.get("TableId")


def test_list_tables_orders_names_by_bytes(fake: FakeDynamoDBClient) -> None:
    for name in ["beta", "Beta", "alpha", "_under", "a.b", "0zero"]:
        fake.create_table(**on_demand(name))
    assert fake.list_tables()["TableNames"] == ["0zero", "Beta", "_under", "a.b", "alpha", "beta"]


def test_list_tables_pages_with_limit(fake: FakeDynamoDBClient) -> None:
    for name in ["aaa", "bbb", "ccc"]:
        fake.create_table(**on_demand(name))
    first = fake.list_tables(Limit=2)
    assert first == {**first, "TableNames": ["aaa", "bbb"], "LastEvaluatedTableName": "bbb"}
    second = fake.list_tables(Limit=2, ExclusiveStartTableName="bbb")
    assert second["TableNames"] == ["ccc"]
    assert "LastEvaluatedTableName" not in set(second)


def test_a_page_ending_on_the_last_table_has_no_last_evaluated_name(
    fake: FakeDynamoDBClient,
) -> None:
    for name in ["aaa", "bbb"]:
        fake.create_table(**on_demand(name))
    page = fake.list_tables(Limit=2)
    assert page["TableNames"] == ["aaa", "bbb"]
    assert "LastEvaluatedTableName" not in set(page)
    assert fake.list_tables(ExclusiveStartTableName="bbb")["TableNames"] == []


@pytest.mark.parametrize(("start", "names"), [("abc", ["bbb", "ccc"]), ("zzz", [])])
def test_list_tables_starts_after_any_name(
    fake: FakeDynamoDBClient, start: str, names: list[str]
) -> None:
    for name in ["aaa", "bbb", "ccc"]:
        fake.create_table(**on_demand(name))
    assert fake.list_tables(ExclusiveStartTableName=start)["TableNames"] == names


@pytest.mark.parametrize(
    ("region", "partition"),
    [("eu-west-2", "aws"), ("us-gov-west-1", "aws-us-gov"), ("cn-northwest-1", "aws-cn")],
)
def test_arns_begin_with_the_partition_of_the_region(region: str, partition: str) -> None:
    fake = FakeDynamoDBClient(region_name=region)
    request = on_demand()
    request["SSESpecification"] = {"Enabled": True}
    request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    created = fake.create_table(**request)["TableDescription"]
    arn = f"arn:{partition}:dynamodb:{region}:123456789012:table/things"
    assert created.get("TableArn") == arn
    assert created.get("LatestStreamArn", "").startswith(arn + "/stream/")
    sse = created.get("SSEDescription", {})
    assert sse.get("KMSMasterKeyArn", "").startswith(f"arn:{partition}:kms:{region}:")
    assert fake.describe_table(TableName=arn)["Table"].get("TableName") == "things"
    fake.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "red"}])
    assert fake.list_tags_of_resource(ResourceArn=arn).get("Tags") == [
        {"Key": "team", "Value": "red"}
    ]
