"""Checking the key attributes of items and keys against a key schema."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from dynantic.testing import messages
from dynantic.testing.engine.table import KeyAttribute, KeySchema, KeyValue
from dynantic.testing.engine.values import AttributeValue, type_code
from dynantic.testing.errors import validation_error

__all__ = [
    "MAX_PARTITION_KEY_BYTES",
    "MAX_SORT_KEY_BYTES",
    "check_item_keys",
    "check_key",
    "check_key_size",
    "key_byte_size",
]

# DynamoDB: a partition key value is at most 2048 bytes, a sort key value 1024.
MAX_PARTITION_KEY_BYTES = 2048
MAX_SORT_KEY_BYTES = 1024
# A string of at most this many characters is within either limit in UTF-8.
_SURELY_SHORT = MAX_SORT_KEY_BYTES // 4


def key_byte_size(value: KeyValue) -> int:
    """The size a key value counts against the key size limits."""
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, bytes):
        return len(value)
    return 0  # numbers are always within the limits


def check_key_size(value: KeyValue, *, is_partition: bool) -> None:
    """Refuse key values over the service's size limits."""
    size = key_byte_size(value)
    if is_partition and size > MAX_PARTITION_KEY_BYTES:
        raise validation_error(messages.PARTITION_KEY_TOO_LARGE)
    if not is_partition and size > MAX_SORT_KEY_BYTES:
        raise validation_error(messages.SORT_KEY_TOO_LARGE)


def _key_value(
    value: AttributeValue, attribute: KeyAttribute, is_partition: bool, empty: str
) -> KeyValue | None:
    """``value`` if it has the key attribute's type, else ``None``; refuses it
    empty (with the ``empty`` template) or over the key size limit."""
    kind = attribute.type
    if kind == "S":
        if type(value) is not str:
            return None
        size = len(value)
        if 0 < size <= _SURELY_SHORT:
            return value
        if not value.isascii():
            size = len(value.encode("utf-8", "surrogatepass"))
    elif kind == "N":
        return value if type(value) is Decimal else None
    elif type(value) is bytes:
        size = len(value)
    else:
        return None
    if not size:
        kind_name = "string" if kind == "S" else "binary"
        raise validation_error(empty.format(kind=kind_name, name=attribute.name))
    if size > (MAX_PARTITION_KEY_BYTES if is_partition else MAX_SORT_KEY_BYTES):
        check_key_size(value, is_partition=is_partition)
    return value


def check_item_keys(
    item: Mapping[str, AttributeValue], schema: KeySchema
) -> tuple[KeyValue, KeyValue | None]:
    """An item to be written must hold every key attribute of a table's key
    schema (one partition key, at most one sort key) with the right type;
    returns its (partition, sort) key values."""
    attribute = schema.partition[0]
    value = item.get(attribute.name)
    # Short strings and numbers of the right type are accepted at a glance.
    if type(value) is str and attribute.type == "S" and 0 < len(value) <= _SURELY_SHORT:
        partition: KeyValue = value
    elif type(value) is Decimal and attribute.type == "N":
        partition = value
    else:
        partition = _item_key_value(item, attribute, True)
    if not schema.sort:
        return partition, None
    attribute = schema.sort[0]
    value = item.get(attribute.name)
    if type(value) is str and attribute.type == "S" and 0 < len(value) <= _SURELY_SHORT:
        return partition, value
    if type(value) is Decimal and attribute.type == "N":
        return partition, value
    return partition, _item_key_value(item, attribute, False)


def _item_key_value(
    item: Mapping[str, AttributeValue], attribute: KeyAttribute, is_partition: bool
) -> KeyValue:
    name = attribute.name
    if name not in item:
        raise validation_error(messages.ITEM_MISSING_KEY.format(name=name))
    given = item[name]
    value = _key_value(given, attribute, is_partition, messages.ITEM_KEY_EMPTY)
    if value is None:
        raise validation_error(
            messages.ITEM_KEY_TYPE_MISMATCH.format(
                name=name, expected=attribute.type, actual=type_code(given)
            )
        )
    return value


def check_key(
    key: Mapping[str, AttributeValue], schema: KeySchema
) -> tuple[KeyValue, KeyValue | None]:
    """A key (GetItem, DeleteItem, UpdateItem…) must name exactly the key
    attributes of a table's key schema; returns its (partition, sort) key values."""
    sort = schema.sort
    if len(key) != 1 + len(sort):
        raise validation_error(messages.KEY_SCHEMA_MISMATCH)
    attribute = schema.partition[0]
    value = key.get(attribute.name)
    # Short strings and numbers of the right type are accepted at a glance.
    if type(value) is str and attribute.type == "S" and 0 < len(value) <= _SURELY_SHORT:
        partition: KeyValue = value
    elif type(value) is Decimal and attribute.type == "N":
        partition = value
    else:
        partition = _key_part(key, attribute, True)
    if not sort:
        return partition, None
    attribute = sort[0]
    value = key.get(attribute.name)
    if type(value) is str and attribute.type == "S" and 0 < len(value) <= _SURELY_SHORT:
        return partition, value
    if type(value) is Decimal and attribute.type == "N":
        return partition, value
    return partition, _key_part(key, attribute, False)


def _key_part(
    key: Mapping[str, AttributeValue], attribute: KeyAttribute, is_partition: bool
) -> KeyValue:
    given = key.get(attribute.name)
    value = (
        None
        if given is None
        else _key_value(given, attribute, is_partition, messages.ITEM_KEY_EMPTY)
    )
    if value is None:
        raise validation_error(messages.KEY_SCHEMA_MISMATCH)
    return value
