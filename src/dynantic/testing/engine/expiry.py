"""Time to live: which items of a table have expired.

DynamoDB compares the TTL attribute (a Number of epoch seconds) with the current
time; an item whose value is in the past is expired, and the service deletes it
in the background, typically within two days — until then it stays readable.
Values of another type are ignored, and so are values more than five years in
the past (AWS developer guide, "Computing Time to Live"). The fake deletes
expired items only when a test asks for it, or before each call when automatic
expiry is switched on.

An :class:`ExpiryIndex` keeps a table's items ordered by expiry time, so finding
the due ones costs O(log n + k) and nothing when none is due.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from sortedcontainers import SortedKeyList

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dynantic.testing.engine.table import KeyValue
    from dynantic.testing.engine.values import Item

__all__ = ["IGNORED_AFTER_SECONDS", "ExpiryIndex"]

IGNORED_AFTER_SECONDS = Decimal(5 * 365 * 86400 + 86400)
"""Expiry times more than five years (with a leap day) in the past are ignored."""

_Entry: TypeAlias = "tuple[Decimal, KeyValue, KeyValue | None]"


def _expiry_time(entry: _Entry) -> Decimal:
    return entry[0]


class ExpiryIndex:
    """The items of one table carrying a numeric TTL attribute, by expiry time."""

    def __init__(self, attribute: str, partition_key: str, sort_key: str | None) -> None:
        self.attribute = attribute
        self._partition_key = partition_key
        self._sort_key = sort_key
        self._entries: SortedKeyList[_Entry] = SortedKeyList(key=_expiry_time)

    def _entry(self, item: Item) -> _Entry | None:
        expires = item.get(self.attribute)
        if not isinstance(expires, Decimal):
            return None
        partition = item[self._partition_key]
        sort = item[self._sort_key] if self._sort_key is not None else None
        if not isinstance(partition, str | Decimal | bytes) or not (
            sort is None or isinstance(sort, str | Decimal | bytes)
        ):
            return None  # unreachable for stored items, whose keys were validated
        return (expires, partition, sort)

    def replace(self, old: Item | None, new: Item | None) -> None:
        """Follow a write: ``old`` leaves the index, ``new`` enters it. O(log n)."""
        if old is not None:
            entry = self._entry(old)
            if entry is not None:
                self._entries.discard(entry)
        if new is not None:
            entry = self._entry(new)
            if entry is not None:
                self._entries.add(entry)

    def fill(self, items: Iterable[Item]) -> None:
        """Index every item of a table (when TTL is switched on)."""
        self._entries.update(e for e in map(self._entry, items) if e is not None)

    def due(self, now: float) -> list[tuple[KeyValue, KeyValue | None]]:
        """Keys of the items expired at ``now`` and not yet past the five-year cut-off."""
        current = Decimal(repr(now))
        cutoff = current - IGNORED_AFTER_SECONDS
        start = self._entries.bisect_key_left(cutoff)
        keys: list[tuple[KeyValue, KeyValue | None]] = []
        for expires, partition, sort in self._entries.islice(start):
            if expires >= current:
                break
            keys.append((partition, sort))
        return keys

    def copy(self) -> ExpiryIndex:
        """An independent copy (entries are immutable tuples)."""
        new = ExpiryIndex(self.attribute, self._partition_key, self._sort_key)
        new._entries = self._entries.copy()
        return new

    def __len__(self) -> int:
        return len(self._entries)
