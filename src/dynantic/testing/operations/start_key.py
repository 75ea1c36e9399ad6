"""ExclusiveStartKey: decoded, checked against the key it must be, and placed.

A start key names exactly the table key attributes (and, on an index, the index
key attributes too), with the key schema's types; a Query's must also lie within
the key condition, and a parallel Scan's within the segment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.keys import check_key, check_key_size
from dynantic.testing.engine.values import Item, WireItem, decode_item, type_code, values_equal
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.query_keys import KeyQuery, condition_holds

if TYPE_CHECKING:
    from dynantic.testing.engine.table import KeyAttribute, Table
    from dynantic.testing.operations.read_target import ReadTarget, ScanStart

__all__ = [
    "check_query_bounds",
    "check_segment",
    "check_start_key_count",
    "check_start_key_piece",
    "check_table_key",
    "decode_start_key",
]

# Value errors the service reports without naming the starting key.
_UNPREFIXED = re.compile(
    r"contains duplicates|number set|numeric value|significant digits|number with magnitude"
)


def decode_start_key(wire: WireItem | None) -> Item | None:
    """The decoded ExclusiveStartKey, its value errors worded as the service does."""
    if wire is None:
        return None
    try:
        return decode_item(wire)
    except ServiceError as error:
        if _UNPREFIXED.search(error.message):
            raise
        raise validation_error(
            messages.START_KEY_INVALID_DETAIL.format(detail=error.message)
        ) from None


def check_start_key_count(start: Mapping[str, object], target: ReadTarget, *, scan: bool) -> None:
    """A start key holds as many attributes as a LastEvaluatedKey of the target."""
    if len(start) == len(target.start_key_names):
        return
    if scan and target.index is None:
        raise validation_error(
            messages.START_KEY_INVALID_DETAIL.format(detail=messages.KEY_SCHEMA_MISMATCH)
        )
    raise validation_error(messages.START_KEY_INVALID)


def check_start_key_piece(start: Item, attribute: KeyAttribute, *, is_partition: bool) -> None:
    """The start key's value of one key attribute of the schema read."""
    if attribute.name not in start:
        raise validation_error(messages.START_KEY_INVALID)
    value = start[attribute.name]
    if not isinstance(value, str | bytes | Decimal) or type_code(value) != attribute.type:
        raise validation_error(messages.KEY_SCHEMA_MISMATCH)
    if value in {"", b""}:
        kind = "string" if attribute.type == "S" else "binary"
        raise validation_error(messages.START_KEY_EMPTY.format(kind=kind, name=attribute.name))
    check_key_size(value, is_partition=is_partition)


def check_table_key(start: Item, table: Table) -> None:
    """The start key's table key attributes form a valid key of the table."""
    key = {a.name: start[a.name] for a in table.key_schema.attributes if a.name in start}
    try:
        check_key(key, table.key_schema)
    except ServiceError as error:
        raise validation_error(
            messages.START_KEY_INVALID_DETAIL.format(detail=error.message)
        ) from None


def check_query_bounds(start: Item, query: KeyQuery) -> None:
    """A Query's start key lies in the queried partition and within its sort conditions."""
    same_partition = all(
        values_equal(start[name], value) for name, value in query.partition.items()
    )
    if not query.sort:
        if not same_partition:
            raise validation_error(messages.START_KEY_OUTSIDE_QUERY)
        return
    if not all(condition_holds(c, start[c.attribute]) for c in query.sort):
        raise validation_error(messages.START_KEY_OUTSIDE_RANGE)
    if not same_partition:
        raise validation_error(messages.START_KEY_SINGLE_ROW)


def check_segment(start: ScanStart, tokens: tuple[int, int], segment: int, total: int) -> None:
    """A parallel Scan's start key lies in the segment's part of the token space."""
    low, high = tokens
    if not low <= start.token < high:
        detail = messages.START_KEY_WRONG_SEGMENT.format(total=total, segment=segment)
        raise validation_error(messages.START_KEY_INVALID_DETAIL.format(detail=detail))
