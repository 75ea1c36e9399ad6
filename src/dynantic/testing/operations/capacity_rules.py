"""The service's rules for capacity: provisioned, on-demand and warm throughput.

A provisioned table or index has read and write capacity units; an on-demand
one may cap its request units (OnDemandThroughput, ``-1`` meaning no cap on
UpdateTable). Both report a warm throughput that only ever grows: on-demand
tables start at 12,000 reads and 4,000 writes per second, provisioned ones at
their capacity, and it rises with every capacity increase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.definition import OnDemandThroughput, Throughput, WarmThroughput
from dynantic.testing.errors import ServiceError, validation_error

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        OnDemandThroughputTypeDef,
        ProvisionedThroughputTypeDef,
        WarmThroughputTypeDef,
    )

__all__ = [
    "ON_DEMAND_START",
    "check_capacity_bounds",
    "check_capacity_quota",
    "check_on_demand",
    "check_warm_against_capacity",
    "check_warm_not_lower",
    "merged_on_demand",
    "on_demand_members",
    "raised_warm",
    "starting_warm",
    "warm_members",
]

# DynamoDB: capacity above a trillion units is refused outright; above the
# account's per-table quota (40,000 units by default) it is a limit error.
MAX_CAPACITY_UNITS = 1_000_000_000_000
TABLE_MAX_CAPACITY_UNITS = 40_000
# DynamoDB: an on-demand table starts warm for 12,000 reads and 4,000 writes a second.
ON_DEMAND_START = WarmThroughput(read_units_per_second=12_000, write_units_per_second=4_000)
# UpdateTable: -1 removes an on-demand cap.
NO_CAP = -1

_ON_DEMAND = {"MaxReadRequestUnits": "Read", "MaxWriteRequestUnits": "Write"}
_WARM = {"ReadUnitsPerSecond": "Read", "WriteUnitsPerSecond": "Write"}


def _limit_error(message: str) -> ServiceError:
    return ServiceError("LimitExceededException", message)


def _capacities(throughput: ProvisionedThroughputTypeDef) -> tuple[tuple[str, int], ...]:
    """``(member, units)`` pairs, reads first, as the service checks them."""
    return (
        ("ReadCapacityUnits", throughput["ReadCapacityUnits"]),
        ("WriteCapacityUnits", throughput["WriteCapacityUnits"]),
    )


def check_capacity_bounds(throughput: ProvisionedThroughputTypeDef) -> None:
    """Capacity above a trillion units is out of bounds (reads checked first)."""
    for name, value in _capacities(throughput):
        if value > MAX_CAPACITY_UNITS:
            raise validation_error(messages.CAPACITY_OUT_OF_BOUNDS.format(value=value, name=name))


def check_capacity_quota(
    throughput: ProvisionedThroughputTypeDef, region: str, index: str | None = None
) -> None:
    """Capacity above the per-table (or per-index) quota of the account."""
    for name, value in _capacities(throughput):
        if value <= TABLE_MAX_CAPACITY_UNITS:
            continue
        template = (
            messages.CAPACITY_ABOVE_TABLE_MAXIMUM
            if index is None
            else messages.CAPACITY_ABOVE_INDEX_MAXIMUM
        )
        raise _limit_error(
            template.format(
                name=name,
                value=value,
                index=index,
                region=region,
                maximum=TABLE_MAX_CAPACITY_UNITS,
            )
        )


def on_demand_members(on_demand: OnDemandThroughputTypeDef) -> dict[str, int]:
    """The members of a requested on-demand cap that are present."""
    return {name: value for name, value in on_demand.items() if isinstance(value, int)}


def check_on_demand(
    on_demand: OnDemandThroughputTypeDef,
    *,
    provisioned: bool,
    creating: bool,
    region: str,
    index: str | None = None,
) -> None:
    """On-demand caps: only for on-demand tables, at least 1 (or -1 on update)."""
    values = on_demand_members(on_demand)
    for member, value in values.items():
        if provisioned:
            if index is not None:
                template = (
                    messages.INDEX_ON_DEMAND_ON_PROVISIONED
                    if creating
                    else messages.INDEX_ON_DEMAND_ON_PROVISIONED_UPDATE
                )
            elif creating:
                template = messages.ON_DEMAND_ON_PROVISIONED_CREATE
            else:
                template = messages.ON_DEMAND_ON_PROVISIONED_UPDATE
            raise validation_error(template.format(member=member, index=index))
        if value < 1 and (creating or value != NO_CAP):
            template = (
                messages.ON_DEMAND_OUT_OF_RANGE
                if index is None
                else messages.INDEX_ON_DEMAND_OUT_OF_RANGE
            )
            raise validation_error(template.format(member=member, index=index))
    for member, value in values.items():
        if value > TABLE_MAX_CAPACITY_UNITS:
            target = "table" if index is None else f"index : {index}"
            raise _limit_error(
                messages.ON_DEMAND_ABOVE_MAXIMUM.format(
                    member=member, target=target, quota=_ON_DEMAND[member], region=region
                )
            )


def merged_on_demand(
    current: OnDemandThroughput | None, on_demand: OnDemandThroughputTypeDef
) -> OnDemandThroughput | None:
    """Caps after an update: members given replace the current ones, ``-1`` removes."""
    read = current.max_read_request_units if current else None
    write = current.max_write_request_units if current else None
    if "MaxReadRequestUnits" in on_demand:
        read = on_demand["MaxReadRequestUnits"]
    if "MaxWriteRequestUnits" in on_demand:
        write = on_demand["MaxWriteRequestUnits"]
    read = None if read == NO_CAP else read
    write = None if write == NO_CAP else write
    if read is None and write is None:
        return None
    return OnDemandThroughput(max_read_request_units=read, max_write_request_units=write)


def warm_members(warm: WarmThroughputTypeDef) -> dict[str, int]:
    """The members of a requested warm throughput that are present."""
    return {name: value for name, value in warm.items() if isinstance(value, int)}


def _target(index: str | None) -> str:
    return "table" if index is None else f"index {index}"


def check_warm_against_capacity(
    warm: WarmThroughputTypeDef,
    throughput: ProvisionedThroughputTypeDef | None,
    *,
    region: str,
    index: str | None = None,
) -> None:
    """At creation, warm throughput may not be lower than the starting capacity."""
    for member, value in warm_members(warm).items():
        if throughput is None:
            floor = (
                ON_DEMAND_START.read_units_per_second
                if member == "ReadUnitsPerSecond"
                else ON_DEMAND_START.write_units_per_second
            )
            if value < floor:
                raise validation_error(
                    messages.WARM_BELOW_ON_DEMAND_START.format(member=member, target=_target(index))
                )
        else:
            capacity, units = _capacities(throughput)[0 if member == "ReadUnitsPerSecond" else 1]
            if value < units:
                raise validation_error(
                    messages.WARM_BELOW_PROVISIONED.format(
                        member=member, target=_target(index), capacity=capacity
                    )
                )
    _check_warm_quota(warm, region, index)


def _check_warm_quota(warm: WarmThroughputTypeDef, region: str, index: str | None) -> None:
    for member, value in warm_members(warm).items():
        if value > TABLE_MAX_CAPACITY_UNITS:
            raise _limit_error(
                messages.WARM_ABOVE_MAXIMUM.format(
                    member=member, target=_target(index), quota=_WARM[member], region=region
                )
            )


def check_warm_not_lower(
    warm: WarmThroughputTypeDef,
    current: WarmThroughput,
    *,
    region: str,
    index: str | None = None,
) -> None:
    """On update, warm throughput may grow or stay, never shrink."""
    current_values = {
        "ReadUnitsPerSecond": current.read_units_per_second,
        "WriteUnitsPerSecond": current.write_units_per_second,
    }
    for member, value in warm_members(warm).items():
        if value < current_values[member]:
            raise validation_error(
                messages.WARM_DECREASE.format(member=member, target=_target(index))
            )
    _check_warm_quota(warm, region, index)


def raised_warm(current: WarmThroughput, read: int | None, write: int | None) -> WarmThroughput:
    """``current`` raised to at least ``read`` and ``write`` (missing ones keep theirs)."""
    return WarmThroughput(
        read_units_per_second=max(current.read_units_per_second, read or 0),
        write_units_per_second=max(current.write_units_per_second, write or 0),
    )


def starting_warm(
    warm: WarmThroughputTypeDef | None, throughput: Throughput | None
) -> WarmThroughput:
    """Warm throughput at creation: as asked, else the on-demand start or the capacity."""
    if throughput is None:
        base = ON_DEMAND_START
    else:
        base = WarmThroughput(throughput.read_capacity_units, throughput.write_capacity_units)
    asked = warm_members(warm) if warm is not None else {}
    return WarmThroughput(
        read_units_per_second=asked.get("ReadUnitsPerSecond", base.read_units_per_second),
        write_units_per_second=asked.get("WriteUnitsPerSecond", base.write_units_per_second),
    )
