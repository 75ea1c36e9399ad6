"""What a table is, apart from its items: the settings DescribeTable reports.

Operations build and change these; the engine reads only the key schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dynantic.testing.engine.table import KeySchema

__all__ = ["IndexDefinition", "Projection", "TableDefinition", "Throughput"]


@dataclass(slots=True)
class Throughput:
    """Provisioned read and write capacity, and when it last changed."""

    read_capacity_units: int = 0
    write_capacity_units: int = 0
    last_increase: datetime | None = None
    last_decrease: datetime | None = None
    decreases_today: int = 0


@dataclass(frozen=True, slots=True)
class Projection:
    """Which attributes an index holds: ``KEYS_ONLY``, ``INCLUDE`` or ``ALL``."""

    type: str = "ALL"
    non_key_attributes: tuple[str, ...] = ()


@dataclass(slots=True)
class IndexDefinition:
    """A global or local secondary index."""

    name: str
    key_schema: KeySchema
    projection: Projection
    is_global: bool
    arn: str
    throughput: Throughput = field(default_factory=Throughput)
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
    billing_mode_set: bool = False
    pay_per_request_since: datetime | None = None
    throughput: Throughput = field(default_factory=Throughput)
    global_indexes: dict[str, IndexDefinition] = field(default_factory=dict[str, IndexDefinition])
    local_indexes: dict[str, IndexDefinition] = field(default_factory=dict[str, IndexDefinition])
    stream_specification: dict[str, object] | None = None
    latest_stream_label: str | None = None
    sse_specification: dict[str, object] | None = None
    table_class: str | None = None
    deletion_protection: bool = False
    tags: dict[str, str] = field(default_factory=dict[str, str])
    ttl_attribute: str | None = None
    ttl_enabled: bool = False
    on_demand_throughput: dict[str, int] | None = None
    warm_throughput: dict[str, int] | None = None
    status: str = "ACTIVE"
    extra: dict[str, object] = field(default_factory=dict[str, object])
