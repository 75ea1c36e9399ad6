"""DynamoDB's JSON 1.0 body, read and written by the shapes of botocore's model.

The HTTP endpoint decodes each request body by the operation's input shape and
encodes each response by its output shape; the state files of
:mod:`dynantic.testing.persistence` keep items in the same wire form. DynamoDB's
JSON protocol never renames members, so JSON names are member names.
"""

from dynantic.testing.wire.decoding import (
    Converter,
    decode_request,
    decode_top_level_blobs,
    decoder,
    java_type,
)
from dynantic.testing.wire.encoding import encode_error, encode_response, encoder, error_type
from dynantic.testing.wire.text import dumps, loads

__all__ = [
    "Converter",
    "decode_request",
    "decode_top_level_blobs",
    "decoder",
    "dumps",
    "encode_error",
    "encode_response",
    "encoder",
    "error_type",
    "java_type",
    "loads",
]
