"""The operations, one module per family; importing this registers them all."""

from dynantic.testing.operations import items, tables

__all__ = ["items", "tables"]
