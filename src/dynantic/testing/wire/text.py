"""JSON text in and out: the service's parser and writer, as far as the wire shows them."""

from __future__ import annotations

import binascii
import json
import json.encoder
from collections.abc import Callable, Iterable
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

# The C scanner and writer behind those two, called directly. ``decode`` and
# ``encode`` wrap them in Python (whitespace checks, a new C writer per call)
# that costs more than the C work itself on a request's small bodies. Bodies are
# trees, so the writer keeps no record of containers seen (cycle detection).
# (Neither is in the typing stubs: they are read from the objects, typed here.)
_SCAN: Callable[[str, int], tuple[object, int]] = vars(_JSON_DECODER)["scan_once"]
_MAKE_C_WRITER = vars(json.encoder).get("c_make_encoder")  # None without the C module
_C_WRITER: Callable[[object, int], Iterable[str]] | None = (
    None
    if _MAKE_C_WRITER is None
    else _MAKE_C_WRITER(
        None, _wire_scalar, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )
)


def loads(body: bytes) -> object:
    """Parse a request body; a body that is not JSON is the service's bare
    ``SerializationException``."""
    text = body.decode("utf-8", "replace")
    try:
        value, end = _SCAN(text, 0)
        if end == len(text):
            return value
    except StopIteration:
        pass  # no value right at the start: whitespace first, or not JSON
    except (ValueError, RecursionError):
        raise ServiceError("SerializationException", "") from None
    try:  # whitespace around the value, or something after it: the full parser decides
        return _JSON_DECODER.decode(text)
    except (ValueError, RecursionError):
        raise ServiceError("SerializationException", "") from None


def dumps(value: object) -> bytes:
    """Compact JSON in UTF-8, as the service writes it; ``bytes`` are written as
    base64 and ``datetime`` as epoch seconds."""
    try:
        if _C_WRITER is not None:
            return "".join(_C_WRITER(value, 0)).encode("utf-8")
        return _JSON_ENCODER.encode(value).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (possible in decoded JSON) has no UTF-8 form: escape it.
        return _ASCII_JSON_ENCODER.encode(value).encode("ascii")
