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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.model import service_model
from dynantic.testing.validation.codegen import Check
from dynantic.testing.validation.constraints import ARN_PREFIX, Node, request_node
from dynantic.testing.validation.formatting import validation_errors
from dynantic.testing.validation.report import constraint_failures
from dynantic.testing.validation.service_facts import (
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
    failures = constraint_failures(plan.root, params)
    alone = NEWER_ITEM_WRITES.get(operation_name)
    if alone is not None and (operation_name != "UpdateItem" or params.get("Key") is not None):
        failures = _newer_item_write(failures, params, alone=alone)
    elif operation_name == "BatchGetItem":
        failures = [_BATCH_GET_KEYS.sub(_batch_get_keys_reported, failure) for failure in failures]
    elif operation_name == "Query":
        # Query's Limit in the newer words everywhere (nubo-db/dynamodb-conformance,
        # error-messages/query.test.ts and validation-ordering/query.test.ts, no
        # region split recorded); Scan's still in the older words in us-east-1.
        failures = [_QUERY_LIMIT.sub(r"Value at 'Limit' \g<rest>", failure) for failure in failures]
    if failures:
        raise validation_error(validation_errors(failures))


# A table's Keys list in BatchGetItem too long or empty, in the older words.
_BATCH_GET_KEYS = re.compile(
    r"\AValue '.*' at 'requestItems\.(?P<table>.+)\.member\.keys' failed to satisfy "
    r"constraint: (?P<constraint>Member must have length [^;]*)\Z",
    re.DOTALL,
)


def _batch_get_keys_reported(match: re.Match[str]) -> str:
    """A table's Keys list as the service words it: no value shown (a list of
    keys), the members named as the API names them (paritysuite's and nubo-db's
    BatchGetItem error-message tests, captured in 2026; moto's 2021 tests had
    already no value)."""
    return messages.BATCH_GET_KEYS_REPORTED.format(
        table=match["table"], constraint=match["constraint"]
    )


# Query's Limit under the value 1, in the older words.
_QUERY_LIMIT = re.compile(
    r"\AValue '[^']*' at 'limit' (?P<rest>failed to satisfy constraint: .*)\Z"
)

# How the older words begin a ReturnValues enum failure.
_RETURN_VALUES_FAILURE = "at 'returnValues' failed to satisfy constraint: Member must satisfy enum"


def _newer_item_write(
    failures: list[str], params: Mapping[str, object], *, alone: bool
) -> list[str]:
    """PutItem's, UpdateItem's or DeleteItem's failures as the newer validation
    words them: an empty TableName is reported alone, and a ReturnValues outside
    its enum in its own words (alone, for UpdateItem)."""
    if params.get(TABLE_NAME_MEMBER) == "":
        raise validation_error(messages.EMPTY_TABLE_NAME_REPORTED)
    for position, failure in enumerate(failures):
        if _RETURN_VALUES_FAILURE in failure:
            if alone:
                return [messages.RETURN_VALUES_REPORTED]
            return [
                *failures[:position],
                messages.RETURN_VALUES_REPORTED,
                *failures[position + 1 :],
            ]
    return failures


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
    elif operation_name in NEWER_ENUM_FIRST:
        checked_first = functools.partial(_newer_enum_first, operation_name)
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


def _newer_enum_first(operation_name: str, params: Mapping[str, object]) -> None:
    """A value outside the enum is refused alone, before anything else is checked."""
    member, values = NEWER_ENUM_FIRST[operation_name]
    value = params.get(member)
    if value is not None and value not in values:
        raise validation_error(messages.NEWER_ENUM_FIRST[operation_name])
