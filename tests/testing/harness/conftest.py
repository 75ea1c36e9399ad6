"""A fake with two tables, the starting point of most harness tests."""

from __future__ import annotations

import pytest

from dynantic.testing import FakeDynamoDBClient


@pytest.fixture
def fake() -> FakeDynamoDBClient:
    client = FakeDynamoDBClient()
    client.add_tables(users="pk", orders=("customer", "placed:N"))
    return client
