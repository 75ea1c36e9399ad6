"""One table's items, kept in the order DynamoDB keeps them.

Items live in partitions keyed by their partition-key value. A table with a
sort key keeps each partition in a ``SortedDict`` ordered as the service orders
sort keys (S by UTF-8 bytes — the same as code-point order —, N numerically, B
as unsigned bytes); a table without one keeps the item itself. Partitions are
ordered by a stable hash of their key, as the service spreads them, which is
the order a Scan visits them in.

Stored items are never mutated: writes replace them, so an item handed to a
reader (or kept in a snapshot) never changes under it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from sortedcontainers import SortedDict, SortedList

from dynantic.testing.engine.values import AttributeValue, Item, format_number, item_size

if TYPE_CHECKING:
    from dynantic.testing.engine.definition import TableDefinition

__all__ = ["KeyAttribute", "KeySchema", "KeyValue", "Table", "partition_token"]

KeyValue: TypeAlias = str | Decimal | bytes
"""A key attribute's value: S, N or B."""


@dataclass(frozen=True, slots=True)
class KeyAttribute:
    """One key attribute: its name and its scalar type (``S``, ``N`` or ``B``)."""

    name: str
    type: str


@dataclass(frozen=True, slots=True)
class KeySchema:
    """A table's or an index's key: partition-key and sort-key attributes, in order.

    Tables and local indexes have one partition key and at most one sort key;
    global indexes may have up to four of each (multi-attribute keys).
    """

    partition: tuple[KeyAttribute, ...]
    sort: tuple[KeyAttribute, ...] = ()

    @property
    def attributes(self) -> tuple[KeyAttribute, ...]:
        """Every key attribute, partition keys first."""
        return self.partition + self.sort

    @property
    def names(self) -> frozenset[str]:
        """The names of every key attribute."""
        return frozenset(attribute.name for attribute in self.attributes)


def _key_bytes(value: KeyValue) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, Decimal):
        return format_number(value).encode("ascii")
    return value


def partition_token(value: KeyValue) -> int:
    """A stable 64-bit hash of a partition-key value; Scan visits partitions in
    ascending token order and parallel scans split the token range."""
    return int.from_bytes(hashlib.blake2b(_key_bytes(value), digest_size=8).digest(), "big")


class Table:
    """The items of one table and the counters DescribeTable reports.

    ``get``, ``put`` and ``delete`` are O(1) for a table without a sort key and
    O(log n) with one; creating or dropping a partition costs O(log p) more.
    """

    def __init__(self, definition: TableDefinition) -> None:
        self.definition = definition
        self.name = definition.name
        key_schema = self.key_schema = definition.key_schema
        self.partition_key = key_schema.partition[0]
        self.sort_key: KeyAttribute | None = key_schema.sort[0] if key_schema.sort else None
        self.item_count = 0
        self.size_bytes = 0
        # Without a sort key a partition holds one item; with one, a SortedDict.
        self._single: dict[KeyValue, Item] = {}
        self._sorted: dict[KeyValue, SortedDict[KeyValue, Item]] = {}
        self._partition_order: SortedList[tuple[int, KeyValue]] = SortedList()

    def key_of(self, item: Item) -> tuple[KeyValue, KeyValue | None]:
        """The (partition, sort) key values of an item whose key was validated."""
        partition = _as_key(item[self.partition_key.name])
        sort_key = self.sort_key
        return partition, (_as_key(item[sort_key.name]) if sort_key else None)

    def get(self, partition: KeyValue, sort: KeyValue | None = None) -> Item | None:
        """The item with this key, or ``None``."""
        if self.sort_key is None:
            return self._single.get(partition)
        rows = self._sorted.get(partition)
        return None if rows is None or sort is None else rows.get(sort)

    def put(self, item: Item) -> Item | None:
        """Store ``item`` (whose key was validated), returning the item it replaced."""
        partition, sort = self.key_of(item)
        if sort is None:
            old = self._single.get(partition)
            if old is None:
                self._add_partition(partition)
            self._single[partition] = item
        else:
            rows = self._sorted.get(partition)
            if rows is None:
                rows = self._sorted[partition] = SortedDict()
                self._add_partition(partition)
            old = rows.get(sort)
            rows[sort] = item
        self._count(old, -1)
        self._count(item, +1)
        return old

    def delete(self, partition: KeyValue, sort: KeyValue | None = None) -> Item | None:
        """Remove the item with this key, returning it (or ``None`` if absent)."""
        if self.sort_key is None:
            old = self._single.pop(partition, None)
            if old is not None:
                self._drop_partition(partition)
        else:
            rows = self._sorted.get(partition)
            if rows is None or sort is None:
                return None
            old = rows.pop(sort, None)
            if old is not None and not rows:
                del self._sorted[partition]
                self._drop_partition(partition)
        self._count(old, -1)
        return old

    def partition_keys(self) -> Iterator[KeyValue]:
        """Partition-key values in Scan order (ascending :func:`partition_token`)."""
        for _token, partition in self._partition_order:
            yield partition

    def partition(self, partition: KeyValue) -> SortedDict[KeyValue, Item] | None:
        """The items of one partition by sort key (tables with a sort key only)."""
        return self._sorted.get(partition)

    def items(self) -> Iterator[Item]:
        """Every item, in Scan order: partitions by token, then by sort key."""
        for partition in self.partition_keys():
            if self.sort_key is None:
                yield self._single[partition]
            else:
                yield from self._sorted[partition].values()

    def clear(self) -> None:
        """Remove every item."""
        self._single.clear()
        self._sorted.clear()
        self._partition_order.clear()
        self.item_count = 0
        self.size_bytes = 0

    def _add_partition(self, partition: KeyValue) -> None:
        self._partition_order.add((partition_token(partition), partition))

    def _drop_partition(self, partition: KeyValue) -> None:
        self._partition_order.remove((partition_token(partition), partition))

    def _count(self, item: Item | None, sign: int) -> None:
        if item is not None:
            self.item_count += sign
            self.size_bytes += sign * item_size(item)

    def _check(self) -> None:
        """Assert the table's invariants (for tests)."""
        partitions = self._single if self.sort_key is None else self._sorted
        assert len(self._partition_order) == len(partitions)
        assert all(partition in partitions for partition in self.partition_keys())
        items = list(self.items())
        assert self.item_count == len(items)
        assert self.size_bytes == sum(item_size(item) for item in items)
        assert all(len(rows) > 0 for rows in self._sorted.values())


def _as_key(value: AttributeValue) -> KeyValue:
    assert isinstance(value, str | Decimal | bytes)
    return value
