"""Conformance scenarios: each DynamoDB behaviour written once and run against
every backend (the fake in process, the fake over HTTP, dynalite, moto, and any
endpoint named by ``DYNANTIC_CONFORMANCE_ENDPOINT``)."""

import pytest

# The comparisons live in support.py: let pytest explain their failures.
pytest.register_assert_rewrite(f"{__name__}.support")
