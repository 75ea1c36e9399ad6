"""The in-memory DynamoDB service: one entry point for every operation.

Both faces of the fake go through :meth:`Service.invoke` — the Python client
(after botocore's client-side checks) and the HTTP endpoint (after decoding the
wire format) — so they share one database and behave identically.
"""

from __future__ import annotations

from collections.abc import Mapping

from dynantic.testing import operations as _operations  # registers the handlers
from dynantic.testing.engine.clock import Clock
from dynantic.testing.engine.database import Database
from dynantic.testing.errors import ServiceError
from dynantic.testing.operations.registry import HANDLERS
from dynantic.testing.validation import check_constraints

__all__ = ["Service"]

del _operations


class Service:
    """An account's DynamoDB in one region, held in memory."""

    def __init__(
        self,
        *,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        clock: Clock | None = None,
    ) -> None:
        self.database = Database(region=region, account_id=account_id, clock=clock)

    @staticmethod
    def operation_names() -> frozenset[str]:
        """The operations this service answers."""
        return frozenset(HANDLERS)

    def invoke(self, operation_name: str, request: Mapping[str, object]) -> dict[str, object]:
        """Answer one request whose shape is valid; raise :class:`ServiceError` to refuse.

        The response has no ``ResponseMetadata``: each face adds its own.
        """
        handler = HANDLERS.get(operation_name)
        if handler is None:
            raise ServiceError("UnknownOperationException", "")
        check_constraints(operation_name, request)
        return handler(self.database, request)
