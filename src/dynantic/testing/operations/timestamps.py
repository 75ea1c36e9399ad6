"""Times as the service keeps and writes them."""

from __future__ import annotations

from datetime import datetime, timezone

from dynantic.testing.engine.clock import Clock

__all__ = ["iso_millis", "long_date", "now"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def now(clock: Clock) -> datetime:
    """The clock's time as an aware UTC datetime, to the millisecond as the service keeps it."""
    moment = datetime.fromtimestamp(round(clock.now(), 3), tz=timezone.utc)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def long_date(moment: datetime) -> str:
    """Java's full date-time style in UTC: ``Friday, October 9, 2026 at 1:21:34 AM
    Coordinated Universal Time``."""
    utc = moment.astimezone(timezone.utc)
    hour = utc.hour % 12 or 12
    return (
        f"{_DAYS[utc.weekday()]}, {_MONTHS[utc.month - 1]} {utc.day}, {utc.year} "
        f"at {hour}:{utc:%M:%S} "
        f"{'AM' if utc.hour < 12 else 'PM'} Coordinated Universal Time"
    )


def iso_millis(moment: datetime) -> str:
    """``2026-10-08T23:07:38.207``: UTC, to the millisecond, without a zone."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}"
