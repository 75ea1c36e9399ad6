"""Checking the key attributes of items and keys against a key schema."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from dynantic.testing import messages
from dynantic.testing.engine.table import KeyAttribute, KeySchema, KeyValue
from dynantic.testing.engine.values import AttributeValue, type_code
from dynantic.testing.errors import validation_error

__all__ = ["check_item_keys", "check_key", "check_key_size"]

# DynamoDB: a partition key value is at most 2048 bytes, a sort key value 1024.
MAX_PARTITION_KEY_BYTES = 2048
MAX_SORT_KEY_BYTES = 1024


def _byte_size(value: KeyValue) -> int:
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8"))
    if isinstance(value, bytes):
        return len(value)
    return 0  # numbers are always within the limits


def check_key_size(value: KeyValue, *, is_partition: bool) -> None:
    """Refuse key values over the service's size limits."""
    size = _byte_size(value)
    if is_partition and size > MAX_PARTITION_KEY_BYTES:
        raise validation_error(messages.PARTITION_KEY_TOO_LARGE)
    if not is_partition and size > MAX_SORT_KEY_BYTES:
        raise validation_error(messages.SORT_KEY_TOO_LARGE)


def _empty_kind(attribute: KeyAttribute, value: KeyValue) -> str | None:
    if value in {"", b""}:
        return "string" if attribute.type == "S" else "binary"
    return None


def _typed_key_value(value: AttributeValue, attribute: KeyAttribute) -> KeyValue | None:
    """``value`` if it has the key attribute's type, else ``None``."""
    if isinstance(value, str | Decimal | bytes) and type_code(value) == attribute.type:
        return value
    return None


def check_item_keys(item: Mapping[str, AttributeValue], schema: KeySchema) -> None:
    """An item to be written must hold every key attribute with the right type."""
    for position, attribute in enumerate(schema.attributes):
        if attribute.name not in item:
            raise validation_error(messages.ITEM_MISSING_KEY.format(name=attribute.name))
        value = _typed_key_value(item[attribute.name], attribute)
        if value is None:
            raise validation_error(
                messages.ITEM_KEY_TYPE_MISMATCH.format(
                    name=attribute.name,
                    expected=attribute.type,
                    actual=type_code(item[attribute.name]),
                )
            )
        kind = _empty_kind(attribute, value)
        if kind is not None:
            raise validation_error(messages.ITEM_KEY_EMPTY.format(kind=kind, name=attribute.name))
        check_key_size(value, is_partition=position < len(schema.partition))


def check_key(key: Mapping[str, AttributeValue], schema: KeySchema) -> None:
    """A key (GetItem, DeleteItem, UpdateItem…) must name exactly the key attributes."""
    attributes = schema.attributes
    if len(key) != len(attributes):
        raise validation_error(messages.KEY_SCHEMA_MISMATCH)
    for position, attribute in enumerate(attributes):
        if attribute.name not in key:
            raise validation_error(messages.KEY_SCHEMA_MISMATCH)
        value = _typed_key_value(key[attribute.name], attribute)
        if value is None:
            raise validation_error(messages.KEY_SCHEMA_MISMATCH)
        kind = _empty_kind(attribute, value)
        if kind is not None:
            raise validation_error(messages.KEY_EMPTY.format(kind=kind, name=attribute.name))
        check_key_size(value, is_partition=position < len(schema.partition))
