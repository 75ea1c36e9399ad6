"""DynamoDB's JSON 1.0 body, read and written by the shapes of botocore's model.

A request body is decoded by the operation's input shape into what a boto3
caller passes: blobs become ``bytes``, timestamps aware ``datetime``, numbers
inside attribute values stay strings. A JSON value of the wrong type is refused
with the ``SerializationException`` text the service's deserializer answers;
members the shape does not know, and members whose value is ``null``, are
dropped, as the service drops them. A response is encoded by the output shape:
``bytes`` as base64, ``datetime`` as epoch seconds, doubles as JSON floats.

Each shape's converter is built once, as a closure, and reused for every call.
DynamoDB's JSON protocol never renames members, so JSON names are member names.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import cast

from botocore.model import ListShape, MapShape, Shape, StructureShape

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import operation_model, service_model

__all__ = [
    "Converter",
    "decode_request",
    "decoder",
    "dumps",
    "encode_error",
    "encode_response",
    "encoder",
    "error_type",
    "loads",
]

Converter = Callable[[object], object]
"""One shape's conversion between the JSON value and the boto3 value."""

_DYNAMODB_NAMESPACE = "com.amazonaws.dynamodb.v20120810"
_VALIDATE_NAMESPACE = "com.amazon.coral.validate"
_SERVICE_NAMESPACE = "com.amazon.coral.service"
# Errors of the service framework (not of DynamoDB's model) that spell their
# message member with a capital M.
_CAPITALISED_MESSAGE = frozenset({"SerializationException", "AccessDeniedException"})

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
        return f"{_DYNAMODB_NAMESPACE}.{shape.name}"
    if isinstance(shape, ListShape):
        return f"java.util.List<{java_type(shape.member)}>"
    if isinstance(shape, MapShape):
        return f"java.util.Map<java.lang.String, {java_type(shape.value)}>"
    return _JAVA_CLASS[shape.type_name]


# ---------------------------------------------------------------- JSON text


def _refuse_constant(name: str) -> object:
    # JSON has no NaN or Infinity; Python's parser would accept them.
    raise ValueError(name)


# Built once: json.loads and json.dumps with options build a new one per call.
_JSON_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ASCII_JSON_ENCODER = json.JSONEncoder(separators=(",", ":"))


def loads(body: bytes) -> object:
    """Parse a request body; a body that is not JSON is the service's bare
    ``SerializationException``."""
    try:
        return _JSON_DECODER.decode(body.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        raise ServiceError("SerializationException", "") from None


def dumps(value: object) -> bytes:
    """Compact JSON in UTF-8, as the service writes it."""
    try:
        return _JSON_ENCODER.encode(value).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (possible in decoded JSON) has no UTF-8 form: escape it.
        return _ASCII_JSON_ENCODER.encode(value).encode("ascii")


# ---------------------------------------------------------------- decoding


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


def _decode_blob(shape: Shape) -> Converter:
    del shape

    def decode(value: object) -> object:
        if isinstance(value, str):
            if len(value) % 4:
                raise _serialization_error(messages.WIRE_BASE64_LENGTH.format(length=len(value)))
            try:
                data = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise _serialization_error(messages.WIRE_BASE64_LAST_CHARACTER) from None
            # Non-zero bits after the last character's payload are refused too.
            if base64.b64encode(data).decode("ascii") != value:
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


def _decode_list(shape: ListShape, element: bool) -> Converter:
    member = decoder(shape.member, element=True)
    null = _null_element(shape.member)
    scalar_message = _collection_scalar_message(element)

    def decode(value: object) -> object:
        if type(value) is list:
            items = cast("list[object]", value)
            if None in items:
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


# ---------------------------------------------------------------- encoding


def _encode_blob(value: object) -> object:
    data = value.encode("utf-8") if isinstance(value, str) else cast("bytes", value)
    return base64.b64encode(data).decode("ascii")


def _encode_timestamp(value: object) -> object:
    return value.timestamp() if isinstance(value, datetime) else value


def _encode_double(value: object) -> object:
    return float(cast("float", value))


_SCALAR_ENCODERS: dict[str, Converter] = {
    "blob": _encode_blob,
    "timestamp": _encode_timestamp,
    "double": _encode_double,
    "float": _encode_double,
}


def _children(shape: Shape) -> list[Shape]:
    if isinstance(shape, StructureShape):
        return list(shape.members.values())
    if isinstance(shape, ListShape):
        return [shape.member]
    if isinstance(shape, MapShape):
        return [shape.value]
    return []


@functools.cache
def _converted_shapes() -> frozenset[str]:
    """Names of the shapes whose JSON form differs from their boto3 form: those
    that hold, at any depth, a blob, a timestamp or a double."""
    model = service_model()
    shapes = [model.shape_for(name) for name in model.shape_names]
    converted = {shape.name for shape in shapes if shape.type_name in _SCALAR_ENCODERS}
    grew = True
    while grew:
        grew = False
        for shape in shapes:
            if shape.name not in converted and any(
                child.name in converted for child in _children(shape)
            ):
                converted.add(shape.name)
                grew = True
    return frozenset(converted)


def _encode_structure(shape: StructureShape) -> Converter:
    members: dict[str, Converter] = {}

    def encode(value: object) -> object:
        present = cast("Mapping[str, object]", value)
        if members.keys().isdisjoint(present):
            return value  # nothing to convert here: most attribute values
        encoded: dict[str, object] = {}
        for name, item in present.items():
            member = members.get(name)
            encoded[name] = item if member is None else member(item)
        return encoded

    _ENCODERS[shape.name] = encode
    for name, member_shape in shape.members.items():
        member = encoder(member_shape)
        if member is not None:
            members[name] = member
    return encode


def _encode_list(shape: ListShape) -> Converter:
    member = encoder(shape.member)
    assert member is not None

    def encode(value: object) -> object:
        return [member(item) for item in cast("list[object]", value)]

    return encode


def _encode_map(shape: MapShape) -> Converter:
    member = encoder(shape.value)
    assert member is not None

    def encode(value: object) -> object:
        return {key: member(item) for key, item in cast("Mapping[str, object]", value).items()}

    return encode


_ENCODERS: dict[str, Converter] = {}


def encoder(shape: Shape) -> Converter | None:
    """The encoder of ``shape``, or ``None`` when its boto3 value is already JSON."""
    if shape.name not in _converted_shapes():
        return None
    found = _ENCODERS.get(shape.name)
    if found is not None:
        return found
    if isinstance(shape, StructureShape):
        return _encode_structure(shape)
    if isinstance(shape, ListShape):
        built = _encode_list(shape)
    elif isinstance(shape, MapShape):
        built = _encode_map(shape)
    else:
        built = _SCALAR_ENCODERS[shape.type_name]
    _ENCODERS[shape.name] = built
    return built


@functools.cache
def _output_encoder(operation_name: str) -> Converter | None:
    shape = operation_model(operation_name).output_shape
    return None if shape is None else encoder(shape)


def encode_response(operation_name: str, response: Mapping[str, object]) -> object:
    """The JSON value of a response, by the operation's output shape."""
    encode = _output_encoder(operation_name)
    return response if encode is None else encode(response)


# ---------------------------------------------------------------- errors


@functools.cache
def _error_shapes() -> dict[str, StructureShape]:
    shapes = service_model().error_shapes
    return {shape.name: shape for shape in shapes if isinstance(shape, StructureShape)}


def error_type(code: str) -> str:
    """The ``__type`` the service gives an error: DynamoDB's own errors live in
    its model's namespace, the rest in the service framework's."""
    if code in _error_shapes():
        return f"{_DYNAMODB_NAMESPACE}#{code}"
    if code == "ValidationException":
        return f"{_VALIDATE_NAMESPACE}#{code}"
    return f"{_SERVICE_NAMESPACE}#{code}"


def _message_member(code: str) -> str:
    shape = _error_shapes().get(code)
    if shape is not None:
        for name in shape.members:
            if name.lower() == "message":
                return name
    return "Message" if code in _CAPITALISED_MESSAGE else "message"


def encode_error(error: ServiceError) -> dict[str, object]:
    """The JSON error body: ``__type``, the message (left out when empty) and
    the members the error's shape models, such as ``Item`` or ``CancellationReasons``."""
    body: dict[str, object] = {"__type": error_type(error.code)}
    if error.message:
        body[_message_member(error.code)] = error.message
    if error.fields:
        shape = _error_shapes().get(error.code)
        encode = None if shape is None else encoder(shape)
        fields = error.fields if encode is None else encode(error.fields)
        body.update(cast("Mapping[str, object]", fields))
    return body
