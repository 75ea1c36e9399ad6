"""The fake's clock: real time by default, fully controllable by tests.

Everything time-dependent in the in-memory DynamoDB reads this clock: table
creation times, throughput change times, the ``date`` response header, TTL
expiry and the lifetime of transaction tokens. It never touches the process's
own clock, so a test can move the fake's time without affecting anything else.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

__all__ = ["Clock"]


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"dynantic: {what}, not {type(value).__name__}")
    return float(value)


def _epoch_seconds(when: float | datetime) -> float:
    if isinstance(when, datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(
                f"dynantic: the clock needs an aware datetime, got the naive {when!r}; "
                "pass one with a time zone (e.g. tzinfo=timezone.utc)"
            )
        return when.timestamp()
    return _number(when, "a time is epoch seconds (int or float) or an aware datetime")


def _seconds(delta: float | timedelta) -> float:
    if isinstance(delta, timedelta):
        return delta.total_seconds()
    return _number(delta, "a time difference is seconds (int or float) or a timedelta")


class Clock:
    """Epoch seconds as the in-memory DynamoDB sees them.

    A new clock follows real time. ``Clock(start)`` starts at ``start`` instead
    (epoch seconds or an aware datetime) and ticks on from there;
    ``tick=False`` makes it stand still until it is moved. :meth:`move_to` and
    :meth:`shift` keep the clock ticking or frozen as it was, unless ``tick``
    says otherwise; :meth:`freeze` and :meth:`unfreeze` switch in place;
    :meth:`resume` goes back to real time.

    Reading the clock is lock-free; changing it is thread-safe.
    """

    def __init__(self, start: float | datetime | None = None, *, tick: bool = True) -> None:
        self._lock = threading.Lock()
        # (frozen instant or None, offset from real time while ticking), swapped as
        # one tuple so that a concurrent now() never sees half of a change.
        self._state: tuple[float | None, float] = (None, 0.0)
        if start is not None:
            self.move_to(start, tick=tick)
        elif not tick:
            self.freeze()

    def now(self) -> float:
        """The current time, in seconds since the epoch."""
        frozen, offset = self._state
        return frozen if frozen is not None else time.time() + offset

    def now_datetime(self) -> datetime:
        """The current time as an aware UTC datetime."""
        return datetime.fromtimestamp(self.now(), tz=timezone.utc)

    @property
    def ticking(self) -> bool:
        """Whether time passes (``False`` while the clock is frozen)."""
        return self._state[0] is None

    @property
    def follows_real_time(self) -> bool:
        """Whether the clock reads exactly the process's real time."""
        return self._state == (None, 0.0)

    def move_to(self, when: float | datetime, *, tick: bool | None = None) -> None:
        """Jump to ``when`` (epoch seconds or an aware datetime).

        ``tick`` chooses whether time passes from there; by default the clock
        keeps ticking or stays frozen as it was.
        """
        target = _epoch_seconds(when)
        with self._lock:
            ticking = self._state[0] is None if tick is None else tick
            self._state = (None, target - time.time()) if ticking else (target, 0.0)

    def shift(self, delta: float | timedelta) -> None:
        """Move forwards by ``delta`` (seconds or a timedelta; negative moves back)."""
        seconds = _seconds(delta)
        with self._lock:
            frozen, offset = self._state
            self._state = (None, offset + seconds) if frozen is None else (frozen + seconds, 0.0)

    def freeze(self) -> None:
        """Stop time at the current instant until the clock is moved or unfrozen."""
        with self._lock:
            frozen, offset = self._state
            if frozen is None:
                self._state = (time.time() + offset, 0.0)

    def unfreeze(self) -> None:
        """Let time pass again, from the instant the clock stands at."""
        with self._lock:
            frozen, _offset = self._state
            if frozen is not None:
                self._state = (None, frozen - time.time())

    def resume(self) -> None:
        """Follow real time again."""
        with self._lock:
            self._state = (None, 0.0)

    def __repr__(self) -> str:
        mode = "real time" if self.follows_real_time else ("ticking" if self.ticking else "frozen")
        return f"<Clock {self.now_datetime().isoformat()} ({mode})>"
