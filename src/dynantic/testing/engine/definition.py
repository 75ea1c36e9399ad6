"""What a table is, apart from its items: the settings DescribeTable reports.

Operations build and change these; the engine reads only the key schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from dynantic.testing.engine.table import KeySchema

__all__ = [
    "IndexDefinition",
    "OnDemandThroughput",
    "Projection",
    "Statistics",
    "StreamSettings",
    "TableDefinition",
    "Throughput",
    "TimeToLive",
    "WarmThroughput",
]


@dataclass(slots=True)
class Throughput:
    """Provisioned read and write capacity, and when it last changed.

    ``decreases_today`` counts the decreases made on ``decrease_day`` (a UTC
    date); the service starts counting again at midnight UTC.
    """

    read_capacity_units: int = 0
    write_capacity_units: int = 0
    last_increase: datetime | None = None
    last_decrease: datetime | None = None
    decreases_today: int = 0
    decrease_day: date | None = None

    def decreases_on(self, day: date) -> int:
        """How many decreases were made on ``day``."""
        return self.decreases_today if self.decrease_day == day else 0


@dataclass(frozen=True, slots=True)
class OnDemandThroughput:
    """The most read and write request units an on-demand table or index may use."""

    max_read_request_units: int | None = None
    max_write_request_units: int | None = None


@dataclass(frozen=True, slots=True)
class WarmThroughput:
    """The read and write units per second a table or index is ready to serve."""

    read_units_per_second: int
    write_units_per_second: int


@dataclass(frozen=True, slots=True)
class Projection:
    """Which attributes an index holds: ``KEYS_ONLY``, ``INCLUDE`` or ``ALL``."""

    type: str = "ALL"
    non_key_attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StreamSettings:
    """An enabled stream: what it records and the label it was created with."""

    view_type: str
    label: str


@dataclass(slots=True)
class TimeToLive:
    """The table's TTL attribute and when TTL was last switched on or off."""

    attribute_name: str | None = None
    enabled: bool = False
    changed_at: float | None = None


@dataclass(frozen=True, slots=True)
class Statistics:
    """The item counts and sizes DescribeTable reports, as of ``taken_at``.

    ``taken_at`` is None until the first refresh after the table was created;
    ``indexes`` holds each index's (item count, size in bytes) by name.
    """

    taken_at: float | None = None
    item_count: int = 0
    size_bytes: int = 0
    indexes: tuple[tuple[str, int, int], ...] = ()

    def index(self, name: str) -> tuple[int, int]:
        """The item count and size of the index called ``name`` (0, 0 if unknown)."""
        for index_name, count, size in self.indexes:
            if index_name == name:
                return count, size
        return 0, 0


@dataclass(slots=True)
class IndexDefinition:
    """A global or local secondary index.

    Local indexes have no throughput, on-demand or warm settings of their own.
    """

    name: str
    key_schema: KeySchema
    projection: Projection
    is_global: bool
    arn: str
    throughput: Throughput | None = None
    on_demand: OnDemandThroughput | None = None
    warm: WarmThroughput | None = None
    status: str = "ACTIVE"


@dataclass(slots=True)
class TableDefinition:
    """A table's settings, as CreateTable and UpdateTable set them."""

    name: str
    key_schema: KeySchema
    attribute_types: dict[str, str]
    arn: str
    table_id: str
    created: datetime
    billing_mode: str = "PROVISIONED"
    pay_per_request_since: datetime | None = None
    throughput: Throughput = field(default_factory=Throughput)
    on_demand: OnDemandThroughput | None = None
    warm: WarmThroughput = field(default_factory=lambda: WarmThroughput(0, 0))
    warm_requested: bool = False
    global_indexes: dict[str, IndexDefinition] = field(default_factory=dict[str, IndexDefinition])
    local_indexes: dict[str, IndexDefinition] = field(default_factory=dict[str, IndexDefinition])
    stream: StreamSettings | None = None
    latest_stream_label: str | None = None
    sse_key_arn: str | None = None
    table_class: str | None = None
    table_class_updated: datetime | None = None
    table_class_changes: list[float] = field(default_factory=list[float])
    deletion_protection: bool = False
    deletion_protection_changed_at: float | None = None
    tags: dict[str, str] = field(default_factory=dict[str, str])
    stream_tags: dict[str, str] = field(default_factory=dict[str, str])
    """The tags of the latest stream, which are not the table's."""
    ttl: TimeToLive = field(default_factory=TimeToLive)
    statistics: Statistics = field(default_factory=Statistics)
    status: str = "ACTIVE"

    def index(self, name: str) -> IndexDefinition | None:
        """The global or local index called ``name``, if any."""
        return self.global_indexes.get(name) or self.local_indexes.get(name)
