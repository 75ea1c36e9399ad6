"""Which of the service's two value-checking layers words a bad attribute value.

DynamoDB checks attribute values in one of two layers, and the operation decides
which. The current layer (GetItem, PutItem, UpdateItem, DeleteItem, Query)
writes an empty number as ``…numeric value: ``, quotes the members of a set
with a repeated member (sorted up to the repeat), and reports a bad expression
value with no ``ExpressionAttributeValues contains invalid value`` wrapper. The
older layer (Scan, the batch and transaction operations) keeps the older words.
Live-service captures from four regions (paritysuite/dynamodb-conformance,
``tests/tier3/error-messages/valueLayers.test.ts``) show both.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import TypeVar

__all__ = [
    "CURRENT_LAYER_OPERATIONS",
    "enter_layer",
    "in_current_layer",
    "leave_layer",
    "repeat_order",
]

CURRENT_LAYER_OPERATIONS = frozenset({"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"})

_CURRENT: ContextVar[bool] = ContextVar("dynantic_current_value_layer", default=False)

Member = TypeVar("Member")


def in_current_layer() -> bool:
    """Whether the request being answered checks its values in the current layer."""
    return _CURRENT.get()


def enter_layer(operation_name: str) -> Token[bool]:
    """Check values in the layer the service uses for ``operation_name`` until
    :func:`leave_layer` is given the token."""
    return _CURRENT.set(operation_name in CURRENT_LAYER_OPERATIONS)


def leave_layer(token: Token[bool]) -> None:
    """Return to the layer in force before :func:`enter_layer`."""
    _CURRENT.reset(token)


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
