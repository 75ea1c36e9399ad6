"""DescribeEndpoints."""

from __future__ import annotations

import pytest

from dynantic.testing import FakeDynamoDBClient


@pytest.mark.parametrize(
    ("region", "host"),
    [
        ("us-east-1", "dynamodb.us-east-1.amazonaws.com"),
        ("eu-west-2", "dynamodb.eu-west-2.amazonaws.com"),
        ("us-gov-west-1", "dynamodb.us-gov-west-1.amazonaws.com"),
        ("cn-north-1", "dynamodb.cn-north-1.amazonaws.com.cn"),
    ],
)
def test_describe_endpoints_names_the_regional_host_in_its_partitions_domain(
    region: str, host: str
) -> None:
    answer = FakeDynamoDBClient(region_name=region).describe_endpoints()
    assert answer["Endpoints"] == [{"Address": host, "CachePeriodInMinutes": 1440}]
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_describe_endpoints_is_recorded_like_any_call() -> None:
    fake = FakeDynamoDBClient()
    fake.describe_endpoints()
    assert fake.calls.last.operation == "describe_endpoints"
