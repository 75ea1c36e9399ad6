"""``ResponseMetadata`` as boto3 returns it, for success and for errors."""

from __future__ import annotations

import itertools
import os
import threading
from email.utils import formatdate

__all__ = ["ResponseMetadataFactory"]

_REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class ResponseMetadataFactory:
    """Builds ``ResponseMetadata`` with fresh 52-character request ids.

    Ids are a random per-factory prefix and a counter, so they are unique and
    cheap; the ``date`` header follows the fake's clock.
    """

    def __init__(self) -> None:
        prefix = os.urandom(40)
        self._prefix = "".join(_REQUEST_ID_ALPHABET[b % 36] for b in prefix)
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self._date_second = -1
        self._date = ""

    def request_id(self) -> str:
        """A new request id: 52 characters of ``[A-Z0-9]``."""
        with self._lock:
            number = next(self._counter)
        return f"{self._prefix}{number:012d}"

    def _date_header(self, now: float) -> str:
        second = int(now)
        if second != self._date_second:
            self._date = formatdate(second, usegmt=True)
            self._date_second = second
        return self._date

    def build(self, now: float, *, status: int = 200) -> dict[str, object]:
        """Metadata for one response at time ``now`` (epoch seconds)."""
        request_id = self.request_id()
        return {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": {
                "server": "Server",
                "date": self._date_header(now),
                "content-type": "application/x-amz-json-1.0",
                "connection": "keep-alive",
                "x-amzn-requestid": request_id,
            },
            "RetryAttempts": 0,
        }
