"""The fake's clock: real time by default, fully controllable by tests."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

__all__ = ["Clock"]


class Clock:
    """Epoch seconds as the in-memory DynamoDB sees them.

    Follows real time until a test moves it; after :meth:`move_to` or
    :meth:`shift` it keeps ticking from the new point unless ``tick=False``,
    in which case it stands still until moved again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen_at: float | None = None

    def now(self) -> float:
        """The current time, in seconds since the epoch."""
        frozen = self._frozen_at
        return frozen if frozen is not None else time.time() + self._offset

    def now_datetime(self) -> datetime:
        """The current time as an aware UTC datetime."""
        return datetime.fromtimestamp(self.now(), tz=timezone.utc)

    def move_to(self, when: float | datetime, *, tick: bool = True) -> None:
        """Jump to ``when`` (epoch seconds or an aware datetime)."""
        target = when.timestamp() if isinstance(when, datetime) else float(when)
        with self._lock:
            if tick:
                self._frozen_at = None
                self._offset = target - time.time()
            else:
                self._frozen_at = target

    def shift(self, seconds: float) -> None:
        """Move forwards (or backwards, with a negative value) by ``seconds``."""
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset += seconds

    def resume(self) -> None:
        """Follow real time again."""
        with self._lock:
            self._frozen_at = None
            self._offset = 0.0
