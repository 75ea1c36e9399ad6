"""Fixtures for the HTTP endpoint: a fake, an endpoint over its service and a
boto3 client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.server import serve

from .endpoint_helpers import remote_client

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


@pytest.fixture
def fake() -> FakeDynamoDBClient:
    """An in-memory DynamoDB with one table, ``users`` (partition key ``pk``)."""
    client = FakeDynamoDBClient()
    client.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


@pytest.fixture
def url(fake: FakeDynamoDBClient) -> Iterator[str]:
    """An endpoint over the fake's service."""
    with serve(fake.service) as endpoint_url:
        yield endpoint_url


@pytest.fixture
def remote(url: str) -> DynamoDBClient:
    """boto3 talking HTTP to the endpoint."""
    return remote_client(url)
