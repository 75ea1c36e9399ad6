"""Every control-plane response fits the operation's output shape in botocore's model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pytest
from botocore.validate import ParamValidator

from dynantic.testing.model import operation_model

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import CreateTableInputTypeDef, GlobalSecondaryIndexTypeDef

    from dynantic.testing import FakeDynamoDBClient

ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"
_VALIDATOR = ParamValidator()


# The model gives NumberOfDecreasesToday a minimum of 1; the service reports 0 until the
# first decrease of the day, as its API reference documents.
_MODEL_QUIRKS = re.compile(r"NumberOfDecreasesToday, value: 0, valid min value: 1")


def assert_fits_output_shape(operation: str, response: Mapping[str, object]) -> None:
    """Types, required members and no member the model does not know."""
    body = {name: value for name, value in response.items() if name != "ResponseMetadata"}
    shape = operation_model(operation).output_shape
    assert shape is not None
    report = _VALIDATOR.validate(body, shape)
    problems = (
        [
            line
            for line in report.generate_report().splitlines()
            if line.strip() and not _MODEL_QUIRKS.search(line)
        ]
        if report.has_errors()
        else []
    )
    assert problems == []


def everything(billing: str) -> CreateTableInputTypeDef:
    """A table with every setting CreateTable takes."""
    index: GlobalSecondaryIndexTypeDef = {
        "IndexName": "by-g",
        "KeySchema": [
            {"AttributeName": "g1", "KeyType": "HASH"},
            {"AttributeName": "g2", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    }
    request: CreateTableInputTypeDef = {
        "TableName": "things",
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": "S"} for name in ["pk", "sk", "l", "g1", "g2"]
        ],
        "LocalSecondaryIndexes": [
            {
                "IndexName": "by-l",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "l", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]},
            }
        ],
        "GlobalSecondaryIndexes": [index],
        "BillingMode": "PAY_PER_REQUEST",
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        "SSESpecification": {"Enabled": True},
        "TableClass": "STANDARD_INFREQUENT_ACCESS",
        "Tags": [{"Key": "team", "Value": "blue"}],
        "WarmThroughput": {"ReadUnitsPerSecond": 12_500},
    }
    if billing == "PROVISIONED":
        request["BillingMode"] = "PROVISIONED"
        request["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        request["GlobalSecondaryIndexes"] = [
            {
                **index,
                "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
            }
        ]
        request["WarmThroughput"] = {"ReadUnitsPerSecond": 12_500, "WriteUnitsPerSecond": 5}
    else:
        request["OnDemandThroughput"] = {"MaxReadRequestUnits": 100}
    return request


@pytest.mark.parametrize("billing", ["PAY_PER_REQUEST", "PROVISIONED"])
def test_table_descriptions_fit_their_shapes(fake: FakeDynamoDBClient, billing: str) -> None:
    assert_fits_output_shape("CreateTable", fake.create_table(**everything(billing)))
    assert_fits_output_shape("DescribeTable", fake.describe_table(TableName="things"))
    assert_fits_output_shape("ListTables", fake.list_tables(Limit=1))
    assert_fits_output_shape("ListTagsOfResource", fake.list_tags_of_resource(ResourceArn=ARN))
    assert_fits_output_shape(
        "UpdateTimeToLive",
        fake.update_time_to_live(
            TableName="things", TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"}
        ),
    )
    assert_fits_output_shape("DescribeTimeToLive", fake.describe_time_to_live(TableName="things"))
    assert_fits_output_shape("DeleteTable", fake.delete_table(TableName="things"))


def test_update_table_responses_fit_their_shape(fake: FakeDynamoDBClient) -> None:
    fake.create_table(**everything("PROVISIONED"))
    fake.clock.move_to(1_800_000_000, tick=False)
    responses = [
        fake.update_table(
            TableName="things",
            ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 6},
        ),
        fake.update_table(
            TableName="things",
            GlobalSecondaryIndexUpdates=[
                {
                    "Update": {
                        "IndexName": "by-g",
                        "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
                    }
                }
            ],
        ),
        fake.update_table(TableName="things", BillingMode="PAY_PER_REQUEST"),
        fake.update_table(TableName="things", OnDemandThroughput={"MaxReadRequestUnits": 9}),
        fake.update_table(TableName="things", WarmThroughput={"ReadUnitsPerSecond": 13_000}),
        fake.update_table(
            TableName="things",
            AttributeDefinitions=[{"AttributeName": "n", "AttributeType": "N"}],
            GlobalSecondaryIndexUpdates=[
                {
                    "Create": {
                        "IndexName": "by-n",
                        "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"},
                    }
                }
            ],
        ),
        fake.update_table(
            TableName="things", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-n"}}]
        ),
        fake.update_table(TableName="things", StreamSpecification={"StreamEnabled": False}),
        fake.update_table(TableName="things", SSESpecification={"Enabled": False}),
        fake.update_table(TableName="things", TableClass="STANDARD"),
        fake.update_table(TableName="things", DeletionProtectionEnabled=True),
    ]
    for response in responses:
        assert_fits_output_shape("UpdateTable", response)
    assert_fits_output_shape("DescribeTable", fake.describe_table(TableName="things"))
