"""DescribeLimits: the account's provisioned-capacity quotas, not what is left of them.

The service answers its default quotas whatever the tables hold: 80,000 read
and 80,000 write units for the account in a region, 40,000 of each for one
table (the ack-api-quirks DynamoDB catalogue, DDB-TABLE-131, live 2026-10).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing.operations.capacity_rules import TABLE_MAX_CAPACITY_UNITS
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dynantic.testing.engine.database import Database

__all__ = ["ACCOUNT_MAX_CAPACITY_UNITS", "describe_limits"]

ACCOUNT_MAX_CAPACITY_UNITS = 80_000


@operation("DescribeLimits")
def describe_limits(database: Database, request: Mapping[str, object]) -> dict[str, object]:
    del database, request  # the quotas depend on neither
    return {
        "AccountMaxReadCapacityUnits": ACCOUNT_MAX_CAPACITY_UNITS,
        "AccountMaxWriteCapacityUnits": ACCOUNT_MAX_CAPACITY_UNITS,
        "TableMaxReadCapacityUnits": TABLE_MAX_CAPACITY_UNITS,
        "TableMaxWriteCapacityUnits": TABLE_MAX_CAPACITY_UNITS,
    }
