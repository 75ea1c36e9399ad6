"""Consumed capacity summed per table, as batches and transactions report it.

Each element is charged on its own (its units rounded up item by item, as for
the single-item operation it stands for), then the units are summed per table
and per index. The answer lists one ``ConsumedCapacity`` entry per table, in
the order the tables were first charged. Transactions charge every element's
table twice (prepare and commit) and name the kind of units besides the total
(``ReadCapacityUnits`` or ``WriteCapacityUnits``). Source: AWS DynamoDB
developer guide, "Capacity unit consumption for transactions" and the API
reference's ``ConsumedCapacity``.
"""

from __future__ import annotations

from typing import Literal, cast

from dynantic.testing.engine.capacity import consumed_capacity

__all__ = ["CapacityTotals"]

UnitsMember = Literal["ReadCapacityUnits", "WriteCapacityUnits"]


class _TableUnits:
    __slots__ = ("global_indexes", "local_indexes", "table")

    def __init__(self) -> None:
        self.table = 0.0
        self.global_indexes: dict[str, float] = {}
        self.local_indexes: dict[str, float] = {}


def _add_to(totals: dict[str, float], units: dict[str, float]) -> None:
    for name, value in units.items():
        totals[name] = totals.get(name, 0.0) + value


class CapacityTotals:
    """Units charged per table and per index, summed over a call's elements."""

    def __init__(self) -> None:
        self._tables: dict[str, _TableUnits] = {}

    def add(
        self,
        table_name: str,
        table_units: float,
        global_units: dict[str, float] | None = None,
        local_units: dict[str, float] | None = None,
    ) -> None:
        """Charge one element's units to ``table_name`` (as the request names it)."""
        totals = self._tables.get(table_name)
        if totals is None:
            totals = self._tables[table_name] = _TableUnits()
        totals.table += table_units
        if global_units:
            _add_to(totals.global_indexes, global_units)
        if local_units:
            _add_to(totals.local_indexes, local_units)

    def entries(
        self, mode: str, *, factor: float = 1.0, units_member: UnitsMember | None = None
    ) -> list[dict[str, object]]:
        """The ``ConsumedCapacity`` list for ``ReturnConsumedCapacity=mode``, every
        figure multiplied by ``factor`` and, with ``units_member``, repeated under
        that name beside each ``CapacityUnits``."""
        entries: list[dict[str, object]] = []
        for name, totals in self._tables.items():
            entry = consumed_capacity(
                mode,
                name,
                totals.table * factor,
                {index: units * factor for index, units in totals.global_indexes.items()},
                {index: units * factor for index, units in totals.local_indexes.items()},
            )
            if entry is None:
                continue
            if units_member is not None:
                _name_units(entry, units_member)
            entries.append(entry)
        return entries


def _name_units(capacity: dict[str, object], units_member: UnitsMember) -> None:
    """Repeat every ``CapacityUnits`` in ``capacity`` (and its parts) as ``units_member``."""
    parts: list[object] = [capacity, capacity.get("Table")]
    for member in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        indexes = capacity.get(member)
        if isinstance(indexes, dict):
            parts.extend(cast("dict[str, object]", indexes).values())
    for part in parts:
        if isinstance(part, dict):
            units = cast("dict[str, object]", part)
            units[units_member] = units["CapacityUnits"]
