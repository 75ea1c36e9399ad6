"""The service's rules for key schemas and the attribute definitions they use.

Tables and local indexes have one partition key and at most one sort key;
global indexes may have up to four of each (multi-attribute keys), listed
partition keys first. Every key attribute needs a definition, and CreateTable
refuses definitions that no key schema uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.table import KeyAttribute, KeySchema
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.service_lists import bracketed, java_hash_code, java_set_order

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        KeySchemaElementTypeDef,
    )

__all__ = [
    "MAX_GLOBAL_KEY_ATTRIBUTES",
    "check_definitions_unique",
    "check_definitions_used",
    "check_global_key_schema",
    "check_keys_defined",
    "check_local_key_schema",
    "check_table_key_schema",
    "key_schema",
    "rendered_key_schema",
]

# DynamoDB: a global secondary index key has up to 4 partition and 4 sort key attributes.
MAX_GLOBAL_KEY_ATTRIBUTES = 4

KeyElements = Sequence["KeySchemaElementTypeDef"]
Definitions = Sequence["AttributeDefinitionTypeDef"]


def _names(elements: KeyElements) -> list[str]:
    return [element["AttributeName"] for element in elements]


def _defined_names(definitions: Definitions) -> list[str]:
    return [definition["AttributeName"] for definition in definitions]


def key_schema(elements: KeyElements, types: Mapping[str, str]) -> KeySchema:
    """The engine's key schema for elements whose attributes are all defined."""
    return KeySchema(
        partition=tuple(
            KeyAttribute(element["AttributeName"], types[element["AttributeName"]])
            for element in elements
            if element["KeyType"] == "HASH"
        ),
        sort=tuple(
            KeyAttribute(element["AttributeName"], types[element["AttributeName"]])
            for element in elements
            if element["KeyType"] == "RANGE"
        ),
    )


def rendered_key_schema(elements: KeyElements) -> str:
    """A key schema as the service prints it in a length-constraint message."""
    return "[{}]".format(
        bracketed(
            messages.KEY_SCHEMA_ELEMENT.format(
                hash=java_hash_code(element["AttributeName"] + element["KeyType"])
            )
            for element in elements
        )
    )


def check_definitions_unique(definitions: Definitions) -> None:
    """An attribute may be defined once (even with the same type twice)."""
    seen: set[str] = set()
    for name in _defined_names(definitions):
        if name in seen:
            raise validation_error(messages.ATTRIBUTE_NAME_DUPLICATED.format(name=name))
        seen.add(name)


def check_keys_defined(elements: KeyElements, definitions: Definitions) -> None:
    """Every key attribute of one key schema needs an attribute definition."""
    names = _names(elements)
    defined = _defined_names(definitions)
    if any(name not in defined for name in names):
        raise validation_error(
            messages.KEY_ATTRIBUTES_NOT_DEFINED.format(
                keys=bracketed(java_set_order(names)), definitions=bracketed(defined)
            )
        )


def _check_hash_then_range(elements: KeyElements) -> None:
    """A partition key first and, for tables and local indexes, a sort key second."""
    names = _names(elements)
    if len(names) == 2 and names[0] == names[1]:
        raise validation_error(messages.KEY_SAME_NAME)
    if elements[0]["KeyType"] != "HASH":
        raise validation_error(messages.KEY_FIRST_NOT_HASH)
    if len(elements) == 2 and elements[1]["KeyType"] != "RANGE":
        raise validation_error(messages.KEY_SECOND_NOT_RANGE)


def check_table_key_schema(
    elements: KeyElements, definitions: Definitions, *, has_indexes: bool
) -> None:
    """The table's key schema, then (without indexes) the definitions' count."""
    if len(elements) > len(definitions):
        raise validation_error(messages.KEY_ATTRIBUTES_WITHOUT_DEFINITION)
    check_keys_defined(elements, definitions)
    _check_hash_then_range(elements)
    if not has_indexes and len(elements) != len(definitions):
        raise validation_error(messages.KEY_ATTRIBUTE_COUNT_MISMATCH)


def check_definitions_used(definitions: Definitions, key_schemas: Iterable[KeyElements]) -> None:
    """With indexes, every definition must be used by the table's or an index's key."""
    used = [name for elements in key_schemas for name in _names(elements)]
    defined = _defined_names(definitions)
    if any(name not in used for name in defined):
        raise validation_error(
            messages.ATTRIBUTE_DEFINITIONS_UNUSED.format(
                definitions=bracketed(defined), keys=bracketed(java_set_order(used))
            )
        )


def check_local_key_schema(
    name: str, elements: KeyElements, definitions: Definitions, table_hash: str
) -> None:
    """A local index keeps the table's partition key and adds a sort key."""
    check_keys_defined(elements, definitions)
    _check_hash_then_range(elements)
    if len(elements) != 2:
        raise validation_error(messages.LOCAL_INDEX_WITHOUT_RANGE.format(index=name))
    index_hash = elements[0]["AttributeName"]
    if index_hash != table_hash:
        raise validation_error(
            messages.LOCAL_INDEX_OTHER_HASH.format(
                index=name, index_hash=index_hash, table_hash=table_hash
            )
        )


def check_global_key_schema(elements: KeyElements, definitions: Definitions) -> None:
    """A global index key: up to four partition then up to four sort key attributes."""
    check_keys_defined(elements, definitions)
    names = _names(elements)
    kinds = [element["KeyType"] for element in elements]
    if len(set(names)) < len(names):
        classic = kinds == ["HASH", "RANGE"]
        raise validation_error(
            messages.KEY_SAME_NAME if classic else messages.KEY_DUPLICATE_ATTRIBUTES
        )
    if kinds[0] != "HASH":
        raise validation_error(messages.KEY_FIRST_NOT_HASH)
    if "RANGE" in kinds and "HASH" in kinds[kinds.index("RANGE") :]:
        raise validation_error(messages.KEY_HASH_AFTER_RANGE)
    for kind in ("HASH", "RANGE"):
        if kinds.count(kind) > MAX_GLOBAL_KEY_ATTRIBUTES:
            raise validation_error(messages.KEY_TOO_MANY.format(kind=kind))
