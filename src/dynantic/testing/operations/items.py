"""PutItem, GetItem, UpdateItem and DeleteItem.

Each write goes through three steps, which TransactWriteItems and
BatchWriteItem reuse: :mod:`.items_prepare` (the request alone), then, under
the database lock, :mod:`.items_check` (against the stored state; a refused
request changes nothing) and :mod:`.items_apply` (the change and the answer).

The order in which the service checks a request, so the first rule broken is
the one reported (after botocore's shape check and the model's constraints):

1. expression and legacy parameters (``ConditionalOperator`` among them) are
   not mixed, and names and values come only with expressions
   (``check_expression_parameters``); a ``ConditionalOperator`` joins two or
   more ``Expected`` conditions (``check_conditional_operator``);
2. the ``Item`` (PutItem) or ``Key`` values decode;
3. PutItem and DeleteItem: ``ReturnValues`` is ``NONE`` or ``ALL_OLD``;
4. PutItem: the item is at most 400 KB;
5. GetItem: ``AttributesToGet`` has no empty name and no duplicates; UpdateItem:
   ``AttributeUpdates`` (no empty name among them);
6. ``Expected`` (with ``ConditionalOperator``);
7. ``ExpressionAttributeNames`` and ``ExpressionAttributeValues`` (not empty,
   well-formed keys, decodable values), then each expression in the order
   update, condition, projection, then the placeholders no expression used;
   PutItem: then no top-level attribute name is empty;
8. the table exists;
9. the key: an item holds every key attribute with its type, not empty and
   within the key size limits, and every index key attribute it holds has the
   index's type and is not empty; a key names exactly the key attributes;
10. UpdateItem: no key attribute is written, no index key attribute is written
    a value of the wrong type (as far as the expression shows), no path reaches
    inside a key attribute, and (not in a transaction) the statement's charge
    is at most 400 KB; GetItem: no projection path reaches inside one;
11. the condition holds for the stored item (ConditionalCheckFailedException,
    with the item when ``ReturnValuesOnConditionCheckFailure`` is ``ALL_OLD``);
12. UpdateItem: the update applies to the item (operand types, paths), index
    keys it computed have the index's type and are not empty, and the updated
    item is at most 400 KB.

Steps 1 to 7 are request-level (dynalite's ``validations/*.js``, checked against
the live service, follow the same order); 8 to 12 need the table.

PutItem, UpdateItem and DeleteItem now report a request-level refusal as a
validation report, ``1 validation error detected: …``, and say that
``ExpressionAttributeValues`` came without an expression with nothing after it
(paritysuite/dynamodb-conformance, us-east-1 and eu-west-2 captures of
2026-09-20 and 2026-10-09; nubo-db/dynamodb-conformance's DeleteItem envelope
tests). A refusal that needs the table or its key schema, and the 400 KB item
limit, keep their bare words; so do GetItem's, and BatchWriteItem's and the
transactions' for the same elements.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, TypeVar

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.items_apply import apply_write, read_response, write_response
from dynantic.testing.operations.items_check import (
    ReadResult,
    plan_put,
    plan_update,
    plan_write,
    read_item,
)
from dynantic.testing.operations.items_plain import (
    KeptRequest,
    plain_delete,
    plain_get,
    plain_put,
    plain_update,
    rebuilt_call,
)
from dynantic.testing.operations.items_prepare import (
    PreparedGet,
    PreparedWrite,
    prepare_delete,
    prepare_get,
    prepare_put,
    prepare_update,
)
from dynantic.testing.operations.registry import Lane, LaneAnswer, lane, operation

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mypy_boto3_dynamodb.type_defs import (
        DeleteItemInputTypeDef,
        GetItemInputTypeDef,
        PutItemInputTypeDef,
        UpdateItemInputTypeDef,
    )

    from dynantic.testing.engine.database import Database
    from dynantic.testing.engine.values import Item
    from dynantic.testing.operations.items_check import WritePlan


RequestT = TypeVar("RequestT")
WriteT = TypeVar("WriteT", bound="PreparedWrite")


@operation("PutItem")
def put_item(database: Database, request: PutItemInputTypeDef) -> dict[str, object]:
    return _write(database, _reported(prepare_put, request))


@operation("UpdateItem")
def update_item(database: Database, request: UpdateItemInputTypeDef) -> dict[str, object]:
    return _write(database, _reported(prepare_update, request))


@operation("DeleteItem")
def delete_item(database: Database, request: DeleteItemInputTypeDef) -> dict[str, object]:
    return _write(database, _reported(prepare_delete, request))


# Request-level refusals the service still words bare.
_BARE = frozenset({messages.ITEM_TOO_LARGE, messages.EMPTY_ATTRIBUTE_NAME})


def _reported(prepare: Callable[[RequestT], PreparedWrite], request: RequestT) -> PreparedWrite:
    """``prepare(request)``, its request-level refusal worded as a validation
    report (see the module's notes)."""
    try:
        return prepare(request)
    except ServiceError as error:
        message = error.message
        if error.code != "ValidationException" or message in _BARE:
            raise
        raise validation_error(messages.VALIDATION_ERROR_PREFIX + message) from None


@operation("GetItem")
def get_item(database: Database, request: GetItemInputTypeDef) -> dict[str, object]:
    return _read(database, prepare_get(request))


def _read(database: Database, read: PreparedGet) -> dict[str, object]:
    with database.lock:
        result = read_item(database, read)
    return read_response(result)


def _write(
    database: Database,
    write: WriteT,
    plan: Callable[[Database, WriteT], WritePlan] = plan_write,
) -> dict[str, object]:
    """Carry out ``write`` as ``plan`` (:func:`plan_write`, or the plan of its own
    kind) judges it, and answer it."""
    with database.lock:
        outcome = plan(database, write)
        apply_write(outcome)
        if (
            write.return_values == "NONE"
            and write.capacity is None
            and not write.collection_metrics
        ):
            return {}  # the commonest answer
        return write_response(outcome)


# The commonest requests take a lane that checks and prepares them in one pass,
# and keep them for the call record in the decoded form (see rebuilt_call).


def _write_lane(
    prepare: Callable[[Database, Mapping[str, object]], tuple[WriteT, KeptRequest | None] | None],
    plan: Callable[[Database, WriteT], WritePlan] = plan_write,
) -> Lane:
    """The lane of a write whose plain requests ``prepare`` prepares, and ``plan``
    judges."""

    def answer(database: Database, request: Mapping[str, object]) -> LaneAnswer | None:
        plain = prepare(database, request)
        if plain is None:
            return None
        write, kept = plain
        response = _write(database, write, plan)
        # A kept request is rebuilt with the commonest answer, {}; others are copied.
        rebuild = None if kept is None or response else partial(rebuilt_call, kept, None)
        return response, rebuild

    return answer


def _plain_get_read(
    database: Database, request: Mapping[str, object]
) -> tuple[ReadResult, KeptRequest | None] | None:
    """What a plain GetItem (see :func:`.items_plain.plain_get`) reads, with the
    request kept for the call record; ``None`` for any other request."""
    plain = plain_get(database, request)
    if plain is None:
        return None
    read, kept = plain
    with database.lock:
        return read_item(database, read), kept


def plain_read(database: Database, request: Mapping[str, object]) -> tuple[Item | None] | None:
    """The stored item (or ``None``) a plain GetItem reads, as the table holds
    it; ``None`` for any other request."""
    got = _plain_get_read(database, request)
    return None if got is None else (got[0].item,)


def _get_lane(database: Database, request: Mapping[str, object]) -> LaneAnswer | None:
    got = _plain_get_read(database, request)
    if got is None:
        return None
    result, kept = got
    response = read_response(result)
    return response, (None if kept is None else partial(rebuilt_call, kept, result.item))


lane("PutItem", _write_lane(plain_put, plan_put))
lane("UpdateItem", _write_lane(plain_update, plan_update))
lane("DeleteItem", _write_lane(plain_delete))
lane("GetItem", _get_lane)
