"""DescribeEndpoints: where the service of this region answers.

The service names its own regional host, cached for a day (the AWS CLI's
``describe-endpoints`` example: ``dynamodb.us-west-2.amazonaws.com``, 1440
minutes). An SDK with endpoint discovery switched on sends its later requests
to that host, so the HTTP endpoint puts its own address in its place
(:mod:`dynantic.testing.endpoint`): a client pointed at it stays on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing.model import service_host
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dynantic.testing.engine.database import Database

__all__ = ["CACHE_PERIOD_MINUTES", "describe_endpoints", "endpoints_at"]

CACHE_PERIOD_MINUTES = 1440


def endpoints_at(address: str) -> dict[str, object]:
    """The answer naming ``address`` (``host`` or ``host:port``) as the one endpoint."""
    return {"Endpoints": [{"Address": address, "CachePeriodInMinutes": CACHE_PERIOD_MINUTES}]}


@operation("DescribeEndpoints")
def describe_endpoints(database: Database, request: Mapping[str, object]) -> dict[str, object]:
    del request  # it has no members
    return endpoints_at(service_host(database.region))
