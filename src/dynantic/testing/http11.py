"""Just enough HTTP/1.1 for DynamoDB's SDKs: reading requests off a socket and
writing each response in one piece.

Requests carry a ``Content-Length`` or a chunked body; ``Expect: 100-continue``
is honoured. Bodies over 16 MB are refused before they are read, as the service
refuses them (it takes requests of up to 16 MB: a full ``BatchWriteItem``).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Sequence
from http import HTTPStatus

from dynantic.testing.endpoint import HttpRequest, HttpResponse

__all__ = [
    "MAX_BODY_BYTES",
    "ClientDisconnectedError",
    "RequestReader",
    "UnreadableRequestError",
    "keeps_alive",
    "response_bytes",
]

MAX_BODY_BYTES = 16 * 1024 * 1024
_MAX_HEAD_BYTES = 64 * 1024
_RECEIVE_BYTES = 256 * 1024
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


class ClientDisconnectedError(Exception):
    """The client went away in the middle of a request."""


class UnreadableRequestError(Exception):
    """A request that cannot be read; answered with ``status``, then the
    connection is closed (what follows it on the wire cannot be trusted)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class RequestReader:
    """Reads one request after another from a connected socket."""

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection
        self._buffer = bytearray()

    def _receive(self) -> None:
        data = self._connection.recv(_RECEIVE_BYTES)
        if not data:
            raise ClientDisconnectedError
        self._buffer += data

    def read(self) -> HttpRequest | None:
        """The next request, or ``None`` when the client closed the connection
        between requests."""
        head = self._read_head()
        if head is None:
            return None
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = request_line.split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise UnreadableRequestError(400)
        method, target, version = parts
        headers = _parse_headers(header_lines)
        if "chunked" in headers.get("transfer-encoding", "").lower():
            self._continue(headers)
            body = self._read_chunked()
        else:
            body = self._read_sized(headers)
        return HttpRequest(method, target, headers, body, version)

    def _read_head(self) -> bytes | None:
        buffer = self._buffer
        while True:
            # Empty lines before a request line are to be ignored (RFC 9112 §2.2).
            while buffer.startswith(b"\r\n"):
                del buffer[:2]
            end = buffer.find(b"\r\n\r\n")
            if end >= 0:
                head = bytes(buffer[:end])
                del buffer[: end + 4]
                return head
            if len(buffer) > _MAX_HEAD_BYTES:
                raise UnreadableRequestError(431)
            try:
                self._receive()
            except ClientDisconnectedError:
                if buffer:
                    raise
                return None

    def _continue(self, headers: dict[str, str]) -> None:
        if headers.get("expect", "").lower() == "100-continue":
            self._connection.sendall(_CONTINUE)

    def _read_sized(self, headers: dict[str, str]) -> bytes:
        text = headers.get("content-length")
        if text is None:
            return b""
        if not (text.isascii() and text.isdigit()):
            raise UnreadableRequestError(400)
        length = int(text)
        if length > MAX_BODY_BYTES:
            raise UnreadableRequestError(413)
        if length > len(self._buffer):
            self._continue(headers)
        return self._take(length)

    def _take(self, length: int) -> bytes:
        buffer = self._buffer
        while len(buffer) < length:
            self._receive()
        body = bytes(buffer[:length])
        del buffer[:length]
        return body

    def _line(self) -> bytes:
        buffer = self._buffer
        while (end := buffer.find(b"\r\n")) < 0:
            if len(buffer) > _MAX_HEAD_BYTES:
                raise UnreadableRequestError(400)
            self._receive()
        line = bytes(buffer[:end])
        del buffer[: end + 2]
        return line

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            size_text = self._line().split(b";")[0].strip()
            if _CHUNK_SIZE.fullmatch(size_text) is None:
                raise UnreadableRequestError(400)
            size = int(size_text, 16)
            if size == 0:
                break
            total += size
            if total > MAX_BODY_BYTES:
                raise UnreadableRequestError(413)
            chunks.append(self._take(size))
            if self._line():
                raise UnreadableRequestError(400)
        while self._line():  # trailer fields, unused
            pass
        return b"".join(chunks)


def _parse_headers(lines: Sequence[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise UnreadableRequestError(400)
        key = name.lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def keeps_alive(request: HttpRequest) -> bool:
    """Whether the connection stays open after answering ``request``."""
    tokens = request.headers.get("connection", "").lower()
    if request.version == "HTTP/1.0":
        return "keep-alive" in tokens
    return "close" not in tokens


_REASONS = {status.value: status.phrase for status in HTTPStatus}
_REASONS[413] = "Request Entity Too Large"


def response_bytes(
    response: HttpResponse, *, date: str, keep_alive: bool, send_body: bool = True
) -> bytes:
    """Status line, headers and body in one buffer, to be written with one
    ``sendall``: a body in a packet of its own meets the client's delayed ACK."""
    status, headers, body = response
    reason = _REASONS.get(status, "Unknown")
    fields = "".join([f"{name}: {value}\r\n" for name, value in headers])
    connection = "keep-alive" if keep_alive else "close"
    head = (
        f"HTTP/1.1 {status} {reason}\r\nServer: Server\r\nDate: {date}\r\n{fields}"
        f"Content-Length: {len(body)}\r\nConnection: {connection}\r\n\r\n"
    ).encode("latin-1")
    return head + body if send_body else head
