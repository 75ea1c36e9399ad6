"""What a Query or Scan reads: a table, or one of its secondary indexes.

Both keep their items in partitions visited in the order of their partition
token. A table orders a partition by its sort key value; an index by the tuple
of its sort-key values, then the order the service gives entries with the same
index key, then the table key, so every entry has its own place. A table
without a sort key holds one item per partition.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, cast

from dynantic.testing import messages
from dynantic.testing.engine.partitions import TOKEN_SPACE, Top, partition_token
from dynantic.testing.engine.ranges import KeyRange, walk
from dynantic.testing.engine.table import stored_size
from dynantic.testing.engine.values import AttributeValue, Item
from dynantic.testing.errors import validation_error

if TYPE_CHECKING:
    from sortedcontainers import SortedDict

    from dynantic.testing.engine.indexes import SecondaryIndex
    from dynantic.testing.engine.table import KeySchema, KeyValue, Table

__all__ = [
    "OrderKey",
    "PartitionKey",
    "ReadTarget",
    "ScanStart",
    "read_target",
    "segment_tokens",
]

OrderKey: TypeAlias = "KeyValue | tuple[AttributeValue | int | Top, ...]"
"""A row's place in its partition: a sort key value (tables), or a tuple (indexes)."""
PartitionKey: TypeAlias = Hashable
"""A partition's key: a value (tables), or the tuple of partition-key values (indexes)."""


@dataclass(frozen=True, slots=True)
class ScanStart:
    """Where a scan resumes: strictly after the row ``order`` of ``partition``."""

    token: int
    partition: PartitionKey
    order: OrderKey | None


@dataclass(frozen=True, slots=True)
class ReadTarget:
    """A table, or one of its indexes, as a read sees it."""

    table: Table
    index: SecondaryIndex | None = None

    @property
    def key_schema(self) -> KeySchema:
        """The key schema a read is checked against: the index's, or the table's."""
        return self.index.key_schema if self.index is not None else self.table.key_schema

    @property
    def is_global(self) -> bool:
        """Whether the target is a global secondary index."""
        return self.index is not None and self.index.definition.is_global

    @property
    def projects_all(self) -> bool:
        """Whether every attribute of an item can be read here without a fetch."""
        return self.index is None or self.index.definition.projection.type == "ALL"

    @property
    def start_key_names(self) -> tuple[str, ...]:
        """The attributes of a LastEvaluatedKey: the table key, then the index key."""
        names = tuple(attribute.name for attribute in self.table.key_schema.attributes)
        if self.index is None:
            return names
        extra = tuple(a.name for a in self.index.key_schema.attributes if a.name not in names)
        return names + extra

    @property
    def single_items(self) -> bool:
        """Whether each partition holds one item (a table without a sort key)."""
        return self.index is None and self.table.sort_key is None

    def size_of(self) -> Callable[[Item], int]:
        """How many bytes reading an item counts: its entry in the target."""
        return self.index.stored_size if self.index is not None else stored_size

    def projects(self, name: str) -> bool:
        """Whether the target holds attribute ``name`` of its items."""
        return self.index is None or self.index.projects(name)

    def project(self, item: Item) -> Item:
        """The part of ``item`` the target holds."""
        return self.index.project(item) if self.index is not None else item

    def last_evaluated_key(self, item: Item) -> Item:
        """The key a page that stopped at ``item`` hands back."""
        return {name: item[name] for name in self.start_key_names}

    # ------------------------------------------------------------ positions
    def partition_of(self, key: Item) -> PartitionKey:
        """The partition holding the item with this key (key attributes only)."""
        if self.index is None:
            return cast("KeyValue", key[self.table.partition_key.name])
        return tuple(key[attribute.name] for attribute in self.index.key_schema.partition)

    def order_of(self, key: Item) -> OrderKey | None:
        """The place in its partition of the item with this key (``None``: only item)."""
        if self.index is None:
            sort_key = self.table.sort_key
            return None if sort_key is None else cast("KeyValue", key[sort_key.name])
        return self.index.order_of(key)

    def start(self, key: Item) -> ScanStart:
        """Where a scan resumes after the item with this key."""
        partition = self.partition_of(key)
        return ScanStart(partition_token(partition), partition, self.order_of(key))

    # ------------------------------------------------------------ reading
    def query(
        self,
        partition: PartitionKey,
        key_range: KeyRange[OrderKey],
        *,
        forward: bool,
        after: OrderKey | None,
        resume: bool,
    ) -> Iterator[Item]:
        """The items of one partition within ``key_range``, in order (or reversed),
        strictly after ``after`` when ``resume``. O(log k) to start, O(1) per item."""
        if self.single_items:
            single = None if resume else self.table.get(cast("KeyValue", partition))
            if single is not None:
                yield single
            return
        rows = self._rows(partition)
        if rows is None:
            return
        for _order, item in walk(rows, key_range, forward=forward, after=after if resume else None):
            yield item

    def scan(self, segment: tuple[int, int], start: ScanStart | None) -> Iterator[Item]:
        """Every item whose partition token lies in ``segment`` (a half-open token
        range), in Scan order, strictly after ``start`` when given."""
        low, high = segment
        after: tuple[int, PartitionKey] | None = None
        if start is not None:
            after = (start.token, start.partition)
            rows = self._rows(start.partition)
            if rows is not None and start.order is not None:
                for key in rows.irange(minimum=start.order, inclusive=(False, True)):
                    yield rows[key]
        for token, partition in self._partitions(after, low):
            if token >= high:
                return
            if self.single_items:
                single = self.table.get(cast("KeyValue", partition))
                if single is not None:
                    yield single
                continue
            rows = self._rows(partition)
            if rows is not None:
                # Faster than rows.values(), whose view iterates through the ABC.
                yield from map(rows.__getitem__, rows)

    def _rows(self, partition: PartitionKey) -> SortedDict[OrderKey, Item] | None:
        # Each store keys its rows by one kind of order key (see OrderKey).
        if self.index is not None:
            rows = self.index.partition(cast("tuple[AttributeValue, ...]", partition))
            return cast("SortedDict[OrderKey, Item] | None", rows)
        if self.table.sort_key is not None:
            table_rows = self.table.partition(cast("KeyValue", partition))
            return cast("SortedDict[OrderKey, Item] | None", table_rows)
        return None

    def _partitions(
        self, after: tuple[int, PartitionKey] | None, start_token: int
    ) -> Iterator[tuple[int, PartitionKey]]:
        if self.index is not None:
            index_after = cast("tuple[int, tuple[AttributeValue, ...]] | None", after)
            return iter(self.index.partitions(index_after, start_token=start_token))
        table_after = cast("tuple[int, KeyValue] | None", after)
        return iter(self.table.partitions(table_after, start_token=start_token))


def read_target(table: Table, index_name: str | None) -> ReadTarget:
    """The table, or its index called ``index_name`` (refused if it has none)."""
    if index_name is None:
        return ReadTarget(table)
    index = table.indexes.get(index_name)
    if index is None:
        raise validation_error(messages.INDEX_UNKNOWN.format(index=index_name))
    return ReadTarget(table, index)


def segment_tokens(segment: int | None, total: int | None) -> tuple[int, int]:
    """The half-open token range of parallel-scan segment ``segment`` of ``total``."""
    if segment is None or total is None:
        return 0, TOKEN_SPACE
    return segment * TOKEN_SPACE // total, (segment + 1) * TOKEN_SPACE // total
