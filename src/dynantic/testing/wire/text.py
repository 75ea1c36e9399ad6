"""JSON text in and out: the service's parser and writer, as far as the wire shows them."""

from __future__ import annotations

import binascii
import json
from datetime import datetime

from dynantic.testing.errors import ServiceError

__all__ = ["dumps", "loads"]


def _refuse_constant(name: str) -> object:
    # JSON has no NaN or Infinity; Python's parser would accept them.
    raise ValueError(name)


def _wire_scalar(value: object) -> object:
    """The JSON form of what JSON has no type for: a blob is base64, a timestamp
    epoch seconds. The encoder asks this of each such value, from C, so the
    items of a response need no walk of their own."""
    if isinstance(value, bytes | bytearray):
        return binascii.b2a_base64(value, newline=False).decode("ascii")
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} has no JSON form")


# Built once: json.loads and json.dumps with options build a new one per call.
_JSON_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_wire_scalar)
_ASCII_JSON_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_wire_scalar)


def loads(body: bytes) -> object:
    """Parse a request body; a body that is not JSON is the service's bare
    ``SerializationException``."""
    try:
        return _JSON_DECODER.decode(body.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        raise ServiceError("SerializationException", "") from None


def dumps(value: object) -> bytes:
    """Compact JSON in UTF-8, as the service writes it; ``bytes`` are written as
    base64 and ``datetime`` as epoch seconds."""
    try:
        return _JSON_ENCODER.encode(value).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (possible in decoded JSON) has no UTF-8 form: escape it.
        return _ASCII_JSON_ENCODER.encode(value).encode("ascii")
