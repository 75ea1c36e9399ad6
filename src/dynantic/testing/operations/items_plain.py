"""The commonest item requests, checked and prepared in one pass.

Most PutItem, GetItem, UpdateItem and DeleteItem requests name a table that
exists and hold nothing but their item or key, at most a condition and an
UpdateItem's update. For those, the three steps every request takes
(botocore's shape check, the model's constraints, then decoding in
:mod:`.items_prepare`) would walk the same attributes three times; here one
pass does what the three do and hands the same prepared request to the same
write or read.

A request is *plain* when its members are these alone:

* ``TableName``: the name of a table that exists (a name CreateTable accepted,
  so it meets the model's length and pattern; an ARN is not plain);
* ``Item`` or ``Key``: a ``dict`` of non-empty ``str`` names no longer than the
  model's ``AttributeName`` allows, whose values decode and pass both checks
  of the ``AttributeValue`` shape (strings and numbers are judged inline, the
  rest by the two compiled checks), with blobs as ``bytes`` alone; an item
  within the 400 KB item size;
* PutItem and DeleteItem also ``ConditionExpression`` (``str``),
  ``ExpressionAttributeNames`` (``str`` to ``str``, each name within the same
  length) and ``ExpressionAttributeValues`` (``str`` to such values), when the
  condition binds;
* UpdateItem: ``TableName``, ``Key`` and ``UpdateExpression`` (``str``), and
  may have the same three members as a conditional put, and ``ReturnValues``
  (one of the model's values), when the expressions bind.

Anything else gets ``None`` and the full path, which reports errors in the
service's order. So a plain request passes every check the full path makes
before the table, by construction of the rules above; the conformance suite
and ``tests/testing/items/test_plain_lane.py`` hold both paths to the same
answers. Requests with programmed faults or automatic expiry pending take
the full path too (see :meth:`~dynantic.testing.service.Service.invoke_plain`).

A plain request holds nothing but JSON's own types, in the form a boto3
caller passes them, and blobs as ``bytes``. The endpoint therefore offers a
body to the lane as it arrives, since decoding would not change it, except
that blobs held directly by the item, key or placeholder values are decoded
from their base64 text first (:func:`~dynantic.testing.wire.decode_top_level_blobs`);
a body with any other blob is not plain until decoded whole
(``tests/testing/items/test_plain_lane_wire.py``).

The call record must keep every request as it was received, safe from a
caller changing it afterwards, which a copy costs as much as the rest of the
answer. A plain request whose values are strings, and numbers as the service
writes them, is kept instead in the form the lane decoded it to, which no
caller holds: encoding it gives back the request exactly (and a GetItem's
answer is encoded again from the stored item, which is never changed in
place). Other plain requests are copied as every other request is.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeGuard, cast

from dynantic.testing.engine.values import (
    Item,
    StoredItem,
    WireItem,
    decode_checked_item,
    encode_item,
    string_size,
)
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import bind_expressions
from dynantic.testing.model import service_model
from dynantic.testing.operations.items_prepare import (
    MAX_ITEM_BYTES,
    PreparedDelete,
    PreparedGet,
    PreparedPut,
    PreparedUpdate,
    new_delete,
    new_get,
    new_put,
    new_update,
)
from dynantic.testing.validation.client_side import compile_shape_check
from dynantic.testing.validation.constraints import request_node
from dynantic.testing.validation.verdict import compile_verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from dynantic.testing.engine.database import Database
    from dynantic.testing.expressions import BoundCondition, BoundExpressions

__all__ = [
    "KeptRequest",
    "plain_delete",
    "plain_get",
    "plain_put",
    "plain_update",
    "rebuilt_call",
]

KeptRequest: TypeAlias = "dict[str, object]"
"""A plain request as the call record keeps it (see :func:`rebuilt_call`)."""

_DECODED_MEMBERS = ("Item", "Key", "ExpressionAttributeValues")


@functools.cache
def _rules() -> tuple[Callable[[object], bool], int]:
    """Whether an attribute value passes botocore's shape check and the model's
    constraints, as a value of an item, a key or a placeholder does (the two
    compiled checks of the ``AttributeValue`` shape, one after the other), and
    the longest attribute name the model allows (``AttributeName``'s ``max``).

    The shape check takes blobs as ``bytes`` alone; botocore would also take
    text (and encode it), which the full path handles."""
    longest: int = service_model().shape_for("AttributeName").metadata["max"]
    shape_check = compile_shape_check(service_model().shape_for("AttributeValue"), bytes_blobs=True)
    item = next(member for member in request_node("PutItem").members if member.name == "Item")
    assert item.node.element is not None  # a map's node has an element
    constraint_check = compile_verdict(item.node.element)

    def passes(value: object) -> bool:
        return shape_check(value) and constraint_check(value)

    return passes, longest


def plain_put(
    database: Database, request: Mapping[str, object]
) -> tuple[PreparedPut, KeptRequest | None] | None:
    """A plain PutItem prepared as :func:`.items_prepare.prepare_put` would, with
    the request kept for the call record (see :func:`rebuilt_call`); else ``None``."""
    write = _plain_write(database, request, "Item", StoredItem)
    if write is None or write[2] > MAX_ITEM_BYTES:
        return None
    table_name, item, size, condition, kept = write
    return new_put((table_name, item, condition, "NONE", False, None, False, item, size)), kept


def plain_delete(
    database: Database, request: Mapping[str, object]
) -> tuple[PreparedDelete, KeptRequest | None] | None:
    """A plain DeleteItem prepared as :func:`.items_prepare.prepare_delete` would,
    with the request kept for the call record; else ``None``."""
    write = _plain_write(database, request, "Key", dict)
    if write is None:
        return None
    return new_delete((write[0], write[1], write[3], "NONE", False, None, False)), write[4]


@functools.cache
def _return_values() -> frozenset[str]:
    """The values of ``ReturnValues`` the model allows."""
    allowed: list[str] = service_model().shape_for("ReturnValue").metadata["enum"]
    return frozenset(allowed)


def plain_update(
    database: Database, request: Mapping[str, object]
) -> tuple[PreparedUpdate, KeptRequest | None] | None:
    """A plain UpdateItem prepared as :func:`.items_prepare.prepare_update` would,
    with the request kept for the call record; else ``None``."""
    expression = request.get("UpdateExpression")
    condition_expression = request.get("ConditionExpression")
    return_values = request.get("ReturnValues", "NONE")
    # Besides the three members every plain update has, only the optional ones
    # counted here (an unknown member, or one given as None, changes the count).
    if (
        type(expression) is not str
        or (condition_expression is not None and type(condition_expression) is not str)
        or type(return_values) is not str
        or return_values not in _return_values()
        or len(request)
        != 3
        + (condition_expression is not None)
        + (request.get("ExpressionAttributeNames") is not None)
        + (request.get("ExpressionAttributeValues") is not None)
        + ("ReturnValues" in request)
    ):
        return None
    target = _plain_target(database, request, "Key", dict)
    if target is None:
        return None
    table_name, key, _size, exact = target
    bound = _plain_bound(
        request,
        UpdateExpression=expression,
        ConditionExpression=condition_expression,
    )
    if bound is None:
        return None
    expressions, values = bound
    assert expressions.update is not None  # an update expression was given
    kept = _kept(request, "Key", key, values) if exact and values is not False else None
    update = (
        table_name,
        key,
        expressions.condition,
        return_values,
        False,
        None,
        False,
        expressions.update,
        True,
    )
    return new_update(update), kept


def plain_get(
    database: Database, request: Mapping[str, object]
) -> tuple[PreparedGet, KeptRequest | None] | None:
    """A plain GetItem (``TableName`` and ``Key`` alone) prepared as
    :func:`.items_prepare.prepare_get` would, with the request kept for the call
    record; else ``None``."""
    target = _plain_target(database, request, "Key", dict) if len(request) == 2 else None
    if target is None:
        return None
    table_name, key, _size, exact = target
    kept = _kept(request, "Key", key) if exact else None
    return new_get((table_name, key, None, False, None)), kept


def _plain_write(
    database: Database, request: Mapping[str, object], member: str, into: type[Item]
) -> tuple[str, Item, int, BoundCondition | None, KeptRequest | None] | None:
    """A plain put's or delete's table name, item or key (in ``member``) with its
    size, bound condition and the request kept for the call record; ``None``
    for any other request.

    The members are looked at before the item is decoded, so that other
    requests waste no decoding.
    """
    expression = request.get("ConditionExpression")
    if len(request) == 2:
        expression = None
    elif type(expression) is not str or len(request) != 3 + (
        request.get("ExpressionAttributeNames") is not None
    ) + (request.get("ExpressionAttributeValues") is not None):
        return None
    target = _plain_target(database, request, member, into)
    if target is None:
        return None
    table_name, item, size, exact = target
    if expression is None:
        kept = _kept(request, member, item) if exact else None
        return table_name, item, size, None, kept
    bound = _plain_condition(request, expression)
    if bound is None:
        return None
    condition, values = bound
    kept = _kept(request, member, item, values) if exact and values is not False else None
    return table_name, item, size, condition, kept


def _plain_target(
    database: Database, request: Mapping[str, object], member: str, into: type[Item]
) -> tuple[str, Item, int, bool] | None:
    """The table name, and the item or key in ``member`` decoded with its size
    and whether it encodes back exactly, when the table exists and the item or
    key is plain."""
    table_name = request.get("TableName")
    if type(table_name) is not str or table_name not in database.tables:
        return None
    accepts, longest = _rules()
    decoded = decode_checked_item(request.get(member), accepts, longest, into)
    if decoded is None:
        return None
    return table_name, decoded[0], decoded[1], decoded[2]


def _plain_condition(
    request: Mapping[str, object], expression: str
) -> tuple[BoundCondition, Item | Literal[False] | None] | None:
    """``expression`` bound as :func:`_plain_bound` binds it."""
    bound = _plain_bound(request, ConditionExpression=expression)
    if bound is None:
        return None
    assert bound[0].condition is not None  # a condition expression was given
    return bound[0].condition, bound[1]


def _plain_bound(
    request: Mapping[str, object],
    *,
    UpdateExpression: str | None = None,
    ConditionExpression: str | None = None,
) -> tuple[BoundExpressions, Item | Literal[False] | None] | None:
    """The expressions bound with the request's placeholder maps, and the values
    decoded (``False`` when they do not encode back exactly); ``None`` when a
    map is not plain or an expression does not bind."""
    given_names = request.get("ExpressionAttributeNames")
    given_values = request.get("ExpressionAttributeValues")
    accepts, longest = _rules()
    names: dict[str, str] | None = None
    if given_names is not None:
        if not _plain_names(given_names, longest):
            return None
        names = given_names
    decoded: Item | Literal[False] | None = None
    sized: tuple[Item, int] | None = None
    if given_values is not None:
        decoded_values = decode_checked_item(given_values, accepts, longest)
        if decoded_values is None:
            return None
        sized = decoded_values[:2]
        decoded = decoded_values[0] if decoded_values[2] else False
    try:
        bound = bind_expressions(
            names,
            cast("WireItem | None", given_values),
            UpdateExpression=UpdateExpression,
            ConditionExpression=ConditionExpression,
            decoded_values=sized,
        )
    except ServiceError:
        return None
    return bound, decoded


def _kept(
    request: Mapping[str, object], member: str, item: Item, values: Item | None = None
) -> KeptRequest:
    """A plain request as the call record keeps it: a copy in the same order,
    with the decoded ``member`` (and placeholder values) in place of the wire
    form they encode back to exactly, and its own copy of the names."""
    kept = {**request}
    kept[member] = item
    if values is not None:
        kept["ExpressionAttributeValues"] = values
    names = kept.get("ExpressionAttributeNames")
    if names is not None:
        kept["ExpressionAttributeNames"] = dict(cast("dict[str, str]", names))
    return kept


def rebuilt_call(
    kept: KeptRequest, found: Item | None
) -> tuple[dict[str, object], dict[str, object]]:
    """A plain request kept by :func:`_kept`, and its answer (``Item`` if
    ``found`` is an item, else nothing), built anew: what the call record
    shows (bound into a :data:`~dynantic.testing.calls.Rebuild`)."""
    params = dict(kept)
    for member in _DECODED_MEMBERS:
        decoded = params.get(member)
        if decoded is not None:
            params[member] = encode_item(cast("Item", decoded))
    names = params.get("ExpressionAttributeNames")
    if names is not None:
        params["ExpressionAttributeNames"] = dict(cast("dict[str, str]", names))
    return params, ({} if found is None else {"Item": encode_item(found)})


def _plain_names(names: object, longest: int) -> TypeGuard[dict[str, str]]:
    """Whether ``names`` maps ``str`` placeholders to ``str`` names no longer than
    ``longest`` UTF-8 bytes."""
    if type(names) is not dict:
        return False
    shortest_unsure = longest // 4  # at most longest/4 characters are at most longest bytes
    for placeholder, name in cast("dict[object, object]", names).items():
        if type(placeholder) is not str or type(name) is not str:
            return False
        if len(name) > shortest_unsure and string_size(name) > longest:
            return False
    return True
