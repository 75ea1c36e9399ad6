"""Ranges of sort order keys, and walking a partition through one.

A Query's sort-key condition becomes a :class:`KeyRange` over the partition's
order keys — scalars for a table, tuples for an index (its sort-key values,
then the table key). ``begins_with`` becomes a half-open range ending at the
smallest value greater than every value with the prefix, so both directions
walk exactly the matching keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from sortedcontainers import SortedDict

from dynantic.testing.engine.values import Item

__all__ = ["KeyRange", "prefix_successor", "walk"]

K = TypeVar("K")

_MAX_CODE_POINT = 0x10FFFF


def prefix_successor(prefix: str | bytes) -> str | bytes | None:
    """The smallest value greater than every value starting with ``prefix``.

    ``None`` when there is none (an empty prefix, or one made only of the
    largest character/byte): the range is then open above.
    """
    if isinstance(prefix, str):
        text = prefix
        while text and ord(text[-1]) == _MAX_CODE_POINT:
            text = text[:-1]
        if not text:
            return None
        last = ord(text[-1]) + 1
        if 0xD800 <= last <= 0xDFFF:  # surrogates never occur in valid strings
            last = 0xE000
        return text[:-1] + chr(last)
    data = prefix.rstrip(b"\xff")
    if not data:
        return None
    return data[:-1] + bytes([data[-1] + 1])


@dataclass(frozen=True, slots=True)
class KeyRange(Generic[K]):
    """Order keys between ``lower`` and ``upper`` (``None``: open on that side)."""

    lower: K | None = None
    upper: K | None = None
    lower_inclusive: bool = True
    upper_inclusive: bool = True


def walk(
    rows: SortedDict[K, Item],
    key_range: KeyRange[K],
    *,
    forward: bool = True,
    after: K | None = None,
) -> Iterator[tuple[K, Item]]:
    """The rows of a partition within ``key_range``, in order (or reversed),
    starting strictly after the order key ``after`` when given (the caller has
    checked that ``after`` lies within the range, as the service requires of an
    ``ExclusiveStartKey``).

    O(log k) to find the start, then O(1) per row.
    """
    lower, upper = key_range.lower, key_range.upper
    lower_inclusive, upper_inclusive = key_range.lower_inclusive, key_range.upper_inclusive
    if after is not None:
        if forward:
            lower, lower_inclusive = after, False
        else:
            upper, upper_inclusive = after, False
    for key in rows.irange(lower, upper, (lower_inclusive, upper_inclusive), reverse=not forward):
        yield key, rows[key]
