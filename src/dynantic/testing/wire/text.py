"""JSON text in and out: the service's parser and writer, as far as the wire shows them."""

from __future__ import annotations

import json

from dynantic.testing.errors import ServiceError

__all__ = ["dumps", "loads"]


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
