"""One table's items, kept in the order DynamoDB keeps them, and its indexes.

Items live in partitions keyed by their partition-key value. A table with a
sort key keeps each partition ordered as the service orders sort keys (S by
UTF-8 bytes — the same as code-point order —, N numerically, B as unsigned
bytes); a table without one keeps a single item per partition. Partitions are
visited in the order of a stable hash of their key, as the service spreads
them. Every write keeps the table's secondary indexes in step.

Stored items are never mutated: writes replace them, so an item handed to a
reader (or kept in a snapshot) never changes under it. Each stored item carries
its item size, computed once when it is written (:class:`StoredItem`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from sortedcontainers import SortedDict, SortedList

from dynantic.testing.engine.expiry import ExpiryIndex
from dynantic.testing.engine.partitions import PartitionStore, partition_token, tokens_after
from dynantic.testing.engine.values import AttributeValue, Item, StoredItem, item_size

if TYPE_CHECKING:
    from dynantic.testing.engine.definition import IndexDefinition, TableDefinition
    from dynantic.testing.engine.indexes import SecondaryIndex

__all__ = ["KeyAttribute", "KeySchema", "KeyValue", "StoredItem", "Table", "stored_size"]

KeyValue: TypeAlias = str | Decimal | bytes
"""A key attribute's value: S, N or B."""


def stored_size(item: Item) -> int:
    """The item size of ``item``: the one recorded when it was stored, if it was."""
    return item.size if isinstance(item, StoredItem) else item_size(item)


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
    names: frozenset[str] = field(init=False, repr=False, compare=False)
    """The names of every key attribute (every write's checks ask)."""

    def __post_init__(self) -> None:
        names = frozenset(attribute.name for attribute in self.attributes)
        object.__setattr__(self, "names", names)  # frozen: set once, here

    @property
    def attributes(self) -> tuple[KeyAttribute, ...]:
        """Every key attribute, partition keys first."""
        return self.partition + self.sort


class Table:
    """The items of one table, its secondary indexes, and the counters
    DescribeTable reports.

    ``get`` is O(1); ``put`` and ``delete`` are O(1) without a sort key and
    O(log k) in a partition of k items with one, plus O(log k') per index.
    """

    def __init__(self, definition: TableDefinition) -> None:
        self.definition = definition
        self.name = definition.name
        self.key_schema = definition.key_schema
        self.partition_key = self.key_schema.partition[0]
        self.sort_key: KeyAttribute | None = (
            self.key_schema.sort[0] if self.key_schema.sort else None
        )
        self.item_count = 0
        self.size_bytes = 0
        self.largest_item_bytes = 0
        """At least the size of the largest item stored (it never shrinks): a Query or
        Scan reads at least 1 MB / this many items before its 1 MB cut can apply."""
        self.indexes: dict[str, SecondaryIndex] = {}
        self.expiry: ExpiryIndex | None = None
        """Items by TTL expiry time, kept while time to live is enabled."""
        # Without a sort key a partition holds one item; with one, a sorted partition.
        self._single: dict[KeyValue, Item] = {}
        self._single_order: SortedList[tuple[int, KeyValue]] = SortedList()
        # False while _single_order is shared with a copy of this table (see copy()).
        self._single_order_owned = True
        self._sorted: PartitionStore[KeyValue, KeyValue] = PartitionStore()

    # ------------------------------------------------------------ single items

    def key_of(self, item: Item) -> tuple[KeyValue, KeyValue | None]:
        """The (partition, sort) key values of an item or key that was validated."""
        partition = _as_key(item[self.partition_key.name])
        sort_key = self.sort_key
        return partition, (_as_key(item[sort_key.name]) if sort_key else None)

    def get(self, partition: KeyValue, sort: KeyValue | None = None) -> Item | None:
        """The item with this key, or ``None``."""
        if self.sort_key is None:
            return self._single.get(partition)
        return None if sort is None else self._sorted.get(partition, sort)

    def put(
        self,
        item: Item,
        size: int | None = None,
        key: tuple[KeyValue, KeyValue | None] | None = None,
    ) -> tuple[Item | None, int]:
        """Store a copy of ``item`` (whose keys were validated), returning the item
        it replaced and that item's size (0). ``size`` (its item size) and ``key``
        (its partition and sort key values) save working them out again. A
        :class:`StoredItem` is stored as it is (see there)."""
        stored = item if type(item) is StoredItem else StoredItem(item)
        if size is None:
            size = item_size(item)
        stored.size = size
        partition, sort = self.key_of(stored) if key is None else key
        if sort is None:
            old = self._single.get(partition)
            if old is None:
                self._writable_single_order().add((partition_token(partition), partition))
            self._single[partition] = stored
        else:
            old = self._sorted.add(partition, sort, stored)
        if old is None:
            old_size = 0
            self.item_count += 1
        else:
            old_size = stored_size(old)
            self.size_bytes -= old_size
        self.size_bytes += size
        # Not max(): on every put, its argument parsing costs more than the test.
        if size > self.largest_item_bytes:  # noqa: PLR1730
            self.largest_item_bytes = size
        if self.indexes:
            for index in self.indexes.values():
                index.replace(old, stored)
        if self.expiry is not None:
            self.expiry.replace(old, stored)
        return old, old_size

    def delete(self, partition: KeyValue, sort: KeyValue | None = None) -> Item | None:
        """Remove the item with this key, returning it (or ``None`` if absent)."""
        if self.sort_key is None:
            old = self._single.pop(partition, None)
            if old is not None:
                self._writable_single_order().remove((partition_token(partition), partition))
        else:
            old = None if sort is None else self._sorted.remove(partition, sort)
        if old is not None:
            self.item_count -= 1
            self.size_bytes -= stored_size(old)
            if self.indexes:
                for index in self.indexes.values():
                    index.replace(old, None)
            if self.expiry is not None:
                self.expiry.replace(old, None)
        return old

    # ------------------------------------------------------------ many items

    def partition(self, partition: KeyValue) -> SortedDict[KeyValue, Item] | None:
        """One partition's items by sort key (tables with a sort key only)."""
        return self._sorted.partition(partition)

    def partitions(
        self, after: tuple[int, KeyValue] | None = None, *, start_token: int = 0
    ) -> Iterator[tuple[int, KeyValue]]:
        """``(token, partition key)`` pairs in Scan order, optionally strictly after one,
        else from the first whose token is at least ``start_token``. O(log p) to start."""
        if self.sort_key is not None:
            yield from self._sorted.partitions(after, start_token=start_token)
        else:
            yield from tokens_after(self._single_order, after, start_token)

    def items(self) -> Iterator[Item]:
        """Every item, in Scan order: partitions by token, then by sort key."""
        if self.sort_key is not None:
            yield from self._sorted.items()
        else:
            for _token, partition in self._single_order:
                yield self._single[partition]

    def clear(self) -> None:
        """Remove every item (indexes included)."""
        self._single = {}
        self._single_order = SortedList()
        self._single_order_owned = True
        self._sorted.clear()
        self.item_count = 0
        self.size_bytes = 0
        for index in self.indexes.values():
            index.clear()
        if self.expiry is not None:
            self.expiry = ExpiryIndex(self.expiry.attribute, *self._key_names())

    def copy(self) -> Table:
        """An independent copy that shares the (never mutated) items: a new
        definition, new indexes, new containers (the ordered ones copied lazily,
        on their first change). O(n) in the number of items, at C speed."""
        new = copy.copy(self)
        memo: dict[int, object] = {}
        new.definition = copy.deepcopy(self.definition, memo)
        new.indexes = {
            name: index.copy(copy.deepcopy(index.definition, memo))
            for name, index in self.indexes.items()
        }
        new.expiry = self.expiry.copy() if self.expiry is not None else None
        new._single = self._single.copy()
        new._sorted = self._sorted.copy()
        # Both share the partition order until either adds or removes a partition.
        new._single_order_owned = self._single_order_owned = False
        return new

    def _writable_single_order(self) -> SortedList[tuple[int, KeyValue]]:
        if not self._single_order_owned:
            self._single_order = self._single_order.copy()
            self._single_order_owned = True
        return self._single_order

    # ------------------------------------------------------------ indexes

    def add_index(self, definition: IndexDefinition) -> SecondaryIndex:
        """Create a secondary index and back-fill it with the existing items."""
        from dynantic.testing.engine.indexes import SecondaryIndex  # noqa: PLC0415 - cycle

        index = SecondaryIndex(definition, self.key_schema)
        index.backfill(self.items())
        self.indexes[definition.name] = index
        return index

    def drop_index(self, name: str) -> None:
        """Remove a secondary index."""
        del self.indexes[name]

    # ------------------------------------------------------------ time to live

    def _key_names(self) -> tuple[str, str | None]:
        return self.partition_key.name, self.sort_key.name if self.sort_key else None

    def set_expiry(self, attribute: str | None) -> None:
        """Track items by the TTL ``attribute`` (``None`` when TTL is disabled)."""
        if attribute is None:
            self.expiry = None
        elif self.expiry is None or self.expiry.attribute != attribute:
            self.expiry = ExpiryIndex(attribute, *self._key_names())
            self.expiry.fill(self.items())

    def expire(self, now: float) -> int:
        """Delete the items expired at ``now`` (from the table and its indexes)."""
        if self.expiry is None:
            return 0
        due = self.expiry.due(now)
        for partition, sort in due:
            self.delete(partition, sort)
        return len(due)

    # ------------------------------------------------------------ bookkeeping

    def check_invariants(self) -> None:
        """Assert the table's invariants (for tests)."""
        self._sorted.check_invariants()
        assert len(self._single_order) == len(self._single)
        items = list(self.items())
        assert self.item_count == len(items)
        assert all(stored_size(item) == item_size(item) for item in items)
        assert self.size_bytes == sum(item_size(item) for item in items)
        for index in self.indexes.values():
            index.check_invariants(items)
        if self.expiry is not None:
            timed = [i for i in items if isinstance(i.get(self.expiry.attribute), Decimal)]
            assert len(self.expiry) == len(timed)


def _as_key(value: AttributeValue) -> KeyValue:
    assert isinstance(value, str | Decimal | bytes)
    return value
