"""``ResponseMetadata`` as boto3 returns it, for success and for errors."""

from __future__ import annotations

import itertools
import os
from email.utils import formatdate

__all__ = ["ResponseMetadataFactory"]

_REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_FIRST_COUNT = 10**11  # 12 digits, as the 40-character prefix leaves room for


class ResponseMetadataFactory:
    """Builds ``ResponseMetadata`` with fresh 52-character request ids.

    Ids are a random per-factory prefix and a counter, so they are unique and
    cheap (taking the counter's next value is atomic, so it needs no lock); the
    counter starts at the first 12-digit number, so that its text needs no
    padding. The ``date`` header follows the fake's clock.
    """

    def __init__(self) -> None:
        prefix = os.urandom(40)
        self._prefix = "".join(_REQUEST_ID_ALPHABET[b % 36] for b in prefix)
        self._counter = itertools.count(_FIRST_COUNT)
        # (second, the headers every response of that second shares), swapped as
        # one tuple between threads.
        self._headers: tuple[int, dict[str, str]] = (-1, {})

    def request_id(self) -> str:
        """A new request id: 52 characters of ``[A-Z0-9]``."""
        return self._prefix + str(next(self._counter))

    def build(self, now: float, *, status: int = 200) -> dict[str, object]:
        """Metadata for one response at time ``now`` (epoch seconds)."""
        request_id = self._prefix + str(next(self._counter))  # as request_id(), inline
        second, shared = self._headers
        if int(now) != second:
            second = int(now)
            shared = {
                "server": "Server",
                "date": formatdate(second, usegmt=True),
                "content-type": "application/x-amz-json-1.0",
                "connection": "keep-alive",
            }
            self._headers = (second, shared)
        headers = shared.copy()
        headers["x-amzn-requestid"] = request_id
        return {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": headers,
            "RetryAttempts": 0,
        }
