"""The operations, one module per family; importing this registers them all."""

from dynantic.testing.operations import items, query, scan, tables, tags, ttl, update_table

__all__ = ["items", "query", "scan", "tables", "tags", "ttl", "update_table"]
