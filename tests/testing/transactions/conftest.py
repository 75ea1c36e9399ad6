"""The item tests' tables and refusal check, shared by the transaction tests."""

from __future__ import annotations

from tests.testing.items.conftest import fake, refuses

__all__ = ["fake", "refuses"]
