"""What batches and transactions share: how their key errors read, and which
of their refusals fail the whole request.

BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems judge
their elements with the single-item checks (:mod:`.items_check`), but the
service words some key errors differently there, as captured from the live
service in four regions (an empty key value always reads as PutItem words it;
BatchWriteItem reports any put item whose key attributes are missing or of the
wrong type as a key that does not match the schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error

if TYPE_CHECKING:
    from dynantic.testing.engine.table import Table
    from dynantic.testing.engine.values import AttributeValue

__all__ = [
    "MAX_TRANSACTION_BYTES",
    "TRANSACTION_FACTOR",
    "batch_write_error",
    "fails_whole_transaction",
    "found_before_running",
    "item_identity",
    "without_idle_placeholders",
]


MAX_TRANSACTION_BYTES = 4 * 1024 * 1024
"""DynamoDB: the items of one transaction, written or read, hold at most 4 MB together."""

TRANSACTION_FACTOR = 2.0
"""Transactions charge every action twice (a write to prepare and to commit it; a
read as two strongly consistent reads). A write's index units are not doubled."""


def _prefix(template: str) -> str:
    """The fixed start of a message template, before its first field."""
    return template.split("{", 1)[0]


_ITEM_KEY_EMPTY = _prefix(messages.ITEM_KEY_EMPTY)
_INDEX_KEY_EMPTY = _prefix(messages.INDEX_KEY_EMPTY)
_UPDATE_INDEX_KEY_EMPTY = _prefix(messages.UPDATE_INDEX_KEY_EMPTY)
_PUT_KEY_MISMATCH = (_prefix(messages.ITEM_MISSING_KEY), _prefix(messages.ITEM_KEY_TYPE_MISMATCH))
_EMPTY_KEY = (_ITEM_KEY_EMPTY, _INDEX_KEY_EMPTY, _UPDATE_INDEX_KEY_EMPTY)
_KEY_MISMATCH = (messages.KEY_SCHEMA_MISMATCH, *_PUT_KEY_MISMATCH)


def batch_write_error(error: ServiceError) -> ServiceError:
    """``error`` as BatchWriteItem reports it."""
    if error.message.startswith(_PUT_KEY_MISMATCH):
        return validation_error(messages.KEY_SCHEMA_MISMATCH)
    return error


def fails_whole_transaction(error: ServiceError) -> bool:
    """Whether a transaction element's refusal fails the request as it is, rather
    than cancelling the transaction with a reason.

    The service checks that the tables exist and that no key value (of the table
    or of an index) is empty before it starts the transaction; everything else it
    finds while running it, and reports as cancellation reasons.
    """
    return error.code == "ResourceNotFoundException" or error.message.startswith(_EMPTY_KEY)


def found_before_running(error: ServiceError) -> bool:
    """Whether the service finds a transaction element's refusal while checking
    the request against the tables' key schemas, before it runs any element.

    That check stops at the first element whose key does not match: the
    cancellation reports that element's ``ValidationError`` alone, and ``None``
    for every other element, even one whose condition would fail (ScyllaDB's
    Alternator suite, run against the service: test_transact.py
    test_transact_write_cancellation_reasons_validationerror).
    """
    return error.message.startswith(_KEY_MISMATCH)


def item_identity(table: Table, key: Mapping[str, AttributeValue]) -> tuple[object, ...]:
    """Which item of ``table`` a key (or a whole item) names, as a hashable value,
    whether or not its key attributes have the right types."""
    attributes = table.key_schema.attributes
    return (id(table), *(_hashable(key.get(attribute.name)) for attribute in attributes))


_PLACEHOLDER_MAPS = ("ExpressionAttributeNames", "ExpressionAttributeValues")


def without_idle_placeholders(
    action: Mapping[str, object], expression: str
) -> Mapping[str, object]:
    """A transaction's Put, Delete or Get without its ``expression`` (the
    ConditionExpression or ProjectionExpression), as the service judges it: the
    placeholders it sends anyway are ignored, where PutItem, DeleteItem and
    GetItem refuse them (ExtendDB's tests/test_transact_expression_validation.py
    and PR 169, captured from the service). An empty map is still judged; no
    capture shows it without an expression."""
    if action.get(expression) is not None or not any(action.get(m) for m in _PLACEHOLDER_MAPS):
        return action
    return {
        member: value
        for member, value in action.items()
        if not (member in _PLACEHOLDER_MAPS and value)
    }


def _hashable(value: object) -> object:
    try:
        hash(value)
    except TypeError:  # a set, list or map: not a valid key value, but comparable
        return repr(value)
    return value
