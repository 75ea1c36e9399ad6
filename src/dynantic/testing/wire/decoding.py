"""Decoding a request body by the operation's input shape.

A JSON value of the wrong type is refused with the ``SerializationException``
text the service's deserializer answers (as dynalite recorded them against the
live service); members the shape does not know, and members whose value is
``null``, are dropped, as the service drops them, except in a string set,
whose null member the service refuses. The result is what a boto3
caller passes: blobs as ``bytes``, timestamps as aware ``datetime``, numbers
inside attribute values still strings. Each shape's decoder is built once.
"""

from __future__ import annotations

import binascii
import functools
import math
from collections.abc import Callable
from datetime import datetime, timezone
from typing import cast

from botocore.model import ListShape, MapShape, Shape, StructureShape

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import operation_model

__all__ = [
    "DYNAMODB_NAMESPACE",
    "Converter",
    "canonical_base64",
    "decode_request",
    "decode_top_level_blobs",
    "decoder",
    "java_type",
]

Converter = Callable[[object], object]
"""One shape's conversion between the JSON value and the boto3 value."""

DYNAMODB_NAMESPACE = "com.amazonaws.dynamodb.v20120810"

# What the service's Java model calls each scalar type, short and in full.
_JAVA_SHORT = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "boolean": "Boolean",
    "double": "Double",
    "float": "Float",
    "timestamp": "Date",
}
_JAVA_CLASS = {
    "string": "java.lang.String",
    "integer": "java.lang.Integer",
    "long": "java.lang.Long",
    "boolean": "java.lang.Boolean",
    "double": "java.lang.Double",
    "float": "java.lang.Float",
    "timestamp": "java.util.Date",
    "blob": "java.nio.ByteBuffer",
}
_BOOLEAN_WORDS = {"TRUE": True, "1": True, "YES": True, "FALSE": False, "0": False, "NO": False}


def java_type(shape: Shape) -> str:
    """The service's Java type for ``shape``, as its error messages name it."""
    if isinstance(shape, StructureShape):
        return f"{DYNAMODB_NAMESPACE}.{shape.name}"
    if isinstance(shape, ListShape):
        return f"java.util.List<{java_type(shape.member)}>"
    if isinstance(shape, MapShape):
        return f"java.util.Map<java.lang.String, {java_type(shape.value)}>"
    return _JAVA_CLASS[shape.type_name]


def _serialization_error(message: str) -> ServiceError:
    return ServiceError("SerializationException", message)


def _token(value: object) -> str:
    """The deserializer's name for the JSON token that holds ``value``."""
    if value is True:
        return "TRUE_VALUE"
    if value is False:
        return "FALSE_VALUE"
    if isinstance(value, int):
        return "NUMBER_VALUE"
    if isinstance(value, float):
        return "DECIMAL_VALUE"
    return "STRING_VALUE"


def _refuse_scalar(value: object, shape: Shape) -> ServiceError:
    """The error for a JSON value a scalar member cannot hold."""
    if isinstance(value, list):
        return _serialization_error(
            messages.WIRE_UNRECOGNIZED_CLASS.format(java=_JAVA_CLASS[shape.type_name])
        )
    if isinstance(value, dict):
        return _serialization_error(messages.WIRE_STRUCTURE_NOT_EXPECTED)
    text = messages.WIRE_TOKEN_NOT_CONVERTIBLE.format(
        token=_token(value), java=_JAVA_SHORT[shape.type_name]
    )
    return _serialization_error(text)


def _decode_string(shape: Shape) -> Converter:
    def decode(value: object) -> object:
        if type(value) is str:
            return value
        raise _refuse_scalar(value, shape)

    return decode


def _decode_integer(shape: Shape) -> Converter:
    def decode(value: object) -> object:
        kind = type(value)
        if kind is int:
            return value
        if kind is float and math.isfinite(cast("float", value)):
            # The service truncates a decimal given for an integer member.
            return math.floor(cast("float", value))
        raise _refuse_scalar(value, shape)

    return decode


def _decode_double(shape: Shape) -> Converter:
    def decode(value: object) -> object:
        if type(value) is float or type(value) is int:
            return float(cast("float", value))
        raise _refuse_scalar(value, shape)

    return decode


def _decode_boolean(shape: Shape) -> Converter:
    def decode(value: object) -> object:
        if type(value) is bool:
            return value
        if isinstance(value, str):
            word = _BOOLEAN_WORDS.get(value.upper())
            if word is None:
                raise _serialization_error(messages.WIRE_UNEXPECTED_TOKEN)
            return word
        raise _refuse_scalar(value, shape)

    return decode


def _decode_timestamp(shape: Shape) -> Converter:
    def decode(value: object) -> object:
        if type(value) is float or type(value) is int:
            try:
                return datetime.fromtimestamp(cast("float", value), tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                pass
        raise _refuse_scalar(value, shape)

    return decode


def canonical_base64(text: str) -> bytes | None:
    """The bytes ``text`` encodes if it is base64 as the service takes it:
    padded to a length divisible by 4, nothing outside the alphabet, and no bit
    set after the last character's payload (the service refuses ``"QR=="``,
    which a lenient decoder reads as ``"QQ=="``); else ``None``."""
    try:
        data = binascii.a2b_base64(text)
    except (binascii.Error, ValueError):  # ValueError: not ASCII
        return None
    # The lenient decoder skips what is not base64: only canonical text encodes back.
    return data if binascii.b2a_base64(data, newline=False).decode("ascii") == text else None


def _decode_blob(shape: Shape) -> Converter:
    del shape

    def decode(value: object) -> object:
        if isinstance(value, str):
            if len(value) % 4:
                raise _serialization_error(messages.WIRE_BASE64_LENGTH.format(length=len(value)))
            data = canonical_base64(value)
            if data is None:
                raise _serialization_error(messages.WIRE_BASE64_LAST_CHARACTER)
            return data
        if isinstance(value, list):
            raise _serialization_error(
                messages.WIRE_UNRECOGNIZED_CLASS.format(java=_JAVA_CLASS["blob"])
            )
        if isinstance(value, dict):
            raise _serialization_error(messages.WIRE_STRUCTURE_NOT_EXPECTED)
        raise _serialization_error(messages.WIRE_NOT_BASE64)

    return decode


_SCALAR_DECODERS: dict[str, Callable[[Shape], Converter]] = {
    "string": _decode_string,
    "integer": _decode_integer,
    "long": _decode_integer,
    "double": _decode_double,
    "float": _decode_double,
    "boolean": _decode_boolean,
    "timestamp": _decode_timestamp,
    "blob": _decode_blob,
}


def _collection_scalar_message(element: bool) -> str:
    """What the deserializer says for a scalar where a list or map belongs.

    A list or map held directly inside another list or map is a generic type
    the deserializer cannot name, hence its odd text.
    """
    return messages.WIRE_PARAMETERIZED_TYPE if element else messages.WIRE_UNEXPECTED_FIELD_TYPE


def _null_element(shape: Shape) -> object:
    """What a ``null`` list element or map value reads as: an empty structure
    for structures (an attribute value then reports itself empty); ``None``,
    meaning dropped, for anything else."""
    return {} if isinstance(shape, StructureShape) else None


# Lists whose null members are kept, as ``None``, for the attribute value rules
# to refuse.
_KEEPS_NULL_MEMBERS = frozenset(
    {"StringSetAttributeValue", "NumberSetAttributeValue", "BinarySetAttributeValue"}
)


def _decode_list(shape: ListShape, element: bool) -> Converter:
    member = decoder(shape.member, element=True)
    null = _null_element(shape.member)
    keeps_null = shape.name in _KEEPS_NULL_MEMBERS
    scalar_message = _collection_scalar_message(element)

    def decode(value: object) -> object:
        if type(value) is list:
            items = cast("list[object]", value)
            if None in items:
                if keeps_null:
                    return [None if item is None else member(item) for item in items]
                items = [null if item is None else item for item in items]
            return [member(item) for item in items if item is not None]
        if isinstance(value, dict):
            raise _serialization_error(messages.WIRE_STRUCTURE_NOT_EXPECTED)
        raise _serialization_error(scalar_message)

    return decode


def _decode_map(shape: MapShape, element: bool) -> Converter:
    member = decoder(shape.value, element=True)
    null = _null_element(shape.value)
    scalar_message = _collection_scalar_message(element)
    list_message = messages.WIRE_UNRECOGNIZED_COLLECTION.format(java=java_type(shape))

    def decode(value: object) -> object:
        if type(value) is dict:
            entries = cast("dict[str, object]", value)
            if None in entries.values():
                entries = {key: null if item is None else item for key, item in entries.items()}
            return {key: member(item) for key, item in entries.items() if item is not None}
        if isinstance(value, list):
            raise _serialization_error(list_message)
        raise _serialization_error(scalar_message)

    return decode


def _decode_structure(shape: StructureShape, element: bool) -> Converter:
    members: dict[str, Converter] = {}
    scalar_message = (
        messages.WIRE_UNEXPECTED_VALUE_TYPE if element else messages.WIRE_UNEXPECTED_FIELD_TYPE
    )
    list_message = messages.WIRE_UNRECOGNIZED_CLASS.format(java=java_type(shape))

    def decode(value: object) -> object:
        if type(value) is dict:
            decoded: dict[str, object] = {}
            for name, item in cast("dict[str, object]", value).items():
                member = members.get(name)
                if member is not None and item is not None:
                    decoded[name] = member(item)
            return decoded
        if isinstance(value, list):
            raise _serialization_error(list_message)
        raise _serialization_error(scalar_message)

    # Registered before its members are built, so recursive shapes
    # (AttributeValue → M → AttributeValue) find it.
    _DECODERS[shape.name, element] = decode
    for name, member_shape in shape.members.items():
        members[name] = decoder(member_shape, element=False)
    return decode


_DECODERS: dict[tuple[str, bool], Converter] = {}


def decoder(shape: Shape, *, element: bool = False) -> Converter:
    """The decoder of ``shape``; ``element`` when it is a list member or map value
    (the service words some refusals differently there)."""
    found = _DECODERS.get((shape.name, element))
    if found is not None:
        return found
    if isinstance(shape, StructureShape):
        return _decode_structure(shape, element)
    if isinstance(shape, ListShape):
        built = _decode_list(shape, element)
    elif isinstance(shape, MapShape):
        built = _decode_map(shape, element)
    else:
        built = _SCALAR_DECODERS[shape.type_name](shape)
    _DECODERS[shape.name, element] = built
    return built


@functools.cache
def _input_decoder(operation_name: str) -> Converter:
    shape = operation_model(operation_name).input_shape
    assert shape is not None
    return decoder(shape)


def decode_request(operation_name: str, body: object) -> dict[str, object]:
    """The request a boto3 caller would pass, from a parsed JSON body.

    A body that is not a JSON object carries no members.
    """
    if not isinstance(body, dict):
        return {}
    members = cast("dict[str, object]", body)
    return cast("dict[str, object]", _input_decoder(operation_name)(members))


# The members of a plain item request that hold attribute values (see
# :mod:`dynantic.testing.operations.items_plain`).
_ITEM_MEMBERS = ("Item", "Key", "ExpressionAttributeValues")


def decode_top_level_blobs(body: dict[str, object]) -> dict[str, object]:
    """``body`` with each blob that is a whole attribute value of its ``Item``,
    ``Key`` or ``ExpressionAttributeValues`` decoded to ``bytes``, as
    :func:`decode_request` would decode it; a copy where anything changed.

    This is how the commonest requests with a blob reach the plain lane, which
    takes the rest of a body as it arrives. Blobs deeper in a value, and text
    that is not base64 as the service takes it, are left as they are: the lane
    turns such a request away, and the full path decodes the body (untouched)
    and reports what is wrong with it.
    """
    copied: dict[str, object] | None = None
    for member in _ITEM_MEMBERS:
        values = body.get(member)
        if values.__class__ is not dict:
            continue
        entries = cast("dict[str, dict[str, object]]", values)  # each checked below
        decoded: dict[str, object] | None = None
        for name, value in entries.items():
            if value.__class__ is not dict or len(value) != 1:
                continue
            text = value.get("B")
            if type(text) is str:
                data = canonical_base64(text)
                if data is not None:
                    if decoded is None:
                        decoded = dict(entries)
                    decoded[name] = {"B": data}
        if decoded is not None:
            if copied is None:
                copied = dict(body)
            copied[member] = decoded
    return body if copied is None else copied
