"""The item counts and sizes in table descriptions, refreshed every six hours.

The service recomputes a table's and its indexes' ``ItemCount`` and size about
every six hours, so a description shows them as of the last refresh: a new
table reports zeros until six hours after its creation. The fake refreshes on
its clock at six-hour steps from the table's creation, taking the counts as
they stand when a description first falls after a step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing.engine.definition import Statistics

if TYPE_CHECKING:
    from dynantic.testing.engine.table import Table

__all__ = ["REFRESH_SECONDS", "current_statistics"]

REFRESH_SECONDS = 6 * 60 * 60


def current_statistics(table: Table, now: float) -> Statistics:
    """``table``'s statistics as a description at ``now`` shows them."""
    definition = table.definition
    statistics = definition.statistics
    since = statistics.taken_at
    if since is None:
        since = definition.created.timestamp()
    steps = int((now - since) // REFRESH_SECONDS)
    if steps < 1:
        return statistics
    refreshed = Statistics(
        taken_at=since + steps * REFRESH_SECONDS,
        item_count=table.item_count,
        size_bytes=table.size_bytes,
        indexes=tuple(
            (name, index.item_count, index.size_bytes) for name, index in table.indexes.items()
        ),
    )
    definition.statistics = refreshed
    return refreshed
