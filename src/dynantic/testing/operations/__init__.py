"""The operations, one module per family; importing this registers them all."""

from dynantic.testing.operations import items, tables, tags, ttl

__all__ = ["items", "tables", "tags", "ttl"]
