"""The operations, one module per family; importing this registers them all."""

from dynantic.testing.operations import (
    batch_get,
    batch_write,
    endpoints,
    items,
    limits,
    query,
    scan,
    tables,
    tags,
    transact_get,
    transact_write,
    ttl,
    update_table,
)

__all__ = [
    "batch_get",
    "batch_write",
    "endpoints",
    "items",
    "limits",
    "query",
    "scan",
    "tables",
    "tags",
    "transact_get",
    "transact_write",
    "ttl",
    "update_table",
]
