"""dynantic.testing: an in-memory DynamoDB that answers as the service does."""

from __future__ import annotations

from dynantic.testing.client import FakeDynamoDBClient
from dynantic.testing.engine.clock import Clock

__all__ = ["Clock", "FakeDynamoDBClient"]
