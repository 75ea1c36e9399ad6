"""HTTP content codings as DynamoDB applies them to request and response bodies.

A request body may come gzip-compressed (``Content-Encoding: gzip``, as the SDKs
that compress requests send it); any other coding, or a body that is not valid
gzip, is answered with ``InternalServerError`` (500). The decompressed size is not
limited. A response of at least :data:`COMPRESSION_THRESHOLD_BYTES` is compressed
with gzip or deflate when the request's ``Accept-Encoding`` allows one of them.
"""

from __future__ import annotations

import zlib

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError

__all__ = ["COMPRESSION_THRESHOLD_BYTES", "compressed", "decoded", "response_coding"]

COMPRESSION_THRESHOLD_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WINDOW = 16 + zlib.MAX_WBITS
# Codings are offered in this order when a wildcard allows both equally.
_CODINGS = ("gzip", "deflate")


def decoded(coding: str, body: bytes) -> bytes:
    """``body`` without its ``Content-Encoding``: one or more gzip members one after
    another. What follows the last member, if it does not start another, is
    ignored, as the service ignores it."""
    coding = coding.strip().lower()
    if coding == "identity":
        return body
    if coding != "gzip" or not body:
        raise _undecodable()
    parts: list[bytes] = []
    rest = body
    try:
        while rest[:2] == _GZIP_MAGIC:
            member = zlib.decompressobj(_GZIP_WINDOW)
            parts.append(member.decompress(rest))
            if not member.eof:
                raise _undecodable()
            rest = member.unused_data
    except zlib.error:
        raise _undecodable() from None
    if not parts:
        raise _undecodable()
    return b"".join(parts)


def _undecodable() -> ServiceError:
    return ServiceError("InternalServerError", messages.INTERNAL_SERVER_ERROR, status=500)


def response_coding(accept_encoding: str) -> str | None:
    """The coding to compress a response with, by ``Accept-Encoding`` as the service
    reads it: the highest quality wins, a coding named outright before one the
    wildcard ``*`` allows, then the first named; ``q=0`` refuses a coding. Only
    the first ``q`` of an entry counts; an unreadable one counts as 1, one outside
    0 to 1 as the nearer bound. ``identity`` and unknown codings are ignored."""
    named: dict[str, tuple[float, int]] = {}
    wildcard = 0.0
    for position, entry in enumerate(accept_encoding.split(",")):
        name, *parameters = entry.split(";")
        coding = name.strip().lower()
        if coding not in _CODINGS and coding != "*":
            continue
        quality = _quality(parameters)
        if coding == "*":
            wildcard = max(wildcard, quality)
        elif coding not in named or quality > named[coding][0]:
            first = named[coding][1] if coding in named else position
            named[coding] = (quality, first)
    best: tuple[float, int] | None = None
    chosen = None
    for rank, coding in enumerate(_CODINGS):
        # A named coding ranks by where it was named; the wildcard's after all of them.
        quality, order = named.get(coding, (wildcard, len(accept_encoding) + rank))
        if quality > 0 and (best is None or (quality, -order) > (best[0], -best[1])):
            best, chosen = (quality, order), coding
    return chosen


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 1.0
    return 1.0


def compressed(coding: str, body: bytes) -> bytes:
    """``body`` compressed with ``coding`` (gzip, or deflate in its zlib wrapping)."""
    if coding == "gzip":
        compressor = zlib.compressobj(wbits=_GZIP_WINDOW)
        return compressor.compress(body) + compressor.flush()
    return zlib.compress(body)
