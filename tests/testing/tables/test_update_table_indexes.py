"""UpdateTable: creating, deleting and updating global secondary indexes."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateGlobalSecondaryIndexActionTypeDef,
        CreateTableInputTypeDef,
        GlobalSecondaryIndexTypeDef,
        GlobalSecondaryIndexUpdateTypeDef,
        KeySchemaElementTypeDef,
        ProvisionedThroughputTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"
ONE: ProvisionedThroughputTypeDef = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}


def attributes(*names: str) -> list[AttributeDefinitionTypeDef]:
    return [{"AttributeName": name, "AttributeType": "S"} for name in names]


def hash_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "HASH"}


def range_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "RANGE"}


def create_table(client: FakeDynamoDBClient, *, on_demand: bool) -> None:
    """Keyed on pk and sk, with a local index on l and a global index on g."""
    index: GlobalSecondaryIndexTypeDef = {
        "IndexName": "by-g",
        "KeySchema": [hash_key("g")],
        "Projection": {"ProjectionType": "ALL"},
    }
    request: CreateTableInputTypeDef = {
        "TableName": "things",
        "KeySchema": [hash_key("pk"), range_key("sk")],
        "AttributeDefinitions": attributes("pk", "sk", "l", "g"),
        "LocalSecondaryIndexes": [
            {
                "IndexName": "by-l",
                "KeySchema": [hash_key("pk"), range_key("l")],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        "GlobalSecondaryIndexes": [index],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if not on_demand:
        request["BillingMode"] = "PROVISIONED"
        request["ProvisionedThroughput"] = ONE
        request["GlobalSecondaryIndexes"] = [{**index, "ProvisionedThroughput": ONE}]
    client.create_table(**request)


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    create_table(fake, on_demand=True)
    return fake


@pytest.fixture
def provisioned(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.delete_table(TableName="things")
    create_table(fake, on_demand=False)
    return fake


def new_index(
    name: str = "by-h", keys: list[KeySchemaElementTypeDef] | None = None
) -> CreateGlobalSecondaryIndexActionTypeDef:
    return {
        "IndexName": name,
        "KeySchema": keys or [hash_key("h")],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    }


def index_names(client: FakeDynamoDBClient) -> list[str]:
    table = client.describe_table(TableName="things")["Table"]
    return [index.get("IndexName", "") for index in table.get("GlobalSecondaryIndexes", [])]


def definitions(client: FakeDynamoDBClient) -> list[str]:
    table = client.describe_table(TableName="things")["Table"]
    return [attribute["AttributeName"] for attribute in table.get("AttributeDefinitions", [])]


# ------------------------------------------------------------------ create


def test_creating_an_index_needs_attribute_definitions(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException", INVALID + "AttributeDefinitions is not specified for index: by-h"
    ):
        fake.update_table(TableName="things", GlobalSecondaryIndexUpdates=[{"Create": new_index()}])


def test_the_new_key_attribute_alone_is_enough(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(
        TableName="things",
        AttributeDefinitions=attributes("h"),
        GlobalSecondaryIndexUpdates=[{"Create": new_index()}],
    )["TableDescription"]
    assert answered.get("TableStatus") == "UPDATING"
    created = answered.get("GlobalSecondaryIndexes", [])[-1]
    assert created == {
        "IndexName": "by-h",
        "KeySchema": [hash_key("h")],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
        "IndexStatus": "CREATING",
        "Backfilling": False,
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": 0,
            "WriteCapacityUnits": 0,
        },
        "IndexSizeBytes": 0,
        "ItemCount": 0,
        "IndexArn": f"{ARN}/index/by-h",
    }
    assert index_names(fake) == ["by-g", "by-h"]
    assert definitions(fake) == ["g", "h", "l", "pk", "sk"]
    table = fake.describe_table(TableName="things")["Table"]
    assert table.get("GlobalSecondaryIndexes", [])[-1].get("IndexStatus") == "ACTIVE"


def test_unused_or_retyped_definitions_beside_an_index_change_are_ignored(
    fake: FakeDynamoDBClient,
) -> None:
    fake.update_table(
        TableName="things",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "N"},
            {"AttributeName": "h", "AttributeType": "S"},
            {"AttributeName": "unused", "AttributeType": "B"},
        ],
        GlobalSecondaryIndexUpdates=[{"Create": new_index()}],
    )
    table = fake.describe_table(TableName="things")["Table"]
    assert {"AttributeName": "pk", "AttributeType": "S"} in table.get("AttributeDefinitions", [])
    assert definitions(fake) == ["g", "h", "l", "pk", "sk"]


def test_a_new_index_key_must_be_defined(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [h], AttributeDefinitions: [x]",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("x"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index()}],
        )


def test_the_tables_own_definitions_do_not_define_a_new_index_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # pk is the table's partition key, defined when the table was made, but not
    # in this request (nubo-db/dynamodb-conformance's Ketlark fork, eu-west-2).
    index: CreateGlobalSecondaryIndexActionTypeDef = {
        "IndexName": "by-pk-h",
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "h", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    }
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [h, pk], AttributeDefinitions: [h]",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": index}],
        )
    fake.update_table(
        TableName="things",
        AttributeDefinitions=[*attributes("h"), {"AttributeName": "pk", "AttributeType": "S"}],
        GlobalSecondaryIndexUpdates=[{"Create": index}],
    )


@pytest.mark.parametrize("name", ["by-g", "by-l"])
def test_an_index_name_in_use_cannot_be_created(
    fake: FakeDynamoDBClient, refuses: Refuses, name: str
) -> None:
    with refuses("ValidationException", "Attempting to create an index which already exists"):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index(name)}],
        )


def test_a_new_index_may_have_a_multi_attribute_key(fake: FakeDynamoDBClient) -> None:
    keys = [hash_key("a"), hash_key("b"), range_key("c")]
    fake.update_table(
        TableName="things",
        AttributeDefinitions=attributes("a", "b", "c"),
        GlobalSecondaryIndexUpdates=[{"Create": new_index("by-abc", keys)}],
    )
    table = fake.describe_table(TableName="things")["Table"]
    assert table.get("GlobalSecondaryIndexes", [])[-1].get("KeySchema") == keys


def test_a_new_index_follows_the_multi_attribute_limits(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    names = [f"k{n}" for n in range(5)]
    with refuses(
        "ValidationException",
        INVALID + "The KeySchema exceeds the maximum allowed number of HASH key attributes",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes(*names),
            GlobalSecondaryIndexUpdates=[
                {"Create": new_index("wide", [hash_key(name) for name in names])}
            ],
        )


def test_a_new_index_of_an_on_demand_table_takes_no_capacity(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    index = new_index()
    index["ProvisionedThroughput"] = ONE
    with refuses(
        "ValidationException",
        INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: "
        "by-h when BillingMode is PAY_PER_REQUEST",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": index}],
        )


def test_a_new_index_of_a_provisioned_table_needs_capacity(
    provisioned: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: by-h",
    ):
        provisioned.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index()}],
        )


@pytest.mark.parametrize(
    "second",
    [{"Create": new_index("by-i", [hash_key("h")])}, {"Delete": {"IndexName": "by-g"}}],
    ids=["two-creates", "create-and-delete"],
)
def test_one_index_created_or_deleted_at_a_time(
    fake: FakeDynamoDBClient, refuses: Refuses, second: GlobalSecondaryIndexUpdateTypeDef
) -> None:
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Only 1 online index can be created or deleted "
        "simultaneously per table",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index()}, second],
        )


def test_a_twenty_first_global_index_is_a_limit(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    for n in range(19):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index(f"idx{n}")}],
        )
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit "
        "of 20",
    ):
        fake.update_table(
            TableName="things",
            AttributeDefinitions=attributes("h"),
            GlobalSecondaryIndexUpdates=[{"Create": new_index("idx-last")}],
        )


def test_an_index_created_while_switching_to_on_demand(provisioned: FakeDynamoDBClient) -> None:
    provisioned.update_table(
        TableName="things",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=attributes("h"),
        GlobalSecondaryIndexUpdates=[{"Create": new_index()}],
    )
    assert index_names(provisioned) == ["by-g", "by-h"]


# ------------------------------------------------------------------ delete


def test_deleting_an_index_drops_definitions_no_key_uses(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(
        TableName="things", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}]
    )["TableDescription"]
    assert answered.get("TableStatus") == "UPDATING"
    assert [index.get("IndexStatus") for index in answered.get("GlobalSecondaryIndexes", [])] == [
        "DELETING"
    ]
    assert index_names(fake) == []
    assert definitions(fake) == ["l", "pk", "sk"]


def test_deletion_protection_does_not_protect_indexes(fake: FakeDynamoDBClient) -> None:
    fake.update_table(TableName="things", DeletionProtectionEnabled=True)
    fake.update_table(
        TableName="things", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}]
    )
    assert index_names(fake) == []


def test_a_deleted_index_name_can_be_created_again(fake: FakeDynamoDBClient) -> None:
    fake.update_table(
        TableName="things", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}]
    )
    fake.update_table(
        TableName="things",
        AttributeDefinitions=attributes("h"),
        GlobalSecondaryIndexUpdates=[{"Create": new_index("by-g")}],
    )
    assert index_names(fake) == ["by-g"]


def delete(name: str) -> GlobalSecondaryIndexUpdateTypeDef:
    return {"Delete": {"IndexName": name}}


def cap(name: str) -> GlobalSecondaryIndexUpdateTypeDef:
    return {"Update": {"IndexName": name, "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}


@pytest.mark.parametrize(("update", "action"), [(delete, "delete"), (cap, "update")])
def test_local_indexes_cannot_be_changed(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    update: Callable[[str], GlobalSecondaryIndexUpdateTypeDef],
    action: str,
) -> None:
    with refuses(
        "ValidationException", f"Cannot {action} an index that is not a GlobalSecondaryIndex: by-l"
    ):
        fake.update_table(TableName="things", GlobalSecondaryIndexUpdates=[update("by-l")])


@pytest.mark.parametrize("update", [delete, cap], ids=["delete", "update"])
def test_a_missing_index_is_not_found(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    update: Callable[[str], GlobalSecondaryIndexUpdateTypeDef],
) -> None:
    with refuses(
        "ResourceNotFoundException", "Requested resource not found: Index ghost for table things"
    ):
        fake.update_table(TableName="things", GlobalSecondaryIndexUpdates=[update("ghost")])


# ------------------------------------------------------------------ update


def test_updating_an_index_answers_its_old_capacity(provisioned: FakeDynamoDBClient) -> None:
    answered = provisioned.update_table(
        TableName="things",
        GlobalSecondaryIndexUpdates=[
            {
                "Update": {
                    "IndexName": "by-g",
                    "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
                }
            }
        ],
    )["TableDescription"]
    assert answered.get("TableStatus") == "ACTIVE"
    index = answered.get("GlobalSecondaryIndexes", [])[0]
    assert index.get("IndexStatus") == "UPDATING"
    assert index.get("ProvisionedThroughput") == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 1,
        "WriteCapacityUnits": 1,
    }
    table = provisioned.describe_table(TableName="things")["Table"]
    index = table.get("GlobalSecondaryIndexes", [])[0]
    assert index.get("IndexStatus") == "ACTIVE"
    capacity = index.get("ProvisionedThroughput", {})
    assert (capacity.get("ReadCapacityUnits"), capacity.get("WriteCapacityUnits")) == (2, 2)
    assert "LastIncreaseDateTime" in capacity


def test_an_index_capacity_that_does_not_change_is_refused(
    provisioned: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "The provisioned throughput for the index by-g will not change. The requested value "
        "equals the current value. Current ReadCapacityUnits provisioned for index by-g: 1. "
        "Requested ReadCapacityUnits: 1. Current WriteCapacityUnits provisioned for index by-g: "
        "1. Requested WriteCapacityUnits: 1. Refer to the Amazon DynamoDB Developer Guide for "
        "current limits and how to request higher limits.",
    ):
        provisioned.update_table(
            TableName="things",
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "by-g", "ProvisionedThroughput": ONE}}
            ],
        )


def test_an_on_demand_index_takes_only_caps_and_warm_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    message = (
        INVALID + "The only Updates for index: by-g when TableThroughputMode is PAY_PER_REQUEST "
        "can be to OnDemandThroughput, WarmThroughput"
    )
    with refuses("ValidationException", message):
        fake.update_table(
            TableName="things",
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "by-g", "ProvisionedThroughput": ONE}}
            ],
        )
    with refuses("ValidationException", message):
        fake.update_table(
            TableName="things", GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "by-g"}}]
        )


def test_an_on_demand_index_takes_caps(fake: FakeDynamoDBClient) -> None:
    fake.update_table(
        TableName="things",
        GlobalSecondaryIndexUpdates=[
            {"Update": {"IndexName": "by-g", "OnDemandThroughput": {"MaxReadRequestUnits": 50}}}
        ],
    )
    table = fake.describe_table(TableName="things")["Table"]
    index = table.get("GlobalSecondaryIndexes", [])[0]
    assert index.get("OnDemandThroughput") == {"MaxReadRequestUnits": 50}
    assert "OnDemandThroughput" not in table


def test_a_provisioned_index_takes_no_caps(
    provisioned: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        INVALID + "MaxReadRequestUnits for OnDemandThroughput for index : by-g cannot be "
        "specified when the table BillingMode is PROVISIONED",
    ):
        provisioned.update_table(
            TableName="things",
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "by-g", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}
            ],
        )


def test_an_index_warm_throughput_never_decreases(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for index by-g is lower than "
        "current WarmThroughput, decreasing WarmThroughput is not supported",
    ):
        fake.update_table(
            TableName="things",
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "by-g", "WarmThroughput": {"ReadUnitsPerSecond": 100}}}
            ],
        )


def test_creating_one_index_and_updating_another_in_one_request(
    provisioned: FakeDynamoDBClient,
) -> None:
    index = new_index()
    index["ProvisionedThroughput"] = ONE
    provisioned.update_table(
        TableName="things",
        AttributeDefinitions=attributes("h"),
        GlobalSecondaryIndexUpdates=[
            {"Create": index},
            {
                "Update": {
                    "IndexName": "by-g",
                    "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3},
                }
            },
        ],
    )
    assert index_names(provisioned) == ["by-g", "by-h"]
