"""Consumed capacity, computed from item sizes by the service's rules.

Reads cost one unit per 4 KB (rounded up; at least one, also for a missing
item), half as much when eventually consistent. Writes cost one unit per 1 KB
of the larger of the old and the new item (at least one). Transactions cost
twice as much (prepare and commit).
"""

from __future__ import annotations

__all__ = ["consumed_capacity", "read_units", "write_units"]

_READ_UNIT_BYTES = 4096
_WRITE_UNIT_BYTES = 1024


def read_units(size: int, *, consistent: bool) -> float:
    """Read capacity units for reading ``size`` bytes."""
    units = max(1, -(-size // _READ_UNIT_BYTES))
    return float(units) if consistent else units / 2


def write_units(old_size: int, new_size: int) -> float:
    """Write capacity units for replacing an item of ``old_size`` bytes by one of ``new_size``."""
    return float(max(1, -(-max(old_size, new_size) // _WRITE_UNIT_BYTES)))


def consumed_capacity(
    mode: str | None,
    table_name: str,
    table_units: float,
    global_indexes: dict[str, float] | None = None,
    local_indexes: dict[str, float] | None = None,
) -> dict[str, object] | None:
    """The ``ConsumedCapacity`` member for ``ReturnConsumedCapacity=mode``, or ``None``."""
    if mode not in {"TOTAL", "INDEXES"}:
        return None
    total = table_units + sum((global_indexes or {}).values()) + sum((local_indexes or {}).values())
    capacity: dict[str, object] = {"TableName": table_name, "CapacityUnits": total}
    if mode == "INDEXES":
        capacity["Table"] = {"CapacityUnits": table_units}
        if global_indexes:
            capacity["GlobalSecondaryIndexes"] = {
                name: {"CapacityUnits": units} for name, units in global_indexes.items()
            }
        if local_indexes:
            capacity["LocalSecondaryIndexes"] = {
                name: {"CapacityUnits": units} for name, units in local_indexes.items()
            }
    return capacity
