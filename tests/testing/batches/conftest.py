"""The item tests' tables and refusal check, shared by the batch tests."""

from __future__ import annotations

from tests.testing.items.conftest import fake, refuses

__all__ = ["fake", "refuses"]
