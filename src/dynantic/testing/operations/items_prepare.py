"""Preparing item requests: everything the service checks before it looks at a table.

Each ``prepare_*`` function decodes one request, binds its expressions and runs
the request-level checks in the order the service reports them (see
:mod:`.items`), raising :class:`~dynantic.testing.errors.ServiceError` for the
first that fails. What it returns is a small immutable description of the read
or write, ready to be judged against the stored state by :mod:`.items_check`.
Nothing here touches the database, so it runs outside the lock.

TransactWriteItems, TransactGetItems and BatchWriteItem hand their elements to
the same functions: a ``Put``, ``Update``, ``Delete`` or ``Get`` element holds a
subset of the members of the single-item request it corresponds to, and a
``ConditionCheck`` has :func:`prepare_condition_check`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from dynantic.testing import messages
from dynantic.testing.engine.values import (
    Item,
    WireItem,
    decode_item,
    decode_item_sized,
)
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import (
    BoundCondition,
    BoundProjection,
    BoundUpdate,
    LegacyUpdate,
    attribute_updates,
    attributes_to_get,
    bind_expressions,
    check_conditional_operator,
    check_expression_parameters,
    expected_condition,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_dynamodb.type_defs import (
        ConditionCheckTypeDef,
        DeleteItemInputTypeDef,
        GetItemInputTypeDef,
        PutItemInputTypeDef,
        UpdateItemInputTypeDef,
    )

    from dynantic.testing.expressions.legacy import AttributeValueUpdate, ExpectedAttributeValue

__all__ = [
    "MAX_ITEM_BYTES",
    "PreparedConditionCheck",
    "PreparedDelete",
    "PreparedGet",
    "PreparedPut",
    "PreparedUpdate",
    "PreparedWrite",
    "new_delete",
    "new_get",
    "new_put",
    "new_update",
    "prepare_condition_check",
    "prepare_delete",
    "prepare_get",
    "prepare_put",
    "prepare_update",
]

# DynamoDB: an item is at most 400 KB (409,600 bytes) by the item-size formula.
MAX_ITEM_BYTES = 400 * 1024

_CONDITION = ("ConditionExpression",)
_EXPECTED = ("Expected", "ConditionalOperator")
_UPDATE_EXPRESSIONS = ("UpdateExpression", "ConditionExpression")
_UPDATE_LEGACY = ("AttributeUpdates", "Expected", "ConditionalOperator")
_PROJECTION = ("ProjectionExpression",)
_ATTRIBUTES_TO_GET = ("AttributesToGet",)
# PutItem and DeleteItem return the item as it was, or nothing.
_OLD_OR_NOTHING = frozenset({"NONE", "ALL_OLD"})
_NO_UPDATE = LegacyUpdate([])


class PreparedPut(NamedTuple):
    """A PutItem (or a transaction's or batch's put), checked as far as it can be
    without the table. ``key`` is the item itself: a put writes its key."""

    table_name: str
    key: Item
    condition: BoundCondition | None
    return_values: str
    return_on_failure: bool
    capacity: str | None
    collection_metrics: bool
    item: Item
    size: int


class PreparedUpdate(NamedTuple):
    """An UpdateItem (or a transaction's update): the key, the update
    (expression or ``AttributeUpdates``) and the options."""

    table_name: str
    key: Item
    condition: BoundCondition | None
    return_values: str
    return_on_failure: bool
    capacity: str | None
    collection_metrics: bool
    update: BoundUpdate | LegacyUpdate
    statement_sized: bool
    """Whether the update's statement charge is held to the item size limit too
    (a standalone UpdateItem; a transaction's Update sizes only the finished item)."""


class PreparedDelete(NamedTuple):
    """A DeleteItem (or a transaction's or batch's delete)."""

    table_name: str
    key: Item
    condition: BoundCondition | None
    return_values: str
    return_on_failure: bool
    capacity: str | None
    collection_metrics: bool


class PreparedConditionCheck(NamedTuple):
    """A transaction's ConditionCheck: a condition on one item, which it does not change."""

    table_name: str
    key: Item
    condition: BoundCondition | None
    return_values: str
    return_on_failure: bool
    capacity: str | None
    collection_metrics: bool


PreparedWrite = PreparedPut | PreparedUpdate | PreparedDelete | PreparedConditionCheck
"""Any prepared write: all share the leading members, ``table_name`` to
``collection_metrics``."""


class PreparedGet(NamedTuple):
    """A GetItem (or a transaction's get)."""

    table_name: str
    key: Item
    projection: BoundProjection | None
    consistent: bool
    capacity: str | None


# NamedTuple's generated constructor is a Python function; these make the same
# tuples in C, from the fields in order (their types checked by the stubs below).
# :mod:`.items_plain` makes its prepared requests with them too.
if TYPE_CHECKING:
    _Condition = BoundCondition | None
    _Update = BoundUpdate | LegacyUpdate
    _Put = tuple[str, Item, _Condition, str, bool, str | None, bool, Item, int]
    _Updating = tuple[str, Item, _Condition, str, bool, str | None, bool, _Update, bool]
    _Delete = tuple[str, Item, _Condition, str, bool, str | None, bool]
    _Get = tuple[str, Item, BoundProjection | None, bool, str | None]

    def new_put(fields: _Put, /) -> PreparedPut: ...
    def new_update(fields: _Updating, /) -> PreparedUpdate: ...
    def new_delete(fields: _Delete, /) -> PreparedDelete: ...
    def new_get(fields: _Get, /) -> PreparedGet: ...
else:
    new_put = partial(tuple.__new__, PreparedPut)
    new_update = partial(tuple.__new__, PreparedUpdate)
    new_delete = partial(tuple.__new__, PreparedDelete)
    new_get = partial(tuple.__new__, PreparedGet)


# ---------------------------------------------------------------- writes


def prepare_put(request: PutItemInputTypeDef) -> PreparedPut:
    """Decode and check a PutItem request (see :mod:`.items` for the order)."""
    if len(request) == 2:  # TableName and Item alone, the commonest put
        item, size = decode_item_sized(request["Item"])
        if size > MAX_ITEM_BYTES:
            raise validation_error(messages.ITEM_TOO_LARGE)
        if "" in item:
            raise validation_error(messages.EMPTY_ATTRIBUTE_NAME)
        return new_put((request["TableName"], item, None, "NONE", False, None, False, item, size))
    conditional = _has_condition(request)
    item, size = decode_item_sized(request["Item"])
    return_values = request.get("ReturnValues") or "NONE"
    if return_values not in _OLD_OR_NOTHING:
        raise validation_error(messages.PUT_RETURN_VALUES)
    if size > MAX_ITEM_BYTES:
        raise validation_error(messages.ITEM_TOO_LARGE)
    options = _write_options(request, conditional, return_values)
    if "" in item:
        raise validation_error(messages.EMPTY_ATTRIBUTE_NAME)
    return new_put((request["TableName"], item, *options, item, size))


def prepare_update(
    request: UpdateItemInputTypeDef, *, statement_sized: bool = True
) -> PreparedUpdate:
    """Decode and check an UpdateItem request (see :mod:`.items` for the order).

    ``statement_sized``: False for a transaction's Update, which is not charged
    for its statement (see :func:`.items_update.check_statement_charge`).
    """
    legacy = request.get("AttributeUpdates")
    expected = request.get("Expected")
    operator = request.get("ConditionalOperator")
    expression = request.get("UpdateExpression")
    condition_expression = request.get("ConditionExpression")
    # With an expression and no legacy parameter, the dialect rule holds.
    if (
        legacy is not None
        or expected is not None
        or operator is not None
        or (expression is None and condition_expression is None)
    ):
        check_expression_parameters(
            request, _UPDATE_EXPRESSIONS, _UPDATE_LEGACY, names_null_expressions=False
        )
        check_conditional_operator(operator, expected)
    key = decode_item(request["Key"])
    update: BoundUpdate | LegacyUpdate | None = (
        attribute_updates(_legacy_updates(legacy)) if legacy is not None else None
    )
    condition = (
        expected_condition(_legacy_expected(expected), operator) if expected is not None else None
    )
    names = request.get("ExpressionAttributeNames")
    values = request.get("ExpressionAttributeValues")
    if (
        expression is not None
        or condition_expression is not None
        or names is not None
        or values is not None
    ):
        bound = bind_expressions(
            names,
            values,
            UpdateExpression=expression,
            ConditionExpression=condition_expression,
        )
        update, condition = bound.update or update, bound.condition or condition
    return new_update(
        (
            request["TableName"],
            key,
            condition,
            request.get("ReturnValues") or "NONE",
            request.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD",
            _capacity(request.get("ReturnConsumedCapacity")),
            request.get("ReturnItemCollectionMetrics") == "SIZE",
            update if update is not None else _NO_UPDATE,
            statement_sized,
        )
    )


def prepare_delete(request: DeleteItemInputTypeDef) -> PreparedDelete:
    """Decode and check a DeleteItem request (see :mod:`.items` for the order)."""
    if len(request) == 2:  # TableName and Key alone, the commonest delete
        key = decode_item(request["Key"])
        return new_delete((request["TableName"], key, None, "NONE", False, None, False))
    conditional = _has_condition(request)
    key = decode_item(request["Key"])
    return_values = request.get("ReturnValues") or "NONE"
    if return_values not in _OLD_OR_NOTHING:
        raise validation_error(messages.DELETE_RETURN_VALUES)
    options = _write_options(request, conditional, return_values)
    return new_delete((request["TableName"], key, *options))


def _write_options(
    request: PutItemInputTypeDef | DeleteItemInputTypeDef, conditional: bool, return_values: str
) -> tuple[BoundCondition | None, str, bool, str | None, bool]:
    """What a put and a delete share after their own checks: the condition (bound
    last, so its errors come after theirs), what to return, capacity, metrics."""
    condition = (
        _condition(
            request.get("Expected"),
            request.get("ConditionalOperator"),
            request.get("ConditionExpression"),
            request.get("ExpressionAttributeNames"),
            request.get("ExpressionAttributeValues"),
        )
        if conditional
        else None
    )
    return (
        condition,
        return_values,
        request.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD",
        _capacity(request.get("ReturnConsumedCapacity")),
        request.get("ReturnItemCollectionMetrics") == "SIZE",
    )


def prepare_condition_check(request: ConditionCheckTypeDef) -> PreparedConditionCheck:
    """Decode and check a transaction's ConditionCheck element."""
    key = decode_item(request["Key"])
    condition = _condition(
        None,
        None,
        request["ConditionExpression"],
        request.get("ExpressionAttributeNames"),
        request.get("ExpressionAttributeValues"),
    )
    return PreparedConditionCheck(
        request["TableName"],
        key,
        condition,
        "NONE",
        request.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD",
        None,
        False,
    )


# ---------------------------------------------------------------- reads


def prepare_get(request: GetItemInputTypeDef) -> PreparedGet:
    """Decode and check a GetItem request (see :mod:`.items` for the order)."""
    if len(request) == 2:  # TableName and Key alone, the commonest get
        return new_get((request["TableName"], decode_item(request["Key"]), None, False, None))
    check_expression_parameters(request, _PROJECTION, _ATTRIBUTES_TO_GET)
    key = decode_item(request["Key"])
    attributes = request.get("AttributesToGet")
    projection = attributes_to_get(attributes) if attributes is not None else None
    expression = request.get("ProjectionExpression")
    names = request.get("ExpressionAttributeNames")
    if expression is not None or names is not None:
        bound = bind_expressions(names, None, ProjectionExpression=expression)
        projection = bound.projection
    return new_get(
        (
            request["TableName"],
            key,
            projection,
            request.get("ConsistentRead") is True,
            _capacity(request.get("ReturnConsumedCapacity")),
        )
    )


# ---------------------------------------------------------------- shared parts


def _has_condition(request: Mapping[str, object]) -> bool:
    """Whether a put or delete has a condition (or placeholders for one), after
    refusing one that mixes Expected or ConditionalOperator with
    ConditionExpression, sends placeholders without a condition or a
    ConditionalOperator without two conditions to join."""
    expected, expression = request.get("Expected"), request.get("ConditionExpression")
    operator = request.get("ConditionalOperator")
    conditional = not (
        expected is None
        and expression is None
        and request.get("ExpressionAttributeNames") is None
        and request.get("ExpressionAttributeValues") is None
    )
    # With a ConditionExpression and no legacy parameter, the dialect rule holds.
    legacy = expected is not None or operator is not None
    if legacy or (conditional and expression is None):
        check_expression_parameters(request, _CONDITION, _EXPECTED, names_null_expressions=False)
        check_conditional_operator(operator, cast("Mapping[str, object] | None", expected))
    return conditional


def _condition(
    expected: object,
    conditional_operator: str | None,
    expression: str | None,
    names: Mapping[str, str] | None,
    values: WireItem | None,
) -> BoundCondition | None:
    """The write's condition, from ``Expected`` or from ``ConditionExpression``
    (the dialect rule has made sure it is not both)."""
    condition = (
        expected_condition(_legacy_expected(expected), conditional_operator)
        if expected is not None
        else None
    )
    if expression is not None or names is not None or values is not None:
        bound = bind_expressions(names, values, ConditionExpression=expression)
        condition = bound.condition
    return condition


def _capacity(mode: str | None) -> str | None:
    return None if mode is None or mode == "NONE" else mode


def _legacy_expected(expected: object) -> Mapping[str, ExpectedAttributeValue]:
    """``Expected`` as the legacy translator reads it (its shape was checked)."""
    return cast("Mapping[str, ExpectedAttributeValue]", expected)


def _legacy_updates(updates: object) -> Mapping[str, AttributeValueUpdate]:
    """``AttributeUpdates`` as the legacy translator reads it (its shape was checked)."""
    return cast("Mapping[str, AttributeValueUpdate]", updates)
