"""Which tables a request names, for matching faults and filtering recorded calls.

A request names its tables in one of four places: ``TableName`` (single-item
operations, queries, scans, table operations), the keys of ``RequestItems``
(batches), the actions of ``TransactItems`` (transactions), or ``ResourceArn``
(tags). Tables given by ARN count by their name. Malformed requests (a call
refused by the shape check is still recorded) simply name fewer tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

__all__ = ["request_tables", "table_name"]

_TABLE_ARN_MARK = ":table/"


def table_name(name_or_arn: str) -> str:
    """A table's name from its name or its ARN (``arn:…:table/users/index/by_age`` → ``users``)."""
    if name_or_arn.startswith("arn:"):
        start = name_or_arn.find(_TABLE_ARN_MARK)
        if start >= 0:
            return name_or_arn[start + len(_TABLE_ARN_MARK) :].split("/", 1)[0]
    return name_or_arn


def _transact_tables(actions: object) -> list[str]:
    names: list[str] = []
    if not isinstance(actions, list | tuple):
        return names
    for action in cast("list[object]", actions):
        if isinstance(action, Mapping):
            for body in cast("Mapping[str, object]", action).values():
                if isinstance(body, Mapping):
                    name = cast("Mapping[str, object]", body).get("TableName")
                    if isinstance(name, str):
                        names.append(name)
    return names


def request_tables(request: Mapping[str, object]) -> tuple[str, ...]:
    """The names of the tables ``request`` acts on, each once, in request order."""
    single = request.get("TableName")
    if (
        isinstance(single, str)
        and "RequestItems" not in request
        and "TransactItems" not in request
        and "ResourceArn" not in request
    ):
        return (table_name(single),)
    names: list[str] = []
    if isinstance(single, str):
        names.append(single)
    batch = request.get("RequestItems")
    if isinstance(batch, Mapping):
        names.extend(
            name for name in cast("Mapping[object, object]", batch) if isinstance(name, str)
        )
    names.extend(_transact_tables(request.get("TransactItems")))
    resource = request.get("ResourceArn")
    if isinstance(resource, str):
        names.append(resource)
    return tuple(dict.fromkeys(table_name(name) for name in names))
