"""dynantic.testing: an in-memory DynamoDB that answers as the service does.

Names are loaded on first use, so importing this package (as pytest does for
the plugin in :mod:`dynantic.testing.pytest_plugin`) costs nothing until a
test asks for the fake; botocore and boto3 are imported then.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dynantic.testing.calls import Call, CallAssertionError, Calls
    from dynantic.testing.client import FakeDynamoDBClient
    from dynantic.testing.engine.clock import Clock
    from dynantic.testing.faults import (
        ConflictRule,
        FaultCode,
        FaultRule,
        Faults,
        UnprocessedRule,
    )
    from dynantic.testing.isolation import RealClientBlockedError, block_real_clients
    from dynantic.testing.state import Snapshot, TableSpec

__all__ = [
    "Call",
    "CallAssertionError",
    "Calls",
    "Clock",
    "ConflictRule",
    "FakeDynamoDBClient",
    "FaultCode",
    "FaultRule",
    "Faults",
    "RealClientBlockedError",
    "Snapshot",
    "TableSpec",
    "UnprocessedRule",
    "block_real_clients",
]

_HOMES = {
    "Call": "dynantic.testing.calls",
    "CallAssertionError": "dynantic.testing.calls",
    "Calls": "dynantic.testing.calls",
    "Clock": "dynantic.testing.engine.clock",
    "ConflictRule": "dynantic.testing.faults",
    "FakeDynamoDBClient": "dynantic.testing.client",
    "FaultCode": "dynantic.testing.faults",
    "FaultRule": "dynantic.testing.faults",
    "Faults": "dynantic.testing.faults",
    "RealClientBlockedError": "dynantic.testing.isolation",
    "Snapshot": "dynantic.testing.state",
    "TableSpec": "dynantic.testing.state",
    "UnprocessedRule": "dynantic.testing.faults",
    "block_real_clients": "dynantic.testing.isolation",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dynantic.testing' has no attribute {name!r}")
    value: object = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
