"""CreateTable: billing and capacity, streams, encryption, class, protection and tags."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        CreateTableInputTypeDef,
        SSESpecificationTypeDef,
        StreamSpecificationTypeDef,
        TagTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"


def on_demand() -> CreateTableInputTypeDef:
    return {
        "TableName": "things",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }


def provisioned(read: int = 1, write: int = 1) -> CreateTableInputTypeDef:
    request = on_demand()
    request["BillingMode"] = "PROVISIONED"
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": read, "WriteCapacityUnits": write}
    return request


# ------------------------------------------------------------------ billing and capacity


def test_on_demand_tables_take_no_provisioned_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = on_demand()
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    with refuses(
        "ValidationException",
        INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
        "BillingMode is PAY_PER_REQUEST",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize("billing_mode", ["PROVISIONED", None])
def test_provisioned_tables_need_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses, billing_mode: str | None
) -> None:
    request = on_demand()
    del request["BillingMode"]
    if billing_mode is not None:
        request["BillingMode"] = "PROVISIONED"
    with refuses(
        "ValidationException",
        INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
        "BillingMode is PROVISIONED",
    ):
        fake.create_table(**request)


def test_billing_mode_defaults_to_provisioned(fake: FakeDynamoDBClient) -> None:
    request = provisioned(2, 3)
    del request["BillingMode"]
    created = fake.create_table(**request)["TableDescription"]
    assert created.get("ProvisionedThroughput") == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 2,
        "WriteCapacityUnits": 3,
    }
    assert "BillingModeSummary" not in created
    assert "BillingModeSummary" not in fake.describe_table(TableName="things")["Table"]


@pytest.mark.parametrize(
    ("read", "write", "name"),
    [(10**12 + 1, 10**12 + 1, "ReadCapacityUnits"), (10**12, 10**12 + 1, "WriteCapacityUnits")],
)
def test_capacity_above_a_trillion_is_out_of_bounds(
    fake: FakeDynamoDBClient, refuses: Refuses, read: int, write: int, name: str
) -> None:
    with refuses("ValidationException", f"Given value {10**12 + 1} for {name} is out of bounds"):
        fake.create_table(**provisioned(read, write))


def test_capacity_above_the_per_table_quota_is_a_limit(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "LimitExceededException",
        "The requested ReadCapacityUnits, 40001, is above the per table maximum for the "
        "account in us-east-1. Per table maximum: 40000. Refer to the Amazon DynamoDB "
        "Developer Guide for current limits and how to request higher limits.",
    ):
        fake.create_table(**provisioned(40_001, 1))
    fake.create_table(**provisioned(40_000, 40_000))


def test_index_capacity_above_the_per_index_quota_is_a_limit(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = provisioned()
    request["AttributeDefinitions"] = [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "g", "AttributeType": "S"},
    ]
    request["GlobalSecondaryIndexes"] = [
        {
            "IndexName": "by-g",
            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
            "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 40_001},
        }
    ]
    with refuses(
        "LimitExceededException",
        "The requested WriteCapacityUnits for index by-g, 40001, is above the per index "
        "maximum for the account in us-east-1. Per table maximum: 40000. Refer to the Amazon "
        "DynamoDB Developer Guide for current limits and how to request higher limits.",
    ):
        fake.create_table(**request)


def test_on_demand_caps_need_an_on_demand_table(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = provisioned()
    request["OnDemandThroughput"] = {"MaxWriteRequestUnits": 10}
    with refuses(
        "ValidationException",
        INVALID + "MaxWriteRequestUnits for OnDemandThroughput cannot be specified when table "
        "BillingMode is PROVISIONED.",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize("units", [0, -1, -2])
def test_on_demand_caps_are_positive(
    fake: FakeDynamoDBClient, refuses: Refuses, units: int
) -> None:
    request = on_demand()
    request["OnDemandThroughput"] = {"MaxReadRequestUnits": units, "MaxWriteRequestUnits": units}
    with refuses(
        "ValidationException",
        INVALID + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside "
        "of valid range",
    ):
        fake.create_table(**request)


def test_on_demand_caps_above_the_table_quota_are_a_limit(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = on_demand()
    request["OnDemandThroughput"] = {"MaxReadRequestUnits": 40_001}
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Requested MaxReadRequestUnits for OnDemandThroughput for "
        "table exceeds TableMaxReadCapacityUnits of the account in region us-east-1",
    ):
        fake.create_table(**request)


def test_on_demand_caps_are_described_as_given(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["OnDemandThroughput"] = {"MaxReadRequestUnits": 100}
    created = fake.create_table(**request)["TableDescription"]
    assert created.get("OnDemandThroughput") == {"MaxReadRequestUnits": 100}
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("OnDemandThroughput") == {"MaxReadRequestUnits": 100}


def test_an_empty_on_demand_cap_is_no_cap(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["OnDemandThroughput"] = {}
    fake.create_table(**request)
    assert "OnDemandThroughput" not in fake.describe_table(TableName="things")["Table"]


def test_warm_throughput_is_at_least_the_on_demand_start(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = on_demand()
    request["WarmThroughput"] = {"ReadUnitsPerSecond": 12_000, "WriteUnitsPerSecond": 3_999}
    with refuses(
        "ValidationException",
        INVALID + "Requested WriteUnitsPerSecond for WarmThroughput for table is lower than "
        "initial throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/"
        "developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial",
    ):
        fake.create_table(**request)


def test_warm_throughput_is_at_least_the_provisioned_capacity(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = provisioned(10, 10)
    request["WarmThroughput"] = {"ReadUnitsPerSecond": 5, "WriteUnitsPerSecond": 5}
    with refuses(
        "ValidationException",
        INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than "
        "ReadCapacityUnits of ProvisionedThroughput",
    ):
        fake.create_table(**request)


def test_warm_throughput_defaults_to_the_on_demand_start(fake: FakeDynamoDBClient) -> None:
    created = fake.create_table(**on_demand())["TableDescription"]
    assert "WarmThroughput" not in created
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("WarmThroughput") == {
        "ReadUnitsPerSecond": 12_000,
        "WriteUnitsPerSecond": 4_000,
        "Status": "ACTIVE",
    }


def test_warm_throughput_of_provisioned_tables_is_their_capacity(
    fake: FakeDynamoDBClient,
) -> None:
    fake.create_table(**provisioned(5, 7))
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("WarmThroughput") == {
        "ReadUnitsPerSecond": 5,
        "WriteUnitsPerSecond": 7,
        "Status": "ACTIVE",
    }


def test_requested_warm_throughput_is_kept_member_by_member(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["WarmThroughput"] = {"ReadUnitsPerSecond": 12_001}
    created = fake.create_table(**request)["TableDescription"]
    assert "WarmThroughput" in created
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("WarmThroughput") == {
        "ReadUnitsPerSecond": 12_001,
        "WriteUnitsPerSecond": 4_000,
        "Status": "ACTIVE",
    }


# ------------------------------------------------------------------ streams


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (
            {"StreamEnabled": True},
            "Table is being created with a stream enabled, UpdateViewType is required",
        ),
        (
            {"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"},
            "Table is being created with a stream disabled, UpdateViewType should not be specified",
        ),
    ],
    ids=["enabled-without-view", "disabled-with-view"],
)
def test_stream_view_type_goes_with_an_enabled_stream(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    stream: StreamSpecificationTypeDef,
    message: str,
) -> None:
    request = on_demand()
    request["StreamSpecification"] = stream
    with refuses("ValidationException", INVALID + message):
        fake.create_table(**request)


def test_an_enabled_stream_is_described_with_its_label_and_arn(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    created = fake.create_table(**request)["TableDescription"]
    described = fake.describe_table(TableName="things")["Table"]
    for description in (created, described):
        assert description.get("StreamSpecification") == {
            "StreamEnabled": True,
            "StreamViewType": "NEW_IMAGE",
        }
        label = description.get("LatestStreamLabel", "")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", label)
        assert description.get("LatestStreamArn") == f"{ARN}/stream/{label}"


def test_a_disabled_stream_is_no_stream(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["StreamSpecification"] = {"StreamEnabled": False}
    fake.create_table(**request)
    described = fake.describe_table(TableName="things")["Table"]
    assert not {"StreamSpecification", "LatestStreamLabel", "LatestStreamArn"} & set(described)


# ------------------------------------------------------------------ encryption


@pytest.mark.parametrize(
    ("sse", "message"),
    [
        ({"Enabled": False, "SSEType": "KMS"}, "SSEType can not be specified if Enabled is false"),
        (
            {"Enabled": False, "KMSMasterKeyId": "key"},
            "KMSMasterKeyId can not be specified if Enabled is false",
        ),
        ({"Enabled": True, "SSEType": "AES256"}, "SSEType AES256 is not supported"),
        (
            {"Enabled": True, "KMSMasterKeyId": "key"},
            "SSEType KMS is required if KMSMasterKeyId is specified",
        ),
    ],
    ids=["type-when-off", "key-when-off", "aes256", "key-without-kms"],
)
def test_encryption_settings_rules(
    fake: FakeDynamoDBClient, refuses: Refuses, sse: SSESpecificationTypeDef, message: str
) -> None:
    request = on_demand()
    request["SSESpecification"] = sse
    with refuses("ValidationException", INVALID + message):
        fake.create_table(**request)


@pytest.mark.parametrize("sse", [{}, {"Enabled": False}], ids=["empty", "disabled"])
def test_default_encryption_is_not_described(
    fake: FakeDynamoDBClient, sse: SSESpecificationTypeDef
) -> None:
    request = on_demand()
    request["SSESpecification"] = sse
    fake.create_table(**request)
    assert "SSEDescription" not in fake.describe_table(TableName="things")["Table"]


@pytest.mark.parametrize(
    "sse", [{"Enabled": True}, {"SSEType": "KMS"}], ids=["enabled", "kms-type"]
)
def test_kms_encryption_uses_the_aws_managed_key(
    fake: FakeDynamoDBClient, sse: SSESpecificationTypeDef
) -> None:
    request = on_demand()
    request["SSESpecification"] = sse
    fake.create_table(**request)
    description = fake.describe_table(TableName="things")["Table"].get("SSEDescription", {})
    assert description.get("Status") == "ENABLED"
    assert description.get("SSEType") == "KMS"
    assert re.fullmatch(
        r"arn:aws:kms:us-east-1:123456789012:key/[0-9a-f-]{36}",
        description.get("KMSMasterKeyArn", ""),
    )


def test_a_customer_key_id_becomes_its_arn(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    key = "abcd1234-abcd-1234-a123-ab1234a1b234"
    request["SSESpecification"] = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}
    created = fake.create_table(**request)["TableDescription"]
    assert created.get("SSEDescription") == {
        "Status": "ENABLED",
        "SSEType": "KMS",
        "KMSMasterKeyArn": f"arn:aws:kms:us-east-1:123456789012:key/{key}",
    }


# ------------------------------------------------------------------ class, protection, tags


def test_table_class_is_described_when_given(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["TableClass"] = "STANDARD_INFREQUENT_ACCESS"
    fake.create_table(**request)
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("TableClassSummary") == {"TableClass": "STANDARD_INFREQUENT_ACCESS"}


def test_table_class_is_not_described_when_not_given(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**on_demand())
    assert "TableClassSummary" not in fake.describe_table(TableName="things")["Table"]


def test_deletion_protection_is_always_described(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**on_demand())
    request = on_demand()
    request["TableName"] = "protected"
    request["DeletionProtectionEnabled"] = True
    fake.create_table(**request)
    assert (
        fake.describe_table(TableName="things")["Table"].get("DeletionProtectionEnabled") is False
    )
    assert fake.describe_table(TableName="protected")["Table"].get("DeletionProtectionEnabled")


def test_tags_given_at_creation_are_listed(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["Tags"] = [{"Key": "team", "Value": "blue"}, {"Key": "Env", "Value": ""}]
    fake.create_table(**request)
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == [
        {"Key": "Env", "Value": ""},
        {"Key": "team", "Value": "blue"},
    ]


def test_an_empty_tag_list_at_creation_is_accepted(fake: FakeDynamoDBClient) -> None:
    request = on_demand()
    request["Tags"] = []
    fake.create_table(**request)
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == []


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (
            [{"Key": "aws:owner", "Value": "x"}],
            "Tag Key cannot be prefixed with aws:, Key: aws:owner",
        ),
        (
            [{"Key": "k" * 129, "Value": "x"}],
            f"The Tag Key provided is invalid, Key: {'k' * 129}",
        ),
        ([{"Key": "a#b", "Value": "x"}], "The Tag Key provided is invalid, Key: a#b"),
        (
            [{"Key": "k", "Value": "x"}, {"Key": "k", "Value": "y"}],
            "Duplicate Tag Keys provided as input: Duplicate Tag Key found k",
        ),
        (
            [{"Key": f"k{n}", "Value": "x"} for n in range(51)],
            "Number of Tags exceed the current limit for the provided ResourceArn",
        ),
    ],
    ids=["reserved", "long-key", "bad-character", "duplicate", "too-many"],
)
def test_invalid_tags_refuse_the_whole_table(
    fake: FakeDynamoDBClient, refuses: Refuses, tags: list[TagTypeDef], message: str
) -> None:
    request = on_demand()
    request["Tags"] = tags
    with refuses("ValidationException", message):
        fake.create_table(**request)


# ------------------------------------------------------------------ existing names


def test_an_existing_table_name_is_in_use(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    fake.create_table(**on_demand())
    with refuses("ResourceInUseException", "Table already exists: things"):
        fake.create_table(**provisioned())


def test_an_invalid_request_for_an_existing_name_is_invalid_first(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.create_table(**on_demand())
    request = on_demand()
    request["KeySchema"] = [{"AttributeName": "pk", "KeyType": "RANGE"}]
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    ):
        fake.create_table(**request)


def test_table_names_are_case_sensitive(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**on_demand())
    request = on_demand()
    request["TableName"] = "THINGS"
    fake.create_table(**request)
    assert fake.list_tables()["TableNames"] == ["THINGS", "things"]


def test_vector_indexes_are_not_supported(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = on_demand()
    request["VectorIndexes"] = [
        {
            "IndexName": "by-vector",
            "VectorAttribute": {"AttributeName": "v"},
            "Dimensions": 3,
            "DistanceFunction": "COSINE",
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
    ]
    with refuses("ValidationException", "VectorIndexes is not supported by the in-memory DynamoDB"):
        fake.create_table(**request)
