"""Table definitions more than one test suite creates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mypy_boto3_dynamodb.literals import ProjectionTypeType, ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import (
        CreateTableInputTypeDef,
        KeySchemaElementTypeDef,
    )

__all__ = ["IndexSpec", "indexed_table", "pk_sk_table"]

IndexSpec = tuple[str, tuple[str, ...], "ProjectionTypeType"]
"""An index: its name, its key attributes (hash first), its projection type."""


def _key_schema(attributes: Sequence[str]) -> list[KeySchemaElementTypeDef]:
    return [
        {"AttributeName": name, "KeyType": "HASH" if position == 0 else "RANGE"}
        for position, name in enumerate(attributes)
    ]


def pk_sk_table(
    name: str,
    types: Mapping[str, ScalarAttributeTypeType],
    *,
    global_indexes: Sequence[IndexSpec] = (),
    local_indexes: Sequence[IndexSpec] = (),
) -> CreateTableInputTypeDef:
    """CreateTable parameters of an on-demand table keyed ``pk``/``sk`` (strings)
    with the given indexes, whose key attributes have the ``types`` given."""
    kinds: dict[str, ScalarAttributeTypeType] = {"pk": "S", "sk": "S", **types}
    request: CreateTableInputTypeDef = {
        "TableName": name,
        "KeySchema": _key_schema(("pk", "sk")),
        "AttributeDefinitions": [
            {"AttributeName": attribute, "AttributeType": kind} for attribute, kind in kinds.items()
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if global_indexes:
        request["GlobalSecondaryIndexes"] = [
            {
                "IndexName": index,
                "KeySchema": _key_schema(keys),
                "Projection": {"ProjectionType": kind},
            }
            for index, keys, kind in global_indexes
        ]
    if local_indexes:
        request["LocalSecondaryIndexes"] = [
            {
                "IndexName": index,
                "KeySchema": _key_schema(keys),
                "Projection": {"ProjectionType": kind},
            }
            for index, keys, kind in local_indexes
        ]
    return request


def indexed_table(name: str) -> CreateTableInputTypeDef:
    """CreateTable parameters of a table keyed ``pk``/``sk`` (strings) with a
    KEYS_ONLY GSI ``by-g`` (``g``, ``gs:N``), an INCLUDE GSI ``by-g-include``
    (``g``; projects ``extra``) and an ALL LSI ``by-l`` (``pk``, ``l:N``)."""
    return {
        "TableName": name,
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
            {"AttributeName": "gs", "AttributeType": "N"},
            {"AttributeName": "l", "AttributeType": "N"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": "by-g",
                "KeySchema": [
                    {"AttributeName": "g", "KeyType": "HASH"},
                    {"AttributeName": "gs", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            },
            {
                "IndexName": "by-g-include",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["extra"]},
            },
        ],
        "LocalSecondaryIndexes": [
            {
                "IndexName": "by-l",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "l", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
