"""Items grouped in partitions, each partition ordered by a sort order key.

A table with a sort key and every secondary index keep their items this way:
``partition key → SortedDict(order key → item)``, with partitions themselves
ordered by a stable hash of their key (:func:`partition_token`) — the order in
which a Scan visits them, and the space a parallel scan divides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterator
from decimal import Decimal
from typing import Generic, TypeVar, cast

from sortedcontainers import SortedDict, SortedList

from dynantic.testing.engine.values import Item

__all__ = [
    "TOKEN_SPACE",
    "PartitionStore",
    "Top",
    "partition_token",
    "tie_token",
    "tokens_after",
]

PartitionT = TypeVar("PartitionT", bound=Hashable)
OrderT = TypeVar("OrderT")

TOKEN_SPACE = 1 << 64
"""Tokens are 64-bit: segment ``s`` of ``n`` holds tokens ``[s·2⁶⁴/n, (s+1)·2⁶⁴/n)``."""


# DynamoDB places a partition by the MD5 digest of this salt followed by the key's
# bytes, and a Scan visits partitions in digest order: a Scan of string keys k1 to
# k15 on the live service returns them in exactly this order (see
# docs/dynamodb-facts.md, "Scan order").
_SALT = b"Outliers"


def _number_bytes(number: Decimal) -> bytes:
    """A number's bytes as the service hashes them: an exponent byte, then the
    digits in base 100, one byte each; the bytes of a negative number are
    complemented, and end with 102 when there are fewer than 20 of them."""
    if not number:
        return b"\x80"
    negative, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # a key number is finite
    while digits[-1] == 0:  # (not normalize(): it rounds to the context's precision)
        digits, exponent = digits[:-1], exponent + 1
    point = len(digits) + exponent  # value = 0.d1d2... * 10**point
    if point % 2:  # align the digits on a power of 100
        digits, point = (0, *digits), point + 1
    if len(digits) % 2:
        digits = (*digits, 0)
    hundreds = [digits[i] * 10 + digits[i + 1] for i in range(0, len(digits), 2)]
    scale = point // 2
    if negative:
        encoded = bytes([(63 - scale) & 0xFF, *(101 - pair for pair in hundreds)])
        return encoded + b"\x66" if len(hundreds) < 20 else encoded
    return bytes([(scale + 192) & 0xFF, *(pair + 1 for pair in hundreds)])


def _token_bytes(value: object) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, Decimal):
        return _number_bytes(value)
    if isinstance(value, bytes):
        return value
    if isinstance(value, tuple):
        members = cast("tuple[object, ...]", value)
        if len(members) == 1:
            # An index key of one attribute sits where a table key of the same
            # value sits: a local index visits partitions in the table's order.
            return _token_bytes(members[0])
        # A key of several attributes (a multi-attribute index key): how the
        # service hashes it is not published; each member is tagged by its type.
        return b"\x00".join(_tagged_bytes(member) for member in members)
    raise TypeError(f"not a key value: {value!r}")


def _tagged_bytes(value: object) -> bytes:
    tag = b"S" if isinstance(value, str) else b"N" if isinstance(value, Decimal) else b"B"
    return tag + _token_bytes(value)


def partition_token(partition: object) -> int:
    """Where a partition key (a value, or a tuple of values) sits in the table's
    hash space: the first 64 bits of its digest, as the service computes it."""
    return _digest_token(_token_bytes(partition))


def tie_token(values: tuple[str | Decimal | bytes, ...]) -> int:
    """Where an index entry sits among entries with the same index key: the
    digest of the table key attributes the index key lacks, their bytes run
    together (hash key first). ``0`` when there are none (the index key then
    names one item)."""
    if not values:
        return 0
    return _digest_token(b"".join([_token_bytes(value) for value in values]))


def _digest_token(data: bytes) -> int:
    """The first 64 bits of the salted MD5 digest of ``data``."""
    return int.from_bytes(hashlib.md5(_SALT + data, usedforsecurity=False).digest()[:8], "big")


def tokens_after(
    order: SortedList[tuple[int, PartitionT]],
    after: tuple[int, PartitionT] | None,
    start_token: int,
) -> Iterator[tuple[int, PartitionT]]:
    """The entries of a partition order strictly after ``after`` if given, else from
    the first whose token is at least ``start_token``."""
    if after is not None:
        return order.irange(minimum=after, inclusive=(False, True))
    if start_token <= 0:
        return iter(order)
    # A 1-tuple sorts before every (token, partition) pair with the same token.
    first = cast("tuple[int, PartitionT]", (start_token,))
    return order.irange(minimum=first)


class Top:
    """Sorts after every key value; closes the upper end of a range over tuples."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return not isinstance(other, Top)

    def __le__(self, other: object) -> bool:
        return isinstance(other, Top)

    def __ge__(self, other: object) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Top)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "Top()"


class PartitionStore(Generic[PartitionT, OrderT]):
    """Partitions of items, each ordered by an order key.

    Adding or removing an item costs O(log k) in its partition of k items,
    plus O(log p) when it creates or empties one of p partitions.
    """

    def __init__(self) -> None:
        self._partitions: dict[PartitionT, SortedDict[OrderT, Item]] = {}
        self._order: SortedList[tuple[int, PartitionT]] = SortedList()
        # The partitions whose SortedDict this store may change in place. The others
        # are shared with a copy (see copy()) and are copied before their first change.
        self._owned: set[PartitionT] = set()
        self._order_owned = True

    def __len__(self) -> int:
        return len(self._partitions)

    def get(self, partition: PartitionT, order: OrderT) -> Item | None:
        """The item at this position, or ``None``."""
        rows = self._partitions.get(partition)
        return None if rows is None else rows.get(order)

    def add(self, partition: PartitionT, order: OrderT, item: Item) -> Item | None:
        """Store ``item``, returning the one it replaced."""
        rows = self._partitions.get(partition)
        if rows is None:
            rows = self._partitions[partition] = SortedDict()
            self._owned.add(partition)
            self._writable_order().add((partition_token(partition), partition))
        elif partition not in self._owned:
            rows = self._writable(partition)
            assert rows is not None
        old = rows.get(order)
        rows[order] = item
        return old

    def remove(self, partition: PartitionT, order: OrderT) -> Item | None:
        """Remove and return the item at this position (``None`` if absent)."""
        rows = self._partitions.get(partition)
        if rows is None or order not in rows:
            return None
        rows = self._writable(partition)
        assert rows is not None
        old = rows.pop(order)
        if not rows:
            del self._partitions[partition]
            self._owned.discard(partition)
            self._writable_order().remove((partition_token(partition), partition))
        return old

    def _writable(self, partition: PartitionT) -> SortedDict[OrderT, Item] | None:
        """The partition's items, copied first if they are shared with a copy."""
        rows = self._partitions.get(partition)
        if rows is not None and partition not in self._owned:
            rows = self._partitions[partition] = rows.copy()
            self._owned.add(partition)
        return rows

    def _writable_order(self) -> SortedList[tuple[int, PartitionT]]:
        """The partition order, copied first if it is shared with a copy."""
        if not self._order_owned:
            self._order = self._order.copy()
            self._order_owned = True
        return self._order

    def partition(self, partition: PartitionT) -> SortedDict[OrderT, Item] | None:
        """One partition's items by order key, or ``None`` if it holds none."""
        return self._partitions.get(partition)

    def partitions(
        self, after_token: tuple[int, PartitionT] | None = None, *, start_token: int = 0
    ) -> Iterator[tuple[int, PartitionT]]:
        """``(token, partition)`` pairs in Scan order, optionally strictly after one,
        else from the first whose token is at least ``start_token``. O(log p) to start."""
        yield from tokens_after(self._order, after_token, start_token)

    def items(self) -> Iterator[Item]:
        """Every item, partitions in Scan order, each by order key."""
        for _token, partition in self._order:
            yield from self._partitions[partition].values()

    def clear(self) -> None:
        """Remove every item."""
        self._partitions = {}
        self._order = SortedList()
        self._owned = set()
        self._order_owned = True

    def copy(self) -> PartitionStore[PartitionT, OrderT]:
        """An independent copy that shares the (never mutated) items.

        O(p) in the number of partitions, at C speed: the copy and this store share
        each partition's ordered items, and the order of partitions, until either
        changes them, which then copies what it changes first (once).
        """
        new: PartitionStore[PartitionT, OrderT] = PartitionStore()
        new._partitions = dict(self._partitions)
        new._order = self._order
        new._order_owned = self._order_owned = False
        self._owned = set()
        return new

    def check_invariants(self) -> None:
        """Assert the structure's invariants (for tests)."""
        assert len(self._order) == len(self._partitions)
        assert self._owned <= self._partitions.keys()
        for token, partition in self._order:
            assert token == partition_token(partition)
            assert self._partitions[partition], "an empty partition was kept"
