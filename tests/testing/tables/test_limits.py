"""DescribeLimits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dynantic.testing import FakeDynamoDBClient


def test_describe_limits_answers_the_default_quotas_whatever_the_tables_hold(
    fake: FakeDynamoDBClient,
) -> None:
    fake.create_table(
        TableName="ledger",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 300, "WriteCapacityUnits": 200},
    )
    limits = fake.describe_limits()
    assert {key: value for key, value in limits.items() if key != "ResponseMetadata"} == {
        "AccountMaxReadCapacityUnits": 80000,
        "AccountMaxWriteCapacityUnits": 80000,
        "TableMaxReadCapacityUnits": 40000,
        "TableMaxWriteCapacityUnits": 40000,
    }
