"""UpdateTable: billing mode, provisioned capacity, on-demand caps, warm throughput.

Capacity changes of a table and of each global index count separately: each
may be decreased four times a UTC day, then once an hour after the last
decrease, and the counters start again at midnight UTC. Switching to on
demand zeroes the capacity; switching back takes the capacity given, for the
table and for every global index, verbatim.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.capacity_rules import (
    ON_DEMAND_START,
    check_capacity_quota,
    check_on_demand,
    check_warm_not_lower,
    merged_on_demand,
    on_demand_members,
    raised_warm,
    warm_members,
)
from dynantic.testing.operations.timestamps import long_date

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        OnDemandThroughputTypeDef,
        ProvisionedThroughputTypeDef,
        UpdateTableInputTypeDef,
        WarmThroughputTypeDef,
    )

    from dynantic.testing.engine.definition import (
        OnDemandThroughput,
        TableDefinition,
        Throughput,
        WarmThroughput,
    )

__all__ = [
    "apply_capacity",
    "apply_table_capacity",
    "billing_mode_after",
    "check_capacity_change",
    "check_table_capacity",
    "on_demand_after",
    "warm_after",
]

# DynamoDB: four decreases a UTC day, then one an hour after the last one.
FREE_DECREASES_A_DAY = 4
DECREASE_INTERVAL = timedelta(hours=1)


def billing_mode_after(request: UpdateTableInputTypeDef, definition: TableDefinition) -> str:
    """The billing mode the table has once ``request`` is applied."""
    return request.get("BillingMode", definition.billing_mode)


def _is_decrease(current: Throughput, throughput: ProvisionedThroughputTypeDef) -> bool:
    return (
        throughput["ReadCapacityUnits"] < current.read_capacity_units
        or throughput["WriteCapacityUnits"] < current.write_capacity_units
    )


def _is_increase(current: Throughput, throughput: ProvisionedThroughputTypeDef) -> bool:
    return (
        throughput["ReadCapacityUnits"] > current.read_capacity_units
        or throughput["WriteCapacityUnits"] > current.write_capacity_units
    )


def _check_decrease_budget(
    current: Throughput, throughput: ProvisionedThroughputTypeDef, now: datetime
) -> None:
    count = current.decreases_on(now.date())
    last = current.last_decrease
    if not _is_decrease(current, throughput) or count < FREE_DECREASES_A_DAY or last is None:
        return
    allowed = last + DECREASE_INTERVAL
    if now >= allowed:
        return
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=timezone.utc)
    raise ServiceError(
        "LimitExceededException",
        messages.DECREASES_LIMITED.format(
            count=count, last=long_date(last), next=long_date(min(allowed, midnight))
        ),
    )


def check_capacity_change(
    current: Throughput,
    throughput: ProvisionedThroughputTypeDef,
    now: datetime,
    index: str | None = None,
) -> None:
    """A capacity change must change something, within the day's decrease budget."""
    read, write = throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]
    if (read, write) == (current.read_capacity_units, current.write_capacity_units):
        template = (
            messages.THROUGHPUT_UNCHANGED if index is None else messages.INDEX_THROUGHPUT_UNCHANGED
        )
        raise validation_error(
            template.format(
                index=index,
                read=current.read_capacity_units,
                new_read=read,
                write=current.write_capacity_units,
                new_write=write,
            )
        )
    _check_decrease_budget(current, throughput, now)


def apply_capacity(
    current: Throughput, throughput: ProvisionedThroughputTypeDef, now: datetime
) -> None:
    """Set the capacity, recording when it last rose and fell and the day's decreases."""
    if _is_increase(current, throughput):
        current.last_increase = now
    if _is_decrease(current, throughput):
        current.last_decrease = now
        current.decreases_today = current.decreases_on(now.date()) + 1
        current.decrease_day = now.date()
    current.read_capacity_units = throughput["ReadCapacityUnits"]
    current.write_capacity_units = throughput["WriteCapacityUnits"]


def _switch_indexes_need_capacity(
    request: UpdateTableInputTypeDef, definition: TableDefinition
) -> None:
    """Switching to provisioned capacity needs a capacity for every global index."""
    given = {
        update["Update"]["IndexName"]
        for update in request.get("GlobalSecondaryIndexUpdates", ())
        if "Update" in update and "ProvisionedThroughput" in update["Update"]
    }
    deleted = {
        update["Delete"]["IndexName"]
        for update in request.get("GlobalSecondaryIndexUpdates", ())
        if "Delete" in update
    }
    missing = [name for name in definition.global_indexes if name not in given | deleted]
    if missing:
        raise validation_error(
            messages.INDEX_THROUGHPUT_MISSING_SWITCH.format(indexes=",".join(missing))
        )


def check_table_capacity(
    request: UpdateTableInputTypeDef, definition: TableDefinition, now: datetime, region: str
) -> None:
    """The table-level capacity members of ``request`` against the table's state."""
    mode = billing_mode_after(request, definition)
    throughput = request.get("ProvisionedThroughput")
    if throughput is not None and mode == "PAY_PER_REQUEST":
        raise validation_error(messages.PAY_PER_REQUEST_WITH_THROUGHPUT)
    switching = mode != definition.billing_mode
    if switching and mode == "PROVISIONED":
        _switch_indexes_need_capacity(request, definition)
    if throughput is not None and not switching:
        check_capacity_change(definition.throughput, throughput, now)
    on_demand = request.get("OnDemandThroughput")
    if on_demand is not None and on_demand_members(on_demand):
        check_on_demand(on_demand, provisioned=mode == "PROVISIONED", creating=False, region=region)
    warm = request.get("WarmThroughput")
    if warm is not None:
        check_warm_not_lower(warm, definition.warm, region=region)
    if throughput is not None:
        check_capacity_quota(throughput, region)


def warm_after(warm: WarmThroughput, requested: WarmThroughputTypeDef | None) -> WarmThroughput:
    """Warm throughput raised to what a request asks (it never falls)."""
    members = warm_members(requested) if requested is not None else {}
    return raised_warm(warm, members.get("ReadUnitsPerSecond"), members.get("WriteUnitsPerSecond"))


def on_demand_after(
    current: OnDemandThroughput | None, requested: OnDemandThroughputTypeDef | None
) -> OnDemandThroughput | None:
    """On-demand caps after a request: members given replace, ``-1`` removes."""
    if requested is None or not on_demand_members(requested):
        return current
    return merged_on_demand(current, requested)


def _switch_to_on_demand(definition: TableDefinition, now: datetime) -> None:
    definition.billing_mode = "PAY_PER_REQUEST"
    definition.pay_per_request_since = now
    definition.throughput.read_capacity_units = 0
    definition.throughput.write_capacity_units = 0
    start = ON_DEMAND_START
    definition.warm = raised_warm(
        definition.warm, start.read_units_per_second, start.write_units_per_second
    )
    for index in definition.global_indexes.values():
        if index.throughput is not None:
            # The service counts the switch as a decrease of each index's capacity.
            index.throughput.read_capacity_units = 0
            index.throughput.write_capacity_units = 0
            index.throughput.decreases_today = index.throughput.decreases_on(now.date()) + 1
            index.throughput.decrease_day = now.date()
            index.throughput.last_decrease = now
        if index.warm is not None:
            index.warm = raised_warm(
                index.warm, start.read_units_per_second, start.write_units_per_second
            )


def _switch_to_provisioned(
    definition: TableDefinition, throughput: ProvisionedThroughputTypeDef
) -> None:
    definition.billing_mode = "PROVISIONED"
    definition.throughput.read_capacity_units = throughput["ReadCapacityUnits"]
    definition.throughput.write_capacity_units = throughput["WriteCapacityUnits"]
    definition.on_demand = None
    for index in definition.global_indexes.values():
        index.on_demand = None


def apply_table_capacity(
    request: UpdateTableInputTypeDef, definition: TableDefinition, now: datetime
) -> None:
    """Apply the table-level capacity members of a request that passed every check."""
    mode = billing_mode_after(request, definition)
    throughput = request.get("ProvisionedThroughput")
    if mode != definition.billing_mode:
        if mode == "PAY_PER_REQUEST":
            _switch_to_on_demand(definition, now)
        elif throughput is not None:
            _switch_to_provisioned(definition, throughput)
    elif throughput is not None:
        apply_capacity(definition.throughput, throughput, now)
    if throughput is not None:
        definition.warm = raised_warm(
            definition.warm, throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]
        )
    definition.warm = warm_after(definition.warm, request.get("WarmThroughput"))
    definition.on_demand = on_demand_after(definition.on_demand, request.get("OnDemandThroughput"))
