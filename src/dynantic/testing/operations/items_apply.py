"""Carrying out checked item writes, and answering for them.

:func:`apply_write` stores what a :class:`~.items_check.WritePlan` decided;
:func:`write_response` shapes the answer (``Attributes`` by ``ReturnValues``,
``ConsumedCapacity``, ``ItemCollectionMetrics``) and :func:`read_response` that of
a GetItem. Call them while holding ``database.lock``, responses after the writes
they describe (item collection sizes are read from the table as it is then).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dynantic.testing.engine.capacity import consumed_capacity, read_units, write_units
from dynantic.testing.engine.table import stored_size
from dynantic.testing.engine.values import Item, encode_item, encode_value, item_size, values_equal
from dynantic.testing.operations.items_check import ReadResult, WritePlan
from dynantic.testing.operations.items_prepare import PreparedConditionCheck

if TYPE_CHECKING:
    from dynantic.testing.engine.indexes import SecondaryIndex

__all__ = [
    "apply_write",
    "apply_writes",
    "collection_metrics",
    "read_response",
    "write_capacity_units",
    "write_response",
]

_GIGABYTE = 1 << 30


def apply_write(plan: WritePlan) -> None:
    """Store what ``plan`` decided: the new item, or the deletion."""
    write = plan.write
    if isinstance(write, PreparedConditionCheck):
        return
    table, new = plan.table, plan.new
    if new is not None:
        table.put(new, plan.new_size, plan.key)
    elif plan.old is not None:
        table.delete(*plan.key)


def apply_writes(plans: Iterable[WritePlan]) -> None:
    """:func:`apply_write` for each plan, in order."""
    for plan in plans:
        apply_write(plan)


# ---------------------------------------------------------------- responses


def write_response(plan: WritePlan) -> dict[str, object]:
    """A PutItem's, UpdateItem's or DeleteItem's answer to the request it carried out."""
    write = plan.write
    response: dict[str, object] = {}
    if write.return_values != "NONE":
        attributes = _returned(plan, write.return_values)
        if attributes is not None:
            response["Attributes"] = encode_item(attributes)
    if write.capacity is not None:
        table_units, global_units, local_units = write_capacity_units(plan)
        response["ConsumedCapacity"] = consumed_capacity(
            write.capacity, write.table_name, table_units, global_units, local_units
        )
    if write.collection_metrics and plan.table.definition.local_indexes:
        response["ItemCollectionMetrics"] = collection_metrics(plan)
    return response


def read_response(result: ReadResult) -> dict[str, object]:
    """A GetItem's answer: the item (projected) if found, and the capacity if asked."""
    read, item = result.read, result.item
    response: dict[str, object] = {}
    if item is not None:
        projection = read.projection
        response["Item"] = encode_item(item if projection is None else projection.project(item))
    if read.capacity is not None:
        units = read_units(result.size, consistent=read.consistent)
        response["ConsumedCapacity"] = consumed_capacity(read.capacity, read.table_name, units)
    return response


def _returned(plan: WritePlan, return_values: str) -> Item | None:
    """The attributes ``ReturnValues`` asks for (``None``: no ``Attributes`` member)."""
    if return_values == "ALL_OLD":
        return plan.old
    if return_values == "ALL_NEW":
        return plan.new
    update = plan.update
    assert update is not None  # only UpdateItem allows the UPDATED_ modes
    # Nothing to show (a REMOVE alone for UPDATED_NEW, only attributes that did
    # not exist before for UPDATED_OLD): no Attributes member at all.
    if return_values == "UPDATED_NEW":
        return update.updated_new() or None
    return None if plan.old is None else update.updated_old() or None


# ---------------------------------------------------------------- capacity


def write_capacity_units(plan: WritePlan) -> tuple[float, dict[str, float], dict[str, float]]:
    """The write units ``plan`` consumes on its table, and on each global and each
    local index whose entry for the item changes (indexes left alone are absent).

    The table is charged per 1 KB of the larger of the old and the new item.
    An index is charged per 1 KB of its entry: once to add or remove one, once
    (the larger) to rewrite one in place, and twice (removal, then addition)
    when the write moves it to another index key; an unchanged entry costs
    nothing. Source: AWS DynamoDB developer guide, "Provisioned throughput
    considerations for global secondary indexes" and the same for local ones.
    """
    table_units = write_units(plan.old_size, plan.new_size)
    global_units: dict[str, float] = {}
    local_units: dict[str, float] = {}
    if plan.table.indexes:
        for index in plan.table.indexes.values():
            units = _index_units(index, plan.old, plan.new)
            if units:
                target = global_units if index.definition.is_global else local_units
                target[index.name] = units
    return table_units, global_units, local_units


def _index_units(index: SecondaryIndex, old: Item | None, new: Item | None) -> float:
    old_place = None if old is None else index.position(old)
    new_place = None if new is None else index.position(new)
    if old is None or old_place is None:
        if new is None or new_place is None:
            return 0.0
        return _entry_units(index.stored_size(new))
    if new is None or new_place is None:
        return _entry_units(index.stored_size(old))
    old_entry, new_entry = index.project(old), index.project(new)
    old_size, new_size = item_size(old_entry), item_size(new_entry)
    if old_place != new_place:
        return _entry_units(old_size) + _entry_units(new_size)
    if _same_entry(old_entry, new_entry):
        return 0.0
    return _entry_units(max(old_size, new_size))


def _entry_units(size: int) -> float:
    return write_units(size, 0)


def _same_entry(old: Item, new: Item) -> bool:
    return old.keys() == new.keys() and all(
        values_equal(value, new[name]) for name, value in old.items()
    )


# ---------------------------------------------------------------- item collections


def collection_metrics(plan: WritePlan) -> dict[str, object]:
    """The size of the item's collection (its partition key value, in the table
    and its local indexes), as the service estimates it: a range of whole
    gigabytes around the actual size."""
    table = plan.table
    name = table.partition_key.name
    value = plan.write.key[name]
    size = 0
    partition = table.partition(plan.key[0])
    if partition is not None:
        local_indexes = [
            index for index in table.indexes.values() if not index.definition.is_global
        ]
        for item in partition.values():
            size += stored_size(item)
            for index in local_indexes:
                if index.position(item) is not None:
                    size += index.stored_size(item)
    lower = float(size // _GIGABYTE)
    return {
        "ItemCollectionKey": {name: encode_value(value)},
        "SizeEstimateRangeGB": [lower, lower + 1.0],
    }
