"""UpdateTable: what a request may ask, whatever the table."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        GlobalSecondaryIndexUpdateTypeDef,
        UpdateTableInputTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
NOTHING = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
    "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
    "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, "
    "OnDemandThroughput, WarmThroughput or TableClass is required"
)


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            }
        ],
    )
    return fake


def request(**members: object) -> UpdateTableInputTypeDef:
    return {"TableName": "things", **members}  # type: ignore[typeddict-item]  # members named by the test


CREATE: GlobalSecondaryIndexUpdateTypeDef = {
    "Create": {
        "IndexName": "by-h",
        "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"},
        "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
    }
}


def test_an_update_must_change_something(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ValidationException", NOTHING):
        fake.update_table(TableName="things")


@pytest.mark.parametrize(
    "members",
    [
        {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
        {"GlobalSecondaryIndexUpdates": []},
    ],
    ids=["attribute-definitions", "empty-index-updates"],
)
def test_definitions_or_an_empty_index_list_change_nothing(
    fake: FakeDynamoDBClient, refuses: Refuses, members: dict[str, object]
) -> None:
    with refuses("ValidationException", NOTHING):
        fake.update_table(**request(**members))


def test_the_required_list_leaves_out_members_present(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", NOTHING.replace(" MultiRegionConsistency,", "")):
        fake.update_table(TableName="things", MultiRegionConsistency="EVENTUAL")


def test_an_empty_index_list_with_a_change_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", INVALID + "List of GlobalSecondaryIndexUpdates is empty"):
        fake.update_table(
            TableName="things", GlobalSecondaryIndexUpdates=[], DeletionProtectionEnabled=True
        )


@pytest.mark.parametrize("member", ["WarmThroughput", "OnDemandThroughput"])
def test_an_empty_capacity_structure_alone_fails_on_the_server(
    fake: FakeDynamoDBClient, member: str
) -> None:
    with pytest.raises(ClientError) as raised:
        fake.update_table(**request(**{member: {}}))
    assert raised.value.response["Error"] == {"Code": "InternalFailure", "Message": ""}
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_an_empty_capacity_structure_beside_a_change_is_ignored(fake: FakeDynamoDBClient) -> None:
    fake.update_table(TableName="things", WarmThroughput={}, DeletionProtectionEnabled=True)
    assert fake.describe_table(TableName="things")["Table"].get("DeletionProtectionEnabled")


@pytest.mark.parametrize(
    ("update", "message"),
    [
        (
            {},
            "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
            "GlobalSecondaryIndexUpdate.Delete must not be null",
        ),
        (
            {"Delete": {"IndexName": "by-g"}, "Update": {"IndexName": "by-g"}},
            "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate "
            "object",
        ),
    ],
    ids=["no-action", "two-actions"],
)
def test_each_index_update_holds_one_action(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    update: GlobalSecondaryIndexUpdateTypeDef,
    message: str,
) -> None:
    with refuses("ValidationException", INVALID + message):
        fake.update_table(TableName="things", GlobalSecondaryIndexUpdates=[update])


def test_one_update_per_index(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    throughput = {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}
    with refuses(
        "ValidationException",
        INVALID + "Only one global secondary index update per index is allowed simultaneously. "
        "Index: by-g",
    ):
        fake.update_table(
            **request(
                GlobalSecondaryIndexUpdates=[
                    {"Delete": {"IndexName": "by-g"}},
                    {"Update": {"IndexName": "by-g", "ProvisionedThroughput": throughput}},
                ]
            )
        )


def test_empty_index_warm_throughput_is_refused_even_for_a_missing_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        INVALID + "WarmThroughput must have at least one of ReadUnitsPerSecond or "
        "WriteUnitsPerSecond specified for index: by-g",
    ):
        fake.update_table(
            TableName="missing",
            GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "by-g", "WarmThroughput": {}}}],
        )


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"SSESpecification": {"Enabled": True}, "DeletionProtectionEnabled": True},
            "Server-Side Encryption modification must be the only operation in the request",
        ),
        (
            {"SSESpecification": {"Enabled": True}, "TableClass": "STANDARD_INFREQUENT_ACCESS"},
            "Server-Side Encryption modification must be the only operation in the request",
        ),
        (
            {"TableClass": "STANDARD_INFREQUENT_ACCESS", "DeletionProtectionEnabled": True},
            "TableClass modification must be the only operation in the request",
        ),
        (
            {"DeletionProtectionEnabled": True, "BillingMode": "PAY_PER_REQUEST"},
            "DeletionProtection modification must be the only operation in the request",
        ),
        (
            {"DeletionProtectionEnabled": True, "WarmThroughput": {"ReadUnitsPerSecond": 9}},
            "DeletionProtection modification must be the only operation in the request",
        ),
        (
            {"DeletionProtectionEnabled": True, "GlobalSecondaryIndexUpdates": [CREATE]},
            "DeletionProtection modification must be the only operation in the request",
        ),
        (
            {
                "WarmThroughput": {"ReadUnitsPerSecond": 9},
                "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6},
            },
            "WarmThroughput must be the only operation in the request",
        ),
        (
            {"WarmThroughput": {"ReadUnitsPerSecond": 9}, "GlobalSecondaryIndexUpdates": [CREATE]},
            "Create global secondary index cannot be specified when updating WarmThroughput",
        ),
        (
            {
                "OnDemandThroughput": {"MaxReadRequestUnits": 9},
                "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            },
            "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request",
        ),
        (
            {
                "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6},
            },
            "You cannot modify stream status while updating table IOPS",
        ),
        (
            {
                "GlobalSecondaryIndexUpdates": [CREATE],
                "ProvisionedThroughput": {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6},
            },
            "You cannot create or delete index while updating table IOPS",
        ),
        (
            {
                "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "by-g"}}],
                "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            },
            "You cannot create or delete index while changing stream status",
        ),
    ],
    ids=[
        "sse-and-protection",
        "sse-and-class",
        "class-and-protection",
        "protection-and-billing",
        "protection-and-warm",
        "protection-and-index",
        "warm-and-capacity",
        "warm-and-index",
        "on-demand-and-stream",
        "stream-and-capacity",
        "index-and-capacity",
        "index-and-stream",
    ],
)
def test_changes_that_must_come_one_at_a_time(
    fake: FakeDynamoDBClient, refuses: Refuses, members: dict[str, object], message: str
) -> None:
    with refuses("ValidationException", INVALID + message):
        fake.update_table(**request(**members))


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        ({"StreamEnabled": True}, "If stream is being enabled then UpdateViewType is required"),
        (
            {"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"},
            "If stream is being disabled, then UpdateViewType must not be specified",
        ),
    ],
    ids=["enable-without-view", "disable-with-view"],
)
def test_stream_view_type_goes_with_switching_on(
    fake: FakeDynamoDBClient, refuses: Refuses, stream: dict[str, object], message: str
) -> None:
    with refuses("ValidationException", INVALID + message):
        fake.update_table(**request(StreamSpecification=stream))


def test_billing_mode_provisioned_needs_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED",
    ):
        fake.update_table(TableName="things", BillingMode="PROVISIONED")


def test_billing_mode_on_demand_takes_no_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # Asking for on-demand billing and capacity in one request is refused in these words.
    with refuses(
        "ValidationException",
        INVALID + "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST",
    ):
        fake.update_table(
            TableName="things",
            BillingMode="PAY_PER_REQUEST",
            ProvisionedThroughput={"ReadCapacityUnits": 6, "WriteCapacityUnits": 6},
        )


def test_request_rules_come_before_the_table_lookup(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", NOTHING):
        fake.update_table(TableName="missing")


def test_a_missing_table_is_not_found(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ResourceNotFoundException", "Requested resource not found: Table: missing not found"
    ):
        fake.update_table(TableName="missing", DeletionProtectionEnabled=True)


def test_global_table_members_are_not_supported(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "ReplicaUpdates is not supported by the in-memory DynamoDB",
    ):
        fake.update_table(
            TableName="things", ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}]
        )
