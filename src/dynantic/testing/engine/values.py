"""Attribute values as the in-memory DynamoDB keeps them.

The wire form (``{"S": "x"}``, ``{"N": "1.50"}`` …) is decoded once, on the way
in, into plain Python values that are cheaper to store and to evaluate:

====  ====================  ====  =========================
S     ``str``               L     ``list`` of values
N     ``decimal.Decimal``   M     ``dict`` of name → value
B     ``bytes``             SS    :class:`StringSet`
BOOL  ``bool``              NS    :class:`NumberSet`
NULL  ``None``              BS    :class:`BinarySet`
====  ====================  ====  =========================

Numbers are normalised on the way in (``"1.50"`` → ``1.5``, ``"-0"`` → ``0``)
and written back in plain notation, as the service does. Stored values are
never mutated in place: an update builds new containers, so a value handed to
a reader or a snapshot stays as it was.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from sys import intern
from typing import TypeAlias, cast

from typing_extensions import Self

from dynantic.testing import messages
from dynantic.testing.engine.numbers import (
    MAX_DIGITS,
    format_number,
    number_size,
    parse_number,
    parse_number_sized,
)
from dynantic.testing.engine.value_layers import in_current_layer, repeat_order
from dynantic.testing.errors import ServiceError, validation_error

__all__ = [
    "AttributeValue",
    "BinarySet",
    "Item",
    "NumberSet",
    "StoredItem",
    "StringSet",
    "WireItem",
    "WireValue",
    "decode_checked_item",
    "decode_item",
    "decode_item_sized",
    "decode_value",
    "encode_item",
    "encode_value",
    "format_number",
    "item_size",
    "nests_too_deep",
    "number_size",
    "parse_number",
    "parse_number_sized",
    "string_size",
    "type_code",
    "value_size",
    "values_equal",
]


# Sets hold their members in the service's order, whatever order they were given
# in: strings and binaries bytewise (a str's code points sort as its UTF-8
# bytes), numbers by value. GetItem returns them so (live in eu-west-2, see
# docs/dynamodb-facts.md), and two sets with the same members are equal.


class StringSet(tuple[str, ...]):
    """An SS value: distinct strings, in byte order."""

    __slots__ = ()

    def __new__(cls, members: Iterable[str] = ()) -> Self:
        return super().__new__(cls, sorted(members))


class NumberSet(tuple[Decimal, ...]):
    """An NS value: distinct numbers (``1`` and ``1.0`` are one member), by value."""

    __slots__ = ()

    def __new__(cls, members: Iterable[Decimal] = ()) -> Self:
        return super().__new__(cls, sorted(members))


class BinarySet(tuple[bytes, ...]):
    """A BS value: distinct binaries, in byte order."""

    __slots__ = ()

    def __new__(cls, members: Iterable[bytes] = ()) -> Self:
        return super().__new__(cls, sorted(members))


AttributeValue: TypeAlias = (
    str
    | Decimal
    | bytes
    | bool
    | list["AttributeValue"]
    | dict[str, "AttributeValue"]
    | StringSet
    | NumberSet
    | BinarySet
    | None
)
Item: TypeAlias = dict[str, AttributeValue]
WireValue: TypeAlias = object
"""A wire-form attribute value (``{"S": "x"}``), as the request carried it."""
WireItem: TypeAlias = Mapping[str, object]
"""A wire-form item or key: attribute name → wire-form value."""


class StoredItem(dict[str, AttributeValue]):
    """An item as a table holds it: a plain item that also knows its item size.

    :meth:`~dynantic.testing.engine.table.Table.put` makes one of any other
    item it stores; the PutItem lane decodes straight into one. Nothing
    changes one in place once it is made, so tables, their copies and the
    call record may share it, and the HTTP endpoint may keep its JSON text in
    ``wire`` once it has written it (unset until then).
    """

    __slots__ = ("size", "wire")
    size: int
    wire: bytes


# DynamoDB: a value sits at most 32 levels deep, the attribute itself being level
# 1 (31 maps or lists around a scalar; one more is refused).
MAX_NESTING_DEPTH = 32


def nests_too_deep(value: AttributeValue, level: int = 1) -> bool:
    """Whether ``value``, sitting at ``level`` (an attribute is level 1), holds
    a member beyond :data:`MAX_NESTING_DEPTH`: what an update can build from
    values that were each within the limit (``SET a.b.c = :v``)."""
    if isinstance(value, dict):
        members: Iterable[AttributeValue] = value.values()
    elif isinstance(value, list):
        members = value
    else:
        return False
    if not value:
        return False
    if level == MAX_NESTING_DEPTH:
        return True
    return any(nests_too_deep(member, level + 1) for member in members)


# ---------------------------------------------------------------- decoding


def _blob(payload: object) -> bytes:
    """Bytes from what botocore accepts for a blob: bytes, bytearray, str or a file."""
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, bytearray):
        return bytes(payload)
    if isinstance(payload, str):
        return payload.encode("utf-8")
    read = getattr(payload, "read", None)
    if callable(read):
        data: object = read()
        if isinstance(data, str):
            return data.encode("utf-8")
        if isinstance(data, bytes | bytearray):
            return bytes(data)
    raise validation_error(messages.ATTRIBUTE_VALUE_INVALID_TYPE)


def _duplicates_text(members: list[str]) -> str:
    return "[" + ", ".join(members) + "]"


def _string_duplicates_text(members: list[str]) -> str:
    """A string set with a repeat as the layer in force lists it."""
    if not in_current_layer():
        return _duplicates_text(members)
    shown = repeat_order(members, lambda member: member.encode("utf-8", "surrogatepass"))
    return "[" + ", ".join(f'"{member}"' for member in shown) + "]"


def _binary_duplicates_text(members: list[bytes]) -> str:
    """A binary set with a repeat as the layer in force lists it (base64, and no
    space between members in the current layer)."""
    if not in_current_layer():
        return _duplicates_text([base64.b64encode(member).decode("ascii") for member in members])
    shown = [base64.b64encode(member).decode("ascii") for member in repeat_order(members, bytes)]
    return "[" + ",".join(f'"{member}"' for member in shown) + "]"


def _members(payload: object) -> list[object]:
    """The members of a set payload (botocore accepts a list or a tuple)."""
    return list(cast("list[object]", payload))


def _decode_string_set(payload: object) -> StringSet:
    given = _members(payload)
    if not given:
        raise validation_error(messages.EMPTY_STRING_SET)
    if None in given:  # only a JSON body can hold one: the wire layer keeps it
        raise validation_error(messages.NULL_IN_STRING_SET)
    members = [str(member) for member in given]
    if len(set(members)) != len(members):
        shown = _string_duplicates_text(members)
        raise validation_error(messages.DUPLICATE_STRING_SET.format(members=shown))
    return StringSet(members)


def _decode_number_set(payload: object) -> NumberSet:
    given = _members(payload)
    if None in given:  # only a JSON body can hold one: the wire layer keeps it
        raise validation_error(messages.NULL_IN_SET)
    numbers = [parse_number(str(member)) for member in given]
    if not numbers:
        raise validation_error(messages.EMPTY_NUMBER_SET)
    if len(set(numbers)) != len(numbers):
        if in_current_layer():
            raise validation_error(messages.DUPLICATE_NUMBER_SET_CURRENT)
        raise validation_error(messages.DUPLICATE_NUMBER_SET)
    return NumberSet(numbers)


def _decode_binary_set(payload: object) -> BinarySet:
    given = _members(payload)
    if None in given:  # as in a number set
        raise validation_error(messages.NULL_IN_SET)
    members = [_blob(member) for member in given]
    if not members:
        raise validation_error(messages.EMPTY_BINARY_SET)
    if len(set(members)) != len(members):
        shown = _binary_duplicates_text(members)
        raise validation_error(messages.DUPLICATE_BINARY_SET.format(members=shown))
    return BinarySet(members)


def _decode_null(payload: object) -> None:
    if payload is not True:
        raise validation_error(messages.NULL_MUST_BE_TRUE)


def decode_value(wire: WireValue, depth: int = 0) -> AttributeValue:
    """Decode one wire-form attribute value, enforcing the service's value rules.

    ``wire`` has passed the shape check, so payload types are the model's.
    """
    entries = cast("dict[str, object]", wire)
    if type(entries) is not dict or len(entries) != 1:
        entries = _one_entry(wire)
    ((tag, payload),) = entries.items()
    if tag == "S":
        return payload if type(payload) is str else str(payload)
    if tag == "N":
        return parse_number(payload if type(payload) is str else str(payload))
    if tag in {"M", "L"}:
        # ``depth`` 0 is level 1: this container's members would sit at level depth + 2.
        if depth + 2 > MAX_NESTING_DEPTH and payload:
            raise validation_error(messages.NESTING_TOO_DEEP)
        if tag == "M":
            members = cast("Mapping[str, object]", payload)
            return {name: decode_value(value, depth + 1) for name, value in members.items()}
        elements = cast("list[object]", payload)
        return [decode_value(value, depth + 1) for value in elements]
    decoder = _OTHER_DECODERS.get(tag)
    if decoder is None:
        raise validation_error(messages.ATTRIBUTE_VALUE_EMPTY)
    return decoder(payload)


def _one_entry(wire: WireValue) -> dict[str, object]:
    """``wire`` as a mapping of exactly one type tag, or the service's refusal."""
    if not isinstance(wire, Mapping):
        raise validation_error(messages.ATTRIBUTE_VALUE_EMPTY)
    wire = cast("Mapping[str, object]", wire)
    if len(wire) != 1:
        raise validation_error(
            messages.ATTRIBUTE_VALUE_EMPTY if not wire else messages.ATTRIBUTE_VALUE_MANY_TYPES
        )
    return dict(wire)


_OTHER_DECODERS: dict[str, Callable[[object], AttributeValue]] = {
    "B": _blob,
    "BOOL": bool,
    "NULL": _decode_null,
    "SS": _decode_string_set,
    "NS": _decode_number_set,
    "BS": _decode_binary_set,
}


def decode_item(wire: WireItem) -> Item:
    """Decode a wire-form item (or key) into a fresh, unaliased item.

    Attribute names are interned: a table's items mostly repeat the same few
    names, and a name decoded from JSON would otherwise be one string per item.
    """
    item: Item = {}
    # Each value is checked to be a dict before it is read as one.
    for given, value in cast("Mapping[str, dict[str, object]]", wire).items():
        name = intern(given)
        if type(value) is dict and len(value) == 1:
            text = value.get("S")
            if type(text) is str:
                item[name] = text
                continue
            text = value.get("N")
            if type(text) is str and _is_plain_integer(text):
                item[name] = Decimal(text)
                continue
        item[name] = decode_value(value)
    return item


def _is_plain_integer(text: str) -> bool:
    """Whether ``text`` is an integer in normal form: ASCII digits, at most 38,
    without leading or trailing zeros."""
    return (
        text.isascii()
        and text.isdigit()
        and len(text) <= MAX_DIGITS
        and text[0] != "0"
        and text[-1] != "0"
    )


def decode_item_sized(wire: WireItem) -> tuple[Item, int]:
    """Decode a wire-form item and measure its item size, in one pass.

    Strings and plain integers, the commonest values, are handled inline;
    attribute names are interned, as :func:`decode_item` does.
    """
    decoded = decode_checked_item(wire, None, 0)
    assert decoded is not None  # only checked decoding declines
    return decoded[0], decoded[1]


def decode_checked_item(
    wire: object,
    accepts: Callable[[object], bool] | None,
    longest_name: int,
    into: type[Item] = dict,
) -> tuple[Item, int, bool] | None:
    """:func:`decode_item_sized` for an item no check has seen, checking it on
    the way: ``None`` unless ``wire`` is a ``dict`` of non-empty ``str`` names
    of at most ``longest_name`` UTF-8 bytes whose values decode, each a
    string, a number or a blob of ``bytes`` (judged inline) or a value
    ``accepts``. With ``accepts`` ``None``,
    the item is one the shape check let through (a value that does not decode
    raises).

    The third member says whether :func:`encode_item` gives ``wire`` back
    exactly from the decoded item: true when every value was a string or a
    number written as the service writes it (``{"N": "12"}``, never ``"012"``
    or ``"1.50"``). The item is made by ``into``: ``dict``, or :class:`StoredItem`
    for an item to be stored (its size set).
    """
    if accepts is not None and type(wire) is not dict:
        return None
    item = into()
    size = 0
    exact = True
    try:
        # Each value is checked to have the type it is read as; intern() takes
        # nothing but a str (a TypeError otherwise).
        for given, value in cast("Mapping[str, dict[str, object]]", wire).items():
            name = intern(given)
            size += len(name) if name.isascii() else len(name.encode("utf-8", "surrogatepass"))
            if type(value) is dict and len(value) == 1:
                text = value.get("S")
                if type(text) is str:
                    item[name] = text
                    size += (
                        len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
                    )
                    continue
                text = value.get("N")
                if type(text) is str:
                    if (  # an integer in normal form (as _is_plain_integer has it)
                        text.isascii()
                        and text.isdigit()
                        and len(text) <= MAX_DIGITS
                        and text[0] != "0"
                        and text[-1] != "0"
                    ):
                        # Such an integer never needs the padding byte.
                        item[name] = Decimal(text)
                        size += 1 + (len(text) + 1) // 2
                        continue
                    number, number_bytes = parse_number_sized(text)
                    item[name] = number
                    size += number_bytes
                    # Other numbers come back as written only if already normal.
                    exact = exact and format_number(number) == text
                    continue
                blob = value.get("B")
                if type(blob) is bytes:  # as decode_value takes it; kept as a copy
                    item[name] = blob
                    size += len(blob)
                    exact = False
                    continue
            if accepts is not None and not accepts(value):
                return None
            decoded = item[name] = decode_value(value)
            size += value_size(decoded)
            exact = False
    except (TypeError, ServiceError):
        if accepts is None:
            raise
        return None
    if accepts is not None and (
        # A name longer than the longest allowed makes the item larger still.
        "" in item or (size > longest_name and max(map(string_size, item)) > longest_name)
    ):
        return None
    if type(item) is StoredItem:
        item.size = size
    return item, size, exact


# ---------------------------------------------------------------- encoding


def encode_value(value: AttributeValue) -> dict[str, object]:
    """The wire form of a stored value, built fresh (never aliasing the store)."""
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, Decimal):
        return {"N": format_number(value)}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, bytes):
        return {"B": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, dict):
        return {"M": {name: encode_value(member) for name, member in value.items()}}
    if isinstance(value, list):
        return {"L": [encode_value(element) for element in value]}
    if isinstance(value, NumberSet):
        return {"NS": [format_number(number) for number in value]}
    if isinstance(value, StringSet):
        return {"SS": list(value)}
    return {"BS": list(value)}


def encode_item(item: Mapping[str, AttributeValue]) -> dict[str, dict[str, object]]:
    """The wire form of a stored item, built fresh."""
    return {name: encode_value(value) for name, value in item.items()}


# ---------------------------------------------------------------- semantics

_TYPE_CODES: dict[type, str] = {
    str: "S",
    Decimal: "N",
    bytes: "B",
    bool: "BOOL",
    type(None): "NULL",
    list: "L",
    dict: "M",
    StringSet: "SS",
    NumberSet: "NS",
    BinarySet: "BS",
}


def type_code(value: AttributeValue) -> str:
    """The DynamoDB type of a stored value: ``"S"``, ``"N"``, ``"SS"`` …"""
    return _TYPE_CODES[type(value)]


def values_equal(left: AttributeValue, right: AttributeValue) -> bool:
    """DynamoDB equality: same type and same value; sets ignore order, maps and
    lists compare member by member."""
    kind = type(left)
    if kind is not type(right):
        return False
    if isinstance(left, list):
        right_list = cast("list[AttributeValue]", right)
        return len(left) == len(right_list) and all(map(values_equal, left, right_list))
    if isinstance(left, dict):
        right_map = cast("dict[str, AttributeValue]", right)
        return left.keys() == right_map.keys() and all(
            values_equal(member, right_map[name]) for name, member in left.items()
        )
    if isinstance(left, tuple):
        return len(left) == len(cast("tuple[object, ...]", right)) and set(left) == set(
            cast("tuple[object, ...]", right)
        )
    return left == right


def string_size(text: str) -> int:
    """The size of ``text`` in UTF-8 bytes (a lone surrogate as three)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def value_size(value: AttributeValue) -> int:
    """Bytes a value counts for in item size, by the service's formula."""
    if isinstance(value, str):
        return string_size(value)
    if isinstance(value, Decimal):
        return number_size(value)
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, dict):
        return 3 + sum(1 + string_size(name) + value_size(m) for name, m in value.items())
    if isinstance(value, list):
        return 3 + sum(1 + value_size(element) for element in value)
    if isinstance(value, StringSet):
        return sum(string_size(member) for member in value)
    if isinstance(value, NumberSet):
        return sum(number_size(member) for member in value)
    return sum(len(member) for member in value)


def item_size(item: Mapping[str, AttributeValue]) -> int:
    """An item's size: UTF-8 bytes of each attribute name plus its value's size."""
    size = 0
    for name, value in item.items():
        size += len(name) if name.isascii() else len(name.encode("utf-8", "surrogatepass"))
        if type(value) is str:
            size += len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
        else:
            size += value_size(value)
    return size
