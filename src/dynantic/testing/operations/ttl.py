"""UpdateTimeToLive and DescribeTimeToLive.

The TTL attribute is kept in the table's definition; deleting expired items is
the data plane's business. The in-memory service applies a change at once, so
DescribeTimeToLive reports only ENABLED or DISABLED, never ENABLING or
DISABLING — as the service itself is seen to do for tables of test size.
After a change, the service refuses another one for up to an hour; the fake
refuses it for an hour of its clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        DescribeTimeToLiveInputTypeDef,
        UpdateTimeToLiveInputTypeDef,
    )

    from dynantic.testing.engine.database import Database
    from dynantic.testing.engine.definition import TimeToLive

__all__ = ["describe_time_to_live", "update_time_to_live"]

# DynamoDB: after an UpdateTimeToLive, further changes are refused for up to an hour.
TTL_CHANGE_INTERVAL_SECONDS = 3600.0


def _check_change(ttl: TimeToLive, enabled: bool, attribute_name: str, now: float) -> None:
    """The change must change something, on the active attribute, outside the interval."""
    if ttl.enabled and attribute_name != ttl.attribute_name:
        raise validation_error(messages.TTL_OTHER_ATTRIBUTE.format(name=ttl.attribute_name))
    if ttl.enabled and enabled:
        raise validation_error(messages.TTL_ALREADY_ENABLED)
    if not ttl.enabled and not enabled:
        raise validation_error(messages.TTL_ALREADY_DISABLED)
    if ttl.changed_at is not None and now - ttl.changed_at < TTL_CHANGE_INTERVAL_SECONDS:
        raise validation_error(messages.TTL_COOLDOWN)


@operation("UpdateTimeToLive")
def update_time_to_live(
    database: Database, request: UpdateTimeToLiveInputTypeDef
) -> dict[str, object]:
    specification = request["TimeToLiveSpecification"]
    enabled = specification["Enabled"]
    attribute_name = specification["AttributeName"]
    with database.lock:
        table = database.table(request["TableName"], named=True)
        ttl = table.definition.ttl
        now = database.clock.now()
        _check_change(ttl, enabled, attribute_name, now)
        ttl.enabled = enabled
        ttl.attribute_name = attribute_name if enabled else None
        ttl.changed_at = now
        table.set_expiry(ttl.attribute_name)
    return {"TimeToLiveSpecification": {"Enabled": enabled, "AttributeName": attribute_name}}


@operation("DescribeTimeToLive")
def describe_time_to_live(
    database: Database, request: DescribeTimeToLiveInputTypeDef
) -> dict[str, object]:
    with database.lock:
        ttl = database.table(request["TableName"], named=True).definition.ttl
        description: dict[str, object] = {
            "TimeToLiveStatus": "ENABLED" if ttl.enabled else "DISABLED"
        }
        if ttl.enabled:
            description["AttributeName"] = ttl.attribute_name
    return {"TimeToLiveDescription": description}
