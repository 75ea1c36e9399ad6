"""Which of the service's two value-checking layers words a bad attribute value.

DynamoDB checks attribute values in one of two layers, and the operation decides
which. The current layer (GetItem, PutItem, UpdateItem, DeleteItem, Query and
BatchGetItem) writes an empty number as ``…numeric value: ``, quotes the members
of a set with a repeated member (sorted up to the repeat), and reports a bad
expression value with no ``ExpressionAttributeValues contains invalid value``
wrapper. The older layer (Scan, BatchWriteItem and the transactions, as
us-east-1 answers them) keeps the older words, and reads an exponent as Java's
``BigDecimal`` does. Live-service captures from four regions
(paritysuite/dynamodb-conformance, ``tests/tier3/error-messages/valueLayers.test.ts``)
show both.

Values are checked in the current layer unless a handler of an older-layer
operation is running (:func:`older_layer` wraps those handlers), so the
single-item operations pay nothing for the distinction.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

__all__ = [
    "OLDER_LAYER_OPERATIONS",
    "checks_in_older_layer",
    "in_current_layer",
    "older_layer",
    "repeat_order",
]

OLDER_LAYER_OPERATIONS = frozenset(
    {"Scan", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"}
)

_OLDER: ContextVar[bool] = ContextVar("dynantic_older_value_layer", default=False)

Member = TypeVar("Member")
Database = TypeVar("Database")
Request = TypeVar("Request")


def in_current_layer() -> bool:
    """Whether the request being answered checks its values in the current layer."""
    return not _OLDER.get()


@contextmanager
def checks_in_older_layer() -> Generator[None, None, None]:
    """Check values in the older layer within the block."""
    token = _OLDER.set(True)
    try:
        yield
    finally:
        _OLDER.reset(token)


def older_layer(
    handler: Callable[[Database, Request], dict[str, object]],
) -> Callable[[Database, Request], dict[str, object]]:
    """``handler``, checking values in the older layer while it runs."""

    def in_older_layer(database: Database, request: Request) -> dict[str, object]:
        with checks_in_older_layer():
            return handler(database, request)

    return in_older_layer


def repeat_order(members: list[Member], order: Callable[[Member], bytes]) -> list[Member]:
    """The members as the current layer lists a set with a repeat: those before
    the first repeated member in byte order, then the repeat, then the rest as sent."""
    seen: set[bytes] = set()
    for position, member in enumerate(members):
        key = order(member)
        if key in seen:
            before = sorted(members[:position], key=order)
            return [*before, *members[position:]]
        seen.add(key)
    return list(members)
