"""dynantic.testing: an in-memory DynamoDB that answers as the service does."""

from __future__ import annotations

__all__: list[str] = []
