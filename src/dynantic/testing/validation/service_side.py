"""What DynamoDB itself answers for a request the client let through.

botocore checks types, required members and ``min``; the service also holds
every value to the model's ``max``, ``enum`` and ``pattern``, and, for requests
that reach it without a client (the HTTP endpoint), to ``min`` and required
members too. A few operations first check one parameter on its own and answer
in their own words; then every failure is listed in one ``ValidationException``
("1 validation error detected: …", at most ten).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.model import service_model
from dynantic.testing.validation.codegen import Check
from dynantic.testing.validation.constraints import ARN_PREFIX, Node, request_node
from dynantic.testing.validation.formatting import constraint_failure, validation_errors
from dynantic.testing.validation.report import Reworded, constraint_failures
from dynantic.testing.validation.service_facts import (
    ENUMS_ALONE,
    NEWER_ENUM_FIRST,
    NEWER_ITEM_WRITES,
    REQUEST_ITEMS_FIRST,
    RESOURCE_ARN_FIRST,
    TABLE_NAME_FIRST,
    TABLE_NAME_LENGTH_GENERIC,
    TABLE_NAME_MEMBER,
    TABLE_NAME_SHAPE,
)
from dynantic.testing.validation.verdict import compile_verdict

__all__ = ["check_constraints"]


def check_constraints(operation_name: str, params: Mapping[str, object]) -> None:
    """Raise the service's ``ValidationException`` for the constraints ``params`` breaks.

    ``params`` holds values of the types their shapes call for, ``None`` (JSON
    ``null``) standing for an absent member.
    """
    plan = _PLANS.get(operation_name)
    if plan is None:
        plan = _PLANS[operation_name] = _plan(operation_name)
    if plan.checked_first is not None:
        plan.checked_first(params)
    if plan.verdict(params):
        return
    keyed = operation_name != "UpdateItem" or params.get("Key") is not None
    if operation_name in NEWER_ITEM_WRITES and keyed:
        if params.get(TABLE_NAME_MEMBER) == "":
            raise validation_error(messages.EMPTY_TABLE_NAME_REPORTED)
        # Any other bad name is reported on its own too, before the enums
        # (dynoxide's captures, eu-west-2 2026: UpdateItem with "x!" and an
        # unknown ReturnValues names the table alone).
        table_failures = _member_failures(plan.root, TABLE_NAME_MEMBER, params)
        if table_failures:
            raise validation_error(validation_errors(table_failures))
    failures = constraint_failures(
        plan.root, params, _NEWER_WORDS.get(operation_name) if keyed else None
    )
    if (
        keyed
        and NEWER_ITEM_WRITES.get(operation_name)
        and messages.RETURN_VALUES_REPORTED in failures
    ):
        failures = [messages.RETURN_VALUES_REPORTED]
    if failures:
        raise validation_error(validation_errors(failures))


# The newer validation's words, where us-east-1 answers them (see messages):
# PutItem's, UpdateItem's and DeleteItem's ReturnValues (reported alone by
# UpdateItem, NEWER_ITEM_WRITES), BatchGetItem's per-table Keys, Query's Limit.
# An UpdateItem without a Key is worded wholly in the older form.


def _item_write_words(path: str, constraint: str) -> str | None:
    del constraint
    return messages.RETURN_VALUES_REPORTED if path == "returnValues" else None


_KEYS_PREFIX, _KEYS_SUFFIX = "requestItems.", ".member.keys"


def _batch_get_words(path: str, constraint: str) -> str | None:
    """A table's Keys list: no keys shown, the members named as the API names them."""
    if not (path.startswith(_KEYS_PREFIX) and path.endswith(_KEYS_SUFFIX)):
        return None
    table = path[len(_KEYS_PREFIX) : -len(_KEYS_SUFFIX)]
    return messages.BATCH_GET_KEYS_REPORTED.format(table=table, constraint=constraint)


def _query_words(path: str, constraint: str) -> str | None:
    """Query's Limit, with no region split recorded (Scan's is still older in us-east-1)."""
    return messages.LIMIT_REPORTED.format(constraint=constraint) if path == "limit" else None


_NEWER_WORDS: dict[str, Reworded] = {
    **dict.fromkeys(NEWER_ITEM_WRITES, _item_write_words),
    "BatchGetItem": _batch_get_words,
    "Query": _query_words,
}


@dataclass(frozen=True)
class _Plan:
    root: Node
    verdict: Check
    checked_first: Callable[[Mapping[str, object]], None] | None


_PLANS: dict[str, _Plan] = {}


def _plan(operation_name: str) -> _Plan:
    root = request_node(operation_name)
    checked_first: Callable[[Mapping[str, object]], None] | None = None
    if operation_name in TABLE_NAME_FIRST:
        checked_first = functools.partial(
            _table_name_first, length_first=operation_name not in TABLE_NAME_LENGTH_GENERIC
        )
    elif operation_name in RESOURCE_ARN_FIRST:
        checked_first = _resource_arn_first
    elif operation_name in REQUEST_ITEMS_FIRST:
        checked_first = functools.partial(_request_items_first, operation_name)
    elif operation_name in NEWER_ENUM_FIRST or operation_name in ENUMS_ALONE:
        checked_first = functools.partial(_enums_first, operation_name, root)
    return _Plan(root, compile_verdict(root), checked_first)


def _table_name_first(params: Mapping[str, object], *, length_first: bool = True) -> None:
    """TableName is present and, where ``length_first``, 3 to 255 characters long;
    otherwise nothing else is checked."""
    name = params.get(TABLE_NAME_MEMBER)
    if name is None:
        raise validation_error(messages.PARAMETER_REQUIRED.format(name=TABLE_NAME_MEMBER))
    if length_first and isinstance(name, str) and not name.startswith(ARN_PREFIX):
        shortest, longest = _table_name_lengths()
        if not shortest <= len(name) <= longest:
            raise validation_error(
                messages.TABLE_NAME_LENGTH.format(shortest=shortest, longest=longest)
            )


@functools.cache
def _table_name_lengths() -> tuple[int, int]:
    """The bounds of a table name's length, from the model's TableName shape."""
    metadata = service_model().shape_for(TABLE_NAME_SHAPE).metadata
    return metadata["min"], metadata["max"]


def _resource_arn_first(params: Mapping[str, object]) -> None:
    """A missing ResourceArn is an invalid table ARN before anything else is checked."""
    if params.get("ResourceArn") is None:
        raise validation_error(messages.INVALID_TABLE_ARN)


def _request_items_first(operation_name: str, params: Mapping[str, object]) -> None:
    """An empty RequestItems map is refused before anything else is checked."""
    if params.get("RequestItems") == {}:
        if operation_name == "BatchGetItem":
            raise validation_error(messages.REQUEST_ITEMS_EMPTY_REPORTED)
        raise validation_error(messages.REQUEST_ITEMS_REQUIRED.format(operation=operation_name))


def _enums_first(operation_name: str, root: Node, params: Mapping[str, object]) -> None:
    """The operation's ``NEWER_ENUM_FIRST`` member, then each of its
    ``ENUMS_ALONE`` in turn: a value outside its enum is refused alone, before
    anything else is checked."""
    newer = NEWER_ENUM_FIRST.get(operation_name)
    if newer is not None:
        member, values = newer
        value = params.get(member)
        if value is not None and value not in values:
            raise validation_error(messages.NEWER_ENUM_FIRST[operation_name])
    for name in ENUMS_ALONE.get(operation_name, ()):
        _enum_alone(root, name, params)


def _enum_alone(root: Node, name: str, params: Mapping[str, object]) -> None:
    """Refuse member ``name``'s value alone if it breaks one of its rules."""
    failures = _member_failures(root, name, params)
    if failures:
        raise validation_error(validation_errors(failures[:1]))


def _member_failures(root: Node, name: str, params: Mapping[str, object]) -> list[str]:
    """The rules of member ``name`` (a scalar) its value breaks, worded."""
    value = params.get(name)
    if value is None:
        return []
    member = next(member for member in root.members if member.name == name)
    return [
        constraint_failure(value, member.node.shape, member.path_name, rule.text)
        for rule in member.node.rules_for(value)
        if not rule.holds(value)
    ]
