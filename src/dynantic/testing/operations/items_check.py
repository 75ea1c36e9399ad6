"""Judging prepared item requests against the stored state.

:func:`check_write` takes a write from :mod:`.items_prepare` and decides, against
the table as it is, what the write would do: a :class:`WritePlan` (the item
before and after, and their sizes), or the :class:`Refusal` the service answers
(a missing table, a key that does not match the schema, an index key of the
wrong type, a failed condition …). It changes nothing and raises nothing, so a
transaction can judge all of its actions before applying any; :mod:`.items_apply`
then carries plans out. Call both while holding ``database.lock``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from dynantic.testing import messages
from dynantic.testing.engine.keys import check_item_keys, check_key
from dynantic.testing.engine.table import KeyValue, stored_size
from dynantic.testing.engine.values import Item, encode_item, item_size
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import LegacyUpdate, UpdateResult, check_key_updates
from dynantic.testing.operations.items_prepare import (
    PreparedDelete,
    PreparedGet,
    PreparedPut,
    PreparedUpdate,
    PreparedWrite,
)
from dynantic.testing.operations.items_update import (
    check_statement_charge,
    check_update_targets,
    check_updated_item,
    ordered_indexes,
    update_targets,
    updated_size,
)

if TYPE_CHECKING:
    from dynantic.testing.engine.database import Database
    from dynantic.testing.engine.table import Table

__all__ = [
    "ReadResult",
    "Refusal",
    "WritePlan",
    "check_write",
    "check_writes",
    "plan_put",
    "plan_update",
    "plan_write",
    "read_item",
]

# The CancellationReason code TransactWriteItems reports for each error code.
_CANCELLATION_CODES = {
    "ConditionalCheckFailedException": "ConditionalCheckFailed",
    "ValidationException": "ValidationError",
}


class Refusal(NamedTuple):
    """Why the service refuses one write: the error a single request raises."""

    error: ServiceError

    @property
    def cancellation_reason(self) -> dict[str, object]:
        """The write's entry in a TransactionCanceledException's ``CancellationReasons``:
        its code and message, and the item when the condition failed and
        ``ReturnValuesOnConditionCheckFailure`` asked for it."""
        error = self.error
        reason: dict[str, object] = {
            "Code": _CANCELLATION_CODES.get(error.code, error.code),
            "Message": error.message,
        }
        reason.update(error.fields)
        return reason


class WritePlan(NamedTuple):
    """What a write that passed every check will do to its table.

    ``key`` holds the item's partition and sort key values, ``old`` the stored
    item (``None`` if there is none) and ``new`` the item
    that replaces it (``None`` when the item is deleted, or left alone by a
    condition check); sizes are item sizes (0 for no item). ``update`` holds an
    UpdateItem's result, for ``UPDATED_OLD`` and ``UPDATED_NEW``.
    """

    write: PreparedWrite
    table: Table
    key: tuple[KeyValue, KeyValue | None]
    old: Item | None
    old_size: int
    new: Item | None
    new_size: int
    update: UpdateResult | None = None


class ReadResult(NamedTuple):
    """A GetItem's item (``None`` if absent) and its item size."""

    read: PreparedGet
    item: Item | None
    size: int


# NamedTuple's generated constructor is a Python function; these make the same
# tuples in C, from the fields in order (their types checked by the stubs below).
if TYPE_CHECKING:
    _Key = tuple[KeyValue, KeyValue | None]
    _Plan = tuple[
        PreparedWrite, Table, _Key, Item | None, int, Item | None, int, UpdateResult | None
    ]

    def _new_plan(fields: _Plan, /) -> WritePlan: ...
    def _new_read(fields: tuple[PreparedGet, Item | None, int], /) -> ReadResult: ...
else:
    _new_plan = partial(tuple.__new__, WritePlan)
    _new_read = partial(tuple.__new__, ReadResult)


def check_write(database: Database, write: PreparedWrite) -> WritePlan | Refusal:
    """What ``write`` would do to the stored state, or why the service refuses it."""
    try:
        return plan_write(database, write)
    except ServiceError as error:
        return Refusal(error)


def plan_write(database: Database, write: PreparedWrite) -> WritePlan:
    """What ``write`` would do to the stored state; raises the service's error
    when it refuses the write."""
    if isinstance(write, PreparedPut):
        return plan_put(database, write)
    if isinstance(write, PreparedUpdate):
        return plan_update(database, write)
    table = database.table(write.table_name)
    key = check_key(write.key, table.key_schema)
    old = table.get(*key)
    if write.condition is not None:
        _check_condition(write, old)
    old_size = 0 if old is None else stored_size(old)
    if isinstance(write, PreparedDelete):
        return _new_plan((write, table, key, old, old_size, None, 0, None))
    return _new_plan((write, table, key, old, old_size, old, old_size, None))


def check_writes(database: Database, writes: Sequence[PreparedWrite]) -> list[WritePlan | Refusal]:
    """:func:`check_write` for each of ``writes`` (which target distinct items),
    in order, all against the same state."""
    return [check_write(database, write) for write in writes]


def read_item(database: Database, read: PreparedGet) -> ReadResult:
    """The item a GetItem reads; raises the service's error for a missing table,
    a key that does not match the schema, or a projection into a key attribute."""
    table = database.table(read.table_name)
    key = check_key(read.key, table.key_schema)
    projection = read.projection
    if projection is not None and projection.nested_names:
        check_key_updates(
            {},
            tuple(attribute.name for attribute in table.key_schema.attributes),
            nested_names=projection.nested_names,
            index_key_attributes=tuple(
                attribute.name
                for index in ordered_indexes(table)
                for attribute in index.key_schema.attributes
            ),
        )
    found = table.get(*key)
    return _new_read((read, found, 0 if found is None else stored_size(found)))


# ---------------------------------------------------------------- by kind


def plan_put(database: Database, write: PreparedPut) -> WritePlan:
    """:func:`plan_write` of a PutItem."""
    table = database.table(write.table_name)
    item = write.item
    key = check_item_keys(item, table.key_schema)
    if table.indexes:
        for index in ordered_indexes(table):
            index.check_item(item)
    old = table.get(*key)
    if write.condition is not None:
        _check_condition(write, old)
    old_size = 0 if old is None else stored_size(old)
    return _new_plan((write, table, key, old, old_size, item, write.size, None))


def plan_update(database: Database, write: PreparedUpdate) -> WritePlan:
    """:func:`plan_write` of an UpdateItem."""
    table = database.table(write.table_name)
    key = write.key
    key_values = check_key(key, table.key_schema)
    update = write.update
    targets = update_targets(update)
    check_update_targets(update, targets, table)
    if write.statement_sized and not isinstance(update, LegacyUpdate):
        check_statement_charge(update, targets)
    old = table.get(*key_values)
    if write.condition is not None:
        _check_condition(write, old)
    if old is None:
        # A new item starts from its key attributes.
        result = (
            update.apply(key) if isinstance(update, LegacyUpdate) else update.apply(None, key=key)
        )
        before, before_size = key, item_size(key)
        old_size = 0
    else:
        result = update.apply(old)
        before, before_size = old, stored_size(old)
        old_size = before_size
    new = result.item
    new_size = updated_size(targets, before, before_size, new)
    check_updated_item(targets, table, new, new_size)
    if old is None and targets.unwrites_only:
        # Only removals: a missing item stays missing.
        return _new_plan((write, table, key_values, None, 0, None, 0, result))
    return _new_plan((write, table, key_values, old, old_size, new, new_size, result))


def _check_condition(write: PreparedWrite, old: Item | None) -> None:
    condition = write.condition
    if condition is None or condition.evaluate(old):
        return
    if not (write.return_on_failure and old is not None):
        raise ServiceError("ConditionalCheckFailedException", messages.CONDITIONAL_CHECK_FAILED)
    # An answer carrying the item spells its message member "Message", which
    # the model does not know, so boto3 shows no top-level "message" beside it.
    raise ServiceError(
        "ConditionalCheckFailedException",
        messages.CONDITIONAL_CHECK_FAILED,
        {"Item": encode_item(old)},
        message_member="Message",
    )
