"""Secondary indexes, kept in step with their table on every write.

An index holds a reference to each table item that carries all of the index's
key attributes (an item missing one is simply absent: indexes are sparse). Its
partitions are keyed by the tuple of partition-key values (global indexes may
have up to four partition-key and four sort-key attributes) and ordered by the
tuple of sort-key values, then the service's order among entries with the same
index key (:func:`~dynantic.testing.engine.partitions.tie_token`, global
indexes only), then the table's key, so that every entry has a distinct, total position and
``LastEvaluatedKey`` can carry index and table keys. Projections are applied
when items are read, not when stored.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias, cast

from dynantic.testing import messages
from dynantic.testing.engine.keys import MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, key_byte_size
from dynantic.testing.engine.partitions import PartitionStore, tie_token
from dynantic.testing.engine.table import stored_size
from dynantic.testing.engine.values import AttributeValue, Item, item_size, type_code
from dynantic.testing.errors import validation_error

if TYPE_CHECKING:
    from sortedcontainers import SortedDict

    from dynantic.testing.engine.definition import IndexDefinition
    from dynantic.testing.engine.table import KeyAttribute, KeySchema, KeyValue

__all__ = ["IndexOrder", "IndexPartition", "SecondaryIndex"]

# The Python class of a stored value of each key type.
_KEY_CLASSES: dict[str, type] = {"S": str, "N": Decimal, "B": bytes}

IndexPartition: TypeAlias = tuple[AttributeValue, ...]
"""The values of an index's partition-key attributes, in key-schema order."""
IndexOrder: TypeAlias = tuple[AttributeValue | int, ...]
"""An entry's position in its partition: index sort-key values, the tie token,
then the table key."""


class SecondaryIndex:
    """A global or local secondary index over one table.

    ``replace`` costs O(log k) in a partition of k entries (plus O(log p) when a
    partition of p appears or empties).
    """

    def __init__(self, definition: IndexDefinition, table_key_schema: KeySchema) -> None:
        self.definition = definition
        self.name = definition.name
        self.key_schema = definition.key_schema
        self.table_key_schema = table_key_schema
        self.item_count = 0
        self.size_bytes = 0
        self._partition_names = tuple(a.name for a in self.key_schema.partition)
        self._sort_names = tuple(a.name for a in self.key_schema.sort)
        self._table_key_names = tuple(a.name for a in table_key_schema.attributes)
        index_names = {a.name for a in self.key_schema.attributes}
        # Entries with the same index key are told apart by the digest of these.
        # A local index shares its table's partition and keeps tied entries in
        # table sort-key order, so it has none (ExtendDB tests/test_query_scan.py
        # ::TestLSIPaginationDuplicateSortKeys, run against the service).
        self._tie_names = (
            tuple(n for n in self._table_key_names if n not in index_names)
            if definition.is_global
            else ()
        )
        self._key_names = frozenset(
            self._partition_names + self._sort_names + self._table_key_names
        )
        projection = definition.projection
        self._projected: frozenset[str] | None = (
            None
            if projection.type == "ALL"
            else self._key_names | frozenset(projection.non_key_attributes)
        )
        self._key_limits: dict[str, tuple[KeyAttribute, int]] = {
            a.name: (a, MAX_PARTITION_KEY_BYTES) for a in self.key_schema.partition
        } | {a.name: (a, MAX_SORT_KEY_BYTES) for a in self.key_schema.sort}
        self._key_checks = tuple(
            (name, _KEY_CLASSES[attribute.type], limit)
            for name, (attribute, limit) in self._key_limits.items()
        )
        self._store: PartitionStore[IndexPartition, IndexOrder] = PartitionStore()
        # Whether the table holds items left out for their key values (only after
        # a back-fill); writes are checked against the index only then.
        self._screens = False

    # ------------------------------------------------------------ writes

    def check_item(self, item: Item) -> None:
        """Refuse an item whose index key values the index cannot hold."""
        problem = self.key_violation(item)
        if problem is not None:
            raise validation_error(problem)

    def key_violation(self, item: Item) -> str | None:
        """Why ``item``'s index key values cannot be indexed, in the service's
        words; ``None`` if they can (or the item lacks them)."""
        for name, kind, limit in self._key_checks:
            if name not in item:
                continue
            value = item[name]
            # Settled without a call in the common case: the declared type, and a
            # string or binary too short for any byte count to pass the limit.
            if type(value) is kind and (
                kind is Decimal or 0 < len(cast("str | bytes", value)) <= limit // 4
            ):
                continue
            problem = self.key_value_violation(name, value)
            if problem is not None:
                return problem
        return None

    def key_value_violation(self, name: str, value: AttributeValue) -> str | None:
        """Why ``value`` cannot be the index key attribute ``name``: another type
        than the index declares, an empty string or binary, or more bytes than a
        partition key (2048) or sort key (1024) may hold."""
        attribute, limit = self._key_limits[name]
        actual = type_code(value)
        if actual != attribute.type:
            return messages.INDEX_KEY_TYPE_MISMATCH.format(
                name=name, expected=attribute.type, actual=actual, index=self.name
            )
        if value in {"", b""}:
            kind = "string" if attribute.type == "S" else "binary"
            return messages.INDEX_KEY_EMPTY.format(kind=kind, index=self.name, name=name)
        size = key_byte_size(cast("KeyValue", value))
        if size > limit:
            return messages.INDEX_KEY_TOO_LARGE.format(
                name=name, size=size, limit=limit, index=self.name
            )
        return None

    def backfill(self, items: Iterator[Item]) -> None:
        """Index the items a table held before the index was added. An item whose
        index key values break the index's rules stays in the table but out of
        the index (the service's "index key violations"), also after later writes
        that leave those values as they are."""
        for item in items:
            if self.key_violation(item) is None:
                self.replace(None, item)
            else:
                self._screens = True

    def position(self, item: Item) -> tuple[IndexPartition, IndexOrder] | None:
        """Where ``item`` sits in the index, or ``None`` if it lacks an index key."""
        try:
            partition = tuple(item[name] for name in self._partition_names)
            order = self.order_of(item)
        except KeyError:
            return None
        return partition, order

    def order_of(self, key: Item) -> IndexOrder:
        """The place in its partition of the entry for ``key`` (an item, or the
        table and index key attributes of one)."""
        return (
            *(key[name] for name in self._sort_names),
            tie_token(tuple(cast("KeyValue", key[name]) for name in self._tie_names)),
            *(key[name] for name in self._table_key_names),
        )

    def replace(self, old: Item | None, new: Item | None) -> None:
        """Move the index from holding ``old`` (if any) to holding ``new`` (if any)."""
        if old is not None:
            place = self.position(old)
            if place is not None and self._store.remove(*place) is not None:
                self.item_count -= 1
                self.size_bytes -= self.stored_size(old)
        if new is not None:
            place = self.position(new)
            if place is not None and not (self._screens and self.key_violation(new)):
                self._store.add(*place, new)
                self.item_count += 1
                self.size_bytes += self.stored_size(new)

    def clear(self) -> None:
        """Remove every entry."""
        self._store.clear()
        self.item_count = 0
        self.size_bytes = 0
        self._screens = False

    def copy(self, definition: IndexDefinition) -> SecondaryIndex:
        """A copy with new containers and shared items, described by ``definition``
        (the copy of this index's definition that the table copy holds)."""
        new = copy.copy(self)
        new.definition = definition
        new._store = self._store.copy()
        return new

    # ------------------------------------------------------------ reads

    def project(self, item: Item) -> Item:
        """The part of ``item`` the index holds (its projection)."""
        names = self._projected
        if names is None:
            return item
        return {name: value for name, value in item.items() if name in names}

    def projects(self, name: str) -> bool:
        """Whether the index holds attribute ``name``."""
        return self._projected is None or name in self._projected

    def stored_size(self, item: Item) -> int:
        """The size the index counts for ``item``: that of its projection."""
        if self._projected is None:
            return stored_size(item)
        return item_size(self.project(item))

    def partition(self, partition: IndexPartition) -> SortedDict[IndexOrder, Item] | None:
        """One partition's entries by position, or ``None`` if it holds none."""
        return self._store.partition(partition)

    def partitions(
        self, after: tuple[int, IndexPartition] | None = None, *, start_token: int = 0
    ) -> Iterator[tuple[int, IndexPartition]]:
        """``(token, partition)`` pairs in Scan order, optionally strictly after one,
        else from the first whose token is at least ``start_token``."""
        return self._store.partitions(after, start_token=start_token)

    def items(self) -> Iterator[Item]:
        """Every table item in the index, in Scan order (not projected)."""
        return self._store.items()

    def check_invariants(self, table_items: list[Item]) -> None:
        """Assert the index holds exactly the table items with its keys (for tests)."""
        self._store.check_invariants()
        expected = [
            item
            for item in table_items
            if self.position(item) is not None and self.key_violation(item) is None
        ]
        held = list(self.items())
        assert len(held) == len(expected) == self.item_count
        assert {id(item) for item in held} == {id(item) for item in expected}
        assert self.size_bytes == sum(self.stored_size(item) for item in held)
