"""Encoding responses and errors by the shapes of botocore's model.

``bytes`` become base64, ``datetime`` epoch seconds, doubles JSON floats; a
shape that holds none of these passes through as it is. Responses and errors
are only made ready for :func:`~dynantic.testing.wire.text.dumps`, which writes
bytes and datetimes itself, so only their doubles are walked to; :func:`encoder`
makes values JSON-ready for any writer. Errors become the service's
``{"__type": "<namespace>#<Code>", "message": …}`` body.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Mapping
from datetime import datetime
from typing import cast

from botocore.model import ListShape, MapShape, Shape, StructureShape

from dynantic.testing.errors import ServiceError
from dynantic.testing.model import operation_model, service_model
from dynantic.testing.wire.decoding import DYNAMODB_NAMESPACE, Converter

__all__ = ["encode_error", "encode_response", "encoder", "error_type"]

_VALIDATE_NAMESPACE = "com.amazon.coral.validate"
_SERVICE_NAMESPACE = "com.amazon.coral.service"
# Errors of the service framework (not of DynamoDB's model) that spell their
# message member with a capital M.
_CAPITALISED_MESSAGE = frozenset({"SerializationException", "AccessDeniedException"})


def _encode_blob(value: object) -> object:
    data = value.encode("utf-8") if isinstance(value, str) else cast("bytes", value)
    return base64.b64encode(data).decode("ascii")


def _encode_timestamp(value: object) -> object:
    return value.timestamp() if isinstance(value, datetime) else value


def _encode_double(value: object) -> object:
    return float(cast("float", value))


def _children(shape: Shape) -> list[Shape]:
    if isinstance(shape, StructureShape):
        return list(shape.members.values())
    if isinstance(shape, ListShape):
        return [shape.member]
    if isinstance(shape, MapShape):
        return [shape.value]
    return []


class _Encoders:
    """Converters for the shapes that hold, at any depth, a scalar of one of the
    kinds ``scalars`` converts; every other shape passes through as it is."""

    def __init__(self, scalars: Mapping[str, Converter]) -> None:
        self._scalars = scalars
        self._built: dict[str, Converter] = {}

    @functools.cached_property
    def _converted(self) -> frozenset[str]:
        model = service_model()
        shapes = [model.shape_for(name) for name in model.shape_names]
        converted = {shape.name for shape in shapes if shape.type_name in self._scalars}
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

    def encoder(self, shape: Shape) -> Converter | None:
        """The converter of ``shape``, or ``None`` when nothing in it converts."""
        if shape.name not in self._converted:
            return None
        found = self._built.get(shape.name)
        if found is not None:
            return found
        if isinstance(shape, StructureShape):
            return self._structure(shape)
        if isinstance(shape, ListShape):
            built = self._list(shape)
        elif isinstance(shape, MapShape):
            built = self._map(shape)
        else:
            built = self._scalars[shape.type_name]
        self._built[shape.name] = built
        return built

    def _structure(self, shape: StructureShape) -> Converter:
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

        # Registered before its members are built: a shape may hold itself.
        self._built[shape.name] = encode
        for name, member_shape in shape.members.items():
            member = self.encoder(member_shape)
            if member is not None:
                members[name] = member
        return encode

    def _list(self, shape: ListShape) -> Converter:
        member = self.encoder(shape.member)
        assert member is not None

        def encode(value: object) -> object:
            return [member(item) for item in cast("list[object]", value)]

        return encode

    def _map(self, shape: MapShape) -> Converter:
        member = self.encoder(shape.value)
        assert member is not None

        def encode(value: object) -> object:
            return {key: member(item) for key, item in cast("Mapping[str, object]", value).items()}

        return encode


_DOUBLES: dict[str, Converter] = {"double": _encode_double, "float": _encode_double}
# JSON-ready values: blobs as base64, timestamps as epoch seconds, doubles as floats.
_JSON_READY = _Encoders({"blob": _encode_blob, "timestamp": _encode_timestamp, **_DOUBLES})
# For the endpoint's bodies, which wire.dumps writes: it turns bytes and datetimes
# into base64 and epoch seconds itself, in C, so only doubles are walked to.
_FOR_DUMPS = _Encoders(_DOUBLES)


def encoder(shape: Shape) -> Converter | None:
    """The converter making values of ``shape`` JSON-ready (blobs as base64,
    timestamps as epoch seconds, doubles as floats), or ``None`` when its boto3
    value is already JSON."""
    return _JSON_READY.encoder(shape)


@functools.cache
def _output_encoder(operation_name: str) -> Converter | None:
    shape = operation_model(operation_name).output_shape
    return None if shape is None else _FOR_DUMPS.encoder(shape)


def encode_response(operation_name: str, response: Mapping[str, object]) -> object:
    """A response ready for :func:`~dynantic.testing.wire.text.dumps`, by the
    operation's output shape (doubles made floats)."""
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
        return f"{DYNAMODB_NAMESPACE}#{code}"
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
        body[error.message_member or _message_member(error.code)] = error.message
    if error.fields:
        shape = _error_shapes().get(error.code)
        encode = None if shape is None else _FOR_DUMPS.encoder(shape)
        fields = error.fields if encode is None else encode(error.fields)
        body.update(cast("Mapping[str, object]", fields))
    return body
