"""DescribeEndpoints: where the service of this region answers.

The service names its own regional host, cached for a day (the AWS CLI's
``describe-endpoints`` example: ``dynamodb.us-west-2.amazonaws.com``, 1440
minutes). An SDK with endpoint discovery switched on sends its later requests
to that host, so the HTTP endpoint has its own address named instead
(:data:`ADDRESS`, set by :mod:`dynantic.testing.endpoint`): a client pointed at
it stays on it, and the call record shows the answer it was given.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from dynantic.testing.model import service_host
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dynantic.testing.engine.database import Database

__all__ = ["ADDRESS", "CACHE_PERIOD_MINUTES", "describe_endpoints", "endpoints_at"]

CACHE_PERIOD_MINUTES = 1440

ADDRESS: ContextVar[str | None] = ContextVar("dynantic_endpoint_address", default=None)
"""The address the request being answered was sent to, when the face it came
through knows one (the HTTP endpoint sets it from every request's ``Host``);
``None`` answers the service's own host."""


def endpoints_at(address: str) -> dict[str, object]:
    """The answer naming ``address`` (``host`` or ``host:port``) as the one endpoint."""
    return {"Endpoints": [{"Address": address, "CachePeriodInMinutes": CACHE_PERIOD_MINUTES}]}


@operation("DescribeEndpoints")
def describe_endpoints(database: Database, request: Mapping[str, object]) -> dict[str, object]:
    del request  # it has no members
    return endpoints_at(ADDRESS.get() or service_host(database.region))
